"""Chart geometry for the pages, computed on the server and drawn as inline SVG.

Each function returns plain numbers and strings; the templates turn them into SVG
elements (with Jinja autoescape on every label), so the pages need no JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

__all__ = ["QUAD_COLOURS", "QUAD_NAMES", "goldstein_colour", "map_chart", "network_chart", "timeline_chart"]

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#7fb3d5", 2: "#1f618d", 3: "#f5b041", 4: "#c0392b"}

#: More days than this and the timeline shows months.
MAX_DAY_BARS = 400


def goldstein_colour(value: float | None) -> str:
    """A diverging colour for a Goldstein value: red (-10), grey (0), blue (+10)."""
    if value is None:
        return "#999999"
    t = max(-1.0, min(1.0, value / 10.0))
    grey = (150, 150, 150)
    end = (192, 57, 43) if t < 0 else (31, 97, 141)
    a = abs(t)
    r, g, b = (round(grey[i] + (end[i] - grey[i]) * a) for i in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"


def _nice_scale(peak: int) -> tuple[int, int]:
    """(axis maximum, tick step): whole numbers, at most five steps."""
    exp = 1
    while True:
        for base in (1, 2, 2.5, 5):
            step = int(base * exp)
            if step and peak <= step * 5 and float(base * exp).is_integer():
                top = max(step, math.ceil(peak / step) * step)
                return top, step
        exp *= 10


def _month_add(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def timeline_chart(
    by_day: Sequence[Mapping[str, Any]],
    by_month: Sequence[Mapping[str, Any]],
    *,
    width: int = 960,
    height: int = 280,
) -> dict[str, Any]:
    """Stacked bars of events per day (or per month, for long ranges) by quad class."""
    left, right, top, bottom = 48, 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    unit = "day"
    counts: dict[date, Mapping[str, Any]] = {}
    for row in by_day:
        counts[date.fromisoformat(str(row["day"]))] = row
    if not counts:
        return {"width": width, "height": height, "bars": [], "ticks": [], "labels": [], "unit": unit, "empty": True}
    first, last = min(counts), max(counts)
    keys: list[date] = []
    if (last - first).days + 1 > MAX_DAY_BARS:
        unit = "month"
        counts = {date.fromisoformat(f"{row['month']}-01"): row for row in by_month}
        cur = date(first.year, first.month, 1)
        while cur <= last:
            keys.append(cur)
            cur = _month_add(cur)
    else:
        cur = first
        while cur <= last:
            keys.append(cur)
            cur += timedelta(days=1)
    peak = max((int(counts[k]["events"]) for k in keys if k in counts), default=1)
    y_max, y_step = _nice_scale(peak)
    slot = plot_w / len(keys)
    bar_w = max(1.0, slot * 0.8)
    bars = []
    for i, key in enumerate(keys):
        row = counts.get(key)
        if not row:
            continue
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        parts = []
        for quad in (1, 2, 3, 4):
            n = int(row.get(f"quad{quad}") or 0)
            if not n:
                continue
            h = plot_h * n / y_max
            y -= h
            parts.append({"y": round(y, 2), "height": round(h, 2), "quad": quad, "colour": QUAD_COLOURS[quad], "count": n})
        label = key.isoformat() if unit == "day" else key.strftime("%Y-%m")
        bars.append({
            "x": round(x, 2), "width": round(bar_w, 2), "parts": parts, "label": label,
            "total": int(row["events"]),
            "title": f"{label}: {int(row['events'])} event(s) — "
            + ", ".join(f"{QUAD_NAMES[p['quad']]} {p['count']}" for p in parts),
        })  # fmt: skip
    ticks = [
        {"y": round(top + plot_h - plot_h * value / y_max, 2), "label": f"{value:,}"}
        for value in range(0, y_max + 1, y_step)
    ]
    every = max(1, math.ceil(len(keys) / 8))
    labels = [
        {
            "x": round(left + i * slot + slot / 2, 2),
            "label": key.isoformat() if unit == "day" else key.strftime("%Y-%m"),
        }
        for i, key in enumerate(keys)
        if i % every == 0
    ]
    return {
        "width": width, "height": height, "bars": bars, "ticks": ticks, "labels": labels,
        "unit": unit, "left": left, "right": width - right, "top": top, "bottom": top + plot_h,
        "empty": False,
    }  # fmt: skip


def network_chart(
    edges: Sequence[Mapping[str, Any]], *, max_nodes: int = 30, size: int = 640
) -> dict[str, Any]:
    """A circular layout of the busiest actors with weighted, coloured, arrowed edges."""
    degree: dict[str, int] = {}
    for edge in edges:
        degree[edge["source"]] = degree.get(edge["source"], 0) + int(edge["events"])
        degree[edge["target"]] = degree.get(edge["target"], 0) + int(edge["events"])
    names = sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes]
    keep = set(names)
    shown = [e for e in edges if e["source"] in keep and e["target"] in keep]
    centre = size / 2
    radius = size / 2 - 70 if len(names) > 2 else size / 4
    top_degree = max(degree.values(), default=1)
    nodes = {}
    for i, name in enumerate(names):
        angle = 2 * math.pi * i / max(1, len(names)) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        r = 6 + 14 * math.sqrt(degree[name] / top_degree)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        lx = x + (r + 6) * math.cos(angle)
        ly = y + (r + 6) * math.sin(angle) + 4
        nodes[name] = {
            "name": name, "x": round(x, 1), "y": round(y, 1), "r": round(r, 1),
            "label_x": round(lx, 1), "label_y": round(ly, 1), "anchor": anchor, "events": degree[name],
        }  # fmt: skip
    heaviest = max((int(e["events"]) for e in shown), default=1)
    pairs = {(e["source"], e["target"]) for e in shown}
    lines = []
    for edge in sorted(shown, key=lambda e: int(e["events"])):
        a, b = nodes[edge["source"]], nodes[edge["target"]]
        dx, dy = b["x"] - a["x"], b["y"] - a["y"]
        dist = math.hypot(dx, dy) or 1.0
        ux, uy = dx / dist, dy / dist
        # Reciprocal edges bend apart so both stay visible.
        bend = 0.18 * dist if (edge["target"], edge["source"]) in pairs else 0.06 * dist
        mx, my = (a["x"] + b["x"]) / 2 - uy * bend, (a["y"] + b["y"]) / 2 + ux * bend
        # End at the target circle's edge, along the curve's last tangent.
        tx, ty = b["x"] - mx, b["y"] - my
        tl = math.hypot(tx, ty) or 1.0
        ex, ey = b["x"] - tx / tl * (b["r"] + 2), b["y"] - ty / tl * (b["r"] + 2)
        width = 1 + 7 * math.sqrt(int(edge["events"]) / heaviest)
        head = 5 + width
        px, py = -ty / tl, tx / tl
        bx, by = ex - tx / tl * head, ey - ty / tl * head
        arrow = [
            (round(ex, 1), round(ey, 1)),
            (round(bx + px * head * 0.5, 1), round(by + py * head * 0.5, 1)),
            (round(bx - px * head * 0.5, 1), round(by - py * head * 0.5, 1)),
        ]
        colour = goldstein_colour(edge.get("goldstein_mean"))
        mean = edge.get("goldstein_mean")
        lines.append({
            "path": f"M {a['x']} {a['y']} Q {round(mx, 1)} {round(my, 1)} {round(bx, 1)} {round(by, 1)}",
            "arrow": " ".join(f"{x},{y}" for x, y in arrow),
            "width": round(width, 2), "colour": colour,
            "title": f"{edge['source']} → {edge['target']}: {edge['events']} event(s), "
            f"mean Goldstein {mean if mean is not None else 'n/a'}",
        })  # fmt: skip
    return {
        "size": size, "nodes": list(nodes.values()), "edges": lines, "empty": not names,
        "hidden": len(degree) - len(names),
    }  # fmt: skip


def map_chart(points: Sequence[Mapping[str, Any]], *, width: int = 960) -> dict[str, Any]:
    """Points on an equirectangular plot (longitude -> x, latitude -> y)."""
    height = width / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return round((lon + 180) / 360 * width, 1), round((90 - lat) / 180 * height, 1)

    top = max((int(p["events"]) for p in points), default=1)
    dots = []
    for p in sorted(points, key=lambda p: -int(p["events"])):
        x, y = project(float(p["lat"]), float(p["lon"]))
        dots.append({
            "x": x, "y": y, "r": round(3 + 12 * math.sqrt(int(p["events"]) / top), 1),
            "colour": goldstein_colour(p.get("goldstein_mean")),
            "title": f"{p.get('name') or '?'} ({p.get('country') or '?'}): {p['events']} event(s), "
            f"mean Goldstein {p.get('goldstein_mean')}",
            "label": p.get("name") or "",
        })  # fmt: skip
    graticule = []
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon)
        graticule.append({"x1": x, "y1": 0, "x2": x, "y2": height, "label": f"{lon}°", "major": lon == 0})
    for lat in range(-90, 91, 30):
        _, y = project(lat, 0)
        graticule.append({"x1": 0, "y1": y, "x2": width, "y2": y, "label": f"{lat}°", "major": lat == 0})
    return {"width": width, "height": height, "dots": dots, "graticule": graticule, "empty": not dots}
