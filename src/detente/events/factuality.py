"""Factuality of a trigger: asserted, negated, future or hypothetical, with the cues that decided it.

The trigger's governing chain is walked upward within its clause ("hesitates in delivering",
"braces for Israel's strike", "might be pleased with Israel's strikes", "urged Russia to
withdraw"), collecting negation, future and modal cues on every node of the chain. Cue words
live in data/factuality.yaml; precedence is negated > hypothetical > future > asserted.
"""
from __future__ import annotations

from .lexicon import Cues

CHAIN_DEPS = frozenset({"pobj", "prep", "dobj", "acomp", "xcomp", "pcomp", "attr", "oprd", "amod", "compound", "acl",
                        "nsubj", "nsubjpass", "appos", "agent", "dative", "conj", "auxpass", "advcl"})
VERBAL_STOP = frozenset({"xcomp", "conj", "pcomp", "acomp", "advcl", "prep", "pobj", "dobj"})
IRREALIS_HEADS = frozenset({"demand", "urge", "ask", "request", "insist", "call", "propose", "suggest", "recommend",
                            "want", "wish", "hope", "seek", "order"})
MODAL_VERBS = frozenset({"have", "need", "ought"})  # deontic only with an infinitive: "have to withdraw"
SUBORDINATING_ADVERBS = frozenset({"when", "while", "whenever", "where", "as", "once"})
SPEECH_PAST = frozenset({"say", "tell", "announce", "state", "add", "warn", "claim", "report", "insist"})


def governing_chain(token, is_event_noun=lambda t: False) -> list:
    """The trigger and the words that govern it inside the same clause, up to another event noun
    ("in retaliation for Iran's barrage": the barrage is not governed by the retaliation's mood)."""
    chain = [token]
    current = token
    while current.dep_ in CHAIN_DEPS and current.head is not current:
        if current.dep_ == "advcl" and any((c.dep_ == "mark" and c.lower_ != "for") or c.lower_ in SUBORDINATING_ADVERBS
                                           for c in current.children):  # "illegal for X to provide" goes on
            break  # "it did not come as a surprise when Kim delivered a condemnation": the when-clause happened
        if current.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
            break  # "No sanctions were lifted, and the summit ended in failure": a clause with its own subject
        if current.dep_ == "acl" and current.tag_ == "VBN":
            break  # "Huawei, a company blacklisted by the U.S., will be allowed to ...": a reduced relative states a fact
        current = current.head
        chain.append(current)
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in VERBAL_STOP:
            if current.dep_ in ("ccomp", "acl") and current.head.lemma_.lower() in IRREALIS_HEADS:
                chain.append(current.head)  # "demanding that the government provide ...": not done yet
            break
        if current.pos_ == "NOUN" and is_event_noun(current):
            break
    return chain


def _reported_would(node) -> bool:
    """'said it would withdraw': future-in-the-past, not a hypothesis."""
    return node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_PAST and node.head.tag_ == "VBD"


def _negative_subject(subject) -> str | None:
    """'Nobody', 'No Japanese company', 'Neither Putin nor Pezeshkian' as the subject deny the event."""
    if subject.lower_ in ("nobody", "none", "nothing"):
        return subject.text
    for g in subject.children:
        if (g.dep_ in ("preconj", "det") and g.lower_ == "neither") or (g.dep_ == "det" and g.lower_ == "no"):
            return f"{g.text} {subject.text}"
    return None


