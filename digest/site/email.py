"""The email-ready copy of an edition: one HTML file under a size budget, and its plain-text alternative.

The HTML is made by theme/templates/email.html (inline styles, table layout); this module keeps it
under the budget and writes the text part. Gmail clips a message over 102 kB, hence 100 kB: past
it, the copy drops summaries and the lines naming officials (and other terms), then the last articles, and says so.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import lxml.html

N_ = lambda text: text  # noqa: E731  (marks a string for extraction; see i18n.template_messages)
BUDGET = 100_000  # bytes
READ_ON_THE_WEB = N_("Read this edition on the web:")
NOTE = N_("Editor's note")
NOTE_ELSEWHERE = N_("The editor's note of this edition is in %(language)s only:")
TAXONOMY_LABEL = N_("%(taxonomy)s:")  # "Officials:", before an article's terms of a taxonomy
COMPACT = N_("Summaries are left out to keep this email short; the web edition has them.")
MORE = N_("%(num)d more articles are in the web edition.")
FEEDS = N_("Subscribe:")
BLOCKS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dt", "dd", "tr")


LINK_STYLE = "color:#0b5c72;"  # the site's link colour; mail clients ignore a stylesheet, so each link carries it


def styled_note(note: dict) -> dict:
    """A note (views.note_view) whose links carry the copy's link colour inline."""
    return {**note, "html": note["html"].replace("<a ", f'<a style="{LINK_STYLE}" ')}


def size(text: str) -> int:
    return len(text.encode("utf-8"))


def trimmed(context: dict, keep: int) -> dict:
    """The context with only the first `keep` articles (in the order the copy lists them)."""
    groups, left = [], keep
    for group in context["groups"]:
        if left <= 0:
            break
        groups.append({**group, "articles": group["articles"][:left]})
        left -= len(group["articles"])
    return {**context, "groups": groups, "more": context["count"] - min(keep, context["count"])}


def fit(render: Callable[[dict], str], context: dict, budget: int = BUDGET) -> tuple[str, dict]:
    """(HTML, the context it was made from) of the fullest copy within budget.

    `context["count"]` is the number of articles in its groups; a copy without summaries is tried
    next, then as many articles as fit (found by bisection: a copy grows with each article kept).
    """
    html = render(context)
    if size(html) <= budget:
        return html, context
    context = {**context, "compact": True}
    html = render(context)
    if size(html) <= budget:
        return html, context
    low, high = 0, context["count"]  # low articles fit, high do not
    while high - low > 1:
        middle = (low + high) // 2
        if size(render(trimmed(context, middle))) <= budget:
            low = middle
        else:
            high = middle
    context = trimmed(context, low)
    return render(context), context


def absolutizer(base: str) -> Callable[[str], str]:
    """url -> url resolved against the absolute `base`, as urljoin does, but a link already absolute
    or root-relative (all the copy's links) costs a prefix check, not a parse: an edition has dozens."""
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}"

    def absolute(url: str) -> str:
        if url.startswith(("https://", "http://")):
            return url
        if url.startswith("/") and not url.startswith("//"):
            return origin + url
        return urljoin(base, url)
    return absolute


def html_to_text(html: str, absolute=str) -> str:
    """Blocks of an HTML fragment as paragraphs of text; a link keeps its URL (`absolute(href)`) after its text."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in root.iter("a"):
        href = link.get("href")
        if href and href != link.text_content().strip():
            link.tail = f" <{absolute(href)}>" + (link.tail or "")
    blocks = [element for element in root.iter(*BLOCKS) if not any(a.tag in BLOCKS for a in element.iterancestors())]
    texts = [" ".join(element.text_content().split()) for element in blocks] or [" ".join(root.text_content().split())]
    return "\n\n".join(("- " + text) if element.tag == "li" else text
                       for element, text in zip(blocks or [root], texts) if text)


def plain_text(context: dict, gettext, absolute=str) -> str:
    """The text part of the copy, from the context its HTML was made from; `absolute(url)` makes a
    root-relative link (a development build's) absolute, since a text has no base to resolve it."""
    edition = context["edition"]
    lines = [context["site_name"], f"{edition['title']} · {edition['dates']}", "",
             f"{gettext(READ_ON_THE_WEB)} {absolute(edition['web_url'])}", ""]
    note = context.get("note")
    if note:
        lines += [(note["title"] or gettext(NOTE)).upper(), "", html_to_text(note["html"], absolute)]
        lines += [f"— {note['by']}"] if note["by"] else []
        lines.append("")
    elif context.get("other_note"):
        other = context["other_note"]
        lines += [f"{gettext(NOTE_ELSEWHERE) % {'language': other['language']}} {absolute(other['url'])}", ""]
    if context.get("compact"):
        lines += [gettext(COMPACT), ""]
    for group in context["groups"]:
        lines += [f"{group['name'].upper()} ({group['count']})", ""]
        for article in group["articles"]:
            lines.append(f"* {article['title']}")
            lines.append(f"  {article['date_display']} · {article['status']}")
            if not context.get("compact"):
                if article["summary"]:
                    lines.append(f"  {article['summary']}")
                for tag in article["tags"]:
                    if not tag["primary"]:  # the groups are the primary taxonomy's (industries)
                        label = gettext(TAXONOMY_LABEL) % {"taxonomy": gettext(tag["title"])}
                        lines.append(f"  {label} {', '.join(term['name'] for term in tag['terms'])}")
            lines += [f"  {absolute(article['url'])}", ""]
    if context.get("more"):
        lines += [gettext(MORE) % {"num": context["more"]}, absolute(edition["web_url"]), ""]
    lines.append(f"{gettext(FEEDS)} {absolute(context['feeds']['atom'])}")
    return "\n".join(lines) + "\n"
