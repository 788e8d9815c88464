import pytest

from digest.ingest.extract import extract_text
from digest.ingest.metadata import find_date, find_title, make_slug, summarise


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On February 5, 2025, the first working day", "2025-02-05"),
        ("published 5 February 2025 in an invented gazette", "2025-02-05"),
        ("Feb. 18, 2025 — invented", "2025-02-18"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("2025年2月5日，虚构县召开会议", "2025-02-05"),
        ("2025 年 2 月 5 日", "2025-02-05"),
        ("dated 2025-02-05 in the invented register", "2025-02-05"),
        ("the 1st of nothing, March 2025", None),  # no day next to the month: never guessed
        ("in February 2025", None),
        ("on February 5", None),
        ("February 30, 2025", None),
        ("2025年13月5日", None),
        ("version 2.2025-1", None),
    ],
)
def test_dates_need_day_month_and_year(text, expected):
    assert find_date([text]) == expected


def test_first_date_wins():
    assert find_date(["From 3 March 2024 until 4 April 2024"]) == "2024-03-03"


def test_title_is_a_short_first_line():
    blocks = extract_text("An invented headline\n\nThe body of an invented story. It is prose.").blocks
    assert find_title(blocks) == "An invented headline"


def test_prose_first_line_is_not_a_title():
    blocks = extract_text(
        "The invented county said on Monday that a fictional plan would be adopted next year by its council.\n\nMore."
    ).blocks
    assert find_title(blocks) is None


def test_english_summary_takes_whole_sentences_up_to_sixty_words():
    lead = ("One invented sentence with exactly ten words in it here. " * 7).strip()
    summary = summarise(extract_text(lead).blocks, "en")
    assert len(summary.split()) == 60
    assert summary.endswith(".")


def test_long_first_sentence_is_cut_at_a_word():
    lead = " ".join(["word"] * 100) + "."
    summary = summarise(extract_text(lead).blocks, "en")
    assert summary == " ".join(["word"] * 60) + " …"


def test_abbreviations_do_not_end_a_sentence():
    summary = summarise(extract_text("On Feb. 18, 2025, Dr. Madeup spoke. Then " + "more " * 70 + "words.").blocks, "en")
    assert summary == "On Feb. 18, 2025, Dr. Madeup spoke."


def test_chinese_summary_is_at_most_120_characters():
    lead = "虚构的县发布了一项产业计划。" * 20
    summary = summarise(extract_text(lead).blocks, "zh")
    assert len(summary) <= 120 and summary.endswith("。")


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Guangdong accelerates the establishment of a modern industrial system",
         "guangdong-accelerates-establishment-modern-industrial-system"),
        ("Café “Naïve” opens: 5G & AI!", "cafe-naive-opens-5g-ai"),
        ("虚构县启用电池产业园", "xu-gou-xian-qi-yong-dian-chi-chan-ye-yuan"),
        (None, "seed-0001"),
        ("!!!", "seed-0001"),
    ],
)
def test_slug_is_ascii_kebab_case(title, slug):
    assert make_slug(title, "seed_0001") == slug


def test_slug_stays_within_sixty_characters():
    assert len(make_slug("word " * 40, "x")) <= 60


# --- HTML pages: what the page states, chosen as a careful editor would -------------------

from digest.ingest.extract import Heading, PageFacts, extract_html  # noqa: E402
from digest.ingest.metadata import (  # noqa: E402
    credited_source, headline_dateline, page_credit, page_date, page_description, page_publisher, page_title,
    trim_summary,
)
from pathlib import Path  # noqa: E402

PAGES = Path(__file__).parent.parent / "fixtures" / "ingest" / "pages"


def page_of(name: str) -> PageFacts:
    return extract_html((PAGES / name).read_text(encoding="utf-8")).page


@pytest.mark.parametrize(
    "title_tag, h1, expected",
    [
        ("青岚市出台十条措施支持虚构产业-虚构新闻网", "青岚市出台十条措施支持虚构产业", "青岚市出台十条措施支持虚构产业"),
        ("青岚市出台十条措施支持虚构产业_南岭网", None, "青岚市出台十条措施支持虚构产业"),
        ("翠屏省推动虚构机器人产业发展--经济·科技--虚构日报网", "经济·科技", "翠屏省推动虚构机器人产业发展"),
        ("Invented town opens a fictional bridge | Example News", "Invented town opens a fictional bridge", "Invented town opens a fictional bridge"),
        ("Invented town opens a fictional bridge - Example News", None, "Invented town opens a fictional bridge"),
        ("Invented budget - what it means for the fictional county", "Invented budget - what it means for the fictional county",
         "Invented budget - what it means for the fictional county"),
        ("虚构政府门户网站", "青岚市召开虚构产业推进会议", "青岚市召开虚构产业推进会议"),
    ],
)
def test_page_title_drops_site_suffixes_sections_and_breadcrumbs(title_tag, h1, expected):
    headings = (Heading(1, h1, ""),) if h1 else ()
    assert page_title(PageFacts(title_tag=title_tag, headings=headings)) == expected


