"""Template contexts: plain dicts the theme renders (theme/README.md documents them)."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field

from digest.site import editions, provenance, urls
from digest.site.feeds import FeedItem, absolutize, credit_html
from digest import languages as site_languages
from digest.languages import Languages
from digest.site.derive import derived_from
from digest.site.i18n import format_day, format_days
from digest.site.model import Entry, Site
from digest.site.provenance import html_lang_of
from digest.vocab import Taxonomy, Term

N_ = lambda text: text  # noqa: E731  (marks a string for extraction; see i18n.template_messages)
EDITION_TITLE = N_("Week %(week)d, %(year)d")
NO_INDUSTRY = N_("Other")
TIMEZONE = "+08:00"  # China Standard Time: the sources' dates are local dates
# Industry groups (data/industries.yaml `group`), named through the catalogue.
GROUP_LABELS = {
    "pillar": N_("Strategic pillar cluster"),
    "emerging": N_("Strategic emerging cluster"),
    "future": N_("Future industry"),
}
# On every page of a derived language (data/languages.yaml): what its text is, and where its source is.
CONVERTED = N_("This page is an automatic conversion of the %(language)s text into this script, not a translation.")
CONVERTED_LINK = N_("Read it in %(language)s")


@dataclass(frozen=True)
class Links:
    siteurl: str  # '' in development: root-relative links
    absolute: str  # always absolute: feeds, sitemap, JSON-LD, Open Graph
    names: dict  # site name per language (see `name` for a language without one)
    languages: Languages = field(default_factory=site_languages.default)  # data/languages.yaml

    def name(self, lang: str) -> str:
        """The site's name in `lang`: its own, else its source's converted (a derived language), else the default language's."""
        if lang in self.names:
            return self.names[lang]
        source = self.languages.written_for(lang)
        if source in self.names:
            return self.languages[lang].convert(self.names[source])
        return self.names[self.languages.default.code]

    def href(self, path: str) -> str:
        return urls.href(self.siteurl, path)

    def abs(self, path: str) -> str:
        return urls.href(self.absolute, path)


def page_info(lang: str, links: Links, title: str, paths: dict[str, str], feeds: list[dict] | None = None,
              description: str | None = None, og: dict | None = None) -> dict:
    """`paths`: this page's path per language it exists in (always including `lang`)."""
    languages = links.languages
    alternates = [{"hreflang": languages[code].tag, "href": links.href(paths[code])} for code in languages.codes if code in paths]
    default = paths.get(languages.default.code, paths[lang])
    alternates.append({"hreflang": "x-default", "href": links.href(default)})
    language = languages[lang]
    return {
        "title": title,
        "description": description,
        "canonical": links.href(paths[lang]),
        "alternates": alternates,
        "switches": [{"url": links.href(paths.get(other, urls.home(other))), "is_same_item": other in paths,
                      "lang_name": languages[other].name, "html_lang": languages[other].tag,
                      "home_label": languages[other].home_label} for other in languages.others(lang)],
        "converted_from": {"language": languages[language.source].name_in(lang), "html_lang": languages[language.source].tag,
                           "url": links.href(paths.get(language.source, urls.home(language.source)))}
        if language.derived else None,
        "feeds": feeds or [],
        "og": og or {},
        "path": paths[lang],
    }


