"""The pipeline: ingest -> clean -> nlp -> findings -> store, one batch at a time.

Library code: no printing; progress is reported through a callback.
"""
from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from . import __version__
from .clean import clean
from .errors import DocumentError
from .events import find_events
from .events.lexicon import Lexicon, load_lexicon
from .events.places import Gazetteer, load_gazetteer
from .ingest import iter_documents, now
from .kb import KnowledgeBase, load_kb
from .kb.resolve import resolve_mentions
from .model import Article, Failure, Findings, ParsedArticle, RawDocument, Sentence
from .nlp import load_pipeline, model_info, parse
from .quotes import find_quotes, first_person_mentions
from .settings import Settings
from .store import Store


@dataclass(frozen=True)
class Resources:
    """Everything loaded once per run and passed to the stages (no module state)."""

    nlp: object
    kb: KnowledgeBase
    lexicon: Lexicon
    gazetteer: Gazetteer

    @classmethod
    def load(cls, settings: Settings) -> Resources:
        extra = tuple(p for p in settings.kb_extra.split(os.pathsep) if p)
        return cls(load_pipeline(settings.model), load_kb(extra), load_lexicon(), load_gazetteer())


@dataclass
class IngestReport:
    run_id: str
    documents: int = 0
    new: int = 0
    already_stored: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    characters: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)


def raw_id(raw: RawDocument) -> str:
    """The article id a raw document will get: its content hash (see clean.clean)."""
    return (raw.meta.get("content_key") or hashlib.sha256(raw.data).hexdigest())[:16]


def analyse(parsed: ParsedArticle, res: Resources) -> Findings:
    """Actors, times, events and quotes of one parsed article."""
    article = parsed.article
    doc = parsed.doc
    sentences = tuple(Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents))
    if article.language not in (None, "en"):
        return Findings(article, sentences, (), (), (), ())  # the lexicons and the parser are English
    mentions = resolve_mentions(doc, res.kb, article.published)
    found_quotes = find_quotes(parsed, mentions)
    mentions = sorted(mentions + first_person_mentions(doc, found_quotes, mentions), key=lambda m: m.start)
    times, events = find_events(parsed, mentions, res.lexicon, res.gazetteer, res.kb,
                                [(q.char_start, q.char_end) for q in found_quotes if q.direct])
    body_end = len(article.text)
    events = [e if e.char_start < body_end else replace(e, char_start=None, char_end=None, block="caption")
              for e in events]
    quotes = [q for q in found_quotes if q.char_end <= body_end]
    return Findings(article, sentences, tuple(mentions), tuple(times), tuple(events), tuple(quotes))


def _failure(origin: str, exc: DocumentError, stage: str) -> Failure:
    return Failure(origin, exc.code, exc.message, stage)


def run_ingest(paths: list[str], settings: Settings, store: Store, res: Resources,
               on_document: Callable[[str, str], None] | None = None) -> IngestReport:
    """Ingest everything under `paths` into `store`; bad input becomes failures, the batch goes on.

    `on_document(origin, outcome)` is called once per document with outcome new/stored/failed.
    """
    started = time.perf_counter()
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    name, version = model_info(res.nlp)
    store.start_run({"run_id": report.run_id, "started_at": now(), "detente_version": __version__,
                     "model": name, "model_version": version, "inputs": paths})
    notify = on_document or (lambda origin, outcome: None)

    def fail(failure: Failure) -> None:
        report.failures.append(failure)
        store.record_failure(failure, report.run_id, now())
        notify(failure.origin, "failed")

    batch: list[Article] = []
    pending_ids: set[str] = set()

    def flush() -> None:
        for parsed in _parse_safely(res.nlp, batch, settings, fail):
            try:
                findings = analyse(parsed, res)
            except Exception as exc:  # a bug on one article must not stop the batch; it is recorded
                fail(Failure(parsed.article.origin, "E013", DocumentError("E013", repr(exc)[:200]).message, "findings"))
                continue
            if store.save(findings, report.run_id, now()):
                report.new += 1
                report.characters += len(parsed.article.text)
                notify(parsed.article.origin, "new")
            else:
                report.already_stored += 1
                notify(parsed.article.origin, "stored")
        batch.clear()
        pending_ids.clear()

    for item in iter_documents(paths, settings.max_bytes):
        report.documents += 1
        if isinstance(item, Failure):
            fail(item)
            continue
        article_id = raw_id(item)
        if article_id in pending_ids or store.has_article(article_id):
            report.already_stored += 1
            notify(item.origin, "stored")
            continue
        try:
            article = clean(item)
        except DocumentError as exc:
            fail(_failure(item.origin, exc, "clean"))
            continue
        if len(article.text) > settings.max_chars:
            fail(_failure(item.origin, DocumentError("E004", f"{len(article.text):,} characters > max_chars "
                                                              f"{settings.max_chars:,}"), "nlp"))
            continue
        batch.append(article)
        pending_ids.add(article_id)
        if len(batch) >= settings.batch_size:
            flush()
    flush()
    report.seconds = time.perf_counter() - started
    store.finish_run(report.run_id, now(), report.new, report.already_stored, report.failed, report.seconds)
    return report


def _parse_safely(nlp, articles: list[Article], settings: Settings, fail) -> Iterable[ParsedArticle]:
    """Parse a batch; if the batch fails, parse one by one so only the bad article is lost."""
    try:
        yield from list(parse(nlp, articles, settings.batch_size))
    except Exception:  # spaCy errors on one text would otherwise sink the whole batch
        for article in articles:
            try:
                yield from list(parse(nlp, [article], 1))
            except Exception as exc:
                fail(Failure(article.origin, "E013", DocumentError("E013", repr(exc)[:200]).message, "nlp"))
