"""Plain text and text dumps -> paragraphs with a kind, plus the metadata found in the chrome.

The rules are generic: line length and punctuation, script, English stop words,
position relative to the title and the first and last prose paragraph, and
phrases kept in `data/boilerplate.yaml`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from .lang import detect_language, latin_ratio, script_of
from .meta import BYLINE, dedupe_authors, looks_like_name, parse_date_line, split_authors
from .rules import CleaningRules, load_rules

TERMINAL = tuple('.!?:;"”’)…')
OPEN_QUOTES = ('"', "“", "‘", "'", "«")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*-)?\s*$"
    r"|^.{0,60}[\s|·•–—-]page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]*)\)")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([$*_\[\]()#>`~|])")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙]|[-*+](?=\s))\s*")
_EMAIL_OR_URL = re.compile(r"^\s*(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)\s*$", re.I)
_AUTHOR_BIO = r"^{name}(?:,\s[^.]{{0,80}})?\s(?:is|was|has been|serves as)\s"


@dataclass
class Paragraph:
    text: str
    kind: str = "body"
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    foreign: bool = False  # in another language than the article: a block of its own, never part of `text`


@dataclass(frozen=True)
class TextExtraction:
    """What the text cleaner found: paragraphs and the metadata hidden in the chrome."""

    paragraphs: tuple[Paragraph, ...]
    title: str | None
    authors: tuple[str, ...]
    dates: tuple[str, ...]
    site: str | None
    original_source: str | None


def normalise(text: str) -> str:
    """NFC, Unix newlines, one kind of space, no invisible characters."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("``", "“").replace("''", "”")  # TeX/newswire quotation marks
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def strip_markdown(text: str) -> str:
    """Keep the words of `**bold**`, `*italics*`, `[text](url)`; drop escapes and bullets."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_BOLD.sub(r"\2", text)
    text = _MD_ITALIC.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _BULLET.sub("", text)
    return re.sub(r"\s*\*\*\s*$|^\s*\*\*\s*", "", text).strip()


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Remove page numbers and short header/footer lines repeated with changing numbers."""
    shapes = Counter(re.sub(r"\d+", "#", line.lower()) for line in lines if 0 < len(line) < 90)

    def furniture(line: str) -> bool:
        if _PAGE_NUMBER.match(line):
            return True
        shape = re.sub(r"\d+", "#", line.lower())
        return 0 < len(line) < 90 and "#" in shape and shapes[shape] >= 2 and not parse_date_line(line)

    return [line for line in lines if not furniture(line)]


