"""events: who did what to whom, when and where, with the factuality of each claim."""
from __future__ import annotations

from dataclasses import replace

from ..kb import KnowledgeBase
from ..model import ActorMention, Event, ParsedArticle, TimeExpression
from .coder import code_sentence
from .dating import find_times, occasion_dates, parse_anchor, reanchor_quoted
from .lexicon import Lexicon
from .places import Gazetteer, find_places
from .roles import MentionIndex

__all__ = ["find_events"]


def find_events(parsed: ParsedArticle, mentions: list[ActorMention], lexicon: Lexicon,
                gazetteer: Gazetteer, kb: KnowledgeBase | None = None,
                quotations: list[tuple[int, int]] = ()) -> tuple[list[TimeExpression], list[Event]]:
    """Time expressions and events of one parsed article; `quotations` are the (start, end) of direct quotes."""
    doc = parsed.doc
    anchor = parse_anchor(parsed.article.published)
    index = MentionIndex(mentions, lambda token: bool(lexicon.candidates(token.lemma_.lower(), "NOUN")))
    index.cover(doc)
    places = find_places(doc, gazetteer)
    sentences = list(doc.sents)
    times = reanchor_quoted([t for s_index, sent in enumerate(sentences)
                             for t in find_times(sent.text, sent.start_char, anchor, s_index)], list(quotations))
    times_of: dict[int, list[TimeExpression]] = {}
    for t in times:
        times_of.setdefault(t.sentence, []).append(t)
    events: list[Event] = []
    for s_index, sent in enumerate(sentences):
        sent_times = times_of.get(s_index, [])
        sent_places = {i: loc for i, loc in places.items() if sent.start <= i < sent.end}
        events.extend(code_sentence(sent, s_index, parsed.article.article_id, index, sent_times, sent_places, lexicon,
                                    parsed.article.published))
    events = inherit_dates(events, doc, times, index.is_event_noun)
    events = date_present_perfect(events, doc, parsed.article.published)
    events = inherit_targets(events, doc)
    return times, [on_event_date(e, kb) for e in events] if kb is not None else events


MORE_OF_THE_SAME = frozenset({"more", "further", "additional", "new", "fresh", "other", "tougher", "harsher"})


def _trigger_token(doc, e: Event):
    span = doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
    return span.root if span is not None else None


def inherit_targets(events: list[Event], doc) -> list[Event]:
    """'... imposed fresh sanctions on Iran. Von der Leyen threatened more sanctions.': 'more sanctions'
    continues the sanctions named before, so the threat has the same target."""
    out: list[Event] = []
    for e in events:
        token = _trigger_token(doc, e)
        if e.target is None and e.source is not None and token is not None:
            objects = [c for c in token.children if c.dep_ in ("dobj", "obj")
                       and any(m.lower_ in MORE_OF_THE_SAME for m in c.children if m.dep_ == "amod")]
            for obj in objects:
                earlier = [p for p in out if p.target is not None and p.trigger_start < e.trigger_start
                           and p.target.code != e.source.code  # 'Iran denounced U.S. sanctions ... the U.S. imposed more'
                           and obj.lemma_.lower() in {_lemma(doc, p), *_object_lemmas(doc, p)}]
                if earlier:
                    p = earlier[-1]
                    e = replace(e, target=p.target, path=f"{e.path} ; target from earlier '{p.trigger}'")
                    break
        out.append(e)
    return out


def _lemma(doc, e: Event) -> str:
    token = _trigger_token(doc, e)
    return token.lemma_.lower() if token is not None else ""


def _object_lemmas(doc, e: Event) -> set[str]:
    token = _trigger_token(doc, e)
    return {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "obj")} if token is not None else set()


def _day(value: str) -> str:
    """A representative day of a partial date: '2018' -> '2018-07-01', '2024-10' -> '2024-10-15'."""
    return {4: f"{value}-07-01", 7: f"{value}-15"}.get(len(value), value[:10])


