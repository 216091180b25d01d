"""batch: the per-article pipeline over many articles on a Dask cluster, written as Parquet.

How a batch runs
----------------

The client (the process that runs ``eventwire batch``) reads the inputs with
:func:`eventwire.readers.read_inputs`, exactly as ``eventwire code`` does, and cuts the
stream into **shards** of up to :data:`SHARD_SIZE` records. A shard never spans two
JSON Lines files, so a shard is "lines *a* to *b* of one file" (single-article files
such as ``.txt`` and ``.html`` are grouped). Each shard has a deterministic id built
from its input path, its line range and a digest of its records (origins, ids and
texts), for example ``news-sample-1-200-4be1f0c2a9``.

Each shard is one Dask task, :func:`code_shard`. A worker keeps one
:class:`~eventwire.pipeline.Coder` per process and settings (:func:`worker_coder`), so
the spaCy model loads once per worker, and codes the shard with ``nlp.pipe`` batching.
An article that fails anywhere becomes a reject row with the stage and the error; a
shard whose task fails (a worker that dies on it, say) becomes reject rows for each of
its records, and the job goes on. The task returns Arrow tables; the client writes them,
so the workers need eventwire and the model but neither the inputs nor the output
directory.

Output directory
----------------

::

    DIR/manifest.json              the run: versions, settings, inputs, counts, timings,
                                   shards in input order (written at the start and the end)
    DIR/events/<shard>.parquet     one row per event
    DIR/articles/<shard>.parquet   one row per coded article (metadata and normalised text)
    DIR/rejects/<shard>.parquet    one row per record that could not be read or coded
    DIR/_done/<shard>.json         the shard's marker, written after its three files

Every file is written under a temporary name and renamed into place, and a shard's
marker comes last, so a shard either has a marker and all its files or it is coded
again. Running the same command again skips the shards with a valid marker (same coder
version and settings); a run over other inputs or settings refuses to touch DIR unless
asked to ``overwrite``. When a run completes, part files of shards that are no longer
in the plan (inputs whose content changed) are removed.

Columns
-------

``events`` and ``articles`` have the columns of the database tables of the same name
(:mod:`eventwire.store.schema`, defined once there) without the store's bookkeeping
columns: each scalar contract field is a typed column and **each nested contract field
(``sources``, ``targets``, ``quantities``, ``evidence``, ``location``, ``claimed_by``,
``date_span``; ``tags``, ``captions``, ``paragraphs`` of articles) is a JSON string**,
exactly ``json.dumps`` of the value; contract keys the schema does not know go into the
``extra`` JSON column. ``events`` also has the derived ``event_day`` (DATE) and
``location_country``; ``articles`` the derived ``published_at`` (UTC timestamp).
``rejects`` has ``source, article_id, stage, error, message``. Every table starts with
``batch_seq``, the position of the record in its shard, which links events to their
article. :func:`read_shard` and :func:`load_parquet_into` turn the rows back into the
exact contract dicts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from . import CODER, __version__
from .config import CoderConfig
from .errors import BatchError
from .model import Article, Caption, Reject, Span

if TYPE_CHECKING:
    import pyarrow as pa

    from .pipeline import CodedArticle, Coder
    from .store import Database, IngestReport

__all__ = [
    "SHARD_SIZE",
    "BatchError",
    "Shard",
    "ShardResult",
    "code_shard",
    "coded_tables",
    "estimate_records",
    "iter_coded",
    "load_parquet_into",
    "plan_shards",
    "read_events",
    "read_manifest",
    "read_shard",
    "run_batch",
    "summary",
    "warm_up",
    "warm_worker",
    "worker_coder",
    "worker_memory",
]

#: Records per shard. A shard is one Dask task and one set of Parquet files: big enough
#: that task overhead (~ms) and per-file costs vanish next to coding (~50-100 ms an
#: article), small enough that a killed run loses little and the last shards keep every
#: worker busy.
SHARD_SIZE = 200
#: Version of the output layout (files, columns, manifest keys).
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DONE_DIR = "_done"
TABLE_DIRS = ("events", "articles", "rejects")
#: Stage name of rejects made by the batch machinery itself (a task that failed, a
#: coded article whose contract values cannot be written).
BATCH_STAGE = "batch"


#: Dask settings of the local cluster's workers (docs/batch.md shows them as a YAML file
#: for workers started with ``dask worker``).
#:
#: * Dask's nannies start workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which makes
#:   glibc hand freed memory back to the system at once; spaCy allocates and frees large
#:   arrays all the time, and coding took 12% more CPU with it (163 articles, one shard,
#:   11.3 s against 12.7 s, on an idle machine). ``None`` leaves the variable unset.
#:   The thread limits for numpy stay (one BLAS thread is also faster here).
#: * A shard is one long task of CPU-bound Python: Dask's statistical profiler (a stack
#:   walk every 10 ms) and its fast admin ticks only take the GIL from it.
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


# -- columns -----------------------------------------------------------------------------


def _columns() -> dict[str, tuple[Any, ...]]:
    """Parquet columns of each table, from :mod:`eventwire.store.schema`."""
    from .store import schema

    seq = schema.Column("batch_seq", "INTEGER", "meta", doc="position of the record in its shard")
    keep = ("value", "json", "extra", "derived")
    reject_names = ("source", "article_id", "stage", "error", "message")
    return {
        "events": (seq, *[c for c in schema.EVENT_COLUMNS if c.kind in keep]),
        "articles": (seq, *[c for c in schema.ARTICLE_COLUMNS if c.kind in keep]),
        "rejects": (seq, *[c for c in schema.REJECT_COLUMNS if c.name in reject_names]),
    }


# -- shards ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shard:
    """Consecutive input records coded as one task and written as one set of files."""

    index: int
    id: str
    source: str
    first_line: int | None
    last_line: int | None
    items: tuple[Article | Reject, ...] = field(repr=False)

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "index": self.index,
            "source": self.source,
            "lines": [self.first_line, self.last_line] if self.first_line is not None else None,
            "n_records": len(self.items),
        }


#: ``path:line`` (JSON Lines, stdin) or ``path[index]`` (a record of a JSON document list).
_LINE_RE = re.compile(r"^(.*)(?::(\d+)|\[(\d+)\])$")
_SLUG_RE = re.compile(r"[^A-Za-z0-9._-]+")


def _locate(item: Article | Reject) -> tuple[str, int | None]:
    """(input file, line) of a record: origins are ``path``, ``path:line``, ``-:line`` or
    ``path[index]``."""
    origin = item.origin if isinstance(item, Article) else item.source
    if not origin:
        return (item.id if isinstance(item, Article) else "?"), None
    match = _LINE_RE.match(origin)
    if match:
        return match.group(1), int(match.group(2) or match.group(3))
    return origin, None


def _record_digest(item: Article | Reject) -> bytes:
    if isinstance(item, Article):
        text_hash = hashlib.sha1(item.text.encode("utf-8", "surrogatepass")).hexdigest()
        parts = ("A", item.origin or "", item.id, text_hash, repr(item.published))
    else:
        parts = ("R", item.source, item.article_id or "", item.stage, item.message)
    return "\x1f".join(parts).encode("utf-8", "surrogatepass")


def _shard_id(
    items: Sequence[Article | Reject], source: str, first: int | None, last: int | None
) -> str:
    digest = hashlib.sha1(b"\x1e".join(_record_digest(i) for i in items)).hexdigest()[:10]
    stem = _SLUG_RE.sub("_", Path(source).stem or source).strip("_.")[:40] or "input"
    lines = f"{first}-{last}" if first is not None else f"n{len(items)}"
    return f"{stem}-{lines}-{digest}"


def plan_shards(
    items: Iterable[Article | Reject], *, shard_size: int = SHARD_SIZE
) -> Iterator[Shard]:
    """Cut a stream of records into shards, lazily.

    A shard holds up to ``shard_size`` consecutive records and never spans two JSON
    Lines files (records with a line number); records of single-article files are
    grouped. The same records always give the same shards and ids.
    """
    if shard_size < 1:
        raise BatchError(f"shard_size must be at least 1, not {shard_size}.")
    current: list[Article | Reject] = []
    where: list[tuple[str, int | None]] = []
    index = 0

    def cut() -> Shard:
        lines = [line for _, line in where if line is not None]
        first, last = (min(lines), max(lines)) if lines else (None, None)
        source = where[0][0]
        return Shard(index, _shard_id(current, source, first, last), source, first, last,
                     tuple(current))  # fmt: skip

    for item in items:
        file, line = _locate(item)
        if current:
            cur_file, cur_line = where[-1]
            multi = line is not None or cur_line is not None
            if len(current) >= shard_size or (multi and file != cur_file):
                yield cut()
                index += 1
                current, where = [], []
        current.append(item)
        where.append((file, line))
    if current:
        yield cut()


def estimate_records(inputs: Iterable[str | Path]) -> int | None:
    """A quick estimate of the records in the inputs (lines of JSON files, one per other
    file), for progress bars; ``None`` when it cannot be known (stdin)."""
    from .readers import JSON_SUFFIXES, JSONL_SUFFIXES, READABLE_SUFFIXES

    total = 0

    def count(path: Path) -> int:
        if path.suffix.lower() not in JSONL_SUFFIXES | JSON_SUFFIXES:
            return 1
        n = 0
        with contextlib.suppress(OSError), path.open("rb") as fh:
            tail = b"\n"
            while chunk := fh.read(1 << 20):
                n += chunk.count(b"\n")
                tail = chunk[-1:]
            n += tail != b"\n"
        return n

    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    file = Path(folder, name)
                    if not name.startswith(".") and file.suffix.lower() in READABLE_SUFFIXES:
                        total += count(file)
        else:
            total += count(path)
    return total


# -- the worker side ---------------------------------------------------------------------

_CODERS: dict[str, Coder] = {}
_CODERS_LOCK = threading.Lock()
_CODING_LOCKS: dict[str, threading.Lock] = {}


def worker_coder(config: CoderConfig) -> Coder:
    """The process's :class:`~eventwire.pipeline.Coder` for these settings, its model loaded.

    Built on first use and kept for the life of the process (a Dask worker), so the
    model loads once per worker, not once per shard.
    """
    key = f"{config.model}|{config.settings_hash()}"
    coder = _CODERS.get(key)
    if coder is None:
        with _CODERS_LOCK:
            coder = _CODERS.get(key)
            if coder is None:
                from .pipeline import Coder

                coder = Coder(config)
                warm_up(coder)
                _CODING_LOCKS[key] = threading.Lock()
                _CODERS[key] = coder
    return coder


#: A fictional article (real places, made-up events) that touches every stage once
#: (actors, dates, quantities, places), so that their tables load when the worker starts,
#: not in its first shard.
_WARM_UP_TEXT = (
    "Kenya condemns Somalia over border shelling",
    (
        "Kenya's foreign ministry on Monday condemned Somalia after its troops shelled a "
        "village near Mandera, killing at least 12 soldiers, officials in Nairobi said."
    ),
)


def warm_up(coder: Coder) -> None:
    """Load the model and every stage's tables by coding one small fictional article."""
    from .readers import build_article

    coder.nlp  # noqa: B018 - load the model now
    article = build_article(
        id="eventwire-warm-up", headline=_WARM_UP_TEXT[0], paragraphs=_WARM_UP_TEXT[1:],
        published=datetime(2025, 1, 15, 9, 0),
    )  # fmt: skip
    for _ in coder.code_articles([article]):
        pass


