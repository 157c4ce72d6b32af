"""Quotes: who said what, in their own words — on texts we wrote."""
from __future__ import annotations

import pytest

from conftest import body_article
from detente.model import ParsedArticle
from detente.quotes import direct_spans, find_quotes, is_scare_quote


def quotes(resources, text: str, published: str = "2024-10-17"):
    from detente.kb.resolve import resolve_mentions

    doc = resources.nlp(text)
    return find_quotes(ParsedArticle(body_article(text, published), doc), resolve_mentions(doc, resources.kb, published))


def speakers(found) -> dict[str, str | None]:
    return {q.text[:25]: (q.speaker.name if q.speaker else None) for q in found if q.direct}


def test_quotation_marks_of_every_kind():
    text = 'He said "one two three" and “four five six” then «sept huit neuf».'
    assert [text[s:e] for s, e in direct_spans(text)] == ["one two three", "four five six", "sept huit neuf"]


def test_single_quotation_marks_but_not_apostrophes():
    text = "The minister’s aide said ‘we will not accept this proposal’ and left the talks’ venue."
    assert [text[s:e] for s, e in direct_spans(text)] == ["we will not accept this proposal"]


def test_a_quotation_continues_across_paragraphs():
    text = "“First paragraph of the quote\n\n“Second paragraph ends here,” she said."
    [(start, end)] = direct_spans(text)
    assert text[start:end].startswith("First") and text[start:end].endswith("here,")


def test_scare_quotes_are_not_quotes():
    assert is_scare_quote("working meeting") and is_scare_quote("neutrality")
    assert not is_scare_quote("we will not accept this")


@pytest.mark.model
def test_speaker_from_the_same_sentence(resources):
    found = quotes(resources, "“We will not accept any interference in our affairs,” Ryabkov told reporters.")
    assert list(speakers(found).values()) == ["Sergey Ryabkov"]
    assert found[0].cue == "told"


@pytest.mark.model
def test_block_quotation_after_an_introducing_line(resources):
    text = ("According to the Kremlin transcript, Putin told Pezeshkian,\n\n"
            "“Our relationship with Iran is a priority for us, and it is developing very successfully.”")
    found = quotes(resources, text)
    [quote] = [q for q in found if q.direct]
    assert quote.speaker.name == "Vladimir Putin" and quote.speaker.code == "RUS"


@pytest.mark.model
def test_he_added_chains_to_the_last_speaker(resources):
    text = ("Masoud Pezeshkian said Iran's ties with Moscow were strategic. "
            "He added, “Our positions on global matters are much closer to each other.”")
    [quote] = [q for q in quotes(resources, text) if q.direct]
    assert quote.speaker.name == "Masoud Pezeshkian"


@pytest.mark.model
def test_split_quotation_keeps_its_speaker(resources):
    text = "“We are ready to talk,” the Iranian foreign minister Abbas Araghchi said. “But not under threats.”"
    found = [q for q in quotes(resources, text) if q.direct]
    assert len(found) == 2 and all(q.speaker and q.speaker.code == "IRN" for q in found)


@pytest.mark.model
def test_quoted_as_saying(resources):
    text = ("The newspaper quoted a Russian analyst, Vladimir Frolov, as saying:\n\n"
            "“I think nobody in Washington wants an escalation with Iran now.”")
    [quote] = [q for q in quotes(resources, text) if q.direct]
    assert "Frolov" in quote.speaker.name


@pytest.mark.model
def test_according_to(resources):
    text = "According to Ryabkov, the talks with Washington have reached a dead end."
    [quote] = [q for q in quotes(resources, text) if not q.direct]
    assert quote.speaker.name == "Sergey Ryabkov" and quote.text.startswith("the talks")


@pytest.mark.model
def test_indirect_speech_with_addressee(resources):
    text = "Pezeshkian told Putin that the signing of the treaty should be speeded up."
    [quote] = [q for q in quotes(resources, text) if not q.direct]
    assert quote.speaker.code == "IRN" and quote.addressee is not None and quote.addressee.code == "RUS"
    assert quote.text.startswith("the signing") or quote.text.startswith("that the signing")


@pytest.mark.model
def test_an_introducing_line_wins_over_a_note_after_the_quotation(resources):
    text = ("Deputy Foreign Minister Sergei Ryabkov said:\n\n"
            "“The risk of a large-scale conflict is indeed high. We call on all parties to exercise restraint.”\n\n"
            "(Emphasis added.)")
    [quote] = [q for q in quotes(resources, text) if q.direct]
    assert quote.speaker is not None and quote.speaker.name == "Sergey Ryabkov"


@pytest.mark.model
def test_a_quotation_paragraph_goes_on_with_the_last_speaker(resources):
    text = ("“The investigation has found beyond any doubt that the regime used chemical weapons,” Nikki Haley said.\n\n"
            "“Assad did this because he thought he could get away with it. That changed last night.”")
    found = [q for q in quotes(resources, text) if q.direct]
    assert [q.speaker.name if q.speaker else None for q in found] == ["Nikki Haley", "Nikki Haley"]
    assert found[1].cue == "continues"


@pytest.mark.model
def test_he_is_the_person_the_sentence_before_is_about_not_a_relative_clause_subject(resources):
    text = ("Trump met the king on Monday. Rex Tillerson referenced the threats facing the two countries.\n\n"
            "“We have to defeat ISIS on the battlefield,” he said.\n\n"
            "On Iran, a country that Trump has criticized repeatedly, he said: “We are closely coordinating our efforts.”")
    found = {q.text[:10]: q.speaker.name for q in quotes(resources, text) if q.direct and q.speaker}
    assert found == {"We have to": "Rex Tillerson", "We are clo": "Rex Tillerson"}


@pytest.mark.model
def test_deriding_a_deal_as_something_quotes_the_derider(resources):
    text = "President Donald Trump has repeatedly derided the agreement as “one of the worst deals” ever made."
    [quote] = [q for q in quotes(resources, text, "2017-09-18") if q.direct]
    assert quote.speaker is not None and quote.speaker.name == "Donald Trump"
