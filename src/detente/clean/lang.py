"""Language of a block: its script first, English by function words, then a statistical model.

The model is py3langid's (shipped inside its PyPI wheel, about 4 MB, 97 languages): a naive Bayes
classifier over byte n-grams. It is only asked what the rules cannot tell: which language of a script
(Chinese or Japanese, Russian or Ukrainian, Arabic or Persian), and which language a Latin-script block
is in once its function words say it is not English. English is decided by English function words
because news paragraphs full of names ("Erdogan, Putin and Pezeshkian met in Ashgabat") fool n-gram
models; a wrong "not English" would take the paragraph out of the article text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 5  # fewer words than this: too short to tell ("Repeat Chorus", "Kyiv Independent")
MIN_SCRIPT_LETTERS = 20  # fewer letters: the script's first language ("Катерина Каплар" is not told apart)
MIN_CONFIDENCE = 0.5  # the model's normalised probability below which a Latin-script block stays unknown


def _data(name: str):
    return yaml.safe_load(resources.files("detente.clean").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in _data("stopwords.yaml").items()}


@lru_cache(maxsize=1)
def scripts() -> dict[str, tuple[str, ...]]:
    """Unicode script name -> the languages written in it, the default first."""
    return {script: tuple(langs) for script, langs in _data("scripts.yaml").items()}


@lru_cache(maxsize=1)
def _script_of_language() -> dict[str, str]:
    out: dict[str, str] = {}
    for script, langs in scripts().items():
        for lang in langs:
            out.setdefault(lang, "CJK" if script in ("HIRAGANA", "KATAKANA") else script)
    return out


@lru_cache(maxsize=1)
def _model():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def latin_ratio(text: str) -> float:
    letters = _letters(text)
    if not letters:
        return 0.0
    return sum(1 for c in letters if "LATIN" in unicodedata.name(c, "")) / len(letters)


def _script(letters: list[str]) -> str | None:
    """The most frequent non-Latin script among the letters; kana anywhere makes CJK text Japanese."""
    counts: dict[str, int] = {}
    known = scripts()
    for c in letters:
        name = unicodedata.name(c, "")
        script = "CJK" if name.startswith("CJK") else name.split(" ", 1)[0]
        if script in known:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    if "CJK" in counts and (counts.get("HIRAGANA") or counts.get("KATAKANA")):
        return "HIRAGANA"
    return max(sorted(counts), key=counts.get)


def _best_of(text: str, letters: int, candidates: tuple[str, ...]) -> str:
    if len(candidates) == 1 or letters < MIN_SCRIPT_LETTERS:
        return candidates[0]
    ranked = _model().rank(text)
    return next((lang for lang, _ in ranked if lang in candidates), candidates[0])


def _function_word_language(words: list[str]) -> str | None:
    """'en' when English function words are the most frequent; another language only with a clear margin
    ("0.49 per cent", "do", "um" are English text); None when the words cannot tell."""
    table = stopwords()
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in table.items()}
    best = max(sorted(scores), key=scores.get)
    english = scores.get("en", 0)
    if english and english >= scores[best]:
        return "en"
    distinct = set(words)
    other = len(distinct & table[best]) if scores[best] else 0
    if other >= 3 and other >= 2 * len(distinct & table.get("en", frozenset())):
        return best
    return "en" if english else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 (or 639-3 where there is none) code of a block, or None when it cannot be told."""
    letters = _letters(text)
    if not letters:
        return None
    if latin_ratio(text) < 0.5:
        script = _script(letters)
        return _best_of(text, len(letters), scripts()[script]) if script else None
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    by_words = _function_word_language(words)
    if by_words == "en":
        return "en"
    language, confidence = _model().classify(text)
    return language if confidence >= MIN_CONFIDENCE and language != "zxx" else by_words


def script_of(language: str | None) -> str | None:
    """'latin' or the script's name for the others; None when unknown."""
    if language is None:
        return None
    return _script_of_language().get(language, "latin")
