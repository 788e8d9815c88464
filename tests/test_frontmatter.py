import pytest
import yaml

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
        ("---\ntitle: Invented\nsource: &src\n  name: Invented Daily\n---\n", 3, "anchor '&src' is not allowed"),
        ("---\ntitle: Invented\nindustries: [robotics]\nofficials: *industries\n---\n", 4, "alias '*industries'"),
        ("---\nslug: x\nsummary: [\"a\", &b c]\n---\n", 3, "anchor '&b'"),
        # Found by the fuzz campaign (tests/fuzz): each was a traceback or a two-line message.
        ("---\ntitle: x\nn: " + "1" * 4400 + "\n---\n", 3, "a number of 4,400 digits is too long"),
        ("---\ntitle: x\n? [a]\n: b\n---\n", 3, "a key must be a word, not a list or a mapping"),
        ("---\nsource:\n  ? {a: 1}\n  : b\n---\n", 3, "a key must be a word"),
        ("---\ntitle: x\n~: y\n---\n", 3, "key '~' is read by YAML as nothing (null): quote it"),
        ("---\n1: x\n---\n", 2, "key '1' is read by YAML as a number"),
        ("---\ntitle: x\non: y\n---\n", 3, "key 'on' is read by YAML as true or false"),
        ("---\ntitle: x\nsummary: a\x1bb\n---\n", 3, "character U+001B is not allowed in YAML"),
        ("---\ntitle: " + "{a: " * 300 + "1" + "}" * 300 + "\n---\n", 2, "nested more than 20 levels deep"),
        ("---\nt:\n" + "".join(" " * depth + "a:\n" for depth in range(1, 30)) + "---\n", 22, "nested more than 20"),
    ],
)
def test_errors_name_the_line(text, line, message):
    with pytest.raises(FrontMatterError) as error:
        parse(text)
    assert error.value.line == line
    assert message in error.value.message and "\n" not in error.value.message


def test_the_pure_python_parser_stops_at_the_depth_limit_too(monkeypatch):
    """Without libyaml, composing 300 levels overflows Python's stack before the depth is checked."""
    import digest.frontmatter as frontmatter

    class PurePython(yaml.SafeLoader):
        yaml_implicit_resolvers = frontmatter._StringDateLoader.yaml_implicit_resolvers

    monkeypatch.setattr(frontmatter, "_StringDateLoader", PurePython)
    with pytest.raises(FrontMatterError) as error:
        parse("---\ntitle: " + "[" * 990 + "]" * 990 + "\n---\n")
    assert "nested more than 20 levels deep" in error.value.message


def billion_laughs(levels: int = 9) -> str:
    """Front matter whose last key expands to 9**levels strings (about 4 GB of them at 9 levels)."""
    lines = ["---", "title: Invented laughs", 'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join([*lines, f"problems: *lol{levels - 1}", "---", "", "Body", ""])


def test_an_alias_bomb_is_refused_at_its_first_anchor():
    with pytest.raises(FrontMatterError) as error:
        parse(billion_laughs())
    assert error.value.line == 3
    assert "anchor '&lol0' is not allowed" in error.value.message


@pytest.mark.parametrize("value", ["R&D & *stars*", "'&quoted *text'", "\"&a *b\"", "a *b &c", "Research &Development"])
def test_ampersands_and_asterisks_in_text_are_text(value):
    document = parse(f"---\ntitle: {value}\n---\n")
    assert document.metadata["title"] == yaml.safe_load(f"title: {value}")["title"]


def test_front_matter_over_64_kb_is_refused_with_the_limit():
    big = "---\ntitle: Invented\nsummary: " + "字" * 30_000 + "\n---\n\nBody\n"  # 90 kB of UTF-8
    with pytest.raises(FrontMatterError) as error:
        parse(big)
    assert error.value.line == 1
    assert "front matter is 90,0" in error.value.message and "the limit is 65,536 (64 kB)" in error.value.message
    assert parse("---\ntitle: Invented\nsummary: " + "字" * 20_000 + "\n---\n").metadata["summary"]  # 60 kB is fine


def test_a_long_duplicate_key_is_quoted_as_an_excerpt():
    key = "invented_" * 100  # YAML's longest plain key is 1,024 characters
    with pytest.raises(FrontMatterError) as error:
        parse(f"---\n{key}: 1\n{key}: 2\n---\n")
    assert error.value.line == 3
    assert error.value.message == f"duplicate key {key[:79] + '…'!r} (900 characters)"
