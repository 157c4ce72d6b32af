"""Language of a block: by script first, then by function words for Latin script.

Cheap, deterministic and shipped with the package; enough to keep a masthead in
Persian or a French abstract out of an English body.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SCRIPT_LANGUAGES = (
    ("ARABIC", "ar"), ("CYRILLIC", "ru"), ("CJK", "zh"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
    ("HANGUL", "ko"), ("HEBREW", "he"), ("DEVANAGARI", "hi"), ("GREEK", "el"), ("THAI", "th"),
    ("ARMENIAN", "hy"), ("GEORGIAN", "ka"), ("BENGALI", "bn"), ("TAMIL", "ta"),
)
PERSIAN_LETTERS = set("پچژگکی")


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    raw = yaml.safe_load(resources.files("detente.clean").joinpath("data/stopwords.yaml").read_text("utf-8"))
    return {lang: frozenset(words) for lang, words in raw.items()}


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def latin_ratio(text: str) -> float:
    letters = _letters(text)
    if not letters:
        return 0.0
    return sum(1 for c in letters if "LATIN" in unicodedata.name(c, "")) / len(letters)


def _script_language(letters: list[str]) -> str | None:
    counts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "")
        for script, lang in SCRIPT_LANGUAGES:
            if name.startswith(script) or (script == "CJK" and "CJK" in name):
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts:
        return None
    lang = max(counts, key=counts.get)
    if lang == "ar" and PERSIAN_LETTERS & set(letters):
        return "fa"
    return lang


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a block, or None when too short to tell."""
    letters = _letters(text)
    if not letters:
        return None
    if latin_ratio(text) < 0.5:
        return _script_language(letters)
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in stopwords().items()}
    best = max(scores, key=scores.get)
    if scores[best] == 0 or scores.get("en", 0) >= scores[best]:
        return "en" if scores.get("en", 0) or len(words) < 12 else None
    # Another language only with a clear margin: "0.49 per cent", "do", "um" are English text.
    distinct = set(words)
    other = len(distinct & stopwords()[best])
    english = len(distinct & stopwords().get("en", frozenset()))
    if other < 3 or other < 2 * english:
        return "en" if english else None
    return best


NON_LATIN = frozenset(code for _, code in SCRIPT_LANGUAGES) | {"fa"}


def script_of(language: str | None) -> str | None:
    """'latin' or the language code itself for the other scripts; None when unknown."""
    if language is None:
        return None
    return language if language in NON_LATIN else "latin"
