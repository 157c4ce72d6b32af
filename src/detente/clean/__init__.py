"""clean: RawDocument -> Article. Only the article, with who wrote it, when, and where it first appeared."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace

from ..errors import DocumentError
from ..model import TEXT_BLOCK_KINDS, Article, Block, RawDocument
from .decode import decode_text
from .html import extract_html
from .meta import dedupe_authors, parse_date_line, split_authors
from .pdf import extract_pdf
from .text import Paragraph, TextExtraction, classify, split_paragraphs, strip_markdown

__all__ = ["clean", "content_hash", "assemble"]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assemble(paragraphs: Iterable[Paragraph]) -> tuple[str, tuple[Block, ...]]:
    """Join body and quote blocks in the article's language into `text`, recording each block's offsets in it."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for para in paragraphs:
        if para.kind in TEXT_BLOCK_KINDS and not para.foreign:
            if parts:
                offset += 2
            start = offset
            parts.append(para.text)
            offset += len(para.text)
            blocks.append(Block(para.kind, para.text, para.language, start, offset))
        else:
            blocks.append(Block(para.kind, para.text, para.language))
    return "\n\n".join(parts), tuple(blocks)


def _iso_date(value) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10]
    return parse_date_line(text) or (text if text.isdigit() and len(text) == 4 else None)


def _authors(value) -> tuple[str, ...]:
    if value is None:
        return ()
    names = value if isinstance(value, list) else split_authors(str(value))
    return tuple(dedupe_authors([str(n) for n in names]))


def _dates(meta: dict, found: Iterable[str | None]) -> tuple[str | None, str | None]:
    """(published, republished): an explicit value wins; of two found dates the earlier is the original."""
    published = _iso_date(meta.get("published") or meta.get("date"))
    republished = _iso_date(meta.get("republished"))
    dates = sorted({d for d in found if d})
    if published is None and dates:
        published = dates[0]
    if republished is None and len(dates) > 1 and dates[-1] != published:
        republished = dates[-1]
    return published, republished


def _same_name(a: str | None, b: str | None) -> bool:
    key = lambda text: re.sub(r"[\W_]+", "", (text or "").casefold())  # noqa: E731
    return bool(key(a)) and key(a) == key(b)


def _extract(raw: RawDocument) -> tuple[TextExtraction, dict]:
    """Paragraph classification plus what the format itself says about metadata."""
    meta_found: dict = {}
    if raw.media_type == "application/pdf":
        text = extract_pdf(raw.data)
        return classify(split_paragraphs(text)), meta_found
    text, _ = decode_text(raw.data, raw.meta.get("encoding"))
    if raw.media_type == "text/html":
        html = extract_html(text, raw.meta.get("url"))
        paragraphs = [strip_markdown(p) for p in html.paragraphs]
        extraction = classify([p for p in paragraphs if p], trusted_edges=True, known_title=html.title)
        authors = list(html.authors)
        if authors and extraction.authors and all(_same_name(a, html.site) for a in authors):
            authors = []  # the page names the site as author; the byline in the text names people
        meta_found = {"title": html.title, "authors": authors or None,
                      "published": html.published, "site": html.site, "url": html.url}
        return extraction, meta_found
    return classify(split_paragraphs(text)), meta_found


def clean(raw: RawDocument) -> Article:
    """Turn one raw document into an Article or raise DocumentError with a stable code."""
    extraction, from_format = _extract(raw)
    meta = {**{k: v for k, v in from_format.items() if v}, **{k: v for k, v in raw.meta.items() if v not in (None, "")}}
    digest = raw.meta.get("content_key") or content_hash(raw.data)
    text, blocks = assemble(extraction.paragraphs)
    if not text.strip():  # only a dek or a caption survived: that is all the page says, keep it as text
        promoted = [replace(p, kind="body") if p.kind in ("standfirst", "caption") else p for p in extraction.paragraphs]
        text, blocks = assemble(promoted)
    if not text.strip():
        raise DocumentError("E009", f"{len(blocks)} blocks, none of them article text")
    published, republished = _dates(meta, [from_format.get("published"), *extraction.dates])
    languages = [b.language for b in blocks if b.start is not None and b.language]
    language = meta.get("language") or (max(set(languages), key=languages.count) if languages else None)
    return Article(
        article_id=digest[:16],
        origin=raw.origin,
        title=meta.get("title") or extraction.title,
        authors=_authors(meta.get("authors") or meta.get("author")) or tuple(extraction.authors),
        published=published,
        republished=republished,
        site=meta.get("source") or meta.get("site") or extraction.site,
        original_source=meta.get("original_source") or extraction.original_source,
        language=language,
        text=text,
        blocks=blocks,
        url=meta.get("url"),
        media_type=raw.media_type,
        content_hash=digest,
    )
