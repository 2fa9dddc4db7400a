"""The web page's last wall: every HTML page sanitised after pandoc, and a Content-Security-Policy.

The narrative is checked before pandoc reads it (``content.sanitise``,
``content.pandoc_syntax``), but pandoc reads more Markdown than any check
can foresee, and councils publish this page on their own sites.  So the page
pandoc writes is sanitised once more, with nh3, against an allow-list of the
elements and attributes the page template, pandoc and the charts produce:
no ``on...`` attribute, no ``javascript:`` link, no script but the
template's own.  The template's scripts are kept only when they are the
very text of a ``<script>`` in the template, and a ``Content-Security-Policy``
meta tag lets the browser run those (by their hash) and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import nh3

# --- the body: what the template, pandoc's HTML writer and the charts (inline SVG) produce -----------------------

_TEXT = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "samp",
    "section", "aside", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_SVG = {
    "svg", "g", "defs", "clipPath", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "use",
    "text", "tspan", "title", "desc", "style", "linearGradient", "radialGradient", "stop", "pattern", "mask",
    "symbol",
}  # fmt: skip
BODY_TAGS = frozenset(_TEXT | _SVG)
_GENERIC = {"id", "class", "lang", "dir", "title", "role", "style", "hidden"}
_ARIA = {
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "aria-level", "aria-current",
}  # fmt: skip
_PRESENTATION = {
    "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "width", "height", "transform",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-dasharray", "stroke-opacity", "stroke-miterlimit", "opacity", "clip-path", "clip-rule", "font-size",
    "font-family", "font-weight", "text-anchor", "dominant-baseline", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "patternUnits", "mask", "viewBox", "preserveAspectRatio", "version", "xmlns", "xmlns:xlink",
    "focusable", "xlink:href", "href", "type",
}  # fmt: skip
BODY_ATTRIBUTES: dict[str, set[str]] = {
    "*": _GENERIC | _ARIA,
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height"},
    "div": {"tabindex"},
    "main": {"tabindex"},
    "nav": {"data-sections"},
    "li": {"data-indicator", "value"},
    "ol": {"type", "start", "reversed"},
    "th": {"scope", "colspan", "rowspan", "headers", "abbr", "data-label"},
    "td": {"colspan", "rowspan", "headers", "data-label"},
    "col": {"span"},
    "colgroup": {"span"},
    "q": {"cite"},
    "details": {"open"},
    **{tag: set(_PRESENTATION) for tag in _SVG},
}
# removed with everything inside them, never printed as text
_DROP_WITH_CONTENT = {"script", "noscript", "template", "metadata", "iframe", "object", "embed", "frame", "frameset"}

# --- the head: what the page template puts there --------------------------------------------------------------

HEAD_TAGS = frozenset({"meta", "title", "link", "style", "script"})
HEAD_ATTRIBUTES: dict[str, set[str]] = {
    "meta": {"charset", "name", "content"},
    "link": {"rel", "hreflang", "href"},
    "style": {"type"},
    "script": set(),
}
BODY_TAG_ATTRIBUTES = ("class", "data-watermark")

_PAGE = re.compile(r"(?is)\A(?P<open>.*?<head\b[^>]*>)(?P<head>.*?)</head>\s*<body\b(?P<body_attrs>[^>]*)>"
                   r"(?P<body>.*)</body>\s*</html>\s*\Z")  # fmt: skip
_SCRIPT = re.compile(r"(?is)<script\b[^>]*>(.*?)</script\s*>")
_STYLE = re.compile(r"(?is)<style\b[^>]*>(.*?)</style\s*>")
_LINK = re.compile(r"(?i)^(#|https?://|mailto:|tel:|(?![a-z][a-z0-9+.-]*:)[^\s\\]*$)")
_PICTURE = re.compile(r"(?i)^(data:image/(png|jpeg|gif|webp|svg\+xml);base64,|(?![a-z][a-z0-9+.-]*:)[^\s\\]*$)")


# --- a site page's own furniture (render.html_site): its search box, never allowed in the single page -----------

SEARCH_TAGS = frozenset({"form", "label", "input", "button"})
SEARCH_ATTRIBUTES: dict[str, set[str]] = {
    "label": {"for"},
    "input": {"type", "name", "autocomplete", "spellcheck", "enterkeyhint"},
    "button": {"type"},
}


def safe_page(page: str, template_file: Path, own_scripts: tuple[str, ...] = (), search: bool = False) -> str:
    """The page with nothing but the template's own script, and a Content-Security-Policy allowing only that.

    ``own_scripts``: the text of scripts of dirreport's own a page may carry in its head besides the
    template's (a site page's search); ``search``: the search box's form elements are let through.
    """
    parts = _PAGE.match(page)
    if parts is None:
        # not the shape a page template gives: the whole of it is treated as a body
        return _csp_page("<!DOCTYPE html>\n<html>\n<head>\n", "", "", _clean_body(page))
    head = _clean_head(parts.group("head"), template_scripts(template_file) | frozenset(own_scripts))
    return _csp_page(
        parts.group("open"),
        head,
        _body_attributes(parts.group("body_attrs")),
        _clean_body(parts.group("body"), search),
    )


def _csp_page(opening: str, head: str, body_attrs: str, body: str) -> str:
    policy = content_security_policy(_SCRIPT.findall(head))
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy}">'
    charset = re.search(r"(?i)<meta\s+charset=[^>]*>", head)
    # the policy comes first after the character set, before anything it governs
    head = head[: charset.end()] + meta + head[charset.end() :] if charset else meta + head
    return f"{opening}{head}</head>\n<body{body_attrs}>{body}</body>\n</html>\n"


def content_security_policy(scripts: list[str], connect: str = "") -> str:
    """No script but those given (by hash), no plugins, no <base>, nothing fetched but the page's own pictures."""
    hashes = " ".join(script_hash(s) for s in scripts)
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {hashes or chr(39) + 'none' + chr(39)}",
            "style-src 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            *([f"connect-src {connect}"] if connect else []),
        ]
    )


