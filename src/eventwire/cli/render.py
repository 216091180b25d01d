"""Readable tables for the terminal (rich), on stdout."""

from __future__ import annotations

from typing import Any

__all__ = ["event_table"]


def _side(actors: list[dict[str, Any]]) -> str:
    parts = []
    for a in actors:
        code = a.get("country") or a.get("igo") or "-"
        sector = f"/{a['sector']}" if a.get("sector") else ""
        parts.append(f"{code}{sector} ({a.get('text')})")
    return "\n".join(parts) or "-"


def _snippet(evidence: dict[str, Any], width: int = 48) -> str:
    """The words around the trigger, the trigger in [brackets]."""
    text, start = evidence["text"], evidence["start"]
    t0, t1 = (evidence.get("trigger") or [start, start])
    a, b = t0 - start, t1 - start
    left = text[max(0, a - width) : a]
    right = text[b : b + width]
    left = ("…" + left.split(" ", 1)[-1]) if a > width else left
    right = (right.rsplit(" ", 1)[0] + "…") if len(text) - b > width else right
    return f"{left}[{text[a:b]}]{right}"


def event_table(events: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=True)
    widths = {"article": 14, "type": 10, "source": 22, "target": 22, "date": 10,
              "how many": 14, "claimed by": 16}  # fmt: skip
    for column, width in widths.items():
        table.add_column(column, max_width=width)
    table.add_column("evidence", ratio=1, min_width=40)
    for e in events:
        qty = "\n".join(f"{q['kind']} {q['value']} {q['qualifier']}" for q in e["quantities"])
        claim = e["claimed_by"]["text"] if e.get("claimed_by") else "-"
        ev = e["evidence"][0]
        snippet = _snippet(ev)
        table.add_row(
            e["article_id"],
            f"{e['type']}\n{e['cameo']}",
            escape(_side(e["sources"])),
            escape(_side(e["targets"])),
            e.get("date") or "-",
            qty or "-",
            escape(claim),
            escape(snippet),
        )
    Console(width=150).print(table)
