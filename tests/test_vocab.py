"""The real vocabularies in data/ load, are well formed, and match what they should."""
import re
import shutil
from pathlib import Path

import pytest

from digest import vocab
from digest.vocab import VocabularyError, match_names, match_terms, match_topics
from tests.conftest import FIXTURES

V = vocab.load()
TAXONOMY_FIXTURES = FIXTURES / "taxonomy"  # an invented fourth taxonomy: harbours


def test_twenty_clusters_and_future_industries():
    groups = [term.group for term in V.industries]
    assert groups.count("pillar") == 10 and groups.count("emerging") == 10
    assert groups.count("future") >= 2
    slugs = {term.slug for term in V.industries}
    assert {"artificial-intelligence", "robotics", "low-altitude-economy"} <= slugs


def test_every_term_is_bilingual():
    for term in (*V.industries, *V.officials):
        assert term.name["en"] and term.name["zh"], term.slug
        assert re.search(r"[\u4e00-\u9fff]", term.name["zh"]), term.slug
    for term in V.industries:
        assert term.description.get("en") and term.description.get("zh"), term.slug


def test_officials_have_pinyin_slugs_and_dated_positions():
    for official in V.officials:
        family, *given = official.name["en"].lower().split()
        assert official.slug == "-".join([family, "".join(given)]), official.slug
        assert official.positions, official.slug
        for position in official.positions:
            assert position["title"]["en"] and position["title"]["zh"]
            assert position["organisation"]["en"] and position["organisation"]["zh"]
            assert position.get("start") or position.get("attested"), official.slug


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Governor Wang Weizhong spoke.", ["wang-weizhong"]),
        ("省长王伟中主持会议。", ["wang-weizhong"]),
        ("Huang further emphasized", []),
        ("Huang Kunming and Huang Chuping", ["huang-kunming", "huang-chuping"]),
    ],
)
def test_officials_are_matched_by_alias(text, expected):
    assert match_terms(text, V.officials) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("artificial intelligence and robotics", {"artificial-intelligence", "robotics"}),
        ("AI chips", {"artificial-intelligence"}),
        ("发展AI芯片", {"artificial-intelligence"}),
        ("MAIN street and a RAID", set()),
        ("the chairman said", set()),
        ("a modern industrial system with high international competitiveness", set()),
        ("发展人工智能和机器人产业", {"artificial-intelligence", "robotics"}),
    ],
)
def test_industries_are_matched_as_whole_words(text, expected):
    assert expected <= set(match_terms(text, V.industries))
    if not expected:
        assert match_terms(text, V.industries) == []


def test_glossary_has_the_seed_variants():
    variants = {variant for entry in V.glossary for variant in entry.variants}
    assert {"PKKCV", "constant committee of the Provincial Congress"} <= variants


def copy_data_but(tmp_path: Path, broken: str) -> None:
    """data/'s files in tmp_path, but `broken`, which the test writes."""
    for path in vocab.DATA_DIR.glob("*.yaml"):
        if path.name != broken:
            shutil.copy(path, tmp_path / path.name)


def test_a_broken_vocabulary_names_file_and_line(tmp_path):
    copy_data_but(tmp_path, "industries.yaml")
    (tmp_path / "industries.yaml").write_text("- slug: ok\n  name: {en: A, zh: 甲}\n- slug: Bad Slug\n  name: {en: B, zh: 乙}\n")
    with pytest.raises(VocabularyError, match=r"industries.yaml:3: slug 'Bad Slug'"):
        vocab.load(tmp_path)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("商店出售玩具小汽车。", set()),  # 汽车 is the tail of the word 小汽车
        ("他买了玩具汽车。", set()),  # not_within: 玩具汽车
        ("员工常用音乐软件听歌。", set()),  # not_within: 音乐软件
        ("虚构区发展软件产业。", {"software-and-information-services"}),
        ("虚构区打造软件和信息服务产业集群。", {"software-and-information-services"}),
        ("虚构市新能源汽车产业快速发展。", {"automobiles"}),  # not also new energy
        ("虚构市纺织品出口增长。", {"modern-light-industry-and-textiles"}),  # an alias may begin a compound
        ("推動低空經濟發展，無人機產業壯大。", {"low-altitude-economy"}),  # Traditional script
    ],
)
def test_chinese_aliases_match_whole_words(text, expected):
    assert set(match_terms(text, V.industries)) == expected


def test_officials_are_matched_in_either_script():
    assert match_names("省委書記黃坤明強調，省長王偉中主持會議。", V.officials) == ["huang-kunming", "wang-weizhong"]


@pytest.mark.parametrize(
    "title, lead, rest, expected",
    [
        # named in the title, or the lead, or at least twice: a topic
        ("Invented county expands a robotics park", "The park opened on Monday.", "", ["robotics"]),
        ("An invented county", "The county expands its robotics park.", "", ["robotics"]),
        ("An invented county", "The county grows.", "Robots arrived.\n\nMore robots came.", ["robotics"]),
        # one passing mention deep in the body: not a topic
        ("Invented county expands a robotics park", "The park opened.", "A designer of chips also rents an office.",
         ["robotics"]),
        ("虚构区扩建机器人产业园", "虚构区宣布扩建产业园。", "区内还有一家芯片设计公司。", ["robotics"]),
    ],
)
def test_industries_are_tagged_when_they_are_topics(title, lead, rest, expected):
    text = "\n".join([title, lead, rest])
    assert match_topics(title, lead, text, V.industries) == expected


