import pytest

from digest.ingest.detect import article_language, detect_language, is_traditional, language_name, to_simplified
from digest.ingest.extract import PARAGRAPH, Block


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The invented province published a plan for robotics and artificial intelligence.", "en"),
        ("虚构的省份发布了机器人和人工智能产业发展计划。", "zh"),
        ("虚构省发布AI和5G产业计划，推动高质量发展。", "zh"),
        ("Situs judi online terpercaya dengan bandar togel resmi dan pasaran terlengkap hari ini", "id"),
        ("Die erfundene Provinz veröffentlichte einen Plan für die Industrie.", "de"),
        ("12345 !!! ...", None),
    ],
)
def test_language(text, expected, kit):
    assert detect_language(text, kit.detector) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # kanji and kana: Japanese, not Chinese
        ("架空の県は、ロボット産業と人工知能の発展に向けた計画を発表しました。", "ja"),
        ("가상의 도는 로봇 산업과 인공지능 발전을 위한 계획을 발표했다.", "ko"),
        ("La provincia inventata ha pubblicato un piano per lo sviluppo dell'industria robotica e dell'intelligenza artificiale.", "it"),
        ("A província inventada publicou um plano para o desenvolvimento da indústria de robótica e da inteligência artificial.", "pt"),
        ("La provincia inventada publicó un plan para el desarrollo de la industria robótica y de la inteligencia artificial.", "es"),
        ("Вымышленная провинция опубликовала план развития робототехники и искусственного интеллекта.", "ru"),
        ("نشرت المقاطعة الخيالية خطة لتطوير صناعة الروبوتات والذكاء الاصطناعي.", "ar"),
        ("Hayali il, robot endüstrisi ve yapay zekânın geliştirilmesi için bir plan yayımladı.", "tr"),
        ("Wilayah rekaan itu telah menerbitkan pelan untuk membangunkan industri robotik dan kecerdasan buatan, kata pegawai kerajaan negeri.", "ms"),
        ("काल्पनिक प्रांत ने रोबोटिक्स और कृत्रिम बुद्धिमत्ता के विकास के लिए एक योजना प्रकाशित की।", "hi"),
    ],
)
def test_other_languages_are_named(text, expected, kit):
    assert detect_language(text, kit.detector) == expected


def test_english_quoting_foreign_words_stays_english(kit):
    text = ("Planners called the invented harbour's dolce vita, its Gemütlichkeit and the joie de vivre of its "
            "cafés an asset. The county's motto, per aspera ad astra, is printed on every fictional robot.")
    assert detect_language(text, kit.detector) == "en"


def test_chinese_quoting_a_japanese_brand_stays_chinese(kit):
    assert detect_language("虚构的省份发布了机器人产业发展计划，虚构企业（ロボ）也参与其中。", kit.detector) == "zh"


def test_language_names():
    assert language_name("ja") == "Japanese (ja)"
    assert language_name("pt") == "Portuguese (pt)"
    assert language_name(None) == "unknown"


def test_detection_is_deterministic(kit):
    text = "An invented paragraph about fictional industrial policy, repeated to be sure."
    assert {detect_language(text, kit.detector) for _ in range(20)} == {"en"}


def test_traditional_chinese_is_detected_and_converted(kit):
    t2s = kit.words.t2s
    title = "虛構縣發展低空經濟"
    blocks = (Block(PARAGRAPH, "省委書記黃坤明強調，要推動無人機產業發展。", 3),)
    assert is_traditional(title + blocks[0].text, t2s)
    new_title, new_blocks, converted_from = to_simplified(title, blocks, t2s)
    assert (new_title, new_blocks[0].text, converted_from) == (
        "虚构县发展低空经济", "省委书记黄坤明强调，要推动无人机产业发展。", "zh-Hant")
    assert new_blocks[0].line == 3


def test_simplified_chinese_is_left_as_it_is(kit):
    blocks = (Block(PARAGRAPH, "虚构县发展低空经济，显著提升著名产业园的水平。", 1),)
    assert to_simplified("虚构县", blocks, kit.words.t2s) == ("虚构县", blocks, None)


# A page whose article was lost and whose English footer was kept: the headline tells.
FOOTER = ("About us. Our network. Who we are. Site links: education, breaking news, prayer times, train timings, "
          "car prices. The invented network is the largest invented media house, serving its readers since 1997. "
          "All rights of the publication are reserved. Reproduction without proper consent is not allowed.")


@pytest.mark.parametrize("title, expected", [
    ("Вымышленный город открыл новый порт для роботов", "ru"),  # Cyrillic headline
    ("نشرت المقاطعة الخيالية خطة لتطوير صناعة الروبوتات", "ar"),  # Arabic script
    ("Invented Port Varlow opens a fictional robot harbour", "en"),  # the usual case
    ("Ω-class robots arrive in the invented harbour of Varlow", "en"),  # one Greek letter is not a Greek headline
    (None, "en"),
])
def test_a_headline_in_another_alphabet_over_english_boilerplate_names_the_article_language(title, expected, kit):
    assert detect_language(f"{title or ''}\n{FOOTER}", kit.detector) == "en"  # the text alone reads as English
    assert article_language(title, FOOTER, kit.detector) == expected


def test_an_english_article_keeps_english_under_a_chinese_headline_quote(kit):
    """Han in a headline is settled by script over the whole text, not by the headline alone."""
    prose = "The invented province of Lanshan published a plan for robotics. " * 8
    assert article_language("Lanshan's plan: 机器人 everywhere", prose, kit.detector) == "en"
