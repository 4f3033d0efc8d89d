"""Where in a plugin file the facts are: found from the text, confirmed on the syntax tree, never by visiting it all.

A literal a rule reads starts at a quote the text can point at (jsmarks.py: one that may open a token, or a value
given to a name about a credential or an icon), a URL at "http://"; an alias, a storage write, an API call or an
eval names a word the rules know. So the reader looks only at the nodes that hold those places (a `Locator` finds
them from the root in about the depth of the tree, reusing the path of the previous one), which on a bundle of
megabytes is a small part of the work of visiting every node, and lets most of its literals go unvisited. What it
finds is a superset of what the rules can match; the reader's exact tests (jsfacts.py) decide.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from workbench.core.treesitter import Locator
from workbench.targets.pexip.jsmarks import token_quotes, value_quotes

LITERAL_STARTS = re.compile(rb"['\"`]")
CALL_WORDS = (b"PEX", b"eval", b"Function", b"setItem", b"subscribe", b"assign")
STORAGE_WORDS = (b"localStorage", b"sessionStorage")


IDENTIFIER_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
# The rest of a callee written as a name and dotted names, up to the call's opening parenthesis or backtick.
CALLEE = re.compile(rb"[\w$\x80-\xff]*(?:[ \t]*\??\.[ \t]*#?[\w$\x80-\xff]+)*[ \t]*(?:\?\.[ \t]*)?[(`]")
# A name, dotted names and closing parentheses; the byte after them says whether the word can be in a callee the
# rules read (a chain of names, maybe parenthesised or commented, before '(' or '`') or on the left of
# `x.key = ...` / `x[key] = ...`.
CHAIN = re.compile(rb"[\w$\x80-\xff]*(?:[ \t]*\)|[ \t]*\??\.[ \t]*#?[\w$\x80-\xff]+)*[ \t]*")
MAY_CALL = frozenset(b"()`/?.\\\n\r\v\f") | frozenset(range(0x80, 256))
MAY_STORE = frozenset(b"=[)/?.\\\n\r\v\f") | frozenset(range(0x80, 256))
CHUNK = 4096  # bytes: a node this small is searched by tree-sitter itself (in C), not level by level


CHAIN_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.() \t\r\n")


def _may_be_assigned(data: bytes, at: int) -> bool:
    """Can the name at `at` be inside the value of `name = a.b.c`? Only if identifiers, dots and brackets lead
    back to an '=' (or to a comment, or to a character outside ASCII, which a closer look must settle)."""
    i = at - 1
    while i >= 0 and data[i] in CHAIN_BYTES:
        i -= 1
    return i >= 0 and (data[i] in b"=/" or data[i] >= 0x80)


def occurrences(data: bytes, word: bytes) -> list[int]:
    """Offsets of the word as a whole identifier in data, in order (ASCII boundaries: a wider match only costs an
    exact test more). The expression starts with the word itself, so the engine jumps from one to the next."""
    return [i for m in re.finditer(re.escape(word) + rb"(?![\w$])", data)
            if not ((i := m.start()) and data[i - 1] in IDENTIFIER_BYTES)]


def preorder(nodes) -> list[Node]:
    """Nodes in document order, an outer node before the nodes it holds."""
    return sorted(nodes, key=lambda n: (n.start_byte, -n.end_byte))


class Scanner:
    """Finds the nodes the reader needs, for one file (ex: the reader, whose alias logic it borrows)."""

    def __init__(self, ex):
        self.ex, self.ids, self.data = ex, ex.ids, ex.data
        self.locator = Locator(ex.src.root)
        self._offsets: dict[bytes, list[int]] = {}  # word -> its occurrences: each word is searched for once
        self._after: dict[int, int] = {}  # offset of a word -> the byte after its chain (-1 at the end)

    def occurrences(self, words) -> list[int]:
        """Offsets of any of the words as whole identifiers, in order."""
        out: set[int] = set()
        for word in words:
            if word not in self._offsets:
                self._offsets[word] = occurrences(self.data, word)
            out.update(self._offsets[word])
        return sorted(out)

    def collect(self) -> dict[str, list[Node]]:
        """The nodes of jsfacts' reading phase: "s" literals, "w" naming nodes, "c" calls, "m" viewInit$."""
        ids = self.ids
        strings, naming = self._literals()
        aliases = self._aliases(naming)
        stores = [o for o in self.occurrences(STORAGE_WORDS + aliases) if self._followed_by(o, MAY_STORE)]
        for node in self._holders(stores, (ids.assignment_expression,)):
            naming.setdefault(node.id, node)
        for node in self._holders(self.occurrences((b"Function",)), (ids.new_expression,)):
            naming.setdefault(node.id, node)
        calls = self._calls(self.occurrences(CALL_WORDS + aliases))
        return {"s": strings, "w": preorder(naming.values()), "c": preorder(calls), "m": self._view_inits()}

    def _literals(self) -> tuple[list[Node], dict[int, Node]]:
        """The string literals a rule may read (those that may look like a token, those holding a URL) and the
        pairs, declarations and assignments whose value is a literal given to a name a rule may read."""
        if self.ex.src.root.has_error:
            return self._every_literal()
        ids, data, path_of = self.ids, self.data, self.locator.path
        literal = (ids.string, ids.template_string)
        naming_kinds = (ids.pair, ids.variable_declarator, ids.assignment_expression)
        small = lambda n: n.end_byte - n.start_byte <= CHUNK  # noqa: E731 (below this size C searches the rest)
        tokens, values = set(token_quotes(data)), set(value_quotes(data))
        strings: dict[int, Node] = {}
        naming: dict[int, Node] = {}
        for q in sorted(tokens | values):
            chunk = path_of(q, small)[-1][0]
            node = chunk.named_descendant_for_byte_range(q, q + 1)
            if node.start_byte != q or node.kind_id not in literal:
                continue
            if q in tokens:
                strings.setdefault(node.id, node)
            if q in values:
                owner = chunk.descendant_for_byte_range(q - 1, q + 1)
                if owner.kind_id in naming_kinds and owner.child_by_field_id(
                        ids.f_right if owner.kind_id == ids.assignment_expression else ids.f_value) == node:
                    naming.setdefault(owner.id, owner)
        for node in self._url_literals():
            strings.setdefault(node.id, node)
        return preorder(strings.values()), naming

    def _url_literals(self) -> list[Node]:
        """The strings, and the template strings with text, that hold "http://"."""
        ids, out = self.ids, []
        find, i = self.data.find, self.data.find(b"http://")
        while i != -1:
            path = self.locator.path(i)
            for k in range(len(path) - 1, -1, -1):
                node = path[k][0]
                if node.kind_id == ids.string:
                    out.append(node)
                    break
                if node.kind_id == ids.template_string:
                    if k == len(path) - 2 and path[-1][0].kind_id == ids.string_fragment:
                        out.append(node)
                    break
            i = find(b"http://", i + 1)
        return out

    def _every_literal(self) -> tuple[list[Node], dict[int, Node]]:
        """Every string and template string (from the quotes and backticks), and the pairs, declarations and
        assignments whose value one of them is: for broken code, whose literals the text cannot delimit."""
        ids, data, path_of = self.ids, self.data, self.locator.path
        literal = (ids.string, ids.template_string)
        naming_kinds = (ids.pair, ids.variable_declarator, ids.assignment_expression)
        small = lambda n: n.end_byte - n.start_byte <= CHUNK  # noqa: E731 (below this size C searches the rest)
        strings: list[Node] = []
        naming: dict[int, Node] = {}
        skip_to = -1
        for m in LITERAL_STARTS.finditer(data):
            q = m.start()
            if q < skip_to:
                continue
            chunk = path_of(q, small)[-1][0]
            node = chunk.named_descendant_for_byte_range(q, q + 1)
            start, end = node.start_byte, node.end_byte
            if start == q and node.kind_id in literal:
                strings.append(node)
                if node.kind_id == ids.string:
                    skip_to = end  # nothing starts inside a string
                if q:  # (broken code may put anything before a value: its owner is asked for every literal)
                    owner = chunk.descendant_for_byte_range(q - 1, q + 1)
                    if owner.kind_id in naming_kinds and owner.child_by_field_id(
                            ids.f_right if owner.kind_id == ids.assignment_expression else ids.f_value) == node:
                        naming.setdefault(owner.id, owner)
            elif not node.child_count and node.kind_id not in literal:
                skip_to = end  # a comment, a regex pattern, a template's text: no literal starts inside
        return strings, naming

    def _aliases(self, naming: dict[int, Node]) -> tuple[bytes, ...]:
        """The names of the plugin API's aliases, as bytes; their declarations join `naming`. An alias may be made
        of another (`var reg = api.registerPlugin`): the words are searched again until no new alias appears."""
        ex, ids = self.ex, self.ids
        found: dict[int, Node] = {}
        words: tuple[bytes, ...] = (b"PEX",)
        searched: set[bytes] = set()
        while True:
            fresh = [w for w in words if w not in searched]
            if not fresh:
                break
            searched.update(fresh)
            offsets = [o for o in self.occurrences(fresh) if _may_be_assigned(self.data, o)]
            for node in self._holders(offsets, (ids.variable_declarator, ids.assignment_expression)):
                found.setdefault(node.id, node)
            ex.aliases, ex._alias_words = {}, []
            for node in preorder(found.values()):
                named = ex._named_value(node)
                if named is not None:
                    ex._remember(*named)
            words = (b"PEX", *ex._alias_words)
        ex.aliases, ex._alias_words = {}, []  # the reading phase works them out again, in its own order
        naming.update(found)
        return tuple(w for w in words if w != b"PEX")

    def _calls(self, offsets: list[int]) -> list[Node]:
        """The calls whose callee holds one of the offsets (the only calls a word of the rules can make count).

        Where the text reads as a name, dotted names and an opening parenthesis (`PEX.pluginAPI.x(`), that call is
        the smallest node holding them, found by tree-sitter in one step; any other text (a comment, brackets in
        the callee...) gets every call that holds the offset, a superset."""
        ids, data, out = self.ids, self.data, {}
        call, small = ids.call_expression, lambda n: n.end_byte - n.start_byte <= CHUNK  # noqa: E731
        for offset in offsets:
            if not self._followed_by(offset, MAY_CALL):
                continue  # `api.x + 1`, `n && ...`: no callee the rules read holds the word
            m = CALLEE.match(data, offset)
            if m is not None:
                paren = m.end() - 1
                path = self.locator.path(offset, small)
                k = len(path) - 1
                while k and path[k][2] <= paren:
                    k -= 1
                node = path[k][0].descendant_for_byte_range(offset, paren + 1)
                fn = node.child_by_field_id(ids.f_function) if node.kind_id == call else None
                if fn is not None and fn.start_byte <= offset and fn.end_byte <= paren:
                    out.setdefault(node.id, node)
                    continue
            for node, _start, _end in self.locator.path(offset):
                if node.kind_id == call:
                    out.setdefault(node.id, node)
        return list(out.values())

    def _followed_by(self, offset: int, allowed: frozenset[int]) -> bool:
        """Is the name at offset, with the dotted names after it, followed by one of the allowed bytes?"""
        after = self._after.get(offset)
        if after is None:
            end = CHAIN.match(self.data, offset).end()
            after = self._after[offset] = self.data[end] if end < len(self.data) else -1
        return after in allowed

    def _holders(self, offsets: list[int], kinds: tuple[int, ...]) -> list[Node]:
        """The nodes of the given kinds that hold any of the offsets."""
        out: dict[int, Node] = {}
        for offset in offsets:
            for node, _start, _end in self.locator.path(offset):
                if node.kind_id in kinds:
                    out.setdefault(node.id, node)
        return list(out.values())

    def _view_inits(self) -> list[Node]:
        ids, out = self.ids, []
        for offset in self.occurrences((b"viewInit$",)):
            path = self.locator.path(offset)
            node, start, end = path[-1]
            if len(path) > 1 and start == offset and node.kind_id == ids.property_identifier and \
                    self.data[start:end] == b"viewInit$" and path[-2][0].kind_id == ids.member_expression and \
                    path[-2][0].child_by_field_id(ids.f_property) == node:
                out.append(node)
        return out

    # -- names looked up on demand ----------------------------------------------------------------------------------
    def _named(self, name: str) -> list[tuple[Node, Node]]:
        """(identifier, its parent) for each whole occurrence of name that is an identifier, in document order."""
        word = name.encode("utf-8", "surrogatepass")
        out = []
        for offset in self.occurrences((word,)):
            path = self.locator.path(offset)
            node, start, end = path[-1]
            if len(path) > 1 and start == offset and node.kind_id == self.ids.identifier and \
                    self.data[start:end] == word:
                out.append((node, path[-2][0]))
        return out

    def declaration(self, name: str) -> Node | None:
        """The value of name's first declaration or assignment (`var name = value`, `name = value`)."""
        ids = self.ids
        for node, parent in self._named(name):
            if parent.kind_id == ids.variable_declarator and parent.child_by_field_id(ids.f_name) == node:
                value = parent.child_by_field_id(ids.f_value)
            elif parent.kind_id == ids.assignment_expression and parent.child_by_field_id(ids.f_left) == node:
                value = parent.child_by_field_id(ids.f_right)
            else:
                continue
            if value is not None:
                return value
        return None

    def added_keys(self, name: str) -> dict[str, Node]:
        """Keys assigned to name after it was made (`name.key = ...`, `name['key'] = ...`): key -> left side."""
        ids, out = self.ids, {}
        for node, member in self._named(name):
            if member.kind_id not in (ids.member_expression, ids.subscript_expression) or \
                    member.child_by_field_id(ids.f_object) != node:
                continue
            path = self.locator.path(member.start_byte)
            holders = [n for n, _s, _e in path if n.kind_id == ids.assignment_expression]
            for assign in holders:
                if assign.child_by_field_id(ids.f_left) == member and assign.child_by_field_id(ids.f_right) is not None:
                    key = self.ex._member_key(member)
                    if key is not None:
                        out[key] = member
        return out
