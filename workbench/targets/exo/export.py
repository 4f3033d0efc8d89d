"""eXo export plan: web-conferencing-<type>.zip holding webapps/<type>.war and lib/*.jar, taken from the
project's Maven build (run here when asked and Maven is installed), with the names checked against each other."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from workbench.core.diagnostics import Diagnostic, Severity
from workbench.core.files import ProjectFiles
from workbench.core.packaging.model import FILE_LIMIT, ExportOptions, ExportPlan, ImportRefused, PlanEntry
from workbench.core.packaging.safezip import SafeZip
from workbench.core.project import Project
from workbench.core.safeio import read_regular

BUILD_TIMEOUT = 1800
SKIPPED_JARS = ("-sources.jar", "-javadoc.jar", "-tests.jar")


def _error(code: str, message: str, file: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, file)


def _connector(project: Project, files: ProjectFiles) -> tuple[str | None, str, str | None]:
    """(type, webapp module folder, services artifactId) of the connector."""
    try:
        from workbench.targets.exo.connector import read_connector
        info = read_connector(project, files)
        return info.type, info.webapp_module or "webapp", info.services_artifact
    except Exception:  # the reader is best effort here: a missing type is reported below
        conf = sorted(project.root.glob("*/src/main/webapp/WEB-INF/conf/*/configuration.xml"))
        return (conf[0].parent.name if conf else None), "webapp", None


def build_plan(project: Project, files: ProjectFiles, options: ExportOptions) -> ExportPlan:
    """The connector package from the build outputs that exist (after running the build when asked)."""
    type_, webapp, artifact = _connector(project, files)
    plan = ExportPlan([], default_name=f"web-conferencing-{type_ or 'connector'}.zip", revalidate=False)
    if not type_:
        plan.diagnostics.append(_error("PKG013", "cannot tell the connector type: no WEB-INF/conf/<type>/"
                                       "configuration.xml with an add.callprovider plugin was found"))
        return plan
    plan.info.update({"type": type_, "war": f"webapps/{type_}.war"})
    if options.build and not _build(project, options, plan):
        return plan
    root = project.root
    packaged = sorted((root / "packaging" / "target").glob("*.zip"))
    wars = sorted((root / webapp / "target").glob("*.war"))
    jars = sorted(p for p in (root / "services" / "target").glob("*.jar")
                  if not p.name.endswith(SKIPPED_JARS) and not p.name.startswith("original-"))
    assembly = next((p for p in packaged if p.name == f"web-conferencing-{type_}.zip"), packaged[0] if packaged else None)
    if assembly and (not wars or assembly.stat().st_mtime >= max(w.stat().st_mtime for w in wars)):
        _from_assembly(project, assembly, type_, plan)
    elif wars and jars:
        _from_modules(project, wars, jars, type_, webapp, plan)
    else:
        missing = ([f"{webapp}/target/{type_}.war"] if not wars else []) + (["services/target/*.jar"] if not jars else [])
        maven = "Maven is installed here" if shutil.which("mvn") else "Maven (mvn) is not installed here"
        plan.diagnostics.append(_error(
            "PKG012", f"no build outputs to package ({', '.join(missing)} not found): run `mvn package` in {root} "
            f"(or `workbench export --build {root}`; {maven}), then export again"))
        return plan
    if artifact and plan.entries and not any(e.name.startswith(f"lib/{artifact}") for e in plan.entries):
        plan.diagnostics.append(Diagnostic("PKG013", Severity.WARNING,
                                           f"no lib/{artifact}*.jar in the package: the services module's jar "
                                           "should be there", ""))
    _check_war(plan, type_)
    _stale_warning(project, plan)
    plan.verify = lambda unpacked: verify_unpacked(unpacked, type_)
    return plan


def _build(project: Project, options: ExportOptions, plan: ExportPlan) -> bool:
    mvn = shutil.which("mvn")
    command = " ".join(["mvn", *options.maven_args])
    if mvn is None:
        plan.diagnostics.append(_error("PKG015", f"Maven (mvn) is not installed: install it and run `{command}` in "
                                       f"{project.root}, or export the outputs that exist without --build"))
        return False
    try:
        done = subprocess.run([mvn, *options.maven_args], cwd=project.root, capture_output=True, text=True,
                              timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        plan.diagnostics.append(_error("PKG015", f"`{command}` did not finish within {BUILD_TIMEOUT} s"))
        return False
    except OSError as exc:
        plan.diagnostics.append(_error("PKG015", f"cannot run `{command}`: {exc}"))
        return False
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        plan.diagnostics.append(_error("PKG015", f"`{command}` failed (exit {done.returncode}); last lines:\n{tail}"))
        return False
    plan.notes.append(f"built with `{command}`")
    return True


def _from_modules(project: Project, wars: list[Path], jars: list[Path], type_: str, webapp: str,
                  plan: ExportPlan) -> None:
    war = next((w for w in wars if w.stem == type_), None)
    if war is None:
        names = ", ".join(w.name for w in wars)
        plan.diagnostics.append(_error("PKG013", f"{webapp}/target holds {names} but the war must be named "
                                       f"{type_}.war, as the connector type (set <finalName>{type_}</finalName> in "
                                       f"{webapp}/pom.xml)", f"{webapp}/pom.xml"))
        return
    rel = war.relative_to(project.root).as_posix()
    plan.entries.append(PlanEntry(f"webapps/{type_}.war", source=war, origin=rel))
    for jar in jars:
        plan.entries.append(PlanEntry(f"lib/{jar.name}", source=jar, origin=jar.relative_to(project.root).as_posix()))
    plan.notes.append(f"packaged the module outputs {rel} and {len(jars)} jar(s) from services/target")


def _from_assembly(project: Project, assembly: Path, type_: str, plan: ExportPlan) -> None:
    rel = assembly.relative_to(project.root).as_posix()
    try:
        with SafeZip(assembly, label=rel) as zf:
            names = zf.names()
            tops = {n.split("/", 1)[0] for n in names}
            strip = ""
            if len(tops) == 1 and all("/" in n for n in names) and tops != {"webapps"} and tops != {"lib"}:
                strip = tops.pop() + "/"
                plan.notes.append(f"{rel} has a base folder {strip}: the package is laid out without it, as eXo "
                                  "expects")
            for name in names:
                inner = name[len(strip):]
                if inner.startswith("webapps/") and inner.endswith(".war") or \
                        inner.startswith("lib/") and inner.endswith(".jar"):
                    plan.entries.append(PlanEntry(inner, data=zf.read(name), origin=f"{rel}:{name}"))
                else:
                    plan.notes.append(f"left out {name} of {rel}: not a webapps/*.war or lib/*.jar")
    except ImportRefused as exc:
        plan.diagnostics.append(_error("PKG023", f"cannot read the assembly {rel}: {exc}", rel))
        return
    wars = [e.name for e in plan.entries if e.name.startswith("webapps/")]
    if wars != [f"webapps/{type_}.war"]:
        plan.diagnostics.append(_error("PKG013", f"{rel} holds {wars or 'no war'}; it must hold exactly "
                                       f"webapps/{type_}.war (the war is named after the connector type)", rel))
    plan.default_name = f"web-conferencing-{type_}.zip"
    plan.notes.append(f"packaged the assembly {rel}")


def _war_bytes(entry: PlanEntry) -> bytes:
    return entry.data if entry.data is not None else read_regular(entry.source, FILE_LIMIT)


def war_problems(data: bytes, type_: str, label: str) -> list[Diagnostic]:
    """What is wrong with a war as eXo will deploy it: unreadable, no web.xml, display-name other than type."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as war:
            names = set(war.namelist())
            web_xml = war.read("WEB-INF/web.xml") if "WEB-INF/web.xml" in names else None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return [_error("PKG023", f"{label} is not a readable war ({exc})", label)]
    if web_xml is None:
        return [_error("PKG023", f"{label} has no WEB-INF/web.xml", label)]
    problems = []
    try:
        tree = ElementTree.fromstring(web_xml)
        shown = next((el.text or "").strip() for el in tree.iter() if el.tag.rsplit("}", 1)[-1] == "display-name")
    except (ElementTree.ParseError, StopIteration):
        shown = None
    if shown != type_:
        problems.append(_error("PKG013", f"{label}: WEB-INF/web.xml display-name is {shown!r}, it must be "
                               f"{type_!r} (the war name and connector type)", label))
    if f"WEB-INF/conf/{type_}/configuration.xml" not in names:
        problems.append(Diagnostic("PKG013", Severity.WARNING,
                                   f"{label} has no WEB-INF/conf/{type_}/configuration.xml: the provider plugin "
                                   "will not be registered", label))
    return problems


