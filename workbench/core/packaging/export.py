"""The export driver: validate, plan (per target), write atomically, verify, re-validate as the host, report."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.config import ProjectConfig, load_config
from workbench.core.diagnostics import Diagnostic, Severity, sort_diagnostics
from workbench.core.files import ProjectFiles
from workbench.core.filescan import problem_diagnostic
from workbench.core.packaging.model import (
    FILE_LIMIT,
    Exclusion,
    ExportError,
    ExportOptions,
    ExportPlan,
    PlanEntry,
    Progress,
)
from workbench.core.packaging.report import PackageReport, human_size
from workbench.core.packaging.verify import verify_zip
from workbench.core.packaging.zipwriter import check_names, write_zip, zip_timestamp
from workbench.core.project import Project, Target
from workbench.core.safeio import FileProblem, check_path, read_regular
from workbench.core.validation import project_config, validate

EXPORTS_FOLDER = "workbench-exports"
SHM = "/dev/shm"


@dataclass
class ExportResult:
    """The outcome of one export: the zip (None when blocked), its report and every diagnostic met on the way."""

    path: Path | None
    report: PackageReport
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocked: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def notes(self) -> list[str]:
        return self.report.notes

    @property
    def branding_id(self) -> str | None:
        """The package identity the host's plan wrote (the plan's `brandingID` info; None when it writes none)."""
        return self.report.info.get("brandingID")


def build_plan(target: Target, project: Project, options: ExportOptions | dict | None = None) -> ExportPlan:
    """The target's plan for the project (what would go in the zip), without writing anything."""
    return target.export_plan(project, ProjectFiles(project.root), ExportOptions.of(options))


def default_output(project: Project, plan: ExportPlan) -> Path:
    """Where the zip goes when the user gives no path: <project>/workbench-exports/<name>.zip (never packaged),
    or the folder workbench.toml's [export] output names."""
    return project.root / (load_config(project.root).export.output or EXPORTS_FOLDER) / plan.default_name


def export_project(target: Target, project: Project, *, output: str | Path | None = None, force: bool = False,
                   options: ExportOptions | dict | None = None, progress: Progress | None = None) -> ExportResult:
    """Export the project as its host's upload-ready zip; see the package docstring for the contract."""
    opts = ExportOptions.of(options)
    report = PackageReport(target.name, project.kind, project.root)

    def tell(done: int, total: int, message: str) -> None:
        if progress:
            progress(done, total, message)

    tell(0, 0, "validating the project")
    source_diags = validate(target, project)
    report.diagnostics = list(source_diags)
    if any(d.severity is Severity.ERROR for d in source_diags) and not force:
        report.notes.append("export blocked by the errors below (fix them, or export anyway with --force)")
        return ExportResult(None, report, list(source_diags), blocked=True)

    tell(0, 0, "collecting the package content")
    plan = target.export_plan(project, ProjectFiles(project.root), opts)
    out = _output_path(project, plan, output)
    entries = _confine_sources(project, plan, _drop_output(plan, out))
    report.excluded, report.notes, report.info = plan.excluded, list(plan.notes), dict(plan.info)
    left_out = _left_out_unsafe(plan)
    known = {(d.code, d.file) for d in source_diags}
    diags = list(source_diags) + list(plan.diagnostics) + [d for d in left_out if (d.code, d.file) not in known]
    report.diagnostics = sort_diagnostics(diags)
    if any(d.severity is Severity.ERROR for d in plan.diagnostics + left_out):
        return ExportResult(None, report, report.diagnostics, blocked=True)

    entries = check_names(entries)
    total = 2 * len(entries) + 1
    date_time = zip_timestamp()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".workbench-tmp")
    except OSError as exc:
        raise ExportError(f"cannot write to {out.parent}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b") as f:
            records, zip_sha256 = write_zip(f, entries, date_time, tell, 0, total)
            f.flush()
            os.fsync(f.fileno())
        report.entries = records
        check_diags = _verify(target, plan, tmp, records, source_diags, tell, len(entries), total,
                              project_config(target, ProjectFiles(project.root)))
        report.zip_size = tmp.stat().st_size
        check_diags += _size_checks(plan, report)
        diags += check_diags
        report.diagnostics = sort_diagnostics(diags)
        hard = [d for d in check_diags if d.severity is Severity.ERROR and (d.code != "PKG022" or not force)]
        if hard:
            return ExportResult(None, report, report.diagnostics, blocked=True)
        report.zip_sha256 = zip_sha256
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    report.zip_path = out
    _write_back(project, plan, report)
    tell(total, total, f"written {out}")
    return ExportResult(out, report, report.diagnostics, blocked=False)


def _output_path(project: Project, plan: ExportPlan, output: str | Path | None) -> Path:
    out = Path(output).expanduser() if output else default_output(project, plan)
    if out.is_dir():
        out = out / plan.default_name
    if out.suffix.lower() != ".zip":
        raise ExportError(f"{out}: the package must be a .zip file")
    return out.absolute()


