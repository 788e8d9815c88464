from pathlib import Path

import pytest

from digest.ingest.clean import clean
from digest.ingest.extract import extract_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ingest"


def cleaned_fixture(name, kit):
    blocks = extract_text((FIXTURES / name).read_text(encoding="utf-8")).blocks
    return clean(blocks[1:], blocks[0].text, kit.rules, kit.detector)


def body(cleaned):
    return "\n\n".join(block.text for block in cleaned.blocks)


def test_english_noise_is_removed_and_prose_kept(kit):
    cleaned = cleaned_fixture("en_noise.txt", kit)
    assert body(cleaned) == (
        "On March 4, 2024, the invented Lakeview County held a high-ranking ceremony to open a battery "
        "campus. Deputy Mayor Zhou Fictional said the county would build a first-class workforce and "
        "leave low-quality production behind.\n\n"
        "Output is planned to grow from 2020 - 2025 levels, and winter temperatures of -5 °C are no "
        "obstacle – the campus is heated. Spending rose by 3–4 percent."
    )
    assert cleaned.source_name == "Lakeview Invented Daily"


def test_every_removal_is_reported_with_its_line_and_reason(kit):
    changes = {(c.line, c.action, c.reason.split(" (")[0]) for c in cleaned_fixture("en_noise.txt", kit).changes}
    assert {
        (3, "removed", "repeated title"),
        (9, "removed", "site boilerplate"),
        (11, "removed", "site boilerplate"),
        (13, "removed", "spam"),
        (15, "removed", "spam"),
        (17, "removed", "spam"),
        (19, "removed", "spam"),
        (21, "removed", "site boilerplate"),
        (23, "moved", "source name goes to the front matter"),
        (25, "removed", "site boilerplate"),
    } <= changes
    fixes = [c.text for c in cleaned_fixture("en_noise.txt", kit).changes if c.action == "fixed"]
    assert fixes == ["high -ranking → high-ranking", "first -class → first-class", "low -quality → low-quality"]


def test_chinese_noise_is_removed_and_prose_kept(kit):
    cleaned = cleaned_fixture("zh_noise.txt", kit)
    assert body(cleaned) == (
        "2024年3月4日，虚构的湖景县举行电池产业园启用仪式。副县长周虚构表示，该县将推动机器人和人工智能产业高质量发展。\n\n"
        "产业园计划在三年内完成建设，相关数据均为虚构。"
    )
    assert cleaned.source_name == "湖景虚构日报"
    reasons = [c.reason for c in cleaned.changes if c.action == "removed"]
    assert reasons[0] == "repeated title"
    assert "site boilerplate" in reasons and any(r.startswith("spam") for r in reasons)


@pytest.mark.parametrize(
    "line",
    [
        "The delegation visited Hong Kong and Macao to discuss data sharing.",
        "Data from HK and SGP exchanges were compared.",
        "The casino industry in Macao is regulated by law, the invented report said in a long sentence about the economy of the region.",
        "澳门特别行政区与广东省签署合作协议。",
        "Temperatures of -5 and ranges such as 2020 - 2025 stay.",
        "Share prices rose.",
        "Print media and online outlets covered the event.",
    ],
)
def test_real_text_is_never_taken_for_noise(line, kit):
    blocks = extract_text(line).blocks
    assert body(clean(blocks, None, kit.rules, kit.detector)) == line


@pytest.mark.parametrize(
    "line",
    [
        "togel hongkong", "data sdy", "keluaran sgp hari ini", "slot gacor maxwin", "prediksi togel sidney",
        "Situs judi online terpercaya dengan bandar togel resmi dan slot gacor maxwin setiap hari untuk semua pemain",
        "Buy cheap viagra online", "澳门六合彩开奖结果", "新葡京娱乐城欢迎您",
        "Exit mobile version", "Back to top", "返回顶部", "分享到：微信 微博", "Skip to content", "【打印】【关闭窗口】",
    ],
)
def test_spam_and_boilerplate_lines_are_removed(line, kit):
    blocks = extract_text(f"Real invented text about a fictional harbour.\n\n{line}").blocks
    assert body(clean(blocks, None, kit.rules, kit.detector)) == "Real invented text about a fictional harbour."


