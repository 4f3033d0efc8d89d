"""The connector's own Maven build as a BuildSpec: `mvn -o -q package` in the project, the packaging zip as output."""

from __future__ import annotations

import shutil

from workbench.core.build import BuildSpec
from workbench.core.project import Project

COMMAND = ("mvn", "-o", "-q", "package")
# javac through Maven: "[ERROR] /abs/path/File.java:[12,5] cannot find symbol" (and [WARNING] alike)
JAVAC_LINE = (r"^\[(?P<severity>ERROR|WARNING)\]\s+(?P<file>(?:[A-Za-z]:)?[^\[\]:]+\.java):\[(?P<line>\d+),"
              r"(?P<col>\d+)\]\s*(?P<message>.+)$")
# a file Maven itself complains about: "[ERROR] Malformed POM /abs/pom.xml: ... @ line 12, column 5"
POM_LINE = (r"^\[(?P<severity>ERROR|WARNING)\]\s+(?P<message>.*?(?P<file>(?:[A-Za-z]:)?[^\s:]+\.xml).*?)"
            r"\s@ line (?P<line>\d+), column (?P<col>\d+).*$")


def connector_type(project: Project) -> str:
    """The provider type, as the export names the package; 'connector' when it cannot be read."""
    try:
        from workbench.targets.exo.connector import read_connector
        return read_connector(project).type or "connector"
    except Exception:  # the build spec must not fail on a half-written project: the build will say what is wrong
        return "connector"


def build_spec(project: Project) -> BuildSpec:
    """How a connector builds: Maven, offline and quiet, in the project folder."""
    type_ = connector_type(project)
    missing = None
    if shutil.which("mvn") is None:
        missing = (f"Maven (mvn) is not installed: install Maven 3 and a JDK, then build again (`{' '.join(COMMAND)}` "
                   f"in {project.root})")
    return BuildSpec(
        title=" ".join(COMMAND),
        command=COMMAND,
        cwd=project.root,
        outputs=(f"packaging/target/web-conferencing-{type_}.zip",),
        missing=missing,
        problem_patterns=(JAVAC_LINE, POM_LINE),
    )
