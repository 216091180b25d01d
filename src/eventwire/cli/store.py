"""``eventwire ingest``, ``query``, ``export`` and ``changes``: thin shells over eventwire.store."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import click

from ..errors import EventwireError

DEFAULT_DB = "eventwire.duckdb"
QUERY_FORMATS = ("table", "csv", "json", "parquet")
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "polecat", "gold")
LEVELS = ("clusters", "events")

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The DuckDB database file.",
)


@contextmanager
def _errors() -> Iterator[None]:
    """EventwireError -> one line on stderr and exit code 1 (click's ClickException)."""
    try:
        yield
    except EventwireError as exc:
        raise click.ClickException(_one_line(str(exc))) from exc


def _one_line(text: str) -> str:
    return " ".join(text.split())


@contextmanager
def _open(db_path: str, read_only: bool) -> Iterator[Any]:
    from ..store import open_database

    with _errors():
        db = open_database(db_path, read_only=read_only)
    try:
        yield db
    finally:
        db.close()


# -- ingest ------------------------------------------------------------------------------


@click.command()
@click.argument("inputs", nargs=-1)
@db_option
@click.option(
    "--from-parquet", "from_parquet", type=click.Path(file_okay=False),
    help="Store the results of `eventwire batch` (its --out directory) instead of coding INPUTS.",
)  # fmt: skip
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="A TOML settings file."
)
@click.option(
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Override one setting."
)
@click.option("--published", help="Publication time for every article (ISO 8601).")
@click.option(
    "--force", is_flag=True, help="Code and store every article again, even unchanged ones."
)
@click.option(
    "--commit-every",
    default=None,
    type=click.IntRange(min=1),
    help="Whole articles per transaction (default 32 when coding, 512 with --from-parquet).",
)
@click.option("-v", "--verbose", is_flag=True, help="Report each committed batch on stderr.")
def ingest(
    inputs: tuple[str, ...],
    db_path: str,
    from_parquet: str | None,
    config_path: str | None,
    overrides: tuple[str, ...],
    published: str | None,
    force: bool,
    commit_every: int,
    verbose: bool,
) -> None:
    """Code articles and store them, with their events, in a DuckDB database.

    Re-running is safe: unchanged articles are skipped, changed ones replace their old
    version (kept in history), and an interrupted run completes. Rejected inputs are
    stored, reported on stderr, and make the exit code 1.

    Example: eventwire ingest news/ --db events.duckdb
    """
    from ..config import load_config
    from ..store import ingest as run_ingest

    if bool(inputs) == bool(from_parquet):
        raise click.UsageError("Give either the articles to code (INPUTS) or --from-parquet DIR with the results of eventwire batch.")

    when = None
    if published:
        try:
            when = datetime.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(
                f"{published!r} is not an ISO 8601 time; for example 2024-12-19T10:00+09:00.",
                param_hint="'--published'",
            ) from None
    with _errors():
        config = load_config(config_path, overrides)

    def on_reject(reject: Any) -> None:
        click.echo(f"warning: rejected {reject.source}: {_one_line(reject.message)}", err=True)

    def on_commit(report: Any) -> None:
        if verbose:
            stored = report.n_added + report.n_replaced
            click.echo(
                f"committed: {stored} stored, {report.n_unchanged} unchanged, "
                f"{report.n_rejected} rejected so far",
                err=True,
            )

    with _open(db_path, read_only=False) as db, _errors():
        if from_parquet:
            from ..batch import load_parquet_into

            report = load_parquet_into(
                db, from_parquet, force=force, commit_every=commit_every,
                on_reject=on_reject, on_commit=on_commit,
            )  # fmt: skip
        else:
            report = run_ingest(
                db, inputs, config=config, published=when, force=force,
                commit_every=commit_every or 32, on_reject=on_reject, on_commit=on_commit,
            )  # fmt: skip
        click.echo(report.summary(db_path), err=True)
    if report.n_rejected:
        sys.exit(1)


# -- query -------------------------------------------------------------------------------


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Repeated options and comma-separated values: --type ACCUSE,THREATEN --type AID."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _render_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console(
        file=sys.stdout, width=max(100, min(200, shutil.get_terminal_size((120, 24)).columns))
    ).print(table)


def _actors(actors: Any) -> str:
    out = []
    for actor in actors or []:
        if isinstance(actor, dict):
            code = actor.get("country") or actor.get("igo")
            label = actor.get("text") or ""
            out.append(
                f"{label} ({code}{'/' + actor['sector'] if actor.get('sector') else ''})"
                if code
                else label
            )
    return "; ".join(out)


