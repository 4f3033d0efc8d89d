"""A connector's call page rendered from its JSP as its servlet would serve it: the HTML and scripts kept, the
request attributes the servlet sets (userInfo, contextInfo, settings) filled in, and what cannot be rendered
without a server (scriptlets, tags, unknown attributes) named."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from workbench.core.files import ProjectFiles
from workbench.targets.exo.javascan import java_facts
from workbench.targets.exo.layout import Layout
from workbench.targets.exo.xmltree import xml_document

# A tag ends at its `>`, never past the next `<` (a run of unclosed tags stays linear to scan).
TAG = re.compile(r"</?(?:c|fmt|fn|jsp|portlet|exo):[A-Za-z]+[^<>]*>")
ATTRIBUTE = re.compile(r"""^\s*(?:\(\s*String\s*\)\s*)?request\.getAttribute\(\s*"([^"]+)"\s*\)(?:\.toString\(\))?\s*$""")
EL_NAME = re.compile(r"^\s*(?:requestScope\s*\.\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*$|^\s*requestScope\s*\[\s*'([^']+)'\s*\]\s*$")


@dataclass
class CallPage:
    """One rendered page: the URL the servlet answers, its JSP, the HTML, and what could not be rendered."""

    url: str
    jsp: str
    html: str = ""
    not_rendered: list[str] = field(default_factory=list)


def servlet_pages(files: ProjectFiles, layout: Layout, war: str) -> list[tuple[str, str]]:
    """(URL path, JSP file) for each servlet of web.xml whose Java forwards to a JSP of the webapp."""
    doc = xml_document(files, layout.webapp_file("WEB-INF/web.xml"))
    if doc is None or doc.root is None:
        return []
    classes = {s.child_text("servlet-name"): s.child_text("servlet-class") for s in doc.iter("servlet")}
    out = []
    for mapping in doc.iter("servlet-mapping"):
        name = mapping.child_text("servlet-name")
        class_name = classes.get(name)
        if not class_name:
            continue
        jsp = _forwarded_jsp(files, layout, class_name)
        for pattern in mapping.children_named("url-pattern"):
            path = (pattern.text or "").strip().rstrip("*").rstrip("/")
            if jsp and path.startswith("/") and "*" not in path:
                out.append((f"/{war}{path}", jsp))
    return out


def _forwarded_jsp(files: ProjectFiles, layout: Layout, class_name: str) -> str | None:
    rel = class_name.replace(".", "/") + ".java"
    for root in layout.java_roots():
        facts = java_facts(files, posixpath.join(root, rel))
        if facts is not None:
            for s in facts.strings:
                if s.value.endswith(".jsp") and files.is_file(layout.webapp_file(s.value)):
                    return layout.webapp_file(s.value)
    return None


def render(text: str, attributes: dict[str, Any]) -> tuple[str, list[str]]:
    """The JSP's HTML with its request attributes filled in; what was left out, in words."""
    missing: list[str] = []

    def value(name: str, written: str) -> str:
        if name in attributes:
            return json.dumps(attributes[name]) if not isinstance(attributes[name], str) else attributes[name]
        missing.append(f"{written.strip()} (request attribute {name!r} is not one the workbench knows: null)")
        return "null"

    def expression(m) -> str:
        attr = ATTRIBUTE.match(m.group(1))
        if attr:
            return value(attr.group(1), m.group(0))
        missing.append(f"the expression {m.group(0).strip()} (left out)")
        return "null"

    def el(m) -> str:
        name = EL_NAME.match(m.group(1))
        if name:
            return value(name.group(1) or name.group(2), m.group(0))
        missing.append(f"the EL expression {m.group(0)} (left out)")
        return "null"

    def scriptlet(m) -> str:
        missing.append(f"the scriptlet {_short(m.group(0))} (Java code runs on the server only)")
        return ""

    def tag(m: re.Match) -> str:
        missing.append(f"the tag {_short(m.group(0))} (JSP tags run on the server only)")
        return ""

    html = "".join(_pieces(text, expression, scriptlet, el))
    html = TAG.sub(tag, html)
    return html.lstrip("\r\n"), missing


def _pieces(text: str, expression, scriptlet, el):
    """The JSP's text in one pass: template text as it is, <%-- --%> and <%@ %> dropped, <%= %>, <% %> and ${}
    replaced. Each search starts where the last ended, so no text is scanned twice (an unclosed `<%` or `${` leaves
    the rest of the page as it is written)."""
    at = 0
    while at < len(text):
        jsp, el_at = text.find("<%", at), text.find("${", at)
        start = min(i for i in (jsp, el_at, len(text)) if i >= 0)
        yield text[at:start]
        if start == len(text):
            return
        if start == el_at:
            end = text.find("}", start + 2)
            if end < 0:
                yield text[start:]
                return
            yield el(_Match(text[start:end + 1], text[start + 2:end]))
        elif text.startswith("<%--", start):
            end = text.find("--%>", start + 4)
            if end < 0:
                yield text[start:]
                return
            end += 2
        else:
            end = text.find("%>", start + 2)
            if end < 0:
                yield text[start:]
                return
            body = text[start + 2:end]
            if body.startswith("="):
                yield expression(_Match(text[start:end + 2], body[1:]))
            elif not body.startswith("@"):
                yield scriptlet(_Match(text[start:end + 2], body[1:] if body.startswith("!") else body))
        at = end + 2 if start != el_at else end + 1


class _Match:
    """What the replacers read of a piece: group(0) the whole, group(1) the inside."""

    def __init__(self, whole: str, inner: str):
        self._groups = (whole, inner)

    def group(self, n: int = 0) -> str:
        return self._groups[n]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def call_pages(files: ProjectFiles, layout: Layout, war: str, attributes: dict[str, Any]) -> list[CallPage]:
    """Every servlet page of the webapp, rendered."""
    pages = []
    for url, jsp in servlet_pages(files, layout, war):
        text = files.read_text(jsp)
        if text is None:
            continue
        html, missing = render(text, attributes)
        pages.append(CallPage(url, jsp, html, missing))
    return pages


def platform_scripts(html: str) -> list[str]:
    """The paths of eXo's own scripts a call page loads (/eXoResources/..., /webconferencing/..., /cometd/...)."""
    return re.findall(r"""<script[^>]+src=["'](/(?:eXoResources|webconferencing|cometd)/[^"'?]+)""", html)