def test_a_term_is_named_in_every_language_converted_unless_the_entry_names_it(tmp_path):
    for path in vocab.DATA_DIR.glob("*.yaml"):  # every data file as it is, but industries.yaml
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "industries.yaml").write_text(
        "- slug: invented-robots\n  name: {en: Invented robots, zh: 虚构机器人}\n"
        "- slug: invented-software\n  name: {en: Invented software, zh: 虚构软件, zh-hant: 虛構軟體}\n"
        "- slug: invented-english\n  name: {en: Invented only in English}\n"
        "- slug: invented-french\n  name: {en: Invented, fr: Inventé}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"industries.yaml:7: 'name': 'fr' is not a language of data/languages.yaml"):
        vocab.load(tmp_path)
    (tmp_path / "industries.yaml").write_text("\n".join((tmp_path / "industries.yaml").read_text().split("\n")[:6]) + "\n")
    robots, software, english = vocab.load(tmp_path).industries
    assert robots.name == {"en": "Invented robots", "zh": "虚构机器人", "zh-hant": "虛構機器人"}
    assert software.name["zh-hant"] == "虛構軟體"  # its own, not s2hk's 虛構軟件
    assert english.name == {"en": "Invented only in English", "zh": "Invented only in English", "zh-hant": "Invented only in English"}
    assert "虛構機器人" not in robots.han  # matching reads the names given, not the converted ones


def test_vocabulary_with_not_within_that_is_not_chinese_names_file_and_line(tmp_path):
    copy_data_but(tmp_path, "industries.yaml")
    (tmp_path / "industries.yaml").write_text("- slug: ok\n  name: {en: A, zh: 甲}\n  not_within: [toy cars]\n")
    with pytest.raises(VocabularyError, match=r"industries.yaml:1: 'not_within'"):
        vocab.load(tmp_path)


def test_outlets_known_in_both_languages_are_found_by_any_of_their_names():
    assert V.outlet("新华社") == V.outlet("xinhua") == V.outlet("Xinhua  News Agency") == {"en": "Xinhua News Agency", "zh": "新华社"}
    assert V.outlet("AP") == {"en": "Associated Press", "zh": "美联社"}  # the name a dateline gives (wires:)
    assert V.outlet(V.wires["AP"]) == V.outlet("AP")
    assert V.outlet("Province of Guangdong") is None  # the seed's credit: not an outlet the data names


@pytest.mark.parametrize("names, message", [
    ("names:\n  - {zh: 虚构日报}\n", r"outlets.yaml:\d+: expected a name in 'names:' as \{en: …, zh: …"),
    ("names:\n  - {en: Invented Daily, zh: 虚构日报}\n  - {en: Other Daily, zh: 另一日报, aliases: [invented daily]}\n",
     r"outlets.yaml:\d+: 'invented daily' names two outlets"),
])
def test_a_broken_outlet_name_names_file_and_line(tmp_path, names, message):
    copy_data_but(tmp_path, "outlets.yaml")
    (tmp_path / "outlets.yaml").write_text("outlets: [虚构日报]\nwires: {}\n" + names, encoding="utf-8")
    with pytest.raises(VocabularyError, match=message) as raised:
        vocab.load(tmp_path)
    assert str(raised.value).split(":")[1] == str(names.count("\n") + 2)  # the entry's line


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, message", [
    # a pattern that is not a regular expression: a traceback at the first ingest, before
    ("\nlabelled:\n", "\nlabelled:\n  - reason: invented\n    patterns: ['虚构(']\n",
     r"labelled\.0\.patterns\.0: not a regular expression: missing \)"),
    # a number written as a word: a TypeError deep in cleaning, before
    ("  max_short_words: 12", "  max_short_words: twelve", r"spam\.max_short_words: 'twelve' is not of type 'integer'"),
    # a misspelt key: its rule silently never applied, before
    ("  menu_min_run: 12", "  menu_min_runs: 12", r"structure: Additional properties are not allowed \('menu_min_runs'"),
])
def test_a_broken_noise_rule_names_file_and_line(tmp_path, old, new, message):
    copy_data_but(tmp_path, "noise.yaml")
    text = (vocab.DATA_DIR / "noise.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    broken = text.replace(old, new)
    (tmp_path / "noise.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"noise.yaml:\d+: " + message) as raised:
        vocab.load(tmp_path)
    line = int(str(raised.value).split(":")[1])
    # the line of the bad value, or of the key too many
    at = {"twelve": "twelve", "menu_min_runs": "menu_min_runs", "虚构(": "['虚构("}
    assert line == line_of(broken, next(needle for key, needle in at.items() if key in new))


def test_the_taxonomies_are_declared_in_data():
    assert V.keys == ("industries", "officials", "places")
    assert V.primary.key == "industries"
    assert [(t.match, t.filter, t.vocabulary) for t in V.taxonomies] == [
        ("topic", "industry", "industries.yaml"), ("person", "official", "officials.yaml"), ("topic", "place", "places.yaml")]
    assert [t.person for t in V.taxonomies] == [False, True, False]
    assert V.taxonomy("places").labels.count == ("%(num)d place", "%(num)d places")


def test_the_places_are_guangdongs_cities_hong_kong_and_macao():
    places = V.terms("places")
    assert len(places) == 21 + 2
    assert {"guangzhou", "shenzhen", "foshan", "dongguan", "yunfu", "hong-kong", "macao"} <= {t.slug for t in places}
    for term in places:
        assert term.description["en"] and term.description["zh"], term.slug
        assert all(len(alias) > 1 for alias in term.han), term.slug  # no one-character abbreviation (穗)


def data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(vocab.DATA_DIR, data)
    return data


OFFICIALS_AT = (vocab.DATA_DIR / "taxonomies.yaml").read_text(encoding="utf-8").split("\n").index("- key: officials") + 1


@pytest.mark.parametrize("old, new, line, message", [
    # a misspelt key, a value out of its list, a reserved key: the schema's word, at the line of the value or key
    ("  filter: official\n", "  filter: official\n  colour: red\n", OFFICIALS_AT + 4,
     r"1: Additional properties are not allowed \('colour' was unexpected\)"),
    ("  match: person\n", "  match: persons\n", OFFICIALS_AT + 2, r"1\.match: 'persons' is not one of"),
    ("- key: officials", "- key: articles", OFFICIALS_AT, r"1\.key: 'articles' should not be valid"),
    # what the schema cannot say
    ("- key: officials", "- key: industries", OFFICIALS_AT, r"key 'industries' is also the key of the taxonomy at line \d+"),
    ("  filter: official\n", "  filter: industry\n", OFFICIALS_AT, r"filter 'industry' is also the filter of the taxonomy"),
    ("  vocabulary: officials.yaml", "  vocabulary: harbours.yaml", OFFICIALS_AT,
     r"officials: vocabulary 'harbours.yaml' is not in"),
    ("  match: person\n", "  match: person\n  primary: true\n", OFFICIALS_AT, r"one taxonomy must be 'primary: true' \(found 2\)"),
])
def test_a_broken_taxonomy_declaration_names_file_and_line(tmp_path, old, new, line, message):
    data = data_copy(tmp_path)
    text = (data / "taxonomies.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (data / "taxonomies.yaml").write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(VocabularyError, match=message) as raised:
        vocab.load(data)
    assert str(raised.value).startswith(f"{data / 'taxonomies.yaml'}:{line}: ")


def test_a_taxonomy_declared_in_data_is_loaded_with_its_vocabulary(tmp_path):
    data = data_copy(tmp_path)
    shutil.copy(TAXONOMY_FIXTURES / "harbours.yaml", data)
    with (data / "taxonomies.yaml").open("a", encoding="utf-8") as stream:
        stream.write("\n" + (TAXONOMY_FIXTURES / "harbours.taxonomy.yaml").read_text(encoding="utf-8"))
    loaded = vocab.load(data)
    assert loaded.keys == ("industries", "officials", "places", "harbours")
    assert [t.slug for t in loaded.terms("harbours")] == ["invented-north-harbour", "invented-south-harbour"]
    title, lead = "Invented North Harbour dredges its channel", "The invented harbour deepens its berths."
    assert vocab.tag(title, lead, f"{title}\n{lead}", loaded)["harbours"] == ["invented-north-harbour"]


@pytest.mark.parametrize("title, lead, rest, expected", [
    # named in the title or the lead: a topic
    ("Invented Quillby Motors opens a plant in Foshan", "The plant opened on Monday.", "", ["foshan"]),
    ("虚构的奎比汽车开设新工厂", "虚构公司在佛山开设电池工厂。", "", ["foshan"]),
    # named once, in an official's title or in passing, deep in the body: not a topic
    ("An invented plant opens", "The plant opened on Monday.",
     "Ada Brenwick, invented secretary of the party committee of Shenzhen, attended. Talent from Hong Kong and Macao "
     "is welcome.", []),
    ("虚构工厂开业", "工厂周一开业。", "深圳市委书记柯布伦出席。欢迎香港和澳门人才。", []),
    # named twice in the body: a topic
    ("An invented plant opens", "The plant opened.", "Dongguan sent buyers.\n\nMore came from Dongguan.", ["dongguan"]),
    # a name inside a compound that means something else is no mention (中山大学 is in Guangzhou)
    ("虚构学者访问中山大学", "中山大学的虚构学者讲话。", "", []),
    ("An invented plant opens", "The HKSAR government and Macau sent envoys.", "", ["hong-kong", "macao"]),
])
def test_places_are_tagged_when_they_are_topics(title, lead, rest, expected):
    text = "\n".join([title, lead, rest])
    assert vocab.tag(title, lead, text, V)["places"] == expected
