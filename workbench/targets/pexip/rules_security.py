"""Security lint of a plugin source file: mixed content, dynamic code, shipped secrets, credentials in storage."""

from __future__ import annotations

import math
import re

from workbench.core.diagnostics import Diagnostic, QuickFix, TextEdit
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.jsfacts import JsFacts

# Words that make a name hold a credential, and trailing words that make it about one instead (an input's id...).
# ('credentials' is left out: fetch(url, {credentials: 'include'}) is an option, not a secret.)
SECRET_WORDS = {"password", "passwd", "pwd", "secret", "token", "apikey", "privatekey", "accesskey", "secretkey",
                "clientsecret", "authorization"}
NOT_SECRET_SUFFIXES = {"id", "ids", "input", "field", "el", "elem", "element", "button", "btn", "label", "placeholder",
                       "url", "uri", "endpoint", "name", "type", "selector", "length", "class", "prompt", "text",
                       "dialog", "title", "header", "expiry", "expires", "visible", "required",
                       "form", "container", "icon", "message", "msg", "error", "hint"}
TOKEN_PREFIXES = ("sk_live_", "sk_test_", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxp-", "AKIA", "AIza", "eyJ")
TOKEN_CHARS = re.compile(r"^[A-Za-z0-9_\-+/=.]+$")  # on a literal's content, not on source structure
IDENTIFIER = re.compile(r"[\w$.]+")
SEPARATORS = re.compile(r"[-_.]")
WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def name_words(name: str) -> list[str]:
    """'clientSecret' -> ['client', 'secret']; 'API_KEY' -> ['api', 'key']."""
    return [w.lower() for w in WORD.findall(name)]


def is_secret_name(name: str) -> bool:
    """Does a variable / property name hold a credential (apiKey, authToken, password...)?"""
    words = name_words(name)
    if not words or words[-1] in NOT_SECRET_SUFFIXES:
        return False
    joined = {a + b for a, b in zip(words, words[1:], strict=False)}
    return bool((set(words) | joined) & SECRET_WORDS)


def _secret_value(text: str) -> bool:
    """A literal worth calling a credential: 4+ characters without spaces, or an HTTP auth scheme and a value."""
    for scheme in ("Bearer ", "Basic ", "Token "):
        if text.startswith(scheme):
            text = text[len(scheme):]
    return len(text) >= 4 and not any(c.isspace() for c in text)


def looks_like_token(text: str) -> bool:
    """A long random-looking literal: a known key prefix, or 32+ token characters mixing letters and digits."""
    if not (20 <= len(text) <= 2000) or not TOKEN_CHARS.match(text):
        return False
    if text.startswith(TOKEN_PREFIXES) and len(text) >= 20:
        return True
    if len(text) < 32 or not any(c.isdigit() for c in text) or not any(c.isalpha() for c in text):
        return False
    if "/" in text and "." in text:  # a path such as assets/images/icon.svg
        return False
    if all(part.isalpha() or part.isdigit() for part in SEPARATORS.split(text) if part):
        return False  # words and numbers joined by - _ . (a plugin id such as 'video-mute-participant-plugin-1.0')
    counts = {c: text.count(c) for c in set(text)}
    entropy = -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())
    return entropy >= 3.5


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
    for s in f.strings:
        if looks_like_token(s.name) and s.range not in secret_ranges:  # the name first: a range is made on use
            out.append(diag("PEX030", f"this literal looks like a token or key ({s.name[:8]}...): remove it from the "
                                      "source and obtain it at run time", f.file, s.range))
    for w in f.storage_writes:
        value_is_secret = IDENTIFIER.fullmatch(w.detail) is not None and is_secret_name(w.detail.split(".")[-1])
        if is_secret_name(w.name.strip("'\"`")) or value_is_secret:
            out.append(diag("PEX031", f"{w.name.strip(chr(39) + chr(34))} is a credential stored in localStorage, "
                                      "where any script of the page can read it: keep it in memory only",
                            f.file, w.range))
    return out
