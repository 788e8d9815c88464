import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest import SCHEMA_PATH
from digest.frontmatter import parse
from digest.site.editions import NOTES_FOLDER
from digest.site.pages import PAGES_FOLDER
from digest.schema import is_valid, load_validator, validate

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


def test_the_provenance_fields_are_optional_and_checked():
    bilingual = {"name": {"en": "Invented Harbour Daily", "zh": "虚构港日报"}, "title": "虚构港开通渡轮",
                 "lang": "zh", "machine_translated": True, "file": "seeds/x.txt", "sha256": SHA}
    translation = {"from": "zh", "by": "Digest editors", "method": "machine+reviewed", "reviewed": "2024-01-03"}
    assert problems(source=bilingual, translation=translation) == []
    assert problems(translation={"from": "zh", "by": "Digest editors"}) == []  # as before the method


@pytest.mark.parametrize("source, translation, message", [
    ({"name": {"en": "Invented Daily"}}, None, "source.name: 'zh' is a required property"),
    ({"name": {"en": "Invented Daily", "zh": "虚构日报", "de": "Erfunden"}}, None,
     "source.name: Additional properties are not allowed ('de' was unexpected)"),
    ({"name": ""}, None, "source.name: '' should be non-empty"),
    ({"name": "Invented Daily", "lang": "Chinese"}, None, "source.lang: 'Chinese' does not match '^[a-z]{2}$'"),
    ({"name": "Invented Daily", "machine_translated": "yes"}, None,
     "source.machine_translated: 'yes' is not of type 'boolean'"),
    (None, {"from": "zh", "by": "Digest editors", "method": "google"},
     "translation.method: 'google' is not one of ['human', 'machine', 'machine+reviewed']"),
    (None, {"from": "zh", "by": "Digest editors", "reviewed": "soon"}, "translation.reviewed: 'soon' is not a 'date'"),
])
def test_a_wrong_provenance_field_says_what_is_wrong(source, translation, message):
    changes = {"source": source} if source else {}
    if translation:
        changes["translation"] = translation
    assert message in [text for _, text in problems(**changes)]


# validate() asks jsonschema-rs first and jsonschema only for a document the fast one rejects, so
# the fast validator must never accept what jsonschema rejects (the reverse only costs time).
KEYS = sorted(json.loads(SCHEMA_PATH.read_text())["properties"]) + ["industires"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
                    st.sampled_from(["2024-01-02", "2025-02-30", "20240102", "en", "zh", "fr", "draft", "published",
                                     "robotics", "Robotics", "wang-weizhong", "x" * 81, "two\nlines", SHA, "seeds/x.txt",
                                     "https://example.invalid/a", "not a url", "human", "machine+reviewed"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS + ["from", "by", "method", "reviewed", "name", "title", "lang", "machine_translated", "en", "zh", "file", "sha256", "url"]), inner, max_size=4), max_leaves=8)


@settings(max_examples=400, deadline=None)
@given(changes=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=3), removed=st.sets(st.sampled_from(KEYS), max_size=2))
def test_the_fast_validator_never_accepts_what_jsonschema_rejects(changes, removed):
    metadata = {key: value for key, value in {**PUBLISHED, **changes}.items() if key not in removed}
    jsonschema_errors = list(load_validator().iter_errors(metadata))
    if is_valid(metadata):
        assert jsonschema_errors == [], metadata
    assert (validate(metadata) == []) == is_valid(metadata)  # what either rejects is reported


def test_the_fast_validator_accepts_the_real_content():
    other_schemas = (Path("content", NOTES_FOLDER), Path("content", PAGES_FOLDER))  # notes and pages have their own
    files = sorted(path for path in Path("content").rglob("*.md")
                   if not any(path.is_relative_to(folder) for folder in other_schemas))
    assert files
    for path in files:
        metadata = parse(path.read_text(encoding="utf-8")).metadata
        assert is_valid(metadata), path  # otherwise every build takes the slow path for it


def test_an_edited_schema_is_read_again(tmp_path):
    # a long-running process (make serve) validates with the schema as it is now, not as first read
    schema_file = tmp_path / "schema.json"
    schema = json.loads(SCHEMA_PATH.read_text())
    schema_file.write_text(json.dumps(schema))
    assert validate(PUBLISHED, schema_file) == []
    schema["properties"]["summary"]["maxLength"] = 5
    schema_file.write_text(json.dumps(schema))
    os.utime(schema_file, ns=(1, 1))  # a new modification time, however fast the file system's clock
    assert [p.key for p in validate(PUBLISHED, schema_file)] == ["summary"]


BAD_URLS = ['https://exa mple.com/"><script>alert(1)</script>', "https://example.org/a b", "http://exa<mple.org/",
            "https://例子.中国/", "https://example.org/广东/政策.html", "https://example.org/%zz", "javascript:alert(1)",
            "https://", "https://example.org/a#b#c"]