@click.command()
@db_option
@click.option(
    "--actor",
    multiple=True,
    help="Source or target: a code (PRK, EU), a country name or actor words.",
)
@click.option("--source", multiple=True, help="Source actor, as --actor.")
@click.option("--target", multiple=True, help="Target actor, as --actor.")
@click.option("--type", "types", multiple=True, help="PLOVER type, e.g. ACCUSE.")
@click.option("--mode", multiple=True, help="PLOVER mode, e.g. disapprove.")
@click.option("--quad", multiple=True, help="Quad class 1-4.")
@click.option("--since", help="First event date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Last event date (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--country", multiple=True, help="Where it happened: country code or name.")
@click.option("--text", multiple=True, help="Words of the evidence sentence.")
@click.option("--article", multiple=True, help="Article id.")
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="clusters",
    show_default=True,
    help="clusters: one row per real-world event reported by one or more articles "
    "(type, mode, quad, dates and country filter its canonical values; actor, text and "
    "article filters match any member event); events: one row per coded event. A "
    "database without clusters shows events, with a note.",
)
@click.option(
    "--count-by",
    help="Count by these, comma-separated: month, year, day, source, target, type, mode, "
    "quad, cameo, country; for events also publisher, article. Adds Goldstein sums and "
    "quad-class counts (clusters: also their events and articles).",
)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="json",
    show_default=True,
    help="json is one object a line (cluster records, contract events, or count rows).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file (needed for parquet).",
)
def query(
    db_path: str,
    actor: tuple[str, ...],
    source: tuple[str, ...],
    target: tuple[str, ...],
    types: tuple[str, ...],
    mode: tuple[str, ...],
    quad: tuple[str, ...],
    since: str | None,
    until: str | None,
    country: tuple[str, ...],
    text: tuple[str, ...],
    article: tuple[str, ...],
    level: str,
    count_by: str | None,
    limit: int | None,
    fmt: str,
    output: str | None,
) -> None:
    """Select stored clusters or events, or count them by month, actors, type...

    Filters of one kind are alternatives; different filters must all hold. Human
    reviews are applied: rejected events are left out, corrected ones show (and are
    filtered and counted) with their corrected fields.

    Example: eventwire query --source "North Korea" --since 2024-12 --count-by month,target -f table
    """
    from ..store import EventFilter, InvalidFilter, query_events
    from ..store.query import query_clusters

    flt = EventFilter(
        actor=_split(actor), source=_split(source), target=_split(target), type=_split(types),
        mode=_split(mode), quad=_split(quad), since=since, until=until,
        country=_split(country), text=tuple(text), article=tuple(article),
    )  # fmt: skip
    if fmt == "parquet" and not output:
        raise click.BadParameter(
            "parquet output needs a file: give -o PATH.", param_hint="'--format'"
        )
    with _open(db_path, read_only=True) as db:
        if level == "clusters" and not _clusters_ready(db, db_path):
            level = "events"
        run = query_clusters if level == "clusters" else query_events
        try:
            result = run(db, flt, count_by=count_by, limit=limit)
        except InvalidFilter as exc:
            hint = {"count_by": "'--count-by'", "filter": None}.get(exc.param, f"'--{exc.param}'")
            raise click.BadParameter(str(exc), param_hint=hint) from exc
        except EventwireError as exc:
            raise click.ClickException(_one_line(str(exc))) from exc
        with _errors():
            _write_result(result, fmt, output)


def _clusters_ready(db: Any, db_path: str) -> bool:
    """Whether the database has clusters; if not, a one-line note on stderr (when it has
    events) says how to make them."""
    from ..store.query import has_clusters

    with _errors():
        if has_clusters(db):
            return True
        has_events = db.con.execute("SELECT EXISTS (SELECT 1 FROM events)").fetchall()[0][0]
    if has_events:
        path = shlex.quote(db_path)
        click.echo(
            f"note: {db_path} has no clusters yet, so this shows events; "
            f"to cluster them run: eventwire cluster --db {path}",
            err=True,
        )
    return False


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _estimates(estimates: Any) -> str:
    """``dead 12 (12-20); injured 3``: best figure, with the low-high range if any."""
    out = []
    if isinstance(estimates, dict):
        for kind, figure in estimates.items():
            if not isinstance(figure, dict) or figure.get("best") is None:
                continue
            text = f"{kind} {_number(figure['best'])}"
            low, high = figure.get("low"), figure.get("high")
            if low is not None and high is not None and low != high:
                text += f" ({_number(low)}-{_number(high)})"
            out.append(text)
    return "; ".join(out)


def _cluster_records(result: Any) -> list[dict[str, Any]]:
    """Cluster records flattened for CSV and Parquet (nested values as JSON text)."""
    from ..export import _flat

    return [_flat(r) for r in result.rows()]