FEED_LABELS = (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed"))


def taxonomy_link(taxonomy: Taxonomy, lang: str, links: Links) -> dict:
    """A taxonomy as the navigation, the 404 and search pages link to its index; `title` and `browse`
    are msgids (the templates translate them)."""
    return {"key": taxonomy.key, "url": links.href(urls.term_index(lang, taxonomy.key)),
            "title": taxonomy.labels.title, "browse": taxonomy.labels.browse}


def site_context(lang: str, links: Links, static_dir: str, about: bool = False,
                 taxonomies: tuple[Taxonomy, ...] = ()) -> dict:
    """What every page of a language shows around its own content, the same on each (so made once per
    language); a page adds itself as `page`. `about`: whether this language has an about page;
    `taxonomies`: what the navigation links to (data/taxonomies.yaml)."""
    language = links.languages[lang]
    return {
        "lang": lang,
        "html_lang": language.tag,
        "lang_name": language.name,
        "dir": language.direction,
        "site": {
            "name": links.name(lang),
            "home_url": links.href(urls.home(lang)),
            "taxonomies": [taxonomy_link(taxonomy, lang, links) for taxonomy in taxonomies],
            "editions_url": links.href(urls.editions(lang)),
            "search_url": links.href(urls.search(lang)),
            "css_url": links.href(f"{static_dir}/css/site.css"),
            "icon_url": links.href(f"{static_dir}/favicon.svg"),
            "about_url": links.href(urls.page(lang, "about")) if about else None,
            "feeds": [{"label": label, "type": urls.FEED_TYPES[fmt], "href": links.href(urls.feed(lang, fmt))}
                      for fmt, label in FEED_LABELS],
        },
    }


def feed_links(lang: str, links: Links, title: str, kind: str | None = None, slug: str | None = None,
               url_for=None) -> list[dict]:
    """The <link rel=alternate> of a page's feeds: its kind and slug's (urls.feed), or `url_for(fmt)`'s."""
    url_for = url_for or (lambda fmt: urls.feed(lang, fmt, kind, slug))
    return [
        {"type": urls.FEED_TYPES[fmt], "title": f"{title} ({label})", "href": links.href(url_for(fmt))}
        for fmt, label in FEED_LABELS
    ]


def posts_held(term: Term, day: dt.date, language) -> str | None:
    """The posts an official held on `day`, named in the language (digest.languages.Language) and joined, or None."""
    held = [post_name(position, language) for position in term.positions if holds(position, day)]
    return language.list_separator.join(held) or None


def holds(position: dict, day: dt.date) -> bool:
    """Whether a source shows the post held on `day`: inside a known start/end, or attested on that day."""
    start, end = _as_date(position.get("start")), _as_date(position.get("end"))
    in_term = start is not None and start <= day and (end is None or day <= end)
    return in_term or any(_as_date(attested) == day for attested in position.get("attested") or ())


def current_first(positions) -> list[dict]:
    """Positions, the one held most recently first: a post with a start and no end (still held), newest
    start first; then by the latest day a source shows it held (end or attested); undated ones last.
    Ties keep the order of data/officials.yaml."""
    def order(position: dict) -> tuple[int, int]:
        start, end = _as_date(position.get("start")), _as_date(position.get("end"))
        if start is not None and end is None:
            return 0, -start.toordinal()
        known = [day for day in (end, *map(_as_date, position.get("attested") or [])) if day is not None]
        return (1, -max(known).toordinal()) if known else (2, 0)
    return sorted(positions, key=order)


def post_summary(position: dict, language) -> dict:
    """A post as the officials index lists it: its name in the language and the years of its recorded start and end."""
    start, end = _as_date(position.get("start")), _as_date(position.get("end"))
    return {"name": post_name(position, language), "start_year": start and start.year, "end_year": end and end.year}


def post_name(position: dict, language) -> str:
    """"Governor, People's Government of Guangdong Province" / "广东省人民政府省长": the language's `post_format`."""
    return language.post_format.format(title=position["title"][language.code],
                                       organisation=position["organisation"][language.code])


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def other_versions(entry: Entry, site: Site) -> list[tuple[str, str | None]]:
    """(language, language it was translated or converted from) of the article's other versions, in
    the languages' order: all its pages show of them."""
    versions = site.versions(entry.slug)
    return [(code, (versions[code].meta.get("translation") or {}).get("from") or derived_from(versions[code].meta))
            for code in site.languages.codes if code in versions and code != entry.lang]


def tag_link(taxonomy: Taxonomy, term: Term, lang: str, day: dt.date, links: Links) -> dict:
    """A term an article is tagged with, named and linked in `lang`; a person's with the posts held on `day`."""
    link = term_link(taxonomy.key, term, lang, links)
    if taxonomy.person:
        link["post"] = posts_held(term, day, links.languages[lang])
    return link


def article_tags(entry: Entry, page_lang: str, site: Site, links: Links) -> list[dict]:
    """The article's terms by taxonomy, in data/taxonomies.yaml's order, the taxonomies it has terms of:
    {key, title (msgid), filter (the search filter's name), person, primary, terms: [{name, url, post?}]}."""
    vocabularies = site.vocabularies
    tags = []
    for taxonomy in vocabularies.taxonomies:
        terms = [tag_link(taxonomy, vocabularies.term(taxonomy.key, slug), page_lang, entry.date, links)
                 for slug in entry.terms(taxonomy.key)]
        if terms:
            tags.append({"key": taxonomy.key, "title": taxonomy.labels.title, "filter": taxonomy.filter,
                         "person": taxonomy.person, "primary": taxonomy.primary, "terms": terms})
    return tags


def article_summary(entry: Entry, page_lang: str, site: Site, links: Links) -> dict:
    lang = entry.lang
    languages, page_language = links.languages, links.languages[page_lang]
    tags = article_tags(entry, page_lang, site, links)
    return {
        "title": entry.title,
        "url": links.href(urls.article(lang, entry.slug)),
        "lang": lang,
        "html_lang": languages[lang].tag,
        "lang_name": languages[lang].name,
        "is_foreign": lang != page_lang,
        "date_iso": entry.date.isoformat(),
        "date_display": format_day(entry.date, page_language),
        "summary": entry.meta.get("summary"),
        "draft": not entry.published,  # only in a preview with drafts (make serve ARGS=--drafts)
        "kicker": next((tag["terms"] for tag in tags if tag["primary"]), []),  # over the title
        "tags": tags,
        # its versions in other written languages (and theirs derived): one converted from its own
        # language's is no translation, and the language switch offers it
        "translations": [
            {"lang_name": languages[other].name, "html_lang": languages[other].tag, "url": links.href(urls.article(other, entry.slug))}
            for other, _ in other_versions(entry, site) if languages.written_for(other) != languages.written_for(lang)
        ],
    }


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]*>")
_SUMMARY_END = " .…。"  # a summary cut short ends in an ellipsis; a whole sentence in a full stop


