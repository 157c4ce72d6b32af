"""Versioned schema: each migration is applied once, in order, inside a transaction."""
from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY, started_at VARCHAR, finished_at VARCHAR,
            detente_version VARCHAR, model VARCHAR, model_version VARCHAR, inputs VARCHAR,
            articles_new INTEGER, articles_seen INTEGER, failures INTEGER, seconds DOUBLE);
        CREATE TABLE IF NOT EXISTS articles (
            article_id VARCHAR PRIMARY KEY, origin VARCHAR, title VARCHAR, authors VARCHAR,
            published VARCHAR, republished VARCHAR, site VARCHAR, original_source VARCHAR,
            language VARCHAR, url VARCHAR, text VARCHAR, media_type VARCHAR, content_hash VARCHAR,
            duplicate_of VARCHAR, story_id VARCHAR, run_id VARCHAR, ingested_at VARCHAR);
        CREATE TABLE IF NOT EXISTS blocks (
            article_id VARCHAR, idx INTEGER, kind VARCHAR, text VARCHAR, language VARCHAR,
            char_start INTEGER, char_end INTEGER, PRIMARY KEY (article_id, idx));
        CREATE TABLE IF NOT EXISTS sentences (
            article_id VARCHAR, idx INTEGER, char_start INTEGER, char_end INTEGER, text VARCHAR,
            PRIMARY KEY (article_id, idx));
        CREATE TABLE IF NOT EXISTS actor_mentions (
            article_id VARCHAR, idx INTEGER, char_start INTEGER, char_end INTEGER, text VARCHAR,
            code VARCHAR, sector VARCHAR, name VARCHAR, actor_id VARCHAR, rule VARCHAR,
            confidence DOUBLE, sentence INTEGER, PRIMARY KEY (article_id, idx));
        CREATE TABLE IF NOT EXISTS time_expressions (
            article_id VARCHAR, idx INTEGER, char_start INTEGER, char_end INTEGER, text VARCHAR,
            value VARCHAR, precision VARCHAR, sentence INTEGER, PRIMARY KEY (article_id, idx));
        CREATE TABLE IF NOT EXISTS events (
            event_id VARCHAR PRIMARY KEY, article_id VARCHAR, sentence_index INTEGER, sentence VARCHAR,
            char_start INTEGER, char_end INTEGER, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            source VARCHAR, target VARCHAR, source_code VARCHAR, target_code VARCHAR,
            plover VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
            factuality VARCHAR, factuality_cues VARCHAR, attribution VARCHAR, date VARCHAR,
            date_precision VARCHAR, location VARCHAR, confidence DOUBLE, rule VARCHAR, path VARCHAR,
            story_event_id VARCHAR, block VARCHAR);
        CREATE TABLE IF NOT EXISTS quotes (
            quote_id VARCHAR PRIMARY KEY, article_id VARCHAR, text VARCHAR, direct BOOLEAN,
            speaker VARCHAR, speaker_name VARCHAR, cue VARCHAR, addressee VARCHAR,
            char_start INTEGER, char_end INTEGER, rule VARCHAR);
        CREATE TABLE IF NOT EXISTS failures (
            origin VARCHAR, code VARCHAR, message VARCHAR, stage VARCHAR, run_id VARCHAR, failed_at VARCHAR,
            PRIMARY KEY (origin, code));
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