def script_hash(script: str) -> str:
    """A script's source in a policy: the SHA-256 of its text, as browsers compute it."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def with_script(page: str, script: str) -> str:
    """A sanitised page with one more script of dirreport's own at the end of its body, allowed by the policy.

    For the live preview's reload script, which listens to the local server (``connect-src 'self'``).
    """
    scripts = [*_SCRIPT.findall(page.split("</head>", 1)[0]), script]
    policy = content_security_policy(scripts, connect="'self'")
    page = re.sub(
        r'<meta http-equiv="Content-Security-Policy" content="[^"]*">',
        lambda _m: f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        page,
        count=1,
    )
    head, sep, rest = page.rpartition("</body>")
    return f"{head}<script>{script}</script>{sep}{rest}" if sep else page + f"<script>{script}</script>"


@cache
def _template_scripts(path: str, mtime: float) -> frozenset[str]:
    return frozenset(_SCRIPT.findall(Path(path).read_text(encoding="utf-8")))


def template_scripts(template_file: Path) -> frozenset[str]:
    """The text of each <script> in the page template: the only scripts a page may carry."""
    return _template_scripts(str(template_file), template_file.stat().st_mtime)


def _clean_head(head: str, allowed_scripts: frozenset[str]) -> str:
    cleaned = nh3.clean(
        head,
        tags=set(HEAD_TAGS),
        clean_content_tags=set(),
        attributes=HEAD_ATTRIBUTES,
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes={"https", "http"},
    )

    def keep(match: re.Match[str]) -> str:
        return (
            match.group(0)
            if html.unescape(match.group(1)) in allowed_scripts or match.group(1) in allowed_scripts
            else ""
        )

    return _SCRIPT.sub(keep, cleaned)


def _clean_body(body: str, search: bool = False) -> str:
    attributes = BODY_ATTRIBUTES
    if search:
        attributes = {**BODY_ATTRIBUTES, **{tag: set(a) for tag, a in SEARCH_ATTRIBUTES.items()}}
    return nh3.clean(
        body,
        tags=set(BODY_TAGS | SEARCH_TAGS) if search else set(BODY_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=_filter,
        strip_comments=True,
        link_rel=None,
        url_schemes={"https", "http", "mailto", "tel", "data"},
    )


def _filter(element: str, attribute: str, value: str) -> str | None:
    """Links only to the web, an address, a telephone, or inside the page; pictures only from the page's folder."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(value))
    if attribute in ("href", "xlink:href"):
        if element not in ("a", "link"):
            return value if plain.startswith("#") else None  # a chart's <use> points inside the page
        return value if _LINK.match(plain) else None
    if attribute == "src":
        return value if _PICTURE.match(plain) else None
    if attribute == "style" and re.search(r"(?i)(expression|javascript:|url\s*\()", plain):
        return None
    return value


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = attrs


def _body_attributes(text: str) -> str:
    parser = _Attributes()
    parser.feed(f"<body{text}>")
    return "".join(
        f' {name}="{html.escape(value or "", quote=True)}"'
        for name, value in parser.attrs
        if name in BODY_TAG_ATTRIBUTES
    )
