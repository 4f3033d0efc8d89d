"""The page steps every host with a page shares: wait, click/fill a selector, expect selector / no_errors / error / call.

A mixin of HostSession: it relies on the session's `log`, `poll`, `js` and `settle`.
"""

from __future__ import annotations

import json
from typing import Any

from workbench.core.hostlog import LogEntry
from workbench.core.scenario import Step
from workbench.sandbox.session.errors import StepFailure
from workbench.sandbox.waiting import pause


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


class PageSteps:
    """Common page steps, dispatched by HostSession.apply_step (`step_<kind>`, `expect_<key>`)."""

    def step_wait(self, value: Any, step: Step) -> None:
        pause(int(value))

    def step_click(self, value: dict, step: Step) -> None:
        if "selector" not in value:
            raise StepFailure("this host clicks elements by `selector`")
        self.poll(step, lambda: self._page_action("click", value["selector"]))

    def step_fill(self, value: dict, step: Step) -> None:
        self.poll(step, lambda: self._page_action("fill", value["selector"], value.get("value", "")))

    def _page_action(self, what: str, selector: str, fill: Any = None) -> tuple[bool, str]:
        code = f"""(function(sel, what, val) {{
            var el; try {{ el = document.querySelector(sel); }} catch (e) {{ return 'bad selector: ' + e.message; }}
            if (!el) return '';
            if (what === 'click') {{ el.click(); return 'ok'; }}
            if ('value' in el) {{ el.focus && el.focus(); el.value = val; }} else {{ el.textContent = val; }}
            el.dispatchEvent(new Event('input', {{bubbles: true}}));
            el.dispatchEvent(new Event('change', {{bubbles: true}}));
            return 'ok';
        }})({show(selector)}, {show(what)}, {show('' if fill is None else str(fill))})"""
        result = self.js(code)
        if isinstance(result, str) and result.startswith("bad selector"):
            raise StepFailure(f"{selector!r}: {result}")
        return result == "ok", f"no element matches {selector!r}"

    def expect_selector(self, value: dict, step: Step) -> None:
        selector, text = value["selector"], value.get("text")
        code = f"""(function(sel) {{
            var els; try {{ els = document.querySelectorAll(sel); }} catch (e) {{ return {{error: e.message}}; }}
            return {{texts: Array.prototype.map.call(els, function (e) {{
                return (e.innerText || e.textContent || e.value || '').trim(); }})}};
        }})({show(selector)})"""

        def check() -> tuple[bool, str]:
            res = self.js(code) or {}
            if res.get("error"):
                raise StepFailure(f"{selector!r} is not a valid selector: {res['error']}")
            texts = res.get("texts") or []
            if not texts:
                return False, f"no element matches {selector!r}"
            if text is None or any(str(text) in t for t in texts):
                return True, ""
            return False, f"{selector!r} has text {show(texts[:5])}, not containing {show(text)}"

        self.poll(step, check)

    def expect_no_errors(self, value: Any, step: Step) -> None:
        self.settle()
        errors = self.log.errors()
        if value and errors:
            raise StepFailure(f"expected no uncaught error, got {len(errors)}: {format_error(errors[0])}")
        if not value and not errors:
            self.poll(step, lambda: (bool(self.log.errors()), "no uncaught error happened"))

    def expect_error(self, value: dict, step: Step) -> None:
        text = str(value["error"])

        def check() -> tuple[bool, str]:
            errors = self.log.errors()
            if any(text in e.message or text in str(e.data.get("stack", "")) for e in errors):
                return True, ""
            return False, f"no uncaught error containing {text!r} (errors: {show([e.message for e in errors])})"

        self.poll(step, check)
        self._expected_errors = True

    def expect_call(self, value: dict, step: Step) -> None:
        name = value["call"]
        args = value.get("args")
        result = value.get("result")
        count = value.get("count")

        def check() -> tuple[bool, str]:
            calls = self.log.calls(name)
            hits = [c for c in calls if (args is None or matches(args, c.data.get("args")))
                    and (result is None or matches(result, c.data.get("result")))]
            if count is not None:
                return len(hits) == int(count), f"{len(hits)} matching call(s) of {name}, expected {count}"
            if hits:
                return True, ""
            if not calls:
                others = sorted({c.data.get("name") for c in self.log.calls()})
                return False, f"{name} was never called (calls so far: {', '.join(others) or 'none'})"
            seen = "; ".join(f"{name}{show(c.data.get('args'))}" for c in calls[-3:])
            want = f" with args starting {show(args)}" if args is not None else ""
            want += f" and result {show(result)}" if result is not None else ""
            return False, f"no call of {name}{want}; seen: {seen}"

        self.poll(step, check)
