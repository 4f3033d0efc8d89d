"""The XCALLY Motion App Zone diagnostic codes and their documentation."""

from __future__ import annotations

from workbench.core.diagnostics import RuleInfo, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Decimal megabytes, the stricter reading of "50 MB": a package that passes here passes the upload. The export uses
# the same two numbers, so validation and export never disagree.
PACKAGE_LIMIT_BYTES = 50_000_000  # App Zone refuses larger uploads
OLD_PACKAGE_LIMIT_BYTES = 4_000_000  # the limit an older Motion release documented

RULES = [
    RuleInfo("XC001", E, "Manifest is not an object", "manifest.json does not hold a JSON object.",
             "Write the manifest as one JSON object with name, version, description, type and parameters."),
    RuleInfo("XC002", E, "Required field missing",
             "One of name, version, description, type or parameters is missing from manifest.json.",
             "Add the field: App Zone refuses a manifest without it."),
    RuleInfo("XC003", E, "Wrong value type", "A manifest field has the wrong JSON type (e.g. version as a number).",
             "Use the type the reference gives: strings for name, version, description, icon; objects for author "
             "and parameters."),
    RuleInfo("XC004", E, "Unknown plugin type", "`type` is neither `script` nor `html`.",
             "Set `type` to `script` (a Node.js app in the zip) or `html` (a URL or an html page)."),
    RuleInfo("XC005", E, "Unknown sidebar value", "`sidebar` is not always, adminOnly, agentOnly or never.",
             "Use one of the four values (default: always); the names are case-sensitive."),
    RuleInfo("XC006", E, "Script parameters incomplete",
             "A script plugin lacks `parameters.scriptName` or `parameters.scriptPath`, or one is not a string.",
             "Give the process name in scriptName and the launcher path inside the zip in scriptPath."),
    RuleInfo("XC007", E, "Script launcher not found", "`scriptPath` names no file of the package.",
             "Correct the path (relative to manifest.json) or add the launcher file."),
    RuleInfo("XC008", E, "Html views missing", "An html plugin lacks `parameters.views` with `admin` and/or "
             "`agent`, or a view is not a non-empty string.",
             "Add views.admin and/or views.agent, each a URL or the path of an html file in the zip."),
    RuleInfo("XC009", E, "View file not found", "A view names a local html file that the package does not hold.",
             "Correct the path (relative to manifest.json), add the file, or give a full https:// URL."),
    RuleInfo("XC010", W, "Version format", "`version` is not a semantic version such as 1.0.0.",
             "Use MAJOR.MINOR.PATCH, as the App Zone examples do."),
    RuleInfo("XC011", W, "Icon name form", "`icon` does not look like a Motion icon name (icon-...).",
             "Use a Motion icon name such as icon-apps."),
    RuleInfo("XC012", INFO, "Icon not confirmed", "`icon` is a Motion-style name other than icon-apps, the only "
             "one the documentation confirms.", "Check the icon in Motion's icon list, or use icon-apps."),
    RuleInfo("XC013", E, "Package too large", "Already-compressed files the export would include (images, archives, "
             "media) alone come to more than 50 MB: no zip of them can pass App Zone's limit.",
             "Remove or shrink large files, or leave them out with .workbenchignore."),
    RuleInfo("XC014", W, "Package above 4 MB", "The package is above the 4 MB an older Motion release accepted.",
             "Fine on current Motion (50 MB); keep it small if you target older servers."),
    RuleInfo("XC015", E, "package.json missing", "The script require()s or imports modules that are not Node "
             "built-ins, and the plugin has no package.json.",
             "Add a package.json listing them in dependencies (npm init -y, then npm install --save <module>)."),
    RuleInfo("XC016", W, "Dependency not declared",
             "The script requires a module that package.json does not list in dependencies.",
             "Add it with npm install --save <module>, or remove the require."),
    RuleInfo("XC017", W, "Relative module not found", "A relative require()/import names no file of the package.",
             "Correct the path or add the file: the script would fail at start."),
    RuleInfo("XC018", E, "JavaScript syntax error", "A file of the script plugin does not parse as JavaScript.",
             "Fix the code at the position given: Node.js would refuse to start the plugin."),
    RuleInfo("XC019", W, "Sidebar without its view", "`sidebar` shows the plugin on a side (agentOnly, adminOnly) "
             "that has no view.",
             "Add views.agent for agentOnly (views.admin for adminOnly), or change sidebar."),
    RuleInfo("XC020", W, "Insecure view URL", "A view is an http:// URL; Motion is served over HTTPS and the "
             "browser blocks mixed content.", "Use an https:// URL."),
    RuleInfo("XC021", W, "View is not an html file", "A local view path does not end in .html or .htm.",
             "Point the view at an html page in the zip."),
    RuleInfo("XC022", W, "Package may be too large", "The files the export would include come to more than 50 MB "
             "before compression; the zip may still pass.",
             "Export to measure the zip (it is refused above 50 MB), or leave large files out."),
]
