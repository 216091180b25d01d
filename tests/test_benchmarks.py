"""Quality floors on the shared gold sets, scored with the shared scorer.

A change that lowers a score below its floor fails here. Raise a floor when the coder
improves; never lower one to make a change pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.pipeline import Coder

# Floors: F1 on each set as measured when they were last raised (see the closing notes).
FLOORS = {
    "plover-gsr": {"f1": 0.82, "location_accuracy": 0.90},
    "petr2-gsr": {"f1": 0.45},
}


def _code(coder: Coder, inputs: list[str], out: Path) -> Path:
    with out.open("w", encoding="utf-8") as handle:
        for result in coder.code_inputs(inputs):
            for event in result.events:
                handle.write(json.dumps(event) + "\n")
    return out


def _score(shared: Path, gold: Path, pred: Path) -> dict:
    scorer = shared / "eval" / "score.py"
    done = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


def test_seed_is_coded_exactly(coder, shared_dir, tmp_path):
    pred = _code(coder, [str(shared_dir / "corpus" / "seed.txt")], tmp_path / "seed.jsonl")
    result = _score(shared_dir, shared_dir / "gold" / "seed.gold.jsonl", pred)
    assert (result["precision"], result["recall"]) == (1.0, 1.0), result["errors"]
    for field in ("date_accuracy", "quantity_accuracy", "quantity_qualifier_accuracy",
                  "claimed_by_accuracy"):
        assert result[field] == 1.0, (field, result)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_benchmark_floor(coder, shared_dir, tmp_path, name):
    folder = shared_dir / "benchmarks" / name
    pred = _code(coder, [str(folder / "input.jsonl")], tmp_path / f"{name}.jsonl")
    result = _score(shared_dir, folder / "gold.jsonl", pred)
    for metric, floor in FLOORS[name].items():
        assert result[metric] is not None and result[metric] >= floor, (
            f"{name}: {metric} {result[metric]} fell below its floor {floor}"
        )


def test_eval_command_agrees_with_shared_scorer(shared_dir, tmp_path, coder):
    from eventwire.evaluate import evaluate_files

    folder = shared_dir / "benchmarks" / "petr2-gsr"
    pred = _code(coder, [str(folder / "input.jsonl")], tmp_path / "petr2.jsonl")
    ours = evaluate_files(folder / "gold.jsonl", pred).as_dict()
    theirs = _score(shared_dir, folder / "gold.jsonl", pred)
    theirs.pop("errors")
    assert ours == theirs