GOOD_URLS = ["https://example.org/news?id=12&lang=zh#top", "http://www.gd.gov.cn/gdywdt/content/post_12345.html",
             "https://example.org/%E5%B9%BF%E4%B8%9C/%E6%94%BF%E7%AD%96.html?q=%E5%B7%A5%E4%B8%9A",
             "https://xn--fsqu00a.xn--fiqs8s/news", "http://127.0.0.1:8080/a_b-c~d/(1)"]


def with_url(url: str) -> dict:
    return {**PUBLISHED, "source": {**PUBLISHED["source"], "url": url}}


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_that_is_no_uri_is_rejected_by_both_validators(url):
    found = validate(with_url(url))
    assert [p.key for p in found] == ["source"] and found[0].message.startswith("source.url: "), found
    assert not is_valid(with_url(url))
    assert list(load_validator().iter_errors(with_url(url)))  # jsonschema has the uri checker (rfc3986-validator)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_urls_with_queries_encoded_paths_and_idn_hosts_pass(url):
    assert is_valid(with_url(url)) and validate(with_url(url)) == []


URL_CHARACTERS = st.sampled_from([*"aZ09.-_~:/?#[]@!$&'()*+,;=% <>\"{}|\\^`", "%2F", "%E5", "é", "例", "\x7f", "\n"])


@settings(max_examples=400, deadline=None)
@given(start=st.sampled_from(["https://", "http://", "https://example.org", "http://[::1]", "ftp://", ""]),
       rest=st.lists(URL_CHARACTERS, max_size=12).map("".join))
def test_a_url_either_validator_rejects_is_reported(start, rest):
    # They can differ: rfc3986-validator's `$` lets "https://a\n" through, jsonschema-rs does not.
    metadata = with_url(start + rest)
    python_accepts = list(load_validator().iter_errors(metadata)) == []
    if is_valid(metadata):
        assert python_accepts, metadata["source"]["url"]
    assert (validate(metadata) == []) == (is_valid(metadata) and python_accepts), metadata["source"]["url"]


def test_what_only_the_fast_validator_rejects_is_still_reported(tmp_path):
    # jsonschema has no checker for "iri" without rfc3987; jsonschema-rs has. Disagreeing, the
    # document is not passed: the fast validator's reason is reported.
    schema = json.loads(SCHEMA_PATH.read_text())
    schema["properties"]["source"]["properties"]["url"] = {"type": "string", "format": "iri"}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    assert list(load_validator(path).iter_errors(with_url("https://exa mple.com/"))) == []
    found = validate(with_url("https://exa mple.com/"), path)
    assert [p.key for p in found] == ["source"] and found[0].message.startswith("source.url: "), found
    assert "iri" in found[0].message


SOURCE_TEXT = ("Lorem ipsum dolor sit amet, an invented source text pasted whole into a field. " * 200)[:12_345]


@pytest.mark.parametrize("changes, quoted", [
    ({"title": SOURCE_TEXT}, f"title: {SOURCE_TEXT[:79] + '…'!r} (12,345 characters) is too long"),
    ({"lang": SOURCE_TEXT}, "' (12,345 characters) is not one of ['en', 'zh']"),
    ({"source": {**PUBLISHED["source"], "url": "https://a b/" + SOURCE_TEXT}}, "' (12,357 characters) is not a 'uri'"),
    ({"industries": ["Robotics"] * 5000}, "… (5,000 items) has non-unique elements"),
    ({SOURCE_TEXT: "x"}, "' (12,345 characters) was unexpected)"),
])
def test_a_long_value_is_quoted_as_an_excerpt_with_its_length(changes, quoted):
    messages = [p.message for p in validate({**PUBLISHED, **changes})]
    assert any(quoted in message for message in messages), messages
    assert all(len(message) <= 300 for message in messages), [len(m) for m in messages]
    assert not any("pasted whole into a field. Lorem" in message for message in messages)


def test_the_fast_validators_messages_are_excerpts_too(tmp_path):
    schema = json.loads(SCHEMA_PATH.read_text())
    schema["properties"]["source"]["properties"]["url"] = {"type": "string", "format": "iri"}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    found = validate(with_url("https://a b/" + SOURCE_TEXT), path)
    assert len(found) == 1 and "' (12,357 characters) is not a \"iri\"" in found[0].message, found


def test_jsonschema_is_imported_only_to_explain_a_rejection():
    """Its import costs more than ingesting a page: a run of valid articles never pays it."""
    import subprocess
    import sys

    from digest import REPO_ROOT

    program = (
        "import sys\n"
        "from digest.schema import validate\n"
        f"assert validate({PUBLISHED!r}) == []\n"
        "print('jsonschema' in sys.modules)\n"
        f"assert validate({ {**PUBLISHED, 'lang': 'fr'}!r})\n"
        "print('jsonschema' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_a_broken_schema_is_an_error_not_a_rejection_of_every_document(tmp_path):
    broken = tmp_path / "broken.schema.json"
    broken.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": 12}))
    with pytest.raises(Exception, match="12"):  # whichever validator reads it first names the bad value
        is_valid(PUBLISHED, broken)
