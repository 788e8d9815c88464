"""What counts as a source credit: the labels that introduce one, names that are not outlets,
and how a credited name is tidied. One definition for the cleaning stage (which moves credit
lines out of the body) and the metadata stage (which reads credits from the page)."""
from __future__ import annotations

import re

# "来源：新华网", "Source: GDToday"; data/noise.yaml's dateline `source_labels` lists the same words
# for the field-line parser.
SOURCE_LABEL = r"(?:来源|來源|稿源|信息来源|文章来源|新闻来源|消息来源|source)"
# A credit that names no outlet: a copyright line, a handle or link, a date, "本站" (this site),
# "网络" (the internet), "原创" (original), "agencies", "staff".
_NOT_A_SOURCE = re.compile(
    r"版权所有|copyright|©|all rights|twitter|推特|^@|\s@\w|^https?:|^\d{4}[-/.年]|^\d+$"
    r"|^本站$|^网络$|^原创$|^(?:news )?agencies$|^wires?$|^staff$", re.I)
MAX_SOURCE_CHARS = 60


def plausible_source(name: str | None) -> bool:
    return bool(name and name.strip()) and len(name) <= MAX_SOURCE_CHARS and not _NOT_A_SOURCE.search(name.strip())


_WRAPPED = re.compile(r"^[【\[「『（(](?P<inner>[^】\]」』）)]+)[】\]」』）)]$")
_TRAILING_STAMP = re.compile(r"[\s·|｜]*(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?.*|\d{1,2}:\d{2}.*)$")
_TRAILING_WORD = re.compile(r"\s+(?:The|A|An|By|On|In|At)$")


def tidy_source_name(name: str) -> str:
    """"【快资讯】" → "快资讯", "人民日报2024-05-13" → "人民日报", "上海证券报）" → "上海证券报"."""
    name = " ".join(name.split()).strip(" ：:,，。;；·-")
    wrapped = _WRAPPED.match(name)
    if wrapped:
        name = wrapped.group("inner").strip()
    name = _TRAILING_WORD.sub("", _TRAILING_STAMP.sub("", name))
    if name.endswith(("）", ")")) and not any(ch in name for ch in "（("):
        name = name[:-1]
    return name.strip(" ：:,，。;；·-")
