"""Who acts and who is acted on: sources and targets of a trigger from the dependency parse.

Subjects through control, raising, relative and noun-modifying clauses; objects through small clauses,
quantity nouns and prepositions; actors inside non-actor nouns; the mention index the coder looks them up in.
Every participant carries the dependency path that found it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..model import ActorMention
from ..quotes import speech_words
from .lexicon import Trigger, instrument_nouns, quantity_nouns

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
OBJECT_DEPS = ("dobj", "obj")
NOUN_SOURCE_DEPS = ("poss",)
INHERIT_SUBJECT_DEPS = ("xcomp", "conj", "advcl", "pcomp", "acl", "prep", "acomp")
NOUN_LIGHT_VERB_DEPS = ("dobj", "obj", "nsubjpass", "attr")
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
LEFT_SUBJECT_WINDOW = 5
NAMING_VERBS = frozenset({"call", "label", "brand", "describe", "term", "dub", "deem", "denounce", "condemn"})
CLAIMED = frozenset({"responsibility", "credit", "blame"})
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


def participants(tokens, index: MentionIndex, label: str) -> list[Participant]:
    out = []
    for token in tokens:
        found = index.at(token)
        if not found and label == "target":
            found = _inner_actors(token, index)
        for m in found:
            out.append(Participant(m, f"{label}:{token.dep_}({token.text})"))
    return out


def prep_objects(token, preps: tuple[str, ...]):
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
        targets = [g for o in objects for g in prep_objects(o, trigger.target_preps)]
        targets += list(prep_objects(token, trigger.target_preps))
    else:
        targets = objects + list(prep_objects(token, trigger.target_preps))
    if not any(index.at(t) for t in targets) and any(index.is_event_noun(t) for t in targets):
        # "withdrew from the deal with Iran" parsed with "with Iran" on the verb: the deal's party
        targets += list(prep_objects(token, ("with", "between")))
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
                found += list(prep_objects(clause, ("on", "against", "at")))
            else:
                found += subjects
        elif clause.dep_ == "xcomp":
            found += [c for c in clause.children if c.dep_ in ("dobj", "dative")]
            found += list(prep_objects(clause, trigger.target_preps + ("to", "against", "with", "on")))
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
    targets = list(prep_objects(token, preps))  # "in support of the US action", "in defiance of Washington"
    if not targets and place is not token:
        targets = list(prep_objects(place, trigger.target_preps))
    if not targets and place.dep_ in OBJECT_DEPS and not is_trigger(place.head):
        targets = list(prep_objects(place.head, trigger.target_preps))  # "increased levies on U.S. goods"
    return sources, targets


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
