"""HTML -> paragraphs and metadata with trafilatura; detente post-processes the paragraphs."""
from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from ..errors import DocumentError


@dataclass(frozen=True)
class HtmlExtraction:
    paragraphs: tuple[str, ...]
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    site: str | None
    url: str | None


def _flat_text(element) -> str:
    """An element's words: <lb/> is a space, images add nothing, text between children is kept."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            parts.append(" ")
        elif node.tag != "graphic":
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not element:
            parts.append(node.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


def _paragraphs(body) -> list[str]:
    """One paragraph per block element, per list item, and per run of loose text between blocks."""
    out: list[str] = []
    for element in body:
        if element.tag == "list":
            out.extend(_flat_text(item) for item in element if item.tag == "item")
        elif element.tag not in ("graphic", "ref"):
            out.append(_flat_text(element))
        out.append(" ".join((element.tail or "").split()))  # trafilatura keeps loose text as tails
    return [text for text in out if text]


_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def strip_site_from_title(title: str | None, site: str | None, url: str | None) -> str | None:
    """'Headline - Site Name' -> 'Headline' when a segment is the site's name or its domain."""
    if not title:
        return title
    segments = _TITLE_SEP.split(title)
    if len(segments) < 2:
        return title
    host = re.match(r"https?://(?:www\d?\.)?([^/:]+)", url or "")
    host_key = _key(host.group(1).rsplit(".", 1)[0]) if host else ""
    site_key = _key(site or "")

    def is_site(segment: str) -> bool:
        key = _key(segment)
        if len(key) < 3:
            return False
        return bool(site_key and (key == site_key or site_key in key or key in site_key)
                    or host_key and (key in host_key or host_key in key))

    while len(segments) > 1 and is_site(segments[-1]):
        segments.pop()
    while len(segments) > 1 and is_site(segments[0]):
        segments.pop(0)
    start, end = title.find(segments[0]), title.rfind(segments[-1]) + len(segments[-1])
    return title[start:end].strip() or title


def clean_authors(value: str | None) -> tuple[str, ...]:
    """trafilatura's 'A; B' -> names, without spelling variants ('Sophie-Foster') or URL fragments."""
    names: list[str] = []
    seen: set[str] = set()
    for name in (value or "").split(";"):
        name = name.strip()
        key = _key(name)
        if key and key not in seen and not re.search(r"\bhttps?\b|^www\b", name, re.I):
            seen.add(key)
            names.append(name)
    return tuple(names)


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Main text with trafilatura (comments, tables, menus and forms never reach the body)."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on hostile markup
        raise DocumentError("E009", f"HTML extraction failed: {type(exc).__name__}") from exc
    if doc is None or doc.body is None:
        raise DocumentError("E009", "no main text found in the HTML")
    paragraphs = _paragraphs(doc.body)
    title = strip_site_from_title(doc.title, doc.sitename, doc.url or url)
    if paragraphs and paragraphs[0].strip() in {t.strip() for t in (doc.title, title) if t}:
        paragraphs = paragraphs[1:]
    authors = clean_authors(doc.author)
    return HtmlExtraction(
        paragraphs=tuple(paragraphs),
        title=title,
        authors=authors,
        published=doc.date,
        site=doc.sitename,
        url=doc.url or url,
    )
