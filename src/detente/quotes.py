"""quotes: direct and indirect speech with the speaker resolved to an actor.

Direct quotes are found by their quotation marks (curly or straight, mixed pairs, running across
paragraphs the journalistic way); the speaker comes from the speech verb of the same sentence,
from the introducing line before a block quotation ("Putin told Pezeshkian,", "To quote X,"),
or from the clause's subject; pronouns ("he added") go to the last speaker or person named.
Speech vocabulary lives in data/speech.yaml.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml

from .model import ActorMention, ActorRef, ParsedArticle, Quote

MIN_WORDS = 3
OPENING = "“\"«"
CLOSING = "”\"»"


@dataclass(frozen=True)
class SpeechWords:
    verbs: frozenset[str]
    quoting: frozenset[str]
    possessive_intros: tuple[str, ...]
    pronouns: frozenset[str]


@lru_cache(maxsize=1)
def speech_words() -> SpeechWords:
    raw = yaml.safe_load(resources.files("detente").joinpath("data/speech.yaml").read_text("utf-8"))
    return SpeechWords(frozenset(raw["speech_verbs"]), frozenset(raw["quoting_verbs"]),
                       tuple(raw["possessive_intros"]), frozenset(raw["pronouns"]))


def direct_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of each top-level quotation.

    A quotation left open at a paragraph end continues if the next paragraph opens with a quotation
    mark (the newswire convention), and otherwise ends with its paragraph.
    """
    spans: list[tuple[int, int]] = []
    start = None
    i = 0
    while i < len(text):
        ch = text[i]
        if start is None:
            if ch in OPENING and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
                start = i + 1
        elif ch in CLOSING and (ch != '"' or i + 1 == len(text) or not text[i + 1].isalnum()):
            spans.append((start, i))
            start = None
        elif text.startswith("\n\n", i):
            nxt = text[i + 2:i + 3]
            if nxt and nxt in OPENING:
                i += 3
                continue
            spans.append((start, i))
            start = None
        i += 1
    if start is not None:
        spans.append((start, len(text)))
    return spans + _single_quote_spans(text, spans)


_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[^\s’'])(?P<inner>[^‘\n]{3,600}?[.,!?;:…]?)[’'](?=[\s,.;:!?)\]—–-]|$)")