# --- real-page furniture: menus, datelines, footers, inline spam (invented pages) -------------

def clean_text(text, kit, title=None, rules=None):
    return clean(extract_text(text).blocks, title, rules or kit.rules, kit.detector)


def removal_reasons(cleaned):
    return [c.reason for c in cleaned.changes if c.action != "fixed"]


def test_portal_page_loses_menu_dateline_and_footer(kit):
    cleaned = cleaned_fixture("zh_portal.txt", kit)
    assert body(cleaned) == (
        "近日，虚构的湖景市人民政府印发《湖景市支持低空经济高质量发展的若干措施》，从基础设施、应用场景、企业培育等方面提出十二条措施。\n\n"
        "措施提出，到2026年，全市建成无人机起降点120个，培育低空经济企业50家，低空经济产业规模突破80亿元。\n\n"
        "一、完善低空基础设施\n\n二、拓展低空应用场景\n\n三、培育低空经济企业"
    )
    assert cleaned.source_name == "湖景市人民政府办公室"
    assert cleaned.dateline == "发布时间：2024年05月01日 10:00 来源：湖景市人民政府办公室 【字号 大 中 小】"
    reasons = removal_reasons(cleaned)
    assert reasons.count("site menu (42 short link lines)") == 42
    assert {"dateline and source line → front matter", "page widget", "related-links heading", "footer links",
            "copyright/ICP line", "page footer (after the related-links heading)",
            "page footer (after the copyright/ICP line)"} <= set(reasons)


def test_portal_page_summary_date_and_source_come_from_the_article(kit):
    from digest.ingest.pipeline import build_article

    path = FIXTURES / "zh_portal.txt"
    article = build_article(path.read_bytes(), "seeds/zh_portal.txt", ".txt", kit)
    assert article.front_matter["summary"].startswith("近日，虚构的湖景市人民政府印发")
    assert article.front_matter["date"].isoformat() == "2024-05-01"  # read from the removed dateline
    assert article.front_matter["source"]["name"] == "湖景市人民政府办公室"
    assert article.front_matter["status"] == "published"


def test_english_portal_page_loses_menu_dateline_and_footer(kit):
    cleaned = cleaned_fixture("en_portal.txt", kit)
    assert body(cleaned) == (
        "The invented Bay District opened a fictional drone logistics hub on Tuesday, the imaginary district "
        "government said. Twelve invented companies will share its landing pads.\n\n"
        "Officials said the hub would cut delivery times between the harbour and the hill towns by half."
    )
    assert cleaned.source_name == "Invented Bay Today"
    assert cleaned.dateline == "Source: Invented Bay Today | Updated: 2024-05-01 10:00"
    reasons = removal_reasons(cleaned)
    assert reasons.count("site menu (14 short link lines)") == 14
    assert {"editor line", "share prompt", "copyright/ICP line", "footer links",
            "page footer (after the footer links)"} <= set(reasons)


def test_wechat_article_loses_prompts_editor_line_and_spliced_brand(kit):
    cleaned = cleaned_fixture("wechat.txt", kit)
    assert body(cleaned) == (
        "2024年6月3日，虚构县在县城举行招商推介会，提出打造世界领先的低空经济高地，推动产业集群发展。\n\n"
        "会上签约项目18个，总投资36亿元，涉及无人机制造、照明升级改造和智能物流等领域。\n\n"
        "县长周虚构表示，将以产业为引领，持续优化营商环境，防止有关干部明升暗降，加快建设现代化产业体系。"
    )
    assert cleaned.source_name == "湖景青年虚构报客户端"
    descriptions = [c.describe() for c in cleaned.changes]
    assert "line 7: removed inline spam '明升' (6 times): gambling brand" in descriptions
    assert removal_reasons(cleaned).count("WeChat footer") == 5
    assert "editor line" in removal_reasons(cleaned)


