"""kill -9 in the middle of an ingest leaves no partial article; re-running completes the set once."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import duckdb
import pytest

from conftest import DETENTE, ROOT

TEMPLATE = ("Talks number {n} on the border\n\n"
            "Kenya and Uganda held talks number {n} in Nairobi on Tuesday about the disputed island of Migingo, "
            "officials said. The Ugandan foreign minister urged Kenya to withdraw its police from the island.\n\n"
            "Kenya accused Uganda of harassing fishermen and threatened to impose sanctions on Ugandan traders "
            "if the harassment continued. Both governments agreed to meet again in Kampala next month.")


def _counts(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": q("SELECT count(*) FROM articles"),
            "events": q("SELECT count(*) FROM events"),
            "articles_without_sentences": q(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.article_id)"),
            "orphan_events": q(
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = e.article_id)"),
            "orphan_blocks": q(
                "SELECT count(*) FROM blocks b WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = b.article_id)"),
        }
    finally:
        con.close()


def _ingest(folder, db, **kw):
    env = {**os.environ, "DETENTE_PROGRESS": "0", "DETENTE_BATCH_SIZE": "4"}
    return subprocess.Popen([*DETENTE, "ingest", str(folder), "--db", str(db), "--no-progress"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 240
    for n in range(total):
        (folder / f"a{n:03d}.txt").write_text(TEMPLATE.format(n=n), encoding="utf-8")
    db = tmp_path / "k.duckdb"
    wal = tmp_path / "k.duckdb.wal"
    proc = _ingest(folder, db)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 20_000:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    assert proc.poll() is None, "ingest finished before it could be interrupted; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after_kill = _counts(db)
    assert 0 < after_kill["articles"] < total
    assert after_kill["articles_without_sentences"] == 0
    assert after_kill["orphan_events"] == 0 and after_kill["orphan_blocks"] == 0

    assert _ingest(folder, db).wait(timeout=600) == 0
    resumed = _counts(db)
    reference = tmp_path / "ref.duckdb"
    assert _ingest(folder, reference).wait(timeout=600) == 0
    assert resumed == _counts(reference)
    assert resumed["articles"] == total