def _peak_rss() -> int:
    """This process's resident-set high-water mark, in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _where() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def warm_worker(config: CoderConfig) -> dict[str, Any]:
    """Load the model on this worker; what was loaded and how long it took."""
    start = time.perf_counter()
    coder = worker_coder(config)
    meta = getattr(coder.nlp, "meta", {}) or {}
    return {
        "worker": _where(),
        "pid": os.getpid(),
        "seconds": round(time.perf_counter() - start, 3),
        "model": f"{meta.get('lang')}_{meta.get('name')}" if meta.get("name") else config.model,
        "model_version": meta.get("version"),
        "spacy_version": meta.get("spacy_version"),
        "pipes": list(getattr(coder.nlp, "pipe_names", [])),
        "peak_rss": _peak_rss(),
    }


def worker_memory() -> dict[str, Any]:
    """Peak RSS of this process (for ``client.run``)."""
    return {"pid": os.getpid(), "peak_rss": _peak_rss()}


def _batch_reject(item: Article | Reject, exc: BaseException, what: str) -> Reject:
    if isinstance(item, Reject):
        return item
    detail = " ".join(str(exc).split()) or "no detail"
    return Reject(
        source=item.origin or item.id,
        stage=BATCH_STAGE,
        error=type(exc).__name__,
        message=f"{item.id}: {what} ({type(exc).__name__}: {detail})",
        article_id=item.id,
    )


def _code_items(coder: Any, items: Sequence[Article | Reject]) -> list[CodedArticle]:
    """One CodedArticle per record. ``Coder.code_articles`` turns stage failures into
    rejects itself; anything else that breaks the batch is isolated record by record."""
    from .pipeline import CodedArticle

    with contextlib.suppress(Exception):  # isolate the failing record below
        coded = list(coder.code_articles(items))
        if len(coded) == len(items):
            return coded
    out: list[CodedArticle] = []
    for item in items:
        try:
            one = list(coder.code_articles([item]))
            if len(one) != 1:
                raise RuntimeError(f"the coder gave {len(one)} results for one record")
            out.extend(one)
        except Exception as exc:  # noqa: BLE001 - one article never fails the job
            out.append(
                CodedArticle(
                    article=item if isinstance(item, Article) else None,
                    reject=_batch_reject(item, exc, "coding failed"),
                )
            )
    return out


def coded_tables(coded: Sequence[CodedArticle]) -> dict[str, pa.Table]:
    """The ``events``, ``articles`` and ``rejects`` Arrow tables of a shard's results.

    An article whose values cannot be written (a contract value of the wrong kind)
    becomes a reject row instead, so that what is written always loads.
    """
    from .contract import article_to_json
    from .errors import StorageError
    from .store import schema

    columns = _columns()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_DIRS}
    for seq, item in enumerate(coded):
        reject = item.reject
        if reject is None and item.article is None:
            reject = Reject(
                source="?", stage=BATCH_STAGE, error="ValueError",
                message="the coder returned neither an article nor a reject",
            )  # fmt: skip
        if reject is None:
            assert item.article is not None
            try:
                article_row = schema.article_row(article_to_json(item.article))
                event_rows = [schema.event_row(e) for e in item.events]
            except (StorageError, ValueError, TypeError) as exc:
                reject = _batch_reject(item.article, exc, "its coded values cannot be written")
            else:
                rows["articles"].append({**article_row, "batch_seq": seq})
                rows["events"].extend({**r, "batch_seq": seq} for r in event_rows)
                continue
        rows["rejects"].append({**reject.to_json(), "batch_seq": seq})
    return {name: schema.to_arrow(columns[name], rows[name]) for name in TABLE_DIRS}


@dataclass(slots=True)
class ShardResult:
    """What :func:`code_shard` sends back: the tables and the shard's counts."""

    shard: str
    tables: dict[str, Any]
    n_records: int
    n_articles: int
    n_events: int
    n_rejects: int
    rejects_by_stage: dict[str, int]
    seconds: float
    cpu_seconds: float
    worker: str
    peak_rss: int


