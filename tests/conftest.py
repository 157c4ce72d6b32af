"""Shared fixtures. Tests needing ../shared skip cleanly when it is absent."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))
DETENTE = [sys.executable, "-m", "detente"]


def pytest_addoption(parser):
    parser.addoption("--update", action="store_true", help="Regenerate golden files instead of comparing.")


@pytest.fixture(scope="session")
def update(request) -> bool:
    return bool(request.config.getoption("--update"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} is not present")
    return SHARED


@pytest.fixture(scope="session")
def settings():
    from detente.settings import load_settings

    return load_settings(environ={})


@pytest.fixture(scope="session")
def resources(settings):
    from detente.pipeline import Resources

    return Resources.load(settings)


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


def body_article(text: str, published: str | None = None):
    """An Article whose text is `text` as one body block (for tests that skip cleaning)."""
    from detente.model import Article, Block

    return Article("t", "t", None, (), published, None, None, None, "en", text, (Block("body", text, "en", 0, len(text)),))


def run_detente(*args: str, stdin: bytes | None = None, cwd: Path | None = None, timeout: int = 300):
    """Run the real CLI in a subprocess, as a user would."""
    env = {**os.environ, "COLUMNS": "200", "DETENTE_PROGRESS": "0"}
    return subprocess.run([*DETENTE, *args], input=stdin, capture_output=True, cwd=cwd or ROOT, env=env,
                          timeout=timeout)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, shared) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = run_detente("ingest", str(shared / "examples" / "seeds"), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr.decode()
    return db


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    result = run_detente("ingest", str(ROOT / "examples"), "--db", str(db), "--no-progress")
    assert result.returncode == 0, result.stderr.decode()
    return db
