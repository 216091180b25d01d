"""``eventwire serve``: the REST API and the web UI over a database (a thin shell)."""

from __future__ import annotations

import ipaddress
import json
import sys

import click

from ..errors import EventwireError

DEFAULT_DB = "eventwire.duckdb"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _trusted_hosts(host: str, port: int) -> list[str] | None:
    """``Host`` headers a loopback server accepts (defeats DNS rebinding); None: any."""
    if not is_loopback(host):
        return None
    return ["localhost", "127.0.0.1", "::1", host.strip("[]").lower()]


def _get(app: object, path: str) -> int:
    """Run one in-process GET and print the body; exit status 1 for HTTP errors."""
    try:
        import httpx
    except ImportError:  # pragma: no cover - httpx comes with the test extra
        raise click.ClickException("--get needs httpx: pip install httpx") from None
    import asyncio

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get(path)

    response = asyncio.run(run())
    if response.headers.get("content-type", "").startswith("application/json"):
        click.echo(json.dumps(response.json(), indent=2, ensure_ascii=False))
    else:
        click.echo(response.text)
    return 0 if response.status_code < 400 else 1


@click.command()
@click.option(
    "--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
    help="The DuckDB database file.",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option(
    "--read-only", is_flag=True,
    help="Open the database read-only and refuse review writes (403).",
)  # fmt: skip
@click.option(
    "--review-token", envvar="EVENTWIRE_REVIEW_TOKEN", metavar="TOKEN",
    help="Review writes need this token (Authorization: Bearer TOKEN, or the form field). "
    "Required on a non-loopback --host unless --read-only. Also read from EVENTWIRE_REVIEW_TOKEN.",
)  # fmt: skip
@click.option("--get", "get_path", metavar="PATH", help="Run one in-process GET request (e.g. '/api/stats'), print it, exit.")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(("critical", "error", "warning", "info", "debug")))
def serve(
    db_path: str, host: str, port: int, read_only: bool, review_token: str | None, get_path: str | None, log_level: str
) -> None:
    """Serve the REST API (/api, docs at /docs) and the web UI over a database.

    Example: eventwire serve --db events.duckdb --port 8000
    """
    if review_token is not None and len(review_token) < 8:
        raise click.BadParameter("give a token of at least 8 characters.", param_hint="'--review-token'")
    if not is_loopback(host) and not review_token and not read_only:
        raise click.UsageError(
            f"Refusing to serve on {host!r} without --review-token: anyone who can reach it "
            "could write reviews. Give --review-token TOKEN (or EVENTWIRE_REVIEW_TOKEN), or "
            "--read-only, or serve on 127.0.0.1."
        )
    from ..api import AppConfig, create_app
    from ..store import open_database

    try:
        db = open_database(db_path, read_only=read_only)
    except EventwireError as exc:
        raise click.ClickException(" ".join(str(exc).split())) from exc
    config = AppConfig(read_only=read_only, review_token=review_token, trusted_hosts=_trusted_hosts(host, port))
    try:
        app = create_app(db, config)
        if get_path is not None:
            sys.exit(_get(app, get_path))
        import uvicorn

        mode = "read-only" if read_only else ("reviews need the token" if review_token else "reviews open")
        click.echo(f"Serving {db_path} on http://{host}:{port}/ ({mode}); API docs at /docs.", err=True)
        uvicorn.run(
            app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
            access_log=log_level == "debug",
        )  # fmt: skip
    finally:
        db.close()
