"""Rules on a plugin source file alone: syntax, IIFE, registerPlugin, the plugin API and its deprecations."""

from __future__ import annotations

import difflib

from workbench.core.diagnostics import Diagnostic, QuickFix, TextEdit
from workbench.core.files import ProjectFiles
from workbench.targets.pexip.codes import diag
from workbench.targets.pexip.jsfacts import JsFacts

PLUGIN_API = ("registerPlugin", "createNewState", "sendRequest", "openTemplateDialog", "spotlightOnParticipant",
              "spotlightOffParticipant", "dialOut", "disconnectParticipant", "changeConferenceLayout",
              "transformConferenceLayout", "sendChatMessage")


def check_source(files: ProjectFiles, facts: JsFacts) -> list[Diagnostic]:
    """Every single-file JS diagnostic of facts.file (cached per content)."""
    return files.memo("pexip:jsrules", facts.file, lambda: _check(facts))


def _check(f: JsFacts) -> list[Diagnostic]:
    out = list(f.syntax)
    if f.globals_created:
        names = list(dict.fromkeys(g.name for g in f.globals_created))
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        out.append(diag("PEX020", f"the top level creates the global{'s' if len(names) > 1 else ''} {shown}, shared "
                                  "with the app and every other plugin: wrap the whole file in "
                                  "(function () { ... })();", f.file, f.globals_created[0].range))
    if not f.registers and not f.syntax:
        out.append(diag("PEX021", "registerPlugin is never called, so the app never loads this plugin: call "
                                  "PEX.pluginAPI.registerPlugin({id, load, unload, <actions>}) once", f.file))
    for extra in f.registers[1:]:
        out.append(diag("PEX022", f"registerPlugin is called again (first at line {f.registers[0].range.start.line}): "
                                  "register once, with one object holding every function", f.file, extra.range))
    for call in f.api_calls:
        if call.name not in PLUGIN_API:
            close = difflib.get_close_matches(call.name, PLUGIN_API, n=1)
            fix = QuickFix(f"Call {close[0]}", (TextEdit(f.file, call.range, close[0]),)) if close else None
            hint = f"did you mean {close[0]}? " if close else ""
            out.append(diag("PEX023", f"PEX.pluginAPI.{call.name} does not exist ({hint}the app throws a TypeError): "
                                      f"use one of {', '.join(n for n in PLUGIN_API if n != 'changeConferenceLayout')}",
                            f.file, call.range, fix))
        elif call.name == "changeConferenceLayout":
            out.append(diag("PEX024", "changeConferenceLayout is deprecated: call "
                                      "transformConferenceLayout({layout: '1:7'}) instead", f.file, call.range))
    for use in f.dialog_subscribes:
        fix = QuickFix("Use .then", (TextEdit(f.file, use.range, "then"),))
        out.append(diag("PEX025", "openTemplateDialog(...).subscribe is the v21 dialog syntax: use "
                                  ".then(dialogRef => ...) (the dialog is already shown there)", f.file, use.range, fix))
    for use in f.view_inits:
        out.append(diag("PEX026", "dialogRef.viewInit$ is v21 dialog syntax: remove the viewInit$ subscription and "
                                  "run its code directly inside openTemplateDialog(...).then(...)", f.file, use.range))
    return out
