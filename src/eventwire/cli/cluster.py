"""``eventwire cluster``: re-cluster every stored event across articles."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EventwireError


@click.command()
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="The eventwire database (DuckDB file) written by eventwire ingest.",
)
def cluster(db_path: str) -> None:
    """Group the stored events that report one real event into clusters, from scratch.

    The result is deterministic and equals what ingest maintains incrementally. A
    one-line summary goes to stderr; read the clusters with export --level clusters.

    Example: eventwire cluster --db events.duckdb
    """
    from ..store import open_database
    from ..store.clusters import recluster

    if not Path(db_path).is_file():
        raise click.ClickException(
            f"No eventwire database at {db_path}. Create one with: "
            f"eventwire ingest INPUT --db {db_path}"
        )
    try:
        with open_database(db_path) as db:
            report = recluster(db)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.summary(db_path), err=True)
