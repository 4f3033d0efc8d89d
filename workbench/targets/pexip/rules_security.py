"""Security lint of a plugin source file: mixed content, dynamic code, shipped secrets, credentials in storage."""

from __future__ import annotations

import re

from workbench.core.diagnostics import Diagnostic, QuickFix, TextEdit
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.jsfacts import JsFacts
from workbench.targets.pexip.jsinterest import is_secret_name, looks_like_token, name_words

__all__ = ["check_security", "is_secret_name", "looks_like_token", "name_words"]

IDENTIFIER = re.compile(r"[\w$.]+")


def _secret_value(text: str) -> bool:
    """A literal worth calling a credential: 4+ characters without spaces, or an HTTP auth scheme and a value."""
    for scheme in ("Bearer ", "Basic ", "Token "):
        if text.startswith(scheme):
            text = text[len(scheme):]
    return len(text) >= 4 and not any(c.isspace() for c in text)


def check_security(files: ProjectFiles, facts: JsFacts) -> list[Diagnostic]:
    """PEX027..PEX031 for one source file (cached per content)."""
    return files.memo("pexip:security", facts.file, lambda: _check(facts))


def _check(f: JsFacts) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for url in f.http_urls:
        fix = QuickFix("Use https://", (TextEdit(f.file, url.range, "https://" + url.name[len("http://"):]),))
        out.append(diag("PEX027", f"{url.name} is plain http: the app runs over HTTPS and browsers block mixed "
                                  "content; use https://", f.file, url.range, fix))
    for use in f.dynamic_code:
        out.append(diag("PEX028", f"{use.name} runs text as code and Content Security Policy blocks it: parse data "
                                  "with JSON.parse and call functions directly", f.file, use.range))
    secret_ranges = set()
    for a in f.assigned_strings:
        if is_secret_name(a.name) and _secret_value(a.detail):
            secret_ranges.add(a.range)
            out.append(diag("PEX029", f"{a.name} holds a hard-coded credential that anyone can read in the app: "
                                      "obtain it at run time from a backend that authenticates the user",
                            f.file, a.range))
    for s in f.tokens:
        if s.range not in secret_ranges:
            out.append(diag("PEX030", f"this literal looks like a token or key ({s.name[:8]}...): remove it from the "
                                      "source and obtain it at run time", f.file, s.range))
    for w in f.storage_writes:
        value_is_secret = IDENTIFIER.fullmatch(w.detail) is not None and is_secret_name(w.detail.split(".")[-1])
        if is_secret_name(w.name.strip("'\"`")) or value_is_secret:
            out.append(diag("PEX031", f"{w.name.strip(chr(39) + chr(34))} is a credential stored in localStorage, "
                                      "where any script of the page can read it: keep it in memory only",
                            f.file, w.range))
    return out