def _single_quote_spans(text: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """British-style ‘single’ quotations outside the double ones; an apostrophe inside a word never opens or closes."""
    found = []
    for m in _SINGLE.finditer(text):
        start, end = m.start("inner"), m.end("inner")
        if not any(a - 1 <= start <= b + 1 for a, b in double) and len(m.group("inner").split()) >= MIN_WORDS:
            found.append((start, end))
    return found


def _mention_for(token, mentions: list[ActorMention]) -> ActorMention | None:
    for m in mentions:
        if m.start <= token.idx < m.end:
            return m
    return None


def _mention_in(token, mentions: list[ActorMention]) -> ActorMention | None:
    """The person named in apposition ("a Russian analyst, Vladimir Frolov"), else the mention at the token,
    else the first one in its subtree."""
    for child in token.children:
        if child.dep_ == "appos":
            named = _mention_for(child, mentions)
            if named is not None and _is_person(named):
                return named
    found = _mention_for(token, mentions)
    if found:
        return found
    people = [m for t in token.subtree if (m := _mention_for(t, mentions))]
    return next((m for m in people if _is_person(m)), people[0] if people else None)


def _is_person(m: ActorMention) -> bool:
    return (m.actor_id or "").startswith("person:") or m.rule.split(":")[0] in ("title-pattern", "memory",
                                                                                  "unknown")


@dataclass
class Speaker:
    mention: ActorMention | None
    raw: str | None
    cue: str | None
    addressee: ActorMention | None = None

    @property
    def found(self) -> bool:
        return self.mention is not None or self.raw is not None


class SpeakerFinder:
    """Finds speakers, remembering the last one for 'he added' chains."""

    def __init__(self, doc, mentions: list[ActorMention], words: SpeechWords) -> None:
        self.doc = doc
        self.mentions = mentions
        self.words = words
        self.last: tuple[int, ActorMention] | None = None
        self.last_quote: tuple[int, Speaker] | None = None

    def pronoun(self, token) -> ActorMention | None:
        """A person subject earlier in the sentence, else the last speaker, else the last person named."""
        for t in token.sent:
            if t.i >= token.i:
                break
            m = _mention_for(t, self.mentions)
            if m and _is_person(m) and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj", "ccomp"):
                return m  # not "a country that Trump has criticized, he said": a relative clause's subject
        previous = self.previous_subject(token.sent)
        if previous is not None:
            return previous
        recent = self.recent_speaker(token.sent)
        if recent is not None:
            return recent
        if self.last and token.idx - self.last[0] < 1500:
            return self.last[1]
        people = [m for m in self.mentions if m.end <= token.idx and _is_person(m)]
        return people[-1] if people else None

    def previous_subject(self, sent) -> ActorMention | None:
        """The person the sentence before is about: 'Tillerson referenced threats. “...,” he said.',
        'Mayor Pete Buttigieg was asked how he would stand up to China. “...,” he replied.'"""
        if sent.start == 0:
            return None
        root = self.doc[sent.start - 1].sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        m = _mention_for(subject, self.mentions) if subject is not None and subject.pos_ != "PRON" else None
        return m if m is not None and _is_person(m) else None

    def recent_speaker(self, sent, back: int = 2) -> ActorMention | None:
        """The person subject of the latest speech verb in the few sentences before `sent`."""
        start = sent.start
        for _ in range(back):
            if start == 0:
                return None
            previous = self.doc[start - 1].sent
            for t in reversed(list(previous)):
                if t.lemma_.lower() in self.words.verbs and t.pos_ == "VERB":
                    subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
                    m = _mention_for(subject, self.mentions) if subject is not None else None
                    if m is not None and _is_person(m):
                        return m
            start = previous.start
        return None

    def from_verb(self, verb) -> Speaker:
        addressee_tok = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN")),
                             None)
        addressee = _mention_in(addressee_tok, self.mentions) if addressee_tok is not None else None
        if verb.lemma_.lower() in self.words.quoting:
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return Speaker(_mention_in(obj, self.mentions), obj.text, verb.text)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "relcl"):
            head = verb.head
            while head.pos_ == "ADP" and head.head is not head:  # "quoted X as saying"
                head = head.head
            if head.lemma_.lower() in self.words.quoting:
                return self.from_verb(head)
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if verb.dep_ == "relcl" and not subjects:
                subjects = [head]
        for subject in subjects:
            if subject.lower_ in self.words.pronouns:
                return Speaker(self.pronoun(subject), subject.text, verb.text, addressee)
            if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                subject = verb.head
            m = _mention_in(subject, self.mentions)
            raw = " ".join(t.text for t in subject.subtree)
            return Speaker(m, raw, verb.text, addressee)
        return Speaker(None, None, verb.text, addressee)

    def speech_verb(self, tokens, near: int | None = None):
        """The speech verb of a stretch of text: the one nearest before `near` (the quotation), else the first."""
        verbs = [t for t in tokens if t.lemma_.lower() in (self.words.verbs | self.words.quoting)
                 and t.pos_ in ("VERB", "AUX")]
        if near is not None:
            before = [t for t in verbs if t.idx < near]
            if before:
                return before[-1]
        return verbs[0] if verbs else None

    def according_to(self, tokens) -> Speaker | None:
        for t in tokens:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
                obj = next((g for g in t.nbor(1).children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return Speaker(_mention_in(obj, self.mentions), obj.text, "according to")
        return None

    def for_quote(self, start: int, end: int) -> Speaker:
        doc = self.doc
        first = doc.char_span(start, min(start + 1, len(doc.text)), alignment_mode="expand")
        if first is None or not len(first):
            return Speaker(None, None, None)
        sent = first[0].sent
        last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
        candidates = [sent] + ([last[0].sent] if last is not None and len(last) and last[0].sent != sent else [])
        for s in candidates:
            speaker = self._in_sentence(s, start, end)
            if speaker is not None:
                return speaker
        if sent.start > 0:  # an introducing line: "Ryabkov said:" / "Putin told Pezeshkian," then the quotation
            previous = doc[sent.start - 1].sent
            if previous.text.rstrip().endswith((":", ",")):
                speaker = self._in_sentence(previous, start, end)
                if speaker is not None:
                    return speaker
        after = self._sentence_after(end)
        if after is not None and after not in candidates:
            speaker = self._in_sentence(after, start, end)
            if speaker is not None:
                return speaker
        before = doc.text[max(0, start - 30):start].lower()
        if any(intro in before for intro in self.words.possessive_intros):
            person = self.pronoun(first[0])
            return Speaker(person, None, "words")
        root = sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and not (start - 1 <= subject.idx < end) and subject.pos_ != "PRON":
            m = _mention_in(subject, self.mentions)
            if m is not None and _is_person(m):  # "Ryabkov issued a warning “to not ...”"
                return Speaker(m, None, f"subject of {root.lemma_}")
        return Speaker(None, None, None)

    def _in_sentence(self, sent, start: int, end: int) -> Speaker | None:
        """The speaker named by a speech verb or 'according to' in `sent`, outside the quotation itself."""
        outside = [t for t in sent if not (start - 1 <= t.idx < end + 1)]
        verb = self.speech_verb(outside, near=start)
        if verb is not None:
            speaker = self.from_verb(verb)
            if speaker.found:
                return speaker
        return self.according_to(outside)

    def _sentence_after(self, end: int):
        """'“...,” the spokesman said.': the attribution right after the closing mark, same paragraph."""
        tail = self.doc.text[end:end + 6]
        if "\n" in tail:
            return None
        span = self.doc.char_span(end + 1, min(len(self.doc.text), end + 8), alignment_mode="expand")
        if span is None or not len(span):
            return None
        sent = span[0].sent
        return sent if sent.start_char <= end + 3 and len(sent) <= 25 else None

    def continuation(self, start: int) -> Speaker | None:
        """The second part of a quotation split by its attribution: '“A,” he said. “B.”' -> same speaker."""
        if self.last_quote is None:
            return None
        end, speaker = self.last_quote
        between = self.doc.text[end:start]
        if speaker.found and "\n\n" not in between and len(between) < 200:
            return speaker
        # '“...,” Haley said.\n\n“Assad did this ...”': a quotation that is the whole next paragraph goes on
        opens_paragraph = self.doc.text[max(0, start - 3):start - 1].endswith("\n\n") or start <= 1
        if speaker.found and opens_paragraph and between.count("\n\n") == 1 and len(between) < 120:
            return replace(speaker, cue="continues")
        return None

    def remember(self, position: int, speaker: Speaker) -> None:
        if speaker.mention is not None:
            self.last = (position, speaker.mention)


def _ref(speaker: Speaker) -> ActorRef | None:
    if speaker.mention is not None:
        return speaker.mention.ref()
    if speaker.raw:
        return ActorRef(speaker.raw, None, None, speaker.raw, None)
    return None


def _quote_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{end}".encode()).hexdigest()[:16]


def is_scare_quote(inner: str) -> bool:
    """A word or two in quotation marks ("working meeting", "neutrality") is not a quotation."""
    return len(inner.split()) < MIN_WORDS


def find_quotes(parsed: ParsedArticle, mentions: list[ActorMention]) -> list[Quote]:
    """Direct quotations and indirect speech of one article, in text order."""
    doc, text, aid = parsed.doc, parsed.article.text, parsed.article.article_id
    finder = SpeakerFinder(doc, mentions, speech_words())
    quotes: list[Quote] = []
    taken: list[range] = []
    for start, end in direct_spans(text):
        inner = text[start:end]
        stripped = inner.strip()
        if is_scare_quote(stripped):
            continue
        lead = len(inner) - len(inner.lstrip())
        start, end = start + lead, start + lead + len(stripped)
        taken.append(range(start - 1, end + 1))
        speaker = finder.for_quote(start, end)
        if not speaker.found:
            speaker = finder.continuation(start) or speaker
        finder.remember(start, speaker)
        finder.last_quote = (end, speaker)
        addressee = speaker.addressee.ref() if speaker.addressee else None
        quotes.append(Quote(_quote_id(aid, start, end), aid, stripped, True, _ref(speaker), speaker.cue, addressee,
                            start, end, "direct:quotation-marks"))
    quotes.extend(_indirect(doc, aid, finder, taken))
    return sorted(quotes, key=lambda q: q.char_start)


def _according_to(doc, aid: str, finder: SpeakerFinder, taken: list[range]) -> list[Quote]:
    """'According to X, ...': the rest of the sentence is what X says."""
    out = []
    for sent in doc.sents:
        speaker = finder.according_to(list(sent)[:4])
        if speaker is None or speaker.mention is None:
            continue
        comma = next((t for t in sent if t.text == "," and t.i > sent.start + 2), None)
        if comma is None or comma.i + 1 >= sent.end:
            continue
        span = doc[comma.i + 1:sent.end]
        if len(span) < 4 or any(span.start_char in r for r in taken):
            continue
        taken.append(range(span.start_char, span.end_char))
        out.append(Quote(_quote_id(aid, span.start_char, span.end_char), aid, span.text, False, _ref(speaker),
                         "according to", None, span.start_char, span.end_char, "indirect:according-to"))
    return out


def _indirect(doc, aid: str, finder: SpeakerFinder, taken: list[range]) -> list[Quote]:
    """'X said that ...', 'X warned that ...': the complement clause is the reported content."""
    out = _according_to(doc, aid, finder, taken)
    for token in doc:
        if token.lemma_.lower() not in finder.words.verbs or token.pos_ != "VERB":
            continue
        content = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if content is None:
            continue
        span = doc[min(t.i for t in content.subtree):max(t.i for t in content.subtree) + 1]
        if len(span) < 4 or any(span.start_char in r or span.end_char - 1 in r for r in taken):
            continue
        speaker = finder.from_verb(token)
        if not speaker.found:
            continue
        taken.append(range(span.start_char, span.end_char))
        addressee = speaker.addressee.ref() if speaker.addressee else None
        out.append(Quote(_quote_id(aid, span.start_char, span.end_char), aid, span.text, False, _ref(speaker),
                         token.text, addressee, span.start_char, span.end_char, f"indirect:{token.lemma_}"))
    return out


FIRST_PERSON_SINGULAR = frozenset({"i", "me", "my"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our"})


def first_person_mentions(doc, quotes: list[Quote], mentions: list[ActorMention]) -> list[ActorMention]:
    """'“We will respond to any aggression,” Iran's foreign minister said': inside a direct quotation, I is its
    speaker and we the speaker's country or organisation (same code and sector, not the person)."""
    taken = {m.head for m in mentions}
    sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}
    found: list[ActorMention] = []
    for quote in quotes:
        speaker = quote.speaker
        if not quote.direct or speaker is None or not speaker.code:
            continue
        span = doc.char_span(quote.char_start, quote.char_end, alignment_mode="expand")
        for token in span if span is not None else ():
            word = token.lower_
            if token.i in taken or word not in FIRST_PERSON_SINGULAR | FIRST_PERSON_PLURAL:
                continue
            singular = word in FIRST_PERSON_SINGULAR
            found.append(ActorMention(
                token.idx, token.idx + len(token.text), token.text, speaker.code, speaker.sector,
                speaker.name if singular else None, speaker.actor_id if singular else None,
                f"first person in a quotation by {speaker.name or speaker.text}", 0.7, sentence_of.get(token.i, 0),
                token.i))
    return found
