"""Build a Scenario from loaded YAML/JSON data, checking every key and step with its source position."""

from __future__ import annotations

from typing import Any

from workbench.core.scenario import (
    DEFAULT_TIMEOUT_MS,
    EXPECT_MODIFIERS,
    PLATFORMS,
    ROLES,
    Scenario,
    Step,
    _Positions,
    is_duration_ms,
)

LOCATIONS = ("toolbar", "conference", "participants")


def _suggest(word: str, choices) -> str:
    import difflib
    close = difflib.get_close_matches(str(word), sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def build_scenario(data: Any, pos: _Positions, file: str, step_names: frozenset[str], expect_keys: frozenset[str],
                   top_keys: frozenset[str], default_name: str) -> Scenario:
    """The Scenario of a loaded document; raises ScenarioError at the first problem."""
    if not isinstance(data, dict):
        raise pos.error((), "a scenario is a mapping with `name` and `steps`")
    for key in data:
        if key not in top_keys:
            raise pos.error((key,), f"unknown key {key!r}{_suggest(key, top_keys)}; expected one of "
                                    f"{', '.join(sorted(top_keys))}", key=True)
    role = data.get("role", "chair")
    if role not in ROLES:
        raise pos.error(("role",), f"role must be one of {', '.join(ROLES)}, not {role!r}")
    platform = data.get("platform", "web")
    if platform not in PLATFORMS:
        raise pos.error(("platform",), f"platform must be one of {', '.join(PLATFORMS)}, not {platform!r}")
    for key in ("conference", "self", "host"):
        if key in data and not isinstance(data[key], dict):
            raise pos.error((key,), f"`{key}` must be a mapping")
    participants = data.get("participants", []) or []
    if not isinstance(participants, list) or not all(isinstance(p, dict) for p in participants):
        raise pos.error(("participants",), "`participants` must be a list of mappings like {name: Bob, role: guest}")
    for i, p in enumerate(participants):
        if "name" not in p and "uuid" not in p:
            raise pos.error(("participants", i), "a participant needs a `name` (and optionally a `uuid`)")
    timeout = data.get("timeout", DEFAULT_TIMEOUT_MS)
    if not is_duration_ms(timeout) or timeout <= 0:
        raise pos.error(("timeout",), "`timeout` is a positive number of milliseconds (at most a day)")
    hosts = data.get("allow_hosts", []) or []
    if not isinstance(hosts, list) or not all(isinstance(h, str) for h in hosts):
        raise pos.error(("allow_hosts",), "`allow_hosts` is a list of host names")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise pos.error(("steps",) if "steps" in data else (), "a scenario needs a non-empty `steps` list")
    steps = [_step(raw, i, pos, step_names, expect_keys) for i, raw in enumerate(raw_steps)]
    known = {"name", "plugin", "role", "platform", "conference", "self", "participants", "steps", "timeout",
             "allow_errors", "allow_hosts", "host", "description"}
    return Scenario(
        name=str(data.get("name") or default_name), file=file, steps=steps,
        plugin=data.get("plugin"), role=role, platform=platform, conference=dict(data.get("conference") or {}),
        self_participant=dict(data.get("self") or {}), participants=[dict(p) for p in participants],
        timeout_ms=int(timeout), allow_errors=bool(data.get("allow_errors", False)), allow_hosts=list(hosts),
        host=dict(data.get("host") or {}), extra={k: v for k, v in data.items() if k not in known},
    )


def _step(raw: Any, i: int, pos: _Positions, step_names: frozenset[str], expect_keys: frozenset[str]) -> Step:
    path = ("steps", i)
    if isinstance(raw, str):  # a bare step name, e.g. `- start`
        if raw in step_names:
            return Step(raw, None, i + 1, pos.of(path))
        raise pos.error(path, f"unknown step {raw!r}{_suggest(raw, step_names)}; the steps are "
                              f"{', '.join(sorted(step_names))}")
    if not isinstance(raw, dict) or len(raw) != 1:
        raise pos.error(path, f"a step is a mapping with one key, the step name ({', '.join(sorted(step_names))})")
    kind, value = next(iter(raw.items()))
    if kind not in step_names:
        raise pos.error(path + (kind,), f"unknown step {kind!r}{_suggest(kind, step_names)}; the steps are "
                                        f"{', '.join(sorted(step_names))}", key=True)
    step = Step(kind, value, i + 1, pos.of(path + (kind,), key=True))
    check = _CHECKS.get(kind)
    if check:
        problem = check(value, expect_keys)
        if problem:
            sub, message = problem
            raise pos.error(path + (kind,) + sub, f"{kind}: {message}")
    return step


def _need_mapping(value: Any, *required: str) -> tuple[tuple, str] | None:
    if not isinstance(value, dict):
        return (), f"expected a mapping with {', '.join(required) or 'keys'}"
    for key in required:
        if key not in value:
            return (), f"missing `{key}`"
    return None


def _check_item(item: Any) -> tuple[tuple, str] | None:
    if not isinstance(item, dict):
        return ("item",), "`item` is {location: toolbar|conference|participants, index: N} (or label: ...)"
    loc = item.get("location")
    if loc not in LOCATIONS:
        return ("item",), f"location must be one of {', '.join(LOCATIONS)}, not {loc!r}"
    if loc == "participants" and "participant" not in item:
        return ("item",), "a participants item needs `participant` (a uuid or a name)"
    return None


def _check_expect(value: Any, expect_keys: frozenset[str]) -> tuple[tuple, str] | None:
    if not isinstance(value, dict):
        return (), "expected a mapping such as {conference: {locked: true}}"
    subjects = [k for k in value if k in expect_keys]
    unknown = [k for k in value if k not in expect_keys and k not in EXPECT_MODIFIERS]
    if unknown:
        return (unknown[0],), f"unknown key {unknown[0]!r}{_suggest(unknown[0], expect_keys | EXPECT_MODIFIERS)}"
    if len(subjects) != 1:
        return (), f"say what to expect with exactly one of {', '.join(sorted(expect_keys))}"
    subject = subjects[0]
    if subject == "item":
        return _check_item(value["item"])
    if subject == "participant" and not isinstance(value.get("has"), dict):
        return (), "expect a participant with `has: {property: value}`"
    if subject == "conference" and not isinstance(value["conference"], dict):
        return ("conference",), "`conference` is a mapping of expected properties, e.g. {locked: true}"
    if subject == "call" and "args" in value and not isinstance(value["args"], list):
        return ("args",), "`args` is a list (a prefix of the call's arguments)"
    if "timeout" in value and (not is_duration_ms(value["timeout"]) or value["timeout"] <= 0):
        return ("timeout",), "`timeout` is a positive number of milliseconds (at most a day)"
    return None


def _check_click(value: Any, _keys) -> tuple[tuple, str] | None:
    if not isinstance(value, dict):
        return (), "expected {location: toolbar, index: 0} or {selector: \"#id\"}"
    if "selector" in value or "button" in value:  # `button`: a host's own control (eXo: the call button)
        return None
    return _check_item(value) and ((), _check_item(value)[1])


def _check_fill(value: Any, _keys) -> tuple[tuple, str] | None:
    return _need_mapping(value, "selector", "value")


def _check_join(value: Any, _keys) -> tuple[tuple, str] | None:
    return _need_mapping(value, "name")


def _check_update(value: Any, _keys) -> tuple[tuple, str] | None:
    problem = _need_mapping(value, "set")
    if problem:
        return problem
    if not isinstance(value["set"], dict):
        return ("set",), "`set` is a mapping of properties"
    if "participant" not in value and "conference" not in value:
        return (), "say what to update: `participant: <uuid or name>` (or `conference: true`)"
    return None


def _check_leave(value: Any, _keys) -> tuple[tuple, str] | None:
    return _need_mapping(value, "participant")


def _check_dispatch(value: Any, _keys) -> tuple[tuple, str] | None:
    return _need_mapping(value, "type")


def _check_chat(value: Any, _keys) -> tuple[tuple, str] | None:
    return _need_mapping(value, "text")


def _check_wait(value: Any, _keys) -> tuple[tuple, str] | None:
    if not is_duration_ms(value):
        return (), "wait takes a number of milliseconds up to a day, e.g. `wait: 200`"
    return None


_CHECKS = {"expect": _check_expect, "click": _check_click, "fill": _check_fill, "join": _check_join,
           "update": _check_update, "leave": _check_leave, "dispatch": _check_dispatch, "chat": _check_chat,
           "wait": _check_wait}
