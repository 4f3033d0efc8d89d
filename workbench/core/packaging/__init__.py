"""Packaging: upload-ready, reproducible, verified zips (`export_project`) and safe unpacking (`import_package`).

Qt-free; used by `workbench export` / `workbench import` and by the window's Export dialog.

Export
------
``export_project(target, project, *, output=None, force=False, options=None, progress=None) -> ExportResult``

- ``target``: a Target, ``project``: the opened Project (see ``workbench.targets.open_project``).
- ``output``: the zip path or a folder; default ``<project>/workbench-exports/<name>.zip`` (never packaged itself).
- ``force``: write even when validation finds errors (plan errors such as a missing build or a package above the
  host's size limit still block).
- ``options``: an ``ExportOptions`` or a dict of its fields (``include_node_modules``, ``merge_into``,
  ``write_branding_id``, ``build``); each host reads those it lists in ``Target.EXPORT_OPTIONS``.
- ``progress``: optional ``callable(done, total, message)``; ``total`` is 0 while it is not known yet. It is called
  from the calling thread; run the export in a worker thread to keep a window responsive.

The steps: validation gate (errors block unless ``force``) -> the target's plan
(``target.export_plan(project, files, options) -> ExportPlan``) ->
entries sorted, fixed timestamps (1980-01-01, or ``SOURCE_DATE_EPOCH``), mode 0644, deflate level 6, so the
same content gives the same bytes -> written to a temporary file beside the output -> reopened, every entry's
name, size, CRC and sha256 checked against the sources -> unpacked and validated again as the host will see it ->
size limits -> ``os.replace`` onto the output (never half-written).

``ExportResult``: ``path`` (None when blocked), ``blocked``, ``diagnostics`` (validation, plan and verification),
``errors`` / ``warnings``, ``notes`` (what the user should read), ``branding_id`` (when the host's plan writes one) and ``report``
(``PackageReport``: entries with sizes and sha256, exclusions with the rule that excluded each, zip sha256,
``tree_lines()``, ``exclusion_lines()``, ``to_json()``).

``build_plan(target, project, options)`` gives the plan alone (what would be packaged) without writing.

Errors: ``ExportError`` (bad option, unreadable file, IO failure) with a message meant for the user.

Import
------
``import_package(zip_path, dest, layouts, *, target=None, limits=None) -> ImportResult``

Unpacks a host's package zip into ``dest`` (new or empty), laid out as the host that recognises it most surely says
(``layouts``: ``HostLayout`` per host, from ``registry.import_layouts()``; ``target``: only that host's). A host may
complete the project with files its packages lack (``ImportResult.created``). Refuses, with ``ImportRefused``
(``.reason``: 'usage', 'hostile', 'corrupt', 'unsupported') and without writing anything: zip-slip and absolute
paths, symbolic links, zip bombs (``ZipLimits``: entries, total size, per-entry ratio, size of the zip itself),
encrypted, truncated or corrupt zips, a "zip" that is not a regular file (a FIFO, /dev/zero), and a non-empty
``dest``. Entries inside version-control and tool folders (.git, .hg, .svn, .workbench, .vscode, .idea...) are
never written: they are left out with a note (``ImportResult.notes``), as they could run commands (git hooks,
core.fsmonitor) or pre-approve network hosts for the window; a zip holding nothing else is refused.

Files and links
---------------
Every file is read through ``workbench.core.safeio``: special files are never read, links must stay inside the
package folder and out of tool folders, loops are reported. What is left out that way is an ``Exclusion`` with its
FS0xx ``code``, reported as a diagnostic; a package folder that is itself a link out of the project (FS006) blocks
the export, even with ``force``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.core.packaging.export import ExportResult, build_plan, default_output, export_project
    from workbench.core.packaging.importer import import_package
    from workbench.core.packaging.model import (
                                                EntryRecord,
                                                Exclusion,
                                                ExportError,
                                                ExportOptions,
                                                ExportPlan,
                                                ImportRefused,
                                                ImportResult,
                                                PlanEntry,
    )
    from workbench.core.packaging.report import PackageReport, human_size
    from workbench.core.packaging.rules import RULES
    from workbench.core.packaging.safezip import SafeZip, ZipLimits

# Public name -> the module defining it. Loaded on first use, so that validation, which needs only the ignore
# rules (packaging.ignore), does not pay for the zip writer, the verifier and the importer at start.
_HOME = {
    "ExportResult": "export", "build_plan": "export", "default_output": "export", "export_project": "export",
    "import_package": "importer",
    "EntryRecord": "model", "Exclusion": "model", "ExportError": "model", "ExportOptions": "model",
    "ExportPlan": "model", "ImportRefused": "model", "ImportResult": "model", "PlanEntry": "model",
    "PackageReport": "report", "human_size": "report", "RULES": "rules", "SafeZip": "safezip", "ZipLimits": "safezip",
}

__all__ = [
    "EntryRecord", "Exclusion", "ExportError", "ExportOptions", "ExportPlan", "ExportResult", "ImportRefused",
    "ImportResult", "PackageReport", "PlanEntry", "RULES", "SafeZip", "ZipLimits", "build_plan", "default_output",
    "export_project", "human_size", "import_package",
]


def __getattr__(name: str):
    """The public names, each imported from its module on first use."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
