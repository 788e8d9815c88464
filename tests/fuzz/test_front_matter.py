"""Fuzz (b): YAML front matter through frontmatter.parse, schema.validate and the build's reader:
a `path:line: message` error or a valid entry, never a traceback, never a hang, never live markup."""
from __future__ import annotations

import re

from hypothesis import example, given

from digest import vocab
from digest.check.markup import html_findings
from digest.frontmatter import FrontMatterError, parse
from digest.schema import validate
from digest.site import markdown
from digest.site.model import read_entry
from tests.fuzz.conftest import fuzz_settings, hang_guard
from tests.fuzz.strategies import front_matter_text

VOCABULARIES = vocab.load()
RENDERER = markdown.make_renderer()
PATH = "content/en/invented-fuzz.md"
ERROR_LINE = re.compile(rf"{re.escape(PATH)}:[1-9][0-9]*: [^\n]+")


@fuzz_settings("front matter")
@given(text=front_matter_text())
@example(text="---\ntitle: x\n---\n\n" + "<blockquote>" * 200 + "\n")
@example(text="---\ntitle: null\nindustries: 1.0\n---\n\n\n")  # found: a TypeError in the reader
def test_front_matter_gives_an_entry_or_errors_at_lines(text, tally):
    tally("front matter")
    with hang_guard("front matter"):
        try:
            document = parse(text)
        except FrontMatterError as error:
            assert 1 <= error.line <= text.count("\n") + 1 and error.message and "\n" not in error.message
        else:
            assert all(problem.message for problem in validate(document.metadata))
        entry, errors = read_entry(PATH, text, VOCABULARIES, lambda body: markdown.render(body, RENDERER))
    assert (entry is None) == bool(errors)
    for error in errors:
        assert ERROR_LINE.fullmatch(str(error)), str(error)
    if entry is not None:
        assert html_findings(entry.html) == [], entry.html[:300]
    tally("front matter", "errors" if errors else "entry")
