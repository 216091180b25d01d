"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow test: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def coder():
    """The default coder with its spaCy model, loaded once for the whole test session."""
    from eventwire.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder (gold sets, benchmarks, ontology)."""
    if not (SHARED / "DESIGN.md").exists():
        pytest.skip(
            f"../shared is not beside this checkout (looked in {SHARED}); "
            "set EVENTWIRE_SHARED to its path to run the gold-set tests"
        )
    return SHARED
