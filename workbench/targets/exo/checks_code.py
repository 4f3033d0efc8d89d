"""Rules on the connector's code: the JS provider object and the pages the webapp's Java forwards to."""

from __future__ import annotations

import posixpath

from workbench.core.diagnostics import Range, Severity
from workbench.targets.exo.javascan import java_facts
from workbench.targets.exo.jsmodule import provider_module

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
REQUIRED_MEMBERS = ("getSupportedTypes", "getTitle", "callButton")
START = Range.at(1, 1, 1, 2)


def check_js_module(ctx, rel: str) -> None:
    """Own-property members, JS syntax, and getType() against the provider type."""
    module = provider_module(ctx.files, rel)
    if module is None:
        return
    ctx.out.extend(module.syntax)
    if not module.found:
        ctx.add("EXO010", E, "no provider object found: define a constructor assigning this.getSupportedTypes, "
                             "this.getTitle and this.callButton, create it with `new`, and return it", rel)
        return
    where = module.constructor_range or START
    for name in REQUIRED_MEMBERS:
        if name in module.own:
            continue
        if name in module.prototype:
            ctx.add("EXO010", E, f"{name} is on the prototype: webConferencing.addProvider() checks own "
                                 f"properties, assign it in the constructor (this.{name} = ...)", rel,
                    module.prototype[name])
        else:
            ctx.add("EXO010", E, f"the provider has no own {name}: assign this.{name} = function(...) {{...}} "
                                 "in its constructor", rel, where)
    ret = module.returns.get("getType")
    if ret is None:
        ctx.add("EXO020", INFO, "the provider's getType() does not return a readable string: the workbench "
                                "cannot compare it with the provider type", rel,
                module.own.get("getType", where))
    elif ctx.type is not None and ret.value != ctx.type.value:
        ctx.add("EXO008", E, f"getType() returns {ret.value!r} but {ctx.type.source} says {ctx.type.value!r}: "
                             "return the same type", rel, ret.range)


def check_call_pages(ctx) -> None:
    """Every /WEB-INF page or .jsp named in the webapp's Java sources exists under the webapp root."""
    layout = ctx.layout
    java_root = posixpath.join(layout.webapp_module, "src/main/java") if layout.webapp_module else "src/main/java"
    for rel in ctx.files.walk_files(java_root):
        if not rel.endswith(".java"):
            continue
        facts = java_facts(ctx.files, rel)
        for s in facts.strings if facts else []:
            if not (s.value.endswith(".jsp") or s.value.startswith("/WEB-INF/")) or "://" in s.value:
                continue
            if not s.value.startswith("/") or " " in s.value:
                continue  # relative forwards depend on the request path; do not guess
            if not ctx.files.is_file(layout.webapp_file(s.value)):
                ctx.add("EXO012", E, f"page {s.value} not found under {layout.webapp_root}: add it or correct "
                                     "the path", rel, s.range)
