"""Every diagnostic code of the Pexip target, its severity and documentation, in one place."""

from __future__ import annotations

from workbench.core.diagnostics import WHOLE_FILE, Diagnostic, QuickFix, Range, RuleInfo, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, RuleInfo] = {r.code: r for r in [
    # files and schema
    RuleInfo("PEX001", E, "Does not match the schema",
             "A value in settings.json, manifest.json or a plugin package file has the wrong type, an unknown value, "
             "or a required key is missing.", "Change the value as the message says (the schemas are in "
             "resources/schemas/)."),
    RuleInfo("PEX002", INFO, "Version is a string", "A plugin package's `version` is a string such as \"1.0.0\": "
             "Pexip's own plugin template writes package.json's version there, and the app shows it as written.",
             "Nothing to do; hand-written packages mostly use a number (1.0) (quick fix when the string is a "
             "number)."),
    RuleInfo("PEX003", E, "settings.json missing", "A branding package has no settings.json next to its plugins.",
             "Create webapp2/settings.json with a `plugins` list."),
    RuleInfo("PEX004", W, "manifest.json missing", "The branding package has no manifest.json yet.",
             "Nothing to do now: the export can create it (with a fresh brandingID and isSettingsBranded true)."),
    RuleInfo("PEX005", E, "Settings not branded", "manifest.json has no `isSettingsBranded: true`, so the app "
             "ignores settings.json and every plugin.", "Set `isSettingsBranded` to true (quick fix available)."),
    RuleInfo("PEX006", E, "brandingID is not digits", "manifest.json's `brandingID` is missing or is not a string "
             "of digits.", "Use a millisecond timestamp such as \"1700000000000\"; change it on every upload "
             "(quick fix available)."),
    RuleInfo("PEX007", E, "Duplicate plugin id", "Two entries of settings.json's `plugins` have the same `id`.",
             "Give every plugin its own id (and use it in the package file and registerPlugin)."),
    RuleInfo("PEX008", E, "Package file not found", "A settings.json `srcURL` does not name an existing plugin "
             "package file inside the branding package.", "Fix the path (relative to settings.json), e.g. "
             "plugins/<name>/<name>.plugin.package.json."),
    RuleInfo("PEX009", E, "Source file not found", "A plugin package's `srcURL` does not name an existing "
             "JavaScript file.", "Fix the path (relative to the package file), e.g. <name>.plugin.js."),
    RuleInfo("PEX010", E, "Plugin id mismatch", "The `id` in the plugin package file differs from the id its "
             "settings.json entry uses.", "Use the same id in both (quick fix: take the settings.json id)."),
    RuleInfo("PEX011", E, "registerPlugin id mismatch", "The `id` passed to PEX.pluginAPI.registerPlugin differs "
             "from the plugin's id in its package file / settings.json.",
             "Use the same id (quick fix available)."),
    RuleInfo("PEX012", W, "Unreferenced plugin folder", "A folder under plugins/ is not referenced by any "
             "settings.json entry, so the app never loads it.",
             "Add an entry to settings.json's `plugins`, or delete the folder."),
    RuleInfo("PEX013", E, "More than one menu location", "`menuItems` names more than one of toolbar, "
             "conference and participants.", "Keep one location per plugin (split it into two plugins if needed)."),
    RuleInfo("PEX014", E, "Action not registered", "A menu item's `action` is not a key of the object passed to "
             "registerPlugin, so clicking it does nothing or crashes the app.",
             "Add the function to registerPlugin({...}) or fix the action name."),
    RuleInfo("PEX015", E, "Icon file not found", "A menu item `icon` names a file that does not exist.",
             "Fix the path (relative to the package file) or add the SVG file."),
    RuleInfo("PEX016", E, "Icon is not SVG", "A menu item `icon` is not an SVG file (only SVG is supported).",
             "Convert the icon to SVG and reference it as <file>.svg#<id>."),
    RuleInfo("PEX017", E, "Icon id not found", "The `#id` of an icon reference is missing, or the SVG file has no "
             "element with that id.", "Add id=\"<id>\" to the SVG's root element and reference it as "
             "<file>.svg#<id>."),
    RuleInfo("PEX018", W, "Unknown menu location", "`menuItems` has a key other than toolbar, conference or "
             "participants; the app ignores it.", "Rename it to toolbar, conference or participants."),
    RuleInfo("PEX019", E, "JavaScript syntax error", "The plugin source file does not parse.",
             "Fix the code at the position given; a syntax error stops the whole plugin from loading."),
    RuleInfo("PEX020", W, "Creates globals", "The plugin source declares variables, functions or classes at its "
             "top level (or assigns undeclared names), creating globals shared with the app and every other plugin. "
             "Top-level code that creates no global (a bundle's IIFE, a bare registerPlugin call) is fine.",
             "Wrap the whole file in (function () { ... })();"),
    RuleInfo("PEX021", E, "registerPlugin not called", "The plugin source never calls PEX.pluginAPI.registerPlugin, "
             "so the app never loads it.", "Call PEX.pluginAPI.registerPlugin({id, load, unload, <actions>}) once."),
    RuleInfo("PEX022", E, "registerPlugin called more than once", "The plugin source calls registerPlugin several "
             "times.", "Register once, with one object holding every function."),
    RuleInfo("PEX023", E, "Unknown plugin API function", "The code calls a PEX.pluginAPI function the app does not "
             "provide (a TypeError at run time crashes the app).",
             "Use one of registerPlugin, createNewState, sendRequest, openTemplateDialog, spotlightOnParticipant, "
             "spotlightOffParticipant, dialOut, disconnectParticipant, transformConferenceLayout, sendChatMessage."),
    RuleInfo("PEX024", W, "Deprecated changeConferenceLayout", "The code calls changeConferenceLayout.",
             "Call transformConferenceLayout({layout: '1:7'}) instead."),
    RuleInfo("PEX025", W, "v21 dialog syntax", "openTemplateDialog(...).subscribe(...) is the v21 observable form.",
             "Use openTemplateDialog(...).then(dialogRef => ...) (quick fix renames subscribe to then)."),
    RuleInfo("PEX026", W, "viewInit$ is gone", "dialogRef.viewInit$ belongs to the v21 dialog API.",
             "Remove the viewInit$ subscription: code in .then() already runs after the dialog is shown."),
    RuleInfo("PEX027", W, "Plain http:// URL", "A string holds an http:// URL; the web app is served over HTTPS, "
             "so browsers block it as mixed content.", "Use https:// (quick fix available)."),
    RuleInfo("PEX028", E, "eval or new Function", "The code calls eval, new Function or Function(...): it runs "
             "arbitrary text as code and Content Security Policy blocks it.",
             "Parse data with JSON.parse and call functions directly."),
    RuleInfo("PEX029", E, "Hard-coded secret", "A string literal is assigned to a name such as apiKey, token, "
             "secret or password; anyone who opens the app can read it.",
             "Fetch credentials at run time from a backend that authenticates the user; never ship them."),
    RuleInfo("PEX030", W, "Token-looking literal", "A long random-looking string literal (an API key, a JWT, "
             "an access token) is in the plugin source.",
             "Remove it from the source; obtain tokens at run time."),
    RuleInfo("PEX031", W, "Credential in localStorage", "The code stores a token, password or key in localStorage, "
             "where any script of the origin can read it.",
             "Keep credentials in memory only (or an HttpOnly cookie set by your backend)."),
    RuleInfo("PEX032", W, "Package field missing", "A plugin package file lacks one of the documented fields "
             "(name, description, version, allowUnload, platforms, participantRoles). `menuItems` is optional: "
             "a plugin that only reacts to events has none.",
             "Add the field: name and description show under Settings > Plugin, the others decide where and for "
             "whom the plugin appears."),
    RuleInfo("PEX034", W, "Plugin not built", "A TypeScript plugin project's settings.json names a plugin under "
             "plugins/, which its build writes to dist/plugins/, and the build output is not there: nothing can be "
             "checked, run or exported yet (the export refuses).",
             "Build the project: `workbench build` (its own `npm run build`), after `npm ci`."),
    RuleInfo("PEX035", W, "Build older than its sources", "A file the TypeScript plugin is built from (src/, "
             "templates/, package.json, the bundler's configuration) changed after the last build, so the preview, "
             "scenarios and the export would use the old plugin.", "Build again: `workbench build`."),
    RuleInfo("PEX033", W, "State icon not found", "A `*.svg#id` string in the plugin source (an icon set "
             "through state$) names a missing file or id.",
             "Fix the path (relative to the package file) or the SVG's id."),
]}


def diag(code: str, message: str, file: str, range: Range = WHOLE_FILE, fix: QuickFix | None = None) -> Diagnostic:
    """A Pexip diagnostic whose severity comes from the code's RuleInfo."""
    return Diagnostic(code, RULES[code].severity, message, file, range, fix)
