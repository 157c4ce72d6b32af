"""Language per block: script first, English by its function words, the shipped model for the rest."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.clean.lang import detect_language, script_of

# One sentence each, written for detente: the kind of line that sits around or inside an English article.
SENTENCES = {
    "es": "El gobierno anunció ayer que las elecciones regionales se celebrarán en la primavera del próximo año.",
    "pt": "O ministro afirmou que o governo não vai aumentar os impostos antes das eleições municipais.",
    "fr": "Le président a déclaré que les négociations avec les syndicats reprendraient la semaine prochaine.",
    "de": "Die Regierung hat am Dienstag angekündigt, dass die neuen Regeln ab dem kommenden Jahr gelten sollen.",
    "it": "Il sindaco ha detto che i lavori sulla strada principale saranno completati entro la fine del mese.",
    "nl": "De minister zei dat het kabinet volgende week een besluit neemt over de nieuwe begroting.",
    "id": "Pemerintah mengatakan bahwa harga bahan bakar tidak akan naik sampai akhir tahun ini.",
    "pl": "Rząd poinformował, że nowe przepisy wejdą w życie od początku przyszłego roku kalendarzowego.",
    "tr": "Bakan, yeni yasanın önümüzdeki ay mecliste görüşüleceğini ve kabul edileceğini söyledi.",
    "ru": "Министр заявил, что переговоры с соседними странами продолжатся в следующем месяце.",
    "uk": "Міністр заявив, що переговори з сусідніми країнами триватимуть і наступного місяця.",
    "ar": "قال الوزير إن المفاوضات مع الدول المجاورة ستستمر في الشهر المقبل في العاصمة.",
    "fa": "وزیر گفت که گفتگوها با کشورهای همسایه در ماه آینده در پایتخت ادامه خواهد یافت.",
    "zh": "部长表示，与邻国的谈判将在下个月于首都继续进行，双方都希望达成协议。",
    "ja": "大臣は、近隣諸国との交渉が来月も首都で続けられると述べた。",
    "ko": "장관은 이웃 나라들과의 협상이 다음 달에도 수도에서 계속될 것이라고 말했다.",
    "he": "השר אמר כי המשא ומתן עם המדינות השכנות יימשך בחודש הבא בבירה.",
    "hi": "मंत्री ने कहा कि पड़ोसी देशों के साथ बातचीत अगले महीने राजधानी में जारी रहेगी।",
    "el": "Ο υπουργός δήλωσε ότι οι διαπραγματεύσεις με τις γειτονικές χώρες θα συνεχιστούν τον επόμενο μήνα.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_language_is_told(language):
    assert detect_language(SENTENCES[language]) == language


def test_english_full_of_names_stays_english():
    for text in ("Erdogan, Putin, Pezeshkian and Xi Jinping met in Ashgabat on Friday.",
                 "Zelensky said: “Ukraine will not give up Donbas.”",
                 "Kim Jong Un inspected the Hwasong-19 launch at Pyongyang Sunan airport with Choe Son Hui."):
        assert detect_language(text) == "en"


def test_too_short_to_tell():
    assert detect_language("Repeat Chorus") is None
    assert detect_language("Kyiv Independent") is None
    assert detect_language("%50 голосов") == "ru"  # a script alone names its first language


def test_scripts_of_languages():
    assert script_of("uk") == script_of("ru") == "CYRILLIC"
    assert script_of("ja") == script_of("zh") == "CJK"
    assert script_of("fa") == "ARABIC"
    assert script_of("de") == script_of("en") == "latin"
    assert script_of(None) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_code_or_none(text):
    result = detect_language(text)
    assert result is None or (isinstance(result, str) and 2 <= len(result) <= 3)