def code_shard(
    shard_id: str, items: Sequence[Article | Reject], config: CoderConfig
) -> ShardResult:
    """Code one shard on this worker (the Dask task). Never raises for one article."""
    start, cpu = time.perf_counter(), time.process_time()
    coder = worker_coder(config)
    lock = _CODING_LOCKS[f"{config.model}|{config.settings_hash()}"]
    with lock:  # a spaCy pipeline is not meant to be shared by threads
        coded = _code_items(coder, items)
    tables = coded_tables(coded)
    stages: dict[str, int] = {}
    for stage in tables["rejects"].column("stage").to_pylist():
        stages[stage] = stages.get(stage, 0) + 1
    return ShardResult(
        shard=shard_id,
        tables=tables,
        n_records=len(items),
        n_articles=tables["articles"].num_rows,
        n_events=tables["events"].num_rows,
        n_rejects=tables["rejects"].num_rows,
        rejects_by_stage=stages,
        seconds=time.perf_counter() - start,
        cpu_seconds=time.process_time() - cpu,
        worker=_where(),
        peak_rss=_peak_rss(),
    )


# -- the output directory ----------------------------------------------------------------


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through ``write(tmp)`` to a temporary name beside ``path``, then rename."""
    tmp = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    _atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))


def _write_parquet(path: Path, table: pa.Table) -> None:
    import pyarrow.parquet as pq

    _atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def read_manifest(out_dir: str | Path) -> dict[str, Any] | None:
    """The manifest of a batch output directory, or None when there is none."""
    path = Path(out_dir) / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise BatchError(f"{path}: cannot read the batch manifest ({exc}).") from exc
    if not isinstance(data, dict) or data.get("format") != "eventwire-batch":
        raise BatchError(f"{path}: not an eventwire batch manifest.")
    return data


def _marker_path(out: Path, shard_id: str) -> Path:
    return out / DONE_DIR / f"{shard_id}.json"


def _files(shard_id: str) -> dict[str, str]:
    return {name: f"{name}/{shard_id}.parquet" for name in TABLE_DIRS}


def _read_marker(out: Path, shard_id: str) -> dict[str, Any] | None:
    try:
        return json.loads(_marker_path(out, shard_id).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _marker_valid(out: Path, marker: Mapping[str, Any] | None, settings_hash: str) -> bool:
    return bool(
        marker
        and marker.get("status") == "done"
        and marker.get("coder") == CODER
        and marker.get("settings_hash") == settings_hash
        and all((out / rel).is_file() for rel in (marker.get("files") or {}).values())
    )


def _write_shard(out: Path, shard: Shard, result: ShardResult, settings_hash: str,
                 status: str = "done") -> dict[str, Any]:  # fmt: skip
    files = _files(shard.id)
    for name in TABLE_DIRS:
        _write_parquet(out / files[name], result.tables[name])
    marker = {
        **shard.describe(),
        "status": status,
        "coder": CODER,
        "settings_hash": settings_hash,
        "files": files,
        "n_articles": result.n_articles,
        "n_events": result.n_events,
        "n_rejects": result.n_rejects,
        "rejects_by_stage": result.rejects_by_stage,
        "seconds": round(result.seconds, 3),
        "cpu_seconds": round(result.cpu_seconds, 3),
        "worker": result.worker,
        "finished_at": _utcnow(),
    }
    _write_json(_marker_path(out, shard.id), marker)
    return marker


def _failed_result(shard: Shard, exc: BaseException) -> ShardResult:
    from .pipeline import CodedArticle

    coded = [
        CodedArticle(article=None, reject=_batch_reject(item, exc, "its shard's task failed"))
        for item in shard.items
    ]
    tables = coded_tables(coded)
    stages: dict[str, int] = {}
    for stage in tables["rejects"].column("stage").to_pylist():
        stages[stage] = stages.get(stage, 0) + 1
    return ShardResult(shard.id, tables, len(shard.items), 0, 0, len(coded), stages, 0.0, 0.0,
                       "-", 0)  # fmt: skip


def _prepare_dir(out: Path, identity: Mapping[str, Any], overwrite: bool) -> dict[str, Any] | None:
    """Check that DIR may hold this batch; clear it when ``overwrite``. The old manifest."""
    old = read_manifest(out) if out.exists() else None
    if old is not None and not overwrite:
        checks = (("inputs", "inputs"), ("settings_hash", "settings"),
                  ("read_options", "read options"), ("shard_size", "shard size"))  # fmt: skip
        for key, label in checks:
            if old.get(key) != identity[key]:
                raise BatchError(
                    f"{out} holds a batch with other {label} ({old.get(key)!r}, not "
                    f"{identity[key]!r}). Give another --out directory, or --overwrite to "
                    "replace it."
                )
    if overwrite and out.exists():
        for name in (*TABLE_DIRS, DONE_DIR):
            shutil.rmtree(out / name, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            (out / MANIFEST).unlink()
        old = None
    for name in (*TABLE_DIRS, DONE_DIR):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for tmp in folder.glob(".*.tmp-*"):  # left by a killed run
            with contextlib.suppress(OSError):
                tmp.unlink()
    return old


def _remove_stale(out: Path, keep: set[str]) -> int:
    """Delete part files and markers of shards that are not in this run's plan."""
    removed = 0
    for name, suffix in ((DONE_DIR, ".json"), *((t, ".parquet") for t in TABLE_DIRS)):
        for path in (out / name).glob(f"*{suffix}"):
            if path.name[: -len(suffix)] not in keep:
                path.unlink()
                removed += 1
    return removed


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _versions() -> dict[str, Any]:
    from importlib import metadata

    found: dict[str, Any] = {"eventwire": __version__, "coder": CODER,
                             "python": sys.version.split()[0]}  # fmt: skip
    for package in ("spacy", "dask", "distributed", "pyarrow"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


# -- the client side ---------------------------------------------------------------------


@dataclass(slots=True)
class _Counts:
    shards: int = 0
    shards_coded: int = 0
    shards_skipped: int = 0
    shards_failed: int = 0
    records: int = 0
    articles: int = 0
    events: int = 0
    rejects: int = 0
    rejects_by_stage: dict[str, int] = field(default_factory=dict)
    records_coded: int = 0
    worker_seconds: float = 0.0
    worker_cpu_seconds: float = 0.0

    def public(self) -> dict[str, Any]:
        hidden = ("records_coded", "worker_seconds", "worker_cpu_seconds")
        return {k: v for k, v in asdict(self).items() if k not in hidden}

    def add(self, marker: Mapping[str, Any], how: str) -> None:
        self.shards += 1
        setattr(self, f"shards_{how}", getattr(self, f"shards_{how}") + 1)
        self.records += int(marker.get("n_records", 0))
        self.articles += int(marker.get("n_articles", 0))
        self.events += int(marker.get("n_events", 0))
        self.rejects += int(marker.get("n_rejects", 0))
        for stage, n in (marker.get("rejects_by_stage") or {}).items():
            self.rejects_by_stage[stage] = self.rejects_by_stage.get(stage, 0) + int(n)
        if how != "skipped":
            self.records_coded += int(marker.get("n_records", 0))
            self.worker_seconds += float(marker.get("seconds", 0.0))
            self.worker_cpu_seconds += float(marker.get("cpu_seconds", 0.0))


@contextlib.contextmanager
def _connect(scheduler: str | None, workers: int | None, client: Any) -> Iterator[tuple[Any, dict]]:
    """A Dask client: the given one, one for ``scheduler``, or a new LocalCluster's."""
    if client is not None:
        yield client, {"scheduler": client.scheduler.address, "local": False}
        return
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            remote = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise BatchError(
                f"Cannot reach the Dask scheduler at {scheduler} ({exc}). Start it with "
                "`dask scheduler` and give its address, e.g. tcp://host:8786."
            ) from exc
        try:
            yield remote, {"scheduler": scheduler, "local": False}
        finally:
            remote.close()
        return
    import dask

    n = workers or _cores()
    with dask.config.set(LOCAL_WORKER_CONFIG), warnings.catch_warnings():
        # The config reaches the workers through their nannies. With the dashboard off,
        # the scheduler's small HTTP server still tries port 8787 and warns when another
        # cluster has it; any free port is as good.
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR,
        )  # fmt: skip
    local = Client(cluster)
    try:
        yield local, {"scheduler": "local", "local": True, "workers": n, "threads_per_worker": 1}
    finally:
        local.close()
        cluster.close()


