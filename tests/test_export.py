"""Exports: Parquet round trip (property test), GDELT 2.0 and POLECAT rows, CSV, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.export import (
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    ExportError,
    event_columns,
    export,
    gdelt_event_id,
    read_parquet_events,
)
from eventwire.store import open_database
from test_store import contract_events, make_article, make_event, troops_event


@pytest.fixture
def db(tmp_path: Path):
    database = open_database(tmp_path / "events.duckdb")
    database.store_article(
        make_article("a1", url=None, paragraphs=[[0, 52], [53, 81]]),
        [make_event("a1", 0, evidence=[{"text": "x", "start": 0, "end": 10, "trigger": [1, 2]}]),
         troops_event("a1", 1)],
    )  # fmt: skip
    database.store_article(
        make_article("a2", published="2025-01-03T00:00:00"),
        [make_event("a2", 0, date=None,
                    sources=[{"text": "the EU", "country": None, "igo": "EU", "sector": "IGO"},
                             {"text": "Seoul", "country": "KOR", "igo": None, "sector": "GOV"}],
                    targets=[{"text": "Pyongyang", "country": "PRK", "igo": None, "sector": "GOV"},
                             {"text": "Moscow", "country": "RUS", "igo": None, "sector": "GOV"}])],
    )  # fmt: skip
    yield database
    database.close()


def test_gdelt_columns_are_the_61_gdelt_2_event_columns(shared_dir):
    lines = (shared_dir / "ontology" / "gdelt2_events_columns.tsv").read_text().splitlines()[1:]
    names = [line.split("\t")[2] for line in lines if line.split("\t")[1] == "events.export.CSV"]
    assert [name for name, _ in GDELT_COLUMNS] == names
    assert len(names) == 61


def test_polecat_columns_match_the_shared_list(shared_dir):
    lines = (shared_dir / "ontology" / "polecat_columns.tsv").read_text().splitlines()[1:]
    assert [name for name, _ in POLECAT_COLUMNS] == [line.split("\t")[1] for line in lines]


def _gdelt(db: Any) -> list[dict[str, str]]:
    out = io.StringIO()
    export(db, "gdelt", out)
    names = [name for name, _ in GDELT_COLUMNS]
    rows = []
    for line in out.getvalue().splitlines():
        cells = line.split("\t")
        assert len(cells) == 61
        rows.append(dict(zip(names, cells, strict=True)))
    return rows


def test_gdelt_rows(db):
    rows = _gdelt(db)
    first = rows[0]  # a1-e0: PRK GOV accuses USA on 2024-12-19
    assert first["GlobalEventID"] == str(gdelt_event_id("a1-e0"))
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20241219", "202412", "2024")
    assert first["FractionDate"] == "2024.9699"
    assert (first["Actor1Code"], first["Actor1Name"], first["Actor1CountryCode"]) == (
        "PRKGOV",
        "NORTH KOREA",
        "PRK",
    )
    assert (first["Actor1Type1Code"], first["Actor2Code"], first["Actor2CountryCode"]) == (
        "GOV",
        "USA",
        "USA",
    )
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == (
        "111",
        "111",
        "11",
    )
    assert (first["QuadClass"], first["GoldsteinScale"], first["NumMentions"]) == ("3", "-2.0", "1")
    assert (first["IsRootEvent"], first["AvgTone"], first["ActionGeo_Type"]) == ("1", "0", "0")
    assert first["DATEADDED"] == "20241219010000"  # 10:00 +09:00 in UTC
    assert first["SOURCEURL"] == "a1.txt"  # no url: the origin
    troops = rows[1]
    assert (troops["Day"], troops["EventCode"], troops["EventRootCode"]) == (
        "20241101",
        "154",
        "15",
    )
    assert (
        troops["ActionGeo_Type"],
        troops["ActionGeo_FullName"],
        troops["ActionGeo_CountryCode"],
    ) == ("4", "Kursk, Russia", "RS")
    assert (troops["ActionGeo_Lat"], troops["ActionGeo_Long"]) == ("51.7", "36.2")
    assert troops["IsRootEvent"] == "0"


def test_gdelt_writes_one_row_per_dyad_with_stable_ids(db):
    rows = [r for r in _gdelt(db) if r["SOURCEURL"] == "https://example.org/a2"]
    assert [(r["Actor1Code"], r["Actor2Code"]) for r in rows] == [
        ("EUIGO", "PRKGOV"), ("EUIGO", "RUSGOV"), ("KORGOV", "PRKGOV"), ("KORGOV", "RUSGOV"),
    ]  # fmt: skip
    assert rows[0]["Actor1KnownGroupCode"] == "EU"
    ids = [r["GlobalEventID"] for r in rows]
    assert len(set(ids)) == 4 and ids[0] == str(gdelt_event_id("a2-e0"))
    assert rows[0]["Day"] == "20250103"  # no event date: the publication date
    assert _gdelt(db) == _gdelt(db)


def test_polecat_rows(db):
    out = io.StringIO()
    assert export(db, "polecat", out) == 3
    lines = out.getvalue().splitlines()
    header = lines[0].split("\t")
    assert header == [name for name, _ in POLECAT_COLUMNS]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert rows[2]["Actor Name"] == "the EU;Seoul"
    assert rows[2]["Actor Country"] == "EU;KOR"
    assert rows[2]["Recipient Country"] == "PRK;RUS"
    assert rows[1]["Placename"] == "Kursk" and rows[1]["Country"] == "RUS"
    assert rows[0]["Event Type"] == "ACCUSE" and rows[0]["Quad Code"] == "3"
    assert rows[0]["Publication Date"] == "2024-12-19"


def test_csv_export_has_contract_columns(db):
    out = io.StringIO()
    assert export(db, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == event_columns()
    assert json.loads(rows[0]["sources"]) == make_event("a1")["sources"]
    assert rows[0]["hedged"] == "false"


def test_jsonl_export_is_the_contract(db):
    out = io.StringIO()
    export(db, "jsonl", out)
    assert [json.loads(line) for line in out.getvalue().splitlines()] == list(db.iter_events())


def test_parquet_dataset_is_partitioned_by_year_and_month(db, tmp_path):
    target = tmp_path / "dataset"
    assert export(db, "parquet", target) == 3
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*.parquet"))
    assert files == [
        "year=2024/month=11/data_0.parquet",
        "year=2024/month=12/data_0.parquet",
        "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/data_0.parquet",
    ]
    assert read_parquet_events(target) == list(db.iter_events())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp leftovers


def test_parquet_into_non_empty_directory_is_refused(db, tmp_path):
    target = tmp_path / "full"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(ExportError) as info:
        export(db, "parquet", target)
    assert str(info.value) == (
        f"Cannot write the Parquet dataset to {str(target)!r}: it exists and is not an empty "
        "directory. Remove it or give another -o."
    )
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_parquet_needs_an_output_directory(db):
    with pytest.raises(ExportError, match="give it with -o PATH"):
        export(db, "parquet", None)


def test_unknown_format_names_the_allowed_ones(db):
    with pytest.raises(ExportError) as info:
        export(db, "xml", io.StringIO())
    assert (
        str(info.value)
        == "Unknown export format 'xml'. Allowed values: jsonl, csv, parquet, gdelt, polecat, gold."
    )


def test_text_export_to_a_file_is_atomic(db, tmp_path):
    target = tmp_path / "out.tsv"
    export(db, "gdelt", target)
    assert len(target.read_text().splitlines()) == 6
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_into_unwritable_directory(db, tmp_path):
    from test_store import _unwritable_dir

    directory = _unwritable_dir(tmp_path)
    target = directory / "events.tsv"
    with pytest.raises(ExportError) as info:
        export(db, "gdelt", target)
    assert str(info.value) == (
        f"Cannot write {str(target)!r}: the directory {str(directory)!r} is not writable. "
        "Give another -o."
    )
    assert not target.exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_events_round_trip_through_duckdb_and_parquet(data):
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(":memory:")
        try:
            expected = []
            for article_id in ("a", "b\u00e9\U0001f600"):
                events = data.draw(contract_events(article_id))
                db.store_article(make_article(article_id), events)
                expected += events
            export(db, "parquet", Path(tmp) / "dataset")
            got = read_parquet_events(Path(tmp) / "dataset")
        finally:
            db.close()
    assert got == sorted(expected, key=lambda e: (e["article_id"], e["event_id"]))