def summary_opens_body(summary: str | None, body_html: str) -> bool:
    """Whether the summary is only the body's first words: ingest makes a summary from the lead, and
    a page that prints it above the body prints it twice."""
    words = " ".join((summary or "").split()).rstrip(_SUMMARY_END)
    first = _FIRST_PARAGRAPH.search(body_html)
    if not words or not first:
        return False
    return " ".join(html.unescape(_TAG.sub("", first.group(1))).split()).startswith(words)


def article_detail(entry: Entry, summary: dict, site: Site, links: Links, gettext) -> dict:
    """The article page's data; `summary` is its article_summary in its own language (made once, for the listings too)."""
    return {
        **summary,
        "summary_opens_body": summary_opens_body(summary["summary"], entry.html),
        "content": entry.html,
        "problems": entry.meta.get("problems") or [],
        "bilingual_url": links.href(urls.bilingual(entry.lang, entry.slug))
        if bilingual_counterpart(entry.lang, site.versions(entry.slug), site.languages) else None,
        "source": provenance.source_box(entry.meta, gettext, site.languages),
        "translation": {"credit": provenance.credit(entry.meta, gettext, site.languages)} if entry.meta.get("translation") else None,
        "json_ld": json_ld(entry, site, links, gettext),
    }


def bilingual_counterpart(lang: str, versions: dict, languages: Languages) -> str | None:
    """The language the article's bilingual view in `lang` pairs it with (Languages.counterpart),
    when it has both versions; else None (no view)."""
    other = languages.counterpart(lang)
    return other if lang in versions and other in versions else None


