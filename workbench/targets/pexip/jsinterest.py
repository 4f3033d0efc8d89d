"""What the rules read in a plugin file's literals and names, and the text tests that keep a superset of it.

A bundle holds hundreds of thousands of string literals and `key: 'value'` pairs; the rules look at very few: the
literals that look like a token (PEX030), the strings assigned to a name about a credential (PEX029) or an icon
(PEX033). The reader keeps only those (`kept_literal`, `kept_name`), and finds their candidates from the text
(jsmarks.py) before it asks the tree about them.
"""

from __future__ import annotations

import math
import re

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
SEPARATORS = re.compile(r"[-_.]")
WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")

# Every word of a name that is_secret_name or the icon rule accepts, and every pair of words it joins, lies in the
# name's letters and digits lowercased (what WORD skips taken out), and holds one of these.
NAME_KEYWORDS = (b"pass", b"pwd", b"secret", b"token", b"key", b"authorization", b"icon")


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


def kept_literal(content: str) -> bool:
    """Is a string literal's content one a rule reads (a token or key)?"""
    return looks_like_token(content)


def kept_name(name: str) -> bool:
    """Is a string assigned to this name one a rule reads (a credential's or an icon's)?"""
    return is_secret_name(name) or "icon" in name_words(name)

