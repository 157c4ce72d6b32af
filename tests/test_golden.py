"""Golden test: the bundled examples in, the expected findings out.

Regenerate on purpose with `pytest tests/test_golden.py --update` and review the diff.
"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_detente

GOLDEN = ROOT / "tests" / "golden" / "examples.json"


def _rows(db, kind):
    result = run_detente("export", kind, "--db", str(db), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines() if line.strip()]


def _actor(a):
    return f"{a['code']}/{a['sector']}" if a else None


def snapshot(db) -> dict:
    """What a user would check: metadata, events as (sentence start, source, type, target, factuality, date)."""
    articles = {a["article_id"]: a["origin"].split("examples/")[-1] for a in _rows(db, "articles")}
    out = {}
    for a in _rows(db, "articles"):
        out[articles[a["article_id"]]] = {
            "title": a["title"], "authors": a["authors"], "published": a["published"], "site": a["site"],
            "text_start": a["text"][:60], "blocks": sorted({b["kind"] for b in a["blocks"]}),
            "events": [], "quotes": [],
        }
    for e in _rows(db, "events"):
        out[articles[e["article_id"]]]["events"].append(
            [e["sentence"][:50], _actor(e["source"]), e["plover"], e["cameo"], _actor(e["target"]), e["factuality"],
             e["date"]])
    for q in _rows(db, "quotes"):
        speaker = q["speaker"] or {}
        out[articles[q["article_id"]]]["quotes"].append([q["text"][:50], speaker.get("name"), speaker.get("code")])
    return out


@pytest.mark.model
def test_examples_match_golden(examples_db, update):
    current = snapshot(examples_db)
    if update or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        pytest.skip("golden file written; review it with git diff")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert current == expected


@pytest.mark.model
def test_examples_show_several_dyads_and_types(examples_db):
    """The demo must show something meaningful: several dyads and event types, with dates."""
    events = _rows(examples_db, "events")
    dyads = {tuple(sorted((e["source"]["code"], e["target"]["code"]))) for e in events
             if e["source"] and e["target"] and e["source"]["code"] and e["target"]["code"]}
    assert len(dyads) >= 8
    assert len({e["plover"] for e in events}) >= 8
    assert {"asserted", "negated", "future"} <= {e["factuality"] for e in events}
