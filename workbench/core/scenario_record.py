"""Recording the preview's session as a scenario file that `workbench test` replays (Qt-free).

The conference controls change the simulated conference through a `ConferenceDriver`, which also hands each change to
the recorder as a scenario step (`join`, `update`, `leave`, `chat`, `dispatch`). Clicks and fills in the host page
and the plugin's API calls arrive as host-log entries and become `click` / `fill` steps and `expect` checks, so the
replay proves the plugin still does what it did while recording.

Hosts without a conference (XCALLY, eXo) start a recording from the session's own header keys (`start_host`); their
panels add the steps of the controls they offer (`start`, `context`, `incoming`...) through `add`.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import yaml

from workbench.core.atomic import atomic_write
from workbench.core.conference import PARTICIPANT_DEFAULTS, Conference
from workbench.core.hostlog import CALL, ERROR, HOST, LogEntry

# Calls whose arguments say what the plugin asked for (others are checked by name only).
CALLS_WITH_ARGS = frozenset({"dialOut", "sendRequest", "transformConferenceLayout", "changeConferenceLayout",
                             "sendChatMessage", "spotlightOnParticipant", "spotlightOffParticipant",
                             "disconnectParticipant"})
# Calls that are plumbing rather than behaviour.
SKIPPED_CALLS = frozenset({"registerPlugin", "createNewState", "dialogClosed", "openTemplateDialog.subscribe"})
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


class ScenarioRecorder:
    """Collects steps while recording; `scenario()` is the dict written to the file."""

    def __init__(self) -> None:
        self.recording = False
        self.header: dict[str, Any] = {}
        self.steps: list[dict] = []
        self.stable_uuids: set[str] = set()  # uuids a replay recreates (header and joined participants)
        self.errors = 0

    def start(self, conference: Conference, *, role: str = "chair", platform: str = "web",
              plugin: str | None = None, allow_hosts: list[str] | None = None, name: str = "") -> None:
        """Begin a recording from the conference as it is now (it becomes the scenario's starting point)."""
        me = conference.participants[conference.self_uuid]
        others = [p for u, p in conference.participants.items() if u != conference.self_uuid]
        self.header = {"name": name or time.strftime("recorded session %Y-%m-%d %H:%M"), "role": role,
                       "platform": platform}
        if plugin:
            self.header["plugin"] = plugin
        details = {k: v for k, v in conference.details.items() if k != "layout"}
        self.header["conference"] = {"name": conference.name, **details}
        # Generated uuids are left out (a replay generates its own, and names find those participants).
        self.stable_uuids = {u for u in conference.participants if not _UUID.fullmatch(u)}
        self.header["self"] = _with_uuid({"name": me["name"]}, me["uuid"], self.stable_uuids)
        self.header["participants"] = [_with_uuid(interesting_props(p), p["uuid"], self.stable_uuids)
                                       for p in others]
        if allow_hosts:
            self.header["allow_hosts"] = list(allow_hosts)
        self.steps = []
        self.errors = 0
        self.recording = True

    def start_host(self, header: dict[str, Any], *, allow_hosts: list[str] | None = None, name: str = "") -> None:
        """Begin a recording of a host without a conference; header holds the host's keys a replay starts from."""
        self.header = {"name": name or time.strftime("recorded session %Y-%m-%d %H:%M"), **header}
        if allow_hosts:
            self.header["allow_hosts"] = list(allow_hosts)
        self.stable_uuids = set()
        self.steps = []
        self.errors = 0
        self.recording = True

    def stop(self) -> None:
        self.recording = False

    def add(self, kind: str, value: Any = None) -> None:
        """Append a step (ignored when not recording); a step without a value is written as its bare name."""
        if self.recording:
            self.steps.append(kind if value is None else {kind: value})

    # -- from the host log --------------------------------------------------------------------------------------
    def note_entry(self, entry: LogEntry) -> None:
        """Turn a host-log entry into a step: page clicks and fills, API calls as expectations, errors counted."""
        if not self.recording:
            return
        if entry.kind == ERROR:
            self.errors += 1
        elif entry.kind == HOST and isinstance(entry.data.get("ui"), dict):
            ui = entry.data["ui"]
            kind = next(iter(ui), None)
            if kind in ("click", "fill") and isinstance(ui[kind], dict):
                self.add(kind, dict(ui[kind]))
        elif entry.kind == CALL:
            self._note_call(str(entry.data.get("name", "")), entry.data.get("args") or [])

    def _note_call(self, name: str, args: list) -> None:
        if not name or name in SKIPPED_CALLS or name.startswith("host."):
            return
        if name == "openTemplateDialog":
            title = args[0].get("title") if args and isinstance(args[0], dict) else None
            if title:
                self.add("expect", {"dialog": title})
            return
        expect: dict[str, Any] = {"call": name}
        if name in CALLS_WITH_ARGS:
            plain = []
            for a in args:
                if isinstance(a, str) and a.startswith("<function"):
                    break
                if isinstance(a, (dict, list)) or a is None:
                    break
                plain.append(a)
            if plain and not any(self._volatile(a) for a in plain):
                expect["args"] = plain
        self.add("expect", expect)

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
        return "# Recorded in the Plugin Workbench preview; replay with `workbench test`.\n" + yaml.safe_dump(
            self.scenario(), sort_keys=False, allow_unicode=True, default_flow_style=None, width=120)

    def save(self, path: str | Path) -> Path:
        """Write the scenario file atomically; returns its path."""
        path = Path(path)
        atomic_write(path, self.to_yaml().encode("utf-8"))
        return path


def next_scenario_path(root: str | Path) -> Path:
    """The first free `scenarios/recorded-N.yaml` of a project."""
    folder = Path(root) / "scenarios"
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

    def __init__(self, conference: Conference, recorder: ScenarioRecorder | None = None):
        self.conference = conference
        self.recorder = recorder or ScenarioRecorder()

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
        self.conference.emit(type_, payload)
        value: dict[str, Any] = {"type": type_}
        if payload is not None:
            value["payload"] = payload
        self.recorder.add("dispatch", value)
