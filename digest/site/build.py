"""Render the whole bilingual site from the model: every page, feed, the sitemap and robots.txt.

`render_site` puts {output path: text} into a mapping the caller gives (the Pelican plugin passes
one that writes each file as it arrives, so the site is never held in memory at once).
"""
from __future__ import annotations

import datetime as dt
import gettext
import hashlib
import itertools
import json
import marshal
import math
from collections import Counter
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from functools import cached_property

import jinja2
from markupsafe import Markup

from digest.site import bilingual, editions, email, i18n, lookups, pages, related, search, urls, views
from digest.site.feeds import EPOCH, Channel, FeedItem, absolutize, render_feeds
from digest.site.model import Site
from digest.site.sitemap import render_sitemap
from digest.site.views import Links

# Python-side interface strings; extracted with the templates' strings (see i18n.untranslated).
N_ = lambda text: text  # noqa: E731  (marks a string for extraction without translating it yet)
HOME_HEADING = N_("Latest policy digests")
PAGE_N = N_("page %(number)s")
NOT_FOUND = N_("Page not found")
SEARCH = N_("Search")
SITE_DESCRIPTION = N_("Guangdong industrial policy, digested in English and Chinese")
EDITIONS = N_("Editions")
EDITIONS_DESCRIPTION = N_("The digest week by week: each edition is one week's articles by industry, with the editor's note")
TRANSLATED = N_("Also in %(languages)s")
ORIGINAL_ONLY = N_("Only in %(language)s")
FOREIGN = N_("In %(language)s")
FEED_ICON = "logo.png"  # in the theme's static files: a PNG, the one format every reader (and RSS <image>) takes
ITEM_TEMPLATE = "partials/article_item.html"
NOTE_TEMPLATE = "partials/editor_note.html"
READ_NEXT_TEMPLATE = "partials/read_next.html"


@dataclass(frozen=True)
class Options:
    per_page: int = 10
    static_dir: str = "theme"
    feed_items: int = 50  # newest entries per feed; subscribers need recent items, not the archive
    shard_pages: int = search.SHARD_PAGES  # months share a search shard up to this many pages
    edition_feed_items: int = 10  # newest editions in the editions feeds; each entry is a whole edition
    email_budget: int = email.BUDGET  # bytes of an edition's email copy
    report_url: str | None = None  # where readers report an error (DIGEST_REPORT_URL), if the project has said
    related: int = related.DEFAULT_COUNT  # related articles under each article (DIGEST_RELATED)


@dataclass
class PageMemo:
    """Skip rendering a page whose inputs are what they were last time.

    A page's key is made from what decides it: for pages made from articles, the source keys of
    those articles and the page's place (number, title); for the others, their whole context.
    Everything else a page depends on (theme, vocabularies, code, settings) is in the build
    signature, and a build with another signature starts with an empty memo.
    `previous` maps output path to the key of its last rendering; `current` collects this build's.
    Pages skipped this way come back as None in render_site's result: the file on disk is current.
    """

    previous: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    skipped: int = 0

    def key(self, template: str, context: dict) -> str:
        # marshal format 2 has no back-references, so equal contexts give equal bytes, and it is
        # several times faster than JSON; contexts are plain dicts, lists, strings and numbers.
        try:
            data = marshal.dumps((template, context), 2)
        except ValueError:
            data = json.dumps([template, context], sort_keys=True, default=str).encode()
        return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Plan:
    """Where each language tree's pages sit: its search shards by month and its related-articles index.

    Both are made from the articles' slugs, dates, statuses and terms only, never their text, so a
    text edit leaves the plan as it was (digest.site.live keeps the last one)."""
    shards: dict[str, dict[search.Month, str]]  # {lang: {(year, month): search shard}}
    indexes: dict[str, related.RelatedIndex]


def month(entry) -> search.Month:
    return entry.date.year, entry.date.month


def plan(site: Site, options: Options = Options()) -> Plan:
    """The site's Plan: shards sized by `options.shard_pages`, related articles among the published."""
    codes = site.languages.codes
    shards = {lang: search.shard_names(Counter(month(entry) for entry in site.in_language(lang)), options.shard_pages)
              for lang in codes}
    # a preview's drafts are shown, but no article points to one
    published = {lang: [entry for entry in site.listing(lang) if entry.published] for lang in codes}
    return Plan(shards, related.indexes(published, site.vocabularies.keys))


