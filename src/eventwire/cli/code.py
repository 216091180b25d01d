"""``eventwire code`` and ``eventwire stages``."""

from __future__ import annotations

import sys


import click

from ..contract import dumps
from ..errors import EventwireError
from .common import coder_options, config_from, echo_reject, parse_published, progress


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published",
    help="Publication time for articles that lack one, e.g. 2024-12-19T10:00 (overrides).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines (the event contract) or a readable table with evidence.",
)
@click.option("--language", help="Skip language detection and code the input as this language.")
@coder_options
def code(inputs, published, fmt, language, config_file, settings):
    """Code news articles into events, one JSON object per event on stdout.

    INPUTS are .txt, .jsonl or .html files, directories of them, or - for stdin.

    Example: eventwire code article.txt --format table
    """
    from ..pipeline import Coder

    try:
        config = config_from(config_file, settings)
        when = parse_published(published)
        coder = Coder(config)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    rejected = 0
    rows = []
    missing_date = []
    with progress(inputs) as advance:
        for result in coder.code_inputs(inputs, published=when, force_language=language):
            advance()
            if result.reject is not None:
                rejected += 1
                echo_reject(result.reject)
                continue
            if result.article is not None and result.article.published is None:
                missing_date.append(result.article.id)
            if fmt == "jsonl":
                for event in result.events:
                    click.echo(dumps(event))
            else:
                rows.extend(result.events)
    if missing_date:
        shown = ", ".join(missing_date[:3]) + (" ..." if len(missing_date) > 3 else "")
        click.echo(
            f"warning: {len(missing_date)} article(s) have no publication date ({shown}); "
            "relative dates such as 'on Monday' stay null. Pass --published to set one.",
            err=True,
        )
    if fmt == "table":
        from .render import event_table

        event_table(rows)
    if rejected:
        sys.exit(1)


@click.command()
def stages():
    """List the pipeline's stages with their versions and contracts.

    Example: eventwire stages
    """
    from ..pipeline import STAGES

    click.echo("nlp.spacy.v1\trequires: text\tprovides: sentences")
    for stage in STAGES:
        click.echo(
            f"{stage.name}\trequires: {', '.join(sorted(stage.requires))}\t"
            f"provides: {', '.join(sorted(stage.provides))}"
        )