MENU = ["首页", "新闻", "政务", "要闻", "时政", "财经", "科技", "文化", "教育", "体育", "旅游", "视频", "图片", "专题"]


@pytest.mark.parametrize("items, removed", [(MENU[:12], True), (MENU[:11], False), (MENU, True)])
def test_a_site_menu_is_a_run_of_at_least_twelve_short_link_lines(items, removed, kit):
    lead = "湖景县举行虚构的低空经济推介会，签约项目18个。"
    cleaned = clean_text("\n".join(items) + "\n\n" + lead, kit)
    assert body(cleaned) == (lead if removed else "\n".join(items) + "\n\n" + lead)
    if removed:
        assert removal_reasons(cleaned) == [f"site menu ({len(items)} short link lines)"] * len(items)


@pytest.mark.parametrize(
    "text",
    [
        # the twenty strategic clusters of an invented province, as a bullet list under a heading
        "# 二十个战略性产业集群\n\n" + "\n".join(f"- {name}" for name in (
            "新一代电子信息", "绿色石化", "智能家电", "汽车", "先进材料", "现代轻工纺织", "软件与信息服务",
            "超高清视频显示", "生物医药与健康", "现代农业与食品", "半导体与集成电路", "高端装备制造", "智能机器人",
            "区块链与量子信息", "前沿新材料", "新能源", "激光与增材制造", "数字创意", "安全应急与环保", "精密仪器设备")),
        # eleven short list items: below the threshold
        "重点产业包括：\n\n" + "\n".join(f"- {name}" for name in MENU[:11]),
        # policy measures: short, but sentences
        "\n".join(f"{i}. 支持企业建设第{i}批虚构示范工厂；" for i in range(1, 16)),
        # headings between short paragraphs
        "\n\n".join(f"# 第{i}部分\n\n湖景县第{i}项措施已经落实。" for i in range(1, 15)),
        "## Key measures\n\n" + "\n".join(f"- Support for invented pilot factory number {i} in Lakeview" for i in range(1, 16)),
        "\n\n".join(f"## Step {i}\n\nThe invented county finished step {i}." for i in range(1, 15)),
    ],
)
def test_short_real_content_is_never_a_menu(text, kit):
    cleaned = clean_text(text, kit)
    assert not [r for r in removal_reasons(cleaned) if r.startswith("site menu")]
    assert body(cleaned) == "\n\n".join(block.text for block in extract_text(text).blocks)


@pytest.mark.parametrize(
    "line",
    ["首页 | 新闻 | 政务 | 要闻 | 时政 | 财经 | 科技 | 文化", "首页 新闻 政务 要闻 时政 财经 科技 文化 教育",
     "Home | News | China | World | Business | Opinion | Sports | Video"],
)
def test_a_one_line_menu_is_removed(line, kit):
    cleaned = clean_text(f"{line}\n\n湖景县举行虚构的推介会。", kit)
    assert body(cleaned) == "湖景县举行虚构的推介会。"
    assert removal_reasons(cleaned)[0].startswith("site menu (")


@pytest.mark.parametrize(
    "line, source, dateline",
    [
        ("2024-05-01 10:00:00 来源：新华虚构网 作者：张虚构", "新华虚构网", "2024-05-01 10:00:00 来源：新华虚构网 作者：张虚构"),
        ("发布时间：2024年05月01日 来源：湖景市人民政府办公室 【字号 大 中 小】", "湖景市人民政府办公室",
         "发布时间：2024年05月01日 来源：湖景市人民政府办公室 【字号 大 中 小】"),
        ("Source: Invented Bay Today | Updated: 2024-05-01", "Invented Bay Today", "Source: Invented Bay Today | Updated: 2024-05-01"),
        ("来源：湖景青年虚构报客户端", "湖景青年虚构报客户端", None),
        ("2024年05月01日 08:30  稿源：虚构日报  编辑：李虚构  浏览次数：1024", "虚构日报",
         "2024年05月01日 08:30  稿源：虚构日报  编辑：李虚构  浏览次数：1024"),
        ("Published: 2024-05-01 | Updated: 2024-05-02", None, "Published: 2024-05-01 | Updated: 2024-05-02"),
    ],
)
def test_dateline_and_source_lines_become_metadata(line, source, dateline, kit):
    lead = "湖景县今天举行虚构的低空经济推介会，签约项目18个。"
    cleaned = clean_text(f"{line}\n\n{lead}", kit)
    assert body(cleaned) == lead
    assert (cleaned.source_name, cleaned.dateline) == (source, dateline)
    reason = "source name goes to the front matter" if dateline is None else "dateline and source line → front matter"
    assert [(c.action, c.reason, c.text) for c in cleaned.changes] == [("moved", reason, line)]


