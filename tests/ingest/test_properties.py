"""Property test: no input bytes crash ingest or produce a file that fails the schema."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.frontmatter import parse
from digest.ingest.decode import Rejected
from digest.ingest.pipeline import build_article
from digest.ingest.write import render_article
from digest.schema import validate

TEXTY = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("\n\n -#<>*_[]:：年月日")),
    max_size=400,
)
FRAGMENTS = st.lists(
    st.sampled_from([
        "On February 5, 2025,", "2025年2月5日", "Source: Invented", "来源：虚构", "togel hk", "Exit mobile version",
        "high -ranking", "<script>alert(1)</script>", "---", "title: x", "\n\n", "AI and robotics", "人工智能",
        "Huang Kunming", "PKKCV", "<p>para</p>", "<html><body><article><p>",
    ]),
    max_size=12,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=600) | TEXTY.map(str.encode) | FRAGMENTS.map(str.encode), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_arbitrary_bytes_never_crash_and_never_break_the_schema(raw, suffix, kit):
    try:
        article = build_article(raw, "seeds/fuzz" + suffix, suffix, kit)
    except Rejected as reason:
        assert str(reason)
        return
    document = parse(render_article(kit.env, article.front_matter, article.body))
    assert validate(document.metadata) == []
    assert document.metadata["status"] in ("published", "draft")
    if document.metadata["status"] == "draft":
        assert document.metadata["problems"]
