"""The page steps every host with a page shares: wait, click/fill a selector, and the page expectations.

Each is an async executor(session, value, step) named by a StepSpec (workbench/core/page_step_specs.py). Checks of
the page run in the harness world, where plugin code cannot patch what they use.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from workbench.core.hostlog import LogEntry
from workbench.sandbox.session.errors import StepFailure

if TYPE_CHECKING:  # the scenario format (pydantic, YAML) loads with the first scenario, not with the window
    from workbench.core.scenario import Step


def matches(expected: Any, actual: Any) -> bool:
    """Partial match: mappings by their given keys, lists as a prefix, scalars equal (numbers loosely)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) >= len(expected) and all(
            matches(e, a) for e, a in zip(expected, actual, strict=False))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual and type(expected) is type(actual)
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    return expected == actual or (isinstance(expected, str) and not isinstance(actual, str)
                                  and actual is not None and expected == str(actual))


def show(value: Any) -> str:
    """A value as it reads in a failure message (JSON)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def format_error(entry: LogEntry) -> str:
    """An error entry as one readable line: message and where it was thrown."""
    where = ""
    if entry.data.get("file"):
        where = f" at {entry.data['file']}:{entry.data.get('line', 0)}:{entry.data.get('column', 0)}"
    elif entry.data.get("url"):
        where = f" at {entry.data['url']}:{entry.data.get('line', 0)}:{entry.data.get('column', 0)}"
    return f"{entry.message}{where}"


async def run_expect(session, value: Any, step: Step) -> None:
    """`expect` itself never runs: the loader gives each expect step its subject's spec."""
    raise StepFailure("expect needs a subject")


async def step_wait(session, value: float, step: Step) -> None:
    await asyncio.sleep(float(value) / 1000)


async def page_action(session, what: str, selector: str, value: Any = None) -> tuple[bool, str]:
    """Click or fill the first element matching selector, in the harness world."""
    if what == "click":
        result = await session.harness(f"WBH.click({show(selector)})")
    else:
        result = await session.harness(f"WBH.fill({show(selector)}, {show('' if value is None else value)})")
    if isinstance(result, str) and result.startswith("bad selector"):
        raise StepFailure(f"{selector!r}: {result}")
    return result == "ok", f"no element matches {selector!r}"


async def step_click(session, value, step: Step) -> None:
    await session.poll(step, lambda: page_action(session, "click", value.selector))


async def step_fill(session, value, step: Step) -> None:
    text = value.value if not isinstance(value.value, bool) else ("true" if value.value else "false")
    await session.poll(step, lambda: page_action(session, "fill", value.selector, str(text)))


async def expect_selector(session, value, step: Step) -> None:
    selector, text, count = value.selector, value.text, value.count

    async def check() -> tuple[bool, str]:
        res = await session.harness(f"WBH.query({show(selector)})") or {}
        if res.get("error"):
            raise StepFailure(f"{selector!r} is not a valid selector: {res['error']}")
        texts = res.get("texts") or []
        if count is not None:
            found = len(texts) if text is None else sum(str(text) in t for t in texts)
            which = f"{selector!r}" + ("" if text is None else f" containing {show(text)}")
            return found == count, f"{found} element(s) match {which}, expected {count}"
        if not texts:
            return False, f"no element matches {selector!r}"
        if text is None or any(str(text) in t for t in texts):
            return True, ""
        return False, f"{selector!r} has text {show(texts[:5])}, not containing {show(text)}"

    await session.poll(step, check)


async def expect_no_errors(session, value, step: Step) -> None:
    await session.settle()
    errors = session.log.errors()
    if value.no_errors and errors:
        raise StepFailure(f"expected no uncaught error, got {len(errors)}: {format_error(errors[0])}")
    if not value.no_errors and not errors:
        async def check() -> tuple[bool, str]:
            return bool(session.log.errors()), "no uncaught error happened"
        await session.poll(step, check)


async def expect_error(session, value, step: Step) -> None:
    text = value.error

    async def check() -> tuple[bool, str]:
        errors = session.log.errors()
        if any(text in e.message or text in str(e.data.get("stack", "")) for e in errors):
            return True, ""
        return False, f"no uncaught error containing {text!r} (errors: {show([e.message for e in errors])})"

    await session.poll(step, check)


async def expect_call(session, value, step: Step) -> None:
    name, args, result, count = value.call, value.args, value.result, value.count

    async def check() -> tuple[bool, str]:
        calls = session.log.calls(name)
        hits = [c for c in calls if (args is None or matches(args, c.data.get("args")))
                and (result is None or matches(result, c.data.get("result")))]
        if count is not None:
            return len(hits) == int(count), f"{len(hits)} matching call(s) of {name}, expected {count}"
        if hits:
            return True, ""
        if not calls:
            others = sorted({str(c.data.get("name")) for c in session.log.calls()})
            return False, f"{name} was never called (calls so far: {', '.join(others) or 'none'})"
        seen = "; ".join(f"{name}{show(c.data.get('args'))}" for c in calls[-3:])
        want = f" with args starting {show(args)}" if args is not None else ""
        want += f" and result {show(result)}" if result is not None else ""
        return False, f"no call of {name}{want}; seen: {seen}"

    await session.poll(step, check)


async def expect_navigated(session, value, step: Step) -> None:
    text = value.navigated

    async def check() -> tuple[bool, str]:
        seen = list(session.page.navigations)
        if any(text in url for url in seen):
            return True, ""
        return False, f"no navigation to a URL containing {show(text)} (navigations: {show(seen) if seen else 'none'})"

    await session.poll(step, check)
