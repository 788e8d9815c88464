"""Split, parse and serialise YAML front matter, keeping line numbers for error messages.

Dates stay ISO strings (no YAML timestamp magic), so what an editor wrote is what the schema
sees; errors are `FrontMatterError`s that know the line they are about. Front matter is at most
`MAX_BYTES` and has no anchors or aliases (`&a`, `*a`): editors never need them, and nested
aliases ("billion laughs") expand a few hundred bytes into gigabytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from digest.excerpt import excerpt


class FrontMatterError(ValueError):
    """A problem with a document's front matter, located at a 1-based line."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line


MAX_BYTES = 64 * 1024
MAX_DEPTH = 20  # the contract nests three levels (source.name.en); deeper is a mistake, and 250 overflows Python's stack
_INT_DIGITS = 4000  # Python refuses to turn more than 4,300 digits into an int
_TEXT_TAG = "tag:yaml.org,2002:str"
_KEY_KINDS = {"null": "nothing (null)", "bool": "true or false", "int": "a number", "float": "a number"}
# Where an anchor or alias could start: `&` or `*` opening a token. Only front matter that has
# one is parsed into events to look; "R&D" or "5*3" inside a word is no such start.
_MAYBE_ANCHOR = re.compile(r"[&*](?<![^\s\[{,][&*])[^\s\[\]{},]")  # lookbehind second: 3× faster

# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StringDateLoader(_BaseLoader):
    """SafeLoader that leaves `2025-02-05` as the string it is."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _no_duplicate_keys(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise FrontMatterError(f"duplicate key {excerpt(key)}", key_node.start_mark.line + 1)
        seen[key] = True
    return loader.construct_mapping(node, deep=deep)


_StringDateLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


@dataclass(frozen=True)
class Document:
    metadata: dict
    body: str
    key_lines: dict[str, int]  # top-level key -> 1-based line in the file
    body_line: int  # 1-based line where the body starts


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line). The file must open with a `---` line."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("front matter must start with '---' on the first line", 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            body = "\n".join(lines[index + 1 :]).lstrip("\n")
            return "\n".join(lines[1:index]), body, index + 2
    raise FrontMatterError("front matter is not closed by a '---' line", 1)


def parse(text: str) -> Document:
    """Parse a Markdown document with YAML front matter. Raises FrontMatterError."""
    yaml_text, body, body_line = split(text.lstrip("\ufeff"))
    if len(yaml_text) * 4 > MAX_BYTES and len(yaml_text.encode("utf-8")) > MAX_BYTES:  # UTF-8: ≤ 4 bytes a character
        raise FrontMatterError(f"front matter is {len(yaml_text.encode('utf-8')):,} bytes; the limit is {MAX_BYTES:,} "
                               f"({MAX_BYTES // 1024} kB): long text belongs in the body", 1)
    loader = _StringDateLoader(yaml_text)
    try:
        if ("&" in yaml_text or "*" in yaml_text) and _MAYBE_ANCHOR.search(yaml_text):  # `in` is ~40× cheaper than the regex
            _refuse_anchors(yaml_text)
        node = loader.get_single_node()  # one parse gives both the values and their lines
        if node is not None:
            _check_shape(node)
        metadata = loader.construct_document(node) if node is not None else None
    except FrontMatterError as error:
        raise FrontMatterError(error.message, error.line + 1) from None
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error) from None
    except yaml.reader.ReaderError as error:
        raise FrontMatterError(f"character U+{error.character:04X} is not allowed in YAML: delete it "
                               "(control characters are invisible and break feeds)",
                               yaml_text.count("\n", 0, error.position) + 2) from None
    except RecursionError:  # the pure-Python composer, before _check_shape can see the depth
        raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep", 2) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"malformed YAML: {error}", 2) from None
    finally:
        loader.dispose()
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values", 2)
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return Document(metadata, body, key_lines, body_line)


def nested_key_line(lines: list[str], parent_line: int, key: str) -> int:
    """The 1-based line of `key:` inside the block mapping that starts on `parent_line` (or that line).

    frontmatter.parse records the lines of top-level keys only; this finds `source:`'s `sha256:`.
    """
    for index in range(parent_line, len(lines)):  # lines[parent_line] is the line after the parent
        line = lines[index]
        if line.strip() in ("---", "...") or (line and not line[0].isspace()):
            break
        if re.match(rf"\s+{re.escape(key)}\s*:", line):
            return index + 1
    return parent_line


def _check_shape(root: yaml.Node) -> None:
    """Raise, at its line in the YAML text, on what PyYAML would turn into a traceback instead of an error:
    nesting deeper than MAX_DEPTH, a key that is a list or a mapping, a top-level key that is not
    text (`1:`, `~:`, `on:`), an integer too long to convert."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep", line)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise FrontMatterError("a key must be a word, not a list or a mapping", key.start_mark.line + 1)
                if node is root and key.tag != _TEXT_TAG:
                    kind = _KEY_KINDS.get(key.tag.rsplit(":", 1)[-1], "something other than a word")
                    raise FrontMatterError(f"key {excerpt(key.value or '~')} is read by YAML as {kind}: "
                                           "quote it or rename it",
                                           key.start_mark.line + 1)
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif node.tag == "tag:yaml.org,2002:int" and len(node.value) > _INT_DIGITS:
            raise FrontMatterError(f"a number of {len(node.value):,} digits is too long: quote it if it is text", line)


def _refuse_anchors(yaml_text: str) -> None:
    """Raise at the first anchor or alias, before anything is composed from it."""
    for event in yaml.parse(yaml_text, Loader=_StringDateLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            name = excerpt(("*" if kind == "alias" else "&") + event.anchor)
            raise FrontMatterError(f"YAML {kind} {name} is not allowed in front matter: write the value out "
                                   "(anchors and aliases can expand a short file into gigabytes)", event.start_mark.line + 1)


def _yaml_error(error: yaml.MarkedYAMLError) -> FrontMatterError:
    """Point at where the broken construct starts (an unclosed '['), and say where YAML gave up."""
    offset = 2  # +1 for 1-based lines, +1 for the opening '---'
    problem = error.problem_mark.line + offset if error.problem_mark else None
    context = error.context_mark.line + offset if error.context_mark else None
    message = f"malformed YAML: {error.problem or error.context}"
    if context and problem and context < problem:
        return FrontMatterError(f"{message} ({error.context} started here; YAML gave up on line {problem})", context)
    return FrontMatterError(message, problem or context or 1)


class _FrontMatterDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Block mappings, but short lists of slugs in flow style as the editors' contract shows."""


def _represent_list(dumper: yaml.SafeDumper, items: list):
    flow = all(isinstance(item, str) and len(item) < 60 and "\n" not in item for item in items)
    flow = flow and len(items) <= 12 and not any(" " in item for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, mapping: dict):
    """A name in both languages on one line, as the editors' contract writes it: {en: …, zh: …}."""
    flow = set(mapping) == {"en", "zh"} and all(isinstance(v, str) and "\n" not in v for v in mapping.values())
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping, flow_style=flow or None)


_FrontMatterDumper.add_representer(list, _represent_list)
_FrontMatterDumper.add_representer(dict, _represent_dict)


def dump_yaml(metadata: dict) -> str:
    """Serialise front matter deterministically (dates as `dt.date` print unquoted)."""
    return yaml.dump(
        metadata,
        Dumper=_FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100_000,
        default_flow_style=False,
    )

