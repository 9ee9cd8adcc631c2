"""User templates: documented variables, one-line errors naming file and line, the sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export import ExportError, Renderer, export_article
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
