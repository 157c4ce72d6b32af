"""PDF -> text with pypdf; lines repeated on most pages (running heads, footers) removed."""
from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ..errors import DocumentError


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def remove_running_lines(pages: list[str]) -> str:
    """Drop lines whose shape (digits ignored) appears on at least half of the pages."""
    if len(pages) < 2:
        return "\n".join(pages)
    counts = Counter(shape for page in pages for shape in {_shape(line) for line in page.splitlines() if line.strip()})
    threshold = max(2, len(pages) // 2)
    kept = [
        "\n".join(line for line in page.splitlines() if counts[_shape(line)] < threshold or not line.strip())
        for page in pages
    ]
    return "\n".join(kept)


def extract_pdf(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("E005", "encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError) as exc:
        raise DocumentError("E005", f"{type(exc).__name__}: {exc}"[:200]) from exc
    text = remove_running_lines(pages)
    if not text.strip():
        raise DocumentError("E009", "the PDF has no text layer (scanned image?)")
    return text
