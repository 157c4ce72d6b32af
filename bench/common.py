"""Helpers shared by the evaluation scripts in bench/ (run them as `python bench/<name>.py`)."""
from __future__ import annotations

import argparse
import subprocess
import time
from pathlib import Path

from detente.model import Article, Block

ROOT = Path(__file__).resolve().parents[1]


def code_version() -> str:
    """detente's version and the git commit of the checkout scored (with +dirty for uncommitted src changes)."""
    from detente import __version__
    try:
        sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        sha, dirty = "", ""
    return f"detente {__version__}" + (f", git {sha}{'+dirty' if dirty else ''}" if sha else "")


def standard_arguments(doc: str, unit: str, json_help: str, verbose_help: str) -> argparse.Namespace:
    """The options every gold-set script takes: --limit N (first N `unit`), --json PATH, -v."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--limit", type=int, help=f"only the first N {unit}")
    ap.add_argument("--json", help=json_help)
    ap.add_argument("-v", "--verbose", action="store_true", help=verbose_help)
    return ap.parse_args()


def timed_resources():
    """detente's resources as `make demo` loads them, and the seconds that took."""
    from detente.pipeline import Resources
    from detente.settings import load_settings

    started = time.perf_counter()
    res = Resources.load(load_settings())
    return res, time.perf_counter() - started


def one_sentence_article(rid: str, text: str, published: str | None) -> Article:
    """A body-only Article around a text that needs no cleaning (a gold sentence)."""
    return Article(article_id=rid, origin=rid, title=None, authors=(), published=published, republished=None,
                   site=None, original_source=None, language="en", text=text,
                   blocks=(Block("body", text, "en", 0, len(text)),))
