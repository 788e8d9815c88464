"""Inputs that hit bugs found by the fuzz campaign in code this branch does not own (digest/frontmatter.py,
digest/schema.py, digest/site/feeds.py), reported to its owner with minimal inputs. The fuzz tests leave them out with
`assume(open_bug(text) is None)` so the suite stays green; delete a case here once it is fixed."""
from __future__ import annotations

import re

import yaml

from digest.frontmatter import FrontMatterError, split

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def open_bug(text: str) -> str | None:
    """The YAML that still crashes or hangs digest/frontmatter.py or digest/schema.py, reported to
    their owner with minimal inputs and left out here so the suite stays green: keys that are not
    strings at the top level or not scalars anywhere, integers longer than Python converts, aliases
    that expand past 100,000 nodes, characters YAML does not allow (a two-line message at line 2)."""
    try:
        yaml_text = split(text.lstrip("\ufeff"))[0]
    except FrontMatterError:
        return None
    if _NOT_YAML.search(yaml_text):
        return "a character YAML does not allow"
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    sizes: dict[int, int] = {}

    def size(node, top: bool) -> int:  # expanded node count, each shared node measured once
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = 1  # a recursive alias counts once
        total = 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise LookupError("a key that is a list or a mapping")
                if top and key.tag not in (_STR, "tag:yaml.org,2002:timestamp"):
                    raise LookupError("a top-level key that is not a string")
                total += size(key, False) + size(value, False)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item, False) for item in node.value)
        elif node.tag == _INT and len(node.value) > 4000:
            raise LookupError("an integer of more than 4,300 digits")
        sizes[id(node)] = total
        return total

    try:
        if root is not None and size(root, True) > 100_000:
            return "aliases that expand past 100,000 nodes"
    except LookupError as bug:
        return str(bug)
    except RecursionError:
        return None
    return None


def without_tags(summary: str) -> str:
    """A summary without "<": the feeds still put a summary into Atom <summary type="html"> and RSS
    <description> escaped only once, so a tag in it is live in every feed reader (the markup check
    finds it, tests/fixtures/check/markup/injected/feeds)."""
    return summary.replace("<", "")
