"""Bad input never stops a batch: every bad file is a recorded failure, the good ones are stored."""
from __future__ import annotations

import io
import json

import duckdb
import pytest
from pypdf import PdfWriter

from conftest import run_detente

GOOD_TEXT = (
    "Chile and Peru sign fisheries accord\n\n"
    "Chile and Peru signed a fisheries agreement in Lima on Monday, officials said.\n\n"
    "The Chilean foreign minister said the accord would protect fishing communities on both sides."
)
GOOD_HTML = (
    "<html><head><title>Kenya and Uganda talks</title></head><body><nav><a href='/'>Home</a></nav><article>"
    "<h1>Kenya and Uganda hold border talks</h1>"
    + "".join(f"<p>Kenya and Uganda held talks in Nairobi on Tuesday about the disputed island, paragraph {i}, "
              "and both delegations said the meeting had been useful for the region.</p>" for i in range(4))
    + "</article><footer>Copyright 2024</footer></body></html>"
)


def _encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture()
def hostile_folder(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good-one.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good-two.html").write_text(GOOD_HTML, encoding="utf-8")
    bad = {
        "empty.txt": (b"", "E001"),
        "junk.txt": (bytes(range(256)) * 40, "E002"),
        "huge.txt": (b"Large article text. " * 10_000, "E004"),
        "truncated.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj <<", "E005"),
        "encrypted.pdf": (_encrypted_pdf(), "E005"),
        "broken.json": (b'{"title": "unterminated", "text": "abc', "E006"),
        "no-text.json": (json.dumps({"title": "only a title"}).encode(), "E007"),
        "only-chrome.html": (b"<html><body><script>alert(1)</script><nav><a href='/'>Home</a></nav></body></html>", "E009"),
        "image.bin": (b"\x89PNG\r\n\x1a\n" + bytes(200), "E012"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    lines = [json.dumps({"title": "ok", "text": GOOD_TEXT.replace("Chile", "Bolivia")}), "{not json", ""]
    (folder / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    expected = {name: code for name, (_, code) in bad.items()}
    expected["batch.jsonl#L2"] = "E006"
    return folder, expected


@pytest.mark.model
def test_hostile_folder_records_every_failure_and_keeps_good_articles(hostile_folder, tmp_path):
    folder, expected = hostile_folder
    db = tmp_path / "h.duckdb"
    missing = str(tmp_path / "does-not-exist.txt")
    result = run_detente("ingest", str(folder), missing, "--db", str(db), "--max-bytes", "100000", "--no-progress")
    assert result.returncode == 1, result.stderr.decode()
    con = duckdb.connect(str(db), read_only=True)
    origins = {row[0].rsplit("/", 1)[-1] for row in con.execute("SELECT origin FROM articles").fetchall()}
    assert origins == {"good-one.txt", "good-two.html", "batch.jsonl#L1"}
    failures = {row[0].rsplit("/", 1)[-1]: row[1] for row in con.execute("SELECT origin, code FROM failures").fetchall()}
    expected["does-not-exist.txt"] = "E025"
    assert failures == expected
    messages = [row[0] for row in con.execute("SELECT message FROM failures").fetchall()]
    assert all(m.startswith("[E0") and len(m) > 30 for m in messages)
    con.close()

    listed = run_detente("failures", "--db", str(db), "--json")
    assert listed.returncode == 0
    assert len(listed.stdout.decode().strip().splitlines()) == len(expected)

    again = run_detente("ingest", str(folder / "good-one.txt"), "--db", str(db), "--no-progress", "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["already_stored"] == 1
