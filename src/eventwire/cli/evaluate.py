"""``eventwire eval``: code articles (or read coded events) and score them against gold."""

from __future__ import annotations

import json
import sys

import click

from ..errors import EventwireError
from .common import coder_options, config_from, echo_reject, parse_published


@click.command("eval")
@click.argument("inputs", nargs=-1)
@click.option("--gold", "gold_path", required=True, type=click.Path(dir_okay=False),
              help="Gold file: one JSON object per article with its events.")
@click.option("--pred", "pred_path", type=click.Path(dir_okay=False),
              help="Score this file of coded events instead of coding INPUTS.")
@click.option("--by", type=click.Choice(["plover", "cameo"]), default="plover", show_default=True,
              help="Match on the PLOVER type or on the CAMEO root code.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@click.option("--show-errors", is_flag=True, help="List missed and spurious events first.")
@click.option("--published", help="Publication time for articles that lack one.")
@coder_options
def evaluate(inputs, gold_path, pred_path, by, as_json, show_errors, published, config_file, settings):
    """Score eventwire against your own gold events: precision, recall, F1, field accuracy.

    Example: eventwire eval --gold gold.jsonl articles.jsonl
    """
    from ..evaluate import _read_jsonl, evaluate as run

    if not inputs and not pred_path:
        raise click.UsageError("Give the articles to code (INPUTS) or --pred with coded events.")
    try:
        gold = _read_jsonl(gold_path)
        if pred_path:
            predictions = _read_jsonl(pred_path)
        else:
            from ..pipeline import Coder

            coder = Coder(config_from(config_file, settings))
            predictions = []
            for result in coder.code_inputs(inputs, published=parse_published(published)):
                if result.reject is not None:
                    echo_reject(result.reject)
                predictions.extend(result.events)
        result = run(gold, predictions, by=by)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    if show_errors:
        for row in result.errors:
            click.echo("\t".join(str(x) for x in row))
    click.echo(result.report())
    sys.stdout.flush()
