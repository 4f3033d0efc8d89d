"""The webapp's names agree with each other and with their references (war, display-name, exo-conf dependency,
required modules); none of them has to equal the provider type."""

from __future__ import annotations

import posixpath
from collections import Counter

from workbench.core.diagnostics import Range, Severity
from workbench.targets.exo.connector import exo_conf_dependencies
from workbench.targets.exo.javascan import java_facts
from workbench.targets.exo.xmltree import XmlDocument, XmlElement

E, W = Severity.ERROR, Severity.WARNING
START = Range.at(1, 1, 1, 2)


def _element_range(doc: XmlDocument | None, el: XmlElement | None) -> Range:
    if el is not None:
        return el.text_or_name_range
    return doc.root.name_range if doc is not None and doc.root is not None else START


def check_webapp_names(ctx) -> None:
    """The war name (finalName), web.xml display-name and the exo-conf dependency name one webapp."""
    layout = ctx.layout
    pom_rel = layout.webapp_pom
    pom = ctx.doc(pom_rel)
    web_rel = layout.webapp_file("WEB-INF/web.xml")
    web = ctx.doc(web_rel)
    conf_rel = layout.webapp_file("META-INF/exo-conf/configuration.xml")
    conf = ctx.doc(conf_rel)
    build = pom.root.child("build") if pom is not None and pom.root is not None else None
    final = build.child("finalName") if build is not None else None
    display = web.root.child("display-name") if web is not None and web.root is not None else None
    deps = exo_conf_dependencies(conf)
    war = final.text if final is not None and final.text else None
    shown = display.text if display is not None and display.text else None
    dep_names = [d.text for d in deps]
    # The name most of them use is the webapp's; the one that differs is the mistake.
    votes = Counter(n for n in (war, shown) if n)
    votes.update(n for n in dep_names if n in (war, shown))
    agreed = votes.most_common(1)[0][0] if votes else None
    if war is not None and shown is not None and war != shown and votes[shown] > votes[war]:
        agreed = shown
    if pom is not None and pom.root is not None and war is None:
        artifact = pom.root.child_text("artifactId") or "the artifactId"
        name = shown or artifact
        ctx.add("EXO004", E, f"no <finalName>, so the war is named {artifact}-<version>.war: set "
                             f"<build><finalName>{name}</finalName></build> so the webapp has a stable name "
                             f"(/{name}/... URLs, display-name, exo-conf dependency)", pom_rel,
                _element_range(pom, build))
    elif war is not None and agreed is not None and war != agreed:
        ctx.add("EXO004", E, f"finalName {war!r} names the war {war}.war, but web.xml display-name and the exo-conf "
                             f"dependency name the webapp {agreed!r}: use one name", pom_rel, final.text_or_name_range)
    if web is None:
        ctx.add("EXO005", E, f"{web_rel} is missing: add it with <display-name>{agreed or war}</display-name>",
                layout.config_xml)
    elif agreed is not None and shown != agreed:
        what = f"is {shown!r}" if shown is not None else "is missing"
        ctx.add("EXO005", E, f"display-name {what}: set it to {agreed!r}, the name of the war ({agreed}.war) that eXo "
                             "gives the webapp", web_rel, _element_range(web, display))
    if conf is None:
        ctx.add("EXO006", E, f"{conf_rel} is missing: it must add {agreed!r} as a dependency of the webconferencing "
                             "portal container", layout.config_xml)
    elif agreed is not None and agreed not in dep_names:
        found = ", ".join(repr(n) for n in dep_names) or "none"
        ctx.add("EXO006", E, f"the exo-conf dependencies ({found}) do not include the webapp {agreed!r}: list it in "
                             "the `dependencies` field", conf_rel, _element_range(conf, deps[0] if deps else None))


def check_module_references(ctx, doc: XmlDocument, module: XmlElement) -> None:
    """Every `SHARED/webConferencing_*` module the webapp's Java requires is declared in gatein-resources.xml."""
    declared = {m.child_text("name") for m in doc.iter("module")}
    name = module.child("name")
    layout = ctx.layout
    java_root = posixpath.join(layout.webapp_module, "src/main/java") if layout.webapp_module else "src/main/java"
    for rel in ctx.files.walk_files(java_root):
        facts = java_facts(ctx.files, rel) if rel.endswith(".java") else None
        for s in facts.strings if facts else []:
            wanted = s.value[len("SHARED/"):] if s.value.startswith("SHARED/webConferencing_") else None
            if wanted and wanted not in declared:
                shown = name.text if name is not None else "(none)"
                ctx.add("EXO007", W, f"{rel}:{s.range.start.line} requires SHARED/{wanted} but gatein-resources.xml "
                                     f"declares the module {shown!r}: name one after the other",
                        layout.webapp_file("WEB-INF/gatein-resources.xml"),
                        name.text_or_name_range if name is not None else module.name_range)
