"""Actor knowledge base: reviewable YAML files under kb/data, loaded into immutable objects.

Files: countries.yaml (states and territories: names, adjectives, capitals, seats of power),
organisations.yaml (IGOs and organs, state bodies, armed and political groups, media),
people.yaml (office holders with tenure dates), titles.yaml (role nouns -> sector).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Role:
    title: str
    code: str
    sector: str
    start: str | None
    end: str | None

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    code: str | None
    sector: str | None
    kind: str  # country | igo | organ | state-body | armed-group | political-group | media | person | ...
    roles: tuple[Role, ...] = ()
    source: str = ""

    def on(self, day: str | None) -> tuple[str | None, str | None, str]:
        """(code, sector, how) for this actor on `day`; people outside office keep their country."""
        if self.kind != "person" or not self.roles:
            return self.code, self.sector, "kb"
        if day:
            held = [r for r in self.roles if r.holds_on(day)]
            if held:
                best = sorted(held, key=lambda r: (r.sector != "GOV", r.start or ""))[0]
                return best.code, best.sector, f"kb-role:{best.title}"
            return self.code, self.sector, "kb-out-of-office"
        latest = max(self.roles, key=lambda r: r.start or "")
        if self._one_continuous_career():
            return latest.code, latest.sector, "kb-undated"
        return latest.code if len({r.code for r in self.roles}) == 1 else self.code, None, "kb-undated-ambiguous"

    def _one_continuous_career(self) -> bool:
        """Without a date, a sector is only safe when the person held one kind of office without a break."""
        roles = sorted(self.roles, key=lambda r: r.start or "")
        if len({r.sector for r in roles}) != 1:
            return False
        return all(prev.end is None or (nxt.start or "") <= _plus_days(prev.end, 60)
                   for prev, nxt in zip(roles, roles[1:]))


@dataclass(frozen=True)
class Alias:
    """A surface form pointing at an actor, with the sector it implies (a capital implies GOV)."""

    actor_id: str
    kind: str  # name | adjective | capital | seat
    sector: str | None


@dataclass(frozen=True)
class KnowledgeBase:
    actors: dict[str, Actor]
    aliases: dict[str, tuple[Alias, ...]]
    titles: dict[str, str]  # lowercase role phrase -> sector
    max_alias_tokens: int = 6
    sources: tuple[str, ...] = field(default=())

    def lookup(self, surface: str) -> tuple[Alias, ...]:
        return self.aliases.get(surface, ())

    def title_sector(self, phrase: str) -> str | None:
        return self.titles.get(phrase.lower())

    def find(self, name: str) -> list[Actor]:
        """Actors whose name or alias matches `name` (case-insensitive)."""
        low = name.lower()
        ids = {a.actor_id for s, aliases in self.aliases.items() if s.lower() == low for a in aliases}
        ids |= {a.actor_id for a in self.actors.values() if low in a.name.lower()}
        return [self.actors[i] for i in sorted(ids)]


def _plus_days(day: str, days: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


def _date(value) -> str | None:
    return None if value in (None, "") else str(value)[:10]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KINDS = ("countries", "organisations", "people", "titles")


def _files(root) -> list:
    """Data files of a folder (a Path or the package resource), in name order."""
    return sorted((f for f in root.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def read_data(roots) -> dict[str, list | dict]:
    """Merge every `<kind>*.yaml` under the given folders: lists are concatenated, title maps merged."""
    merged: dict[str, list | dict] = {"countries": [], "organisations": [], "people": [], "titles": {}}
    for root in roots:
        for f in _files(root):
            kind = next((k for k in KINDS if f.name.startswith(k)), None)
            if kind is None:
                continue
            data = yaml.load(f.read_text("utf-8"), Loader=_LOADER) or ([] if kind != "titles" else {})
            if kind == "titles":
                for sector, phrases in data.items():
                    merged["titles"].setdefault(sector, []).extend(phrases or [])
            else:
                merged[kind].extend(data)
    return merged


def _tokens(surface: str) -> int:
    return len(surface.replace("-", " - ").replace("'", " '").split())


def build_kb(countries: list, organisations: list, people: list, titles: dict) -> KnowledgeBase:
    actors: dict[str, Actor] = {}
    aliases: dict[str, list[Alias]] = {}

    def add(surface: str, alias: Alias) -> None:
        surface = str(surface).strip().replace("’", "'")
        if surface:
            aliases.setdefault(surface, [])
            if alias not in aliases[surface]:
                aliases[surface].append(alias)

    for c in countries or []:
        actor = Actor(f"country:{c['code']}", c["name"], c["code"], None, "country", source=c.get("source", ""))
        actors[actor.actor_id] = actor
        for n in [c["name"], *(c.get("names") or [])]:
            add(n, Alias(actor.actor_id, "name", None))
            if n.startswith("the "):
                add(n[4:], Alias(actor.actor_id, "name", None))
        for a in c.get("adjectives") or []:
            add(a, Alias(actor.actor_id, "adjective", None))
        for cap in c.get("capitals") or []:
            add(cap, Alias(actor.actor_id, "capital", "GOV"))
        for seat, sector in (c.get("seats") or {}).items():
            add(seat, Alias(actor.actor_id, "seat", sector))
            if seat.lower().startswith("the "):
                add(seat[4:], Alias(actor.actor_id, "seat", sector))
    for o in organisations or []:
        actor = Actor(f"org:{o['id']}", o["name"], o.get("code"), o.get("sector"), o.get("kind", "organisation"),
                      source=o.get("source", ""))
        actors[actor.actor_id] = actor
        for n in [o["name"], *(o.get("names") or [])]:
            add(n, Alias(actor.actor_id, "name", o.get("sector")))
            if n.startswith("the "):
                add(n[4:], Alias(actor.actor_id, "name", o.get("sector")))
        for m in o.get("metonyms") or []:
            add(m, Alias(actor.actor_id, "capital", o.get("sector")))
    for p in people or []:
        roles = tuple(
            Role(r.get("title", ""), r["code"], r["sector"], _date(r.get("start")), _date(r.get("end")))
            for r in p.get("roles") or []
        )
        actor = Actor(f"person:{p['id']}", p["name"], p.get("country"), p.get("sector_default"), "person", roles,
                      p.get("source", ""))
        actors[actor.actor_id] = actor
        for n in [p["name"], *(p.get("names") or [])]:
            add(n, Alias(actor.actor_id, "name", None))
    title_map = {}
    for sector, phrases in (titles or {}).items():
        for phrase in phrases or []:
            title_map.setdefault(str(phrase).lower(), sector)
    frozen = {k: tuple(v) for k, v in aliases.items()}
    return KnowledgeBase(actors, frozen, title_map, max((_tokens(s) for s in frozen), default=1))



@lru_cache(maxsize=4)
def load_kb(extra_dirs: tuple[str, ...] = ()) -> KnowledgeBase:
    """The packaged knowledge base, plus any folders of extra dictionaries in the same format
    (a user's own actors, or the PETRARCH validation dictionaries)."""
    roots = [resources.files("detente.kb").joinpath("data"), *(Path(d) for d in extra_dirs)]
    data = read_data(roots)
    return build_kb(data["countries"], data["organisations"], data["people"], data["titles"])