def _drop_output(plan: ExportPlan, out: Path) -> list[PlanEntry]:
    """The plan's entries minus the output zip itself, should it sit among the project files."""
    kept = []
    for e in plan.entries:
        if e.source is not None and e.source.absolute() == out:
            plan.excluded.append(Exclusion(e.origin or e.name, "the export itself", 0))
        else:
            kept.append(e)
    return kept


def _confine_sources(project: Project, plan: ExportPlan, entries: list[PlanEntry]) -> list[PlanEntry]:
    """The entries whose source file stays inside the project and out of its tool folders; the others are left out
    with their FS0xx code, whatever the target planned (a build output linked elsewhere is never shipped)."""
    kept = []
    for e in entries:
        problem = check_path(e.source, project.root, where="the project") if e.source is not None else None
        if problem is None:
            kept.append(e)
        else:
            plan.excluded.append(Exclusion(e.origin or e.name, problem.message, 0, code=problem.code))
    return kept


def _left_out_unsafe(plan: ExportPlan) -> list[Diagnostic]:
    """A diagnostic for every file left out as unsafe (special file, link out of the package or into a tool
    folder, link loop); an unusable package folder (FS006) is an error that blocks the export."""
    return [problem_diagnostic(FileProblem(x.code, x.rule), x.path.rstrip("/")) for x in plan.excluded if x.code]


def _verify(target: Target, plan: ExportPlan, zip_path: Path, records, source_diags, tell, done: int,
            total: int, config: ProjectConfig | None = None) -> list[Diagnostic]:
    """Reopen the zip and check every entry; then check the unpacked package as the host will see it."""
    needs_unpack = plan.revalidate or plan.verify is not None
    scratch = _scratch_dir(sum(r.size for r in records)) if needs_unpack else None
    with tempfile.TemporaryDirectory(prefix="workbench-verify-", dir=scratch) as tmp, \
            open(zip_path, "rb") as stream:
        unpacked = Path(tmp) / "package"
        problems = verify_zip(stream, records, unpacked if needs_unpack else None, tell, done, total)
        if problems or not needs_unpack:
            return problems
        tell(total - 1, total, "validating the package as the host will see it")
        if plan.revalidate:
            problems += _revalidate(target, unpacked, source_diags, config)
        if plan.verify is not None:
            problems += plan.verify(unpacked)
    return problems


def _scratch_dir(size: int) -> str | None:
    """Memory-backed /dev/shm for the unpacked copy when it has room (creating many small files on a disk costs
    more than the whole compression), else the system's temporary folder."""
    try:
        if os.access(SHM, os.W_OK) and shutil.disk_usage(SHM).free > 2 * size + (64 << 20):
            return SHM
    except OSError:
        pass
    return None


def _revalidate(target: Target, unpacked: Path, source_diags: list[Diagnostic],
                config: ProjectConfig | None = None) -> list[Diagnostic]:
    """Errors the host would see in the unpacked package that the project did not show (under its own
    workbench.toml, which the package does not carry)."""
    project = target.detect(unpacked)
    if project is None:
        looked = "; ".join(target.looked_for())
        return [Diagnostic("PKG021", Severity.ERROR,
                           f"the package is not recognised as a {target.title} project once unpacked "
                           f"(looked for: {looked})", "")]
    known = {(d.code, os.path.basename(d.file), d.message) for d in source_diags}
    found = []
    for d in validate(target, project, config=config):
        if d.severity is Severity.ERROR and (d.code, os.path.basename(d.file), d.message) not in known:
            found.append(Diagnostic("PKG022", Severity.ERROR,
                                    f"in the package as the host will see it: {d.code} {d.message}", d.file, d.range))
    return found


def _size_checks(plan: ExportPlan, report: PackageReport) -> list[Diagnostic]:
    size = report.zip_size
    if plan.size_limit is not None and size > plan.size_limit:
        largest = sorted(report.entries, key=lambda e: (-e.compressed_size, e.name))[:5]
        names = ", ".join(f"{e.name} ({human_size(e.compressed_size)})" for e in largest)
        return [Diagnostic("PKG010", Severity.ERROR,
                           f"the package is {human_size(size)}, above the host's limit of "
                           f"{human_size(plan.size_limit)}; largest files in the zip: {names}", "")]
    if plan.size_warning is not None and size > plan.size_warning:
        return [Diagnostic("PKG011", Severity.WARNING,
                           f"the package is {human_size(size)}: above {human_size(plan.size_warning)}, the limit "
                           "older host releases documented", "")]
    return []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_back(project: Project, plan: ExportPlan, report: PackageReport) -> None:
    """Update project files the user asked to keep in step with the package (atomically, each one)."""
    for rel, data in sorted(plan.write_back.items()):
        path = project.root / rel
        try:
            if path.is_file() and read_regular(path, FILE_LIMIT) == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".workbench-tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                mode = path.stat().st_mode & 0o777 if path.exists() else 0o644 & ~_umask()
                os.chmod(tmp, mode)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError as exc:
            raise ExportError(f"the zip was written, but {rel} could not be updated: {exc.strerror or exc}") from exc
        report.notes.append(f"updated {rel} to match the package")
