"""Java expressions as the settings evaluator reads them: literals, constants, fields, `+`, `==`/`!=`, `&&`/`||`,
`?:`, casts, `new`, array initialisers and method calls on the provider's classes, maps and strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.targets.exo.javamodel import JClass, close

UNKNOWN = object()
MAX_DEPTH = 40  # expressions and calls deep: a recursive getter ends as UNKNOWN, never as a hang
FUEL = 400_000  # tokens looked at in one provider's evaluation: far past any connector, short of a stall
MAX_STRING = 100_000  # characters of a string built by `+`: a longer one is no setting anyone writes
LEVELS = (("||",), ("&&",), ("==", "!="), ("+",))  # binary operators, loosest first


class TooMuchWork(Exception):
    """The source asks more work than any real settings need (a fan-out of calls, strings doubling...)."""


@dataclass
class JObject:
    """An instance: its class, field values and, for an inner class, the enclosing instance."""

    cls: JClass
    values: dict[str, Any] = field(default_factory=dict)
    outer: JObject | None = None


class Expressions:
    """The expression half of the evaluator (the other half runs bodies and answers calls)."""

    classes: dict[str, JClass]
    depth: int
    fuel: int

    def spend(self, amount: int) -> None:
        """Count work done; TooMuchWork once the evaluation's budget is gone."""
        self.fuel -= max(1, amount)
        if self.fuel < 0:
            raise TooMuchWork(f"evaluating it needs more than {FUEL:,} steps")

    def args(self, toks, k: int, obj: JObject | None, scope: dict[str, Any]) -> list[Any]:
        """The values of the argument list opened at toks[k]."""
        return self.items(toks, k, close(toks, k, "(", ")"), obj, scope)

    def items(self, toks, k: int, end: int, obj: JObject | None, scope: dict[str, Any]) -> list[Any]:
        """The values of the comma-separated expressions between toks[k] and toks[end] (exclusive)."""
        self.spend(end - k)
        out, start, depth = [], k + 1, 0
        for i in range(k + 1, end):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if t == "," and depth == 0:
                out.append(self.expr(toks, start, i, obj, scope))
                start = i + 1
        if start < end:
            out.append(self.expr(toks, start, end, obj, scope))
        return out

    def expr(self, toks, k: int, end: int, obj: JObject | None, scope: dict[str, Any]) -> Any:
        if k >= end:
            return UNKNOWN
        self.spend(end - k)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                return UNKNOWN
            return self._ternary(toks, k, end, obj, scope)
        finally:
            self.depth -= 1

    def _cuts(self, toks, k: int, end: int, ops: tuple[str, ...]) -> list[int]:
        """The top-level operators of ops in toks[k:end] (a leading one is a sign, not an operator)."""
        depth, found = 0, []
        for i in range(k, end):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if depth == 0 and t in ops and toks[i].kind == "punct" and i > k:
                found.append(i)
        return found

    def _ternary(self, toks, k, end, obj, scope):
        depth = 0
        for i in range(k, end):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if depth == 0 and t == "?":
                colons = self._cuts(toks, i + 1, end, (":",))
                colon = colons[-1] if colons else None
                cond = self._binary(toks, k, i, obj, scope)
                if colon is None or not isinstance(cond, bool):
                    return UNKNOWN
                return self.expr(toks, i + 1, colon, obj, scope) if cond else self.expr(toks, colon + 1, end, obj, scope)
        return self._binary(toks, k, end, obj, scope)

    def _binary(self, toks, k, end, obj, scope, level: int = 0):
        """Operators of one level split the range at once and fold from the left: a chain of a thousand `+` is a
        loop here, not a thousand nested calls."""
        for at in range(level, len(LEVELS)):
            cuts = self._cuts(toks, k, end, LEVELS[at])
            self.spend(end - k)
            if not cuts:
                continue
            bounds = [k, *cuts, end]
            value = UNKNOWN
            for n in range(len(bounds) - 1):
                start, stop = (bounds[n] if n == 0 else bounds[n] + 1), bounds[n + 1]
                right = self._binary(toks, start, stop, obj, scope, at + 1) if start < stop else UNKNOWN
                value = right if n == 0 else _apply(toks[bounds[n]].text, value, right)
                if value is UNKNOWN:
                    return UNKNOWN
            return value
        return self._postfix(toks, k, end, obj, scope)

    def _postfix(self, toks, k, end, obj, scope):
        value, k = self._primary(toks, k, end, obj, scope)
        while k < end and value is not UNKNOWN:
            if toks[k].text == "." and k + 1 < end:
                name = toks[k + 1].text
                if k + 2 < end and toks[k + 2].text == "(":
                    args = self.args(toks, k + 2, obj, scope)
                    value = self.call(value, name, args)
                    k = close(toks, k + 2, "(", ")") + 1
                else:
                    value = self.field(value, name) if isinstance(value, JObject) else \
                        (len(value) if name == "length" and isinstance(value, list) else UNKNOWN)
                    k += 2
            elif toks[k].text == "[":
                k = close(toks, k, "[", "]") + 1
                value = UNKNOWN
            else:
                return UNKNOWN
        return value

    def _primary(self, toks, k, end, obj, scope) -> tuple[Any, int]:
        t = toks[k]
        if t.kind == "string":
            return t.text, k + 1
        if t.kind == "number":
            try:
                return int(t.text.rstrip("lL")), k + 1
            except ValueError:
                return UNKNOWN, k + 1
        if t.text == "(":
            stop = close(toks, k, "(", ")")
            inner = toks[k + 1:stop]
            if len(inner) >= 1 and all(x.kind == "ident" or x.text in (".", "<", ">", "[", "]") for x in inner) and \
                    stop + 1 < end and inner[0].text[:1].isupper():
                return self._postfix(toks, stop + 1, end, obj, scope), end  # a cast
            return self.expr(toks, k + 1, stop, obj, scope), stop + 1
        if t.kind != "ident":
            return UNKNOWN, end
        literal = {"true": True, "false": False, "null": None}
        if t.text in literal:
            return literal[t.text], k + 1
        if t.text == "new":
            return self._new(toks, k + 1, end, obj, scope)
        if t.text == "this":
            return obj, k + 1
        if k + 2 < end and toks[k + 1].text == "." and toks[k + 2].text == "this":  # Outer.this
            holder = obj
            while holder is not None and holder.cls.name != t.text:
                holder = holder.outer
            return holder if holder is not None else UNKNOWN, k + 3
        if k + 1 < end and toks[k + 1].text == "(":  # a call of this class's (or an enclosing class's) method
            args = self.args(toks, k + 1, obj, scope)
            return self.call(obj, t.text, args), close(toks, k + 1, "(", ")") + 1
        if t.text in scope:
            return scope[t.text], k + 1
        value = self.field(obj, t.text)
        if value is UNKNOWN:
            value = self.constant(obj, t.text)
        if value is UNKNOWN and t.text in self.classes and k + 2 < end and toks[k + 1].text == ".":
            return self.static(self.classes[t.text], toks[k + 2].text), k + 3
        if value is UNKNOWN and t.text in ("String", "Boolean", "Integer", "Collections", "Arrays"):
            return _Static(t.text), k + 1
        return value, k + 1

    def _new(self, toks, k, end, obj, scope) -> tuple[Any, int]:
        name = toks[k].text if k < end else ""
        j = k + 1
        while j < end and toks[j].text in (".", "<", ">") or (j < end and toks[j].kind == "ident" and toks[j - 1].text in (".", "<", ",")):
            j += 1
        if j < end and toks[j].text == "[":  # new T[] { a, b }
            while j < end and toks[j].text in ("[", "]") or (j < end and toks[j].kind == "number"):
                j += 1
            if j < end and toks[j].text == "{":
                stop = close(toks, j, "{", "}")
                items = self.items(toks, j, stop, obj, scope)
                return items, stop + 1
            return UNKNOWN, end
        if j < end and toks[j].text == "(":
            args = self.args(toks, j, obj, scope)
            stop = close(toks, j, "(", ")") + 1
            cls = self.classes.get(name)
            if cls is None:
                return ({} if name.endswith("Map") else [] if name.endswith(("List", "Set")) else UNKNOWN), stop
            outer = obj if cls.outer is not None else None
            while outer is not None and cls.outer is not None and outer.cls is not cls.outer:
                outer = outer.outer
            return self.construct(cls, args, outer or (obj if cls.outer is not None else None)), stop
        return UNKNOWN, end


