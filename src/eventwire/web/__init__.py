"""Templates and static files of the eventwire web UI (server-rendered, no JavaScript).

``TEMPLATES_DIR`` holds the Jinja2 templates (rendered with autoescape on) and
``STATIC_DIR`` the stylesheet and icon, served under ``/static``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]

_HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = _HERE / "templates"
STATIC_DIR = _HERE / "static"
