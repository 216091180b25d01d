"""Options and helpers shared by the commands."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import click

from ..config import CoderConfig, load_config
from ..errors import ConfigError
from ..model import Reject

__all__ = ["coder_options", "config_from", "echo_reject", "parse_published", "progress"]


def coder_options(func: Callable) -> Callable:
    """--config FILE and repeatable --set name=value, as for every coding command."""
    func = click.option(
        "--set",
        "settings",
        multiple=True,
        metavar="NAME=VALUE",
        help="Override one setting, e.g. --set model=en_core_web_sm (repeatable).",
    )(func)
    func = click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        help="TOML settings file ([coder] table).",
    )(func)
    return func


def config_from(config_file: str | None, settings: tuple[str, ...]) -> CoderConfig:
    return load_config(config_file, settings)


def parse_published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        import dateparser

        parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})
        if parsed is None:
            raise ConfigError(
                f"--published {value!r} is not a date. Use ISO form, e.g. 2024-12-19T10:00."
            ) from None
        return parsed


def echo_reject(reject: Reject) -> None:
    click.echo(f"error: {reject.message}", err=True)


@contextlib.contextmanager
def progress(inputs: Any) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr when stderr is a terminal; silent otherwise."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("coding"),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("coding", total=None)
        yield lambda: bar.advance(task)
