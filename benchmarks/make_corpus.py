"""Write a benchmark corpus: N copies of a JSON Lines file, each record with a distinct id.

The throughput targets of ``eventwire batch`` are measured on at least 2,000 articles;
the shared news sample has 163, so this repeats it. Copy ``k`` of a record gets the id
``<id>~<k>`` (records without an id get ``<file stem>-<line>~<k>``), so every article is
coded and stored as its own.

Usage::

    .venv/bin/python benchmarks/make_corpus.py [--input ../shared/bench/news-sample.jsonl]
        [--articles 2000 | --copies N] [--out PATH]

Prints the path written (a new temporary file unless ``--out`` is given).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = ROOT.parent / "shared" / "bench" / "news-sample.jsonl"


def make_corpus(source: Path, out: Path, *, copies: int) -> int:
    """Write ``copies`` copies of every record of ``source`` to ``out``; the record count."""
    records = []
    with source.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if line.strip():
                record = json.loads(line)
                record.setdefault("id", f"{source.stem}-{lineno}")
                records.append(record)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for record in records:
                fh.write(json.dumps({**record, "id": f"{record['id']}~{copy}"},
                                    ensure_ascii=False) + "\n")  # fmt: skip
                n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT, help="a JSON Lines file")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--articles", type=int, default=2000, help="at least this many records")
    size.add_argument("--copies", type=int, help="exactly this many copies")
    parser.add_argument("--out", type=Path, help="output file (default: a new temporary file)")
    args = parser.parse_args(argv)
    if not args.input.is_file():
        parser.error(f"{args.input}: no such file; give --input PATH")
    per_copy = sum(1 for line in args.input.open(encoding="utf-8") if line.strip())
    copies = args.copies or max(1, math.ceil(args.articles / max(per_copy, 1)))
    out = args.out
    if out is None:
        fd, name = tempfile.mkstemp(prefix="eventwire-corpus-", suffix=".jsonl")
        os.close(fd)
        out = Path(name)
    n = make_corpus(args.input, out, copies=copies)
    print(f"{out}\t{n} records ({copies} copies of {args.input.name})", file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
