"""The event coder: lexicon triggers over the dependency parse, source and target from syntax.

Every event records its trigger, the lexicon entry (rule), the dependency path to its actors,
the factuality cues, and where its date and place came from.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace

from ..model import Event, Location, TimeExpression
from ..quotes import speech_words
from .factuality import assess, hedged
from .lexicon import Lexicon, Trigger
from .roles import (
    NOUN_LIGHT_VERB_DEPS,
    OBJECT_DEPS,
    SUBJECT_DEPS,
    MentionIndex,
    Participant,
    counted,
    noun_roles,
    participants,
    prep_objects,
    verb_roles,
)

MAX_PAIRS = 4
OTHER_TIME_WORDS = frozenset({"after", "before", "following", "prior", "ahead"})


def _has_particle(token, particle: str) -> bool:
    words = particle.split()
    children = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
    return words[0] in children


def _object_words(token, pos: str) -> tuple[list, set[str]]:
    """The tokens an object constraint is checked against, and their lemma forms (with modifiers)."""
    if pos == "VERB":
        objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        if not objects:
            objects = [c for c in token.children if c.dep_ == "nsubjpass"]
        objects = [counted(o) for o in objects]
        if not objects and token.dep_ == "relcl":
            objects = [token.head]  # "the olive branch Pezeshkian extended"
    else:
        objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj"]
        objects += [c for c in token.children if c.dep_ in ("compound", "amod")]
        modifiers = " ".join(c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i)
        words = {o.lemma_.lower() for o in objects} | ({f"{modifiers} {token.lemma_.lower()}"} if modifiers else set())
        return objects, words
    words = {o.lemma_.lower() for o in objects}
    for o in objects:
        modifiers = [c.lemma_.lower() for c in o.children if c.dep_ in ("compound", "amod") and c.i < o.i]
        if modifiers:
            words.add(" ".join(modifiers + [o.lemma_.lower()]))
            words.add(" ".join(modifiers[-1:] + [o.lemma_.lower()]))
    return objects, words


def _complement_modal(token) -> str | None:
    """The modal of a verb's reported clause: 'told Putin that Russia should act' -> 'should'."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        for aux in clause.children:
            if aux.dep_ == "aux" and aux.lower_ in ("should", "must", "ought", "need"):
                return aux.lower_
    return None


def _attached_preps(token) -> set[str]:
    """Prepositions on the trigger whose object is not a date ("called Trump on Saturday" is not "called on")."""
    return {c.lower_ for c in token.children if c.dep_ in ("prep", "dative", "agent")
            and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)}


def match_trigger(token, lexicon: Lexicon) -> tuple[Trigger, list] | None:
    """The lexicon entry a token triggers (see the header of data/lexicon.yaml), with the object tokens it used."""
    pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None or (pos == "NOUN" and token.dep_ == "compound") or (pos == "VERB" and token.dep_ == "amod"):
        return None  # "riot police", "a targeted strike": modifiers, not events
    lemma = token.lemma_.lower()
    candidates = lexicon.candidates(lemma, pos) or (
        lexicon.candidates(lemma[3:], pos) if lemma.startswith("re-") else [])  # "re-imposed": imposed again
    if not candidates:
        return None
    modal = _complement_modal(token)
    candidates = [t for t in candidates if not t.complement_modals or modal in t.complement_modals]
    if {"dobj", "oprd"} <= {c.dep_ for c in token.children}:
        # "called the move a mistake": naming something is not a phone call
        attached = _attached_preps(token)
        candidates = [t for t in candidates if t.plover != "CONSULT"
                      and (t.objects is not None or set(t.target_preps) & attached)]
    with_particle = [t for t in candidates if t.particle and _has_particle(token, t.particle)]
    pool = with_particle or [t for t in candidates if not t.particle]
    objects, words = _object_words(token, pos)
    constrained = [t for t in pool if t.objects]
    matches = [t for t in constrained if words & set(t.objects)]
    if matches:
        best = max(matches, key=lambda t: max(len(o.split()) for o in words & set(t.objects)))
        return best, [o for o in objects if o.lemma_.lower() in best.objects or o.dep_ in OBJECT_DEPS]
    has_object = any(c.dep_ in OBJECT_DEPS for c in token.children)
    free = [t for t in pool if t.objects is None or (t.objects == () and not has_object)]
    if not free:
        return None
    preps = _attached_preps(token)
    chosen = next((t for t in free if preps & set(t.target_preps)), free[0])
    return chosen, ([o for o in objects if o.dep_ in OBJECT_DEPS] if chosen.light else [])


def _refine_by_object(trigger: Trigger, objects: list, lexicon: Lexicon) -> Trigger:
    """Light verbs take type and code from their event noun: 'carried out airstrikes' -> the airstrike entry.
    Other verbs keep their own meaning: 'lifted a curfew' is a concession, not a curfew."""
    if not trigger.light:
        return trigger
    for obj in objects:
        found = match_trigger(obj, lexicon) if obj.pos_ in ("NOUN", "PROPN") else None
        if found is not None:
            noun = found[0]
            return replace(trigger, id=trigger.id + "+" + noun.id,
                           target_preps=tuple(dict.fromkeys(trigger.target_preps + noun.target_preps)),
                           symmetric=trigger.symmetric or noun.symmetric, plover=noun.plover,
                           mode=noun.mode or trigger.mode,
                           cameo=noun.cameo if noun.plover == trigger.plover or not trigger.cameo else trigger.cameo)
    return trigger


