"""Front matter (YAML ``---``, TOML ``+++``, JSON ``{…}``) through python-frontmatter.

python-frontmatter's TOML handler needs the third-party ``toml`` package; ours uses the
standard library's ``tomllib`` instead.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler


class TomlHandler(BaseHandler):
    """Read TOML front matter between ``+++`` lines with ``tomllib``."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        """Parse the TOML block."""
        return tomllib.loads(fm)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        """Not needed: readmark never writes front matter."""
        raise NotImplementedError


# libyaml's C scanner when PyYAML was built with it (about 10× faster), else pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SafeLoader):  # type: ignore[misc]
    """SafeLoader that leaves dates as text: a bad date must not sink the whole block."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlHandler(YAMLHandler):
    """YAML front matter with dates kept as strings (parsed later, one field at a time)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        """Parse the YAML block."""
        return yaml.load(fm, Loader=_TextDatesLoader)  # a SafeLoader subclass


HANDLERS: tuple[BaseHandler, ...] = (YamlHandler(), TomlHandler(), JSONHandler())


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Separate front matter from the body.

    Args:
        text: The whole file as text.

    Returns:
        ``(metadata, body, warning)``. When the front matter block is malformed, metadata is
        empty, the body is what follows the block, and ``warning`` says what was wrong.
    """
    handler = frontmatter.detect_format(text.lstrip("\ufeff"), HANDLERS)
    if handler is None:
        return {}, text, None
    stripped = text.lstrip("\ufeff").strip()
    try:
        fm, content = handler.split(stripped)
    except ValueError:
        return {}, text, None
    try:
        data = handler.load(fm)
    except Exception as exc:  # yaml, toml and json all raise their own errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return {}, content.strip("\n"), f"malformed front matter ignored ({first})"
    if not isinstance(data, dict):
        return {}, content.strip("\n"), "front matter is not a mapping; ignored"
    return data, content.strip("\n"), None
