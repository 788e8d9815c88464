"""Validate front matter against the repository's JSON Schema (schema/front-matter.schema.json).

The same file serves ingest, the Pelican reader, the checks and an editor's IDE.

Two implementations of JSON Schema 2020-12 read it. jsonschema-rs (Rust) answers "is this
valid?" in 3 µs; jsonschema (Python) takes 150 µs, a quarter of reading an article, but its
errors are the ones the messages below are made from. So every document is checked by the fast
one, and only a document it rejects is validated again to say why (jsonschema is imported then,
not before: its import costs more than ingesting a page). Both check formats (`uri` needs
rfc3986-validator on the Python side); should they still disagree, a document the fast one
rejects is not passed: its own reasons are reported.

The taxonomies' keys (industries, officials, places: data/taxonomies.yaml) are not written in the
schema file: each declared key is added to the article schema as a list of slugs (`$defs/slugList`)
when a validator is made, so a taxonomy declared in data is a key the front matter may have.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema_rs

from digest import DATA_DIR, SCHEMA_PATH
from digest.excerpt import clip, shorten_quoted

if TYPE_CHECKING:
    import jsonschema

MESSAGE_LIMIT = 300  # characters: whatever else a message quotes, it stays one readable line
URI_HINT = " (percent-encode spaces, quotes, < > and non-ASCII characters; an IDN host in its xn-- form)"


@dataclass(frozen=True)
class SchemaProblem:
    key: str  # top-level key the problem is about ("" for the whole document)
    message: str


def load_validator(path: Path = SCHEMA_PATH, lists: tuple[str, ...] | None = None,
                   languages: tuple[str, ...] | None = None) -> jsonschema.protocols.Validator:
    """`lists`: keys added to the schema's properties as slug lists (the taxonomies' keys; see
    taxonomy_keys); `languages`: the written languages (see _schema), the file's own list when None."""
    return _python_validator(path, path.stat().st_mtime_ns, taxonomy_keys(path, lists), languages)


def load_fast_validator(path: Path = SCHEMA_PATH, lists: tuple[str, ...] | None = None,
                        languages: tuple[str, ...] | None = None):
    return _fast_validator(path, path.stat().st_mtime_ns, taxonomy_keys(path, lists), languages)


def taxonomy_keys(path: Path, lists: tuple[str, ...] | None) -> tuple[str, ...]:
    """The slug-list keys to add to the schema at `path`: `lists` when given; else, for a schema that
    defines `slugList` (the article schema), the keys data/taxonomies.yaml declares; none for the
    others (notes, pages)."""
    if lists is not None:
        return tuple(lists)
    if "slugList" not in _read(path, path.stat().st_mtime_ns).get("$defs", {}):
        return ()
    declared = DATA_DIR / "taxonomies.yaml"
    return _declared_keys(declared, declared.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _declared_keys(path: Path, _mtime_ns: int) -> tuple[str, ...]:
    from digest.vocab import load_taxonomies  # digest.vocab imports this module

    return tuple(taxonomy.key for taxonomy in load_taxonomies(path.parent))


# All keyed by modification time too: `make serve` builds again after the schema is edited.
@lru_cache(maxsize=8)
def _read(path: Path, _mtime_ns: int) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _schema(path: Path, mtime_ns: int, lists: tuple[str, ...], languages: tuple[str, ...] | None) -> dict:
    """The schema with each of `lists` a slug-list property and, with `languages`, its
    `$defs.language` (front matter's `lang`, `translation.from`) those languages -- the written
    languages of data/languages.yaml -- rather than the file's own list."""
    schema = json.loads(json.dumps(_read(path, mtime_ns)))  # a copy: the cached one stays as the file says
    for key in lists:
        schema["properties"].setdefault(key, {"$ref": "#/$defs/slugList"})
    if languages is not None and "language" in schema.get("$defs", {}):
        schema["$defs"]["language"] = {**schema["$defs"]["language"], "enum": list(languages)}
    return schema


@lru_cache(maxsize=8)
def _python_validator(path: Path, _mtime_ns: int, lists: tuple[str, ...],
                      languages: tuple[str, ...] | None) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = _schema(path, _mtime_ns, lists, languages)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=8)
