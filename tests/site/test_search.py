"""Search in a real browser (headless Debian Chromium through Playwright) on the built site."""
from __future__ import annotations

import gzip
import json

import pytest

from tests.site.browser import Page, browser, serve
from tests.site.pages import soup
from tests.site.test_urls import SLUG

EN_ARTICLE = f"/articles/{SLUG}/"
ZH_ARTICLE = f"/zh/articles/{SLUG}/"


@pytest.fixture(scope="module")
def served(dev_site):
    output, _ = dev_site
    with serve(output) as base, browser() as chromium:
        yield base, chromium


@pytest.fixture
def site(served):
    base, chromium = served
    context = chromium.new_context()
    yield base, context
    context.close()


def test_english_query_finds_the_seed_article(site):
    base, context = site
    page = Page(context)
    links = page.search(base, "search/", "robotics")
    assert EN_ARTICLE in links
    assert all(not link.startswith("/zh/") for link in links)
    assert page.page.locator("[data-results] mark").count() > 0  # highlighted excerpt
    assert page.errors == []


@pytest.mark.parametrize("query", ["机器人", "高质量发展", "王伟中"])
def test_chinese_queries_find_the_chinese_version(query, site):
    base, context = site
    page = Page(context)
    links = page.search(base, "zh/search/", query)
    assert ZH_ARTICLE in links, (query, links, page.status())
    assert page.errors == []


@pytest.mark.parametrize("query", ["機器人", "高質量發展", "王偉中"])
def test_traditional_queries_find_the_traditional_version(query, site, dev_site):
    """/zh-hant/ has its own index: Pagefind reads its pages' <html lang="zh-Hant"> as `zh-hant` and
    segments it as it segments Simplified (the extended binary; no stemming WebAssembly for either)."""
    base, context = site
    page = Page(context)
    links = page.search(base, "zh-hant/search/", query)
    assert f"/zh-hant/articles/{SLUG}/" in links, (query, links, page.status())
    assert all(link.startswith("/zh-hant/") for link in links)
    assert page.errors == []
    entry = json.loads(next((dev_site[0] / "zh-hant/pagefind").glob("*/pagefind-entry.json")).read_text())
    assert list(entry["languages"]) == ["zh-hant"]


def test_filtering_by_an_official_narrows_results(site):
    base, context = site
    page = Page(context)
    before = page.search(base, "search/", "robot")
    assert EN_ARTICLE in before and "/articles/invented-untranslated-harbour-robots/" in before
    page.page.get_by_label("Wang Weizhong").check()
    page.wait_for_status()
    page.page.wait_for_function("n => document.querySelectorAll('[data-results] .article-item-title a').length < n", arg=len(before))
    assert page.result_links() == [EN_ARTICLE]
    assert page.errors == []


@pytest.mark.parametrize("path, message", [("search/", "No results for"), ("zh/search/", "没有找到")])
def test_nonsense_shows_no_results_in_the_page_language(path, message, site):
    base, context = site
    page = Page(context)
    assert page.search(base, path, "qzxjvwkpq") == []
    assert message in page.status()
    assert page.errors == []


def test_both_languages_toggle(site):
    base, context = site
    page = Page(context)
    assert ZH_ARTICLE not in page.search(base, "search/", "机器人")
    links = page.search(base, "search/", "机器人", both=True)
    assert ZH_ARTICLE in links
    assert page.page.locator("#search-both").is_checked()


def test_header_search_box_leads_to_results(site):
    base, context = site
    page = Page(context)
    page.page.goto(f"{base}/zh/")
    page.page.fill("#site-search-q", "机器人")
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/zh/search/?q=*")
    page.wait_for_status()
    assert ZH_ARTICLE in page.result_links()


