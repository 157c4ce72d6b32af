"""Cleaning: only the article, in blocks with offsets, metadata from the chrome."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detente.clean import assemble, clean
from detente.clean.meta import parse_date_line
from detente.clean.text import classify, split_paragraphs, strip_markdown
from detente.errors import DocumentError
from detente.model import RawDocument

BODY = (
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a maritime boundary.\n\n"
    "Officials said the two governments agreed to set up a joint commission, which will meet in March.\n\n"
    "Peru's foreign minister told reporters that the talks had been frank and constructive."
)


def _raw(text: str, media: str = "text/plain", **meta) -> RawDocument:
    return RawDocument("test.txt", text.encode("utf-8"), media, "2024-01-01T00:00:00Z", meta)


def test_site_debris_is_removed_and_title_found():
    text = ("world\n\nChile and Peru agree on a boundary commission\n\n" + BODY +
            "\n\nRelated Articles\n\nLeave a Reply\n\nBack to top button\n\nSubscribe now to keep reading and get "
            "access to the full archive.\n\n© 2024 The Andes Times. All rights reserved.")
    article = clean(_raw(text))
    assert article.title == "Chile and Peru agree on a boundary commission"
    assert article.text.startswith("The foreign ministers of Chile and Peru met in Lima")
    assert article.text.endswith("had been frank and constructive.")
    for debris in ("Related Articles", "Leave a Reply", "Back to top", "Subscribe now", "All rights reserved", "world"):
        assert debris not in article.text


def test_broken_sentences_rejoined_and_markdown_stripped():
    text = ("Title of the piece here\n\nThe talks between **Chile** and [Peru](#) in Lima,\n\n"
            "have only deepened the *dispute* over fishing rights off the coast.\n\n" + BODY)
    article = clean(_raw(text))
    assert "in Lima, have only deepened the dispute over fishing rights" in article.text
    assert "**" not in article.text and "](#)" not in article.text


def test_pdf_style_hard_wraps_and_hyphens_are_joined():
    lines = ("The Chilean and Peruvian delegations resumed their negoti-\n"
             "ations in Geneva on Tuesday after a pause of three months, officials\n"
             "said, adding that a draft accord could be ready before the summer.\n"
             "THE ANDES REVIEW - page 1\n"
             "Both sides described the atmosphere as constructive and said that\n"
             "the experts would meet again before the end of the month in Lima.\n")
    paragraphs = split_paragraphs(lines)
    joined = " ".join(paragraphs)
    assert "negotiations in Geneva" in joined
    assert "page 1" not in joined


def test_republished_piece_keeps_original_date_and_source():
    text = ("Site masthead\n\nJane Q. Writer\n\n20.10.2024\n\nJane Q. Writer\n\nA headline about the region\n\n"
            + BODY + "\n\nJane Q. Writer is a former diplomat. Views are personal.\n\n"
            "This article originally appeared on [Regional Review](#).\n\nOctober 17, 2024")
    article = clean(_raw(text))
    assert article.authors == ("Jane Q. Writer",)
    assert article.published == "2024-10-17"
    assert article.republished == "2024-10-20"
    assert article.original_source == "Regional Review"
    kinds = {b.kind for b in article.blocks}
    assert {"bio", "note"} <= kinds
    assert "former diplomat" not in article.text


def test_sidecar_metadata_wins():
    article = clean(_raw(BODY, title="Given title", published="2023-05-02", authors=["A. Person"]))
    assert (article.title, article.published, article.authors) == ("Given title", "2023-05-02", ("A. Person",))


def test_dates_are_never_invented():
    assert clean(_raw(BODY)).published is None


def test_other_script_blocks_are_not_body():
    article = clean(_raw("Заголовок на русском языке для сайта\n\nA headline in English for the page\n\n" + BODY))
    assert "русском" not in article.text
    assert any(b.language == "ru" for b in article.blocks)


def test_empty_and_binary_inputs_raise_document_errors():
    for data, code in ((b"   \n", "E001"), (b"\x00\x01\x02binary\x00" * 20, "E002")):
        try:
            clean(RawDocument("x", data, "text/plain", "now"))
        except DocumentError as exc:
            assert exc.code == code
        else:
            raise AssertionError("no error")


def test_latin1_text_is_decoded():
    article = clean(RawDocument("x.txt", BODY.replace("Peru", "Perú").encode("latin-1"), "text/plain", "now"))
    assert "Perú" in article.text


def test_date_lines():
    assert parse_date_line("October 17, 2024") == "2024-10-17"
    assert parse_date_line("20.10.2024") == "2024-10-20"
    assert parse_date_line("Published: 3 March 2023") == "2023-03-03"
    assert parse_date_line("The talks resumed on October 17, 2024 in Geneva") is None


def test_markdown_words_are_kept():
    assert strip_markdown("By **M.K.** and [Indian Punchline](#) say *hello* \\$4") == "By M.K. and Indian Punchline say hello $4"


paragraph_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph_text, max_size=8))
def test_block_offsets_point_at_their_text(paragraphs):
    extraction = classify(split_paragraphs("\n\n".join(paragraphs)))
    text, blocks = assemble(extraction.paragraphs)
    for block in blocks:
        if block.start is not None:
            assert text[block.start:block.end] == block.text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([
    "Leave a Reply", "A headline for the story", BODY, "Related Articles", "October 17, 2024",
    "The ministers met in Lima,", "continued their talks on Monday.", "By Jane Roe", "Share this article",
]), min_size=1, max_size=10))
def test_cleaning_is_idempotent(parts):
    first = clean(_raw("\n\n".join(parts))) if any(p == BODY for p in parts) else None
    if first is None:
        return
    second = clean(_raw(first.text))
    assert second.text == first.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_cleaning(data):
    try:
        clean(RawDocument("fuzz.txt", data, "text/plain", "now"))
    except DocumentError:
        pass


def test_other_script_lines_inside_the_article_are_blocks_not_debris():
    tweet = "みんなに知っておいて欲しいんだけど、目の前で痴漢してるやつを見つけることがあるんですよ。"
    text = ("Заголовок на русском языке для сайта\n\nA headline in English for the page\n\n" + BODY.replace(
        "\n\nOfficials said", f"\n\nOne commuter posted on social media:\n\n{tweet}\n\nOfficials said"))
    article = clean(_raw(text))
    inner = next(b for b in article.blocks if b.text == tweet)
    edge = next(b for b in article.blocks if b.text.startswith("Заголовок"))
    assert (inner.kind, inner.language, inner.start) == ("body", "ja", None)
    assert edge.kind == "debris"
    assert tweet not in article.text and "One commuter posted on social media:\n\nOfficials said" in article.text
    assert article.language == "en"


def _html(*paragraphs: str) -> RawDocument:
    body = "".join(f"<p>{p}</p>" if not p.startswith("<") else p for p in paragraphs)
    page = (f"<html><head><title>Boundary talks</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Boundary talks</h1>{body}</article><footer>About us</footer></body></html>")
    return RawDocument("page.html", page.encode(), "text/html", "2024-01-01T00:00:00Z", {})


def test_html_salutation_is_kept_and_widget_lines_dropped():
    paragraphs = BODY.split("\n\n")
    article = clean(_html("Dear readers,", *paragraphs[:2], "<h2>The Andes Times Newsletter</h2>",
                          "Sign up to get the best stories of the week.", "2/5", paragraphs[2]))
    assert article.text.startswith("Dear readers,\n\nThe foreign ministers")
    for widget in ("Newsletter", "Sign up", "2/5"):
        assert widget not in article.text


def test_html_lede_before_a_photo_caption_is_body_but_a_dump_keeps_its_standfirst():
    lede, *rest = BODY.split("\n\n")
    caption = "Photo: The ministers in Lima (Reuters)"
    html_article = clean(_html(lede, caption, *rest))
    assert html_article.text.startswith(lede)
    dump = clean(_raw("Chile and Peru agree on a boundary commission\n\n" + "\n\n".join([lede, caption, *rest])))
    assert [b.kind for b in dump.blocks if b.text in (lede, caption)] == ["standfirst", "caption"]


def test_news_extractor_debris_is_set_aside():
    lede, middle, last = BODY.split("\n\n")
    text = "\n\n".join([
        "Chile and Peru agree on a boundary commission",
        lede + " More fromThe Andes Times:",
        "JUST WATCHED Ministers meet in Lima Replay More Videos ... MUST WATCH Ministers meet in Lima 02:21",
        "Peru’s minister Ana Cecilia Gervasi Ana Cecilia GervasiGervasi says talks will go on Peru and Chile "
        "sign accord MORE, the host, opened the talks with a call for calm.",
        "The delegations at the foreign ministry in Lima, Peru, October 14, 2024. REUTERS/Ana Castro",
        "Slideshow (3 Images)",
        middle,
        "Story Continued Below",
        last,
        "___",
        "The Associated Press contributed to this report.",
        "— Jane Roe is a senior fellow at the Institute of Andean Studies and the author of two books on the region.",
    ])
    article = clean(_raw(text))
    assert article.text == "\n\n".join([lede, "Peru’s minister Ana Cecilia Gervasi, the host, opened the talks with a "
                                              "call for calm.", middle, last])
    kinds = {b.text[:12]: b.kind for b in article.blocks}
    assert kinds["The delegati"] == "caption" and kinds["The Associat"] == "note" and kinds["— Jane Roe i"] == "bio"


def test_a_quotation_closed_on_a_comma_goes_on_with_its_attribution():
    text = ("Title of the piece here\n\n" + BODY + "\n\n“Peru will not stand by while its waters are at risk,”\n"
            "a Peruvian diplomat told reporters. “We still prefer a nego-\ntiated solution.”")
    assert ("“Peru will not stand by while its waters are at risk,” a Peruvian diplomat told reporters. "
            "“We still prefer a negotiated solution.”") in clean(_raw(text)).text
