"""Inputs that hit bugs found by the fuzz campaign in code this branch does not own (digest/frontmatter.py,
digest/schema.py, digest/site/feeds.py), reported to its owner with minimal inputs. The fuzz tests
leave them out (`assume(open_bug(text) is None)`, `without_tags`) so the suite stays green; delete
a case here once it is fixed."""
from __future__ import annotations

import re

import yaml

from digest.frontmatter import FrontMatterError, split

_TEXT_KEYS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")  # dates stay strings in front matter
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_NODES = 100_000
MAX_DEPTH = 200


def open_bug(text: str) -> str | None:
    """Front matter that still crashes or hangs frontmatter.parse or schema.validate, else None:
    a character YAML does not allow (a two-line message, always at line 2), a key that is a list or
    a mapping, a top-level key that is not a string, an integer of more than 4,300 digits, nesting
    more than MAX_DEPTH deep (RecursionError), aliases that expand past MAX_NODES (a hang)."""
    try:
        yaml_text = split(text.lstrip("\ufeff"))[0]
    except FrontMatterError:
        return None
    if _NOT_YAML.search(yaml_text):
        return "a character YAML does not allow"
    try:
        root = yaml.compose(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    except RecursionError:
        return f"nesting more than {MAX_DEPTH} deep"
    return _graph_bug(root) if root is not None else None


def _graph_bug(root) -> str | None:
    """Walk the node graph with a stack, each shared node once, adding up what aliases expand to."""
    expanded: dict[int, int] = {}
    stack = [(root, 1, False)]
    while stack:
        node, depth, finished = stack.pop()
        children = _children(node)
        if finished:
            expanded[id(node)] = 1 + sum(expanded.get(id(child), 1) for child in children)
            continue
        if id(node) in expanded:
            continue
        expanded[id(node)] = 1  # until its children are counted; an alias to an ancestor counts once
        if depth > MAX_DEPTH:
            return f"nesting more than {MAX_DEPTH} deep"
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return "a key that is a list or a mapping"
                if node is root and key.tag not in _TEXT_KEYS:
                    return "a top-level key that is not a string"
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int" and len(node.value) > 4000:
            return "an integer of more than 4,300 digits"
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in expanded)
    return f"aliases that expand past {MAX_NODES:,} nodes" if expanded[id(root)] > MAX_NODES else None


def _children(node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def without_tags(summary: str) -> str:
    """A summary without "<": the feeds still put a summary into Atom <summary type="html"> and RSS
    <description> escaped only once, so a tag in it is live in every feed reader (the markup check
    finds it, tests/fixtures/check/markup/injected/feeds)."""
    return summary.replace("<", "")