def article_facts(entry: Entry, site: Site, lang: str) -> dict:
    """The article header's update (None when it has not changed since it was published) and reading time."""
    updated = site.updated(entry)
    return {"updated_iso": updated and updated.isoformat(), "updated_display": updated and format_day(updated, site.languages[lang]),
            "reading_minutes": entry.minutes}


def term_link(kind: str, term: Term, lang: str, links: Links) -> dict:
    return {"name": term.name[lang], "url": links.href(urls.term(lang, kind, term.slug))}


def json_ld(entry: Entry, site: Site, links: Links, gettext) -> str:
    """schema.org NewsArticle, escaped for a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": links.abs(urls.article(entry.lang, entry.slug)),
        "url": links.abs(urls.article(entry.lang, entry.slug)),
        "headline": entry.title,
        "description": entry.meta.get("summary"),
        "datePublished": f"{entry.date.isoformat()}T00:00:00{TIMEZONE}",
        **({"dateModified": f"{updated.isoformat()}T00:00:00{TIMEZONE}"} if (updated := site.updated(entry)) else {}),
        "inLanguage": links.languages[entry.lang].tag,
        "publisher": {"@type": "Organization", "name": links.name(entry.lang), "url": links.abs(urls.home(entry.lang))},
        "about": [{"@type": taxonomy.schema_org, "name": site.vocabularies.term(taxonomy.key, s).name[entry.lang]}
                  for taxonomy in site.vocabularies.taxonomies if not taxonomy.person for s in entry.terms(taxonomy.key)],
        "mentions": [_person(taxonomy, site.vocabularies.term(taxonomy.key, s), entry, links)
                     for taxonomy in site.vocabularies.taxonomies if taxonomy.person for s in entry.terms(taxonomy.key)],
    }
    original = provenance.based_on(entry.meta, site.languages)
    if original:
        data["isBasedOn"] = original
    translation = entry.meta.get("translation")
    converted = derived_from(entry.meta)
    if converted:  # a script conversion of the source language's version, by a program
        data["translationOfWork"] = {"@id": links.abs(urls.article(converted, entry.slug))}
        data["translator"] = {"@type": "SoftwareApplication", "name": f"OpenCC ({links.languages[entry.lang].converter})"}
    elif translation:
        data["translationOfWork"] = {"@id": links.abs(urls.article(translation["from"], entry.slug))}
        data["translator"] = {"@type": "Organization", "name": provenance.translator(translation, gettext)}
    for other, origin in other_versions(entry, site):
        if origin == entry.lang:
            data.setdefault("workTranslation", []).append({"@id": links.abs(urls.article(other, entry.slug))})
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def article_feed_item(entry: Entry, site: Site, links: Links, gettext) -> FeedItem:
    """The article as a feed entry in its own language: its HTML with absolute links, then its source
    and translator as the article page words them; its terms (of every taxonomy) by name; its other versions."""
    url = links.abs(urls.article(entry.lang, entry.slug))
    source = entry.meta["source"]
    name, notes = provenance.credit_lines(entry.meta, gettext, site.languages)
    language = site.languages[entry.lang]
    if language.derived:
        notes = [*notes, gettext(CONVERTED) % {"language": site.languages[language.source].name_in(language.code)}]
    credit = credit_html(gettext(provenance.SOURCE) + language.colon, name, source.get("url"), notes)
    names = [site.vocabularies.term(kind, slug).name[entry.lang] for kind in site.vocabularies.keys
             for slug in entry.terms(kind)]
    return FeedItem(
        url=url, title=entry.title, summary=entry.meta.get("summary") or "",
        content_html=absolutize(entry.html, url) + ("\n" + credit if credit else ""),
        published=entry.date, updated=site.last_change(entry), categories=names,
        authors=(name,) if name else (),
        alternates=tuple((site.languages[other].tag, links.abs(urls.article(other, entry.slug)))
                         for other, _ in other_versions(entry, site)))


def _person(taxonomy: Taxonomy, term: Term, entry: Entry, links: Links) -> dict:
    person = {"@type": taxonomy.schema_org, "name": term.name[entry.lang],
              "url": links.abs(urls.term(entry.lang, taxonomy.key, term.slug))}
    post = posts_held(term, entry.date, links.languages[entry.lang])
    if post:
        person["jobTitle"] = post
    return person


def open_graph(entry: Entry, links: Links) -> dict:
    og = {
        "type": "article",
        "title": entry.title,
        "url": links.abs(urls.article(entry.lang, entry.slug)),
        "site_name": links.name(entry.lang),
        "locale": links.languages[entry.lang].og_locale,
    }
    if entry.meta.get("summary"):
        og["description"] = entry.meta["summary"]
    return og


PAGER_NEIGHBOURS = 2  # page links either side of the current one; the first and last are always linked


def pager_numbers(current: int, total: int, neighbours: int = PAGER_NEIGHBOURS) -> list[int | None]:
    """Page numbers to link, None for a gap: 1 … 6 7 [8] 9 10 … 463.

    A pager with every number grows with the archive (463 links on each of 463 home pages is
    both unreadable and quadratic to render); a gap of one page is shown as the page itself.
    """
    shown = {1, total, *range(max(1, current - neighbours), min(total, current + neighbours) + 1)}
    numbers: list[int | None] = []
    for number in sorted(shown):
        if numbers and number - numbers[-1] == 2:
            numbers.append(number - 1)
        elif numbers and number - numbers[-1] > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers


def pagination(page_path, current: int, total: int, links: Links) -> dict | None:
    """page_path(n) -> path of page n."""
    if total <= 1:
        return None
    return {
        "current": current,
        "total": total,
        "prev_url": links.href(page_path(current - 1)) if current > 1 else None,
        "next_url": links.href(page_path(current + 1)) if current < total else None,
        "pages": [{"gap": True} if n is None else {"number": n, "url": links.href(page_path(n)), "is_current": n == current}
                  for n in pager_numbers(current, total)],
    }


def term_summary(term: Term, kind: str, lang: str, count: int, links: Links, gettext=lambda text: text) -> dict:
    """A term as its index shows it, `other_name` in the page's counterpart language (Languages.counterpart);
    a person's `posts` are held most recently first (other terms have none)."""
    other = links.languages.counterpart(lang)
    return {
        "slug": term.slug,
        "name": term.name[lang],
        "other_name": term.name.get(other) if other else None,
        "url": links.href(urls.term(lang, kind, term.slug)),
        "count": count,
        "description": term.description.get(lang),
        "group_label": gettext(GROUP_LABELS[term.group]) if term.group in GROUP_LABELS else None,
        "posts": [post_summary(position, links.languages[lang]) for position in current_first(term.positions)],
    }


