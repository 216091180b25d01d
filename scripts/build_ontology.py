"""Build eventwire's CAMEO/PLOVER table from the facts in ../shared/ontology.

    python scripts/build_ontology.py [SHARED_DIR]

Writes src/eventwire/resources/cameo.tsv: code, PLOVER type, PLOVER mode, Goldstein
value and the CAMEO description. Run it again when the shared ontology changes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "resources" / "cameo.tsv"
LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Roots whose PLOVER type the crosswalk lists per sub-code or drops (01, 02 have none).
ROOT_TYPES = {"15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
              "19": "ASSAULT", "20": "ASSAULT"}


def main(shared: Path) -> None:
    onto = shared / "ontology"
    names = {}
    for line in (onto / "CAMEO.eventcodes.txt").read_text().splitlines()[1:]:
        code, _, desc = line.partition("\t")
        if code.strip():
            names[code.strip()] = desc.strip()
    goldstein = {}
    for line in (onto / "CAMEO.goldsteinscale.txt").read_text().splitlines()[1:]:
        code, _, value = line.partition("\t")
        if code.strip():
            goldstein[code.strip()] = float(value)
    plover: dict[str, tuple[str, str]] = {}
    for line in (onto / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if not m:
            continue
        code, ptype, mode = m.group(1), m.group(2), (m.group(3) or "").strip()
        plover[code] = (LEGACY.get(ptype, ptype), mode)
    import json

    valid_modes = {
        t["event"]: {m["mode"] for m in t["modes"]}
        for t in json.loads((onto / "plover_event_types_modes.json").read_text())
    }
    valid_modes["ACCUSE"].add("disapprove")
    rows = []
    for code in sorted(names, key=lambda c: (c[:2], c)):
        ptype, mode = plover.get(code, ("", ""))
        if not ptype:
            for prefix in (code[:3], code[:2]):
                if prefix in plover and prefix != code:
                    ptype = plover[prefix][0]
                    break
            ptype = ptype or ROOT_TYPES.get(code[:2], "")
        if code[:2] == "20":
            mode = mode or "unconventional"
        if mode not in valid_modes.get(ptype, set()):
            mode = ""
        gold = goldstein.get(code, goldstein.get(code[:3], goldstein.get(code[:2], 0.0)))
        rows.append(f"{code}\t{ptype}\t{mode}\t{gold}\t{names[code]}")
    OUT.write_text("code\tplover\tmode\tgoldstein\tdescription\n" + "\n".join(rows) + "\n")
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
