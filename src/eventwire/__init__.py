"""eventwire: political event data from news, every field traced to its evidence."""

from __future__ import annotations

__version__ = "0.1.0"
CODER = f"eventwire {__version__}"

__all__ = ["CODER", "__version__"]
