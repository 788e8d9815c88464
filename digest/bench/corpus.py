"""A deterministic synthetic bilingual corpus for the benchmark, in every peer's format.

Everything is drawn from one `random.Random(seed)`, so two generations with one seed are
byte-identical. The text is made of invented places, companies and bureaus put into aligned
English/Chinese sentence templates (so a Chinese version really is a translation of its English
one); every article ends by saying that it is synthetic. The only real names are the official
slugs of data/officials.yaml, used as tags, never in the text.

Layout under the corpus root:

    seeds/<slug>.txt        raw text source of every article (title, date sentence, body,
                            "Source:" line, boilerplate and spam lines), in its original language
    seeds/<slug>.html       raw HTML page (nav, share bar, footer) for every fifth article
    content/<lang>/<slug>.md            ours: YAML front matter (schema/front-matter.schema.json)
    content/editions/<week>.<lang>.md   ours: editor's notes (schema/edition-note.schema.json) for
                                        three weeks in four: both languages, English only, Chinese only
    pelican/content/<slug>.<lang>.md    stock Pelican: Title:/Date:/Slug:/Lang:/Tags: headers
    hugo/content/articles/<slug>.<lang>.md  Hugo: YAML front matter, industries/officials lists
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from digest import frontmatter, vocab
from digest.site.editions import NOTES_FOLDER, week_of

DEFAULT_SEED = 2025
TRANSLATED_SHARE = 0.85  # articles with both an English and a Chinese version
ZH_ORIGINAL_SHARE = 0.2  # of the translated ones, how many were written in Chinese first
HTML_EVERY = 5  # one raw HTML page per this many articles
FIRST_DAY = dt.date(2020, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)
TRANSLATOR = "Digest editors"
SYNTHETIC_NOTE = (
    "This is synthetic benchmark text: every place, company, bureau and figure in it is invented.",
    "本文为性能测试合成文本，文中地名、企业、机构和数据均为虚构。",
)

# Invented names, English and Chinese.
PLACES = (
    ("Amberfield New Area", "琥珀田新区"), ("Silverreed Bay District", "银苇湾区"),
    ("Lanternbrook County", "灯溪县"), ("Kestrel Point Innovation Zone", "隼角创新区"),
    ("Moonbay City", "月湾市"), ("Copperleaf Science Park", "铜叶科学园"),
    ("Ninefold Harbour", "九叠港"), ("Willowgate Economic Zone", "柳门经济区"),
    ("Stonelark County", "石雀县"), ("Jadecloud New Town", "玉云新城"),
    ("Redkite Port", "赤鸢港"), ("Plumriver District", "梅川区"),
)
ORGS = (
    ("district development bureau", "区发展局"), ("municipal science and technology office", "市科技办公室"),
    ("industrial park management committee", "园区管理委员会"), ("invented provincial industry office", "虚构省工业办公室"),
    ("county investment promotion centre", "县投资促进中心"), ("city talent service bureau", "市人才服务局"),
)
COMPANIES = (
    ("Tidelight Robotics", "潮光机器人"), ("Harrowfen Semiconductor", "禾芬半导体"),
    ("Bluequill Biotech", "蓝羽生物"), ("Sunmoth Materials", "日蛾材料"),
    ("Orrin Drone Works", "奥林无人机"), ("Quartzwell Energy", "石英井能源"),
    ("Fernlattice Software", "蕨格软件"), ("Marrowpeak Optics", "髓峰光学"),
)
SOURCES = (
    ("Moonbay Invented Daily", "月湾虚构日报"), ("Lanternbrook Gazette", "灯溪公报"),
    ("Example Provincial News Service", "示例省新闻社"), ("Amberfield Evening Post", "琥珀田晚报"),
)
TITLE_VERBS = (("launches", "启动"), ("expands", "扩大"), ("approves", "批准"), ("announces", "公布"), ("unveils", "推出"))
TITLE_THINGS = (
    ("action plan", "行动计划"), ("pilot zone", "试验区"), ("support fund", "扶持基金"),
    ("industrial park", "产业园"), ("talent programme", "人才计划"), ("innovation centre", "创新中心"),
)
HEADINGS = (("Next steps", "下一步工作"), ("Funding and support", "资金与扶持"), ("Talent and research", "人才与科研"),
            ("Targets", "发展目标"), ("Background", "背景"))
LEADS = (
    ("On {date_en}, {place} held a working conference on {ind} and presented a new action plan.",
     "{date_zh}，{place}召开{ind}工作会议，发布新一轮行动计划。"),
    ("On {date_en}, the {org} of {place} published measures to support {ind}.",
     "{date_zh}，{place}{org}印发支持{ind}发展的若干措施。"),
    ("On {date_en}, {company} and {place} signed an agreement on {ind}.",
     "{date_zh}，{company}与{place}签署{ind}合作协议。"),
)
SENTENCES = (
    ("{place} will build a demonstration park for {ind} covering {n} hectares by {year}.",
     "{place}将于{year}年前建成占地{n}公顷的{ind}示范园区。"),
    ("The {org} said that {n} invented companies had applied for support in the first round.",
     "{org}表示，首批已有{n}家虚构企业申请扶持。"),
    ("Local output of {ind} grew by {pct} percent compared with the previous year, according to figures invented for this digest.",
     "据本摘要虚构的数据，当地{ind}产值同比增长{pct}%。"),
    ("{company} plans to open a research centre in {place} and to hire {n} engineers over the next three years.",
     "{company}计划在{place}设立研发中心，未来三年招聘{n}名工程师。"),
    ("Officials described the plan as a step towards a modern industrial system with stronger supply chains.",
     "有关负责人表示，该计划是迈向供应链更加稳固的现代化产业体系的重要一步。"),
    ("A special fund of {n} million yuan will support pilot projects, testing platforms and the training of skilled workers.",
     "专项资金{n}百万元将用于支持试点项目、测试平台建设和技能人才培养。"),
    ("The {org} will review the progress of each project every quarter and publish the results.",
     "{org}将每季度评估各项目进展并公布评估结果。"),
    ("Universities in {place} are expected to set up joint laboratories with {company} on {ind}.",
     "{place}的高校将与{company}共建{ind}联合实验室。"),
    ("The measures also simplify approval procedures, so that a new factory can start construction within {n} working days.",
     "相关措施还简化了审批程序，新建工厂可在{n}个工作日内开工建设。"),
    ("Small and medium-sized firms will receive vouchers for cloud computing services and for product certification.",
     "中小企业将获得云计算服务券和产品认证服务券。"),
    ("{place} and {place2} agreed to share test sites, information on industrial land and a common list of key technologies.",
     "{place}与{place2}同意共享测试场地、产业用地信息和关键技术清单。"),
    ("By the end of {year}, the cluster for {ind} in {place} is expected to reach an output value of {n} billion yuan.",
     "到{year}年底，{place}{ind}产业集群产值预计达到{n}十亿元。"),
    ("Residents can follow the progress of the projects on the website of the {org}.",
     "市民可以在{org}网站上查看各项目的进展情况。"),
    ("Observers noted that the targets are ambitious but in line with earlier plans for {ind}.",
     "观察人士指出，这些目标虽然雄心勃勃，但与此前的{ind}规划保持一致。"),
    ("The {org} also promised better services for talent, including housing support and faster permits for researchers.",
     "{org}还承诺优化人才服务，包括提供住房保障、为科研人员加快办理相关许可。"),
    ("A first group of {n} projects was signed at the meeting, with a combined investment of {n2} billion yuan.",
     "会上签约首批{n}个项目，总投资{n2}十亿元。"),
    ("Export orders for products related to {ind} rose by {pct} percent in the first half of the year.",
     "上半年，{ind}相关产品的出口订单增长{pct}%。"),
    ("{company} said it would move part of its production line to {place} before the end of next year.",
     "{company}表示，将在明年年底前把部分生产线迁至{place}。"),
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
EN_NOISE = ("Exit mobile version", "Share on Facebook", "Back to top", "Advertisement", "togel hongkong", "data sdy")
ZH_NOISE = ("返回顶部", "分享到：微博 微信 QQ空间", "澳门六合彩开奖结果")


@dataclass(frozen=True)
class Version:
    """One language version of an article: title, summary and Markdown body."""

    title: str
    summary: str
    paragraphs: tuple[str, ...]  # paragraphs; a paragraph starting "## " is a heading

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class Article:
    slug: str
    date: dt.date
    original: str  # "en" or "zh": the language it was written in
    industries: tuple[str, ...]
    officials: tuple[str, ...]
    source: tuple[str, str]  # (English name, Chinese name)
    versions: dict  # lang -> Version
    source_file: str = ""  # seeds/<slug>.txt, relative to the corpus root
    source_sha256: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in ("en", "zh") if lang in self.versions)


@dataclass
class Corpus:
    root: Path
    seed: int
    articles: list[Article]
    text_inputs: list[Path] = field(default_factory=list)
    html_inputs: list[Path] = field(default_factory=list)
    notes: list[Path] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def pelican(self) -> Path:
        return self.root / "pelican"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"

    @property
    def documents(self) -> int:
        return sum(len(a.versions) for a in self.articles)


def _lower_first(name: str) -> str:
    """'Artificial intelligence' → 'artificial intelligence' mid-sentence; '6G …' stays."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _join_names(names: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(names[:-1]) + ("和" if len(names) > 1 else "") + names[-1]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _fill(rng: random.Random, template: tuple[str, str], industries, extra: dict) -> tuple[str, str]:
    place, place2 = rng.sample(PLACES, 2)
    org, company = rng.choice(ORGS), rng.choice(COMPANIES)
    ind = rng.choice(industries)
    values = {"n": rng.randint(3, 480), "n2": rng.randint(2, 90), "pct": rng.randint(2, 38),
              "year": rng.randint(2021, 2030)}
    en = template[0].format(place=place[0], place2=place2[0], org=org[0], company=company[0],
                            ind=_lower_first(ind.name["en"]), **values, **extra)
    zh = template[1].format(place=place[1], place2=place2[1], org=org[1], company=company[1],
                            ind=ind.name["zh"], **values, **extra)
    return en[0].upper() + en[1:], zh


