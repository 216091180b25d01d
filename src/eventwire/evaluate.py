"""Score coded events against a gold file: precision, recall, F1 and field accuracies.

The matching rules are those of the project's shared gold format:

- a predicted event matches a gold event of the same article when the PLOVER type (or
  the CAMEO root, ``by="cameo"``) agrees and they share a source actor and a target actor;
  an empty gold side matches anything, and a ``symmetric`` gold event may match with its
  sides swapped;
- actors compare by code (country, then organisation) and, when the gold code is null,
  by text containment;
- matching is one-to-one: the pairs that agree best (shared codes, date, claimant,
  quantities, evidence) are taken first, then augmenting paths make the matching as
  large as possible;
- predictions that match an ``optional`` gold event count neither way.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["EvalResult", "evaluate", "evaluate_files"]

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT", "YIELD": "CONCEDE"}  # fmt: skip
# CAMEO country codes that are not ISO 3166-1 alpha-3.
CAMEO_COUNTRY = {"JAP": "JPN", "GER": "DEU", "ROM": "ROU", "SER": "SRB", "BUL": "BGR",
                 "GUA": "GTM", "CON": "COG", "ZAI": "COD", "TMP": "TLS", "BAN": "BGD",
                 "NIG": "NGA", "UK": "GBR", "US": "USA"}  # fmt: skip


def _items(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _code(actor: Any) -> str | None:
    if isinstance(actor, str):
        value = actor
    elif isinstance(actor, dict):
        value = next((actor[k] for k in ("code", "country", "igo", "organization") if actor.get(k)), None)
    else:
        value = None
    if not value:
        return None
    value = str(value).strip().upper()
    return CAMEO_COUNTRY.get(value, value)


def _text(actor: Any) -> str:
    return str(actor.get("text") or actor.get("name") or "").lower() if isinstance(actor, dict) else ""


def _same_actor(pred: Any, gold: Any) -> bool:
    g, p = _code(gold), _code(pred)
    if g and p:
        return g == p
    gt, pt = _text(gold), _text(pred)
    return bool(gt and pt and (gt in pt or pt in gt))


def _side_ok(pred_side: list, gold_side: list) -> bool:
    return not gold_side or any(_same_actor(p, g) for p in pred_side for g in gold_side)


def _types(event: dict, by: str, gold: bool) -> set[str]:
    if by == "cameo":
        if gold:
            return {str(c)[:2] for c in _items(event.get("cameo_root"))}
        code = str(event.get("cameo") or event.get("cameo_code") or "")
        return {code[:2]} if len(code) >= 2 else set()
    names = _items(event.get("type"))
    return {OLD_NAMES.get(str(t).strip().upper(), str(t).strip().upper()) for t in names if t}


def _fits(pred: dict, gold: dict, by: str) -> bool:
    if not _types(pred, by, False) & _types(gold, by, True):
        return False
    ps, pt = _items(pred.get("sources")), _items(pred.get("targets"))
    gs, gt = _items(gold.get("sources")), _items(gold.get("targets"))
    if _side_ok(ps, gs) and _side_ok(pt, gt):
        return True
    return bool(gold.get("symmetric")) and _side_ok(pt, gs) and _side_ok(ps, gt)


def _codes(side: Any) -> set[str]:
    return {c for c in (_code(a) for a in _items(side)) if c}


def _quantity(gold_q: dict, preds: Any) -> tuple[bool, bool]:
    value_ok = qualifier_ok = False
    for q in _items(preds):
        if not isinstance(q, dict) or str(q.get("kind", "")).lower() != str(gold_q["kind"]).lower():
            continue
        try:
            near = abs(float(q.get("value")) - float(gold_q["value"])) <= 0.01 * abs(float(gold_q["value"]))
        except (TypeError, ValueError):
            continue
        if near:
            value_ok = True
            qualifier_ok = qualifier_ok or q.get("qualifier") == gold_q.get("qualifier")
    return value_ok, qualifier_ok


def _agreement(pred: dict, gold: dict) -> int:
    points = len(_codes(pred.get("sources")) & _codes(gold.get("sources")))
    points += len(_codes(pred.get("targets")) & _codes(gold.get("targets")))
    points += bool(gold.get("date")) and pred.get("date") == gold.get("date")
    if gold.get("claimed_by"):
        points += _same_actor(pred.get("claimed_by") or {}, gold["claimed_by"])
    points += sum(_quantity(q, pred.get("quantities"))[0] for q in _items(gold.get("quantities")))
    said = " ".join(
        str(e.get("text", "")) if isinstance(e, dict) else str(e) for e in _items(pred.get("evidence"))
    ).lower()
    quote = str(gold.get("evidence", "")).lower()
    points += 2 * bool(said and quote and (quote in said or said in quote))
    return points


def _pairs(preds: list[dict], golds: list[dict], by: str) -> dict[int, int]:
    """gold index -> prediction index."""
    options = [[p for p, pred in enumerate(preds) if _fits(pred, gold, by)] for gold in golds]
    candidates = sorted(
        ((_agreement(preds[p], golds[g]), g, p) for g, ps in enumerate(options) for p in ps),
        reverse=True,
    )
    owner: dict[int, int] = {}
    matched: set[int] = set()
    for _, g, p in candidates:
        if g not in matched and p not in owner:
            owner[p] = g
            matched.add(g)

    def grow(g: int, visited: set[int]) -> bool:
        for p in options[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or grow(owner[p], visited):
                owner[p] = g
                return True
        return False

    for g in range(len(golds)):
        if g not in matched:
            grow(g, set())
    return {g: p for p, g in owner.items()}


@dataclass
class EvalResult:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    articles: int = 0
    counts: Counter = field(default_factory=Counter)
    per_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[tuple] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float | None:
        total = self.counts[f"{name}_n"]
        return round(self.counts[f"{name}_ok"] / total, 4) if total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "gold_events": self.tp + self.fn,
            "predicted_scored": self.tp + self.fp, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "date_accuracy": self.accuracy("date"),
            "quantity_accuracy": self.accuracy("qty"),
            "quantity_qualifier_accuracy": self.accuracy("qual"),
            "claimed_by_accuracy": self.accuracy("claim"),
            "exact_actor_accuracy": self.accuracy("actors"),
            "location_accuracy": self.accuracy("loc"),
            "per_type": {k: dict(v) for k, v in sorted(self.per_type.items())},
        }  # fmt: skip

    def report(self) -> str:
        lines = [
            f"  {label:<22} tp={c.get('tp', 0):<4} fp={c.get('fp', 0):<4} fn={c.get('fn', 0)}"
            for label, c in sorted(self.per_type.items())
        ]
        d = self.as_dict()
        lines.append(
            f"fields: date={d['date_accuracy']} quantity={d['quantity_accuracy']} "
            f"qualifier={d['quantity_qualifier_accuracy']} claimed_by={d['claimed_by_accuracy']} "
            f"exact_actors={d['exact_actor_accuracy']} location={d['location_accuracy']}"
        )
        lines.append(
            f"events: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"(gold={self.tp + self.fn} tp={self.tp} fp={self.fp} fn={self.fn} "
            f"articles={self.articles})"
        )
        return "\n".join(lines)


def _place(pred: Any, gold: dict) -> bool:
    if not isinstance(pred, dict):
        return False
    gt = str(gold.get("text") or "").lower()
    pt = str(pred.get("text") or pred.get("name") or "").lower()
    if gt and pt:
        return gt in pt or pt in gt
    return bool(gold.get("country")) and _code(pred.get("country")) == _code(gold.get("country"))


def evaluate(gold_rows: Iterable[dict], predictions: Iterable[dict], *, by: str = "plover") -> EvalResult:
    """Score predicted events (contract dicts) against gold articles."""
    gold_rows = list(gold_rows)
    seen: set[str] = set()
    for row in gold_rows:
        aid = str(row["article_id"])
        if aid in seen:
            raise InputError(f"The gold file repeats article id {aid!r}. Each article appears once.")
        seen.add(aid)
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in predictions:
        if isinstance(row.get("events"), list):
            for event in row["events"]:
                grouped[str(event.get("article_id") or row.get("article_id") or row.get("id"))].append(event)
        else:
            grouped[str(row.get("article_id"))].append(row)
    result = EvalResult(articles=len(gold_rows))
    c = result.counts
    for article in gold_rows:
        aid = str(article["article_id"])
        preds = grouped.get(aid, [])
        events = article.get("events", [])
        required = [e for e in events if not e.get("optional")]
        optional = [e for e in events if e.get("optional")]
        pairs = _pairs(preds, required, by)
        for g, gold in enumerate(required):
            label = "/".join(sorted(_types(gold, by, True)))
            if g not in pairs:
                result.fn += 1
                result.per_type[label]["fn"] += 1
                result.errors.append(("missed", aid, gold.get("id"), label, str(gold.get("evidence", ""))[:100]))
                continue
            pred = preds[pairs[g]]
            result.tp += 1
            result.per_type[label]["tp"] += 1
            c["actors_n"] += 1
            c["actors_ok"] += (_codes(pred.get("sources")) | _codes(pred.get("targets"))) == (
                _codes(gold.get("sources")) | _codes(gold.get("targets"))
            )
            if gold.get("date"):
                c["date_n"] += 1
                c["date_ok"] += pred.get("date") == gold["date"]
            if gold.get("claimed_by"):
                c["claim_n"] += 1
                c["claim_ok"] += _same_actor(pred.get("claimed_by") or {}, gold["claimed_by"])
            if gold.get("location"):
                c["loc_n"] += 1
                c["loc_ok"] += _place(pred.get("location"), gold["location"])
            for q in _items(gold.get("quantities")):
                value_ok, qualifier_ok = _quantity(q, pred.get("quantities"))
                c["qty_n"] += 1
                c["qty_ok"] += value_ok
                c["qual_n"] += 1
                c["qual_ok"] += qualifier_ok
        used = set(pairs.values())
        for p, pred in enumerate(preds):
            if p in used or any(_fits(pred, o, by) for o in optional):
                continue
            label = "/".join(sorted(_types(pred, by, False))) or "?"
            result.fp += 1
            result.per_type[label]["fp"] += 1
            result.errors.append(("spurious", aid, pred.get("event_id"), label, ""))
    return result


def _read_jsonl(path: str | Path) -> list[dict]:
    rows = []
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror}). Check the path.") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}). Fix or remove that line.") from exc
    return rows


def evaluate_files(gold: str | Path, predictions: str | Path, *, by: str = "plover") -> EvalResult:
    return evaluate(_read_jsonl(gold), _read_jsonl(predictions), by=by)
