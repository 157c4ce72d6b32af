"""Read-side queries shared by the CLI, exports and (later) the API: rows in the export contracts."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import DetenteError
from .store import Store, event_record, quote_record

EXPORT_KINDS = ("articles", "events", "quotes")


@dataclass(frozen=True)
class EventFilter:
    dyad: str | None = None  # "RUS-IRN": either direction
    actor: str | None = None  # code or name substring
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    article: str | None = None
    limit: int | None = None

    def sql(self) -> tuple[str, list, str]:
        where, params = [], []
        if self.dyad:
            a, _, b = self.dyad.upper().partition("-")
            where.append("((e.source_code = ? AND e.target_code = ?) OR (e.source_code = ? AND e.target_code = ?))")
            params += [a, b, b, a]
        if self.actor:
            where.append("(e.source_code = ? OR e.target_code = ? OR lower(e.source) LIKE ? OR lower(e.target) LIKE ?)")
            like = f"%{self.actor.lower()}%"
            params += [self.actor.upper(), self.actor.upper(), like, like]
        if self.plover:
            where.append("e.plover = ?")
            params.append(self.plover.upper())
        if self.since:
            where.append("coalesce(e.date, a.published) >= ?")
            params.append(self.since)
        if self.until:
            where.append("coalesce(e.date, a.published) <= ?")
            params.append(self.until + "~")
        if self.factuality:
            where.append("e.factuality = ?")
            params.append(self.factuality.lower())
        if self.article:
            where.append("e.article_id LIKE ?")
            params.append(self.article + "%")
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        limit = f" LIMIT {int(self.limit)}" if self.limit else ""
        return clause, params, limit


def events(store: Store, flt: EventFilter = EventFilter()) -> list[dict]:
    clause, params, limit = flt.sql()
    rows = store.rows(
        "SELECT e.*, a.origin FROM events e JOIN articles a USING (article_id)" + clause
        + " ORDER BY a.origin, e.char_start, e.trigger_start" + limit, params)
    return [event_record(r) for r in rows]


def quotes(store: Store, speaker: str | None = None, limit: int | None = None, indirect: bool = True) -> list[dict]:
    """Quotes, optionally only direct quotations (the speaker's own words in quotation marks)."""
    sql = "SELECT q.*, a.origin FROM quotes q JOIN articles a USING (article_id) WHERE (q.direct OR ?)"
    params: list = [indirect]
    if speaker:
        sql += " AND lower(q.speaker) LIKE ?"
        params.append(f"%{speaker.lower()}%")
    sql += " ORDER BY a.origin, q.char_start" + (f" LIMIT {int(limit)}" if limit else "")
    return [quote_record(r) for r in store.rows(sql, params)]


def articles(store: Store) -> list[dict]:
    rows = store.rows("SELECT * FROM articles ORDER BY origin")
    blocks: dict[str, list] = {}
    for b in store.rows("SELECT article_id, kind, text, language FROM blocks ORDER BY article_id, idx"):
        blocks.setdefault(b["article_id"], []).append({"kind": b["kind"], "text": b["text"], "language": b["language"]})
    return [article_record(r, blocks.get(r["article_id"], [])) for r in rows]


def article_record(row: dict, blocks: list[dict]) -> dict:
    return {
        "article_id": row["article_id"], "origin": row["origin"], "title": row["title"],
        "authors": json.loads(row["authors"] or "[]"), "published": row["published"],
        "republished": row["republished"], "site": row["site"], "original_source": row["original_source"],
        "language": row["language"], "url": row["url"], "text": row["text"], "blocks": blocks,
        "duplicate_of": row["duplicate_of"], "story_id": row["story_id"],
    }


def article_summaries(store: Store) -> list[dict]:
    return store.rows(
        "SELECT a.article_id, a.origin, a.title, a.published, a.site, length(a.text) AS chars,"
        " (SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events,"
        " (SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id) AS quotes"
        " FROM articles a ORDER BY a.origin")


def failures(store: Store) -> list[dict]:
    return store.rows("SELECT origin, code, message, stage, failed_at FROM failures ORDER BY failed_at, origin")


def export_rows(store: Store, kind: str, indirect: bool = False) -> Iterator[dict]:
    if kind == "articles":
        yield from articles(store)
    elif kind == "events":
        yield from events(store)
    elif kind == "quotes":
        yield from quotes(store, indirect=indirect)
    else:
        raise DetenteError("E024", f"export kind {kind!r}: choose one of {', '.join(EXPORT_KINDS)}")


def summary(store: Store, top: int = 8) -> dict:
    one = lambda sql: store.con.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "events": one("SELECT count(*) FROM events"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "failures": one("SELECT count(*) FROM failures"),
        "by_type": store.rows("SELECT plover, count(*) AS n, sum(CASE WHEN factuality = 'asserted' THEN 1 ELSE 0 END)"
                              " AS asserted FROM events GROUP BY plover ORDER BY n DESC, plover"),
        "top_dyads": store.rows(
            "SELECT least(source_code, target_code) || '-' || greatest(source_code, target_code) AS dyad,"
            " count(*) AS n FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL"
            " AND source_code <> target_code GROUP BY dyad ORDER BY n DESC, dyad LIMIT ?", [top]),
        "runs": store.rows("SELECT run_id, started_at, model, model_version, articles_new, failures, seconds"
                           " FROM runs ORDER BY started_at DESC LIMIT 1"),
    }


def explain(store: Store, event_id: str) -> dict:
    rows = store.rows("SELECT e.*, a.origin FROM events e JOIN articles a USING (article_id) WHERE e.event_id LIKE ?",
                      [event_id + "%"])
    if not rows:
        raise DetenteError("E023", event_id)
    row = rows[0]
    record = event_record(row)
    record.update({"path": row["path"], "factuality_cues": json.loads(row["factuality_cues"] or "[]"),
                   "trigger_span": [row["trigger_start"], row["trigger_end"]]})
    return record