def _attribution(token, index: MentionIndex) -> str | None:
    current = token
    for _ in range(8):
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in speech_words().verbs:
            speakers = [c for c in current.head.children if c.dep_ in SUBJECT_DEPS]
            for s in speakers:
                ms = index.at(s)
                return ms[0].name or ms[0].text if ms else s.text
        if current.head is current:
            break
        current = current.head
    for t in token.sent:
        if t.lower_ == "according" and t.nbor(1).lower_ == "to" if t.i + 1 < len(t.doc) else False:
            obj = next((g for g in t.nbor(1).children if g.dep_ == "pobj"), None)
            if obj is not None:
                ms = index.at(obj)
                return ms[0].name if ms else obj.text
    return None


def _in_clause(token, anchor) -> bool:
    return any(a.i == anchor.i for a in token.ancestors) or token.i == anchor.i


def _event_date(token, times: list[TimeExpression], doc) -> TimeExpression | None:
    """The time expression governed by the trigger (or its verb), else the only one in the sentence."""
    if not times:
        return None
    anchor = token.head if token.pos_ in ("NOUN", "PROPN") and token.dep_ in NOUN_LIGHT_VERB_DEPS else token
    for t in times:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and (_in_clause(span.root, token) or _in_clause(span.root, anchor)) \
                and not _in_other_time(span.root, token):
            return t
    if token.dep_ == "conj" or (token.dep_ == "advcl" and token.tag_ == "VBG"):
        # "shot down the jet on Wednesday, killing all 176 people", "struck on Monday and killed five"
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            owner = span.root.head.head if span.root.head.dep_ == "prep" else span.root.head  # "on Wednesday"
            if owner.i == token.head.i:
                return t
    resolved = [t for t in times if t.value]
    if len(resolved) == 1 and len(times) == 1:
        span = doc.char_span(times[0].start, times[0].end, alignment_mode="expand")
        return None if span is not None and _in_other_time(span.root, token) else resolved[0]
    return None


def _in_other_time(time_root, token) -> bool:
    """'met with Putin after sparring with NATO for the past week': a time inside an after/before clause under
    the trigger dates that clause, not the trigger."""
    for ancestor in time_root.ancestors:
        if ancestor.i == token.i:
            return False
        if ancestor.lower_ in OTHER_TIME_WORDS:
            return True
    return False


def _event_place(token, places: dict[int, Location]) -> Location | None:
    anchor = token.head if token.dep_ in NOUN_LIGHT_VERB_DEPS else token
    for head_i, loc in places.items():
        place_token = token.doc[head_i]
        if _in_clause(place_token, token) or _in_clause(place_token, anchor):
            return loc
    return None


def _same_actor(a: Participant, b: Participant) -> bool:
    """One side of an event cannot be its own counterpart: same code, and no distinct sectors to tell
    them apart ("the government arrested opposition leaders" stays GOV -> OPP)."""
    ma, mb = a.mention, b.mention
    return ma.code == mb.code and not (ma.sector and mb.sector and ma.sector != mb.sector)


def _pairs(trigger: Trigger, sources: list[Participant], targets: list[Participant]):
    src = _dedupe(sources)
    tgt = [t for t in _dedupe(targets) if all(t.mention is not s.mention and not _same_actor(s, t) for s in src)]
    if trigger.symmetric and (not src or not tgt):
        parties = _distinct_codes(src + tgt)
        if len(parties) >= 2:
            return [(parties[0], other) for other in parties[1:MAX_PAIRS + 1]]
    if not src and not tgt:
        return []
    if not src:
        return [(None, t) for t in tgt[:MAX_PAIRS]]
    if not tgt:
        return [(s, None) for s in src[:MAX_PAIRS]]
    return [(s, t) for s in src for t in tgt][:MAX_PAIRS]


def _distinct_codes(parts: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in parts:
        if p.mention.code and p.mention.code not in seen:
            seen.add(p.mention.code)
            out.append(p)
    return out


def _dedupe(parts: list[Participant]) -> list[Participant]:
    seen, out = set(), []
    for p in parts:
        key = (p.mention.code, p.mention.start)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _confidence(source, target, trigger: Trigger) -> float:
    score = 0.5
    for p in (source, target):
        if p is not None:
            score += 0.2 * p.mention.confidence
    return round(min(score + 0.05 * trigger.specificity, 0.99), 2)


def _event_id(article_id: str, *parts) -> str:
    return hashlib.sha1("|".join([article_id, *map(str, parts)]).encode()).hexdigest()[:16]


def _is_coded(governor, trigger_tokens: set[int]) -> bool:
    """The governing word is an event trigger here, or a light verb whose object is one ('issued a warning')."""
    return governor.i in trigger_tokens or any(
        c.dep_ in ("dobj", "obj") and c.i in trigger_tokens for c in governor.children)


GENERIC_DETERMINERS = frozenset({"any", "every", "each"})


def is_generic(token) -> bool:
    """A trigger noun (or the noun an infinitive trigger belongs to) quantified by 'any'/'every'."""
    nodes = [token] + ([token.head] if token.dep_ in ("acl", "xcomp") and token.head.pos_ == "NOUN" else [])
    return any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for n in nodes if n.pos_ == "NOUN"
               for c in n.children)


