"""store: DuckDB by default. Each article is written in one transaction, so an interrupted
ingest leaves no partial article and a re-run completes the set without duplicates."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import duckdb

from ..errors import ConfigError, DetenteError
from ..model import Event, Failure, Findings, Quote
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store", "event_record", "quote_record"]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _ref(value) -> dict | None:
    return None if value is None else asdict(value)


class Store:
    """A detente database file. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise DetenteError("E008", f"{self.path}: no such database (run `detente ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise ConfigError("E008", f"{self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return row[0] or 0

    def _check_version(self) -> None:
        if self._version() > SCHEMA_VERSION:
            raise ConfigError("E021", self.path)

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self._version()
        if current > SCHEMA_VERSION:
            raise ConfigError("E021", self.path)
        for version, sql in MIGRATIONS:
            if version > current:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
                self.con.execute("COMMIT")

    # ---- writing -------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone() is not None

    def start_run(self, run: dict) -> None:
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, detente_version, model, model_version, inputs) VALUES (?,?,?,?,?,?)",
            [run["run_id"], run["started_at"], run["detente_version"], run["model"], run["model_version"],
             _json(run["inputs"])],
        )

    def finish_run(self, run_id: str, finished_at: str, new: int, seen: int, failures: int, seconds: float) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at=?, articles_new=?, articles_seen=?, failures=?, seconds=? WHERE run_id=?",
            [finished_at, new, seen, failures, seconds, run_id],
        )

    def record_failure(self, failure: Failure, run_id: str, at: str) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM failures WHERE origin = ? AND code = ?", [failure.origin, failure.code])
        self.con.execute("INSERT INTO failures VALUES (?,?,?,?,?,?)",
                         [failure.origin, failure.code, failure.message, failure.stage, run_id, at])
        self.con.execute("COMMIT")

    def save(self, findings: Findings, run_id: str, at: str) -> bool:
        """Write one article and everything found in it atomically; False if it was already stored."""
        article = findings.article
        aid = article.article_id
        self.con.execute("BEGIN TRANSACTION")
        try:
            if self.has_article(aid):
                self.con.execute("ROLLBACK")
                return False
            self.con.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [aid, article.origin, article.title, _json(list(article.authors)), article.published,
                 article.republished, article.site, article.original_source, article.language, article.url,
                 article.text, article.media_type, article.content_hash, None, None, run_id, at],
            )
            self._many("blocks", [[aid, i, b.kind, b.text, b.language, b.start, b.end] for i, b in enumerate(article.blocks)])
            self._many("sentences", [[aid, s.index, s.start, s.end, s.text] for s in findings.sentences])
            self._many("actor_mentions", [
                [aid, i, m.start, m.end, m.text, m.code, m.sector, m.name, m.actor_id, m.rule, m.confidence, m.sentence]
                for i, m in enumerate(findings.mentions)])
            self._many("time_expressions", [
                [aid, i, t.start, t.end, t.text, t.value, t.precision, t.sentence] for i, t in enumerate(findings.times)])
            self._many("events", [self._event_row(e) for e in findings.events])
            self._many("quotes", [self._quote_row(q) for q in findings.quotes])
            self.con.execute("DELETE FROM failures WHERE origin = ?", [article.origin])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return True

    def _many(self, table: str, rows: list[list]) -> None:
        if rows:
            marks = ",".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    @staticmethod
    def _event_row(e: Event) -> list:
        return [e.event_id, e.article_id, e.sentence_index, e.sentence, e.char_start, e.char_end, e.trigger,
                e.trigger_start, e.trigger_end, _json(_ref(e.source)), _json(_ref(e.target)),
                e.source.code if e.source else None, e.target.code if e.target else None,
                e.plover, e.mode, e.cameo, e.goldstein, e.quad_class, e.factuality, _json(list(e.factuality_cues)),
                e.attribution, e.date, e.date_precision, _json(_ref(e.location)), e.confidence, e.rule, e.path, None,
                e.block]

    @staticmethod
    def _quote_row(q: Quote) -> list:
        return [q.quote_id, q.article_id, q.text, q.direct, _json(_ref(q.speaker)),
                q.speaker.name if q.speaker else None, q.cue, _json(_ref(q.addressee)),
                q.char_start, q.char_end, q.rule]

    # ---- reading -------------------------------------------------------------------------
    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def article(self, article_id: str) -> dict | None:
        rows = self.rows("SELECT * FROM articles WHERE article_id = ? OR article_id LIKE ? ORDER BY article_id",
                         [article_id, article_id + "%"])
        return rows[0] if len(rows) >= 1 else None


def event_record(row: dict) -> dict:
    """A stored event row in the export contract of DESIGN.md."""
    return {
        "event_id": row["event_id"], "article_id": row["article_id"], "origin": row.get("origin"),
        "sentence": row["sentence"], "char_start": row["char_start"], "char_end": row["char_end"],
        "trigger": row["trigger"], "source": json.loads(row["source"]) if row["source"] else None,
        "target": json.loads(row["target"]) if row["target"] else None, "plover": row["plover"],
        "mode": row["mode"], "cameo": row["cameo"], "goldstein": row["goldstein"], "quad_class": row["quad_class"],
        "factuality": row["factuality"], "attribution": row["attribution"], "date": row["date"],
        "date_precision": row["date_precision"],
        "location": json.loads(row["location"]) if row["location"] else None,
        "confidence": row["confidence"], "rule": row["rule"], "story_event_id": row["story_event_id"],
        "block": row["block"],
    }


def quote_record(row: dict) -> dict:
    return {
        "quote_id": row["quote_id"], "article_id": row["article_id"], "origin": row.get("origin"),
        "text": row["text"], "direct": row["direct"],
        "speaker": json.loads(row["speaker"]) if row["speaker"] else None, "cue": row["cue"],
        "addressee": json.loads(row["addressee"]) if row["addressee"] else None,
        "char_start": row["char_start"], "char_end": row["char_end"], "rule": row["rule"],
    }
