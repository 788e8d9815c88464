import json

from digest import SCHEMA_PATH
from digest.schema import validate

SHA = "0" * 64
PUBLISHED = {
    "title": "Invented", "slug": "invented-story", "lang": "en", "date": "2024-01-02",
    "source": {"name": "Invented Daily", "file": "seeds/x.txt", "sha256": SHA},
    "industries": ["robotics"], "officials": [], "summary": "An invented summary.", "status": "published",
}


def test_schema_file_is_valid_json_schema():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_a_complete_article_is_valid():
    assert validate(PUBLISHED) == []


def problems(**changes):
    metadata = {**PUBLISHED, **changes}
    return [(p.key, p.message) for p in validate({k: v for k, v in metadata.items() if v is not None})]


def test_published_needs_date_title_and_summary():
    assert [key for key, _ in problems(date=None)] == ["date"]
    assert [key for key, _ in problems(title=None)] == ["title"]


def test_draft_may_lack_the_date():
    assert problems(date=None, status="draft", problems=["date: missing"]) == []


def test_invalid_values_are_named():
    assert problems(date="2025-02-30")[0][0] == "date"
    assert problems(slug="Not ASCII 中文")[0][0] == "slug"
    assert problems(lang="fr")[0][0] == "lang"
    assert problems(industries=["Robotics"])[0][0] == "industries"
    assert problems(industires=["robotics"])[0][0] == "industires"
    assert problems(source={"name": "x", "file": "seeds/x.txt"})[0][0] == "source"
    assert problems(translation={"from": "en"})[0][0] == "translation"
    assert problems(title="two\nlines")[0][0] == "title"