def make_article(rng: random.Random, index: int, vocabularies: vocab.Vocabularies) -> Article:
    industries = rng.sample(vocabularies.industries, rng.randint(1, 4))
    officials = rng.sample(vocabularies.officials, rng.randint(0, 3)) if vocabularies.officials else []
    date = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    translated = rng.random() < TRANSLATED_SHARE
    if translated:
        original = "zh" if rng.random() < ZH_ORIGINAL_SHARE else "en"
        langs = ("en", "zh")
    else:
        original = rng.choice(("en", "zh"))
        langs = (original,)
    # Title: "<place> <verb> <industry> <thing>", slug from the English title plus the index.
    place, verb, thing = rng.choice(PLACES), rng.choice(TITLE_VERBS), rng.choice(TITLE_THINGS)
    lead_ind = industries[0].name
    title_en = f"{place[0]} {verb[0]} {_lower_first(lead_ind['en'])} {thing[0]}"
    title_zh = f"{place[1]}{verb[1]}{lead_ind['zh']}{thing[1]}"
    words = re.findall(r"[a-z0-9]+", title_en.lower())
    slug = "-".join(words)[:60].strip("-") + f"-{index:05d}"
    dates = {"date_en": f"{MONTHS[date.month - 1]} {date.day}, {date.year}",
             "date_zh": f"{date.year}年{date.month}月{date.day}日"}
    names = {lang: _join_names([(_lower_first(t.name["en"]) if lang == "en" else t.name["zh"]) for t in industries], lang)
             for lang in ("en", "zh")}
    # Aligned paragraphs until the English reaches 400–1200 words (Chinese comes out ~1.6 chars/word).
    target = rng.randint(400, 1100)
    lead = _fill(rng, rng.choice(LEADS), industries, dates)
    overview = (f"The plan covers {names['en']}.", f"该计划涉及{names['zh']}。")
    paragraphs: list[tuple[str, str]] = []
    sentences = [lead, overview]
    words_so_far = 0
    headings = list(HEADINGS)
    rng.shuffle(headings)
    while words_so_far < target:
        for _ in range(rng.randint(2, 5)):
            sentences.append(_fill(rng, rng.choice(SENTENCES), industries, {}))
        paragraph = (" ".join(s[0] for s in sentences), "".join(s[1] for s in sentences))
        paragraphs.append(paragraph)
        words_so_far += len(paragraph[0].split())
        sentences = []
        if headings and len(paragraphs) % 4 == 0 and words_so_far < target:
            heading = headings.pop()
            paragraphs.append((f"## {heading[0]}", f"## {heading[1]}"))
    paragraphs.append(SYNTHETIC_NOTE)
    versions = {}
    for lang in langs:
        i = 0 if lang == "en" else 1
        versions[lang] = Version(
            title=(title_en, title_zh)[i],
            summary=lead[i] + (" " if lang == "en" else "") + overview[i],
            paragraphs=tuple(p[i] for p in paragraphs),
        )
    return Article(slug, date, original, tuple(t.slug for t in industries), tuple(t.slug for t in officials),
                   rng.choice(SOURCES), versions)


