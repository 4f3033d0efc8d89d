"""Recording the preview's session as a scenario file that `workbench test` replays (Qt-free).

A recording starts from the session's header (what a replay must start from: `recording_header()` of the session,
e.g. `conference_header()` for hosts with a conference). The conference controls change the simulated conference
through a `ConferenceDriver`, which also hands each change to the recorder as a step (`join`, `update`, `leave`,
`chat`, `dispatch`). Clicks and fills in the host page come from the harness as ready-made steps (`note_step`), the
plugin's API calls arrive as host-log entries and become `expect` checks, so the replay proves the plugin still does
what it did while recording. Host panels add the steps of the controls they offer through `add`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.atomic import atomic_write
from workbench.core.conference import PARTICIPANT_DEFAULTS, Conference
from workbench.core.hostlog import CALL, ERROR, LogEntry

# How a recorded API call becomes a check: a host maps (name, args) to an `expect` value, or None to skip it.
Expectation = Callable[[str, list], "dict | None"]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_VOLATILE = frozenset({"startTime"})


def interesting_props(p: dict) -> dict:
    """A participant's properties that differ from the defaults (what a scenario needs to write down)."""
    out = {k: v for k, v in p.items() if k not in _VOLATILE and PARTICIPANT_DEFAULTS.get(k, object()) != v}
    out["name"] = p.get("name", "")
    out.setdefault("role", p.get("role", "guest"))
    default_uri = f"{str(out['name']).lower().replace(' ', '.') or p.get('uuid')}@example.com"
    if out.get("uri") in (default_uri, f"sip:{default_uri}"):
        out.pop("uri")  # the address the conference makes up for a participant without one
    if "canControl" in out and out["canControl"] == (out.get("role") == "chair"):
        out.pop("canControl")
    return out


@dataclass
class RecordingStart:
    """What a session says a recording of it starts from: the header, stable uuids, and how calls become checks."""

    header: dict[str, Any]
    stable_uuids: set[str] = field(default_factory=set)
    expectation: Expectation | None = None


def conference_header(conference: Conference) -> tuple[dict[str, Any], set[str]]:
    """The header keys that recreate the conference as it is now, and the uuids a replay recreates.

    Generated uuids are left out (a replay generates its own, and names find those participants)."""
    me = conference.participants[conference.self_uuid]
    others = [p for u, p in conference.participants.items() if u != conference.self_uuid]
    stable = {u for u in conference.participants if not _UUID.fullmatch(u)}
    details = {k: v for k, v in conference.details.items() if k != "layout"}
    header = {"conference": {"name": conference.name, **details},
              "self": _with_uuid({"name": me["name"]}, me["uuid"], stable),
              "participants": [_with_uuid(interesting_props(p), p["uuid"], stable) for p in others]}
    return header, stable


def plain_call_check(name: str, args: list) -> dict:
    """The default check of a recorded call: its name and the plain leading arguments (no objects, no callbacks)."""
    expect: dict[str, Any] = {"call": name}
    plain = []
    for a in args:
        if isinstance(a, str) and a.startswith("<function"):
            break
        if isinstance(a, (dict, list)) or a is None:
            break
        plain.append(a)
    if plain:
        expect["args"] = plain
    return expect


class ScenarioRecorder:
    """Collects steps while recording; `scenario()` is the dict written to the file."""

    def __init__(self) -> None:
        self.recording = False
        self.header: dict[str, Any] = {}
        self.steps: list[dict] = []
        self.stable_uuids: set[str] = set()  # uuids a replay recreates (header and joined participants)
        self.errors = 0
        self.expectation: Expectation = plain_call_check

    def start(self, start: RecordingStart, *, allow_hosts: list[str] | None = None, name: str = "") -> None:
        """Begin a recording from what the session says a replay starts from (its recording_start())."""
        self.header = {"name": name or time.strftime("recorded session %Y-%m-%d %H:%M"), **start.header}
        if allow_hosts:
            self.header["allow_hosts"] = list(allow_hosts)
        self.stable_uuids = set(start.stable_uuids)
        self.expectation = start.expectation or plain_call_check
        self.steps = []
        self.errors = 0
        self.recording = True

    def stop(self) -> None:
        self.recording = False

    def add(self, kind: str, value: Any = None) -> None:
        """Append a step (ignored when not recording); a step without a value is written as its bare name."""
        if self.recording:
            self.steps.append(kind if value is None else {kind: value})

    def note_step(self, step: dict) -> None:
        """A step the page's harness described (a click or a fill of the user)."""
        if self.recording and isinstance(step, dict) and len(step) == 1:
            kind, value = next(iter(step.items()))
            self.add(str(kind), value)

    # -- from the host log --------------------------------------------------------------------------------------
    def note_entry(self, entry: LogEntry) -> None:
        """Turn a host-log entry into a step: API calls as expectations, errors counted."""
        if not self.recording:
            return
        if entry.kind == ERROR:
            self.errors += 1
        elif entry.kind == CALL:
            name = str(entry.data.get("name", ""))
            args = entry.data.get("args") or []
            check = self.expectation(name, list(args)) if name else None
            if check is None:
                return
            if "args" in check and any(self._volatile(a) for a in check["args"]):
                check = {k: v for k, v in check.items() if k != "args"}
            self.add("expect", check)

    def _volatile(self, value: Any) -> bool:
        """A value naming a participant a replay would give another uuid (one dialled during the session)."""
        return any(u not in self.stable_uuids for u in _UUID.findall(str(value)))

    # -- output -------------------------------------------------------------------------------------------------
    def scenario(self) -> dict:
        """The recorded scenario (header, steps, and a closing no-errors check when none happened)."""
        steps = list(self.steps)
        if self.errors == 0:
            steps.append({"expect": {"no_errors": True}})
        return {**self.header, "steps": steps}

    def to_yaml(self) -> str:
        import yaml  # loaded when a recording is saved, not with every preview
        return "# Recorded in the Plugin Workbench preview; replay with `workbench test`.\n" + yaml.safe_dump(
            self.scenario(), sort_keys=False, allow_unicode=True, default_flow_style=None, width=120)

    def save(self, path: str | Path) -> Path:
        """Write the scenario file atomically; returns its path."""
        path = Path(path)
        atomic_write(path, self.to_yaml().encode("utf-8"))
        return path


