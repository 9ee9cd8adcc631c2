"""Dedupe keys: canonical URLs, normalised-body hashes and the stable article id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "ref_src", "cmpid"}
_WS = re.compile(r"\s+")
_BARE_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/:?#]|$)", re.I)


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of ``url``, or ``None`` if it is not a web address.

    Lower-cases scheme and host, drops the fragment, ``utm_*`` and other tracking parameters,
    default ports and a trailing slash on the path; a bare ``example.com/a/b`` gains ``https://``.

    Args:
        url: A URL as written in front matter or a ``Source:`` line.

    Returns:
        The canonical URL, or ``None`` when ``url`` is empty or not http(s).
    """
    if not url:
        return None
    url = url.strip().strip("<>").strip()
    if not url:
        return None
    if "://" not in url:
        if not _BARE_DOMAIN.match(url):
            return None
        url = "https://" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def site_from_url(url: str | None) -> str | None:
    """Return the host of ``url`` without ``www.`` (``rollingstone.com``), or ``None``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_FOLDS = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
          ("\u2014", "---"), ("\u2013", "--"))


def normalise_body(body: str) -> str:
    """Return ``body`` in the form its content hash is taken of.

    NFC-normalised, curly quotes and dashes folded to plain ones, whitespace collapsed, so the
    same text saved by two tools hashes the same.
    """
    text = unicodedata.normalize("NFC", body)
    for curly, plain in _FOLDS:  # str.replace runs at C speed; translate() looks up every char
        if curly in text:
            text = text.replace(curly, plain)
    return _WS.sub(" ", text).strip()


def content_hash(body: str) -> str:
    """Return the SHA-256 hex digest of the normalised body."""
    return hashlib.sha256(normalise_body(body).encode("utf-8")).hexdigest()


def article_id(url: str | None, body_hash: str) -> str:
    """Return the stable id for a new article: from its canonical URL when known, else its body.

    Args:
        url: Canonical URL or ``None``.
        body_hash: ``content_hash`` of the body.

    Returns:
        16 lower-case hex characters, the same on every machine for the same article.
    """
    seed = ("url:" + url) if url else ("body:" + body_hash)
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
