"""The CLI as a user meets it: help, settings, listings, filters, exports, errors."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import run_detente
from detente.model import BLOCK_KINDS, FACTUALITIES, PLOVER_TYPES

COMMANDS = ("ingest", "articles", "show", "events", "explain", "quotes", "failures", "export", "summary",
            "actors", "actor", "config")


def test_every_command_has_help():
    top = run_detente("--help").stdout.decode()
    for command in COMMANDS:
        assert command in top
        result = run_detente(command, "--help")
        assert result.returncode == 0
        assert len(result.stdout.decode()) > 200, command


def test_config_show_reports_sources(tmp_path):
    (tmp_path / "detente.toml").write_text('[detente]\nbatch_size = 7\n')
    result = run_detente("config", "show", "--json", cwd=tmp_path)
    rows = {r["name"]: r for r in map(json.loads, result.stdout.decode().splitlines())}
    assert rows["batch_size"]["value"] == 7 and rows["batch_size"]["source"].startswith("file")
    assert rows["db"]["source"] == "default"


def test_bad_config_is_a_clear_error(tmp_path):
    (tmp_path / "detente.toml").write_text('[detente]\nbatch_sise = 7\n')
    result = run_detente("config", "show", cwd=tmp_path)
    assert result.returncode == 2 and b"E024" in result.stderr


def test_missing_database_is_a_clear_error(tmp_path):
    result = run_detente("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and b"detente ingest" in result.stderr


@pytest.mark.model
def test_listings_and_filters(examples_db):
    db = str(examples_db)
    articles = [json.loads(x) for x in run_detente("articles", "--db", db, "--json").stdout.decode().splitlines()]
    assert len(articles) >= 10
    events = [json.loads(x) for x in run_detente("events", "--db", db, "--json").stdout.decode().splitlines()]
    assert events
    sample = next(e for e in events if e["source"] and e["target"] and e["source"]["code"] and e["target"]["code"])
    dyad = f"{sample['target']['code']}-{sample['source']['code']}"
    filtered = [json.loads(x) for x in run_detente("events", "--db", db, "--dyad", dyad, "--json").stdout.decode().splitlines()]
    assert filtered and all({e["source"]["code"], e["target"]["code"]} == set(dyad.split("-")) for e in filtered)
    by_type = [json.loads(x) for x in run_detente("events", "--db", db, "--type", sample["plover"].lower(), "--json")
               .stdout.decode().splitlines()]
    assert by_type and {e["plover"] for e in by_type} == {sample["plover"]}
    negated = [json.loads(x) for x in run_detente("events", "--db", db, "--factuality", "negated", "--json")
               .stdout.decode().splitlines()]
    assert all(e["factuality"] == "negated" for e in negated)
    explained = run_detente("explain", sample["event_id"][:10], "--db", db)
    assert explained.returncode == 0 and b"lexicon:" in explained.stdout
    shown = run_detente("show", sample["article_id"][:8], "--db", db)
    assert shown.returncode == 0 and sample["trigger"].encode() in shown.stdout
    assert run_detente("show", "ffffffffffff", "--db", db).returncode == 2


@pytest.mark.model
def test_exports_in_three_formats(examples_db, tmp_path):
    db = str(examples_db)
    jsonl = run_detente("export", "events", "--db", db, "--format", "jsonl").stdout.decode().splitlines()
    first = json.loads(jsonl[0])
    for field in ("event_id", "article_id", "origin", "sentence", "char_start", "char_end", "trigger", "source",
                  "target", "plover", "cameo", "goldstein", "quad_class", "factuality", "attribution", "date",
                  "date_precision", "location", "confidence", "story_event_id"):
        assert field in first
    events = [json.loads(line) for line in jsonl]
    assert {e["factuality"] for e in events} <= set(FACTUALITIES)
    assert {e["plover"] for e in events} <= set(PLOVER_TYPES)
    articles = [json.loads(x) for x in run_detente("export", "articles", "--db", db).stdout.decode().splitlines()]
    assert {b["kind"] for a in articles for b in a["blocks"]} <= set(BLOCK_KINDS)
    rows = list(csv.DictReader(io.StringIO(run_detente("export", "events", "--db", db, "--format", "csv")
                                           .stdout.decode())))
    assert len(rows) == len(jsonl)
    target = tmp_path / "articles.parquet"
    assert run_detente("export", "articles", "--db", db, "--format", "parquet", "-o", str(target)).returncode == 0
    table = pq.read_table(target)
    assert {"article_id", "title", "text", "blocks", "published"} <= set(table.column_names)
    assert run_detente("export", "quotes", "--db", db, "--format", "parquet").returncode == 2


@pytest.mark.model
def test_ingest_from_stdin(tmp_path):
    db = tmp_path / "in.duckdb"
    text = b"Kenya and Uganda held talks in Nairobi on Tuesday, officials said, and agreed to meet again."
    result = run_detente("ingest", "-", "--db", str(db), "--json", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["new"] == 1


def test_show_lists_the_blocks_kept_out_of_the_text(tmp_path):
    db = tmp_path / "show.duckdb"
    tweet = "みんなに知っておいて欲しいんだけど、目の前で痴漢してるやつを見つけることがあるんですよ。"
    text = ("Kenya and Uganda agree to hold more talks\n\n"
            "Kenya and Uganda held talks in Nairobi on Tuesday, officials said, and agreed to meet again.\n\n"
            f"One commuter posted:\n\n{tweet}\n\n"
            "Photo: The two delegations in Nairobi (Reuters)\n\n"
            "The two governments will set up a joint commission on trade, which will meet in March in Kampala.")
    assert run_detente("ingest", "-", "--db", str(db), stdin=text.encode()).returncode == 0
    article_id = json.loads(run_detente("articles", "--db", str(db), "--json").stdout.splitlines()[0])["article_id"]
    shown = run_detente("show", article_id, "--db", str(db)).stdout.decode()
    assert "[caption] Photo: The two delegations" in shown
    assert f"[body, ja] {tweet[:10]}" in shown