def generate_articles(n: int, seed: int = DEFAULT_SEED, vocabularies: vocab.Vocabularies | None = None) -> list[Article]:
    rng = random.Random(seed)
    vocabularies = vocabularies or vocab.load()
    return [make_article(rng, index, vocabularies) for index in range(n)]


# --- raw inputs for ingest --------------------------------------------------------------------

def raw_text(article: Article, rng: random.Random) -> str:
    """A plain-text source as sites and CMS exports give them: title, body, source line, noise."""
    lang = article.original
    version = article.versions[lang]
    lines = [version.title, ""]
    if rng.random() < 0.5:
        lines += [version.title, ""]  # repeated title, as in the seed
    for paragraph in version.paragraphs:
        lines += [paragraph[3:] if paragraph.startswith("## ") else paragraph, ""]
    source = article.source[0 if lang == "en" else 1]
    lines += [f"Source: {source}" if lang == "en" else f"来源：{source}", ""]
    noise = EN_NOISE if lang == "en" else ZH_NOISE
    for line in rng.sample(noise, rng.randint(1, len(noise))):
        lines += [line, ""]
    return "\n".join(lines)


def write_raw_sources(folder: Path, n: int, seed: int = DEFAULT_SEED, vocabularies: vocab.Vocabularies | None = None) -> list[Path]:
    """Only the raw text sources of n articles, `folder/<slug>.txt`: inputs for ingest tests."""
    rng = random.Random(seed + 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in generate_articles(n, seed, vocabularies):
        paths.append(folder / f"{article.slug}.txt")
        paths[-1].write_bytes(raw_text(article, rng).encode("utf-8"))
    return paths


def raw_html(article: Article, rng: random.Random) -> str:
    """A news page: metadata in <head>, nav, share bar, the article, related links, footer."""
    lang = article.original
    version = article.versions[lang]
    source = article.source[0 if lang == "en" else 1]
    e = html.escape
    body = []
    for paragraph in version.paragraphs:
        if paragraph.startswith("## "):
            body.append(f"<h2>{e(paragraph[3:])}</h2>")
        else:
            body.append(f"<p>{e(paragraph)}</p>")
    share = "Share on Facebook | Share on Twitter" if lang == "en" else "分享到：微博 微信"
    nav = "Home | Policy | Industry | About" if lang == "en" else "首页 | 政策 | 产业 | 关于"
    return f"""<!doctype html>
<html lang="{'en' if lang == 'en' else 'zh-CN'}">
<head>
<meta charset="utf-8">
<title>{e(version.title)} | {e(source)}</title>
<meta property="og:title" content="{e(version.title)}">
<meta name="description" content="{e(version.summary)}">
<meta property="article:published_time" content="{article.date.isoformat()}T09:{rng.randint(10, 59)}:00+08:00">
<meta property="og:site_name" content="{e(source)}">
<link rel="canonical" href="https://news.example.org/{article.date.year}/{article.slug}">
<style>.share{{display:flex}}</style>
<script>window.analytics = "never part of the article";</script>
</head>
<body>
<header><nav><a href="/">{nav}</a></nav></header>
<main>
<article>
<h1>{e(version.title)}</h1>
<div class="share-bar"><a href="#">{share}</a></div>
{chr(10).join(body)}
<p style="display:none">togel hk data sgp</p>
</article>
<aside class="related"><h3>Related posts</h3><ul><li><a href="/a">Another invented story</a></li></ul></aside>
</main>
<footer><p>Copyright {article.date.year} {e(source)}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
"""


# --- the peers' formats -------------------------------------------------------------------------

class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):
    """digest.frontmatter.dump_yaml's style (flow lists of slugs) with libyaml's emitter: ~10x faster."""