def _renderers(site: Site, env: jinja2.Environment, links: Links, translations: dict[str, gettext.NullTranslations],
               options: Options, memo: PageMemo, files: MutableMapping[str, str | None], layout: Plan) -> dict[str, _Renderer]:
    lookups.install(env)
    return {lang: _Renderer(env, site, lang, links, options, files, translations[lang], memo, layout.shards, layout.indexes[lang])
            for lang in site.languages.codes}


def render_site(site: Site, env: jinja2.Environment, links: Links, translations: dict[str, gettext.NullTranslations],
                options: Options = Options(), memo: PageMemo | None = None,
                files: MutableMapping[str, str | None] | None = None,
                after_articles: Callable[[str, str, list[tuple[str, str]]], None] | None = None,
                layout: Plan | None = None) -> MutableMapping[str, str | None]:
    """{output path: text}, or None for a page the memo says is unchanged on disk.

    `after_articles(lang, shard, pages)` is called once every article page of that language and
    search shard (a run of months, see search.shard_names) is in `files`: indexing can start.
    `pages` are (output path, key of what the search index takes from the page: see _Renderer.article).
    `layout`: the site's Plan, when the caller has made it already.
    """
    files = {} if files is None else files
    sitemap_pages: list[dict[str, str]] = []  # each {lang: path}, in the languages' order
    memo = memo or PageMemo()
    codes = site.languages.codes
    shards = (layout := layout or plan(site, options)).shards
    renderers = _renderers(site, env, links, translations, options, memo, files, layout)
    # Article pages first, a shard at a time, so each search shard can start while the rest renders.
    # Oldest first: the last shard to start is then the current, usually smallest, year.
    for lang, renderer in renderers.items():
        i18n.install(env, translations[lang])
        oldest_first = reversed(site.in_language(lang))
        for shard, entries in itertools.groupby(oldest_first, key=lambda entry: shards[lang][month(entry)]):
            written = [renderer.article(entry) for entry in entries]
            if after_articles:
                after_articles(lang, shard, written)
        renderer.articles_done()
    for lang in codes:
        # popped: what a language's renderer remembers (summaries, listing items, feed entries, an
        # entry each) goes once its last page is made (at 10,000 articles, some 80 MB a tree)
        renderer = renderers.pop(lang)
        _ = translations[lang].gettext
        i18n.install(env, translations[lang])
        renderer.bilingual_pages({code: translations[code].gettext for code in codes})
        renderer.home()
        for taxonomy in site.vocabularies.taxonomies:
            renderer.term_index(taxonomy)
            for term in site.terms(taxonomy.key):
                renderer.term(taxonomy, term)
        renderer.editions()
        renderer.not_found()
        renderer.search_page()
        renderer.about()
        title = links.name(lang)
        renderer.feeds(site.in_language(lang), title, _(SITE_DESCRIPTION), urls.home(lang))
    sitemap_pages.append({lang: urls.home(lang) for lang in codes})
    sitemap_pages.append({lang: urls.search(lang) for lang in codes})
    about = {lang: urls.page(lang, pages.ABOUT) for lang in codes if (pages.ABOUT, lang) in site.pages}
    if about:
        sitemap_pages.append(about)
    for slug, versions in sorted(site.by_slug.items()):
        sitemap_pages.append({lang: urls.article(lang, slug) for lang in versions})
    for kind in site.vocabularies.keys:
        sitemap_pages.append({lang: urls.term_index(lang, kind) for lang in codes})
        sitemap_pages.extend({lang: urls.term(lang, kind, t.slug) for lang in codes} for t in site.terms(kind))
    sitemap_pages.append({lang: urls.editions(lang) for lang in codes})
    sitemap_pages.extend({lang: urls.edition(lang, edition.id) for lang in codes}
                         for edition in editions.editions(site.listing(site.languages.default.code)))
    files["sitemap.xml"] = render_sitemap(sitemap_pages, links.abs, {language.code: language.tag for language in site.languages})
    files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {links.abs('sitemap.xml')}\n"
    return files