def test_a_dateline_inside_a_longer_block_goes_and_the_rest_stays(kit):
    cleaned = clean_text("2024-05-01 10:00 来源：新华虚构网\n湖景县今天举行虚构的推介会。\n\n会上签约项目18个。", kit)
    assert body(cleaned) == "湖景县今天举行虚构的推介会。\n\n会上签约项目18个。"
    assert cleaned.source_name == "新华虚构网"


def test_a_source_line_at_the_end_of_a_block_is_taken(kit):
    cleaned = clean_text("湖景县今天举行虚构的推介会。\n\n会上签约项目18个。\n来源：湖景虚构日报 责任编辑：王虚构", kit)
    assert body(cleaned) == "湖景县今天举行虚构的推介会。\n\n会上签约项目18个。"
    assert cleaned.source_name == "湖景虚构日报"


@pytest.mark.parametrize(
    "line",
    [
        "人民虚构网版权所有",  # a copyright holder is not the source
        "Source: @InventedBayToday",  # nor a Twitter handle
        "资金来源：市财政专项资金和社会资本。",  # prose that has a label in it
        "时间：2024年5月1日 地点：湖景县会议中心",  # an event notice
        "2024年5月1日，湖景县举行虚构的推介会。",
        "The data source: an invented survey of 300 firms, published on 2024-05-01 by the county.",
    ],
)
def test_no_source_is_taken_from_copyright_lines_handles_or_prose(line, kit):
    cleaned = clean_text(f"{line}\n\n会上签约项目18个。", kit)
    assert cleaned.source_name is None
    assert cleaned.dateline is None


def test_footer_rule_removes_short_lines_after_a_marker_but_never_prose(kit):
    text = (
        "湖景县今天举行虚构的低空经济推介会，签约项目18个，总投资36亿元，涉及无人机制造和智能物流等领域。\n\n"
        "会议由虚构的县政府主办，来自各地的120家企业参加。\n\n"
        "湖景县人民政府版权所有\n\n"
        "地址：湖景县虚构路1号\n\n"
        "联系电话：000-0000000\n\n"
        "另据了解，湖景县还将在下半年举办第二场推介会，重点面向粤港澳大湾区的虚构企业。"
    )
    cleaned = clean_text(text, kit)
    assert body(cleaned).endswith("另据了解，湖景县还将在下半年举办第二场推介会，重点面向粤港澳大湾区的虚构企业。")
    assert "地址" not in body(cleaned) and "联系电话" not in body(cleaned)
    assert removal_reasons(cleaned) == ["copyright/ICP line"] + ["page footer (after the copyright/ICP line)"] * 2


def test_a_footer_marker_before_most_of_the_prose_removes_nothing_after_it(kit):
    text = ("编辑：李虚构\n\n一、总体要求\n\n二、重点任务\n\n"
            "湖景县将推动低空经济高质量发展，到2026年建成无人机起降点120个，培育低空经济企业50家。\n\n"
            "湖景县将完善低空基础设施，拓展低空应用场景，培育低空经济企业，优化营商环境。")
    cleaned = clean_text(text, kit)
    assert removal_reasons(cleaned) == ["editor line"]
    assert body(cleaned).startswith("一、总体要求\n\n二、重点任务")