_Dumper.add_representer(list, frontmatter._represent_list)


def dump_yaml(metadata: dict) -> str:
    return yaml.dump(metadata, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100_000,
                     default_flow_style=False)


def front_matter(article: Article, lang: str) -> dict:
    version = article.versions[lang]
    meta: dict = {
        "title": version.title,
        "slug": article.slug,
        "lang": lang,
        "date": article.date,
        "source": {"name": article.source[0], "file": article.source_file, "sha256": article.source_sha256},
        "industries": list(article.industries),
        "officials": list(article.officials),
        "summary": version.summary,
        "status": "published",
    }
    if lang != article.original:
        meta["translation"] = {"from": article.original, "by": TRANSLATOR}
    return meta


def ours(article: Article, lang: str) -> str:
    return f"---\n{dump_yaml(front_matter(article, lang))}---\n\n{article.versions[lang].body}"


def pelican(article: Article, lang: str) -> str:
    """Python-Markdown `meta` headers, as Pelican's default Markdown reader wants them."""
    version = article.versions[lang]
    tags = ", ".join((*article.industries, *article.officials))
    header = [f"Title: {version.title}", f"Date: {article.date.isoformat()}", f"Slug: {article.slug}",
              f"Lang: {lang}", f"Tags: {tags}", f"Summary: {version.summary}", "Authors: Digest editors"]
    return "\n".join(header) + "\n\n" + version.body