def render_showing(site: Site, env: jinja2.Environment, links: Links, translations: dict[str, gettext.NullTranslations],
                   options: Options, memo: PageMemo, files: MutableMapping[str, str | None], slugs: set[str],
                   layout: Plan) -> MutableMapping[str, str | None]:
    """Only the pages that show the articles `slugs` in full or in a list, in every language tree:
    their article pages and bilingual views, the home listing, their terms' listings and feeds, and
    their weeks' editions. Placed as `layout` says, so only for edits that keep the site's plan.

    The quick refresh after a text edit (digest.site.live) writes these first; the rest of the
    site (the whole-site feeds, related links on other articles, e-mail copies, search) waits for
    the full build that follows it, as do pages a memo says are unchanged."""
    renderers = _renderers(site, env, links, translations, options, memo, files, layout)
    gettexts = {code: translations[code].gettext for code in site.languages.codes}
    for lang, renderer in renderers.items():
        i18n.install(env, translations[lang])
        for slug in slugs:
            if lang in site.versions(slug):
                renderer.article(site.versions(slug)[lang])
        renderer.bilingual_pages(gettexts, only=slugs)
        renderer.home()
        shown = [entry for entry in site.listing(lang) if entry.slug in slugs]
        for taxonomy in site.vocabularies.taxonomies:
            for slug in sorted({term for entry in shown for term in entry.terms(taxonomy.key)}):
                renderer.term(taxonomy, site.vocabularies.term(taxonomy.key, slug))
        every = editions.editions(site.listing(lang))
        for index, edition in enumerate(every):
            if any(entry.slug in slugs for entry in edition.entries):
                renderer.edition(edition, *related.older_and_newer(every, index))
    return files


