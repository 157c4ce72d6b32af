"""The records that flow through detente's pipeline, and nothing else.

Source -> RawDocument -> Article -> ParsedArticle -> Findings -> Store.
Every stage takes one of these and returns the next; no stage reaches back.
Field names of the exported records follow the contracts in DESIGN.md.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BLOCK_KINDS = ("body", "standfirst", "caption", "bio", "note", "quote", "title", "debris")
TEXT_BLOCK_KINDS = ("body", "quote")
FACTUALITIES = ("asserted", "negated", "future", "hypothetical")
SECTORS = ("GOV", "MIL", "LEG", "JUD", "MED", "OPP", "REB", "BUS", "CVL", "IGO")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class RawDocument:
    """Bytes as found, plus where they came from; ingest never interprets them."""

    origin: str
    data: bytes
    media_type: str
    fetched_at: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, with a stable code and a fix-it hint."""

    origin: str
    code: str
    message: str
    stage: str


@dataclass(frozen=True)
class Block:
    """One paragraph of the source. `start`/`end` locate body and quote blocks in `Article.text`; a body block
    in another language than the article (a quoted tweet in Japanese) is kept here but not in `text`."""

    kind: str
    text: str
    language: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Article:
    article_id: str
    origin: str
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    republished: str | None
    site: str | None
    original_source: str | None
    language: str | None
    text: str
    blocks: tuple[Block, ...]
    url: str | None = None
    media_type: str = "text/plain"
    content_hash: str = ""
    warnings: tuple[str, ...] = ()

    def analysis_text(self) -> str:
        """What the parser reads: the body, then the photo captions (facts live there too).

        Offsets below len(text) point into `text`; findings beyond it are in a caption."""
        captions = [b.text for b in self.blocks if b.kind == "caption"]
        return "\n\n".join([self.text, *captions]) if captions else self.text


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorRef:
    """An actor as exported: the words, the code, the sector and the person/organisation name."""

    text: str
    code: str | None
    sector: str | None
    name: str | None
    actor_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ActorMention:
    """A span of the text resolved (or not) to an actor, with the reason and a confidence."""

    start: int
    end: int
    text: str
    code: str | None
    sector: str | None
    name: str | None
    actor_id: str | None
    rule: str
    confidence: float
    sentence: int
    head: int  # index of the syntactic head token in the spaCy doc

    def ref(self) -> ActorRef:
        return ActorRef(self.text, self.code, self.sector, self.name, self.actor_id)


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    sentence: int


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    char_start: int | None
    char_end: int | None
    trigger: str
    trigger_start: int
    trigger_end: int
    source: ActorRef | None
    target: ActorRef | None
    plover: str
    mode: str | None
    cameo: str
    goldstein: float | None
    quad_class: int | None
    factuality: str
    factuality_cues: tuple[str, ...]
    attribution: str | None
    date: str | None
    date_precision: str | None
    location: Location | None
    confidence: float
    rule: str
    path: str
    block: str = "body"  # "caption" when the sentence is a photo caption (then char_start/char_end are None)


@dataclass(frozen=True)
class Quote:
    quote_id: str
    article_id: str
    text: str
    direct: bool
    speaker: ActorRef | None
    cue: str | None
    addressee: ActorRef | None
    char_start: int
    char_end: int
    rule: str


@dataclass(frozen=True)
class Findings:
    """Everything detente found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[ActorMention, ...]
    times: tuple[TimeExpression, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class ParsedArticle:
    """An Article with its one spaCy parse (`doc` is a spacy.tokens.Doc over `article.text`)."""

    article: Article
    doc: Any