def with_articles(terms: list[dict]) -> tuple[list[dict], list[dict]]:
    """The index's term summaries split into those with articles (shown as cards) and the rest,
    only named and linked in one line: an empty card says nothing but its name."""
    return ([term for term in terms if term["count"]],
            [{"name": term["name"], "url": term["url"]} for term in terms if not term["count"]])


ATTESTING_SHOWN = 3  # articles named for a post: enough to check it, not the archive of a long tenure


def attesting(position: dict, entries: list[Entry]) -> list[Entry]:
    """The articles, oldest first, that show the post: those from the source the person's vocabulary
    (data/officials.yaml) records for it, else those dated while it was held. `entries` are the
    articles tagged with the person."""
    recorded = position.get("source")
    chosen = [e for e in entries if recorded and (e.meta.get("source") or {}).get("file") == recorded]
    chosen = chosen or [e for e in entries if holds(position, e.date)]
    return sorted(chosen, key=lambda e: (e.date, e.slug))[:ATTESTING_SHOWN]


def article_ref(entry: Entry, page_lang: str, links: Links) -> dict:
    """How a page names an article it cites: title, link, date, and its language when not the page's."""
    return {"title": entry.title, "url": links.href(urls.article(entry.lang, entry.slug)),
            "date_iso": entry.date.isoformat(), "date_display": format_day(entry.date, links.languages[page_lang]),
            "html_lang": links.languages[entry.lang].tag if entry.lang != page_lang else None}


