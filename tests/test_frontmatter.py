import pytest

from digest.frontmatter import FrontMatterError, parse


def test_parse_keeps_dates_as_strings_and_knows_key_lines():
    document = parse("---\ntitle: Invented\nslug: invented\ndate: 2024-01-02\n---\n\nBody\n")
    assert document.metadata == {"title": "Invented", "slug": "invented", "date": "2024-01-02"}
    assert document.key_lines == {"title": 2, "slug": 3, "date": 4}
    assert document.body == "Body\n"
    assert document.body_line == 6


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("title: no fence\n", 1, "must start with '---'"),
        ("---\ntitle: never closed\n", 1, "not closed"),
        ("---\ntitle: ok\nslug: [unclosed\n---\n", 3, "malformed YAML"),
        ("---\ntitle: ok\n  bad: indent\n---\n", 3, "malformed YAML"),
        ("---\ntitle: a\ntitle: b\n---\n", 3, "duplicate key 'title'"),
        ("---\n- a list\n---\n", 2, "must be a mapping"),
    ],
)
def test_errors_name_the_line(text, line, message):
    with pytest.raises(FrontMatterError) as error:
        parse(text)
    assert error.value.line == line
    assert message in error.value.message