def _child_cues(node, cues: Cues, found: dict[str, list[str]]) -> None:
    for child in node.children:
        word, lemma, dep = child.lower_, child.lemma_.lower(), child.dep_
        if dep == "neg" or (dep == "det" and word in ("no", "neither")) or (dep == "advmod" and word == "never"):
            found["negated"].append(child.text)
        elif dep in ("nsubj", "nsubjpass") and _negative_subject(child):
            found["negated"].append(_negative_subject(child))
        elif dep == "aux" and (word in cues.future_aux or lemma in cues.future_aux):
            found["future"].append(child.text)
        elif dep == "aux" and word == "would" and _reported_would(node):
            found["future"].append("would (reported)")
        elif dep in ("aux", "auxpass") and (word in cues.hypothetical_modals or lemma in cues.hypothetical_modals):
            found["hypothetical"].append(child.text)
        elif dep == "amod" and (word in cues.future_modifiers or lemma in cues.future_modifiers):
            found["future"].append(child.text)
        elif dep in ("advmod", "amod", "acomp") and (word in cues.speculation or lemma in cues.speculation):
            found["hypothetical"].append(child.text)
        elif dep in ("mark", "advmod") and word in cues.conditional_markers and node.dep_ in ("advcl", "ROOT", "ccomp"):
            found["hypothetical"].append(child.text)


def assess(token, cues: Cues, is_event_noun=lambda t: False) -> tuple[str, tuple[str, ...], list]:
    """Factuality, its cues, and the irrealis words that govern the trigger ('urged', 'a warning').

    The outermost cue on the governing chain decides ("urged Iran not to attack" is hypothetical);
    at one level, negated > hypothetical > future."""
    chain = governing_chain(token, is_event_noun)
    levels = [_level_cues(token, chain, position, cues) for position in range(len(chain))]
    irrealis_levels = [i for i, found in enumerate(levels) if found.get("irrealis")]
    irrealis = irrealis_levels[0] if irrealis_levels else None
    governor = [chain[i] for i in irrealis_levels]
    if irrealis is not None:
        levels = levels[:irrealis + 1]  # "did not urge Iran to attack": the attack stays hypothetical
    for found in reversed(levels):
        for state in ("negated", "hypothetical", "future"):
            if found[state]:
                return state, tuple(found[state]), governor
    return "asserted", (), governor


def _level_cues(token, chain: list, position: int, cues: Cues) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"negated": [], "hypothetical": [], "future": []}
    if position == 0 and token.dep_ == "pcomp" and token.head.lower_ == "without":
        found["negated"].append("without")
    node = chain[position]
    lemma = node.lemma_.lower()
    direct = position == 1 or (position == 2 and chain[1].dep_ == "prep") or all(
        c.dep_ in ("xcomp", "pcomp", "prep", "advcl", "conj", "ccomp") for c in chain[:position])
    if position > 0 and direct:
        previous = chain[position - 1]
        if lemma in cues.negating_governors or (
                lemma in cues.prevention and any(c.lower_ == "from" for c in chain[:position])):
            found["negated"].append(node.text)
        elif lemma in cues.future_governors:
            found["future"].append(node.text)
        elif lemma in cues.promise_governors and previous.dep_ == "xcomp":
            found["future"].append(node.text)
        elif lemma in cues.hypothetical_governors and previous.dep_ in ("xcomp", "ccomp", "dobj", "pobj") and not (
                lemma in MODAL_VERBS and previous.dep_ != "xcomp"):  # "has sanctions on Iran" is no "has to"
            found["hypothetical"].append(node.text)
            found["irrealis"] = [node.text]
        elif previous.dep_ == "xcomp" and (lemma in cues.future_be or (lemma == "be" and node is not token)):
            found["future"].append(f"{node.text} to")
        elif previous.dep_ in ("advcl", "xcomp", "acl") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in cues.hypothetical_governors for c in node.children):
            found["hypothetical"].append(f"{node.text} …")  # "issued a warning to Israel not to attack"
            found["irrealis"] = [node.text]
    adjunct = (position >= 2 and chain[position - 1].dep_ == "prep" and chain[position - 2].dep_ == "pcomp"
               and node.pos_ in ("VERB", "AUX"))
    if not adjunct:  # "…, with advising Israel to strike" is outside the main verb's negation
        _child_cues(node, cues, found)
    return found


def hedged(token, cues: Cues) -> bool:
    """'reportedly', 'allegedly': the claim is attributed, not asserted by the writer (lowers confidence)."""
    return any(c.lower_ in cues.hedges for node in governing_chain(token) for c in node.children)
