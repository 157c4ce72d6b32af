"""nlp: one spaCy pipeline, loaded once, run with nlp.pipe in batches. Nothing downstream re-parses."""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

from .errors import ConfigError
from .model import Article, ParsedArticle

PARAGRAPH_BREAKS = "detente_paragraph_breaks"
OPENING = frozenset('“"‘\'«([')


def mark_paragraph_breaks(doc):
    """A sentence never runs across a paragraph break: a heading ('SANCTIONS') or a caption left in the text
    would otherwise open the next paragraph's first sentence, and its event's evidence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
                following = doc[token.i + 1] if token.i + 1 < len(doc) else None
                if following is not None and not (following.is_punct or following.is_space) and (
                        token.text in OPENING or not token.is_punct):
                    following.is_sent_start = False  # '“' alone is no sentence, nor is 'Trump' before 'has derided'
    return doc


PREFIXED_WORDS = "detente_prefixed_words"
PREFIXES = frozenset({"re"})


def merge_prefixed_words(doc):
    """'re-imposed' is one word: the tokenizer splits it into 're', '-', 'imposed' and the parser then
    makes 're' the verb. Merged first, so the tagger and the parser see the word."""
    spans = [doc[t.i:t.i + 3] for t in doc[:-2]
             if t.lower_ in PREFIXES and not t.whitespace_ and doc[t.i + 1].text == "-"
             and not doc[t.i + 1].whitespace_ and doc[t.i + 2].is_alpha]
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


def load_pipeline(model: str):
    """Load an installed spaCy pipeline package by name; never downloads anything."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(model)
    except OSError:
        try:
            nlp = importlib.import_module(model).load()
        except ImportError as exc:
            raise ConfigError("E020", model) from exc
    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=mark_paragraph_breaks)
    if not Language.has_factory(PREFIXED_WORDS):
        Language.component(PREFIXED_WORDS, func=merge_prefixed_words)
    if PREFIXED_WORDS not in nlp.pipe_names:
        nlp.add_pipe(PREFIXED_WORDS, first=True)
    if PARAGRAPH_BREAKS not in nlp.pipe_names:
        first = next((name for name in ("parser", "senter") if name in nlp.pipe_names), None)
        nlp.add_pipe(PARAGRAPH_BREAKS, before=first) if first else nlp.add_pipe(PARAGRAPH_BREAKS)
    return nlp


def model_info(nlp) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", str(meta.get("version", ""))


def parse(nlp, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ParsedArticle]:
    """Parse article texts in batches, preserving order."""
    pending = list(articles)
    for article, doc in zip(pending, nlp.pipe((a.analysis_text() for a in pending), batch_size=batch_size)):
        yield ParsedArticle(article, doc)