def test_a_breadcrumb_heading_is_never_the_title():
    page = PageFacts(title_tag="青岚市召开虚构产业推进会议_青岚市人民政府",
                     headings=(Heading(1, "首页 > 政务公开 > 工作动态", ""),))
    assert page_title(page) == "青岚市召开虚构产业推进会议"


def test_state_media_page_metadata():
    page = page_of("state_media.html")
    title = page_title(page, (page_publisher(page),))
    assert title == "翠屏省推动虚构智能机器人产业集群发展"
    assert page_credit(page, "") == "虚构青年报客户端"  # <meta name="source">, not the copyright line
    assert page_publisher(page) == "虚构日报网"  # JSON-LD publisher
    assert page_date(page, []) == "2031-06-15"
    # the portal's site-wide description is not about this article
    assert page_description(page, title, "6月14日，翠屏省召开虚构智能机器人产业集群推进会") is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2031年06月15日08:12 | 来源：虚构青年报客户端", "虚构青年报客户端"),
        ("发布时间：2031-04-09 10:00 来源：青岚市发展和改革局 作者：林某 【字号 大 中 小】", "青岚市发展和改革局"),
        ("Source: Invented Today | Updated: 2031-05-01", "Invented Today"),
        ("来源: 虚构日报网版权所有", None),
        ("Source: @inventedhandle", None),
        ("no credit in this line", None),
    ],
)
def test_credited_source_reads_the_name_up_to_the_next_field(line, expected):
    assert credited_source([line]) == expected


def test_the_source_under_the_headline_is_credited():
    page = page_of("gov_table.html")
    title = page_title(page)
    assert title == "青岚市出台支持低空飞行器产业发展十条措施"
    dateline = next(h.after for h in page.headings if h.text == title)
    assert page_credit(page, dateline) == "青岚市发展和改革局"
    assert page_date(page, [dateline]) == "2031-04-09"
    assert page_publisher(page) == "青岚市人民政府门户网站"  # as its <title> names it, not the copyright line


def test_a_twitter_handle_is_not_the_source():
    page = page_of("unwrapped.html")
    assert page_publisher(page) == "Varlow Daily"


def test_a_long_description_is_trimmed_at_a_sentence_end():
    page = page_of("long_description.html")
    body = " ".join(b.text for b in extract_html((PAGES / "long_description.html").read_text(encoding="utf-8")).blocks)
    description = page_description(page, page_title(page), body)
    assert len(description) > 800
    summary = trim_summary(description, "en")
    assert summary.endswith("should take two years.") and len(summary.split()) <= 60


def test_summary_skips_file_names_and_bylines():
    blocks = extract_text("robot-cluster-photo.jpg\n\n本报记者 钟虚构\n\n6月14日，翠屏省召开虚构智能机器人产业集群推进会，提出到2035年全省营业收入突破两千亿元。").blocks
    assert summarise(blocks, "zh").startswith("6月14日，翠屏省召开")


OUTLETS = ("新华社", "经济日报", "新京报")


@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("2031年05月16日 17:02 新京报作者：虚构名 举报 缩小字体", "新京报"),
        ("2031-05-20 14:33·新华社翠屏省虚构县近日召开会议", "新华社"),
        ("经济日报2031-05-13 06:16发布于北京", "经济日报"),
        ("2031-05-20 06:48 发布于：北京市", None),
        ("2031-05-08 23:23 来自甘肃 关注", None),  # a place, not an outlet
        ("2031-05-20 10:00 打印 关闭", None),  # buttons
    ],
)
def test_an_outlet_beside_the_date_counts_only_when_it_is_a_known_outlet(dateline, expected):
    from digest.ingest.metadata import outlet_beside_date

    assert outlet_beside_date(dateline, OUTLETS) == expected


