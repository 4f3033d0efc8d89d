"""Documentation of the diagnostic codes the packaging engine emits (PKG0xx)."""

from __future__ import annotations

from workbench.core.diagnostics import RuleInfo, Severity

RULES = [
    RuleInfo("PKG010", Severity.ERROR, "Package too large for the host",
             "The zip is bigger than the host accepts (the message gives the host's limit).",
             "Leave out what the plugin does not need (.workbenchignore, no node_modules); the message names the "
             "largest files."),
    RuleInfo("PKG011", Severity.WARNING, "Package larger than older hosts accept",
             "The zip is bigger than an older release of the host documented (the message gives that limit).",
             "Fine on current hosts; trim it if the plugin must install on older releases."),
    RuleInfo("PKG012", Severity.ERROR, "Build outputs missing",
             "The package is made of build outputs (e.g. a war and jars) that do not exist.",
             "Run the command the message gives (e.g. `mvn package`), or export with --build."),
    RuleInfo("PKG013", Severity.ERROR, "Package names disagree",
             "Names inside the package do not agree with each other (e.g. a war name, its display-name, a type).",
             "Make the war's finalName, web.xml display-name and the provider type the same word."),
    RuleInfo("PKG014", Severity.WARNING, "Build outputs older than the sources",
             "A source file changed after the war/jar were built.",
             "Rebuild (`mvn package` or export with --build) so the package holds your latest code."),
    RuleInfo("PKG015", Severity.ERROR, "Build failed", "The project's Maven build did not succeed.",
             "Read the build output in the message, fix it and export again."),
    RuleInfo("PKG016", Severity.ERROR, "Base package unusable",
             "The branding zip to merge into cannot be read or holds no webapp2 content.",
             "Give the zip downloaded from the Management Node, unchanged."),
    RuleInfo("PKG020", Severity.ERROR, "Written zip does not match",
             "Reading the zip back gave other names, sizes, CRCs or sha256 than the sources.",
             "Check the disk (space, errors) and export again; nothing was replaced."),
    RuleInfo("PKG021", Severity.ERROR, "Package not recognised",
             "The unpacked package is not a project of its host (e.g. manifest not at the root).",
             "Check the ignore rules: a file the host needs was left out."),
    RuleInfo("PKG022", Severity.ERROR, "Package invalid as the host sees it",
             "Validating the unpacked package found an error the project does not have.",
             "Usually a file left out by an ignore rule; the message names the error."),
    RuleInfo("PKG023", Severity.ERROR, "Package content check failed",
             "A host-specific check of the package content failed (e.g. the war does not open).",
             "Rebuild the outputs; the message says which file."),
]
