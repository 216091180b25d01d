"""``eventwire batch`` and ``eventwire bench``: thin shells over eventwire.batch and .bench."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..errors import EventwireError
from .common import coder_options, config_from, parse_published


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out", "out_dir", required=True, type=click.Path(file_okay=False),
    help="Output directory: events/, articles/, rejects/ (Parquet), _done/, manifest.json.",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS",
    help="A running Dask scheduler, e.g. tcp://host:8786. Default: a local cluster.",
)  # fmt: skip
@click.option(
    "--workers", type=click.IntRange(min=1),
    help="Worker processes of the local cluster (default: one per core).",
)  # fmt: skip
@click.option(
    "--shard-size", default=200, show_default=True, type=click.IntRange(min=1),
    help="Records per shard (one task, one set of files).",
)  # fmt: skip
@click.option("--published", help="Publication time for every article, e.g. 2024-12-19T10:00.")
@click.option("--language", help="Skip language detection and code the input as this language.")
@click.option("--overwrite", is_flag=True, help="Replace another batch in --out.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@coder_options
def batch(inputs, out_dir, scheduler, workers, shard_size, published, language, overwrite,
          quiet, config_file, settings):  # fmt: skip
    """Code many articles on a Dask cluster and write a Parquet dataset.

    INPUTS are what `eventwire code` takes: .jsonl, .txt, .html files and directories.
    Running the same command again skips the shards already done. A failed article
    becomes a row in rejects/; the run goes on. Load the result with
    `eventwire ingest --from-parquet DIR`.

    Example: eventwire batch news/ --out coded/ --workers 4
    """
    from ..batch import estimate_records, run_batch, summary

    if scheduler and workers:
        raise click.UsageError("--workers sizes the local cluster; with --scheduler, start "
                               "as many `dask worker` processes as you need instead.")  # fmt: skip
    try:
        config = config_from(config_file, settings)
        when = parse_published(published)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    show = not quiet and sys.stderr.isatty()
    with _shard_progress(estimate_records(inputs) if show else None, show) as on_shard:
        try:
            manifest = run_batch(
                inputs, out_dir, config=config, workers=workers, scheduler=scheduler,
                shard_size=shard_size, published=when, force_language=language,
                overwrite=overwrite, on_shard=on_shard,
            )  # fmt: skip
        except EventwireError as exc:
            raise click.ClickException(" ".join(str(exc).split())) from exc
    click.echo(summary(manifest, out_dir), err=True)
    if manifest["counts"].get("shards_failed"):
        sys.exit(1)


class _shard_progress:
    """A rich progress bar on stderr, advanced by each shard's record count."""

    def __init__(self, total: int | None, show: bool) -> None:
        self.total, self.show = total, show
        self.bar: Any = None

    def __enter__(self):
        if not self.show:
            return None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("records"),
            TextColumn("{task.fields[events]} events, {task.fields[rejects]} rejects"),
            TimeElapsedColumn(), TimeRemainingColumn(),
            console=Console(stderr=True), transient=True,
        )  # fmt: skip
        self.bar.__enter__()
        task = self.bar.add_task("coding", total=self.total, events=0, rejects=0)
        seen = {"events": 0, "rejects": 0}

        def advance(marker: dict[str, Any]) -> None:
            seen["events"] += int(marker.get("n_events", 0))
            seen["rejects"] += int(marker.get("n_rejects", 0))
            self.bar.update(task, advance=int(marker.get("n_records", 0)), **seen)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option(
    "--workers", "workers", multiple=True, type=click.IntRange(min=1),
    help="Also time `eventwire batch` on a local Dask cluster of N workers (repeatable).",
)  # fmt: skip
@click.option("--repeat", default=1, show_default=True, type=click.IntRange(min=1),
              help="Measure everything this many times, in turn (best kept).")  # fmt: skip
@click.option("--shard-size", default=None, type=click.IntRange(min=1),
              help="Shard size of the --workers runs (default: ~8 shards a worker).")  # fmt: skip
@coder_options
def bench(inputs, as_json, workers, repeat, shard_size, config_file, settings):
    """Time spaCy alone against the whole eventwire pipeline on the same texts.

    INPUTS default to the project's examples/. Each measurement runs in a fresh process:
    (a) spaCy's nlp.pipe over the paragraph texts the pipeline parses, (b) the whole
    pipeline; articles/s, words/s, peak memory and the ratio b/a.

    Example: eventwire bench news.jsonl --workers 2
    """
    from ..bench import format_report, run_bench

    try:
        config = config_from(config_file, settings)
        report = run_bench(
            list(inputs) or None, config=config, workers=tuple(workers), repeat=repeat,
            shard_size=shard_size,
            progress=None if as_json else (lambda msg: click.echo(msg, err=True)),
        )  # fmt: skip
    except EventwireError as exc:
        raise click.ClickException(" ".join(str(exc).split())) from exc
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(format_report(report))
