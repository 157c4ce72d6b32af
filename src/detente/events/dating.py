"""Temporal expressions resolved against the article's original publication date.

"last Friday", "on Sunday", "last month", "in 2018", "on Oct. 22-24", "Jan. 3, 2020".
Without an anchor date, relative and year-less expressions stay unresolved: dates are never guessed.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..clean.meta import MONTHS
from ..model import TimeExpression

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
PATTERNS = (
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?,?\s+" + _YEAR + r"\b", re.I)),
    ("dmy", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("iso", re.compile(r"\b" + _YEAR + r"-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
    ("md", re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\b(?!\s*,?\s*\d{4})", re.I)),
    ("dm", re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"\b(?!,?\s*\d{4})", re.I)),
    ("my", re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("rel_weekday", re.compile(r"\b(?P<mod>last|next|this|on|past|coming)?\s*"
                               r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
    ("rel_unit", re.compile(r"\b(?P<mod>last|next|this|earlier this|later this|past|previous|coming)\s+"
                            r"(?P<unit>week|month|year)\b", re.I)),
    ("rel_day", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    ("weekend", re.compile(r"\b(?P<mod>over the|at the|during the|this|last|past|the|next|coming)\s+weekend\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|until|by|of|from|during|early|late|mid-?)\s+" + _YEAR + r"\b(?!\s*[-–]\s*\d)", re.I)),
)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """A year-less date takes the anchor's year, or the previous one when that is over six months ahead."""
    candidate = _safe(anchor.year, month, day)
    if candidate and (candidate - anchor).days > 183:
        candidate = _safe(anchor.year - 1, month, day)
    return candidate


def resolve(kind: str, m: re.Match, anchor: date | None) -> tuple[str | None, str | None]:
    g = m.groupdict()
    if kind in ("mdy", "dmy", "iso"):
        month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["month"].lower()]
        d = _safe(int(g["year"]), month, int(g["day"]))
        return (d.isoformat(), "day") if d else (None, None)
    if kind == "my":
        return f"{int(g['year']):04d}-{MONTHS[g['month'].lower()]:02d}", "month"
    if kind == "year":
        return g["year"], "year"
    if anchor is None:
        return None, None
    if kind in ("md", "dm"):
        d = _nearest_year(MONTHS[g["month"].lower()], int(g["day"]), anchor)
        return (d.isoformat(), "day") if d else (None, None)
    if kind == "rel_day":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
        return (anchor + timedelta(days=shift)).isoformat(), "day"
    if kind == "rel_weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        mod = (g.get("mod") or "").lower()
        if mod in ("next", "coming"):
            delta = (target - anchor.weekday()) % 7 or 7
            return (anchor + timedelta(days=delta)).isoformat(), "day"
        delta = (anchor.weekday() - target) % 7
        if mod in ("last", "past") and delta == 0:
            delta = 7
        return (anchor - timedelta(days=delta)).isoformat(), "day"
    if kind == "weekend":  # the weekend's Saturday: the last one, or the next after "next"/"coming"
        saturday = WEEKDAYS["saturday"]
        if g["mod"].lower() in ("next", "coming"):
            return (anchor + timedelta(days=(saturday - anchor.weekday()) % 7 or 7)).isoformat(), "weekend"
        return (anchor - timedelta(days=(anchor.weekday() - saturday) % 7)).isoformat(), "weekend"
    if kind == "rel_unit":
        mod, unit = g["mod"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(mod, 0)
        if unit == "year":
            return str(anchor.year + step), "year"
        if unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 + step
            return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return monday.isoformat(), "week"
    return None, None


def find_times(text: str, offset: int, anchor: date | None, sentence: int) -> list[TimeExpression]:
    """Temporal expressions in one sentence (`offset` = sentence start in the article text)."""
    found: list[TimeExpression] = []
    taken: list[range] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() in r or (m.end() - 1) in r for r in taken):
                continue
            if "month" in m.groupdict() and not month_is_capitalised(m):
                continue
            value, precision = resolve(kind, m, anchor)
            taken.append(range(m.start(), m.end()))
            found.append(TimeExpression(offset + m.start(), offset + m.end(), m.group(0).strip(), value, precision, sentence))
    return sorted(found, key=lambda t: t.start)


ATTRIBUTION_REACH = 100  # characters after a quotation where its attribution ("Netanyahu said on Sunday") lies


def reanchor_quoted(times: list[TimeExpression], quotations: list[tuple[int, int]]) -> list[TimeExpression]:
    """'“Yesterday I spoke with Trump,” Netanyahu said on Sunday': a time inside a quotation counts from the day
    it was said when the attribution names that day, not from the day the article was published."""
    out = list(times)
    for start, end in quotations:
        said = next((t for t in times if end <= t.start <= end + ATTRIBUTION_REACH and t.precision == "day"), None)
        if said is None:
            continue
        day = parse_anchor(said.value)
        for i, t in enumerate(out):
            if start <= t.start < end:
                again = find_times(t.text, t.start, day, t.sentence)
                out[i] = again[0] if again else t
    return out


def month_is_capitalised(m: re.Match) -> bool:
    """'May' and 'march' are months only when capitalised ("in May 2024", not "may have")."""
    word = m.group("month")
    return word[0].isupper()


def parse_anchor(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def occasion_dates(doc, times: list[TimeExpression], is_event_noun) -> dict[str, TimeExpression]:
    """Event nouns that a time expression dates directly ("such a meeting last Friday") -> that time."""
    found: dict[str, TimeExpression] = {}
    for t in times:
        if not t.value:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        governor = span.root.head
        if governor.dep_ == "prep" or span.root.dep_ == "pobj":
            governor = governor.head
        if governor.pos_ == "NOUN" and is_event_noun(governor):
            found.setdefault(governor.lemma_.lower(), t)
    return found