def _hard_wrapped(lines: list[str]) -> int | None:
    """The wrap width when lines were broken at a fixed width (PDF dumps), else None.

    A title, a byline and a date on three lines are not a wrapped paragraph: it takes several
    lines, most of them near one width of at least 45 characters."""
    lengths = sorted(len(line) for line in lines[:-1] if line)
    if len(lengths) < 3:
        return None
    width = lengths[math.ceil(0.9 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.6 * width)
    return width if 45 <= width <= 130 and near >= 0.6 * len(lengths) else None


_COMMA_IN_QUOTES = re.compile(r"[,;]\s*[”\"’']$")


def ends_sentence(text: str) -> bool:
    """Sentence-final punctuation; a quotation closed on a comma ('... at risk,”') goes on with its attribution."""
    return text.endswith(TERMINAL) and not _COMMA_IN_QUOTES.search(text)


def _hyphen_join(before: str, after: str) -> str | None:
    """'nego-' + 'tiated solution' -> 'negotiated solution'; None when the two do not make one word."""
    if before.endswith("-") and before[-2:-1].isalpha() and after[:1].islower():
        return before[:-1] + after
    return None


def join_lines(lines: list[str]) -> list[str]:
    """Lines of one block -> paragraphs: re-join wrapped lines and hyphenated words."""
    lines = [line for line in lines if line]
    width = _hard_wrapped(lines)
    if width is None:
        return lines
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = _hyphen_join(current, line) or f"{current} {line}".strip()
        if ends_sentence(line) and len(line) < 0.8 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def split_paragraphs(text: str) -> list[str]:
    lines = drop_page_furniture(normalise(text).split("\n"))
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    paragraphs = [strip_markdown(p) for block in blocks for p in join_lines(block) if strip_markdown(p)]
    return rejoin_continuations(paragraphs)


def rejoin_continuations(paragraphs: list[str]) -> list[str]:
    """A paragraph that starts in lower case continues the one before it when that one did not end
    a sentence ("... at Ashgabat, Turkmenistan,\n\nhas only deepened", a headline wrapped in two)."""
    out: list[str] = []
    for para in paragraphs:
        if (out and para[:1].islower() and not _EMAIL_OR_URL.match(para) and not ends_sentence(out[-1])
                and len(out[-1].split()) >= 3 and latin_ratio(out[-1]) > 0.5 and not parse_date_line(out[-1])
                and not BYLINE.match(out[-1])):
            out[-1] = _hyphen_join(out[-1], para) or f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def is_menu(text: str) -> bool:
    """Navigation and share bars: 'Home | World | Business', 'Facebook · X · WhatsApp'."""
    parts = [p.strip() for p in re.split(r"\s[|·•]\s", text)]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def is_prose(text: str) -> bool:
    """Running text: a sentence's worth of words with punctuation, ending like a sentence or too long for a heading."""
    words = text.split()
    return (len(text) >= 40 and len(words) >= 6 and latin_ratio(text) >= 0.7 and any(c in text for c in ".,;:!?")
            and (text.rstrip().endswith(TERMINAL) or len(text) >= 120))


def title_like(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 25
        and len(text) <= 200
        and not text.endswith((".", ",", ";", ":"))
        and latin_ratio(text) >= 0.8
        and text[:1].isupper()
        and not parse_date_line(text)
        and not _EMAIL_OR_URL.match(text)
    )


def _match_group(patterns, text: str, group: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match and match.group(group).strip():
            return match.group(group).strip(" .")
    return None


def _is_caption(text: str, rules: CleaningRules) -> bool:
    low = text.lower()
    return len(text) <= 400 and (low.startswith(rules.caption_starts) or any(p.search(text) for p in rules.caption_credits))


def main_language(paras: list[Paragraph]) -> tuple[str | None, float]:
    """The language most of the text is in, and its share of the text with a known language."""
    sizes: Counter = Counter()
    for para in paras:
        if para.language:
            sizes[para.language] += len(para.text)
    if not sizes:
        return None, 0.0
    language, size = max(sorted(sizes.items()), key=lambda item: item[1])
    return language, size / sum(sizes.values())


def _foreign(language: str | None, main: str | None, share: float) -> bool:
    """A block in another language than the article: another script, or another language of a clear majority."""
    if language in (None, "en"):  # English is what detente reads: never chrome by language alone
        return False
    main = main or "en"
    return language != main and (script_of(language) != script_of(main) or share >= 0.8)


def _mark_chrome(paras: list[Paragraph], rules: CleaningRules) -> dict:
    """First pass: debris, other-language blocks, dates, bylines, site and source lines."""
    found: dict = {"authors": [], "dates": [], "site": None, "original_source": None}
    for para in paras:
        para.language = detect_language(para.text)
    main, share = main_language(paras)
    for para in paras:
        text = para.text
        source = _match_group(rules.original_source_patterns, text, "source")
        site = _match_group(rules.site_patterns, text, "site")
        byline = BYLINE.match(text) if len(text) < 120 else None
        if byline and not [n for n in split_authors(byline.group("names"))[:1] if n[:1].isupper()]:
            byline = None  # "By comparison, Haniyeh ..." is a sentence, not a byline
        if source:
            para.kind = "note"
            found["original_source"] = found["original_source"] or source
        elif site and len(text) < 200:
            para.kind = "debris"
            found["site"] = found["site"] or site
        elif (rules.is_boilerplate(text) or _EMAIL_OR_URL.match(text) or _PAGE_NUMBER.match(text) or is_menu(text)
              or not any(c.isalnum() for c in text)):
            para.kind = "debris"
        elif rules.is_note(text):
            para.kind = "note"
        elif parse_date_line(text):
            para.kind = "debris"
            found["dates"].append(parse_date_line(text))
        elif byline:
            para.kind = "debris"
            found["authors"].extend(split_authors(byline.group("names")))
        elif _foreign(para.language, main, share):
            para.kind = "debris"  # until `_keep_inner_foreign` finds it between two body paragraphs
            para.foreign = True
            para.notes.append(f"language {para.language}")
    return found


def _repeated_names(paras: list[Paragraph]) -> list[str]:
    """Short name-like lines seen twice or more, or also opening a bio: author names."""
    names = Counter(p.text for p in paras if p.kind == "body" and looks_like_name(p.text))
    return [name for name, count in names.items() if count >= 2 or
            any(p.text.startswith(name + " ") for p in paras if len(p.text) > len(name) + 20)]


def classify(paragraphs: list[str], rules: CleaningRules | None = None, *, trusted_edges: bool = False,
             known_title: str | None = None) -> TextExtraction:
    """Give every paragraph a kind and collect title, authors, dates, site, original source.

    `trusted_edges`: the paragraphs were already cut to the article (an HTML extractor did it), so short
    paragraphs before the first or after the last prose paragraph are article text, not site chrome;
    only a repeat of `known_title` and a kicker of three words or fewer above the headline are set aside.
    """
    rules = rules or load_rules()
    paras = [Paragraph(text) for text in map(rules.strip_inline, paragraphs) if text]
    found = _mark_chrome(paras, rules)
    names = _repeated_names(paras)
    authors = dedupe_authors(found["authors"] + names)
    for para in paras:
        if para.kind == "body" and para.text in names:
            para.kind = "debris"
        elif para.kind == "body" and (
            any(phrase in para.text.lower() for phrase in rules.bio_contains)
            or any(re.match(_AUTHOR_BIO.format(name=re.escape(a)), para.text) for a in authors)
        ):
            para.kind = "bio"
    for i in _closing_bios(paras, rules):
        paras[i].kind = "bio"
    candidates = [i for i, p in enumerate(paras) if p.kind == "body"]
    prose = [i for i in candidates if is_prose(paras[i].text)]
    title = None
    if prose:
        first, last = prose[0], prose[-1]
        header = [i for i in candidates if i < first]
        if trusted_edges:
            for i in header:
                text = paras[i].text
                if known_title and title_like(text) and text.lower() in known_title.lower():
                    title = title or text
                    paras[i].kind = "title"
                elif len(text.split()) <= 3 and not text.endswith((*TERMINAL, ",")):
                    paras[i].kind = "debris"
        else:
            titles = [i for i in header if title_like(paras[i].text)]
            if titles:
                title = paras[titles[-1]].text
                paras[titles[-1]].kind = "title"
            for i in candidates:
                if i < first or i > last:
                    if paras[i].kind == "body":
                        paras[i].kind = "debris"
        _mark_front_matter(paras, first, last, authors, rules, trusted_edges=trusted_edges)
    else:
        for i in candidates:
            if not paras[i].text.strip():
                paras[i].kind = "debris"
    _mark_quote_blocks(paras)
    _keep_inner_foreign(paras)
    merged = merge_broken(paras)
    return TextExtraction(
        paragraphs=tuple(merged),
        title=title,
        authors=tuple(authors),
        dates=tuple(found["dates"]),
        site=found["site"],
        original_source=found["original_source"],
    )


def _closing_bios(paras: list[Paragraph], rules: CleaningRules) -> list[int]:
    """'— Jane Doe is a senior fellow at ...': a bio when it opens with a dash or is among the last two prose
    paragraphs; elsewhere the same words introduce a source in the story."""
    prose = [i for i, p in enumerate(paras) if p.kind == "body" and is_prose(p.text)]
    return [i for i in prose if (i in prose[-2:] or paras[i].text.startswith(("—", "–", "- ")))
            and any(pattern.match(paras[i].text) for pattern in rules.bio_patterns)]


def _mark_front_matter(paras: list[Paragraph], first: int, last: int, authors: list[str],
                       rules: CleaningRules, *, trusted_edges: bool = False) -> None:
    """Captions anywhere in the body zone; a standfirst right after the title.

    A first paragraph that names the author is a standfirst. One followed by a photo caption is one too in a
    text dump, where the page's header was pasted with the article; in paragraphs an HTML extractor already
    cut to the article body (`trusted_edges`) it is the lede, with the lead photo after it.
    """
    for i in range(first, last + 1):
        if paras[i].kind == "body" and _is_caption(paras[i].text, rules):
            paras[i].kind = "caption"
    body = [i for i in range(first, last + 1) if paras[i].kind == "body"]
    if not body:
        return
    lead = body[0]
    after = next((p for p in paras[lead + 1:] if p.kind not in ("debris",)), None)
    by_author = any(paras[lead].text.startswith(a) for a in authors)
    before_caption = not trusted_edges and after is not None and after.kind == "caption"
    if (by_author or before_caption) and len(paras[lead].text) <= 400 and len(body) > 1:
        paras[lead].kind = "standfirst"


def _keep_inner_foreign(paras: list[Paragraph]) -> None:
    """Lines in another language *inside* the article (a quoted tweet, lyrics beside their translation) are
    article blocks, not chrome; only those around it are debris. They stay out of the English `text`."""
    body = [i for i, p in enumerate(paras) if p.kind in ("body", "quote") and not p.foreign]
    if not body:
        return
    for para in paras[body[0]:body[-1]]:
        if para.foreign and para.kind == "debris":
            para.kind = "body"


def _mark_quote_blocks(paras: list[Paragraph]) -> None:
    """A paragraph wholly in quotation marks after a line ending in ':' or ',' is a block quote."""
    previous = None
    for para in paras:
        if para.kind != "body":
            continue
        if (previous is not None and previous.text.endswith((":", ","))
                and para.text.startswith(OPEN_QUOTES)):
            para.kind = "quote"
        previous = para


def merge_broken(paras: list[Paragraph]) -> list[Paragraph]:
    """Re-join body sentences that extraction broke across paragraphs ("Turkmenistan,\\n\\nhas only")."""
    out: list[Paragraph] = []
    for para in paras:
        prev = next((p for p in reversed(out) if p.kind in ("body", "quote") and not p.foreign), None)
        joinable = (
            para.kind in ("body", "quote")
            and prev is not None
            and not (para.foreign or prev.foreign)
            and prev is next((p for p in reversed(out) if p.kind not in ("debris", "caption") or p.foreign), None)
            and not ends_sentence(prev.text)
            and not para.text.startswith(OPEN_QUOTES[:3])
            and (para.text[:1].islower() or len(prev.text) >= 60)
        )
        if joinable:
            out[out.index(prev)] = replace(prev, text=f"{prev.text} {para.text}")
        else:
            out.append(para)
    return out