def hugo(article: Article, lang: str) -> str:
    version = article.versions[lang]
    meta = {"title": version.title, "slug": article.slug, "date": article.date, "translationKey": article.slug,
            "summary": version.summary, "industries": list(article.industries), "officials": list(article.officials)}
    return f"---\n{dump_yaml(meta)}---\n\n{version.body}"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


NOTE_LANGS = (("en", "zh"), ("en",), ("zh",), ())  # the notes of the weeks, in turn


def edition_notes(articles: list[Article]) -> dict[tuple[str, str], str]:
    """{(week id, lang): note file text} for the weeks the articles fall in: see NOTE_LANGS."""
    weeks: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: (a.date, a.slug)):
        weeks.setdefault(week_of(article.date).id, []).append(article)
    notes = {}
    for index, (week, members) in enumerate(sorted(weeks.items())):
        for lang in NOTE_LANGS[index % len(NOTE_LANGS)]:
            first = next((a for a in members if lang in a.versions), members[0])
            first_lang = lang if lang in first.versions else first.langs[0]
            link = f"{'' if first_lang == 'en' else '/zh'}/articles/{first.slug}/"
            title = first.versions[first_lang].title
            if lang == "en":
                body = (f"This invented editor's note opens week {week}: {len(members)} synthetic articles, "
                        f"first among them [{title}]({link}).\n\n{SYNTHETIC_NOTE[0]}\n")
                meta = {"edition": week, "lang": lang, "title": f"Invented notes on {week}", "by": TRANSLATOR}
            else:
                body = f"这则虚构的编者按介绍{week}的{len(members)}篇合成文章，首篇为[{title}]({link})。\n\n{SYNTHETIC_NOTE[1]}\n"
                meta = {"edition": week, "lang": lang, "title": f"{week}虚构编者按", "by": TRANSLATOR}
            notes[(week, lang)] = f"---\n{dump_yaml({**meta, 'status': 'published'})}---\n\n{body}"
    return notes