class _Renderer:
    """Renders the pages of one language into `files`."""

    def __init__(self, env: jinja2.Environment, site: Site, lang: str, links: Links, options: Options,
                 files: MutableMapping[str, str | None], translations: gettext.NullTranslations, memo: PageMemo,
                 shards: dict[str, dict[search.Month, str]], related_index: related.RelatedIndex):
        self.env, self.site, self.lang, self.links, self.options, self.files = env, site, lang, links, options, files
        self.related_index = related_index  # this language tree's, maybe shared with the other (see related.indexes)
        self.in_tree = {entry.slug: entry for entry in site.listing(lang) if entry.published}
        self.primary = site.vocabularies.primary.key  # industries: an article's previous and next are its lead industry's
        self.sequences: dict[str, dict[str, tuple]] = {}  # lead industry -> {slug: (older, newer)}
        self.related_items: dict[tuple, str] = {}  # (slug, lang) and (slug, lang, rel): rendered links
        self.sequence_headings: dict[str, str] = {}
        self.shards = shards  # {lang: {(year, month): search shard}}
        self.static_dir = options.static_dir
        self.gettext, self.ngettext, self.memo = translations.gettext, translations.ngettext, memo
        # An article is listed on the home page and on each of its terms' pages: its summary and its
        # listing item are made once per language (and heading level), however many pages list it.
        self.summaries: dict[tuple[str, str], dict] = {}
        self.items: dict[tuple[str, str, int], str] = {}
        self.source_keys: dict[tuple[str, str], tuple] = {}
        self.bodies: dict[str, str] = {}  # edition id -> its body, for the page and the feed
        self.notes: dict[str, str] = {}  # edition id -> its note in this language, rendered
        self.refs: dict[editions.Week, dict] = {}
        self.feed_items: dict[tuple[str, str], FeedItem] = {}  # an article is in the all feed and each of its terms'
        self.around = views.site_context(lang, links, self.static_dir, (pages.ABOUT, lang) in site.pages,
                                         site.vocabularies.taxonomies)

    def summary(self, entry) -> dict:
        key = (entry.slug, entry.lang)
        if key not in self.summaries:
            self.summaries[key] = views.article_summary(entry, self.lang, self.site, self.links)
        return self.summaries[key]

    def item(self, entry, level: int) -> str:
        """The article's listing item; HTML from an autoescaped template, so the listing marks it safe."""
        key = (entry.slug, entry.lang, level)
        if key not in self.items:
            self.items[key] = self.env.get_template(ITEM_TEMPLATE).render(article=self.summary(entry), level=level)
        return self.items[key]

    def sources(self, entry) -> tuple:
        """What the entry's page, listing item and feed entries are made from: its text, what they show
        of its other versions, and its update (git's answer may change with the text unchanged)."""
        key = (entry.slug, entry.lang)
        if key not in self.source_keys:
            updated = self.site.updated(entry)
            self.source_keys[key] = (entry.lang, entry.source_key, updated and updated.isoformat(),
                                     *views.other_versions(entry, self.site))
        return self.source_keys[key]

    def write(self, template: str, page: dict, **context) -> str:
        """A page decided by its whole context (the few pages not made from articles)."""
        full = {**self.around, "page": page, **context}
        return self.write_from(template, page["path"], full, lambda: (page, context))

    def write_from(self, template: str, page_path: str, inputs, make: Callable[[], tuple[dict, dict]]) -> str:
        """Render into files unless the memo has the page; return its output path.

        The memo key is made from `inputs` (see PageMemo); `make()` returns the page info and the
        context, so a page the memo skips costs none of that work.
        """
        path = urls.output_file(page_path)
        key = self.memo.key(template, {"lang": self.lang, "inputs": inputs})
        self.memo.current[path] = key
        if self.memo.previous.get(path) == key:
            self.memo.skipped += 1
            self.files[path] = None
        else:
            page, context = make()
            self.files[path] = self.env.get_template(template).render({**self.around, "page": page, **context})
        return path

    def paginate(self, entries, page_path, template: str, title: str, paths_for, feeds, level: int,
                 first: dict | None = None, **context):
        """Listing pages of `entries`, `per_page` each; `level` is the heading level of each item's title.

        `first` is context for the first page only (the home page's editor's note).
        """
        per_page = self.options.per_page
        total = max(1, math.ceil(len(entries) / per_page))
        for number in range(1, total + 1):
            chunk = entries[(number - 1) * per_page: number * per_page]
            page_title = title if number == 1 else f"{title} · {self.gettext(PAGE_N) % {'number': number}}"
            extra = {**context, **(first or {})} if number == 1 else context

            def make(chunk=chunk, number=number, page_title=page_title, extra=extra):
                page = views.page_info(self.lang, self.links, page_title, paths_for(number), feeds)
                return page, {"items": [self.item(e, level) for e in chunk], "level": level,
                              "pagination": views.pagination(page_path, number, total, self.links), **extra}

            inputs = {"title": page_title, "number": number, "total": total, "context": extra,
                      "articles": [self.sources(e) for e in chunk]}
            self.write_from(template, page_path(number), inputs, make)

    def home(self) -> None:
        heading = self.gettext(HOME_HEADING)
        feeds = views.feed_links(self.lang, self.links, self.links.name(self.lang))
        self.paginate(self.site.listing(self.lang), lambda n: urls.home(self.lang, n), "index.html", heading,
                      lambda n: {lang: urls.home(lang, n) for lang in self.site.languages.codes}, feeds, 2,
                      first={"latest_note": self.latest_note()}, heading=heading)

    def latest_note(self) -> dict | None:
        """The note of the newest edition in this language, for the home page, or None."""
        listing = self.site.listing(self.lang)
        week = editions.week_of(listing[0].date) if listing else None
        note = self.site.notes.get((week.id, self.lang)) if week else None
        if note is None:
            return None
        return {"note": self.note(note), "edition": self.edition_ref(week)}

    def edition_ref(self, week: editions.Week) -> dict:
        """How pages name an edition and link to it; made once per week (every article page names its own)."""
        if week not in self.refs:
            self.refs[week] = views.edition_ref(week, self.lang, self.links, self.gettext)
        return self.refs[week]

    def note(self, note) -> str:
        """The note's heading, text and byline, rendered once for the edition's body and the home page."""
        key = note.meta["edition"]
        if key not in self.notes:
            self.notes[key] = self.env.get_template(NOTE_TEMPLATE).render(note=views.note_view(note, self.lang, self.links))
        return self.notes[key]

    def article(self, entry) -> tuple[str, str]:
        """Write the article's page: its output path, and the key of what the search index takes from it.

        The index takes the article's own text (title, body, filters), not the links to other articles
        at its end: a page re-rendered because an article it links to was retitled, or another article
        became related, leaves its search shard as it was."""
        industry = editions.lead_term(entry, self.primary)
        older, newer = self.sequence(industry).get(entry.slug, (None, None)) if industry else (None, None)
        # related articles but those the industry's previous and next already link to
        count = self.options.related
        near = [self.in_tree[slug] for slug in self.related_index.related(entry.slug, count + 2)
                if slug not in {older and older.slug, newer and newer.slug}][:count]

        def make():
            langs = [entry.lang, *(other for other, _ in views.other_versions(entry, self.site))]
            paths = {lang: urls.article(lang, entry.slug) for lang in langs}
            page = views.page_info(self.lang, self.links, entry.title, paths,
                                   views.feed_links(self.lang, self.links, self.links.name(self.lang)),
                                   description=entry.meta.get("summary"), og=views.open_graph(entry, self.links))
            detail = views.article_detail(entry, self.summary(entry), self.site, self.links, self.gettext)
            edition = self.edition_ref(editions.week_of(entry.date))
            # made apart and passed as one string: included, its many small pieces would each pass
            # up through article.html's and base.html's generators; each link is made once
            read_next = self.read_next.read_next(
                Markup("\n        ".join(self.related_item(other) for other in near)),
                self.sequence_heading(industry) if older or newer else "",
                older and self.sequence_link(older, "prev"), newer and self.sequence_link(newer, "next"), self.sequence_labels)
            return page, {"article": {**detail, "edition": edition, **views.article_facts(entry, self.site, self.lang),
                                      "read_next": read_next}}

        # What the page shows of the articles it links to: their titles, dates and languages (not
        # their text: an edit to an article's body changes no other page).
        shown = lambda other: other and (other.slug, other.lang, other.title, other.meta["date"])  # noqa: E731
        inputs = (self.sources(entry), [shown(other) for other in near], industry, shown(older), shown(newer))
        path = self.write_from("article.html", urls.article(self.lang, entry.slug), inputs, make)
        return path, self.memo.key("search", {"lang": self.lang, "inputs": self.sources(entry)})

    def articles_done(self) -> None:
        """Forget what only article pages use (the links at their end), once they are all made."""
        self.related_items.clear()
        self.sequences.clear()
        self.sequence_headings.clear()

    @cached_property
    def read_next(self):
        """partials/read_next.html's macros in this language (made once the language's gettext is installed)."""
        return self.env.get_template(READ_NEXT_TEMPLATE).make_module()

    def related_item(self, entry) -> str:
        """The entry as a related article, rendered once (each is related to several articles)."""
        key = (entry.slug, entry.lang)
        if key not in self.related_items:
            self.related_items[key] = self.read_next.related_item(self.summary(entry))
        return self.related_items[key]

    def sequence_link(self, entry, rel: str) -> str:
        """A link to the entry as its industry's previous ('prev') or next ('next') article, rendered once per rel."""
        key = (entry.slug, entry.lang, rel)
        if key not in self.related_items:
            self.related_items[key] = self.read_next.sequence_link(self.summary(entry), rel)
        return self.related_items[key]

    @cached_property
    def sequence_labels(self) -> tuple[str, str]:
        return self.read_next.previous_label(), self.read_next.next_label()

    def sequence_heading(self, industry: str) -> str:
        """"More in <industry>", made once per industry."""
        if industry not in self.sequence_headings:
            term = self.site.vocabularies.term(self.primary, industry)
            self.sequence_headings[industry] = self.read_next.sequence_heading(views.term_link(self.primary, term, self.lang, self.links))
        return self.sequence_headings[industry]

    def sequence(self, industry: str) -> dict[str, tuple]:
        """{slug: (older, newer)} of this language's articles in the industry, made once per industry."""
        if industry not in self.sequences:
            self.sequences[industry] = related.sequence(
                [entry for entry in self.site.in_language(self.lang, self.primary, industry) if entry.published])
        return self.sequences[industry]

    def bilingual_pages(self, gettexts: dict, only: set[str] | None = None) -> None:
        """Each article published in both languages, side by side: made from the two versions' texts alone.
        `gettexts`: each language's, for the translation's credit line in its own language; `only`: these slugs' alone."""
        for slug, versions in bilingual.pairs(self.site, self.lang, only):
            def make(versions=versions, slug=slug):
                entry = versions[self.lang]
                paths = {lang: urls.bilingual(lang, slug) for lang in self.site.languages.codes
                         if bilingual.has_view(self.site, slug, lang)}
                page = views.page_info(self.lang, self.links, entry.title, paths,
                                       views.feed_links(self.lang, self.links, self.links.name(self.lang)),
                                       description=entry.meta.get("summary"))
                return page, {"bilingual": bilingual.view(self.lang, versions, self.site, self.links, gettexts)}

            inputs = [(lang, entry.source_key) for lang, entry in sorted(versions.items())]
            self.write_from("bilingual.html", urls.bilingual(self.lang, slug), inputs, make)

    def term_index(self, taxonomy) -> None:
        site, kind = self.site, taxonomy.key
        heading = self.gettext(taxonomy.labels.title)
        terms, also = views.with_articles([
            views.term_summary(t, kind, self.lang, len(site.listing(self.lang, kind, t.slug)), self.links, self.gettext)
            for t in site.terms(kind)])
        page = views.page_info(self.lang, self.links, heading, {lang: urls.term_index(lang, kind) for lang in self.site.languages.codes})
        self.write("term_index.html", page, kind=kind, heading=heading, terms=terms, also=also)

    def term(self, taxonomy, term) -> None:
        site, kind = self.site, taxonomy.key
        entries = site.listing(self.lang, kind, term.slug)
        name = term.name[self.lang]
        title = f"{name} · {self.gettext(taxonomy.labels.title)}"
        feed_title = self.gettext(taxonomy.labels.feed) % {"site": self.links.name(self.lang), "name": name}
        feeds = views.feed_links(self.lang, self.links, feed_title, kind, term.slug)
        # The header names the articles that attest each post, on every page of the listing: `detail`
        # is in each page's memo key (the paginate context), so their titles and dates are too.
        detail = views.term_detail(term, kind, self.lang, entries, self.links, self.gettext)
        self.paginate(entries, lambda n: urls.term(self.lang, kind, term.slug, n), "term.html", title,
                      lambda n: {lang: urls.term(lang, kind, term.slug, n) for lang in self.site.languages.codes}, feeds, 3,
                      kind=kind, term=detail, heading=name)
        description = term.description.get(self.lang) or name
        self.feeds(site.in_language(self.lang, kind, term.slug), feed_title, description,
                   urls.term(self.lang, kind, term.slug), kind, term.slug)

    def feeds(self, entries, title: str, description: str, page_path: str, kind=None, slug=None) -> None:
        """Atom, RSS and JSON Feed of the newest entries; skipped when their inputs are unchanged.

        An entry shows its other versions (`sources`); an empty feed is dated by the language's newest day."""
        entries = entries[: self.options.feed_items]
        paths = {fmt: urls.feed(self.lang, fmt, kind, slug) for fmt in urls.FEED_FORMATS}
        inputs = [title, description, page_path, [self.sources(e) for e in entries],
                  None if entries else self.newest_day.isoformat()]
        self.write_many("feeds", paths, inputs, lambda: render_feeds(
            [self.feed_item(e) for e in entries], self.channel(title, description, page_path, paths)))

    def feed_item(self, entry) -> FeedItem:
        key = (entry.slug, entry.lang)
        if key not in self.feed_items:
            self.feed_items[key] = views.article_feed_item(entry, self.site, self.links, self.gettext)
        return self.feed_items[key]

    @cached_property
    def newest_day(self) -> dt.date:
        """The newest day (published or updated) of this language's articles: when an empty feed was last as new."""
        return max(map(self.site.last_change, self.site.in_language(self.lang)), default=EPOCH)

    def channel(self, title: str, description: str, page_path: str, paths: dict[str, str]) -> Channel:
        return Channel(lang=self.site.languages[self.lang].tag, title=title, description=description, page_url=self.links.abs(page_path),
                       feed_urls={fmt: self.links.abs(path) for fmt, path in paths.items()},
                       icon_url=self.links.abs(f"{self.static_dir}/{FEED_ICON}"),
                       updated_when_empty=self.newest_day)

    def write_many(self, name: str, paths: dict[str, str], inputs, make: Callable[[], dict[str, str]]) -> None:
        """Files made together from one set of inputs (a feed's three formats, an email copy's two parts):
        `make()` returns {name: text} for the names of `paths`, unless the memo has them all."""
        key = self.memo.key(name, {"lang": self.lang, "inputs": inputs})
        self.memo.current.update({path: key for path in paths.values()})
        if all(self.memo.previous.get(path) == key for path in paths.values()):
            self.memo.skipped += len(paths)
            self.files.update(dict.fromkeys(paths.values()))
            return
        self.files.update({paths[name]: text for name, text in make().items()})

    def editions(self) -> None:
        """The editions index, every edition's page and email copy, and the editions feeds."""
        every = editions.editions(self.site.listing(self.lang))
        for index, edition in enumerate(every):
            self.edition(edition, *related.older_and_newer(every, index))
            self.edition_email(edition)
        self.editions_index(every)
        self.edition_feeds(every[: self.options.edition_feed_items])

    def edition_inputs(self, edition: editions.Edition) -> dict:
        """What an edition's body is made from: its articles and the notes of both languages."""
        notes = {lang: note.source_key for lang in self.site.languages.codes if (note := self.site.notes.get((edition.id, lang)))}
        return {"id": edition.id, "articles": [self.sources(e) for e in edition.entries], "notes": notes}

    def edition_body(self, edition: editions.Edition) -> str:
        """The note and the articles by industry: the page's body and the feed entry's content."""
        if edition.id not in self.bodies:
            self.bodies[edition.id] = self.render_edition_body(edition)
        return self.bodies[edition.id]

    def render_edition_body(self, edition: editions.Edition) -> str:
        note = self.site.notes.get((edition.id, self.lang))
        groups = views.edition_groups(edition, self.lang, self.site, self.links, self.gettext,
                                      lambda entries: [self.item(e, 3) for e in entries])
        return self.env.get_template("partials/edition_body.html").render(
            note=self.note(note) if note else None, other_note=views.other_note(edition.id, self.lang, self.site, self.links), groups=groups)

    def edition(self, edition: editions.Edition, older, newer) -> None:
        def make():
            ref = self.edition_ref(edition.week)
            count = self.article_count(len(edition.entries))
            page = views.page_info(self.lang, self.links, ref["title"], paths, feeds, description=f"{ref['dates']} · {count}")
            neighbours = {name: self.edition_ref(other.week) if other else None
                          for name, other in (("older", older), ("newer", newer))}
            return page, {"edition": {**ref, **neighbours, "count": len(edition.entries),
                                      "email_url": self.links.href(urls.edition_email(self.lang, edition.id)),
                                      "text_url": self.links.href(urls.edition_email(self.lang, edition.id, "txt"))},
                          "body": self.edition_body(edition)}

        paths = {lang: urls.edition(lang, edition.id) for lang in self.site.languages.codes}
        feeds = self.editions_feed_links()
        inputs = {**self.edition_inputs(edition), "older": older and older.id, "newer": newer and newer.id}
        self.write_from("edition.html", paths[self.lang], inputs, make)

    def editions_feed_title(self) -> str:
        return f"{self.links.name(self.lang)} · {self.gettext(EDITIONS)}"

    def editions_feed_links(self) -> list[dict]:
        return views.feed_links(self.lang, self.links, self.editions_feed_title(),
                                url_for=lambda fmt: urls.editions_feed(self.lang, fmt))

    def article_count(self, count: int) -> str:
        return self.ngettext("%(num)d article", "%(num)d articles", count) % {"num": count}

    def language_status(self, summary: dict) -> str:
        if summary["is_foreign"]:
            return self.gettext(FOREIGN) % {"language": summary["lang_name"]}
        if summary["translations"]:
            return self.gettext(TRANSLATED) % {"languages": ", ".join(t["lang_name"] for t in summary["translations"])}
        return self.gettext(ORIGINAL_ONLY) % {"language": summary["lang_name"]}

    def edition_email(self, edition: editions.Edition) -> None:
        """email.html (under email.BUDGET) and email.txt, made from one context."""
        def make() -> dict[str, str]:
            ref = self.edition_ref(edition.week)
            note = self.site.notes.get((edition.id, self.lang))
            groups = views.edition_groups(edition, self.lang, self.site, self.links, self.gettext, lambda entries: [
                {**self.summary(e), "status": self.language_status(self.summary(e))} for e in entries])
            context = {
                "lang": self.lang, "html_lang": self.site.languages[self.lang].tag, "site_name": self.links.name(self.lang),
                "home_url": self.links.href(urls.home(self.lang)),
                "edition": {**ref, "web_url": ref["url"]}, "count": len(edition.entries),
                "note": email.styled_note(views.note_view(note, self.lang, self.links)) if note else None,
                "other_note": views.other_note(edition.id, self.lang, self.site, self.links),
                "groups": groups, "compact": False, "more": 0,
                "feeds": {fmt: self.links.href(urls.editions_feed(self.lang, fmt)) for fmt in urls.FEED_FORMATS},
            }
            template = self.env.get_template("email.html")
            html, fitted = email.fit(template.render, context, self.options.email_budget)
            return {"html": html, "txt": email.plain_text(fitted, self.gettext, email.absolutizer(self.links.abs("")))}

        paths = {ext: urls.edition_email(self.lang, edition.id, ext) for ext in ("html", "txt")}
        self.write_many("email", paths, self.edition_inputs(edition), make)

    def editions_index(self, every: list[editions.Edition]) -> None:
        heading = self.gettext(EDITIONS)
        years = [{"year": year, "editions": [views.edition_summary(e, self.lang, self.site, self.links, self.gettext)
                                             for e in group]}
                 for year, group in itertools.groupby(every, key=lambda e: e.week.year)]
        page = views.page_info(self.lang, self.links, heading, {lang: urls.editions(lang) for lang in self.site.languages.codes},
                               self.editions_feed_links(), description=self.gettext(EDITIONS_DESCRIPTION))
        self.write("editions.html", page, heading=heading, years=years)

    def edition_feeds(self, recent: list[editions.Edition]) -> None:
        """One entry per edition, its content the edition's body; dated by the edition's last significant change."""
        title = self.editions_feed_title()
        description = self.gettext(EDITIONS_DESCRIPTION)
        paths = {fmt: urls.editions_feed(self.lang, fmt) for fmt in urls.FEED_FORMATS}

        def item(edition: editions.Edition) -> FeedItem:
            ref = self.edition_ref(edition.week)
            url = self.links.abs(urls.edition(self.lang, edition.id))
            notes = [note for lang in self.site.languages.codes if (note := self.site.notes.get((edition.id, lang)))]
            top = editions.top_terms(edition.entries, self.primary, self.site.vocabularies.order(self.primary))
            names = [self.site.vocabularies.term(self.primary, slug).name[self.lang] for slug in top]
            count = self.article_count(len(edition.entries))
            return FeedItem(url=url, title=f"{ref['title']} · {ref['dates']}", summary=" · ".join([count, *names]),
                            content_html=absolutize(self.edition_body(edition), url), published=edition.published,
                            updated=editions.updated(edition, notes, self.site.last_change), categories=names)

        inputs = [title, description, [self.edition_inputs(edition) for edition in recent]]
        self.write_many("edition-feeds", paths, inputs, lambda: render_feeds(
            [item(edition) for edition in recent], self.channel(title, description, urls.editions(self.lang), paths)))

    def search_page(self) -> None:
        heading = self.gettext(SEARCH)
        page = views.page_info(self.lang, self.links, heading, {lang: urls.search(lang) for lang in self.site.languages.codes})
        # "The other language" of the search page is its counterpart (Languages.counterpart): a derived
        # language's source indexes the same articles in another script, so its readers are offered
        # the language the digest translates them from or into.
        languages = self.site.languages
        other = languages.counterpart(self.lang)
        context = {
            "bundles": self.bundles(self.lang),
            "other_bundles": self.bundles(other) if other else [],
            "site_root": self.links.href(""),
            "index_lang": languages[self.lang].search_index,
            "other_index_lang": languages[other].search_index if other else "",
            "other_lang_name": languages[other].name if other else "",
            "other_html_lang": languages[other].tag if other else "",
            "other_url": self.links.href(urls.search(other)) if other else "",
            "script_url": self.links.href(f"{self.static_dir}/js/search.js"),
            # each taxonomy's filter (data-pagefind-filter on article pages) and its legend's msgid
            "filters": [{"name": taxonomy.filter, "label": taxonomy.labels.one} for taxonomy in self.site.vocabularies.taxonomies],
        }
        self.write("search.html", page, heading=heading, search=context)

    def bundles(self, lang: str) -> list[dict]:
        """The search shards of `lang`, newest first (the browser reads the first alone, then older
        ones as it needs them): each with its URL, its number of pages and its first month."""
        shard_of = self.shards[lang]
        pages = Counter(shard_of[month(entry)] for entry in self.site.in_language(lang))
        first: dict[str, search.Month] = {}
        for key, shard in sorted(shard_of.items()):
            first.setdefault(shard, key)
        return [{"url": self.links.href(search.bundle(lang, shard)), "pages": pages[shard], "from": "%04d-%02d" % first[shard]}
                for shard in sorted(first, key=first.__getitem__, reverse=True)]

    def about(self) -> None:
        """The about page, when this language has one: the editors' Markdown, and what the digest follows from data/*.yaml.

        Its key is the texts of its language versions (the switcher and hreflang show which exist) and
        the report URL; the vocabularies and the rest are in the build signature."""
        page = self.site.pages.get((pages.ABOUT, self.lang))
        if page is None:
            return
        versions = {lang: version.source_key for lang in self.site.languages.codes
                    if (version := self.site.pages.get((pages.ABOUT, lang)))}

        def make():
            paths = {lang: urls.page(lang, pages.ABOUT) for lang in versions}
            info = views.page_info(self.lang, self.links, page.meta["title"], paths, description=page.meta["description"])
            coverage = pages.coverage(self.site.vocabularies, self.lang, self.links.href,
                                      {group: self.gettext(label) for group, label in views.GROUP_LABELS.items()})
            intro, sections = pages.split_intro(page.html)
            return info, {"about": {"title": page.meta["title"], "lead": page.meta["description"], "intro": intro,
                                    "sections": sections, "coverage": coverage, "report_url": self.options.report_url}}

        inputs = {"versions": versions, "report_url": self.options.report_url}
        self.write_from("about.html", urls.page(self.lang, pages.ABOUT), inputs, make)

    def not_found(self) -> None:
        page = views.page_info(self.lang, self.links, self.gettext(NOT_FOUND), {lang: urls.not_found(lang) for lang in self.site.languages.codes})
        self.write("404.html", page)
