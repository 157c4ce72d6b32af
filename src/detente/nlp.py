"""nlp: one spaCy pipeline, loaded once, run with nlp.pipe in batches. Nothing downstream re-parses."""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

from .errors import ConfigError
from .model import Article, ParsedArticle


def load_pipeline(model: str):
    """Load an installed spaCy pipeline package by name; never downloads anything."""
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        try:
            return importlib.import_module(model).load()
        except ImportError as exc:
            raise ConfigError("E020", model) from exc


def model_info(nlp) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", ""))


def parse(nlp, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ParsedArticle]:
    """Parse article texts in batches, preserving order."""
    pending = list(articles)
    for article, doc in zip(pending, nlp.pipe((a.analysis_text() for a in pending), batch_size=batch_size)):
        yield ParsedArticle(article, doc)
