"""The ``eventwire`` command line: click commands only, each a thin shell over the library.

Commands live in their own modules and are imported lazily, so ``eventwire --help``
stays fast and a command's heavy dependencies (spaCy, Dask, FastAPI) load only when
that command runs.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

# command name -> "module:attribute" inside eventwire.cli
COMMANDS: dict[str, str] = {
    "code": "code:code",
    "eval": "evaluate:evaluate",
    "stages": "code:stages",
    "ingest": "store:ingest",
    "query": "store:query",
    "export": "store:export",
    "changes": "store:changes",
    "cluster": "cluster:cluster",
    "serve": "serve:serve",
    "batch": "batch:batch",
    "bench": "batch:bench",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                return None
            raise
        return getattr(module, attribute, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """Turn news articles into political event data, every field traced to its words.

    Example: eventwire code article.txt
    """


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="eventwire", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        click.echo("Interrupted.", err=True)
        sys.exit(130)
