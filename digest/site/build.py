"""Render the whole bilingual site from the model: every page, feed, the sitemap and robots.txt.

`render_site` returns {output path: text}; writing them is the caller's job (the Pelican plugin).
"""
from __future__ import annotations

import gettext
import math

import jinja2

from digest.site import urls, views
from digest.site.feeds import render_feeds
from digest.site.model import Site
from digest.site.sitemap import render_sitemap
from digest.site.views import Links

# Python-side interface strings; extracted with the templates' strings (see i18n.untranslated).
N_ = lambda text: text  # noqa: E731  (marks a string for extraction without translating it yet)
HOME_HEADING = N_("Latest policy digests")
INDUSTRIES = N_("Industries")
OFFICIALS = N_("Officials")
PAGE_N = N_("page %(number)s")
NOT_FOUND = N_("Page not found")
SEARCH = N_("Search")
SITE_DESCRIPTION = N_("Guangdong industrial policy, digested in English and Chinese")
KIND_TITLES = {"industries": INDUSTRIES, "officials": OFFICIALS}


def render_site(site: Site, env: jinja2.Environment, links: Links, translations: dict[str, gettext.NullTranslations],
                per_page: int = 10, static_dir: str = "theme") -> dict[str, str]:
    files: dict[str, str] = {}
    sitemap_pages: list[dict[str, str]] = []
    for lang in urls.LANGS:
        _ = translations[lang].gettext
        env.install_gettext_translations(translations[lang], newstyle=True)
        renderer = _Renderer(env, site, lang, links, static_dir, files, _)
        renderer.home(site, _, per_page)
        for entry in site.in_language(lang):
            renderer.article(site, entry)
        for kind in urls.KINDS:
            renderer.term_index(site, kind, _)
            for term in site.terms(kind):
                renderer.term(site, kind, term, _, per_page)
        renderer.not_found(_)
        renderer.search(_)
        title = links.names[lang]
        files.update(_feeds(site.in_language(lang), lang, title, _(SITE_DESCRIPTION), urls.home(lang), links, None, None))
    sitemap_pages.append({lang: urls.home(lang) for lang in urls.LANGS})
    sitemap_pages.append({lang: urls.search(lang) for lang in urls.LANGS})
    for slug, versions in sorted(site.by_slug.items()):
        sitemap_pages.append({lang: urls.article(lang, slug) for lang in versions})
    for kind in urls.KINDS:
        sitemap_pages.append({lang: urls.term_index(lang, kind) for lang in urls.LANGS})
        sitemap_pages.extend({lang: urls.term(lang, kind, t.slug) for lang in urls.LANGS} for t in site.terms(kind))
    files["sitemap.xml"] = render_sitemap(sitemap_pages, links.abs)
    files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {links.abs('sitemap.xml')}\n"
    return files


def _feeds(entries, lang, title, description, page_path, links: Links, kind, slug) -> dict[str, str]:
    rendered = render_feeds(entries, lang, title, description, links.abs(page_path),
                            lambda fmt: links.abs(urls.feed(lang, fmt, kind, slug)), links.abs)
    return {urls.feed(lang, fmt, kind, slug): text for fmt, text in rendered.items()}


class _Renderer:
    """Renders the pages of one language into `files`."""

    def __init__(self, env: jinja2.Environment, site: Site, lang: str, links: Links, static_dir: str,
                 files: dict[str, str], gettext):
        self.env, self.site, self.lang, self.links, self.static_dir, self.files = env, site, lang, links, static_dir, files
        self.gettext = gettext

    def write(self, template: str, page: dict, **context) -> None:
        full = {**views.base_context(self.lang, self.links, page, self.static_dir), **context}
        self.files[urls.output_file(page["path"])] = self.env.get_template(template).render(full)

    def paginate(self, entries, per_page: int, page_path, template: str, title: str, paths_for, feeds, **context):
        total = max(1, math.ceil(len(entries) / per_page))
        for number in range(1, total + 1):
            chunk = entries[(number - 1) * per_page: number * per_page]
            page_title = title if number == 1 else f"{title} · {self.gettext(PAGE_N) % {'number': number}}"
            page = views.page_info(self.lang, self.links, page_title, paths_for(number), feeds)
            self.write(template, page, articles=[views.article_summary(e, self.lang, self.site, self.links) for e in chunk],
                       pagination=views.pagination(page_path, number, total, self.links), **context)

    def home(self, site: Site, _, per_page: int) -> None:
        heading = _(HOME_HEADING)
        feeds = views.feed_links(self.lang, self.links, self.links.names[self.lang])
        self.paginate(site.listing(self.lang), per_page, lambda n: urls.home(self.lang, n), "index.html", heading,
                      lambda n: {lang: urls.home(lang, n) for lang in urls.LANGS}, feeds, heading=heading)

    def article(self, site: Site, entry) -> None:
        paths = {lang: urls.article(lang, entry.slug) for lang in site.versions(entry.slug)}
        page = views.page_info(self.lang, self.links, entry.title, paths,
                               views.feed_links(self.lang, self.links, self.links.names[self.lang]),
                               description=entry.meta.get("summary"), og=views.open_graph(entry, self.links))
        self.write("article.html", page, article=views.article_detail(entry, site, self.links))

    def term_index(self, site: Site, kind: str, _) -> None:
        heading = _(KIND_TITLES[kind])
        terms = [views.term_summary(t, kind, self.lang, len(site.listing(self.lang, kind, t.slug)), self.links)
                 for t in site.terms(kind)]
        page = views.page_info(self.lang, self.links, heading, {lang: urls.term_index(lang, kind) for lang in urls.LANGS})
        self.write("term_index.html", page, kind=kind, heading=heading, terms=terms)

    def term(self, site: Site, kind: str, term, _, per_page: int) -> None:
        entries = site.listing(self.lang, kind, term.slug)
        name = term.name[self.lang]
        title = f"{name} · {_(KIND_TITLES[kind])}"
        feed_title = f"{self.links.names[self.lang]} · {name}"
        feeds = views.feed_links(self.lang, self.links, feed_title, kind, term.slug)
        detail = views.term_detail(term, kind, self.lang, len(entries), self.links)
        self.paginate(entries, per_page, lambda n: urls.term(self.lang, kind, term.slug, n), "term.html", title,
                      lambda n: {lang: urls.term(lang, kind, term.slug, n) for lang in urls.LANGS}, feeds,
                      kind=kind, term=detail, heading=name)
        description = term.description.get(self.lang) or name
        self.files.update(_feeds(site.in_language(self.lang, kind, term.slug), self.lang, feed_title, description,
                                 urls.term(self.lang, kind, term.slug), self.links, kind, term.slug))

    def search(self, _) -> None:
        heading = _(SEARCH)
        page = views.page_info(self.lang, self.links, heading, {lang: urls.search(lang) for lang in urls.LANGS})
        search = {
            "bundle_url": self.links.href(urls.SEARCH_BUNDLE),
            "index_lang": urls.SEARCH_INDEX_LANG[self.lang],
            "other_index_lang": urls.SEARCH_INDEX_LANG[urls.other(self.lang)],
            "script_url": self.links.href(f"{self.static_dir}/js/search.js"),
        }
        self.write("search.html", page, heading=heading, search=search)

    def not_found(self, _) -> None:
        page = views.page_info(self.lang, self.links, _(NOT_FOUND), {lang: urls.not_found(lang) for lang in urls.LANGS})
        self.write("404.html", page)
