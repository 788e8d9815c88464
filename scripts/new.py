"""python -m scripts.new --title TITLE --lang en|zh [--date YYYY-MM-DD] [--slug SLUG]
       python -m scripts.new --translate SLUG --lang zh [--by NAME] [--method human|machine]
       python -m scripts.new --edition YYYY-Www --lang en|zh

Scaffold a new article, or the translation of an existing one, as a draft in
content/<lang>/<slug>.md, or an edition's editor's note in content/editions/<YYYY-Www>.<lang>.md.
Its `problems:` list says what is still missing; resolve each, remove the list, and set
`status: published`. Never overwrites an existing file.

A translation names the original's file where its title, summary and body are to be translated, and
holds none of the original's text: nothing of it can reach the other language's page by mistake
(make check refuses a published article that still holds a scaffold's TODO comment).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from digest import NOTE_SCHEMA_PATH, SCHEMA_PATH, schema
from digest.frontmatter import FrontMatterError, parse
from digest.ingest.metadata import make_slug
from digest.ingest.write import atomic_write, make_environment, render_article
from digest.site import editions, markdown
from digest.site.blocks import notes, split_blocks
from digest import languages as site_languages
from digest.vocab import SLUG, Taxonomy, load_taxonomies

DEFAULT_TRANSLATOR = "Digest editors"
TRANSLATE_BODY = ("<!-- TODO: translate the body of {original} into {lang_name} here (the title and summary go "
                  "in the front matter), then delete this comment. -->\n")
NEW_BODY = "<!-- TODO: write the digest here: the source's facts, in plain paragraphs. -->\n"
NOTE_BODY = "<!-- TODO: write the editor's note: what this week's articles add up to, with links to them. -->\n"
LANGUAGES = site_languages.default()  # data/languages.yaml: editors write its written languages
METHODS = ("human", "machine")  # machine+reviewed is what a machine translation becomes once a person reviews it
ASSUMED_METHOD = ("translation.method: 'human' (a person translates) is assumed; write 'machine' if a machine "
                  "translates it, and 'machine+reviewed' with reviewed: YYYY-MM-DD once a person has reviewed that")
REVIEW_MACHINE = ("translation.method: once a person has reviewed the machine translation, write "
                  "'machine+reviewed' and reviewed: YYYY-MM-DD; unreviewed, its page says it was not reviewed")


class NewError(Exception):
    pass


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.new", description=__doc__.split("\n\n")[1])
    parser.add_argument("--lang", required=True, choices=LANGUAGES.written, help="language of the new file")
    parser.add_argument("--title", help="the article's title (new article)")
    parser.add_argument("--date", help="the article's date as the source gives it, YYYY-MM-DD")
    parser.add_argument("--slug", help="ASCII kebab-case slug (default: made from the title)")
    parser.add_argument("--translate", metavar="SLUG", help="scaffold the translation of this existing article")
    parser.add_argument("--edition", metavar="YYYY-Www", help="scaffold the editor's note of this edition (ISO week)")
    parser.add_argument("--by", default=DEFAULT_TRANSLATOR, help=f"translator, for translation.by (default: {DEFAULT_TRANSLATOR})")
    parser.add_argument("--method", choices=METHODS, help="how it is translated, for translation.method "
                        "(without it 'human' is written and listed as a problem to confirm)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    args = parser.parse_args(argv)
    if [bool(args.title), bool(args.translate), bool(args.edition)].count(True) != 1:
        parser.error("give one of --title (a new article), --translate SLUG (a translation) or --edition YYYY-Www (a note)")
    if (args.translate or args.edition) and (args.slug or args.date):
        parser.error("--translate and --edition take no --slug/--date")
    if args.method and not args.translate:
        parser.error("--method is for --translate")
    return args


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise NewError(f"--date {value!r} is not a date in YYYY-MM-DD form") from None


def new_article(title: str, lang: str, date: str | None = None, slug: str | None = None,
                taxonomies: tuple[Taxonomy, ...] | None = None) -> tuple[dict, str]:
    """Front matter and body of a new draft; `problems` lists what an editor still has to supply.
    `taxonomies`: what it may be tagged with (default: data/taxonomies.yaml's), each an empty list."""
    taxonomies = load_taxonomies() if taxonomies is None else taxonomies
    slug = slug or make_slug(title, "article")
    if not SLUG.match(slug):
        raise NewError(f"slug {slug!r} must be lowercase ASCII words joined by hyphens")
    day = _date(date)
    meta: dict = {"title": title, "slug": slug, "lang": lang}
    problems = []
    if day:
        meta["date"] = day
    else:
        problems.append("date: add the article's date (YYYY-MM-DD) exactly as the source gives it")
    meta["source"] = {}
    problems.append("source.name: who published the source; add source.url, and source.file + sha256 if the raw text is in seeds/")
    meta.update({taxonomy.key: [] for taxonomy in taxonomies})
    problems.append(f"{', '.join(taxonomy.key for taxonomy in taxonomies)}: add the slugs from "
                    f"{' and '.join(f'data/{taxonomy.vocabulary}' for taxonomy in taxonomies)}, or leave the lists empty")
    problems.append("summary: add one or two sentences")
    problems.append("body: write the article below the front matter")
    meta["status"] = "draft"
    meta["problems"] = problems
    return meta, NEW_BODY


def translation_of(original: dict, original_path: str, lang: str, by: str, method: str | None = None,
                   paragraphs: int = 0, taxonomies: tuple[Taxonomy, ...] | None = None) -> tuple[dict, str]:
    """Front matter and body of a draft translation, prefilled from the original's front matter; the
    body says where the original is and holds none of its text. `paragraphs`: the original's, for the
    bilingual view."""
    origin = original["lang"]
    if origin == lang:
        raise NewError(f"'{original['slug']}' is already in '{lang}'")
    meta: dict = {"slug": original["slug"], "lang": lang}
    problems = [f"title: translate the title of {original_path}"]
    if original.get("date"):
        meta["date"] = dt.date.fromisoformat(original["date"])
    else:
        problems.append("date: the original has no date yet; add the date the source gives")
    meta["source"] = dict(original.get("source") or {})
    for taxonomy in load_taxonomies() if taxonomies is None else taxonomies:  # the original's terms (data/taxonomies.yaml)
        meta[taxonomy.key] = list(original.get(taxonomy.key) or [])
    problems.append(f"summary: translate the summary of {original_path}" if original.get("summary")
                    else "summary: add one or two sentences")
    problems.append(f"body: translate the body of {original_path} paragraph by paragraph: it has {paragraphs} (headings "
                    f"and list items count one each), and the bilingual view pairs the translation's with them in "
                    f"order; replace the TODO comment")
    if method is None:
        problems.append(ASSUMED_METHOD)
    elif method == "machine":
        problems.append(REVIEW_MACHINE)
    meta["status"] = "draft"
    meta["translation"] = {"from": origin, "by": by, "method": method or "human"}
    meta["problems"] = problems
    return meta, TRANSLATE_BODY.format(original=original_path, lang_name=LANGUAGES[lang].name_in(LANGUAGES.default.code))  # the scaffold's instructions are in the default language


def new_note(edition: str, lang: str) -> tuple[dict, str]:
    """Front matter and body of a draft editor's note for an edition (an ISO week such as 2025-W06)."""
    try:
        week = editions.parse_week(edition)
    except ValueError as error:
        raise NewError(f"--edition: {error}") from None
    problems = ["body: write the note below the front matter; a title: line is optional"]
    return {"edition": week.id, "lang": lang, "status": "draft", "problems": problems}, NOTE_BODY


def find_original(content: Path, slug: str, lang: str) -> tuple[Path, dict]:
    """The existing version of `slug` in another language than `lang`."""
    candidates = [content / other / f"{slug}.md" for other in LANGUAGES.written if other != lang]
    candidates += [p for p in sorted(content.rglob("*.md")) if p not in candidates]
    for path in candidates:
        if not path.is_file():
            continue
        try:
            document = parse(path.read_text(encoding="utf-8"))
        except (FrontMatterError, UnicodeDecodeError):
            continue
        if document.metadata.get("slug") == slug and document.metadata.get("lang") != lang:
            return path, document.metadata
    raise NewError(f"no article with slug '{slug}' in another language than '{lang}' under {content}/")


def _slug_taken(content: Path, slug: str, lang: str) -> Path | None:
    for path in sorted((content / lang).glob("*.md")) if (content / lang).is_dir() else ():
        try:
            meta = parse(path.read_text(encoding="utf-8")).metadata
        except (FrontMatterError, UnicodeDecodeError):
            continue
        if meta.get("slug") == slug and meta.get("lang", lang) == lang:
            return path
    return None


def scaffold(args: argparse.Namespace) -> Path:
    content: Path = args.content
    schema_path = SCHEMA_PATH
    if args.edition:
        meta, body = new_note(args.edition, args.lang)
        target, schema_path = content / editions.NOTES_FOLDER / f"{meta['edition']}.{args.lang}.md", NOTE_SCHEMA_PATH
    elif args.translate:
        path, original = find_original(content, args.translate, args.lang)
        shown = (Path(content.resolve().name) / path.resolve().relative_to(content.resolve())).as_posix()  # content/en/x.md
        blocks = split_blocks(markdown.render(parse(path.read_text(encoding="utf-8")).body, markdown.make_renderer()))
        paragraphs = len(blocks) - len(notes(blocks))
        meta, body = translation_of(original, shown, args.lang, args.by, args.method, paragraphs)
        target = content / args.lang / f"{meta['slug']}.md"
    else:
        meta, body = new_article(args.title, args.lang, args.date, args.slug)
        target = content / args.lang / f"{meta['slug']}.md"
    if target.exists():
        raise NewError(f"{target} already exists; not overwriting it")
    taken = _slug_taken(content, meta["slug"], args.lang) if "slug" in meta else None
    if taken:
        raise NewError(f"slug '{meta['slug']}' is already used in '{args.lang}' by {taken}; choose another with --slug")
    text = render_article(make_environment(), meta, body)
    problems = schema.validate(parse(text).metadata, schema_path)
    if problems:  # pragma: no cover - the scaffold is built to pass; this guards schema changes
        raise NewError("the scaffold does not pass the schema: " + "; ".join(p.message for p in problems))
    atomic_write(target, text)
    return target


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        target = scaffold(args)
    except NewError as error:
        print(f"new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {target} (draft). Resolve each entry of its `problems:` list, delete the list, "
          f"set `status: published`, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
