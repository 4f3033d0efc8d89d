"""The quotes of a plugin file that may open a literal a rule reads, found from the text alone (no syntax tree).

Two kinds: a quote opening 20 to 2,000 token characters (a literal that may look like a token), and a quote or
backtick that may open the value of `name: value` or `name = value` where the name may be about a credential or an
icon. The second is read on the text reversed, so that one regular expression starting at the quote reads what
comes before it: the ':' or '=', then the name (each match takes the quote only, so none hides another). Where the
text alone cannot tell (a comment, a computed key, an escape, a character outside ASCII nearby) the quote is kept and
the tree decides. What is left out, no rule can read. Valid code only: the boundaries of a broken file's literals
cannot be trusted to the text.
"""

from __future__ import annotations

import re

from workbench.targets.pexip.jsinterest import NAME_KEYWORDS

TOKEN_CLASS = rb"[A-Za-z0-9_\-+/=.]"
# A quote that opens 20 to 2,000 token characters and the same quote: the only string literals looks_like_token
# can accept (their content is ASCII, so a byte is a character). One expression per quote: a literal first byte
# lets the regular expression engine skip to it.
TOKEN_QUOTES = [re.compile(q + rb"(?=" + TOKEN_CLASS + rb"{20,2000}" + q + rb")") for q in (b"'", b'"')]

NAME = rb"[\w$\x80-\xff]"  # a byte of an identifier (outside ASCII: maybe)
QUOTED = rb"[^'\"\\\r\n]"  # a byte of a quoted key that is read as it is written


def _keywords(between: bytes) -> bytes:
    """NAME_KEYWORDS reversed, any case, with `between` allowed between their letters (what name_words skips)."""
    return b"|".join(between.join(b"[%c%c]" % (c, c - 32) for c in reversed(word)) for word in NAME_KEYWORDS)


def _value_quote(quote: bytes) -> re.Pattern[bytes]:
    """On the reversed text, a `quote` that may open a value given to a name a rule reads."""
    name_kw = _keywords(rb"[_$]*")
    quoted_kw = _keywords(rb"[^A-Za-z0-9'\"\\\r\n]*")
    return re.compile(quote + rb"(?="
                      # after ':' or '=' (not '==', '+=', '>='...): a name holding a keyword, a name after an
                      # escape or with a byte outside ASCII (maybe a space), a quoted key holding a keyword, or
                      # anything but a plain name or quoted key (a quote with no other before it on its line opens
                      # a string instead: the ':' is inside it)
                      rb"[ \t\r\n\f\v]*+(?::|=(?![=!<>+\-*%&|^?]))[ \t\f\v]*+(?:"
                      + NAME + rb"*?(?:" + name_kw + rb"|[\x80-\xff])"
                      rb"|" + NAME + rb"++\\"
                      rb"|(['\"])" + QUOTED + rb"*?(?:" + quoted_kw + rb")" + QUOTED + rb"*+\1"
                      rb"|(?!" + NAME + rb"|(['\"])" + QUOTED + rb"*+(?:\2(?!\\)|(?:\n\r?+|\r)(?!\\)|\Z)))"
                      # at the start of a line after a line that may end in a comment (hiding a ':' or '=')
                      rb"|[ \t\f\v]*+[\n\r][ \t\r\n\f\v]*+[^\n\r]*?(?://|>--|--!<)"
                      # after the end of a block comment or a byte outside ASCII (a space the text cannot see)
                      rb"|[ \t\r\n\f\v]*+(?:/\*|[\x80-\xff]))")


VALUE_QUOTES = [_value_quote(q) for q in (b"'", b'"', b"`")]


def token_quotes(data: bytes) -> list[int]:
    """Offsets of the quotes that may open a literal looks_like_token accepts, in order."""
    return sorted(m.start() for pattern in TOKEN_QUOTES for m in pattern.finditer(data))


def value_quotes(data: bytes) -> list[int]:
    """Offsets of the quotes and backticks that may open a value given to a name a rule reads, in order."""
    reverse, last = data[::-1], len(data) - 1
    return sorted(last - m.start() for pattern in VALUE_QUOTES for m in pattern.finditer(reverse))
