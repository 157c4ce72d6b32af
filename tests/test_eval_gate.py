"""Evaluation gate: score the gold files with shared/tools/score.py and refuse regressions.

Floors live in tests/floors.json. Raising a floor is a commit of its own; lowering one is a defect.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_detente

FLOORS = json.loads((ROOT / "tests" / "floors.json").read_text())


def _export(db: Path, kind: str, out: Path) -> Path:
    target = out / f"{kind}.jsonl"
    result = run_detente("export", kind, "--db", str(db), "--format", "jsonl", "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    return target


def score(shared: Path, gold: str, db: Path, tmp: Path) -> dict:
    result_file = tmp / "score.json"
    args = [sys.executable, str(shared / "tools" / "score.py"), str(shared / "gold" / gold),
            "--articles", str(_export(db, "articles", tmp)), "--events", str(_export(db, "events", tmp)),
            "--quotes", str(_export(db, "quotes", tmp)), "--json", str(result_file)]
    done = subprocess.run(args, capture_output=True, text=True)
    assert result_file.exists(), done.stderr
    return json.loads(result_file.read_text())


def _check(measured: dict, floors: dict) -> list[str]:
    return [f"{name}: {measured[name]} < floor {floor}" for name, floor in floors.items() if measured[name] < floor]


def _figures(result: dict) -> dict:
    ev, qs = result["events"], result["quotes"]
    return {
        "article_checks": result["article_checks"][0],
        "required_events": ev["required_found"],
        "event_precision": round(ev["precision"], 3),
        "date_accuracy": round(ev["date_accuracy"] or 0.0, 3),
        "required_quotes": qs["required_found"],
        "quote_precision": round(qs["precision"], 3),
    }


@pytest.mark.model
@pytest.mark.shared
def test_seed_scores_hold_their_floors(shared, seeds_db, tmp_path):
    figures = _figures(score(shared, "seeds.json", seeds_db, tmp_path))
    print("seeds:", figures)
    assert not _check(figures, FLOORS["seeds"]), figures


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.slow
def test_dev_set_scores_hold_their_floors(shared, tmp_path):
    db = tmp_path / "dev.duckdb"
    result = run_detente("ingest", str(shared / "eval" / "news-dev"), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr.decode()
    figures = _figures(score(shared, "news-dev.json", db, tmp_path))
    print("news-dev:", figures)
    assert not _check(figures, FLOORS["news-dev"]), figures


@pytest.mark.shared
def test_gold_files_are_the_ones_the_floors_were_measured_on(shared):
    """A changed gold file must be looked at and the floors re-measured on purpose (like trafilatura's gate)."""
    for name, digest in FLOORS["gold_sha256"].items():
        assert hashlib.sha256((shared / "gold" / name).read_bytes()).hexdigest() == digest, name