def next_scenario_path(root: str | Path) -> Path:
    """The first free `recorded-N.yaml` in the project's scenario folder (workbench.toml's, default scenarios/)."""
    from workbench.core.config import scenario_folder
    folder = scenario_folder(root)
    n = 1
    while (folder / f"recorded-{n}.yaml").exists():
        n += 1
    return folder / f"recorded-{n}.yaml"


def _with_uuid(props: dict, uuid: str, stable: set[str]) -> dict:
    return {**props, "uuid": uuid} if uuid in stable else props


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "participant"


class ConferenceDriver:
    """The controls' way to change the one simulated conference; each change is also recorded as a step."""

    def __init__(self, conference: Conference, recorder: ScenarioRecorder | None = None,
                 dispatch: Callable[[str, Any], None] | None = None):
        self.conference = conference
        self.recorder = recorder or ScenarioRecorder()
        self._dispatch = dispatch

    def ref(self, uuid: str) -> str:
        """How a step names a participant: its uuid when a replay recreates it, else its name (a dialled one)."""
        p = self.conference.participants[uuid]
        return uuid if uuid in self.recorder.stable_uuids else str(p["name"])

    def join(self, props: dict) -> str:
        """A participant joins (a readable uuid is given so a replay finds it again)."""
        props = dict(props)
        if not props.get("uuid"):
            base, n = _slug(str(props.get("name", ""))), 1
            uid = base
            while uid in self.conference.participants:
                n += 1
                uid = f"{base}-{n}"
            props["uuid"] = uid
        uid = self.conference.add_participant(props)
        self.recorder.stable_uuids.add(uid)
        self.recorder.add("join", interesting_props(self.conference.participants[uid]) | {"uuid": uid})
        return uid

    def leave(self, uuid: str, reason: str = "left") -> None:
        ref = self.ref(uuid)
        self.conference.remove_participant(uuid, reason)
        self.recorder.add("leave", {"participant": ref})

    def update(self, uuid: str, changes: dict) -> None:
        self.conference.update_participant(uuid, changes)
        self.recorder.add("update", {"participant": self.ref(uuid), "set": dict(changes)})

    def update_conference(self, changes: dict) -> None:
        self.conference.update_conference(changes)
        self.recorder.add("update", {"conference": True, "set": dict(changes)})

    def speak(self, uuid: str) -> None:
        """Make one participant the active speaker (vad up), the others quiet."""
        for other, p in list(self.conference.participants.items()):
            if other != uuid and p.get("vad"):
                self.update(other, {"vad": 0})
        self.update(uuid, {"vad": 100})

    def raise_hand(self, uuid: str, raised: bool = True) -> None:
        self.update(uuid, {"buzzTime": int(self.conference.clock()) if raised else 0})

    def present(self, uuid: str, presenting: bool = True) -> None:
        self.update(uuid, {"presenting": presenting})

    def spotlight(self, uuid: str, on: bool = True) -> None:
        self.update(uuid, {"spotlight": int(self.conference.clock() * 1000) if on else 0})

    def lock(self, locked: bool = True) -> None:
        self.update_conference({"locked": locked})

    def mute_guests(self, muted: bool = True) -> None:
        self.update_conference({"guestsMuted": muted})

    def chat(self, sender_uuid: str, text: str) -> None:
        """A chat message comes in from a participant."""
        ref = self.ref(sender_uuid) if sender_uuid in self.conference.participants else sender_uuid
        self.conference.receive_chat(sender_uuid, text)
        self.recorder.add("chat", {"from": ref, "text": text})

    def dispatch(self, type_: str, payload: Any = None) -> None:
        """The app dispatches an action (hosts with an action stream)."""
        if self._dispatch is None:
            raise ValueError("this host has no action stream to dispatch to")
        self._dispatch(type_, payload)
        value: dict[str, Any] = {"type": type_}
        if payload is not None:
            value["payload"] = payload
        self.recorder.add("dispatch", value)
