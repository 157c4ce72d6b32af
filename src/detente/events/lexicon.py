"""Event coding knowledge as data: trigger lexicon, CAMEO table, factuality cues."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Trigger:
    id: str
    lemma: str
    pos: str
    particle: str | None
    objects: tuple[str, ...] | None
    target_preps: tuple[str, ...]
    symmetric: bool
    plover: str
    mode: str | None
    cameo: str
    requires_target: bool = False
    complement_modals: tuple[str, ...] = ()
    light: bool = False
    topic_object: bool = False  # "discussed Yemen with Saudi Arabia": the direct object is the topic, not a party

    @property
    def specificity(self) -> int:
        return (self.objects is not None) * 2 + (self.particle is not None) + bool(self.complement_modals) * 2


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float | None
    quad_class: int | None


@dataclass(frozen=True)
class Cues:
    """Factuality cue words (lemmas) from factuality.yaml, flattened for lookup."""

    negation: frozenset[str]
    negating_governors: frozenset[str]  # negating, denial, prevention and cancel verbs/nouns
    future_aux: frozenset[str]  # single-word auxiliaries: will, shall, 'll, wo
    future_be: frozenset[str]  # X of "be X to": set, due, about, poised, going ...
    future_governors: frozenset[str]  # plan, brace, expect, upcoming ... (verbs, nouns)
    future_modifiers: frozenset[str]
    promise_governors: frozenset[str]
    hypothetical_modals: frozenset[str]  # possibility, obligation and ability modals
    hypothetical_governors: frozenset[str]  # irrealis governors (urge, want, consider, ...) and have/need to
    speculation: frozenset[str]
    conditional_markers: frozenset[str]
    hedges: frozenset[str]
    future_time_cues: frozenset[str] = frozenset()
    prevention: frozenset[str] = frozenset()  # negate only through "from": "kept Y from attending"


@dataclass(frozen=True)
class Lexicon:
    by_lemma: dict[tuple[str, str], tuple[Trigger, ...]]
    cameo: dict[str, CameoCode]
    cues: Cues

    def candidates(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.by_lemma.get((lemma, pos), ())

    def cameo_code(self, code: str) -> CameoCode | None:
        return self.cameo.get(code) or self.cameo.get(code[:3]) or self.cameo.get(code[:2])


def _text(name: str) -> str:
    return resources.files("detente.events").joinpath("data", name).read_text("utf-8")


def parse_triggers(raw: list) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for e in raw or []:
        objects = e.get("object")
        if isinstance(objects, str):
            objects = [objects]
        trigger = Trigger(
            id=e["id"], lemma=str(e["lemma"]).lower(), pos=str(e.get("pos", "VERB")).upper(),
            particle=e.get("particle"), objects=tuple(str(o).lower() for o in objects) if objects is not None else None,
            target_preps=tuple(e.get("target_preps") or ()), symmetric=bool(e.get("symmetric")),
            plover=e["plover"], mode=e.get("mode"), cameo=str(e.get("cameo", "")),
            requires_target=bool(e.get("requires_target")),
            complement_modals=tuple(str(m).lower() for m in e.get("complement_modals") or ()),
            light=bool(e.get("light")),
            topic_object=bool(e.get("topic_object")),
        )
        index.setdefault((trigger.lemma, trigger.pos), []).append(trigger)
    return {k: tuple(sorted(v, key=lambda t: -t.specificity)) for k, v in index.items()}


def parse_cameo(text: str) -> dict[str, CameoCode]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        goldstein = row.get("goldstein")
        quad = row.get("quad_class")
        table[row["code"]] = CameoCode(row["code"], row.get("label", ""),
                                       float(goldstein) if goldstein not in (None, "") else None,
                                       int(quad) if quad not in (None, "") else None)
    return table


def _flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [w for v in value.values() for w in _flatten(v)]
    return [str(w).lower().strip() for w in value or []]


def parse_cues(raw: dict) -> Cues:
    words = {key: _flatten(value) for key, value in raw.items()}
    single = lambda key: frozenset(w for w in words.get(key, []) if " " not in w)  # noqa: E731
    be_words = frozenset(w.split()[1] for w in words.get("future_aux", []) if w.startswith("be ") and len(w.split()) == 3)
    modal_phrases = frozenset(w.split()[0] for key in ("modals_obligation", "modals_ability")
                              for w in words.get(key, []) if w.endswith(" to") and not w.startswith("be "))
    governors = raw.get("future_governors") or {}
    return Cues(
        negation=single("negation"),
        negating_governors=single("negating_verbs") | single("denial_verbs") | single("cancel_verbs"),
        prevention=single("prevention_verbs"),
        future_aux=single("future_aux"),
        future_be=be_words | {"going"},
        future_governors=frozenset(_flatten(governors.get("verbs")) + _flatten(governors.get("nouns")))
        if isinstance(governors, dict) else single("future_governors"),
        future_modifiers=frozenset(_flatten(governors.get("modifiers"))) if isinstance(governors, dict) else frozenset(),
        promise_governors=single("promise_governors"),
        hypothetical_modals=single("modals_hypothetical") | single("modals_obligation") | single("modals_ability"),
        hypothetical_governors=single("irrealis_governors") | modal_phrases,
        speculation=single("speculation"),
        conditional_markers=single("conditional_markers"),
        hedges=single("hedges"),
        future_time_cues=frozenset(words.get("future_time_cues", [])),
    )


@lru_cache(maxsize=1)
def quantity_nouns() -> frozenset[str]:
    """'hundreds', 'a round', 'a raft': nouns the coder looks through to the noun after their 'of'."""
    return frozenset(yaml.safe_load(_text("quantities.yaml"))["quantities"])


@lru_cache(maxsize=1)
def instrument_nouns() -> frozenset[str]:
    """'a law', 'a resolution', 'the opportunity': nouns whose clause acts through whoever holds them."""
    return frozenset(yaml.safe_load(_text("instruments.yaml"))["instruments"])


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(
        by_lemma=parse_triggers(yaml.safe_load(_text("lexicon.yaml"))),
        cameo=parse_cameo(_text("cameo.tsv")),
        cues=parse_cues(yaml.safe_load(_text("factuality.yaml")) or {}),
    )
