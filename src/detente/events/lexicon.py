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

    @property
    def specificity(self) -> int:
        return (self.objects is not None) * 2 + (self.particle is not None)


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float | None
    quad_class: int | None


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    future_aux: frozenset[str]
    future_governors: frozenset[str]
    future_modifiers: frozenset[str]
    hypothetical_modals: frozenset[str]
    speculation: frozenset[str]
    conditional_markers: frozenset[str]
    hedges: frozenset[str]


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


def _words(raw: dict, *keys: str) -> frozenset[str]:
    out: set[str] = set()
    for key in keys:
        for item in raw.get(key) or []:
            out.add(str(item).lower().strip())
    return frozenset(out)


def parse_triggers(raw: list) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    index: dict[tuple[str, str], list[Trigger]] = {}
    for e in raw or []:
        objects = e.get("object")
        if isinstance(objects, str):
            objects = [objects]
        trigger = Trigger(
            id=e["id"], lemma=str(e["lemma"]).lower(), pos=str(e.get("pos", "VERB")).upper(),
            particle=e.get("particle"), objects=tuple(str(o).lower() for o in objects) if objects else None,
            target_preps=tuple(e.get("target_preps") or ()), symmetric=bool(e.get("symmetric")),
            plover=e["plover"], mode=e.get("mode"), cameo=str(e.get("cameo", "")),
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


def parse_cues(raw: dict) -> Cues:
    return Cues(
        negation=_words(raw, "negation"),
        negating_verbs=_words(raw, "negating_verbs"),
        future_aux=_words(raw, "future_aux"),
        future_governors=_words(raw, "future_governors", "future_nouns_verbs"),
        future_modifiers=_words(raw, "future_modifiers"),
        hypothetical_modals=_words(raw, "hypothetical_modals", "modals_hypothetical"),
        speculation=_words(raw, "speculation"),
        conditional_markers=_words(raw, "conditional_markers"),
        hedges=_words(raw, "hedges"),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon(
        by_lemma=parse_triggers(yaml.safe_load(_text("lexicon.yaml"))),
        cameo=parse_cameo(_text("cameo.tsv")),
        cues=parse_cues(yaml.safe_load(_text("factuality.yaml")) or {}),
    )
