"""ingest: enumerate inputs and yield RawDocument (or Failure). Never decides what the text means."""
from __future__ import annotations

import glob
import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import DocumentError
from ..model import Failure, RawDocument
from .warc import iter_warc

MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/plain",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".pdf": "application/pdf",
    ".json": "application/json", ".jsonl": "application/jsonl", ".ndjson": "application/jsonl",
    ".warc": "application/warc", ".gz": "application/warc",
}
SIDECAR_SUFFIX = ".meta.json"
# Files a folder walk skips: documentation beside a corpus is not an article (name them explicitly to ingest them).
NOT_ARTICLES = ("readme", "license", "licence", "notice", "copying", "changelog")
RECORD_FIELDS = ("title", "date", "published", "republished", "url", "source", "site", "authors", "author",
                 "original_source", "language", "encoding")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def media_type_of(path: Path, head: bytes) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "application/warc"
    if head.startswith(b"%PDF"):
        return "application/pdf"
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES and suffix != ".gz":
        return MEDIA_TYPES[suffix]
    sniff = head[:512].lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<body" in sniff:
        return "text/html"
    if suffix in ("", ".log", ".csv") or not suffix:
        return "text/plain"
    return None


def expand(paths: list[str]) -> Iterator[Path | str]:
    """Files under each argument: folders recursively (sorted), globs, '-' for stdin."""
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(arg, recursive=True)) if any(c in arg for c in "*?[") else [arg]
        if not matches:
            yield Path(arg)
        for match in matches:
            path = Path(match)
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if (child.is_file() and not child.name.startswith(".") and not child.name.endswith(SIDECAR_SUFFIX)
                            and not child.name.lower().startswith(NOT_ARTICLES)):
                        yield child
            else:
                yield path


def read_sidecar(path: Path) -> dict:
    """NAME.meta.json beside NAME.ext overrides extracted metadata."""
    for candidate in (path.with_name(path.name.split(".")[0] + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise DocumentError("E011", f"{candidate.name}: {exc}") from exc
            if not isinstance(data, dict):
                raise DocumentError("E011", f"{candidate.name}: not an object")
            return data
    return {}


def record_to_document(record, origin: str) -> RawDocument:
    """One JSON article record -> RawDocument with its metadata."""
    if not isinstance(record, dict):
        raise DocumentError("E006", f"expected an object, got {type(record).__name__}")
    meta = {k: record[k] for k in RECORD_FIELDS if record.get(k) not in (None, "")}
    if isinstance(record.get("html"), str) and record["html"].strip():
        body, media = record["html"], "text/html"
    elif isinstance(record.get("text"), str) and record["text"].strip():
        body, media = record["text"], "text/plain"
    else:
        raise DocumentError("E007", "keys: " + ", ".join(sorted(record)[:8]))
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    meta["content_key"] = hashlib.sha256(canonical).hexdigest()
    return RawDocument(origin, body.encode("utf-8"), media, now(), meta)


def _json_documents(data: bytes, origin: str, lines: bool) -> Iterator[RawDocument | Failure]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Failure(origin, "E003", DocumentError("E003", str(exc)).message, "ingest")
        return
    if not lines:
        try:
            yield record_to_document(json.loads(text), origin)
        except json.JSONDecodeError as exc:
            yield Failure(origin, "E006", DocumentError("E006", str(exc)).message, "ingest")
        except DocumentError as exc:
            yield Failure(origin, exc.code, exc.message, "ingest")
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        line_origin = f"{origin}#L{number}"
        try:
            yield record_to_document(json.loads(line), line_origin)
        except json.JSONDecodeError as exc:
            yield Failure(line_origin, "E006", DocumentError("E006", f"line {number}: {exc}").message, "ingest")
        except DocumentError as exc:
            yield Failure(line_origin, exc.code, exc.message, "ingest")


def read_path(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError("E004", f"{size:,} bytes > {max_bytes:,}")
        with path.open("rb") as handle:
            data = handle.read()
        sidecar = read_sidecar(path)
    except DocumentError as exc:
        yield Failure(origin, exc.code, exc.message, "ingest")
        return
    except OSError as exc:
        yield Failure(origin, "E008", DocumentError("E008", exc.strerror or str(exc)).message, "ingest")
        return
    yield from read_bytes(data, origin, path, sidecar)


def read_bytes(data: bytes, origin: str, path: Path, sidecar: dict | None = None) -> Iterator[RawDocument | Failure]:
    media = media_type_of(path, data[:1024])
    if media is None:
        yield Failure(origin, "E012", DocumentError("E012", path.suffix or "no extension").message, "ingest")
    elif media == "application/warc":
        yield from iter_warc(data, origin)
    elif media in ("application/json", "application/jsonl"):
        for item in _json_documents(data, origin, media == "application/jsonl"):
            if isinstance(item, RawDocument) and sidecar:
                item = RawDocument(item.origin, item.data, item.media_type, item.fetched_at, {**item.meta, **sidecar})
            yield item
    else:
        yield RawDocument(origin, data, media, now(), dict(sidecar or {}))


def iter_documents(paths: list[str], max_bytes: int) -> Iterator[RawDocument | Failure]:
    """Every document under `paths`, in a stable order; unreadable inputs become failures."""
    for item in expand(paths):
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Failure("<stdin>", "E004", DocumentError("E004", f"> {max_bytes:,} bytes").message, "ingest")
            else:
                yield from read_bytes(data, "<stdin>", Path("stdin.txt"))
            continue
        if not item.exists():
            yield Failure(str(item), "E025", DocumentError("E025", str(item)).message, "ingest")
            continue
        yield from read_path(item, max_bytes)
