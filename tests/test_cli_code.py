"""``eventwire code`` and ``eventwire stages`` through click's CliRunner (in process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.pipeline import Coder

CONTRACT_KEYS = {
    "article_id", "event_id", "type", "mode", "cameo", "quad_class", "goldstein", "sources",
    "targets", "date", "date_precision", "date_text", "location", "quantities", "claimed_by",
    "polarity", "hedged", "evidence", "confidence", "coder",
}  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def spacy_loaded() -> None:
    """Load the spaCy model once; every ``eventwire code`` run then reuses it."""
    Coder().nlp  # noqa: B018 - the property loads and caches the model


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of inputs, made the working directory so messages show short names."""
    (tmp_path / "border.txt").write_text("Russia condemned Poland on Monday.\n", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "text": "Iran accused Israel of attacking its embassy."}) + "\n"
        + json.dumps({"id": "w2", "text": "France urged Iran to return to negotiations."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "denial.txt").write_text("Russia did not attack Poland.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00PK\x03\x04")
    (tmp_path / "broken.jsonl").write_text(
        json.dumps({"id": "b1", "text": "China condemned Japan over the drills."}) + "\n"
        + "{id: b2, text: unquoted}\n",
        encoding="utf-8",
    )  # fmt: skip
    monkeypatch.chdir(tmp_path)
    return tmp_path


def json_lines(stdout: str) -> list[dict]:
    """Every stdout line parsed as JSON: the test fails if any line is not."""
    return [json.loads(line) for line in stdout.splitlines()]


# -- JSON Lines on stdout ---------------------------------------------------------------------
def test_cli_code_prints_json_lines_only(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "wire.jsonl", "--published", "2024-12-19"])
    assert result.exit_code == 0, result.stderr
    events = json_lines(result.stdout)
    assert {e["article_id"] for e in events} == {"border", "w1", "w2"}
    for event in events:
        assert CONTRACT_KEYS <= set(event)
    assert result.stderr == ""


def test_cli_code_published_sets_relative_dates(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--published", "2024-12-19T10:00"])
    assert result.exit_code == 0, result.stderr
    (event,) = json_lines(result.stdout)
    assert (event["type"], event["date"], event["date_text"]) == (
        "ACCUSE", "2024-12-16", "on Monday",
    )  # fmt: skip


def test_cli_code_without_published_warns_on_stderr(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt"])
    assert result.exit_code == 0
    (event,) = json_lines(result.stdout)
    assert event["date"] is None
    assert result.stderr == (
        "warning: 1 article(s) have no publication date (border); relative dates such as "
        "'on Monday' stay null. Pass --published to set one.\n"
    )


def test_cli_code_bad_published_value(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--published", "someday soon"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: --published 'someday soon' is not a date. Use ISO form, e.g. 2024-12-19T10:00.\n"
    )


def test_cli_code_reads_stdin(runner, inputs):
    result = runner.invoke(
        cli, ["code", "-", "--published", "2024-12-19"],
        input="Japan and South Korea agreed to hold talks with China.\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    events = json_lines(result.stdout)
    assert [e["type"] for e in events] == ["AGREE"]
    assert events[0]["article_id"].startswith("stdin-")


# -- the table ------------------------------------------------------------------------------------
def test_cli_code_format_table(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--format", "table", "--published",
                                 "2024-12-19"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in ("ACCUSE", "111", "RUS/GOV (Russia)", "POL/GOV (Poland)", "2024-12-16", "border"):
        assert expected in out
    assert not out.lstrip().startswith("{")


def test_cli_code_format_table_marks_the_trigger(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--format", "table"])
    assert "[condemned]" in result.stdout


def test_cli_code_unknown_format_is_usage_error(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


# -- bad inputs: exit 1, one line on stderr, the other inputs still coded -------------------------
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("missing.txt", "error: missing.txt: no such file. Check the path."),
        ("empty.txt", "error: empty.txt: the file is empty. Give a file with the article's text."),
        ("binary.txt", "error: binary.txt: this is a binary file, not text. Give a .txt, .jsonl "
                       "or .html article."),
        ("broken.jsonl", "error: broken.jsonl:2: not valid JSON (Expecting property name "
                         "enclosed in double quotes at column 2). Fix or remove that line."),
    ],
    ids=["missing-file", "empty-file", "binary-file", "invalid-json-line"],
)  # fmt: skip
def test_cli_code_bad_input_exits_1_and_codes_the_rest(runner, inputs, bad, message):
    result = runner.invoke(cli, ["code", "border.txt", bad, "wire.jsonl", "--published",
                                 "2024-12-19"])  # fmt: skip
    assert result.exit_code == 1
    ids = {e["article_id"] for e in json_lines(result.stdout)}
    assert {"border", "w1", "w2"} <= ids
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [message]
    assert bad in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_code_good_line_of_broken_jsonl_is_coded(runner, inputs):
    result = runner.invoke(cli, ["code", "broken.jsonl", "--published", "2024-12-19"])
    assert result.exit_code == 1
    assert {e["article_id"] for e in json_lines(result.stdout)} == {"b1"}


def test_cli_code_needs_an_input(runner):
    result = runner.invoke(cli, ["code"])
    assert result.exit_code == 2
    assert "Missing argument 'INPUTS...'" in result.stderr


# -- settings -------------------------------------------------------------------------------------
def test_cli_code_set_reaches_the_coder(runner, inputs):
    plain = runner.invoke(cli, ["code", "denial.txt", "--published", "2024-12-19"])
    assert plain.exit_code == 0 and json_lines(plain.stdout) == []
    kept = runner.invoke(cli, ["code", "denial.txt", "--published", "2024-12-19",
                               "--set", "keep_unasserted=true"])  # fmt: skip
    assert kept.exit_code == 0, kept.stderr
    assert [(e["type"], e["polarity"]) for e in json_lines(kept.stdout)] == [("ASSAULT", "negated")]


def test_cli_code_config_file_and_environment(runner, inputs):
    (inputs / "eventwire.toml").write_text("[coder]\nkeep_unasserted = true\n")
    by_file = runner.invoke(cli, ["code", "denial.txt", "--config", "eventwire.toml"])
    assert [e["polarity"] for e in json_lines(by_file.stdout)] == ["negated"]
    by_env = runner.invoke(cli, ["code", "denial.txt"], env={"EVENTWIRE_KEEP_UNASSERTED": "1"})
    assert [e["polarity"] for e in json_lines(by_env.stdout)] == ["negated"]
    overridden = runner.invoke(
        cli, ["code", "denial.txt", "--config", "eventwire.toml", "--set", "keep_unasserted=no"]
    )
    assert json_lines(overridden.stdout) == []


def test_cli_code_unknown_setting_is_one_line(runner, inputs):
    result = runner.invoke(cli, ["code", "border.txt", "--set", "min_confidense=0.5"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: Unknown setting 'min_confidense'. Did you mean 'min_confidence'? Known "
        "settings: batch_size, code_headline, keep_unasserted, locations, min_confidence, model."
    ]


# -- eventwire stages -----------------------------------------------------------------------------
def test_cli_stages_lists_every_stage(runner):
    result = runner.invoke(cli, ["stages"])
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert names == ["nlp.spacy.v1", "events.rules.v1", "merge.article.v1"]
    assert "merge.article.v1\trequires: events\tprovides: merged" in result.stdout.splitlines()


def test_cli_help_lists_code_and_stages(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "code" in result.stdout and "stages" in result.stdout
    code_help = runner.invoke(cli, ["code", "--help"])
    assert "Example: eventwire code" in code_help.stdout