@pytest.mark.parametrize(
    "closing, kept",
    [
        ("（记者 张虚构 通讯员 李虚构）", None),
        ("文/张虚构 图/李虚构", None),
        ("By Zhang Madeup", None),
        ("(Editor: Jane Madeup)", None),
        ("责编：王虚构", None),
        ("By 2026, the invented port will double its capacity.", "By 2026, the invented port will double its capacity."),
        ("作者认为，湖景县的做法值得推广。", "作者认为，湖景县的做法值得推广。"),
    ],
)
def test_bylines_and_editor_lines_closing_the_article_are_removed(closing, kept, kit):
    lead = "The invented Lakeview County opened a battery campus on Tuesday."
    cleaned = clean_text(f"{lead}\n\n{closing}", kit)
    assert body(cleaned) == (f"{lead}\n\n{kept}" if kept else lead)


@pytest.mark.parametrize(
    "line",
    [
        "点击上方蓝字关注我们", "回复【政策】查看往期", "点【在看】，让更多人看到", "长按识别二维码关注我们", "阅读原文",
        "部分图片来源网络，如有侵权请联系删除", "京ICP备00000000号-1", "粤公网安备 44000000000000号",
        "违法和不良信息举报电话：000-00000000", "版权所有 © 湖景市人民政府", "Copyright © 2024 Invented Bay Today. All rights reserved.",
        "分享到：微信 微博 QQ", "扫一扫在手机打开当前页", "【字号 大 中 小】", "Share this article", "Follow us on Facebook",
        "【纠错】", "打印本页 关闭窗口", "[打印本页] [关闭窗口]", "相关新闻", "推荐阅读", "热门推荐", "点击排行",
        "网站地图 | 联系我们 | 关于我们", "责任编辑：王虚构", "（责任编辑：王虚构）", "审核：李虚构 校对：赵虚构", "(Editor: Jane Madeup)",
        "当前位置：首页 > 新闻中心 > 要闻",
    ],
)
def test_page_furniture_lines_are_removed(line, kit):
    lead = "湖景县今天举行虚构的低空经济推介会，签约项目18个，总投资36亿元。"
    cleaned = clean_text(f"{lead}\n\n{line}", kit)
    assert body(cleaned) == lead


@pytest.mark.parametrize(
    "line",
    [
        "湖景县坚持版权保护与创新并重，版权所有人的合法权益得到保障。",
        "市民可拨打举报电话12345反映问题。",
        "Copyright protection for invented software was strengthened in 2024.",
        "群众纷纷点赞。",
        "The county will share this article of the plan with all invented townships.",
        "Follow-up inspections are planned for May.",
        "编辑部收到了300封虚构读者来信，内容涉及低空经济和智能物流。",
    ],
)
def test_prose_mentioning_footer_words_is_kept(line, kit):
    lead = "湖景县今天举行虚构的低空经济推介会，签约项目18个，总投资36亿元。"
    cleaned = clean_text(f"{lead}\n\n{line}", kit)
    assert body(cleaned) == f"{lead}\n\n{line}"


# --- spam inside sentences --------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("推动明升产业集群发展。", "推动产业集群发展。"),
        ("打造世界领先的低空经济明升高地。", "打造世界领先的低空经济高地。"),
        ("湖景县引进新葡京数字经济项目。", "湖景县引进数字经济项目。"),
        ("Visit the bet365 platform for the invented league.", "Visit the platform for the invented league."),
        ("推进188bet低空经济发展。", "推进低空经济发展。"),
    ],
)
def test_listed_gambling_brands_are_cut_out_of_sentences(text, expected, kit):
    cleaned = clean_text(text, kit)
    assert body(cleaned) == expected
    assert [c.reason for c in cleaned.changes] == ["gambling brand"]