def _check_war(plan: ExportPlan, type_: str) -> None:
    for entry in plan.entries:
        if entry.name.startswith("webapps/"):
            plan.diagnostics += war_problems(_war_bytes(entry), type_, entry.origin)


def _stale_warning(project: Project, plan: ExportPlan) -> None:
    outputs = [e.source for e in plan.entries if e.source is not None]
    if not outputs:
        return
    built = min(p.stat().st_mtime for p in outputs)
    sources = [p for p in project.root.glob("*/src/**/*") if p.is_file()] + list(project.root.glob("**/pom.xml"))
    newer = sorted((p for p in sources if p.stat().st_mtime > built), key=lambda p: -p.stat().st_mtime)
    if newer:
        rel = newer[0].relative_to(project.root).as_posix()
        plan.diagnostics.append(Diagnostic("PKG014", Severity.WARNING,
                                           f"{rel} (and {len(newer) - 1} other file(s)) changed after the build: "
                                           "run `mvn package` or export with --build to package your latest code",
                                           rel))


def verify_unpacked(root: Path, type_: str) -> list[Diagnostic]:
    """The package as eXo sees it once extracted: webapps/<type>.war and lib/*.jar at the root, nothing else."""
    problems = []
    top = sorted(p.name for p in root.iterdir())
    if not set(top) <= {"webapps", "lib"}:
        problems.append(_error("PKG023", f"unexpected items at the package root: {top}"))
    war = root / "webapps" / f"{type_}.war"
    if not war.is_file():
        return problems + [_error("PKG023", f"webapps/{type_}.war is missing from the package")]
    problems += [d for d in war_problems(war.read_bytes(), type_, f"webapps/{type_}.war")
                 if d.severity is Severity.ERROR]
    jars = sorted((root / "lib").glob("*.jar")) if (root / "lib").is_dir() else []
    if not jars:
        problems.append(_error("PKG023", "no lib/*.jar in the package: the provider classes are missing"))
    for jar in jars:
        if not zipfile.is_zipfile(jar):
            problems.append(_error("PKG023", f"lib/{jar.name} is not a readable jar"))
    return problems
