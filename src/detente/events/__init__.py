"""events: who did what to whom, when and where, with the factuality of each claim."""
from __future__ import annotations

from ..model import ActorMention, Event, ParsedArticle, TimeExpression
from .coder import MentionIndex, code_sentence
from .dating import find_times, parse_anchor
from .lexicon import Lexicon
from .places import Gazetteer, find_places

__all__ = ["find_events"]


def find_events(parsed: ParsedArticle, mentions: list[ActorMention], lexicon: Lexicon,
                gazetteer: Gazetteer) -> tuple[list[TimeExpression], list[Event]]:
    """Time expressions and events of one parsed article."""
    doc = parsed.doc
    anchor = parse_anchor(parsed.article.published)
    index = MentionIndex(mentions, lambda token: bool(lexicon.candidates(token.lemma_.lower(), "NOUN")))
    index.cover(doc)
    places = find_places(doc, gazetteer)
    times: list[TimeExpression] = []
    events: list[Event] = []
    for s_index, sent in enumerate(doc.sents):
        sent_times = find_times(sent.text, sent.start_char, anchor, s_index)
        times.extend(sent_times)
        sent_places = {i: loc for i, loc in places.items() if sent.start <= i < sent.end}
        events.extend(code_sentence(sent, s_index, parsed.article.article_id, index, sent_times, sent_places, lexicon))
    return times, events