@pytest.mark.parametrize(
    "text",
    [
        "湖景县推进照明升级改造。", "推进文明升级。", "防止干部明升暗降。", "开云集团在湖景开设门店。",
        "湖景县参加中国—南亚博览会。", "亚博会在湖景举行。", "发展山东半岛体育产业。", "参加中华体育会活动。",
        "湖景县举办快乐鱼类科普活动。", "会议在澳门威尼斯人金光会展中心举行。", "澳门银河国际会议中心承办论坛。",
    ],
)
def test_brand_characters_inside_ordinary_words_are_kept(text, kit):
    assert body(clean_text(text, kit)) == text


SPLICED = (
    "湖景市提出打造低空经济鑫博高地，建设鑫博物流枢纽。\n\n"
    "推进粤港澳鑫博大湾区建设，推动鑫博产业集群发展。\n\n"
    "到2027年，鑫博大数据中心建成投用。"
)


def test_an_unlisted_brand_wedged_into_phrases_is_cut_out(kit):
    cleaned = clean_text(SPLICED, kit)
    assert body(cleaned) == (
        "湖景市提出打造低空经济高地，建设物流枢纽。\n\n推进粤港澳大湾区建设，推动产业集群发展。\n\n到2027年，大数据中心建成投用。"
    )
    assert [c.describe() for c in cleaned.changes] == [
        "line 1: removed inline spam '鑫博' (5 times): unknown brand: a non-word wedged into phrases throughout the text"
    ]


def test_an_unlisted_latin_brand_wedged_into_chinese_is_cut_out(kit):
    cleaned = clean_text("虚构市推动xinbo产业集群发展，建设xinbo物流枢纽，打造低空经xinbo济高地，促进产xinbo业升级。", kit)
    assert body(cleaned) == "虚构市推动产业集群发展，建设物流枢纽，打造低空经济高地，促进产业升级。"


@pytest.mark.parametrize(
    "text",
    [
        # real policy terms repeated heavily, with names, places and companies
        "湖景县大力发展低空经济，推动低空经济产业集群发展。湖景县委书记周虚构表示，低空经济是新质生产力的重要方向。\n\n"
        "湖景县将发展人工智能产业，推进人工智能与制造业融合，建设人工智能创新高地。周虚构指出，要把具身智能作为重点，"
        "具身智能企业可申请扶持。\n\n湖景县低空经济产值增长三成，经济发展质量提升，产业发展后劲增强。潮光机器人公司在湖景县"
        "建设具身智能工厂，潮光机器人将招聘工程师。发展新质生产力，培育新质生产力，壮大新质生产力。",
        "省长王虚中强调，要加快发展。王虚中在会上指出，产业是根基。会后，王虚中前往园区调研。王虚中一行还察看了企业。",
        "月湾新区管委会表示，月湾新区今年新增企业120家，月湾新区产值增长。月湾新区将建设创新中心，月湾新区发展加快。",
        "琥珀田新区召开新一代电子信息工作会议，发布新一轮行动计划。该计划涉及新一代电子信息和绿色石化。绿色石化产业集群"
        "产值增长，现代化产业体系加快建设，新一代电子信息产业集群壮大，现代化产业体系更加完善，绿色石化产业提质增效。",
        "虚构市推动DeepSeek大模型应用，部署DeepSeek模型，接入DeepSeek服务。推动AI产业发展，AI赋能制造，AI芯片项目落地。"
        "发展eVTOL产业，eVTOL试飞成功，eVTOL航线开通。政务app上线，下载app办事，app用户增长。",
    ],
)
def test_repeated_real_terms_are_never_taken_for_an_unlisted_brand(text, kit):
    cleaned = clean_text(text, kit)
    assert cleaned.changes == ()
    assert body(cleaned) == text


def test_policy_terms_missing_from_the_dictionary_are_not_taken_for_a_brand(kit):
    # 托育 and 普惠 (not in jieba's dictionary) read as wedged only in a few of their many uses; 实现高
    # is a word and a piece of the next (实现|高质量); 日至 belongs to dates (5月18日至20日).
    cleaned = cleaned_fixture("zh_real_terms.txt", kit)
    assert cleaned.changes == ()
    text = (FIXTURES / "zh_real_terms.txt").read_text(encoding="utf-8")
    assert body(cleaned) == text.split("\n\n", 1)[1].strip()


