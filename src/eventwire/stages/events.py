"""events.rules.v1 (work in progress)."""
from __future__ import annotations
from ..model import Document
def code_events(doc: Document, config) -> Document:
    return doc