class _Session:
    """The Dask side of a run, started when the first shard needs coding."""

    def __init__(self, stack: contextlib.ExitStack, *, scheduler: str | None,
                 workers: int | None, client: Any, config: CoderConfig) -> None:  # fmt: skip
        self.stack, self.scheduler, self.workers = stack, scheduler, workers
        self.config, self.given = config, client
        self.client: Any = None
        self.info: dict[str, Any] = {}
        self.loaded: list[dict[str, Any]] = []
        self.done: Any = None
        self.max_in_flight = 1
        self.t0 = time.perf_counter()
        self.connected = self.ready = 0.0

    @property
    def started(self) -> bool:
        return self.client is not None

    def start(self) -> None:
        from distributed import as_completed

        start = time.perf_counter()
        client, self.info = self.stack.enter_context(
            _connect(self.scheduler, self.workers, self.given)
        )
        self.connected = time.perf_counter()
        self.cluster_seconds = self.connected - start
        if not self.info.get("local"):
            client.wait_for_workers(1, timeout=120)
        warm = [
            client.submit(
                warm_worker, self.config, workers=[addr], allow_other_workers=False,
                pure=False, key=f"eventwire-warm-{uuid.uuid4().hex}",
            )
            for addr in client.scheduler_info()["workers"]
        ]  # fmt: skip
        try:
            self.loaded = client.gather(warm)
        except Exception as exc:
            raise BatchError(
                f"The workers cannot load the pipeline ({type(exc).__name__}: {exc}). "
                "Install eventwire and its model on every worker."
            ) from exc
        self.ready = time.perf_counter()
        self.nthreads = sum(client.nthreads().values()) or 1
        self.max_in_flight = 2 * self.nthreads + 1
        self.done = as_completed()
        self.client = client

    def submit(self, shard: Shard) -> Any:
        if self.client is None:
            self.start()
        future = self.client.submit(
            code_shard, shard.id, shard.items, self.config, pure=False,
            key=f"eventwire-shard-{shard.id}-{uuid.uuid4().hex[:8]}",
        )  # fmt: skip
        self.done.add(future)
        return future

    def finish(self) -> dict[str, Any]:
        """Cluster, model, timing and memory figures of the run."""
        if self.client is None:
            return {"cluster": None, "model": None, "coding": 0.0, "memory": None,
                    "timings": {"coding_wall_seconds": 0.0}}  # fmt: skip
        coding = time.perf_counter() - self.ready
        try:
            memory = self.client.run(worker_memory)
        except Exception:  # noqa: BLE001 - memory figures are a nicety
            memory = {}
        first = self.loaded[0] if self.loaded else {}
        return {
            "cluster": {**self.info, "workers": len(self.loaded), "threads": self.nthreads},
            "model": {"name": first.get("model"), "version": first.get("model_version"),
                      "spacy_version": first.get("spacy_version"), "pipes": first.get("pipes")},
            "coding": coding,
            "timings": {
                "cluster_start_seconds": round(self.cluster_seconds, 3),
                "model_load_seconds": round(self.ready - self.connected, 3),
                "coding_wall_seconds": round(coding, 3),
            },
            "memory": {
                "worker_peak_rss": {addr: m.get("peak_rss") for addr, m in memory.items()},
                "model_load": [{k: w.get(k) for k in ("worker", "seconds", "peak_rss")}
                               for w in self.loaded],
            },
        }  # fmt: skip