def on_event_date(e: Event, kb: KnowledgeBase) -> Event:
    """People are who they were when the event happened, not when the article was written:
    Soleimani in a 2024 article about the January 2020 strike is still the Quds Force commander."""
    if not e.date:
        return e
    day = _day(e.date)
    changed = {}
    for role in ("source", "target"):
        ref = getattr(e, role)
        actor = kb.actors.get(ref.actor_id) if ref is not None and ref.actor_id else None
        if actor is not None and actor.kind == "person":
            code, sector, _ = actor.on(day)
            if (code, sector) != (ref.code, ref.sector):
                changed[role] = replace(ref, code=code, sector=sector)
    return replace(e, **changed) if changed else e


def _codes(e: Event) -> set[str]:
    return {a.code for a in (e.source, e.target) if a is not None and a.code}


PERFECT_AUXILIARIES = frozenset({"has", "have", "'s", "'ve"})


def date_present_perfect(events: list[Event], doc, published: str | None) -> list[Event]:
    """'The Philippine government has impounded a North Korean freighter', with no date in the text: the
    present perfect reports a recent past, so the event falls in the article's month (precision 'month',
    never a day the text does not give). Only asserted events; 'had impounded' says nothing of when."""
    if not published or len(published) < 7:
        return events
    out: list[Event] = []
    for e in events:
        token = _trigger_token(doc, e) if e.date is None and e.factuality == "asserted" else None
        if (token is not None and token.tag_ == "VBN"
                and any(c.dep_ == "aux" and c.lower_ in PERFECT_AUXILIARIES for c in token.children)):
            e = replace(e, date=published[:7], date_precision="month",
                        path=f"{e.path} ; date: present perfect, the article's month")
        out.append(e)
    return out


def _same_meeting_dates(events: list[Event], doc) -> list[Event]:
    """'Trump met Putin on Monday ... The president met with Putin after ...': the same verb between the same
    two actors, with the same factuality, is the same occasion in one article."""
    def key(e: Event):
        return (_lemma(doc, e), e.source.code if e.source else None, e.target.code if e.target else None, e.factuality)
    dated: dict = {}
    for e in events:
        if e.date and e.source and e.target:
            dated.setdefault(key(e), e)
    out = []
    for e in events:
        same = dated.get(key(e)) if e.date is None and e.source and e.target else None
        if same is not None:
            e = replace(e, date=same.date, date_precision=same.date_precision,
                        path=f"{e.path} ; date of the same occasion ('{same.trigger}' {same.date})")
        out.append(e)
    return out


def inherit_dates(events: list[Event], doc, times: list[TimeExpression], is_event_noun) -> list[Event]:
    """Undated events take the date of the same occasion mentioned elsewhere in the article:
    the same event noun dated directly ("such a meeting last Friday"), or a dated event at the same
    place between the same actors ("At Ashgabat, Pezeshkian suggested to Putin ...")."""
    by_noun = occasion_dates(doc, times, is_event_noun)
    out: list[Event] = []
    for e in events:
        lemma = _lemma(doc, e)
        if e.date is None and lemma in by_noun:
            t = by_noun[lemma]
            e = replace(e, date=t.value, date_precision=t.precision, path=f"{e.path} ; date from '{t.text}'")
        out.append(e)
    out = _same_meeting_dates(out, doc)
    dated = [e for e in out if e.date and e.location]
    for i, e in enumerate(out):
        if e.date is None and e.location is not None:
            same = next((d for d in dated if d.location.name == e.location.name and _codes(d) & _codes(e)
                         and len(_codes(d) & _codes(e)) >= min(2, len(_codes(e)))), None)
            if same is not None:
                out[i] = replace(e, date=same.date, date_precision=same.date_precision,
                                 path=f"{e.path} ; date of the same occasion ('{same.trigger}' at {same.location.name})")
    return out