def test_keyboard_only_use(site):
    base, context = site
    page = Page(context)
    page.page.goto(f"{base}/search/")
    page.page.keyboard.press("Tab")  # skip link first
    assert page.page.evaluate("document.activeElement.className") == "skip-link"
    page.page.focus("#search-q")
    page.page.keyboard.type("robotics")
    page.page.keyboard.press("Enter")
    page.wait_for_status()
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Tab")
    page.page.keyboard.press("Tab")  # submit, both-languages box, then the first result: the filters come after the results
    assert page.page.evaluate("document.activeElement.getAttribute('href')") == page.result_links()[0]
    for _ in page.page.locator("[data-results] a").all():
        page.page.keyboard.press("Tab")  # the results' titles and chips, then the filters
    assert page.page.evaluate("document.activeElement.closest('.search-filters') !== null")
    assert page.page.get_attribute("#search-status", "role") == "status"


def test_without_javascript_the_page_says_so(served):
    base, chromium = served
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/zh/search/")
    text = page.text_content("main")
    assert "JavaScript" in text and "按产业浏览" in text
    assert page.locator("main a[href='/zh/industries/']").count() == 1
    context.close()


@pytest.mark.parametrize("path, query, legends, language", [
    ("search/", "robotics", ["Industry", "Official", "Place", "Year", "Language"], "English"),
    ("zh/search/", "机器人", ["产业", "官员", "地区", "年份", "语言"], "中文"),
])
def test_filters_are_labelled_in_the_page_language(path, query, legends, language, site):
    base, context = site
    page = Page(context)
    page.search(base, path, query)
    assert page.page.eval_on_selector_all("[data-filters] legend", "ls => ls.map(l => l.textContent)") == legends
    assert page.page.locator("[data-filters]").get_by_label(language).count() == 1
    assert page.page.locator("[data-filters]").get_by_label("2025").count() == 1
    assert page.page.locator("[data-filters]").get_by_label("Guangzhou" if language == "English" else "广州").count() == 1


# Issue 13, item 9: the search page's layout, the language switch, the offer of the other
# language, result chips, snippets and Chinese highlighting.

def test_results_come_before_the_filters_on_a_phone(site):
    base, context = site
    page = Page(context)
    page.page.set_viewport_size({"width": 390, "height": 800})
    page.search(base, "search/", "robotics")
    results, filters = (page.page.locator(selector).bounding_box() for selector in (".search-results", ".search-filters"))
    assert results["y"] + results["height"] <= filters["y"]
    option = page.page.locator("[data-filters]").get_by_label("Wang Weizhong")
    assert not option.is_visible()  # in a closed panel
    page.page.locator(".search-filters summary").click()
    assert option.is_visible()
    option.check()
    page.wait_for_status()
    page.page.wait_for_function("document.querySelectorAll('[data-results] .article-item-title a').length < 2")
    assert page.result_links() == [EN_ARTICLE]
    assert page.errors == []


@pytest.mark.parametrize("first_width", [1280, 390], ids=["wide", "narrow-then-wide"])
def test_filters_stand_open_beside_the_results_on_a_wide_screen(first_width, site):
    base, context = site
    page = Page(context)
    page.page.set_viewport_size({"width": first_width, "height": 800})
    page.search(base, "search/", "robotics")
    page.page.set_viewport_size({"width": 1280, "height": 800})
    results, filters = (page.page.locator(selector).bounding_box() for selector in (".search-results", ".search-filters"))
    assert filters["x"] >= results["x"] + results["width"]
    assert page.page.locator("[data-filters]").get_by_label("Wang Weizhong").is_visible()


def test_the_language_switch_keeps_the_query(site):
    base, context = site
    page = Page(context)
    page.search(base, "search/", "机器人", both=True)
    traditional = page.page.locator(".lang-switch a[hreflang=zh-Hant]").get_attribute("href")
    assert traditional.startswith("/zh-hant/search/?") and "both=1" in traditional  # every language's link carries it
    page.page.locator(".lang-switch a[hreflang=zh-Hans]").click()
    page.page.wait_for_url("**/zh/search/?*")
    assert page.page.input_value("#search-q") == "机器人"
    assert page.page.locator("#search-both").is_checked()
    page.wait_for_status()
    assert ZH_ARTICLE in page.result_links()
    assert page.errors == []


