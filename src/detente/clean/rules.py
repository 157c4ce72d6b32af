"""Cleaning rules loaded from `clean/data/boilerplate.yaml` into one immutable object."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

HEADING_WORDS = 4  # a widget heading ("PC Gamer Newsletter") is a short line, not a sentence


@dataclass(frozen=True)
class CleaningRules:
    starts: tuple[str, ...]
    contains: tuple[str, ...]
    heading_ends: tuple[str, ...]
    site_patterns: tuple[re.Pattern[str], ...]
    original_source_patterns: tuple[re.Pattern[str], ...]
    note_starts: tuple[str, ...]
    note_contains: tuple[str, ...]
    bio_contains: tuple[str, ...]
    bio_patterns: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    caption_starts: tuple[str, ...]
    caption_credits: tuple[re.Pattern[str], ...]

    def strip_inline(self, paragraph: str) -> str:
        """The paragraph without the chrome glued inside it (a hover card, a trailing 'More from X:')."""
        for pattern in self.inline:
            paragraph = pattern.sub(lambda m: m.groupdict().get("keep") or "", paragraph)
        return paragraph.strip()

    def is_note(self, paragraph: str) -> bool:
        low = paragraph.lower()
        return low.startswith(self.note_starts) or any(phrase in low for phrase in self.note_contains)

    def is_boilerplate(self, paragraph: str) -> bool:
        low = paragraph.strip().lower()
        return (low.startswith(self.starts) or any(phrase in low for phrase in self.contains)
                or (len(low.split()) <= HEADING_WORDS and low.rstrip(" .:").endswith(self.heading_ends)))


@lru_cache(maxsize=1)
def load_rules() -> CleaningRules:
    raw = yaml.safe_load(resources.files("detente.clean").joinpath("data/boilerplate.yaml").read_text("utf-8"))

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in raw.get(key, []))

    def lowered(key: str) -> tuple[str, ...]:
        return tuple(str(p).lower() for p in raw.get(key, []))

    return CleaningRules(
        starts=lowered("starts"),
        contains=lowered("contains"),
        heading_ends=lowered("heading_ends"),
        site_patterns=compiled("site_patterns"),
        original_source_patterns=compiled("original_source_patterns"),
        note_starts=lowered("note_starts"),
        note_contains=lowered("note_contains"),
        bio_contains=lowered("bio_contains"),
        bio_patterns=compiled("bio_patterns"),
        inline=compiled("inline"),
        caption_starts=lowered("caption_starts"),
        caption_credits=compiled("caption_credits"),
    )