def _fast_validator(path: Path, _mtime_ns: int, lists: tuple[str, ...], languages: tuple[str, ...] | None):
    """Raises jsonschema_rs.ValidationError for a schema that is not a valid JSON Schema."""
    return jsonschema_rs.validator_for(_schema(path, _mtime_ns, lists, languages), validate_formats=True)


def is_valid(metadata: dict, path: Path = SCHEMA_PATH, lists: tuple[str, ...] | None = None,
             languages: tuple[str, ...] | None = None) -> bool:
    """The fast check; False also for values it cannot take (YAML can make sets, bytes, int keys).
    `lists`, `languages`: see load_validator."""
    validator = load_fast_validator(path, lists, languages)  # a broken schema raises: it does not make every document invalid
    try:
        return validator.is_valid(metadata)
    except (ValueError, TypeError):
        return False


def validate(metadata: dict, path: Path = SCHEMA_PATH, lists: tuple[str, ...] | None = None,
             languages: tuple[str, ...] | None = None) -> list[SchemaProblem]:
    """Every schema violation, most specific first, sorted by key for stable output. `lists`: the
    taxonomies' keys, each a list of slugs (default: data/taxonomies.yaml's, for the article schema);
    `languages`: the written languages (the file's own list when None)."""
    lists = taxonomy_keys(path, lists)
    if is_valid(metadata, path, lists, languages):
        return []
    validator = load_validator(path, lists, languages)
    problems = []
    for error in validator.iter_errors(metadata):
        leaf = _leaf(error)
        where = list(error.absolute_path)
        key = str(where[0]) if where else _missing_key(error)
        problems.append(SchemaProblem(key, _message(where, _python_message(leaf))))
    return sorted(problems or _fast_problems(metadata, path, lists, languages), key=lambda p: (p.key, p.message))


def _leaf(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """The reason to show for an error with alternatives (`oneOf`: a name is a string or {en, zh}):
    the alternative of the value's own type says what is wrong ("'zh' is a required property"),
    not the other one ("is not of type 'string'")."""
    if not error.context:
        return error
    own_type = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
    return min(own_type or error.context, key=lambda e: len(e.relative_path))


def _python_message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, quoting the value (and an unexpected key) as an excerpt."""
    quoted = _repr_or_none(error.instance)
    message = shorten_quoted(error.message, error.instance, quoted) if quoted else error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        for name in error.instance:
            message = shorten_quoted(message, name, repr(name))
    return message + (URI_HINT if error.validator == "format" and error.validator_value == "uri" else "")


def _repr_or_none(value: object) -> str | None:
    """repr(value), or None for a value nested past Python's recursion limit (a 999-deep list,
    a list holding itself): no message quotes such a value whole, so there is nothing to shorten."""
    try:
        return repr(value)
    except RecursionError:
        return None


def _message(where: list, message: str) -> str:
    dotted = ".".join(str(part) for part in where)
    message = f"{dotted}: {message}" if dotted else message
    return clip(message, MESSAGE_LIMIT)


def valid_url(url: str, path: Path = SCHEMA_PATH) -> bool:
    """Whether `url` may be a document's `source.url` (ingest leaves out a page address that may not)."""
    return validate({"slug": "x", "lang": "en", "status": "draft", "source": {"url": url}}, path) == []


def _fast_problems(metadata: dict, path: Path, lists: tuple[str, ...], languages: tuple[str, ...] | None) -> list[SchemaProblem]:
    """jsonschema-rs's reasons, for a document only it rejects."""
    try:
        errors = list(load_fast_validator(path, lists, languages).iter_errors(metadata))
    except (ValueError, TypeError) as error:
        return [SchemaProblem("", _message([], f"front matter holds a value JSON cannot: {error}"))]
    problems = []
    for error in errors:
        where = list(error.instance_path)
        message = shorten_quoted(error.message, error.instance, json.dumps(error.instance, ensure_ascii=False))
        problems.append(SchemaProblem(str(where[0]) if where else "", _message(where, message)))
    return problems


def _missing_key(error: jsonschema.ValidationError) -> str:
    if error.validator == "required" and isinstance(error.instance, dict):
        for name in error.validator_value:
            if name not in error.instance:
                return name
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        for name in error.instance:
            if name not in allowed:
                return name
    return ""