def term_detail(term: Term, kind: str, lang: str, entries: list[Entry], links: Links, gettext=lambda text: text) -> dict:
    """A term's page header; `entries` are what the page lists (for an official, where each post is attested)."""
    detail = term_summary(term, kind, lang, len(entries), links, gettext)
    language = links.languages[lang]
    detail["positions"] = [
        {
            "title": position["title"][lang],
            "organisation": position["organisation"][lang],
            "start_display": format_day(_as_date(position["start"]), language) if position.get("start") else None,
            "end_display": format_day(_as_date(position["end"]), language) if position.get("end") else None,
            "attested_display": [format_day(_as_date(day), language) for day in position.get("attested") or []],
            "attested_by": [article_ref(entry, lang, links) for entry in attesting(position, entries)],
            "note": position.get("note"),
            "note_html_lang": html_lang_of(position.get("note"), links.languages),
        }
        for position in term.positions
    ]
    return detail


def edition_ref(week: editions.Week, lang: str, links: Links, gettext) -> dict:
    """How a page names an edition and links to it."""
    return {
        "id": week.id,
        "title": gettext(EDITION_TITLE) % {"week": week.number, "year": week.year},
        "dates": format_days(week.monday, week.sunday, links.languages[lang]),
        "start_iso": week.monday.isoformat(),
        "end_iso": week.sunday.isoformat(),
        "url": links.href(urls.edition(lang, week.id)),
    }


def edition_summary(edition: editions.Edition, lang: str, site: Site, links: Links, gettext) -> dict:
    """An edition on the editions index: its name, count, top terms of the primary taxonomy (its top
    industries) and whether it has a note."""
    kind = site.vocabularies.primary.key
    top = editions.top_terms(edition.entries, kind, site.vocabularies.order(kind))
    return {
        **edition_ref(edition.week, lang, links, gettext),
        "count": len(edition.entries),
        "top_terms": [term_link(kind, site.vocabularies.term(kind, slug), lang, links) for slug in top],
        "has_note": (edition.id, lang) in site.notes,
    }


def note_view(note, lang: str, links: Links) -> dict:
    """An editor's note; its links are resolved against its edition's page, so it reads the same wherever it is shown."""
    base = links.href(urls.edition(lang, note.meta["edition"]))
    return {"title": note.meta.get("title"), "by": note.meta.get("by"), "html": absolutize(note.html, base)}


def other_note(edition_id: str, lang: str, site: Site, links: Links) -> dict | None:
    """Where the note is when this language has none and another has one (the first of Languages.fallback)."""
    if (edition_id, lang) in site.notes:
        return None
    other = next((code for code in site.languages.fallback(lang) if (edition_id, code) in site.notes), None)
    if other is None:
        return None
    return {"language": site.languages[other].name_in(lang), "html_lang": site.languages[other].tag,
            "url": links.href(urls.edition(other, edition_id))}


def edition_groups(edition: editions.Edition, lang: str, site: Site, links: Links, gettext, items) -> list[dict]:
    """The edition's articles by their first term of the primary taxonomy (by industry); `items(entries)`
    gives what each group lists of its articles."""
    groups = []
    kind = site.vocabularies.primary.key
    for slug, entries in editions.by_lead_term(edition.entries, kind, site.vocabularies.order(kind)):
        term = site.vocabularies.term(kind, slug) if slug else None
        groups.append({"slug": slug or "other", "name": term.name[lang] if term else gettext(NO_INDUSTRY),
                       "url": links.href(urls.term(lang, kind, slug)) if term else None,
                       "count": len(entries), "articles": items(entries)})
    return groups
