"""eventwire: political event data from news, every field traced to its evidence.

Quick start::

    import eventwire

    coder = eventwire.Coder()
    for result in coder.code_inputs(["article.txt"]):
        for event in result.events:          # contract dicts, as `eventwire code` prints
            print(event["type"], event["sources"], event["targets"])

    db = eventwire.open("eventwire.duckdb")  # the event database
    df = db.events_df()                      # pandas; db.events_table() for pyarrow
    db.con.sql("select type, count(*) from events group by type").show()
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"
CODER = f"eventwire {__version__}"

# Public names, imported on first use so that `import eventwire` stays light.
_LAZY = {
    "Article": "eventwire.model",
    "Coder": "eventwire.pipeline",
    "CoderConfig": "eventwire.config",
    "Event": "eventwire.model",
    "EventwireError": "eventwire.errors",
    "load_config": "eventwire.config",
    "open": "eventwire.store",
    "read_inputs": "eventwire.readers",
}

__all__ = [
    "Article",
    "CODER",
    "Coder",
    "CoderConfig",
    "Event",
    "EventwireError",
    "__version__",
    "load_config",
    "open",
    "read_inputs",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
    if name == "open":
        return import_module(module).open_database
    return getattr(import_module(module), name)
