"""What a provider's Java `getSettings()` serialises to JSON, evaluated from the source where it can be read: the
provider constructed from its XML properties (`this.config`), its settings object built, then its getters read as
eXo's JSON generator reads a bean. What the source does not tell is UNKNOWN and named, never guessed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.targets.exo.javamodel import JClass, Method, close

UNKNOWN = object()
MAX_DEPTH = 40  # calls deep: a recursive getter ends as UNKNOWN, never as a hang
BASE_SETTINGS = {"Settings", "CallProviderSettings"}  # the core's settings bases: their getters are known here
PRIMITIVE_DEFAULTS = {"int": 0, "long": 0, "short": 0, "byte": 0, "double": 0, "float": 0, "boolean": False}
STRING_METHODS = {"trim": str.strip, "toLowerCase": str.lower, "toUpperCase": str.upper, "toString": str,
                  "intern": str}


@dataclass
class JObject:
    """An instance: its class, field values and, for an inner class, the enclosing instance."""

    cls: JClass
    values: dict[str, Any] = field(default_factory=dict)
    outer: JObject | None = None


class Evaluator:
    """Evaluates expressions of one provider's classes; `config` holds its XML properties."""

    def __init__(self, classes: dict[str, JClass], config: dict[str, str], base: dict[str, Any]):
        self.classes = classes
        self.config = config
        self.base = base  # active, type, supportedTypes, title, version, messages of the provider
        self.depth = 0

    # -- instances ------------------------------------------------------------------------------------------------
    def construct(self, cls: JClass, args: list[Any], outer: JObject | None = None) -> JObject:
        """A new instance: field initialisers, then the constructor matching the arguments (this(...) followed)."""
        obj = JObject(cls, {}, outer)
        for name, (type_, init) in cls.fields.items():
            if init is not None:
                obj.values[name] = self.expr(cls.toks, init[0], init[1], obj, {})
            elif not _is_constant_holder(cls, name):
                obj.values[name] = PRIMITIVE_DEFAULTS.get(type_)  # a field never set holds its type's default
        ctor = next((c for c in cls.ctors if len(c.params) == len(args)), None)
        if ctor is not None and ctor.body is not None:
            self.run(ctor, obj, dict(zip([p for _, p in ctor.params], args, strict=False)))
        elif cls.name in BASE_SETTINGS or cls.extends in BASE_SETTINGS:
            pass
        if cls.extends == "CallProviderSettings":
            names = ("type", "supportedTypes", "title", "callTitle", "joinTitle", "version")
            obj.values.update({k: v for k, v in zip(names, obj.values.pop("__super__", []), strict=False)})
        return obj

    def run(self, method: Method, obj: JObject, scope: dict[str, Any]) -> Any:
        """Run a body's assignments and declarations in order (branches taken as written); the first return."""
        toks, (start, end) = obj.cls.toks, method.body
        k = start + 1
        while k < end:
            stmt_end = k
            while stmt_end < end and toks[stmt_end].text not in (";", "}"):
                t = toks[stmt_end].text
                if t == "(":
                    stmt_end = close(toks, stmt_end, "(", ")") + 1
                elif t == "{" and (stmt_end == k or toks[stmt_end - 1].text in (")", "else", "try", "finally", "do")):
                    break  # a block opens: the statement before it (if any) ends here
                elif t == "{":  # an array initialiser or an anonymous class body: part of the expression
                    stmt_end = close(toks, stmt_end, "{", "}") + 1
                else:
                    stmt_end += 1
            result = self.statement(toks, k, stmt_end, obj, scope)
            if result is not None:
                return result[0]
            k = stmt_end + 1
        return UNKNOWN

    def statement(self, toks, k: int, end: int, obj: JObject, scope: dict[str, Any]) -> tuple[Any] | None:
        while k < end and toks[k].text in ("if", "else", "while", "for", "try", "finally"):
            k += 1
            if k < end and toks[k].text == "(":
                stop = close(toks, k, "(", ")")
                self.condition_assignments(toks, k + 1, stop, obj, scope)
                k = stop + 1
        if k >= end or toks[k].text in ("throw", "break", "continue"):
            return None
        if toks[k].text == "return":
            return (self.expr(toks, k + 1, end, obj, scope),)
        if toks[k].text in ("this", "super") and k + 1 < end and toks[k + 1].text == "(":
            args = self.args(toks, k + 1, obj, scope)
            if toks[k].text == "this":
                ctor = next((c for c in obj.cls.ctors if len(c.params) == len(args) and c.body), None)
                if ctor is not None:
                    self.run(ctor, obj, dict(zip([p for _, p in ctor.params], args, strict=False)))
            else:
                obj.values["__super__"] = args
            return None
        eq = next((i for i in range(k, end) if toks[i].text == "="), None)
        if eq is None:
            return None
        target = [t.text for t in toks[k:eq]]
        value = self.expr(toks, eq + 1, end, obj, scope)
        if len(target) >= 3 and target[-2] == "." and target[-3] == "this":
            self.assign(obj, target[-1], value)
        elif len(target) >= 2 and toks[eq - 1].kind == "ident" and toks[eq - 2].kind == "ident":
            scope[target[-1]] = value  # a declaration: Type name = ...
        elif len(target) == 1:
            if target[0] in scope:
                scope[target[0]] = value
            else:
                self.assign(obj, target[0], value)
        return None

    def condition_assignments(self, toks, k: int, end: int, obj: JObject, scope: dict[str, Any]) -> None:
        """`(url = url.trim())` inside a condition: the assignment happens whatever the test says."""
        for i in range(k, end - 2):
            if toks[i].text == "(" and toks[i + 1].kind == "ident" and toks[i + 2].text == "=":
                stop = close(toks, i, "(", ")")
                value = self.expr(toks, i + 3, stop, obj, scope)
                name = toks[i + 1].text
                if name in scope:
                    scope[name] = value
                else:
                    self.assign(obj, name, value)

    def assign(self, obj: JObject | None, name: str, value: Any) -> None:
        while obj is not None and name not in obj.cls.fields:
            obj = obj.outer
        if obj is not None:
            obj.values[name] = value

    def field(self, obj: JObject | None, name: str) -> Any:
        """A field of the object or of an enclosing one; a static constant of the classes around."""
        holder = obj
        while holder is not None:
            if name in holder.values:
                return holder.values[name]
            if name in holder.cls.fields:
                return UNKNOWN
            holder = holder.outer
        if name == "config" and obj is not None:
            return self.config
        return UNKNOWN

    # -- expressions ----------------------------------------------------------------------------------------------
    def args(self, toks, k: int, obj: JObject | None, scope: dict[str, Any]) -> list[Any]:
        """The values of the argument list opened at toks[k]."""
        end = close(toks, k, "(", ")")
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
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                return UNKNOWN
            return self._ternary(toks, k, end, obj, scope)
        finally:
            self.depth -= 1

    def _split(self, toks, k: int, end: int, ops: tuple[str, ...]) -> int | None:
        """The last top-level operator of ops in toks[k:end] (left-associative), None when there is none."""
        depth, found = 0, None
        for i in range(k, end):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if depth == 0 and t in ops and toks[i].kind == "punct" and i > k:
                found = i
        return found

    def _ternary(self, toks, k, end, obj, scope):
        depth = 0
        for i in range(k, end):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if depth == 0 and t == "?":
                colon = self._split(toks, i + 1, end, (":",))
                cond = self._binary(toks, k, i, obj, scope)
                if colon is None or not isinstance(cond, bool):
                    return UNKNOWN
                return self.expr(toks, i + 1, colon, obj, scope) if cond else self.expr(toks, colon + 1, end, obj, scope)
        return self._binary(toks, k, end, obj, scope)

    def _binary(self, toks, k, end, obj, scope):
        for ops in (("||",), ("&&",), ("==", "!="), ("+",)):
            at = self._split(toks, k, end, ops)
            if at is None:
                continue
            left, right = self._binary(toks, k, at, obj, scope), self._binary(toks, at + 1, end, obj, scope)
            if UNKNOWN in (left, right):
                return UNKNOWN
            op = toks[at].text
            if op == "+":
                if isinstance(left, str) or isinstance(right, str):
                    return _java_str(left) + _java_str(right)
                return left + right if isinstance(left, int) and isinstance(right, int) else UNKNOWN
            if op in ("==", "!="):
                same = left is right if left is None or right is None else left == right
                return same if op == "==" else not same
            if isinstance(left, bool) and isinstance(right, bool):
                return (left or right) if op == "||" else (left and right)
            return UNKNOWN
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
                items = self.args_braced(toks, j, stop, obj, scope)
                return items, stop + 1
            return UNKNOWN, end
        if j < end and toks[j].text == "(":
            args = self.args(toks, j, obj, scope)
            stop = close(toks, j, "(", ")") + 1
            cls = self.classes.get(name)
            if cls is None:
                return ({} if name.endswith(("Map", "Set")) else [] if name.endswith("List") else UNKNOWN), stop
            outer = obj if cls.outer is not None else None
            while outer is not None and cls.outer is not None and outer.cls is not cls.outer:
                outer = outer.outer
            return self.construct(cls, args, outer or (obj if cls.outer is not None else None)), stop
        return UNKNOWN, end

    def args_braced(self, toks, k, stop, obj, scope) -> list[Any]:
        out, start, depth = [], k + 1, 0
        for i in range(k + 1, stop):
            t = toks[i].text
            depth += 1 if t in ("(", "{", "[") else -1 if t in (")", "}", "]") else 0
            if t == "," and depth == 0:
                out.append(self.expr(toks, start, i, obj, scope))
                start = i + 1
        if start < stop:
            out.append(self.expr(toks, start, stop, obj, scope))
        return out

    def constant(self, obj: JObject | None, name: str) -> Any:
        """A static field by simple name: in the classes enclosing obj, then their superclasses."""
        cls = obj.cls if obj is not None else None
        while cls is not None:
            value = self.static(cls, name)
            if value is not UNKNOWN:
                return value
            cls = cls.outer
        return UNKNOWN

    def static(self, cls: JClass | None, name: str) -> Any:
        seen = set()
        while cls is not None and cls.name not in seen:
            seen.add(cls.name)
            if name in cls.fields:
                init = cls.fields[name][1]
                return self.expr(cls.toks, init[0], init[1], JObject(cls), {}) if init else UNKNOWN
            cls = self.classes.get(cls.extends or "")
        return UNKNOWN

    def call(self, target: Any, name: str, args: list[Any]) -> Any:
        if isinstance(target, dict):  # the provider's config map and other maps
            if name == "get" and args and isinstance(args[0], str):
                return target.get(args[0])
            if name == "getOrDefault" and len(args) == 2 and isinstance(args[0], str):
                return target.get(args[0], args[1])
            if name == "containsKey" and args:
                return args[0] in target
            return UNKNOWN
        if isinstance(target, str):
            if name in STRING_METHODS and not args:
                return STRING_METHODS[name](target)
            if name == "length" and not args:
                return len(target)
            if name == "isEmpty" and not args:
                return not target
            if name == "equals" and len(args) == 1 and args[0] is not UNKNOWN:
                return target == args[0]
            return UNKNOWN
        if isinstance(target, _Static):
            return target.call(name, args)
        if isinstance(target, JObject):
            return self.invoke(target, name, args)
        return UNKNOWN

    def invoke(self, obj: JObject, name: str, args: list[Any]) -> Any:
        """A method of the object's class chain, else of an enclosing instance; the core's base getters."""
        holder = obj
        while holder is not None:
            cls, seen = holder.cls, set()
            while cls is not None and cls.name not in seen:
                seen.add(cls.name)
                method = cls.method(name, len(args))
                if method is not None and method.body is not None:
                    bound = JObject(cls, holder.values, holder.outer) if cls is not holder.cls else holder
                    return self.run(method, bound, dict(zip([p for _, p in method.params], args, strict=False)))
                cls = self.classes.get(cls.extends or "")
            base = self.base_getter(holder, name) if not args else UNKNOWN
            if base is not UNKNOWN:
                return base
            holder = holder.outer
        return UNKNOWN

    def base_getter(self, obj: JObject, name: str) -> Any:
        """What CallProvider (and its Settings) answer: type, title, version... of the provider."""
        prop = bean_name(name)
        if prop in self.base and (obj.cls.extends in BASE_SETTINGS | {"CallProvider"} or obj.outer is None):
            return self.base[prop]
        if prop in obj.values and obj.cls.extends == "CallProviderSettings":
            return obj.values[prop]
        return UNKNOWN


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


def _is_constant_holder(cls: JClass, name: str) -> bool:
    """A static final constant without initialiser here is set elsewhere (a static block): not a default."""
    return name.isupper()


def _java_str(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def bean_name(method: str) -> str:
    """The JSON property of a getter: getClientId -> clientId, isActive -> active, getURL -> URL."""
    stem = method[3:] if method.startswith("get") else method[2:] if method.startswith("is") else method
    return stem if len(stem) > 1 and stem[:2].isupper() else stem[:1].lower() + stem[1:]