@pytest.mark.parametrize("path, query, other_path, found", [
    ("search/", "蛇年", "/zh/search/", ZH_ARTICLE),  # only the Chinese version says 蛇年
    ("zh/search/", "harbour", "/search/", "/articles/invented-untranslated-harbour-robots/"),  # not translated
])
def test_no_results_here_offers_the_other_language(path, query, other_path, found, site):
    base, context = site
    page = Page(context)
    assert page.search(base, path, query) == []
    offer = page.page.locator("[data-elsewhere]")
    assert offer.is_visible()
    expected = page.page.get_attribute("[data-search]", "data-text-no-results-here").replace("{query}", query)
    assert page.status() == expected
    assert not page.page.locator(".search-filters").is_visible()  # nothing to narrow
    offer.locator("[data-elsewhere-other]").click()
    page.page.wait_for_url(f"**{other_path}?*")
    page.wait_for_status()
    assert found in page.result_links()
    page.page.go_back()
    page.wait_for_status()
    page.page.locator("[data-elsewhere-both]").click()
    page.page.wait_for_url("**both=1*")
    page.wait_for_status()
    assert found in page.result_links()
    assert page.page.locator("#search-both").is_checked()
    assert page.errors == []


def test_filters_that_leave_no_results_stay_and_offer_no_other_language(site):
    # the Chinese pages have "2025" too, but the filters ticked here do not apply to them
    base, context = site
    page = Page(context)
    page.page.set_viewport_size({"width": 1280, "height": 800})
    assert page.search(base, "search/", "2025") == [EN_ARTICLE]
    page.page.locator("[data-filters]").get_by_label("2024").check()
    page.page.wait_for_function("document.querySelectorAll('[data-results] .article-item-title a').length === 0")
    page.wait_for_status()
    assert page.status().startswith("No results for “2025”.")
    assert page.page.locator("[data-elsewhere]").is_hidden()
    ticked = page.page.locator("[data-filters]").get_by_label("2024")
    assert ticked.is_visible() and ticked.is_checked()  # there to untick


def test_an_other_language_index_that_fails_to_load_leaves_the_answer_here(site):
    base, context = site
    page = Page(context)
    context.route("**/zh/pagefind/**", lambda route: route.abort())
    assert page.search(base, "search/", "蛇年") == []
    assert page.status().startswith("No results for “蛇年”.")
    assert page.page.locator("[data-elsewhere]").is_hidden()


def test_no_results_anywhere_offers_nothing(site):
    base, context = site
    page = Page(context)
    assert page.search(base, "search/", "qzxjvwkpq") == []
    assert page.page.locator("[data-elsewhere]").is_hidden()
    assert page.errors == []


@pytest.mark.parametrize("path, query, article", [("search/", "robotics", EN_ARTICLE), ("zh/search/", "机器人", ZH_ARTICLE)])
def test_result_chips_link_to_the_term_pages(path, query, article, site, dev_site):
    base, context = site
    output, _ = dev_site
    page = Page(context)
    page.search(base, path, query)
    item = page.page.locator("[data-results] li.article-item").filter(has=page.page.locator(f"h3 a[href='{article}']"))
    chips = item.locator(".chips a.chip").evaluate_all("chips => chips.map(c => [c.textContent, c.getAttribute('href')])")
    on_the_article = [[a.get_text(), a["href"]] for a in soup(output / article.lstrip("/") / "index.html").select(".key-facts a")]
    assert chips == on_the_article and len(chips) == 9
    assert {href.split("/")[-3] for _, href in chips} == {"industries", "officials", "places"}


def rewrite_fragments(context, edit):
    """Serve Pagefind's fragments (each result's text and data, gzipped JSON) through `edit`, str -> str."""
    def handler(route):
        response = route.fetch()
        route.fulfill(response=response, body=gzip.compress(edit(gzip.decompress(response.body()).decode()).encode()))
    context.route("**/fragment/*.pf_fragment", handler)