def test_jieba_is_loaded_only_for_chinese_text_that_needs_it(kit):
    from digest.ingest.clean import NoiseRules

    rules = NoiseRules.from_data(kit.vocabularies.noise)  # fresh rules: nothing loaded yet
    clean_text((FIXTURES / "en_portal.txt").read_text(encoding="utf-8"), kit, rules=rules)
    clean_text("湖景县举行推介会。", kit, rules=rules)  # nothing repeated: no dictionary needed
    assert "_tokenizer" not in vars(rules.dictionary)
    clean_text(SPLICED, kit, rules=rules)
    assert "_tokenizer" in vars(rules.dictionary)


# Invented: a Japanese paragraph about an invented city, with a Han token repeated through it.
JAPANESE_WITH_TOKEN = (
    "湖景市は低空経済鑫博高地の建設を進めています。鑫博物流拠点も整備されます。\n\n"
    "市は鑫博産業集群の発展を支援し、鑫博大湾区との連携を強めています。\n\n"
    "二〇二七年には鑫博大数据中心が完成する予定です。"
)


def test_japanese_text_is_not_cut_into_chinese_words(kit):
    from digest.ingest.clean import NoiseRules

    rules = NoiseRules.from_data(kit.vocabularies.noise)  # fresh rules: nothing loaded yet
    cleaned = clean_text(JAPANESE_WITH_TOKEN, kit, rules=rules)
    assert body(cleaned) == JAPANESE_WITH_TOKEN
    assert "_tokenizer" not in vars(rules.dictionary)


def test_a_related_articles_list_of_teasers_goes_and_the_article_stays(kit):
    text = (
        "4月8日，虚构的青岚市召开低空飞行器产业推进会，会议提出到2033年全市产业规模达到三百亿元。\n\n"
        "会议要求各区在六月底前细化配套政策，并建设三个通用机场。……\n\n"  # the article may end on an ellipsis once
        "5月22日，在虚构的南岭县蓝莓基地，农户在采摘蓝莓。自2005年发展蓝莓种植以来，南岭县蓝莓...【详细】\n"
        "图片推荐 2031-05-23 09:41:17\n\n"
        "近年来，虚构的翠屏市聚焦绿色发展，把好节能降耗“源头关”的同时，加快...【详细】\n"
        "图片推荐 2031-05-22 23:33:39\n\n"
        "虚构电影节开幕\n\n"
        "注册虚构网账号\n"
    )
    cleaned = clean(extract_text(text).blocks, None, kit.rules, kit.detector)
    kept = body(cleaned)
    assert "会议要求各区在六月底前细化配套政策" in kept and "三百亿元" in kept
    for teaser in ("蓝莓", "节能降耗", "图片推荐", "虚构电影节开幕", "注册虚构网账号"):
        assert teaser not in kept, teaser
    assert any("related-articles list (teasers cut short)" in c.describe() for c in cleaned.changes)


def test_teasers_cut_after_a_full_stop_go_with_the_list(kit):
    # after two teasers ending in "...", one cut after a full stop ("。...") is one more, and the
    # short video titles and account links after them go too
    text = (
        "虚构影视网讯 5月20日起，虚构电影频道将推出系列访谈节目《湖景会客厅》，邀请十位虚构影人讲述创作故事。\n\n"
        "当地时间2031年5月15日，虚构的月湾电影节开幕，评委会主席林虚舟携新片亮相红毯，现场观众热情高涨，影片将于...\n\n"
        "5月20日起，《湖景会客厅》将推出系列访谈节目，邀请周虚构、王虚中等十位虚构影人讲述他们与湖景的故事，分享...\n\n"
        "近日，第9届虚构电影节各奖项入围名单公示，经观众投票，将评选出每个奖项的五个提名，观众可以通过网页投票，禁止恶意刷票行为。...\n\n"
        "日前，虚构电影《湖景往事》发布多款海报，包括巨幕、杜比影院等六种制式，影片延续温情喜剧风格，定档七月上映。...\n\n"
        "月湾战役经典还原\n\n"
        "注册虚构影视网账号\n"
    )
    kept = body(clean(extract_text(text).blocks, None, kit.rules, kit.detector))
    assert kept == text.split("\n\n")[0]


