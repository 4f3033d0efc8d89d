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


class Found:
    """A named thing at a place (an API call, a deprecated use, a string...).

    Its range may be given as (line index, start byte, end byte) instead: a bundle holds hundreds of thousands of
    strings and the rules look at the place of a few, so the position is worked out on first use.
    """

    __slots__ = ("name", "detail", "_range", "_span")

    def __init__(self, name: str, range: Range | None = None, detail: str = "",  # noqa: A002 (the field's name)
                 span: tuple | None = None):
        self.name, self.detail, self._range, self._span = name, detail, range, span

    @property
    def range(self) -> Range:
        if self._range is None:
            index, start, end = self._span
            self._range, self._span = index.range_of_bytes(start, end), None
        return self._range

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Found):
            return NotImplemented
        return (self.name, self.range, self.detail) == (other.name, other.range, other.detail)

    __hash__ = None  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return f"Found(name={self.name!r}, range={self.range!r}, detail={self.detail!r})"


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
    # What a rule reads of a bundle's many literals only (jsinterest.py): the literals that look like a token or
    # key (name = content, range = the literal), the strings assigned to a name about a credential or an icon.
    tokens: list[Found] = field(default_factory=list)
    http_urls: list[Found] = field(default_factory=list)  # name = URL, range = the 'http://...' characters
    assigned_strings: list[Found] = field(default_factory=list)  # name = target name, detail = the string value
    storage_writes: list[Found] = field(default_factory=list)  # name = storage key text, detail = value text
