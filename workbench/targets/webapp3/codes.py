"""Every diagnostic code of the Web App 3 target, its severity and documentation, in one place."""

from __future__ import annotations

from workbench.core.diagnostics import WHOLE_FILE, Diagnostic, QuickFix, Range, RuleInfo, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (the severities' initials)

RULES: dict[str, RuleInfo] = {r.code: r for r in [
    RuleInfo("WA3001", E, "Does not match the schema", "A value in the branding manifest.json has the wrong type, or a "
             "plugin entry lacks `src`.", "Change the value as the message says (the schema is "
             "resources/schemas/webapp3-branding-manifest.schema.json)."),
    RuleInfo("WA3002", W, "Plugin entry without id", "A `plugins` entry has no `id`. Since Infinity v37 the app needs "
             "it: widgets (`addWidget`, `registerWidget`) are refused to a plugin whose manifest id does not equal the "
             "id it registers with.", "Add `\"id\"` with the id the plugin passes to registerPlugin (quick fix "
             "when the plugin's source says it)."),
    RuleInfo("WA3003", E, "Duplicate plugin id", "Two `plugins` entries have the same `id`.",
             "Give every plugin its own id."),
    RuleInfo("WA3004", E, "Plugin page not found", "A plugin's `src` does not name a file inside the branding "
             "package, so its iframe loads nothing.", "Fix the path (relative to manifest.json), e.g. "
             "./plugins/<id>/index.html, or copy the plugin's build output there."),
    RuleInfo("WA3005", W, "Plugin loaded from a URL", "A plugin's `src` is an absolute URL (a development server): "
             "the package does not hold it, and the Conferencing Nodes' Content Security Policy must allow it.",
             "For production, copy the plugin's build into plugins/<id>/ and use ./plugins/<id>/index.html."),
    RuleInfo("WA3006", W, "Sandbox value ignored", "A `sandboxValues` entry is not one the app accepts; since "
             "Infinity v37 the iframe gets `allow-scripts` plus only the accepted values, others are ignored.",
             "Remove it, or use one of the accepted values (docs/hosts/pexip-webapp3.md lists them)."),
    RuleInfo("WA3007", I, "allow-scripts listed", "`sandboxValues` lists allow-scripts, which every plugin iframe has "
             "by default.", "Nothing to do; it can be removed."),
    RuleInfo("WA3008", I, "Plugin shares the app's origin", "`sandboxValues` has allow-same-origin: with scripts "
             "allowed, the plugin can reach the app's page, storage and cookies.",
             "Keep it only when the plugin needs it (storage, cookies, the app's DOM)."),
    RuleInfo("WA3009", E, "registerPlugin id mismatch", "The id a plugin passes to registerPlugin differs from its "
             "manifest id; the app refuses widgets to it (and registerWidget's parentPluginId must match too).",
             "Use the same id in both (quick fix: take the manifest's id)."),
    RuleInfo("WA3010", E, "registerPlugin not called", "No source of the plugin calls registerPlugin from "
             "@pexip/plugin-api, so it never connects to the app.",
             "Call `await registerPlugin({id, version})` once, first thing."),
    RuleInfo("WA3011", W, "registerPlugin called more than once", "The plugin's sources call registerPlugin several "
             "times: each call opens a channel of its own.", "Register once and share the plugin object."),
    RuleInfo("WA3012", E, "Payload does not match the plugin-api types", "An argument of a plugin-API call lacks a "
             "required property or has a value of the wrong type (checked against @pexip/plugin-api's types).",
             "Change the payload as the message says."),
    RuleInfo("WA3013", E, "Unknown icon name", "A button's `icon` is not an icon the app knows: it replies "
             "`{status: 'failed', reason: 'Invalid Icon name'}` and addButton rejects.",
             "Use one of the app's icon names (e.g. IconPexipLogo, IconSupport), or {custom: {main, hover}}."),
    RuleInfo("WA3014", W, "Unknown payload property", "A payload has a property the plugin-api types do not have; "
             "the app ignores it (a typo?).", "Remove it or correct its name."),
    RuleInfo("WA3015", W, "Deprecated plugin API", "The code uses a deprecated part of @pexip/plugin-api "
             "(events.participants, participantJoined, participantLeft).",
             "Move to the replacement the message names (events.participantsActivities)."),
    RuleInfo("WA3016", E, "Unknown plugin API function", "The code calls a function the plugin object does not have "
             "(or one removed from the package, such as ui.togglePlugin and window.plugin.iframeManager): a "
             "TypeError at run time.", "Use a function of @pexip/plugin-api's Plugin interface."),
    RuleInfo("WA3017", W, "Plugin folder not in the manifest", "A folder under plugins/ is not the folder of any "
             "manifest entry, so the app never loads it.", "Add a `plugins` entry for it, or delete the folder."),
    RuleInfo("WA3018", W, "Plugin not built", "The plugin project has no build output (dist/index.html), or it is "
             "older than the sources: the preview and the export use the build.",
             "Run the project's build (npm run build), from the window or the command line."),
    RuleInfo("WA3019", E, "JavaScript or TypeScript syntax error", "A plugin source file does not parse.",
             "Fix the code at the position given."),
    RuleInfo("WA3020", W, "Plugin page is not HTML", "A plugin's `src` names a file that is not an HTML page; the "
             "app loads `src` into an iframe, so a script would show as text.",
             "Point `src` at the plugin's index.html, which loads its scripts."),
    RuleInfo("WA3021", I, "Untested plugin-api version", "package.json asks for a version of @pexip/plugin-api "
             "other than those the workbench's host was checked against.",
             "Nothing to do if it runs; the workbench emulates the protocol of the versions it lists."),
    RuleInfo("WA3022", E, "registerWidget parent id mismatch", "registerWidget's `parentPluginId` is not the id of "
             "the plugin that adds the widget; the app refuses it (`ack: false`).",
             "Pass the id the parent plugin registered with."),
]}


def diag(code: str, message: str, file: str, range: Range = WHOLE_FILE, fix: QuickFix | None = None) -> Diagnostic:
    """A Web App 3 diagnostic whose severity comes from the code's RuleInfo."""
    return Diagnostic(code, RULES[code].severity, message, file, range, fix)
