"""User templates: documented variables, one-line errors naming file and line, the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export import ExportError, Renderer, export_article, templates
from tests.export.conftest import NOW, Annotated

TEMPLATE = """\
{{ article.title }} ({{ article.id }}) by {{ article.authors | join(", ") }}
{% for h in highlights %}
- {{ h.color }} {{ h.block_id }}: {{ h.text }}
{%- if h.note %} / {{ h.note | replace("\\n", " ") }}{% endif %}

{% endfor %}
orphans: {{ orphans | length }}; notes: {{ notes | length }}; note: {{ note }}
quotes: {{ quotes | map(attribute="speaker") | join(", ") }}
speakers: {% for s in speakers %}{{ s.name }}={{ s.count }}{% endfor %}
"""


def test_custom_template_sees_the_documented_variables(
    annotated: Annotated, tmp_path: Path, out: Path
) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(TEMPLATE, encoding="utf-8")
    result = export_article(annotated.lib, annotated.aid, out, template=template, quotes=True,
                            now=NOW)
    assert result.path is not None
    text = result.path.read_text(encoding="utf-8")
    assert f"Harbour vote ({annotated.aid}) by Jo Reed" in text
    assert "- pink rm-" in text and ": We cannot wait another winter / The board's" in text
    assert "orphans: 1; notes: 1; note: Follow up before the **June** vote." in text
    assert "quotes: Mara Quill" in text and "speakers: Mara Quill=1" in text


def test_article_text_is_never_template_syntax(annotated: Annotated, out: Path) -> None:
    lib, aid = annotated.lib, annotated.aid
    lib.set_article_note(aid, "{{ 7 * 7 }} {% for x in y %}{# c #}")
    result = export_article(lib, aid, out, now=NOW)
    assert result.path is not None
    assert "{{ 7 * 7 }} {% for x in y %}{# c #}" in result.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("ok\n{% for h in highlights %}\n{{ h.text }\n{% endfor %}\n", 3, "unexpected"),
        ("fine\n\n{{ missing_variable }}\n", 3, "undefined"),
        ("a\n{{ article.__class__.__mro__ }}\n", 2, "template error"),
        ("x\ny\n{{ 1 / 0 }}\n", 3, "ZeroDivisionError"),
    ],
)
def test_template_errors_are_one_line_with_file_and_line(
    annotated: Annotated, tmp_path: Path, out: Path, source: str, line: int, words: str
) -> None:
    template = tmp_path / "bad.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_article(annotated.lib, annotated.aid, out, template=template, now=NOW)
    message = str(caught.value)
    assert message.startswith(f"{template}:{line}: ") and words in message
    assert "\n" not in message
    assert not out.exists() or not any(out.iterdir())


def test_missing_template_and_unknown_style(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="cannot read template"):
        Renderer(template=tmp_path / "nope.j2")
    with pytest.raises(ExportError, match="unknown style 'fancy'"):
        Renderer("fancy")


def test_sandbox_refuses_unsafe_calls(tmp_path: Path) -> None:
    template = tmp_path / "evil.j2"
    template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(ExportError, match=r"evil\.j2:1: template error"):
        Renderer(template=template).render({})


ABUSE = [
    ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n", "recursion too deep"),
    ("{% for i in range(10**9) %}{{ i }}{% endfor %}\n", "range of 1,000,000,000"),
    ("{{ lipsum(10**8) }}\n", "'lipsum' is undefined"),
    ("{{ ('ab' * 8000000) | wordwrap(1) | length }}\n", "wordwrap of 16,000,000"),
    ("{{ ('ab' * 300000) | wordwrap(1) | length }}\n", "would take too long"),
    ("{{ ('a.com ' * 10**6) | urlize | length }}\n", "urlize of 6,000,000"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s | length }}\n", "~ would build more than"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
     "{% endfor %}{{ ns.s | length }}\n", "value larger than"),
    ("{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}"
     "{% endfor %}{{ ns.l | tojson | length }}\n", "value larger than"),
    ("{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) or '' }}{% endfor %}\n",
     "list longer than"),
    ("{{ ('\t' * 1000000).expandtabs(1000) | length }}\n", "expandtabs would build"),
    ("{{ ('\\n' * 100000) | indent('y' * 1000, true, true) | length }}\n", "indent would build"),
    ("{{ ([[0] * 1000] * 2000) | sum(start=[]) | length }}\n", "sum would build"),
    ("{{ [1] | batch(10**7, 'x') | list | length }}\n", "batch count 10,000,000"),
    ("{{ ('x' * 10**7) | sort | length }}\n", "sort of 10,000,000 items"),
    ("{{ ('\"' * 10**7) | escape | length }}\n", "value larger than"),
    ("{{ 'x' * 10**10 }}\n", "repetition would build"),
    ("{{ 10**10 * 'x' }}\n", "repetition would build"),
    ("{{ ([0] * 10**9) | length }}\n", "repetition would build"),
    ("{{ 2 ** (10 ** 10) }}\n", "power too large"),
    ("{{ 'x' | center(10**10) }}\n", "too large"),
    ("{{ 'x'.ljust(10**10) }}\n", "too large"),
    ("{{ '{:>9999999999}'.format(1) }}\n", "format width too large"),
    ("{{ '%9999999999d' % 1 }}\n", "format width too large"),
    ("{{ range(100000) | join('x' * 1000) }}\n", "join would build"),
    ("{{ ('x' * 100000) | replace('', 'y' * 1000) }}\n", "replace would build"),
    ("{% for i in range(100000) %}{{ 'y' * 1000 }}{% endfor %}\n", "output larger than"),
]


@pytest.mark.parametrize(("source", "words"), ABUSE)
def test_template_abuse_is_a_one_line_error(
    annotated: Annotated, tmp_path: Path, out: Path, source: str, words: str
) -> None:
    template = tmp_path / "abuse.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export_article(annotated.lib, annotated.aid, out, template=template, now=NOW)
    message = str(caught.value)
    assert message.startswith(f"{template}:") and "template error" in message
    assert words in message and "\n" not in message
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "source",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(60) }}",
    ],
    ids=["nested-ranges", "nested-strings", "exponential-macro"],
)
def test_endless_templates_are_stopped_by_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: str
) -> None:
    monkeypatch.setattr(templates, "MAX_SECONDS", 0.05)
    template = tmp_path / "slow.j2"
    template.write_text(source, encoding="utf-8")
    with pytest.raises(ExportError, match=r"slow\.j2:1: template error: took longer than 0\.05 s"):
        Renderer(template=template).render({})


def test_templates_within_the_limits_still_work(tmp_path: Path) -> None:
    template = tmp_path / "fine.j2"
    template.write_text(
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 'ab' * 2 }} {{ '%4d' % 7 }} "
        "{{ '{:>3}'.format('z') }} {{ ['a', 'b'] | join('-') }} {{ 'aXb' | replace('X', '.') }} "
        "{{ 2 ** 10 }} {{ 'q' | center(5) }} {{ 'a' ~ 1 ~ [2] }} {{ [[1], [2]] | sum(start=[]) }} "
        "{{ 'ab cd' | wordwrap(2) | replace('\n', '/') }} {{ 'x\ny' | indent(2) }}|",
        encoding="utf-8",
    )
    assert Renderer(template=template).render({}) == \
        "012 abab    7   z a-b a.b 1024   q   a1[2] [1, 2] ab/cd x\n  y|\n"

