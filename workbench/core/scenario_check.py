"""Build a Scenario from loaded YAML/JSON data against a host's vocabulary, with the source position of each problem."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from workbench.core.scenario import (
    COMMON_HEADER_DOCS,
    DEFAULT_TIMEOUT_MS,
    Scenario,
    Step,
    _Positions,
)
from workbench.core.steps import PositiveMillis, StepSpec, Vocabulary, explain, suggest

COMMON_HEADER: dict[str, Any] = {
    "name": str, "description": str, "timeout": PositiveMillis, "allow_errors": bool, "allow_hosts": list[str],
}


def _plain(value: Any) -> Any:
    """Validated header values as plain data (models become dicts keyed as written)."""
    if isinstance(value, BaseModel):
        return value.model_dump(by_alias=True, exclude_none=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def build_scenario(data: Any, pos: _Positions, file: str, vocabulary: Vocabulary, default_name: str) -> Scenario:
    """The Scenario of a loaded document; raises ScenarioError at the first problem."""
    if not isinstance(data, dict):
        raise pos.error((), "a scenario is a mapping with `name` and `steps`")
    known = {**COMMON_HEADER, **vocabulary.header}
    header: dict[str, Any] = {}
    for key, value in data.items():
        if key == "steps":
            continue
        if key not in known:
            keys = sorted([*known, "steps"])
            raise pos.error((key,), f"unknown key {key!r}{suggest(key, keys)}; expected one of {', '.join(keys)}",
                            key=True)
        try:
            header[key] = _plain(TypeAdapter(known[key]).validate_python(value))
        except ValidationError as exc:
            sub, message = explain(exc)
            raise pos.error((key, *sub), f"{key}: {message}") from None
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise pos.error(("steps",) if "steps" in data else (), "a scenario needs a non-empty `steps` list")
    steps = [_step(raw, i, pos, vocabulary) for i, raw in enumerate(raw_steps)]
    common = {k: header.pop(k) for k in list(header) if k in COMMON_HEADER}
    return Scenario(name=str(common.get("name") or default_name), file=file, steps=steps,
                    timeout_ms=int(common.get("timeout", DEFAULT_TIMEOUT_MS)),
                    allow_errors=bool(common.get("allow_errors", False)),
                    allow_hosts=list(common.get("allow_hosts", [])), header=header,
                    description=str(common.get("description", "")))


def _step(raw: Any, i: int, pos: _Positions, vocabulary: Vocabulary) -> Step:
    path = ("steps", i)
    names = vocabulary.steps
    if isinstance(raw, str):  # a bare step name, e.g. `- start`
        spec = names.get(raw)
        if spec is not None and spec.bare:
            return Step(raw, None, i + 1, pos.of(path), raw=None, spec=spec)
        if spec is not None:
            raise pos.error(path, f"{raw} needs a value, e.g. `- {raw}: ...`")
        raise pos.error(path, f"unknown step {raw!r}{suggest(raw, names)}; the steps are {', '.join(sorted(names))}")
    if not isinstance(raw, dict) or len(raw) != 1:
        raise pos.error(path, f"a step is a mapping with one key, the step name ({', '.join(sorted(names))})")
    kind, value = next(iter(raw.items()))
    if kind not in names:
        raise pos.error(path + (kind,), f"unknown step {kind!r}{suggest(kind, names)}; the steps are "
                                        f"{', '.join(sorted(names))}", key=True)
    spec = names[kind]
    if kind == "expect":
        spec = _subject(value, pos, path + (kind,), vocabulary)
    try:
        typed = spec.parse(value)
    except ValidationError as exc:
        fields = getattr(spec.model, "model_fields", {})
        sub, message = explain(exc, fields)
        raise pos.error(path + (kind, *sub), f"{kind}: {message}") from None
    return Step(kind, typed, i + 1, pos.of(path + (kind,), key=True), raw=value, spec=spec)


def _subject(value: Any, pos: _Positions, path: tuple, vocabulary: Vocabulary) -> StepSpec:
    subjects = vocabulary.subjects
    if not isinstance(value, dict):
        raise pos.error(path, f"expect: expected a mapping with one of {', '.join(sorted(subjects))}")
    found = [k for k in value if k in subjects]
    if len(found) != 1:
        unknown = [k for k in value if k not in subjects and k not in ("timeout",)]
        hint = f"; unknown key {unknown[0]!r}{suggest(unknown[0], subjects)}" if unknown and not found else ""
        raise pos.error(path, f"expect: say what to expect with exactly one of {', '.join(sorted(subjects))}{hint}")
    return subjects[found[0]]


def vocabulary_docs(vocabulary: Vocabulary) -> dict[str, str]:
    """Every header key with its description (common keys first)."""
    return {**COMMON_HEADER_DOCS, **vocabulary.header_docs}
