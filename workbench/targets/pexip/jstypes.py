"""The facts the JavaScript reader hands to the rules: plain data with positions, no syntax tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.diagnostics import Diagnostic, Range


@dataclass
class RegisterCall:
    """One PEX.pluginAPI.registerPlugin(...) call."""

    range: Range  # the callee `registerPlugin`
    keys: dict[str, Range] | None  # keys of the registered object; None when they cannot be known statically
    id_value: str | None = None
    id_range: Range | None = None  # the id string literal, quotes included
    id_quote: str = "'"


@dataclass
class Found:
    """A named thing at a place (an API call, a deprecated use, a string...)."""

    name: str
    range: Range
    detail: str = ""


@dataclass
class JsFacts:
    """Everything the rules need to know about one source file."""

    file: str
    syntax: list[Diagnostic] = field(default_factory=list)
    globals_created: list[Found] = field(default_factory=list)  # name = a global the file's top level creates
    registers: list[RegisterCall] = field(default_factory=list)
    api_calls: list[Found] = field(default_factory=list)  # name = pluginAPI function, range = its name
    dialog_subscribes: list[Found] = field(default_factory=list)  # openTemplateDialog(...).subscribe
    view_inits: list[Found] = field(default_factory=list)  # .viewInit$
    dynamic_code: list[Found] = field(default_factory=list)  # eval / new Function / Function(...)
    strings: list[Found] = field(default_factory=list)  # name = literal content, range = the literal
    http_urls: list[Found] = field(default_factory=list)  # name = URL, range = the 'http://...' characters
    assigned_strings: list[Found] = field(default_factory=list)  # name = target name, detail = the string value
    storage_writes: list[Found] = field(default_factory=list)  # name = storage key text, detail = value text