def generate(root: Path, n: int, seed: int = DEFAULT_SEED, vocabularies: vocab.Vocabularies | None = None,
             peers: bool = True) -> Corpus:
    """Write the raw inputs and every peer's content for n articles under root (`peers=False`: ours only)."""
    return write(root, generate_articles(n, seed, vocabularies), seed, peers)


def write(root: Path, articles: list[Article], seed: int = DEFAULT_SEED, peers: bool = True) -> Corpus:
    """Write the raw inputs and every peer's content for these articles under root, with their editions' notes."""
    root = Path(root)
    rng = random.Random(seed + 1)  # the raw sources' noise, independent of the articles
    corpus = Corpus(root, seed, [])
    for index, article in enumerate(articles):
        text = raw_text(article, rng).encode("utf-8")
        source_file = f"seeds/{article.slug}.txt"
        (root / "seeds").mkdir(parents=True, exist_ok=True)
        (root / source_file).write_bytes(text)
        corpus.text_inputs.append(root / source_file)
        if index % HTML_EVERY == 0:
            page = root / "seeds" / f"{article.slug}.html"
            _write(page, raw_html(article, rng))
            corpus.html_inputs.append(page)
        article = replace(article, source_file=source_file, source_sha256=hashlib.sha256(text).hexdigest())
        corpus.articles.append(article)
        for lang in article.langs:
            _write(corpus.content / lang / f"{article.slug}.md", ours(article, lang))
            if peers:
                _write(corpus.pelican / "content" / f"{article.slug}.{lang}.md", pelican(article, lang))
                _write(corpus.hugo / "content" / "articles" / f"{article.slug}.{lang}.md", hugo(article, lang))
    for (week, lang), text in edition_notes(corpus.articles).items():
        path = corpus.content / NOTES_FOLDER / f"{week}.{lang}.md"
        _write(path, text)
        corpus.notes.append(path)
    return corpus


def articles_to_edit(corpus: Corpus, count: int) -> list[Path]:
    """`count` article files spread over the corpus (first versions, oldest to newest), for edit trials."""
    step = max(1, len(corpus.articles) // (count + 1))
    chosen = corpus.articles[step::step][:count]
    return [corpus.content / article.langs[0] / f"{article.slug}.md" for article in chosen]


def edit_one_article(corpus: Corpus) -> Path:
    """The warm-rebuild edit: append a sentence to the body of the middle article's first version."""
    article = corpus.articles[len(corpus.articles) // 2]
    path = corpus.content / article.langs[0] / f"{article.slug}.md"
    text = path.read_text(encoding="utf-8")
    addition = "An editor added this sentence for the warm rebuild." if article.langs[0] == "en" else "编辑为增量构建补充了这句话。"
    path.write_text(text.rstrip("\n") + "\n\n" + addition + "\n", encoding="utf-8")
    return path
