"""Officials named with a title but missing from data/officials.yaml are found, precisely."""
import pytest

from digest.ingest.people import describe_unknown, load_rules, titled_people, unknown_officials

RULES = load_rules()


def described(text):
    return [person.describe() for person in titled_people(text, RULES)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("国务院总理吴强调研时指出，要加快发展。", ["吴强 (国务院总理)"]),  # not 吴强调
        ("国务院总理吴强强调，要加快发展。", ["吴强 (国务院总理)"]),
        ("省委书记马虚瑞主持会议。", ["马虚瑞 (省委书记)"]),
        ("副省长柯小明出席。", ["柯小明 (副省长)"]),  # 副省长, not 省长
        ("市长郑虚表示，将支持企业。", ["郑虚 (市长)"]),
        ("省政协主席林虚庆、党组书记范虚", ["林虚庆 (省政协主席)", "范虚 (党组书记)"]),
        ("省委副书记、省长欧阳虚文在会上讲话。", ["欧阳虚文 (省长)"]),
    ],
)
def test_chinese_names_after_titles(text, expected):
    assert described(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "市长吴强调，各部门要落实措施。",  # the mayor, Wu, emphasised: no full name
        "省长表示，要加快发展。",
        "市长向记者介绍了项目进展。",
        "书记全面部署了工作。",
        "主席台上就座的有虚构企业代表。",
        "市长张虚构想了一个新计划的方方面面",  # no punctuation or following word where a name could end
    ],
)
def test_no_name_is_invented(text):
    assert described(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Premier Lu Madeup said the plan was invented.", ["Lu Madeup (Premier)"]),
        ("Vice Governor Zhang San and Party Secretary Gao Invented attended.",
         ["Zhang San (Vice Governor)", "Gao Invented (Party Secretary)"]),
        ("the imaginary mayor Qian Madeup said", ["Qian Madeup (mayor)"]),
        ("Deputy Mayor Zhou Fictional spoke.", ["Zhou Fictional (Deputy Mayor)"]),
        ("The Governor Said nothing, and the Premier spoke to Reporters.", []),
        ("Governor Wang said", []),  # a surname alone is not a name
    ],
)
def test_english_names_after_titles(text, expected):
    assert described(text) == expected


def test_known_officials_are_never_reported_in_either_script(kit):
    text = "省长王伟中出席。省委書記黃坤明強調。Governor Wang Weizhong and Secretary Huang Kunming spoke. 市长郑虚表示。"
    unknown = unknown_officials(text, kit.titles, kit.vocabularies.officials, kit.words)
    assert [person.describe() for person in unknown] == ["郑虚 (市长)"]


def test_each_person_is_reported_once_with_the_first_title(kit):
    unknown = unknown_officials("副市长柯小明表示。市长柯小明指出。", kit.titles, kit.vocabularies.officials, kit.words)
    assert describe_unknown(unknown) == (
        "officials: named but not in data/officials.yaml: 柯小明 (副市长) — add them or ignore")


def test_a_name_that_begins_a_known_name_is_someone_else(kit):
    # 王伟中 and Wang Weizhong are known; 王伟 and Wang Wei are other people
    unknown = unknown_officials("副市长王伟表示。Mayor Wang Wei said.", kit.titles, kit.vocabularies.officials, kit.words)
    assert [person.describe() for person in unknown] == ["王伟 (副市长)", "Wang Wei (Mayor)"]