@pytest.mark.parametrize(
    "title_tag, expected",
    [
        ("煮一碗虚构的腊八粥，记好这几个小窍门_虚构健康网_饮食", "虚构健康网"),  # site in the middle, section last
        ("虚构电影节今晚开幕_2046电影网", "2046电影网"),  # a name may start with digits; a date may not
        ("虚构球队晋级东部决赛_虚构队_季后赛_步行者", None),  # keywords, no site name
        ("Invented council approves a fictional plan - The Invented Times", "The Invented Times"),
    ],
)
def test_the_site_name_in_a_title_is_a_name_not_a_section_or_keyword(title_tag, expected):
    headline = _title_segments_first(title_tag)
    page = PageFacts(title_tag=title_tag, headings=(Heading(1, headline, ""),))
    assert page_publisher(page) == expected


def _title_segments_first(title_tag: str) -> str:
    from digest.ingest.metadata import _title_segments

    return _title_segments(title_tag)[0]


def test_a_page_whose_metadata_states_no_date_gets_htmldates_reading_of_its_url():
    story = "<p>" + "Words of an invented story about a fictional fair. " * 20 + "</p>"
    html = ("<html><head><title>Invented fair opens - Example Gazette</title>"
            "<link rel='canonical' href='https://gazette.example.org/2025/03/02/invented-fair'></head>"
            f"<body><h1>Invented fair opens</h1>{story}</body></html>")
    page = extract_html(html).page
    assert page.htmldate == "2025-03-02" and page_date(page, []) == "2025-03-02"
    # a page that states its date in metadata is not second-guessed
    stated = html.replace("<title>", "<meta property='article:published_time' content='2025-03-01T23:00:00Z'><title>")
    page = extract_html(stated).page
    assert page.htmldate is None and page_date(page, []) == "2025-03-01"


@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("By Imaginary Writer 5 Min Read NEW HARBOUR (Reuters) - Invented prices fell on Tuesday", "Reuters"),
        ("FICTIONAL FALLS, S.D. (AP) — The invented state's campaign", "Associated Press"),
        ("(AP Photo/Imaginary Photographer) The invented council", None),
        ("NEW HARBOUR (Invented Wire) - no agency we know", None),
    ],
)
def test_a_wire_agency_in_the_dateline_is_the_credited_source(dateline, expected):
    from digest import vocab
    from digest.ingest.metadata import wire_credit

    assert wire_credit(dateline, vocab.load().wires) == expected


def test_a_known_outlet_with_an_edition_suffix_is_the_outlet():
    from digest.ingest.metadata import outlet_beside_date

    assert outlet_beside_date("经济日报网络版 2031.08.26 05:39 关注", OUTLETS) == "经济日报"


# --- dates as a careful editor reads them under a headline ------------------------------------

@pytest.mark.parametrize(
    "dateline, expected",
    [
        ("虚构证券报网络版 2031.08.2605:39 关注", "2031-08-26"),  # the time glued to the day
        ("(Invented Photographer / Example Agency) " + "A long caption about a fictional harbour. " * 4
         + "By Imaginary Writer Staff Writer Nov. 19, 2031 5:50 PM", "2031-11-19"),  # a timestamp below a caption
        ("Imaginary Desk Updated on May 13, 2031, 12:50 IST - 4 min read", None),  # an update, not the publication
        ("最新推荐文章于 2031-09-04 17:53:10 发布 虚构作者 于 2031-03-12 13:08:03 发布", "2031-03-12"),
        ("Imaginary Writer May 13, 2031, 5:57 AM GMT+8 Share", None),  # shown in the saving browser's zone
    ],
)
def test_the_dateline_date_is_the_publication_timestamp(dateline, expected):
    assert page_date(PageFacts(), [dateline]) == expected


def test_a_browser_zone_timestamp_gives_way_to_the_metadata():
    page = PageFacts(meta={"article:published_time": "2031-05-12T21:57:01Z"})
    assert page_date(page, ["Imaginary Writer May 13, 2031, 5:57 AM GMT+8 Share"]) == "2031-05-12"


def test_a_wechat_article_states_its_time_and_account_in_scripts_and_profile():
    story = "<p>" + "青岚县举行虚构表彰大会，虚构的退役军人代表参加了会议。" * 8 + "</p>"
    html = ("<html><head><meta property='og:site_name' content='微信公众平台'><title>青岚县表彰虚构模范</title></head>"
            "<body><h1>青岚县表彰虚构模范</h1><div><a id='js_name'> 掌上青岚 </a><em id='publish_time'></em></div>"
            f"{story}<script>var x=function(){{e(0,\"1974917040\",0,document.getElementById(\"publish_time\"))}}</script>"
            "</body></html>")
    page = extract_html(html).page
    assert page.script_date == "2032-08-01"  # 2032-07-31 20:04 UTC is 08-01 in China
    assert page_date(page, []) == "2032-08-01"
    assert page_publisher(page) == "掌上青岚"