class _Static:
    """Calls on String, Boolean... (String.valueOf(x), Boolean.valueOf(s)...)."""

    def __init__(self, name: str):
        self.name = name

    def call(self, method: str, args: list[Any]) -> Any:
        if not args or args[0] is UNKNOWN:
            return UNKNOWN
        if self.name == "Boolean" and method in ("valueOf", "parseBoolean"):
            return str(args[0]).strip().lower() == "true"
        if self.name == "String" and method == "valueOf":
            return _java_str(args[0])
        if self.name == "Integer" and method in ("valueOf", "parseInt"):
            try:
                return int(str(args[0]).strip())
            except ValueError:
                return UNKNOWN
        return UNKNOWN


def _apply(op: str, left: Any, right: Any) -> Any:
    """left op right as Java computes it, UNKNOWN when either side is, or when Java's answer is not known here."""
    if UNKNOWN in (left, right):
        return UNKNOWN
    if op == "+":
        if isinstance(left, str) or isinstance(right, str):
            text = _java_str(left) + _java_str(right)
            return text if len(text) <= MAX_STRING else UNKNOWN
        return left + right if isinstance(left, int) and isinstance(right, int) else UNKNOWN
    if op in ("==", "!="):
        same = left is right if left is None or right is None else left == right
        return same if op == "==" else not same
    if isinstance(left, bool) and isinstance(right, bool):
        return (left or right) if op == "||" else (left and right)
    return UNKNOWN


def _java_str(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