def test_result_chips_take_no_markup_or_script_from_the_index(site):
    base, context = site
    page = Page(context)
    rewrite_fragments(context, lambda body: body.replace("Intelligent robots", "<img src=x onerror=alert(1)>")
                      .replace("/industries/robotics/", "javascript:alert(1)"))
    page.search(base, "search/", "robotics")
    chip = page.page.locator("[data-results] .chip", has_text="<img src=x onerror=alert(1)>").first
    assert chip.evaluate("c => c.tagName") == "SPAN"  # shown as text, not a link
    assert page.page.locator("[data-results] img, [data-results] [href^='javascript']").count() == 0
    assert page.page.locator("[data-results] a.chip").count() > 0  # the other chips are still links


@pytest.mark.parametrize("path, query, article, separator", [
    ("search/", "robotics", EN_ARTICLE, " "), ("zh/search/", "机器人", ZH_ARTICLE, "")])
def test_a_snippet_cut_from_the_text_starts_at_a_word_with_an_ellipsis(path, query, article, separator, site, dev_site):
    base, context = site
    output, _ = dev_site
    page = Page(context)
    page.search(base, path, query)
    snippet = page.page.locator("[data-results] li.article-item").filter(
        has=page.page.locator(f"h3 a[href='{article}']")).locator(".article-item-summary").text_content()
    text = " ".join(soup(output / article.lstrip("/") / "index.html").select_one(".prose").get_text(" ").split())
    assert snippet.startswith("…") and snippet.endswith("…"), snippet
    inner = snippet[1:-1]
    assert inner[0].isalnum() and inner in text, snippet
    if separator:  # the word before it is whole: the snippet starts where a word does
        assert text[text.index(inner) - 1] == separator


@pytest.mark.parametrize("path, query, word, punctuated, cut", [
    ("search/", "robotics", " should be encouraged.", " — be encouraged.", "…be encouraged."),
    ("search/", "robotics", " growth potential", " growth, potential", "strong growth…"),
    # Chinese words are \u200b-delimited in the index
    ("zh/search/", "机器人", "\u200b优势\u200b产业\u200b，", "\u200b，\u200b产业\u200b，", "…产业，培育"),
])
def test_a_snippet_is_cut_at_words_not_punctuation(path, query, word, punctuated, cut, site):
    # the index as if the excerpt began or ended with a punctuation mark, as Pagefind makes of "，" or a dash
    base, context = site
    page = Page(context)
    rewrite_fragments(context, lambda body: body.replace(word, punctuated))
    page.search(base, path, query)
    snippets = page.page.eval_on_selector_all("[data-results] .article-item-summary", "ps => ps.map(p => p.textContent)")
    assert any(cut in snippet for snippet in snippets), snippets


def test_a_snippet_from_the_start_of_the_text_has_no_leading_ellipsis(site):
    base, context = site
    page = Page(context)
    page.search(base, "search/", "harbour")
    snippet = page.page.locator("[data-results] .article-item-summary").first.text_content()
    assert snippet.startswith("Invented Harbour City opens"), snippet


def test_marks_cover_words_not_punctuation(site):
    base, context = site
    page = Page(context)
    page.search(base, "search/", "robotics")
    marks = page.page.eval_on_selector_all("[data-results] mark", "ms => ms.map(m => m.textContent)")
    assert "robotics" in marks and all(mark.isalnum() for mark in marks), marks


@pytest.mark.parametrize("query, around", [("机器人", "人工智能和机器人"), ("王伟中", "省长王伟中")])
def test_a_chinese_query_marks_the_word_it_matched(query, around, site):
    # Pagefind splits the query 机器人 into 机器 + 人 and lets 人 match 人工 (of 人工智能) by prefix; it
    # splits 王伟中 into 王伟 + 中, marks the 中 of 建设中, and may end the excerpt between 王伟 and 中
    base, context = site
    page = Page(context)
    page.search(base, "zh/search/", query)
    marks = page.page.eval_on_selector_all("[data-results] mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {query}, marks
    assert around in page.page.text_content("[data-results] .article-item-summary")
