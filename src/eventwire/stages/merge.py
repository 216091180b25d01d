"""merge.article.v1 (work in progress)."""
from __future__ import annotations
from ..model import Document
def merge_events(doc: Document, config) -> Document:
    return doc