# --- sources: title boxes, title suffixes, body credits, brands ---------------------------------

def test_a_title_box_with_its_dateline_inside_credits_the_source():
    story = "<p>" + "青岚市召开虚构产业推进会议，部署虚构产业发展工作。" * 8 + "</p>"
    html = ("<html><head><title>青岚市召开虚构产业推进会议-虚构科普网</title></head><body>"
            "<div class='crumb'>虚构科普网 &gt; 时政新闻 &gt;</div>"
            "<div class='detail-title'><div>青岚市召开虚构产业推进会议</div>"
            "<ul><li>来源：虚构通讯社</li><li>作者：</li><li>2031-12-01 14:43</li></ul></div>"
            f"{story}</body></html>")
    page = extract_html(html).page
    title = page_title(page, (page_publisher(page),))
    assert title == "青岚市召开虚构产业推进会议"
    dateline = headline_dateline(page, title)
    assert page_credit(page, dateline) == "虚构通讯社" and page_date(page, [dateline]) == "2031-12-01"


@pytest.mark.parametrize(
    "title_tag, expected",
    [
        ("虚构球星身价过亿，住在虚构富人区_【虚构资讯】", "虚构资讯"),  # a bracketed site name
        ("为什么虚构工具不火了？-虚构博客", "虚构博客"),  # a separator after a question mark
        ("对于虚构容器的一点使用经验 - 虚构作者 - 虚构博客园", "虚构博客园"),
    ],
)
def test_site_names_in_titles_of_blogs_and_bracketed_names(title_tag, expected):
    headline = _title_segments_first(title_tag)
    page = PageFacts(title_tag=title_tag, headings=(Heading(1, headline, ""),))
    assert page_publisher(page) == expected


def test_a_title_tag_of_only_the_site_name_names_the_site():
    page = PageFacts(title_tag="-虚构历史网", headings=(Heading(1, "虚构政策怎么投诉举报", ""),))
    assert page_publisher(page) == "虚构历史网"


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["新华社青岚5月9日电（记者 虚构）青岚市今天召开虚构会议。", "第二段。"], "新华社"),  # a known outlet's wire dateline
        (["青岚5月9日电 虚构的地方今天召开会议。"], None),  # a place, no outlet
        (["正文第一段。", "正文第二段。", "（本文来源：经济日报 作者：虚构研究员）"], "经济日报"),
        (["正文第一段。", "正文第二段。", "图表数据来源：虚构统计局"], None),  # a chart's data source, not the article's
    ],
)
def test_the_body_credits_its_outlet_in_a_wire_dateline_or_a_closing_line(texts, expected):
    from digest.ingest.metadata import body_credit

    assert body_credit(texts, OUTLETS) == expected


def test_the_brand_the_site_names_wins_over_its_company():
    page = PageFacts(meta={"og:site_name": "Example News"},
                     json_ld=({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Example"}},))
    assert page_publisher(page) == "Example News"
    page = PageFacts(meta={"og:site_name": "Example Network"},
                     json_ld=({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "The Invented Times"}},))
    assert page_publisher(page) == "The Invented Times"


@pytest.mark.parametrize("canonical, expected", [
    ("https://news.example.org/2024/06/a?b=1&c=2#top", "https://news.example.org/2024/06/a?b=1&c=2#top"),
    ("https://例子.中国/新闻/政策.html?id=一#第二段",
     "https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB/%E6%94%BF%E7%AD%96.html?id=%E4%B8%80#%E7%AC%AC%E4%BA%8C%E6%AE%B5"),
    ("https://example.org/a|b{c}?q=^", "https://example.org/a%7Cb%7Bc%7D?q=%5E"),
    ("https://example.org/%E5%B9%BF%E4%B8%9C", "https://example.org/%E5%B9%BF%E4%B8%9C"),
    ("https://exa^mple.org/", None),  # no host name, however it is encoded
])
def test_a_page_address_becomes_the_uri_that_source_url_holds(canonical, expected):
    from digest.ingest.metadata import page_url

    page = extract_html(f'<html><head><link rel="canonical" href="{canonical}"></head><body><p>Invented.</p></body></html>').page
    assert page.canonical == canonical
    assert page_url(page) == expected
