"""quotes: direct and indirect speech with the speaker resolved to an actor.

Direct quotes are found in the text by their quotation marks (curly or straight, across
paragraphs when extraction broke them); the speaker comes from the speech verb of the same
sentence, or of the introducing line before a block quotation ("Putin told Pezeshkian,"),
with pronouns ("he added") resolved to the last person named.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from .model import ActorMention, ActorRef, ParsedArticle, Quote

SPEECH_VERBS = frozenset({
    "say", "tell", "add", "warn", "state", "note", "stress", "remark", "write", "declare", "insist", "explain",
    "claim", "argue", "reiterate", "repeat", "assert", "announce", "comment", "affirm", "emphasise", "emphasize",
    "underline", "conclude", "observe", "quip", "reply", "respond", "answer", "continue", "ask", "urge", "suggest",
    "acknowledge", "admit", "recall", "predict", "believe", "think", "report", "tweet", "post", "proclaim",
})
PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "him", "we", "i"})
MIN_WORDS = 3
_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))


def _direct_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of each top-level quotation, curly or straight."""
    for opening, closing in _PAIRS:
        i = 0
        while True:
            start = text.find(opening, i)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            if end < 0:
                break
            inner = text[start + 1:end]
            if opening == '"' and "\n\n" in inner:
                i = start + 1
                continue
            yield start + 1, end
            i = end + 1


def _mention_for(token, mentions: list[ActorMention]) -> ActorMention | None:
    for m in mentions:
        if m.start <= token.idx < m.end:
            return m
    return None


def _last_person(before: int, mentions: list[ActorMention]) -> ActorMention | None:
    people = [m for m in mentions if m.end <= before and (
        m.rule.split(":")[0] in ("title-pattern", "memory", "unknown") or (m.actor_id or "").startswith("person:"))]
    return people[-1] if people else None


def _ref(m: ActorMention | None, fallback: str | None = None) -> ActorRef | None:
    if m is None:
        return ActorRef(fallback, None, None, fallback, None) if fallback else None
    return m.ref()


def _speaker_from_verb(verb, mentions: list[ActorMention]) -> tuple[ActorMention | None, str | None, object | None]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl") :
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN")), None)
    for subject in subjects:
        if subject.lower_ in PRONOUNS:
            return _last_person(subject.idx, mentions), subject.text, addressee
        m = _mention_for(subject, mentions)
        if m is None:
            for t in subject.subtree:
                m = _mention_for(t, mentions)
                if m:
                    break
        return m, " ".join(t.text for t in subject.subtree) if m is None else None, addressee
    return None, None, addressee


def _speech_verb(tokens, outside: range | None = None):
    for t in tokens:
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") and (outside is None or t.idx not in outside):
            return t
    return None


def _according_to(tokens, mentions):
    for t in tokens:
        if t.lower_ in ("according", "quote") and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            obj = next((g for g in t.nbor(1).children if g.dep_ == "pobj"), None)
            if obj is None:
                obj = next((g for g in t.children if g.dep_ == "pobj"), None)
            if obj is not None:
                m = next((_mention_for(x, mentions) for x in obj.subtree if _mention_for(x, mentions)), None)
                if m:
                    return m
    return None


def find_speaker(doc, start: int, end: int, mentions: list[ActorMention]):
    """(speaker mention, raw text, cue verb, addressee token) for the quote at [start, end)."""
    inside = range(start - 1, end + 1)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None:
        return None, None, None, None
    sent = first[0].sent
    last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
    sents = [sent] + ([last[0].sent] if last is not None and last[0].sent != sent else [])
    for s in sents:
        verb = _speech_verb([t for t in s if t.idx not in inside], inside)
        if verb is not None:
            m, raw, addressee = _speaker_from_verb(verb, mentions)
            if m or raw:
                return m, raw, verb.text, addressee
        m = _according_to([t for t in s if t.idx not in inside], mentions)
        if m:
            return m, None, "according to", None
    intro_end = sent.start - 1
    if intro_end > 0:
        previous = doc[intro_end].sent
        if previous.text.rstrip().endswith((":", ",")) or sent.start_char == start - 1:
            verb = _speech_verb(previous)
            if verb is not None:
                m, raw, addressee = _speaker_from_verb(verb, mentions)
                return m, raw, verb.text, addressee
            m = _according_to(previous, mentions)
            if m:
                return m, None, "according to", None
    words = doc.text[max(0, start - 40):start].lower()
    if re.search(r"\b(?:in (?:his|her) words|he said|she said)\W*$", words):
        return _last_person(start, mentions), None, "words", None
    return None, None, None, None


def _quote_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{end}".encode()).hexdigest()[:16]


def find_quotes(parsed: ParsedArticle, mentions: list[ActorMention]) -> list[Quote]:
    doc = parsed.doc
    text = parsed.article.text
    aid = parsed.article.article_id
    quotes: list[Quote] = []
    taken: list[range] = []
    for start, end in sorted(_direct_spans(text)):
        inner = text[start:end].strip()
        if len(inner.split()) < MIN_WORDS or any(start in r for r in taken):
            continue
        taken.append(range(start, end))
        m, raw, cue, addressee = find_speaker(doc, start, end, mentions)
        addressee_ref = _ref(_mention_for(addressee, mentions)) if addressee is not None else None
        quotes.append(Quote(_quote_id(aid, start, end), aid, inner, True, _ref(m, raw), cue, addressee_ref,
                            start, end, "direct:quotation-marks"))
    quotes.extend(_indirect(doc, aid, mentions, taken))
    return sorted(quotes, key=lambda q: q.char_start)


def _indirect(doc, aid: str, mentions: list[ActorMention], taken: list[range]) -> list[Quote]:
    """'X said that ...', 'X warned that ...': the complement clause is the reported content."""
    out = []
    for token in doc:
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in ("VERB",):
            continue
        content = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if content is None:
            continue
        span = doc[min(t.i for t in content.subtree):max(t.i for t in content.subtree) + 1]
        if any(span.start_char in r or span.end_char - 1 in r for r in taken) or len(span) < 4:
            continue
        m, raw, addressee = _speaker_from_verb(token, mentions)
        if m is None and raw is None:
            continue
        taken.append(range(span.start_char, span.end_char))
        addressee_ref = _ref(_mention_for(addressee, mentions)) if addressee is not None else None
        out.append(Quote(_quote_id(aid, span.start_char, span.end_char), aid, span.text, False, _ref(m, raw),
                         token.text, addressee_ref, span.start_char, span.end_char, f"indirect:{token.lemma_}"))
    return out
