"""WARC archives: each HTML response record becomes a RawDocument with its target URI as origin."""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import DocumentError
from ..model import Failure, RawDocument


def iter_warc(data: bytes, origin: str) -> Iterator[RawDocument | Failure]:
    count = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{origin}#{count}"
            fetched = record.rec_headers.get_header("WARC-Date") or datetime.now(UTC).isoformat()
            body = record.content_stream().read()
            if not body:
                yield Failure(uri, "E010", DocumentError("E010", "record with an empty or truncated body").message,
                              "ingest")
                continue
            count += 1
            yield RawDocument(uri, body, "text/html", fetched, {"url": uri, "warc": origin})
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield Failure(origin, "E010", DocumentError("E010", f"after {count} records: {exc}"[:200]).message, "ingest")
        return
    if count == 0:
        yield Failure(origin, "E010", DocumentError("E010", "no HTML response records in it").message, "ingest")
