"""The eXo Web Conferencing connector diagnostic codes and their documentation."""

from __future__ import annotations

from workbench.core.diagnostics import RuleInfo, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES = [
    RuleInfo("EXO001", E, "XML syntax error", "One of the connector's XML files (provider configuration, web.xml, "
             "gatein-resources.xml, exo-conf, poms) is not well-formed.",
             "Fix the markup at the position given: eXo refuses to start with a broken configuration."),
    RuleInfo("EXO002", E, "Provider type form", "The provider type is not one word of letters, digits and _ "
             "([A-Za-z][A-Za-z0-9_]*): it names CometD channels, call ids and IM account types.",
             "Use one word such as `myconnector`."),
    RuleInfo("EXO004", E, "War name", "The webapp pom has no `finalName` (the war would be named "
             "artifactId-version.war), or its finalName differs from the name web.xml and the exo-conf dependency give "
             "the webapp.", "Set <build><finalName>NAME</finalName></build> to the webapp's name."),
    RuleInfo("EXO005", E, "display-name differs from the war", "WEB-INF/web.xml `display-name` is not the war's "
             "name (eXo names the webapp by it). It need not equal the provider type.",
             "Set <display-name>NAME</display-name> to the war's name."),
    RuleInfo("EXO006", E, "exo-conf dependency missing", "META-INF/exo-conf/configuration.xml does not add the "
             "webapp (by its war name) as a dependency of the `webconferencing` portal container.",
             "List the webapp's name in the `dependencies` field of the AddDependenciesAfter change."),
    RuleInfo("EXO007", W, "Required module not declared", "The webapp's Java (the portlet) requires a "
             "SHARED/webConferencing_* module that gatein-resources.xml does not declare, so the connector's module "
             "never loads.", "Name the module in gatein-resources.xml and the require alike."),
    RuleInfo("EXO008", E, "JS getType() differs", "The JS module's getType() returns another string than the "
             "provider class.", "Return the provider type from getType() in the JS module."),
    RuleInfo("EXO009", E, "provider-configuration missing", "The add.callprovider plugin has no properties-param "
             "named provider-configuration (the provider fails to start without it).",
             "Add <properties-param><name>provider-configuration</name> with at least `active`."),
    RuleInfo("EXO010", E, "Provider member not own", "The JS provider object lacks an own property "
             "getSupportedTypes, getTitle or callButton (prototype members do not count: addProvider checks "
             "own properties).", "Assign it in the constructor: this.callButton = function(context) {...}."),
    RuleInfo("EXO011", E, "Resource file missing", "gatein-resources.xml (or the JS module / skin it names) is "
             "missing, or it declares no script module.", "Add the file or correct the path (relative to the "
             "webapp root src/main/webapp)."),
    RuleInfo("EXO012", E, "Page file missing", "The call page (or another /WEB-INF page the webapp's Java "
             "code forwards to) does not exist.", "Add the page under src/main/webapp or correct the path."),
    RuleInfo("EXO013", E, "Provider class not found", "The class named in the add.callprovider <type> has no "
             "source file under a module's src/main/java.", "Correct the class name or add the class."),
    RuleInfo("EXO014", W, "Provider class shape", "The provider class does not extend CallProvider, or its "
             "getType() does not return a string the workbench can read.",
             "Extend org.exoplatform.webconferencing.CallProvider and return the type (a literal or a constant)."),
    RuleInfo("EXO015", E, "JavaScript syntax error", "The connector's JS module does not parse.",
             "Fix the code at the position given: the module would not load on any page."),
    RuleInfo("EXO016", W, "`active` is not a boolean", "The provider-configuration `active` value is not true "
             "or false (after ${...:default} resolution).", "Set it to true or false."),
    RuleInfo("EXO017", E, "Provider plugin incomplete", "The add.callprovider plugin lacks <type> or its "
             "set-method is not addPlugin.", "Declare <set-method>addPlugin</set-method> and "
             "<type>your.package.YourProvider</type>."),
    RuleInfo("EXO018", E, "Provider configuration not imported", "WEB-INF/conf/configuration.xml does not "
             "import war:/conf/<folder>/configuration.xml, so eXo never reads the provider configuration.",
             "Add <import>war:/conf/FOLDER/configuration.xml</import> (FOLDER: where the provider configuration is)."),
    RuleInfo("EXO019", W, "Module not in the root pom", "The root pom.xml does not list the webapp (or "
             "services) module, so `mvn package` does not build it.", "Add it under <modules>."),
    RuleInfo("EXO020", INFO, "JS getType() not readable", "The JS module's provider has no getType() returning "
             "a string literal (or a variable bound to one), so it cannot be compared with the type.",
             "Return the type as a literal or through a `var TYPE = \"...\"` constant."),
    RuleInfo("EXO021", INFO, "Provider type not lowercase", "The provider type has upper-case letters: the Web "
             "Conferencing guide asks for one lowercase word, though eXo takes it as it is (e.g. externalVisio).",
             "Prefer one lowercase word for a new connector; keep a published type as it is."),
]
