"""Interface strings come from the gettext catalogue, and the build warns about missing ones."""
from __future__ import annotations

import shutil

from digest import REPO_ROOT, languages
from digest.site.i18n import load_translations, template_messages, untranslated

LANGUAGES = languages.default()

THEME = REPO_ROOT / "theme"


def test_every_interface_string_is_translated():
    assert template_messages(THEME / "templates")
    assert untranslated(template_messages(THEME / "templates"), THEME / "translations", LANGUAGES["zh"], LANGUAGES) == []


def test_catalogue_translates(tmp_path):
    translations = load_translations(THEME / "translations", LANGUAGES["zh"], LANGUAGES)
    assert translations.gettext("Industries") == "产业"
    assert translations.gettext("Latest policy digests") != "Latest policy digests"  # a Python-side string


def test_a_new_untranslated_string_is_reported_with_its_place(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "templates" / "404.html").write_text(
        (theme / "templates" / "404.html").read_text() + "\n{{ _('An invented string nobody translated') }}\n"
    )
    problems = untranslated(template_messages(theme / "templates"), theme / "translations", LANGUAGES["zh"], LANGUAGES)
    assert len(problems) == 1
    assert "404.html:" in problems[0] and "An invented string nobody translated" in problems[0]


def test_chinese_pages_show_no_english_interface_strings(dev_site):
    from tests.site.pages import html_pages, soup

    output, _ = dev_site
    translations = load_translations(THEME / "translations", LANGUAGES["zh"], LANGUAGES)
    msgids = {m for _f, _l, m in template_messages(THEME / "templates")
              if "%" not in m and sum(c.isalpha() for c in m) > 1 and translations.gettext(m) != m}
    assert len(msgids) > 20
    for page in html_pages(output / "zh"):
        document = soup(page)
        for element in document.select('[lang="en"]'):
            element.decompose()  # English content (untranslated articles, source names) is allowed
        text = document.get_text(" ")
        leaked = sorted(m for m in msgids if m in text)
        assert leaked == [], (page, leaked)


def test_the_fast_gettext_renders_what_the_jinja_extension_renders():
    import jinja2

    from digest.site.i18n import install

    source = "{{ _('Industries') }}|{{ _('Industries') }}|{{ _('100%% invented') }}|{{ _('In %(language)s', language=name) }}|{{ _('Page %(num)d', num=3) }}|{{ ngettext('%(num)d article', '%(num)d articles', 2) }}"
    translations = load_translations(THEME / "translations", LANGUAGES["zh"], LANGUAGES)
    rendered = []
    for fast in (False, True):
        env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        if fast:
            install(env, translations)
        else:
            env.install_gettext_translations(translations, newstyle=True)
        rendered.append(env.from_string(source).render(name="<b>英语</b>"))
    assert rendered[0] == rendered[1]
    assert "产业|" in rendered[1] and "&lt;b&gt;英语&lt;/b&gt;" in rendered[1]  # translated, variables escaped


def test_a_derived_language_reads_its_sources_catalogue_converted_unless_it_has_its_own(tmp_path):
    traditional = LANGUAGES["zh-hant"]
    assert load_translations(THEME / "translations", traditional, LANGUAGES).gettext("Page not found") == "頁面未找到"
    assert untranslated(template_messages(THEME / "templates"), THEME / "translations", traditional, LANGUAGES) == []
    own = tmp_path / "translations"
    shutil.copytree(THEME / "translations", own)
    (own / "zh-hant/LC_MESSAGES").mkdir(parents=True)
    (own / "zh-hant/LC_MESSAGES/messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\nmsgid "Page not found"\nmsgstr "找不到此頁"\n',
        encoding="utf-8")
    assert load_translations(own, traditional, LANGUAGES).gettext("Page not found") == "找不到此頁"
