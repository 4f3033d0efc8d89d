"""What a provider's Java `getSettings()` serialises to JSON, evaluated from the source where it can be read: the
provider constructed from its XML properties (`this.config`), its settings object built, then its getters read as
eXo's JSON generator reads a bean. What the source does not tell is UNKNOWN and named, never guessed."""

from __future__ import annotations

from typing import Any

from workbench.targets.exo.javaexpr import FUEL, MAX_DEPTH, UNKNOWN, Expressions, JObject, TooMuchWork, _Static
from workbench.targets.exo.javamodel import JClass, Method, close

__all__ = ["UNKNOWN", "Evaluator", "JObject", "TooMuchWork", "bean_name"]
BASE_SETTINGS = {"Settings", "CallProviderSettings"}  # the core's settings bases: their getters are known here
PRIMITIVE_DEFAULTS = {"int": 0, "long": 0, "short": 0, "byte": 0, "double": 0, "float": 0, "boolean": False}
STRING_METHODS = {"trim": str.strip, "toLowerCase": str.lower, "toUpperCase": str.upper, "toString": str,
                  "intern": str}




class Evaluator(Expressions):
    """Evaluates expressions of one provider's classes; `config` holds its XML properties."""

    def __init__(self, classes: dict[str, JClass], config: dict[str, str], base: dict[str, Any]):
        self.classes = classes
        self.config = config
        self.base = base  # active, type, supportedTypes, title, version, messages of the provider
        self.depth = 0
        self.fuel = FUEL  # the whole evaluation's budget (Expressions.spend): TooMuchWork once it is gone

    # -- instances ------------------------------------------------------------------------------------------------
    def construct(self, cls: JClass, args: list[Any], outer: JObject | None = None) -> JObject:
        """A new instance: field initialisers, then the constructor matching the arguments (this(...) followed)."""
        self.spend(1 + len(cls.fields))
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
        """Run a body's assignments and declarations in order (branches taken as written); the first return. Calls
        nest no deeper than MAX_DEPTH (with the expressions around them): a recursive method is UNKNOWN."""
        if self.depth >= MAX_DEPTH:
            return UNKNOWN
        self.depth += 1
        try:
            return self._run(method, obj, scope)
        finally:
            self.depth -= 1

    def _run(self, method: Method, obj: JObject, scope: dict[str, Any]) -> Any:
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
            self.spend(stmt_end - k)
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


def _is_constant_holder(cls: JClass, name: str) -> bool:
    """A static final constant without initialiser here is set elsewhere (a static block): not a default."""
    return name.isupper()


def bean_name(method: str) -> str:
    """The JSON property of a getter: getClientId -> clientId, isActive -> active, getURL -> URL."""
    stem = method[3:] if method.startswith("get") else method[2:] if method.startswith("is") else method
    return stem if len(stem) > 1 and stem[:2].isupper() else stem[:1].lower() + stem[1:]
