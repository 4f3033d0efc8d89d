"""Scenario steps as typed specs: a name, a value model, an executor (Qt-free; executors are named, not imported).

A host's vocabulary is the common page steps plus what its capabilities and the host itself add. The loader checks
every step value against its model when the file is read (with the file, line and column of the offending key); the
runner looks the executor up by its 'module:function' reference and awaits it with the session and the typed value.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError

MAX_MS = 3_600_000  # an hour: longer waits and timeouts are mistakes


def _number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number of milliseconds (up to an hour), not {str(value)[:40]!r}")
    return value


# (the Field first, so the constraints show in the generated JSON Schema as minimum/maximum)
Millis = Annotated[float, Field(ge=0, le=MAX_MS, allow_inf_nan=False), BeforeValidator(_number)]
"""A finite number of milliseconds, 0 to an hour."""
PositiveMillis = Annotated[float, Field(gt=0, le=MAX_MS, allow_inf_nan=False), BeforeValidator(_number)]
"""A finite, positive number of milliseconds (timeouts)."""


class StepModel(BaseModel):
    """Base of step value models: no unknown keys, finite numbers, values as written."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class ExpectModel(StepModel):
    """Base of `expect` subjects: each may set its own timeout in ms."""

    timeout: PositiveMillis | None = Field(default=None, description="ms this check may take")


@dataclass(frozen=True)
class StepSpec:
    """One step (or, with `subject=True`, one `expect` subject): its value model and executor."""

    name: str
    model: Any  # a StepModel subclass or any type pydantic validates (e.g. float for `wait`)
    run: str  # 'module:function', an async function(session, value, step)
    subject: bool = False  # an `expect: {<name>: ...}` subject rather than a step of its own
    doc: str = ""
    bare: bool = False  # may be written as a bare name (`- start`), its value then None

    def adapter(self) -> TypeAdapter:
        return _adapter(self.model)

    def executor(self):
        module, _, name = self.run.partition(":")
        return getattr(import_module(module), name)

    def parse(self, value: Any) -> Any:
        """The typed value; ValidationError when it does not fit the model."""
        if value is None and self.bare:
            return None
        return self.adapter().validate_python(value)


_ADAPTERS: dict[int, TypeAdapter] = {}


def _adapter(model: Any) -> TypeAdapter:
    key = id(model)
    if key not in _ADAPTERS:
        _ADAPTERS[key] = TypeAdapter(model, config=None if _is_model(model) else ConfigDict(allow_inf_nan=False))
    return _ADAPTERS[key]


def _is_model(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, BaseModel)


@dataclass
class Vocabulary:
    """The steps, `expect` subjects and header keys a host's scenarios may use."""

    steps: dict[str, StepSpec] = field(default_factory=dict)
    subjects: dict[str, StepSpec] = field(default_factory=dict)
    header: dict[str, Any] = field(default_factory=dict)  # top-level key -> type (pydantic-validated)
    header_docs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, specs: Iterable[StepSpec], header: dict[str, Any] | None = None,
           header_docs: dict[str, str] | None = None) -> Vocabulary:
        """Specs in order; a later spec of the same name replaces an earlier one (a host refines a common step)."""
        vocab = cls(header=dict(header or {}), header_docs=dict(header_docs or {}))
        for spec in specs:
            (vocab.subjects if spec.subject else vocab.steps)[spec.name] = spec
        vocab.steps.setdefault("expect", EXPECT)
        return vocab


def suggest(word: Any, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def explain(exc: ValidationError, fields: Iterable[str] = ()) -> tuple[tuple, str]:
    """The first problem of a validation error as (path inside the value, message a user understands)."""
    errors = exc.errors(include_url=False)
    err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    loc = tuple(p for p in err.get("loc", ()) if not (isinstance(p, str) and p.startswith(("function-", "tagged-"))))
    kind = err.get("type", "")
    where = ".".join(str(p) for p in loc)
    if kind == "extra_forbidden" and loc:
        return loc, f"unknown key {loc[-1]!r}{suggest(loc[-1], fields)}"
    if kind == "missing":
        return loc[:-1], f"missing `{where}`"
    if kind == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
        value = f", not {err.get('input')!r}"
        return loc, f"`{where}` must be {expected}{value}" if where else f"must be {expected}{value}"
    if kind in ("less_than_equal", "less_than", "greater_than", "greater_than_equal"):
        limit = next(iter(err.get("ctx", {}).values()), "?")
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        bound = {"less_than_equal": "at most", "less_than": "below", "greater_than": "above",
                 "greater_than_equal": "at least"}[kind]
        return loc, f"`{where}` must be {bound} {limit}" if where else f"must be {bound} {limit}"
    if kind == "string_type":
        shown = type(err.get("input")).__name__
        return loc, f"`{where}` must be text, not a {shown}" if where else f"must be text, not a {shown}"
    if kind in ("finite_number",):
        return loc, f"`{where}` must be a finite number" if where else "the value must be a finite number"
    message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return loc, f"`{where}`: {message}" if where else message


# -- the `expect` step itself: a mapping with exactly one subject ---------------------------------------------------
EXPECT = StepSpec("expect", dict, run="workbench.sandbox.session.page_steps:run_expect",
                  doc="check something, retried until it holds or its timeout (ms) runs out")
