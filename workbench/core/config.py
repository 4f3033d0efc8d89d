"""`workbench.toml` at the project root: rule severities, rules turned off, suppressions, scenarios, network, export.

```toml
[rules]
off = ["PEX030"]                         # rules turned off
severity = { PEX031 = "error" }          # error | warning | info

[scenarios]
folder = "tests/scenarios"               # default: scenarios

[network]
allow_hosts = ["api.example.com"]        # hosts scenarios and the preview may reach

[export]
output = "dist"                          # folder of the zip (default: workbench-exports)
exclude = ["docs/", "*.md"]              # more to leave out (gitignore patterns)
include = ["vendor/*.min.js"]            # put back what a default rule leaves out

[[suppress]]                             # one finding in a file that cannot carry a comment (JSON)
file = "webapp2/plugins/rec/rec.plugin.package.json"
code = "PEX012"
line = 4                                 # optional: every line of the file without it
reason = "kept for older clients"        # optional
```

Plain dataclasses (no pydantic: `workbench validate` must start fast). A bad value never stops anything: it is a
WB002 diagnostic at its file:line:column, and the setting keeps its default. The reader (config_reader) is
loaded only for projects that have the file.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.diagnostics import Diagnostic, Position, Severity
from workbench.core.paths import PROJECT_CONFIG

CONFIG_FILE = PROJECT_CONFIG
CONFIG_ERROR = "WB002"
DEFAULT_SCENARIO_FOLDER = "scenarios"


@dataclass(frozen=True)
class ConfigSuppression:
    """A [[suppress]] entry: findings of `code` in `file` (on `line`, or anywhere in it) are not reported."""

    file: str
    code: str
    line: int | None
    reason: str
    at: Position  # of the entry in workbench.toml


@dataclass(frozen=True)
class ExportSettings:
    output: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectConfig:
    """The project's workbench.toml, checked; `problems` are its WB002 diagnostics."""

    off: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    scenario_folder: str = DEFAULT_SCENARIO_FOLDER
    allow_hosts: tuple[str, ...] = ()
    export: ExportSettings = ExportSettings()
    suppress: tuple[ConfigSuppression, ...] = ()
    problems: tuple[Diagnostic, ...] = ()


EMPTY = ProjectConfig()


def load_config(root: str | Path, known_codes: Collection[str] | None = None) -> ProjectConfig:
    """The workbench.toml of a project folder (the defaults when there is none or it cannot be read)."""
    path = Path(root) / CONFIG_FILE
    try:
        if not path.is_file():
            return EMPTY
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ProjectConfig(problems=(Diagnostic(CONFIG_ERROR, Severity.ERROR,
                                                  f"cannot read workbench.toml: {exc}", CONFIG_FILE),))
    from workbench.core.config_reader import parse_config

    return parse_config(text, known_codes)


def export_ignore_rules(root: str | Path) -> list[tuple[str, str]]:
    """(gitignore pattern, why) the export adds for workbench.toml: exclude, include (as negations), output."""
    export = load_config(root).export
    rules = [(p, "workbench.toml [export] exclude") for p in export.exclude]
    rules += [(p if p.startswith("!") else "!" + p, "workbench.toml [export] include") for p in export.include]
    if export.output:
        rules.append(("/" + export.output.strip("/") + "/", "earlier exports (workbench.toml [export] output)"))
    return rules


def scenario_folder(root: str | Path) -> Path:
    """The project's scenario folder (workbench.toml [scenarios] folder, default scenarios/)."""
    return Path(root) / load_config(root).scenario_folder
