"""HTML -> paragraphs and metadata with trafilatura; detente post-processes the paragraphs."""
from __future__ import annotations

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


def _paragraphs(body) -> list[str]:
    out = []
    for element in body:
        if element.tag in ("graphic", "ref"):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            out.append(text)
    return out


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
    if paragraphs and doc.title and paragraphs[0].strip() == doc.title.strip():
        paragraphs = paragraphs[1:]
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlExtraction(
        paragraphs=tuple(paragraphs),
        title=doc.title,
        authors=authors,
        published=doc.date,
        site=doc.sitename,
        url=doc.url or url,
    )
