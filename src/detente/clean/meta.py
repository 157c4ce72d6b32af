"""Metadata from loose lines: dates, bylines, author names. Unknown stays None."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PREFIX = r"^(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on)?\s*:?\s*)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$"
DATE_LINE_PATTERNS = (
    re.compile(_PREFIX + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_PREFIX + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.+Z-]*)?\s*$", re.I),
    re.compile(_PREFIX + r"(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TIME, re.I),
)
BYLINE = re.compile(r"^(?:written\s+)?by\s*[:\-]?\s+(?P<names>.+?)\s*$", re.I)
NAME_TOKEN = (r"(?:[A-Z](?:\.|[a-z'’\-]+\.?|[A-Z]\.)(?:[A-Z]\.)*|[A-Z]\.(?:[A-Z]\.)+"
              r"|(?:de|van|von|der|al|el|bin|da|di|la|le)(?:-)?)")
NAME = re.compile(r"^" + NAME_TOKEN + r"(?:[\s-]" + NAME_TOKEN + r"){0,3}$")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that is only a date ("October 17, 2024", "20.10.2024"), else None."""
    line = line.strip()
    if len(line) > 60:
        return None
    for pattern in DATE_LINE_PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["year"])
        if parts.get("month"):
            return _iso(year, MONTHS[parts["month"].lower()], int(parts["day"]))
        if parts.get("mnum"):
            return _iso(year, int(parts["mnum"]), int(parts["day"]))
        first, second = int(parts["a"]), int(parts["b"])
        # Dotted dates are day-first across Europe and Asia; slashed ones month-first unless impossible.
        day_first = parts["sep"] == "." or first > 12
        return _iso(year, second, first) if day_first else _iso(year, first, second)
    return None


def looks_like_name(text: str) -> bool:
    """A person's name: two to four capitalised tokens or initials ("M.K. Bhadrakumar")."""
    text = text.strip()
    return 3 <= len(text) <= 60 and bool(NAME.match(text)) and len(text.split()) >= 2 or bool(
        re.match(r"^(?:[A-Z]\.){1,3}\s?[A-Z][a-z'’\-]+$", text)
    )


def split_authors(names: str) -> list[str]:
    """'A, B and C' -> ['A', 'B', 'C'] without roles after a comma or pipe."""
    names = re.split(r"\s*[|•]\s*", names)[0]
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [p.strip(" .") + ("." if p.strip().endswith(".") and len(p.strip(" .")) <= 3 else "") for p in parts if p.strip(" .")]


def dedupe_authors(authors: list[str]) -> list[str]:
    """Drop repeats and fragments of a longer name ("M.K." beside "M.K. Bhadrakumar")."""
    cleaned: list[str] = []
    for name in authors:
        name = re.sub(r"^by\s+", "", name.strip(), flags=re.I).strip()
        if name and name.lower() not in (c.lower() for c in cleaned):
            cleaned.append(name)
    return [n for n in cleaned if not any(o != n and o.lower().startswith(n.lower()) for o in cleaned)]