def test_self_media_disclaimers_reprint_notices_and_share_labels_go(kit):
    # 未经许可，不得… in the article is a rule of the park, not a reprint notice: it stays
    cleaned = cleaned_fixture("zh_self_media.txt", kit)
    assert body(cleaned).split("\n\n") == (FIXTURES / "zh_self_media.txt").read_text(encoding="utf-8").split("\n\n")[1:3]
    assert set(removal_reasons(cleaned)) == {"copyright/ICP line", "link to another article", "opinion disclaimer",
                                             "share prompt", "platform disclaimer"}


def test_reader_prompts_and_links_to_other_articles_go_and_sentences_about_them_stay(kit):
    cleaned = cleaned_fixture("en_local_news.txt", kit)
    assert body(cleaned).split("\n\n") == (FIXTURES / "en_local_news.txt").read_text(encoding="utf-8").split("\n\n")[1:3]
    assert set(removal_reasons(cleaned)) == {"link to another article", "opinion disclaimer", "contact prompt",
                                             "newsletter or podcast prompt", "related-links heading"}
    for sentence in ("Residents can sign up for the invented town's flood newsletter at Fernvale town hall.",
                     "More: the invented council met on Tuesday and agreed the ferry budget.",
                     "For questions, contact us at the invented town hall on Lakeshire Road."):
        assert body(clean_text(sentence, kit)) == sentence


def test_one_paragraph_ending_in_an_ellipsis_is_not_a_teaser_list(kit):
    text = ("The invented council said the fictional bridge would open in May, but added that delays were possible...\n\n"
            "Construction of the imaginary bridge began two years ago and has cost 40 invented million so far.\n")
    assert len(clean(extract_text(text).blocks, None, kit.rules, kit.detector).blocks) == 2


def test_code_block_lines_are_kept_as_written(kit):
    from digest.ingest.extract import CODE, PARAGRAPH, Block

    code = "docker run -p 8080:80 \\\n  --name lantern-bay \\\n  invented/berths:1.0"
    blocks = (Block(PARAGRAPH, "The invented Lantern Bay authority runs its fictional berth service like this."),
              Block(CODE, code))
    cleaned = clean(blocks, None, kit.rules, kit.detector)
    assert cleaned.blocks[1] == Block(CODE, code)  # "run -p" is not the MT spacing "high -ranking"


NOTICES = [
    "This article was machine-translated from Chinese.",
    "(This article has been automatically translated.)",
    "This page was translated automatically by an invented engine.",
    "Machine translated by Invented Translate.",
    "[Machine translation, for reference only]",
    "Translated with DeepL",
    "本文由机器翻译生成。",
    "（本文为机器翻译，仅供参考）",
    "本文內容由機器翻譯",
    "【机器翻译】",
]
NOT_NOTICES = [  # prose about machine translation, a heading, a translator's byline
    "Machine translation",
    "机器翻译",
    "Machine translation by 2030 will be a fictional industry of 10 billion yuan.",
    "The province supports machine translation and speech recognition.",
    "虚构省支持机器翻译产业发展，培育一批虚构企业。",
    "Translated by Invented Person",
    "The text was translated by the editors.",
]


@pytest.mark.parametrize("line, notice", [(line, True) for line in NOTICES] + [(line, False) for line in NOT_NOTICES])
def test_only_a_page_saying_it_is_machine_translated_is_one(line, notice, kit):
    blocks = extract_text(f"Invented title\n\nAn invented paragraph of prose.\n\n{line}\n").blocks[1:]
    cleaned = clean(blocks, "Invented title", kit.rules, kit.detector)
    assert cleaned.machine_translated is notice
    if notice:  # moved out of the text, into the front matter
        assert [b.text for b in cleaned.blocks] == ["An invented paragraph of prose."]
