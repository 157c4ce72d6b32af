"""The event coder: lexicon triggers over the dependency parse, source and target from syntax.

Every event records its trigger, the lexicon entry (rule), the dependency path to its actors,
the factuality cues, and where its date and place came from.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace

from ..model import ActorMention, Event, Location, TimeExpression
from ..quotes import speech_words
from .factuality import assess, hedged
from .lexicon import Lexicon, Trigger, instrument_nouns, quantity_nouns

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
OBJECT_DEPS = ("dobj", "obj")
NOUN_SOURCE_DEPS = ("poss",)
INHERIT_SUBJECT_DEPS = ("xcomp", "conj", "advcl", "pcomp", "acl", "prep", "acomp")
NOUN_LIGHT_VERB_DEPS = ("dobj", "obj", "nsubjpass", "attr")
MAX_PAIRS = 4
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
LEFT_SUBJECT_WINDOW = 5
NAMING_VERBS = frozenset({"call", "label", "brand", "describe", "term", "dub", "deem", "denounce", "condemn"})
CLAIMED = frozenset({"responsibility", "credit", "blame"})
OTHER_TIME_WORDS = frozenset({"after", "before", "following", "prior", "ahead"})
HOSTILE = frozenset({"SANCTION", "ASSAULT", "ACCUSE", "THREATEN", "COERCE", "REJECT"})
ANSWER_NOUNS = frozenset({"response", "retaliation", "reprisal", "retribution", "revenge"})
HELPING_VERBS = frozenset({"help", "assist", "aid", "support", "participate", "join"})
INNER_PREPS = ("with", "between", "of", "on", "against", "including")  # "withdrew from the deal with Iran"


@dataclass(frozen=True)
class Participant:
    mention: ActorMention
    path: str


class MentionIndex:
    """Actor mentions keyed by the tokens they cover and by their head token."""

    def __init__(self, mentions: list[ActorMention], is_event_noun=lambda token: False) -> None:
        self.is_event_noun = is_event_noun
        self.by_head: dict[int, list[ActorMention]] = defaultdict(list)
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            self.by_head[m.head].append(m)
        self._mentions = mentions

    def cover(self, doc) -> None:
        for m in self._mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.by_token.setdefault(t.i, m)

    def at(self, token, depth: int = 0) -> list[ActorMention]:
        """Actors a token stands for, following coordination and noun-phrase modifiers."""
        found = list(self.by_head.get(token.i, []))
        if not found and token.i in self.by_token:
            found = [self.by_token[token.i]]
        if not found and depth == 0 and token.pos_ in ("NOUN", "PROPN"):
            event_noun = self.is_event_noun(token)
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") or (
                        child.dep_ == "prep" and child.lower_ == "of" and not event_noun):
                    target = child if child.dep_ != "prep" else next((g for g in child.children if g.dep_ == "pobj"), None)
                    if target is not None:
                        found.extend(self.at(target, depth + 1))
        if depth < 3:
            for child in token.children:
                if child.dep_ == "conj" or (child.dep_ == "appos" and not found):
                    found.extend(self.at(child, depth + 1))
        unique = []
        for m in found:
            if m not in unique:
                unique.append(m)
        return unique


def _inner_actors(token, index: MentionIndex, depth: int = 0) -> list[ActorMention]:
    """Actors inside a non-actor target noun: 'the deal with Iran', 'a resumption of ties with Osgiliath',
    'demands from Shona rebels', 'an admission by Moscow'."""
    inner = [g for c in token.children if c.dep_ == "prep" and c.lower_ in INNER_PREPS + ("from", "by")
             for g in c.children if g.dep_ == "pobj"]
    found = [m for g in inner for m in index.at(g)]
    if not found and depth < 1:
        found = [m for g in inner for m in _inner_actors(g, index, depth + 1)]
    return found


def _participants(tokens, index: MentionIndex, label: str) -> list[Participant]:
    out = []
    for token in tokens:
        found = index.at(token)
        if not found and label == "target":
            found = _inner_actors(token, index)
        for m in found:
            out.append(Participant(m, f"{label}:{token.dep_}({token.text})"))
    return out


def _prep_objects(token, preps: tuple[str, ...]):
    for child in token.children:
        if child.dep_ in ("prep", "dative", "agent") and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN"):
            yield child


def _controller(head, index: MentionIndex | None):
    """Object control: in 'warned Israel not to attack' / 'urged Russia to withdraw' the object acts."""
    if index is None:
        return []
    datives = [g for c in head.children if c.dep_ == "dative" for g in ([c] if c.pos_ in ("PROPN", "NOUN") else
                                                                       [x for x in c.children if x.dep_ == "pobj"])]
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    return [t for t in datives + objects if index.at(t)]


def _relative(subject) -> bool:
    """'who', or a quantity of them: 'both of whom', 'each of which'."""
    return subject.lower_ in RELATIVE_PRONOUNS or any(
        g.lower_ in RELATIVE_PRONOUNS for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children if g.dep_ == "pobj")


def _subject_of(verb, index: MentionIndex | None = None):
    """Subjects of a verb, inherited through xcomp/conj/advcl chains (object control first) when it has none."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if subjects and current.dep_ == "relcl" and _relative(subjects[0]):
            return [current.head], False  # "it was Trump who withdrew", "Putin and Xi, both of whom urged"
        if subjects:
            return subjects, False
        passive = [c for c in current.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if passive and current is not verb:
            return passive, False  # "Trump is set to hold meetings", "Iran was attacked and retaliated"
        if passive:
            agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return agents, True
        if current.dep_ == "relcl":
            return [current.head], False
        if current.dep_ == "acl" and index is not None:
            return _acl_subject(current, index)
        if current.dep_ == "prep" and current.head.lemma_.lower() in HELPING_VERBS:
            break  # "the U.S.' willingness to assist in planning an offensive": a helper is not who plans it
        if current.dep_ in INHERIT_SUBJECT_DEPS and current.head is not current:
            infinitival = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if current.dep_ == "xcomp" or (current.dep_ == "advcl" and infinitival):
                controllers = _controller(current.head, index)
                if controllers:
                    return controllers, False
            current = current.head
            continue
        break
    return [], False


def _acl_subject(clause, index: MentionIndex) -> tuple[list, bool]:
    """Subjects of a clause that modifies a noun.

    'Iraq's forces, backed by U.S. airstrikes': a past participle is passive, its agent acts (the noun is the
    target, see `verb_roles`). 'Iraqi forces fighting ISIS': the noun acts. 'Trump signed a law imposing
    sanctions', 'Putin took the opportunity to chide Macron': a law or an opportunity acts through whoever
    signed or took it, the subject of the verb the noun depends on.
    """
    noun = clause.head
    if clause.tag_ == "VBN":
        return [g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"], True
    if index.at(noun):
        return [noun], False
    if (noun.lemma_.lower() in instrument_nouns() and noun.dep_ in NOUN_LIGHT_VERB_DEPS and noun.head is not noun
            and noun.head.pos_ in ("VERB", "AUX")):
        subjects, passive = _subject_of(noun.head, index)
        if not passive:
            return subjects, False
        return [g for c in noun.head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"], False
    return [], False


def left_subject(verb, index: MentionIndex) -> list:
    """When the parser gave a verb no subject ("the EU last week imposed"), an actor just before it in the
    same clause, with nothing but modifiers between, stands in."""
    window = list(reversed(verb.doc[max(verb.sent.start, verb.i - LEFT_SUBJECT_WINDOW):verb.i]))
    for position, t in enumerate(window):
        if position == 0 and t.text == ",":
            continue  # "…, Enrique Mora, are still engaged": the subject's apposition closes with a comma
        if t.pos_ in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ") or t.dep_ in ("mark",):
            return []
        if index.at(t, depth=1):
            return [t]
    return []


def verb_roles(token, trigger: Trigger, index: MentionIndex) -> tuple[list, list]:
    subjects, passive = _subject_of(token, index)
    if not subjects and not passive:
        subjects = left_subject(token, index)
    if trigger.complement_modals:
        addressees = [c for c in token.children if c.dep_ in ("dobj", "dative") and index.at(c)]
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        clause_subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS] if clause is not None else []
        return subjects, addressees or clause_subjects
    objects = [c for c in token.children if c.dep_ in OBJECT_DEPS]
    if not objects:  # "Salman called Trump": the small model sometimes parses the object as a predicate (oprd)
        objects = [c for c in token.children if c.dep_ == "oprd" and c.pos_ == "PROPN"]
    if passive:
        targets = [c for c in token.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if token.dep_ == "acl" and not targets:  # "a Chinese company blacklisted by the U.S."
            targets = [token.head]
        return subjects, targets
    objects += [counted(o) for o in objects if counted(o) is not o]  # "a round of sanctions on Iran"
    objects += [g for o in objects for g in o.children if g.dep_ in SUBJECT_DEPS]  # "labeling [the US military] a ..."
    if trigger.objects is not None or trigger.topic_object:
        targets = [g for o in objects for g in _prep_objects(o, trigger.target_preps)]
        targets += list(_prep_objects(token, trigger.target_preps))
    else:
        targets = objects + list(_prep_objects(token, trigger.target_preps))
    if not any(index.at(t) for t in targets) and any(index.is_event_noun(t) for t in targets):
        # "withdrew from the deal with Iran" parsed with "with Iran" on the verb: the deal's party
        targets += list(_prep_objects(token, ("with", "between")))
    if not any(index.at(t) for t in targets) and not trigger.requires_target:
        targets += embedded_targets(token, trigger, index)
    if not any(index.at(t) for t in targets) and trigger.plover in HOSTILE:
        targets += provocations(token)
    return subjects, targets


def provocations(token) -> list:
    """'applied sanctions in response to Russian interference', 'expelled diplomats over Iran's nuclear
    programme': a hostile act answers someone's deed, and the doer is the target."""
    found = []
    for prep in (c for c in token.children if c.dep_ == "prep"):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "in":
            objects = [g for o in objects if o.lemma_.lower() in ANSWER_NOUNS
                       for p in o.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                       for g in p.children if g.dep_ == "pobj"]
        elif prep.lower_ not in ("over", "for"):
            continue
        found += [c for o in objects for c in o.children if c.dep_ in ("poss", "amod", "compound")]
    return found


def embedded_targets(token, trigger: Trigger, index: MentionIndex) -> list:
    """Targets named inside the trigger's own complement: 'offered to hand over the suspects to Britain',
    'threatened to impose restrictions against German goods', 'demanded that the US cancel the sale'."""
    found = []
    for clause in (c for c in token.children if c.dep_ in ("xcomp", "ccomp")):
        if clause.dep_ == "ccomp" and trigger.plover in ("REQUEST", "ACCUSE", "THREATEN", "REJECT"):
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            if trigger.plover == "THREATEN" and (not subjects or _same_speaker(subjects, token, index)):
                # "Trump warned that he would unleash fire and fury on North Korea": the threatened is the object
                found += [c for c in clause.children if c.dep_ in OBJECT_DEPS]
                found += list(_prep_objects(clause, ("on", "against", "at")))
            else:
                found += subjects
        elif clause.dep_ == "xcomp":
            found += [c for c in clause.children if c.dep_ in ("dobj", "dative")]
            found += list(_prep_objects(clause, trigger.target_preps + ("to", "against", "with", "on")))
    return found


def _same_speaker(subjects: list, verb, index: MentionIndex) -> bool:
    """The clause's subject is the speaker again: 'he', or the same actor ("Trump warned the U.S. would ...")."""
    if not subjects:
        return False
    if subjects[0].pos_ == "PRON":
        return subjects[0].lower_ in ("he", "she", "we", "i")
    speakers, _ = _subject_of(verb, index)
    codes = {m.code for t in speakers for m in index.at(t)} - {None}
    return bool(codes) and codes >= {m.code for m in index.at(subjects[0])} - {None} and bool(index.at(subjects[0]))


def characterization_roles(token, index: MentionIndex) -> tuple[list, list] | None:
    """'X claimed that Y is an adversary': the speaker denounces the subject of the copula.
    'X called Y a terrorist', 'X described Y as an aggressor', 'labeling Y an act of war': X denounces Y."""
    copula = token.head
    if token.dep_ == "attr" and copula.lemma_ == "be":
        targets = [c for c in copula.children if c.dep_ in SUBJECT_DEPS]
        if copula.dep_ == "ccomp" and copula.head.lemma_.lower() in speech_words().verbs:
            speakers, _ = _subject_of(copula.head, index)
            return speakers, targets
        return [], targets
    namer = copula.head if token.dep_ == "pobj" and copula.lower_ == "as" else copula
    if namer.lemma_.lower() not in NAMING_VERBS or namer is token:
        return None
    named = [c for c in namer.children if c.dep_ in (*OBJECT_DEPS, "dative") and c is not token]
    named += [c for c in token.children if c.dep_ in SUBJECT_DEPS]  # small clause: "called [Y] a terrorist"
    if not named:
        return None  # "condemned the accusation": the noun is the object, not what the object is called
    speakers, _ = _subject_of(namer, index)
    return speakers, named


def noun_roles(token, trigger: Trigger, index: MentionIndex, is_trigger=lambda t: False) -> tuple[list, list]:
    characterized = characterization_roles(token, index)
    if characterized is not None and trigger.plover == "ACCUSE":
        return characterized
    sources = [c for c in token.children if c.dep_ in NOUN_SOURCE_DEPS]
    sources += [c for c in token.children if c.dep_ in ("amod", "compound") and c.i in index.by_token]
    if token.i in index.by_head:
        sources.append(token)
    agent_preps = ("by",) if trigger.plover == "RETREAT" or "from" in trigger.target_preps else ("by", "from")
    sources += [g for c in token.children if c.dep_ == "prep" and c.lower_ in agent_preps  # "pressure from Beijing"
                for g in c.children if g.dep_ == "pobj"]
    if not sources and any(c.dep_ == "relcl" for c in token.children):
        verb = next(c for c in token.children if c.dep_ == "relcl")  # "the olive branch Pezeshkian extended"
        sources = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS]
    place = _counter(token)  # "imposed a new round of sanctions": the round stands where the sanctions would
    if not sources and place.dep_ in NOUN_LIGHT_VERB_DEPS and not is_trigger(place.head):
        sources, _ = _subject_of(place.head, index)
    governor = token.head.head
    if (not sources and token.dep_ == "pobj" and token.head.lower_ == "for" and governor.lemma_.lower() in CLAIMED
            and governor.head.pos_ in ("VERB", "AUX")):
        sources, _ = _subject_of(governor.head, index)  # "the Houthis claimed responsibility for the attacks"
    if (not sources and token.dep_ == "pobj" and token.head.dep_ == "prep" and governor.pos_ in ("VERB", "AUX", "ADJ")
            and not is_trigger(governor)):
        sources, _ = _subject_of(governor, index)
        if not sources:
            sources = left_subject(governor.head if governor.dep_ == "acomp" else governor, index)
    preps = trigger.target_preps + (("of",) if token.dep_ == "pobj" and token.head.lower_ == "in" else ())
    targets = list(_prep_objects(token, preps))  # "in support of the US action", "in defiance of Washington"
    if not targets and place is not token:
        targets = list(_prep_objects(place, trigger.target_preps))
    if not targets and place.dep_ in OBJECT_DEPS and not is_trigger(place.head):
        targets = list(_prep_objects(place.head, trigger.target_preps))  # "increased levies on U.S. goods"
    return sources, targets


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


def counted(token):
    """'hundreds of prisoners', 'a new round of sanctions': what a quantity noun counts, else the token itself."""
    if token.lemma_.lower() in quantity_nouns():
        inner = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return token


def _counter(token):
    """The quantity noun counting `token` ('a round of sanctions' -> round), else the token itself."""
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in quantity_nouns():
        return prep.head
    return token


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
            if span is not None and span.root.head.i == token.head.i or (
                    span is not None and span.root.head.head.i == token.head.i and span.root.head.dep_ == "prep"):
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
        sources = _participants(src_tokens, index, "source")
        targets = _participants(tgt_tokens, index, "target")
        if trigger.symmetric:
            targets += _participants(list(_prep_objects(token, ("with", "between", "of"))), index, "target")
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

