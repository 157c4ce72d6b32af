"""Ingest: every input format users bring becomes RawDocuments (or failures), in a stable order."""
from __future__ import annotations

import gzip
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.clean import clean
from detente.ingest import iter_documents
from detente.model import Failure, RawDocument
from pdfmaker import make_pdf

TEXT = ("Chile and Peru signed a fisheries agreement in Lima on Monday, officials said. "
        "The Chilean foreign minister said the accord would protect fishing communities.")


def _docs(*paths, max_bytes=10**7):
    return list(iter_documents([str(p) for p in paths], max_bytes))


def test_folders_are_read_recursively_in_order_and_sidecars_apply(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(TEXT)
    (tmp_path / "one.txt").write_text(TEXT + " One.")
    (tmp_path / "one.meta.json").write_text(json.dumps({"title": "From the sidecar", "published": "2024-02-03"}))
    docs = _docs(tmp_path)
    assert [d.origin.rsplit("/", 1)[-1] for d in docs] == ["two.txt", "one.txt"]
    assert docs[1].meta["title"] == "From the sidecar"
    assert clean(docs[1]).published == "2024-02-03"


def test_json_and_jsonl_records(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"html": f"<p>{TEXT}</p>", "title": "T", "date": "2024-01-02"}))
    (tmp_path / "many.jsonl").write_text("\n".join([json.dumps({"text": TEXT, "source": "Wire A"}),
                                                    json.dumps({"text": TEXT, "source": "Wire B"})]))
    docs = _docs(tmp_path / "one.json", tmp_path / "many.jsonl")
    assert [d.media_type for d in docs] == ["text/html", "text/plain", "text/plain"]
    assert docs[1].origin.endswith("many.jsonl#L1") and docs[2].origin.endswith("#L2")
    assert docs[1].meta["content_key"] != docs[2].meta["content_key"], "syndicated copies are separate articles"


def test_globs_and_missing_paths(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.html").write_text(f"<p>{TEXT}</p>")
    docs = _docs(tmp_path / "*.txt", tmp_path / "nothing-*.txt")
    assert len(docs) == 2 and isinstance(docs[1], Failure) and docs[1].code == "E025"


def test_warc_html_records(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(2):
        html = f"<html><body><article><h1>Title {n}</h1>" + f"<p>{TEXT} Paragraph.</p>" * 5 + "</article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    docs = _docs(tmp_path / "crawl.warc.gz")
    assert [d.origin for d in docs] == ["https://example.org/0", "https://example.org/1"]
    assert "fisheries agreement" in clean(docs[0]).text


def test_truncated_warc_is_a_failure_after_the_good_records(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/a", "response",
                                                  payload=io.BytesIO(b"<p>x</p>" * 50), http_headers=headers))
    data = buffer.getvalue()
    (tmp_path / "cut.warc").write_bytes(data + data[: len(data) // 2])
    docs = _docs(tmp_path / "cut.warc")
    assert isinstance(docs[0], RawDocument)
    assert isinstance(docs[-1], Failure) and docs[-1].code == "E010"


def test_pdf_text_without_running_heads(tmp_path):
    pages = [["THE ANDES REVIEW", "Chile and Peru signed a fisheries agreement in Lima on", "Monday, officials said.", "1"],
             ["THE ANDES REVIEW", "The Chilean foreign minister said the accord would protect", "fishing communities.", "2"]]
    (tmp_path / "a.pdf").write_bytes(make_pdf(pages))
    article = clean(_docs(tmp_path / "a.pdf")[0])
    assert "THE ANDES REVIEW" not in article.text
    assert "agreement in Lima on Monday, officials said." in article.text


def test_size_cap_is_checked_before_reading(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    [failure] = _docs(tmp_path / "big.txt", max_bytes=1000)
    assert failure.code == "E004" and "max_bytes" in failure.message.lower().replace("`", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.binary(max_size=80).map(lambda b: b.decode("latin-1"))), max_size=6))
def test_malformed_jsonl_never_raises(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "x.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    for item in _docs(path):
        assert isinstance(item, (RawDocument, Failure))


def test_gzip_that_is_not_warc_is_a_failure(tmp_path):
    (tmp_path / "x.warc.gz").write_bytes(gzip.compress(b"not a warc at all"))
    [item] = _docs(tmp_path / "x.warc.gz")
    assert isinstance(item, Failure) and item.code == "E010"
