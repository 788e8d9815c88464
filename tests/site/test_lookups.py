import jinja2

from digest.site import lookups

SOURCE = (
    "{{ page.title }}|{{ page.items is defined }}|{{ page['items'] }}|{{ page.items() | list | length }}|"
    "{{ page.missing is defined }}|{{ page.nested.depth }}|{{ obj.real }}|{{ obj.imag }}|{{ words.upper() }}|"
    "{% for key, value in page.og.items() %}{{ key }}={{ value }};{% endfor %}|{{ page.get('title') }}"
)
CONTEXT = {
    "page": {"title": "<Invented> title", "items": ["a", "b"], "nested": {"depth": 2}, "og": {"type": "article"}},
    "obj": 3 + 4j,
    "words": "lanternbrook",
}


def render(fast: bool) -> str:
    env = jinja2.Environment(autoescape=True)
    if fast:
        lookups.install(env)
    return env.from_string(SOURCE).render(CONTEXT)


def test_dict_first_lookup_renders_what_jinja_renders():
    plain, fast = render(False), render(True)
    assert fast == plain
    # a key named like a dict method still resolves to the method, as in Jinja
    assert "|True|[&#39;a&#39;, &#39;b&#39;]|4|False|2|3.0|4.0|LANTERNBROOK|type=article;|&lt;Invented&gt; title" in fast


def test_dict_keys_are_found_without_trying_the_attribute_first():
    env = jinja2.Environment()
    lookups.install(env)

    class Subclass(dict):
        pass

    assert env.getattr({"title": "x"}, "title") == "x"
    assert env.getattr({"items": 1}, "items") != 1  # dict.items, as Jinja resolves it
    assert env.getattr(Subclass(title="y"), "title") == "y"  # subclasses take Jinja's path, same answer