def _write_result(result: Any, fmt: str, output: str | None) -> None:
    from ..export import _text_output, event_columns, write_csv

    if fmt == "parquet":
        from ..export import write_parquet_file

        assert output is not None
        table = result.table
        if result.kind == "events":
            table = table.select(event_columns())
        elif result.kind == "clusters":
            import pyarrow as pa

            records = _cluster_records(result)
            table = pa.Table.from_pylist(records) if records else pa.table({})
        write_parquet_file(table, output)
        return
    if fmt == "table":
        if result.kind == "clusters":
            columns = [
                "date", "type", "sources", "targets", "num_articles", "num_sources",
                "estimates", "cluster_id",
            ]  # fmt: skip
            rows = [
                [c.get("date"), c.get("type"), _actors(c.get("sources")),
                 _actors(c.get("targets")), c.get("num_articles"), c.get("num_sources"),
                 _estimates(c.get("estimates")), c.get("cluster_id")]
                for c in result.rows()
            ]  # fmt: skip
            title = f"{len(rows)} cluster(s)"
        elif result.kind == "events":
            columns = [
                "date",
                "type",
                "mode",
                "source",
                "target",
                "quad",
                "goldstein",
                "article",
                "event_id",
            ]
            events = list(result.rows())
            rows = [
                [e.get("date"), e.get("type"), e.get("mode"), _actors(e.get("sources")),
                 _actors(e.get("targets")), e.get("quad_class"), e.get("goldstein"),
                 e.get("article_id"), e.get("event_id")]
                for e in events
            ]  # fmt: skip
            if any(e.get("review") for e in events):
                columns.append("review")
                for row, event in zip(rows, events, strict=True):
                    row.append((event.get("review") or {}).get("status"))
            title = f"{len(rows)} event(s)"
        else:
            columns = result.table.column_names
            rows = [[r[c] for c in columns] for r in result.rows()]
            title = f"{len(rows)} group(s)"
        _render_table(title, columns, rows)
        return
    with _text_output(output) as fh:
        if fmt == "json":
            for row in result.rows():
                fh.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
        elif result.kind == "events":
            write_csv(event_columns(), result.table.select(event_columns()).to_pylist(), fh)
        elif result.kind == "clusters":
            records = _cluster_records(result)
            write_csv(list(dict.fromkeys(k for r in records for k in r)), records, fh)
        else:
            write_csv(result.table.column_names, result.table.to_pylist(), fh)


# -- export ------------------------------------------------------------------------------


@click.command()
@db_option
@click.option(
    "-f", "--format", "fmt", required=True,
    type=click.Choice(EXPORT_FORMATS),
    help="gdelt: GDELT 2.0 Events TSV (61 columns, no header); polecat: POLECAT TSV with "
    "header; parquet: a dataset (needs -o DIR: events partitioned year=/month=, clusters "
    "as one file); gold: the reviewed articles as a gold file for shared/eval/score.py.",
)  # fmt: skip
@click.option(
    "--level", type=click.Choice(LEVELS), default=None,
    help="clusters: one record per real-world event reported by one or more articles "
    "(jsonl, csv, parquet); events: one record per coded event. Default: clusters for "
    "jsonl, csv and parquet; events for gdelt, polecat and gold, which have events "
    "only. A database without clusters yet exports events, with a note.",
)  # fmt: skip
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Output file (a directory for parquet); stdout if omitted.",
)
def export(db_path: str, fmt: str, level: str | None, output: str | None) -> None:
    """Write the stored clusters or events as JSON Lines, CSV, Parquet, GDELT, POLECAT
    or gold.

    Human reviews are applied in every format: rejected events are left out, corrected
    ones are written with their corrected fields (GDELT and POLECAT rows too), and a
    cluster with a reviewed member is rebuilt from its members as reviewed.

    Example: eventwire export --db events.duckdb --format gdelt -o events.gdelt.tsv
    """
    from ..export import CLUSTER_FORMATS, ExportError, default_level
    from ..export import export as run_export

    chosen = level or default_level(fmt)
    with _open(db_path, read_only=True) as db:
        try:
            if chosen == "clusters" and fmt in CLUSTER_FORMATS:
                if not _clusters_ready(db, db_path):
                    chosen = "events"
            n = run_export(db, fmt, output, level=chosen)
        except ExportError as exc:
            raise click.ClickException(_one_line(str(exc))) from exc
        except EventwireError as exc:
            raise click.ClickException(_one_line(str(exc))) from exc
    if fmt == "gold" and n == 0:
        click.echo(
            f"note: no event in {db_path} has been reviewed yet, so the gold file is empty; "
            f"review events in the web UI: eventwire serve --db {shlex.quote(db_path)}",
            err=True,
        )
    if output:
        click.echo(f"{n} row(s) written to {output}.", err=True)


# -- changes -----------------------------------------------------------------------------


def _parse_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date or time; for example 2024-12-19 or "
            "2024-12-19T10:00 (UTC unless it has an offset).",
            param_hint="'--since'",
        ) from None


@click.command()
@db_option
@click.option(
    "--since", help="Changes at or after this time (ISO 8601; UTC unless it has an offset)."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "json")),
    default="json",
    show_default=True,
)
def changes(db_path: str, since: str | None, fmt: str) -> None:
    """List articles and events added, replaced or deleted by ingests.

    A row with an empty event_id is about the article itself.

    Example: eventwire changes --db events.duckdb --since 2024-12-19T00:00
    """
    when = _parse_time(since)
    with _open(db_path, read_only=True) as db, _errors():
        rows = db.changes(when)
    columns = ["time", "run_id", "article_id", "event_id", "change"]
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=_json_default))
    elif fmt == "csv":
        from ..export import write_csv

        write_csv(
            columns,
            [
                {k: _json_default(v) if isinstance(v, datetime) else v for k, v in r.items()}
                for r in rows
            ],
            sys.stdout,
        )
    else:
        _render_table(f"{len(rows)} change(s)", columns, [[r[c] for c in columns] for r in rows])
