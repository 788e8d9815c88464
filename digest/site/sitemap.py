"""sitemap.xml with an `xhtml:link` hreflang alternate for every language version of each page."""
from __future__ import annotations

from xml.sax.saxutils import quoteattr, escape


def render_sitemap(pages: list[dict[str, str]], absolute, tags: dict[str, str]) -> str:
    """pages: one {lang: path} per page (the language versions of one item); `tags`: {lang: BCP 47 tag},
    in the languages' order (the first is x-default's when it has a version)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for versions in pages:
        default = versions.get(next(iter(tags))) or next(iter(versions.values()))
        for lang in tags:
            if lang not in versions:
                continue
            lines.append(f"  <url><loc>{escape(absolute(versions[lang]))}</loc>")
            for other, tag in tags.items():
                if other in versions:
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{tag}" href={quoteattr(absolute(versions[other]))}/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(absolute(default))}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