def scheduled(token, when: TimeExpression) -> bool:
    """'When Tillerson meets with Putin this week': the simple present with this week, this month is a timetable."""
    return token.tag_ in ("VBZ", "VBP") and when.text.lower().startswith(("this ", "later this"))


def is_future_time(when: TimeExpression, anchor: str | None, cues) -> bool:
    """'next week', 'on Oct. 22-24' (after the article was written): the event has not happened yet."""
    if when.text.lower() in cues.future_time_cues or when.text.lower().startswith(("next ", "later this", "coming")):
        return True
    return bool(anchor and when.value and when.precision == "day" and when.value > anchor[:10])


def code_sentence(sent, s_index: int, article_id: str, index: MentionIndex, times: list[TimeExpression],
                  places: dict[int, Location], lexicon: Lexicon, anchor: str | None = None) -> list[Event]:
    events: list[Event] = []
    text_start = sent.start_char
    consumed: set[int] = set()
    matched = [(token, match_trigger(token, lexicon)) for token in sent]
    trigger_tokens = {token.i for token, found in matched if found is not None}
    for _, found in matched:
        if found is not None:
            consumed.update(o.i for o in found[1])
    for token, found in matched:
        if found is None or token.i in consumed:
            continue
        trigger, objects = found
        trigger = _refine_by_object(trigger, objects, lexicon)
        if trigger.pos == "VERB":
            src_tokens, tgt_tokens = verb_roles(token, trigger, index)
        else:
            src_tokens, tgt_tokens = noun_roles(token, trigger, index, lambda t: t.i in trigger_tokens)
        sources = participants(src_tokens, index, "source")
        targets = participants(tgt_tokens, index, "target")
        if trigger.symmetric:
            targets += participants(list(prep_objects(token, ("with", "between", "of"))), index, "target")
        if is_generic(token):
            continue  # "any Israeli strike", "every attack": no particular event
        pairs = _pairs(trigger, sources, targets)
        if trigger.requires_target:
            pairs = [(src, tgt) for src, tgt in pairs if tgt is not None]
        if not pairs:
            continue
        fact, cues, governors = assess(token, lexicon.cues, index.is_event_noun)
        if any(_is_coded(governor, trigger_tokens) for governor in governors):
            continue  # the content of a request or threat that is itself coded ("urged India to withdraw")
        when = _event_date(token, times, sent.doc)
        if fact == "asserted" and when is not None and (is_future_time(when, anchor, lexicon.cues)
                                                        or scheduled(token, when)):
            fact, cues = "future", (when.text,)
        where = _event_place(token, places)
        cameo = lexicon.cameo_code(trigger.cameo)
        attribution = _attribution(token, index)
        hedge = hedged(token, lexicon.cues)
        for source, target in pairs:
            src_ref = source.mention.ref() if source else None
            tgt_ref = target.mention.ref() if target else None
            events.append(Event(
                event_id=_event_id(article_id, s_index, token.i, src_ref and src_ref.code, tgt_ref and tgt_ref.code,
                                   trigger.plover),
                article_id=article_id, sentence_index=s_index, sentence=sent.text,
                char_start=text_start, char_end=sent.end_char, trigger=token.text,
                trigger_start=token.idx, trigger_end=token.idx + len(token.text),
                source=src_ref, target=tgt_ref, plover=trigger.plover, mode=trigger.mode,
                cameo=trigger.cameo, goldstein=cameo.goldstein if cameo else None,
                quad_class=cameo.quad_class if cameo else None, factuality=fact, factuality_cues=cues,
                attribution=attribution, date=when.value if when else None,
                date_precision=when.precision if when and when.value else None, location=where,
                confidence=round(_confidence(source, target, trigger) * (0.8 if hedge else 1.0), 2),
                rule=f"lexicon:{trigger.id}",
                path=" ; ".join(p.path for p in (source, target) if p is not None),
            ))
    return one_per_action(events)


def one_per_action(events: list[Event]) -> list[Event]:
    """Overlapping rules must not double-count: one event per (source, target, type) per sentence."""
    best: dict[tuple, Event] = {}
    for e in events:
        key = (e.source.code if e.source else None, e.target.code if e.target else None, e.plover, e.factuality)
        if key not in best or e.confidence > best[key].confidence:
            best[key] = e
    return [e for e in events if best.get((e.source.code if e.source else None,
                                           e.target.code if e.target else None, e.plover, e.factuality)) is e]

