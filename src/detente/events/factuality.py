"""Factuality of a trigger: asserted, negated, future or hypothetical, with the cues that decided it.

The trigger's governing chain is walked upward within its clause ("hesitates in delivering",
"braces for Israel's strike", "might be pleased with Israel's strikes"), collecting negation,
future and modal cues on every node of the chain.
"""
from __future__ import annotations

from .lexicon import Cues

CHAIN_DEPS = frozenset({"pobj", "prep", "dobj", "acomp", "xcomp", "pcomp", "attr", "oprd", "amod", "compound",
                        "nsubj", "nsubjpass", "appos", "advcl", "agent", "dative", "conj", "auxpass"})
FUTURE_BE_TO = frozenset({"be", "go"})


def governing_chain(token) -> list:
    """The trigger and the words that govern it inside the same clause."""
    chain = [token]
    current = token
    while current.dep_ in CHAIN_DEPS and current.head is not current:
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            break
        current = current.head
        chain.append(current)
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("xcomp", "conj", "pcomp", "acomp", "advcl"):
            break
    return chain


def factuality(token, cues: Cues) -> tuple[str, tuple[str, ...]]:
    chain = governing_chain(token)
    negated, future, hypothetical = [], [], []
    for position, node in enumerate(chain):
        lemma = node.lemma_.lower()
        if position > 0 and lemma in cues.negating_verbs:
            negated.append(node.text)
        if position > 0 and lemma in cues.future_governors:
            future.append(node.text)
        for child in node.children:
            word = child.lower_
            clemma = child.lemma_.lower()
            if child.dep_ == "neg" or (child.dep_ == "det" and word in ("no", "neither")):
                negated.append(child.text)
            elif child.dep_ == "aux" and (word in cues.future_aux or clemma in cues.future_aux):
                future.append(child.text)
            elif child.dep_ in ("aux", "auxpass") and word in cues.hypothetical_modals:
                hypothetical.append(child.text)
            elif child.dep_ == "amod" and word in cues.future_modifiers:
                future.append(child.text)
            elif child.dep_ == "advmod" and word in cues.speculation:
                hypothetical.append(child.text)
            elif child.dep_ == "mark" and word in cues.conditional_markers:
                hypothetical.append(child.text)
            elif child.dep_ == "aux" and word == "to" and node.head.lemma_ in FUTURE_BE_TO and node.dep_ == "xcomp":
                future.append(f"{node.head.text} to")
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in cues.conditional_markers for c in node.children):
            hypothetical.append("if")
    if negated:
        return "negated", tuple(negated)
    if hypothetical:
        return "hypothetical", tuple(hypothetical)
    if future:
        return "future", tuple(future)
    return "asserted", ()
