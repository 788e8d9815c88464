"""The build's reader: a value of the wrong type is an error at its line, never a traceback."""
from __future__ import annotations

import pytest

from digest import vocab
from digest.site.model import read_entry

VOCABULARIES = vocab.load()


@pytest.mark.parametrize("value,message", [
    ("1.0", "industries: 1.0 is not of type 'array'"),  # found by the fuzz campaign: a TypeError before
    ("robotics", "industries: 'robotics' is not of type 'array'"),
    ("{robotics: yes}", "industries: {'robotics': True} is not of type 'array'"),
])
def test_industries_that_are_not_a_list(value, message):
    text = f"---\nslug: invented-x\nlang: en\nstatus: draft\nsource: {{name: Invented}}\nindustries: {value}\n---\n\nBody.\n"
    entry, errors = read_entry("content/en/invented-x.md", text, VOCABULARIES, lambda body: body)
    assert entry is None
    assert [str(error) for error in errors] == [f"content/en/invented-x.md:6: {message}"]


@pytest.mark.parametrize("title,summary,body,line,found", [
    ('"Invented \\x05 title"', "Invented.", "Body.", 2, "title: control character U+0005"),  # found by fuzzing: a traceback in the feeds
    ("Invented", '"An invented\\x0c summary"', "Body.", 7, "summary: control character U+000C"),
    ("Invented", "Invented.", "Body.\n\nA second \x1b paragraph.", 13, "body: control character U+001B"),
])
def test_a_character_no_feed_can_carry_is_an_error_at_its_line(title, summary, body, line, found):
    text = (f"---\ntitle: {title}\nslug: invented-x\nlang: en\ndate: 2024-01-02\nsource: {{name: Invented}}\n"
            f"summary: {summary}\nstatus: published\n---\n\n{body}\n")
    entry, errors = read_entry("content/en/invented-x.md", text, VOCABULARIES, lambda body: body)
    assert entry is None
    assert [str(error) for error in errors] == [
        f"content/en/invented-x.md:{line}: {found}, which feeds cannot carry (XML 1.0 forbids it)"]


@pytest.mark.parametrize("value, message", [
    # front matter refuses nesting past 20 levels, at its line, before anything walks it
    ("[" * 999 + "]" * 999, "front matter is nested more than 20 levels deep"),
    # a list holding itself needs an alias, and front matter refuses those at their anchor
    ("&a [*a, *a]", "YAML anchor '&a' is not allowed in front matter: write the value out "
                    "(anchors and aliases can expand a short file into gigabytes)"),
])
def test_a_value_nested_deep_or_holding_itself_is_walked_without_recursion(value, message):
    text = f"---\nslug: invented-x\nlang: en\nstatus: draft\nsource: {{name: Invented}}\nextra: {value}\n---\n\nBody.\n"
    entry, errors = read_entry("content/en/invented-x.md", text, VOCABULARIES, lambda body: body)
    assert [str(error) for error in errors] == [f"content/en/invented-x.md:6: {message}"]