def run_batch(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    config: CoderConfig | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    shard_size: int = SHARD_SIZE,
    published: datetime | None = None,
    force_language: str | None = None,
    overwrite: bool = False,
    on_shard: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Code ``inputs`` on a Dask cluster and write the Parquet dataset under ``out_dir``.

    Args:
        inputs: what ``eventwire code`` takes (files, directories, ``-``).
        out_dir: the output directory; created when missing.
        config: coder settings (defaults when None).
        workers: worker processes of the LocalCluster started when neither ``scheduler``
            nor ``client`` is given (default: one per core), one thread each.
        scheduler: address of a running Dask scheduler, e.g. ``tcp://host:8786``.
        client: a ready ``distributed.Client`` (tests, notebooks); not closed here.
        shard_size: records per shard.
        published, force_language: as for :func:`eventwire.readers.read_inputs`.
        overwrite: replace a batch of other inputs or settings in ``out_dir``.
        on_shard: called with each shard's marker (``how`` is coded, skipped or failed).

    Returns:
        The manifest, as written to ``out_dir/manifest.json``.

    Raises:
        BatchError: ``out_dir`` holds another batch, the cluster cannot be reached, or
            the workers cannot load the pipeline (checked before any shard is sent).
    """
    from .readers import read_inputs

    config = config or CoderConfig()
    out = Path(out_dir)
    started, t0 = _utcnow(), time.perf_counter()
    settings_hash = config.settings_hash()
    identity = {
        "inputs": [str(i) if str(i) == "-" else str(Path(i).resolve()) for i in inputs],
        "settings_hash": settings_hash,
        "read_options": {
            "published": published.isoformat() if published else None,
            "language": force_language,
        },
        "shard_size": shard_size,
    }
    if shard_size < 1:
        raise BatchError(f"shard_size must be at least 1, not {shard_size}.")
    out.mkdir(parents=True, exist_ok=True)
    old = _prepare_dir(out, identity, overwrite)
    manifest: dict[str, Any] = {
        "format": "eventwire-batch",
        "format_version": FORMAT_VERSION,
        "status": "running",
        **identity,
        "inputs_given": [str(i) for i in inputs],
        "settings": asdict(config),
        "versions": _versions(),
        "nested_fields": "json",
        "columns": {name: [c.name for c in cols] for name, cols in _columns().items()},
        "started_at": started,
        "pid": os.getpid(),
    }
    _write_json(out / MANIFEST, manifest)

    counts = _Counts()
    plan: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        session = _Session(stack, scheduler=scheduler, workers=workers, client=client,
                           config=config)  # fmt: skip
        pending: dict[str, Shard] = {}

        def finish(future: Any) -> None:
            shard = pending.pop(future.key)
            try:
                result = future.result()
                how = "coded"
            except Exception as exc:  # noqa: BLE001 - a lost shard becomes reject rows
                result = _failed_result(shard, exc)
                how = "failed"
            finally:
                future.release()
            marker = _write_shard(out, shard, result, settings_hash,
                                  status="done" if how == "coded" else "failed")  # fmt: skip
            counts.add(marker, how)
            if on_shard:
                on_shard({**marker, "how": how})

        reader = read_inputs(inputs, published=published, force_language=force_language)
        for shard in plan_shards(reader, shard_size=shard_size):
            plan.append(shard.describe())
            marker = _read_marker(out, shard.id)
            if _marker_valid(out, marker, settings_hash):
                assert marker is not None
                counts.add(marker, "skipped")
                if on_shard:
                    on_shard({**marker, "how": "skipped"})
                continue
            future = session.submit(shard)  # starts the cluster on first use
            pending[future.key] = shard
            while len(pending) >= session.max_in_flight:
                finish(next(session.done))
        if session.started:
            for future in session.done:
                finish(future)
        cluster = session.finish()

    removed = _remove_stale(out, {p["id"] for p in plan})
    old_model = old.get("model") if old else None
    manifest.update({
        "status": "done" if counts.shards_failed == 0 else "incomplete",
        "finished_at": _utcnow(),
        "cluster": cluster["cluster"],
        "model": cluster["model"] or old_model,
        "counts": {**counts.public(), "stale_files_removed": removed},
        "timings": {
            "wall_seconds": round(time.perf_counter() - t0, 3),
            **cluster["timings"],
            "worker_seconds": round(counts.worker_seconds, 3),
            "worker_cpu_seconds": round(counts.worker_cpu_seconds, 3),
            "records_coded": counts.records_coded,
            "articles_per_second": (
                round(counts.records_coded / cluster["coding"], 3)
                if cluster["coding"] and counts.records_coded else None
            ),
        },
        "memory": cluster["memory"],
        "shards": plan,
    })  # fmt: skip
    _write_json(out / MANIFEST, manifest)
    return manifest


def summary(manifest: Mapping[str, Any], out_dir: str | Path) -> str:
    """One paragraph about a finished run, for the command line."""
    c, t = manifest.get("counts", {}), manifest.get("timings", {})
    rate = t.get("articles_per_second")
    stages = ", ".join(f"{k} {v}" for k, v in sorted((c.get("rejects_by_stage") or {}).items()))
    text = (
        f"{c.get('records', 0)} record(s) in {c.get('shards', 0)} shard(s) "
        f"({c.get('shards_coded', 0)} coded, {c.get('shards_skipped', 0)} already done, "
        f"{c.get('shards_failed', 0)} failed): {c.get('articles', 0)} article(s), "
        f"{c.get('events', 0)} event(s), {c.get('rejects', 0)} reject(s)"
        + (f" ({stages})" if stages else "")
        + f"; {t.get('wall_seconds', 0):.1f} s"
        + (f", {rate:.1f} articles/s while coding" if rate else "")
        + f". Written to {out_dir} (manifest.json)."
    )
    if c.get("shards_failed"):
        text += " Run the same command again to retry the failed shards."
    return text


# -- reading the dataset back ------------------------------------------------------------


def _shard_ids(out: Path, allow_partial: bool) -> list[str]:
    manifest = read_manifest(out)
    if manifest is None:
        raise BatchError(
            f"{out} is not an eventwire batch output (no {MANIFEST}). Give the --out "
            "directory of an `eventwire batch` run."
        )
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BatchError(
            f"{out} was written in batch format {manifest.get('format_version')!r}; this "
            f"eventwire reads format {FORMAT_VERSION}. Run the batch again with this version."
        )
    if manifest.get("status") in ("done", "incomplete"):
        ids = [s["id"] for s in manifest.get("shards", [])]
        return [i for i in ids if _read_marker(out, i) is not None]
    if not allow_partial:
        done = len(list((out / DONE_DIR).glob("*.json")))
        raise BatchError(
            f"The batch in {out} has not finished ({done} shard(s) done so far). Run the "
            "same `eventwire batch` command again to complete it, or load the finished "
            "shards only (allow_partial)."
        )
    markers = [m for p in (out / DONE_DIR).glob("*.json")
               if (m := _read_marker(out, p.stem)) is not None]  # fmt: skip
    markers.sort(key=lambda m: (m.get("index", 0), m.get("id", "")))
    return [m["id"] for m in markers]


def read_shard(out_dir: str | Path, shard_id: str) -> list[dict[str, Any]]:
    """The records of one shard in input order: ``{"article": contract article dict or
    None, "events": [contract event dicts], "reject": Reject.to_json() dict or None}``."""
    import pyarrow.parquet as pq

    from .store import schema

    out = Path(out_dir)
    marker = _read_marker(out, shard_id)
    if marker is None:
        raise BatchError(f"{out}: shard {shard_id!r} has no marker in {DONE_DIR}/; it is not done.")
    tables = {}
    for name, rel in marker["files"].items():
        try:
            tables[name] = pq.read_table(out / rel).to_pylist()
        except OSError as exc:
            raise BatchError(f"{out / rel}: cannot read the shard's {name} ({exc}).") from exc
    records: dict[int, dict[str, Any]] = {}
    for row in tables["articles"]:
        records[row["batch_seq"]] = {"article": schema.article_from_row(row), "events": [],
                                     "reject": None}  # fmt: skip
    for row in tables["rejects"]:
        reject = {k: row[k] for k in ("source", "article_id", "stage", "error", "message")}
        records[row["batch_seq"]] = {"article": None, "events": [], "reject": reject}
    for row in tables["events"]:
        records[row["batch_seq"]]["events"].append(schema.event_from_row(row))
    return [records[seq] for seq in sorted(records)]


def read_events(out_dir: str | Path, *, allow_partial: bool = False) -> Iterator[dict[str, Any]]:
    """Every event of a batch output as contract dicts, in input order."""
    out = Path(out_dir)
    for shard_id in _shard_ids(out, allow_partial):
        for record in read_shard(out, shard_id):
            yield from record["events"]


def _article_from_json(data: Mapping[str, Any]) -> Article:
    """The :class:`Article` whose ``article_to_json`` is ``data`` (checked)."""
    from .contract import article_to_json

    published = data.get("published")
    article = Article(
        id=data["id"],
        text=data["text"],
        paragraphs=tuple(Span(int(a), int(b)) for a, b in data.get("paragraphs") or ()),
        headline=data.get("headline"),
        published=datetime.fromisoformat(published) if published else None,
        url=data.get("url"),
        source=data.get("source"),
        wire=data.get("wire"),
        captions=tuple(Caption(c.get("text"), c.get("credit")) for c in data.get("captions") or ()),
        tags=tuple(data.get("tags") or ()),
        language=data.get("language"),
        origin=data.get("origin"),
    )
    if article_to_json(article) != dict(data):
        raise BatchError(
            f"Article {data.get('id')!r}: the stored record has fields this eventwire cannot "
            "restore. Load it with the eventwire version that wrote the batch."
        )
    return article


def _recorded_coder(manifest: Mapping[str, Any]) -> Any:
    """Stands in for the batch's Coder in the run record: its settings and model."""
    try:
        config = CoderConfig(**manifest.get("settings", {}))
    except TypeError as exc:
        raise BatchError(
            f"The batch was coded with settings this eventwire does not know ({exc}). Load "
            "it with the eventwire version that wrote it."
        ) from exc
    model = manifest.get("model") or {}
    name = model.get("name") or ""
    lang, _, short = name.partition("_")
    meta = {"lang": lang, "name": short, "version": model.get("version")} if short else {}
    return SimpleNamespace(config=config, _nlp=SimpleNamespace(meta=meta) if meta else None)


def iter_coded(out_dir: str | Path, *, allow_partial: bool = False) -> Iterator[CodedArticle]:
    """The batch's results as :class:`~eventwire.pipeline.CodedArticle`\\ s, in input order."""
    from .pipeline import CodedArticle

    out = Path(out_dir)
    for shard_id in _shard_ids(out, allow_partial):
        for record in read_shard(out, shard_id):
            if record["reject"] is not None:
                yield CodedArticle(article=None, reject=Reject(**record["reject"]))
            else:
                yield CodedArticle(
                    article=_article_from_json(record["article"]), events=record["events"]
                )


def load_parquet_into(
    db: Database,
    out_dir: str | Path,
    *,
    force: bool = False,
    commit_every: int | None = None,
    allow_partial: bool = False,
    on_reject: Callable[[Reject], None] | None = None,
    on_commit: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store the results of ``eventwire batch`` (its ``--out`` directory) in the database.

    This is what ``eventwire ingest --from-parquet DIR`` runs. The articles, events and
    rejects are stored as one run through :func:`eventwire.store.store_coded`, exactly
    as ``eventwire ingest`` would have stored them: unchanged articles are skipped,
    changed ones replace their old version, and the run record carries the batch's
    model and settings.

    Raises:
        BatchError: ``out_dir`` is not a batch output, or its run has not finished
            (unless ``allow_partial``: then the finished shards are loaded).
    """
    from .store import store_coded
    from .store.writer import COMMIT_EVERY

    out = Path(out_dir)
    _shard_ids(out, allow_partial)  # fail before the run record is written
    manifest = read_manifest(out) or {}
    coder = _recorded_coder(manifest)
    if coder.config.settings_hash() != manifest.get("settings_hash"):
        raise BatchError(
            f"{out}: the settings in the manifest do not match their hash; the manifest "
            "was edited or written by another eventwire version."
        )
    return store_coded(
        db,
        iter_coded(out, allow_partial=allow_partial),
        coder=coder,
        inputs=[str(out)],
        force=force,
        commit_every=commit_every or COMMIT_EVERY,
        on_reject=on_reject,
        on_commit=on_commit,
    )
