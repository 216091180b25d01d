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


def event_table(events: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=True)
    for column in ("article", "type", "source", "target", "date", "how many", "claimed by", "evidence"):
        table.add_column(column)
    for e in events:
        qty = "\n".join(f"{q['kind']} {q['value']} {q['qualifier']}" for q in e["quantities"])
        claim = e["claimed_by"]["text"] if e.get("claimed_by") else "-"
        ev = e["evidence"][0]
        trigger = ev.get("trigger_text", "")
        table.add_row(
            e["article_id"],
            f"{e['type']}\n{e['cameo']}",
            escape(_side(e["sources"])),
            escape(_side(e["targets"])),
            e.get("date") or "-",
            qty or "-",
            escape(claim),
            escape(f"[{trigger}] {ev['text'][:160]}"),
        )
    Console(width=160).print(table)
