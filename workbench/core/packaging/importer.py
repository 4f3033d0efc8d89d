"""`import_package`: unpack a Pexip branding zip or an XCALLY plugin zip into a new project folder, safely."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.packaging.digest import content_digits
from workbench.core.packaging.model import ImportRefused, ImportResult
from workbench.core.packaging.safezip import SafeZip, ZipLimits
from workbench.core.safeio import tool_part

JUNK_PREFIXES = ("__MACOSX/",)
JUNK_NAMES = (".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class Layout:
    """How a zip maps onto a project folder."""

    target: str  # 'pexip' | 'xcally'
    strip: str  # prefix removed from every entry name ('' or 'top/')
    add: str  # prefix added in the project ('webapp2/' for bare Pexip content, else '')
    description: str


def _json_object(zf: SafeZip, name: str) -> dict | None:
    try:
        value = json.loads(zf.read(name).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deeply
        return None
    return value if isinstance(value, dict) else None


def _single_top(names: list[str]) -> str | None:
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n for n in names):
        return tops.pop() + "/"
    return None


def detect_layout(zf: SafeZip, names: list[str], want: str | None = None) -> Layout:
    """Recognise the package: Pexip (webapp2/ at the root or one folder down, or bare) or XCALLY (manifest)."""
    top = _single_top(names)
    if want in (None, "pexip"):
        if any(n.startswith("webapp2/") for n in names):
            return Layout("pexip", "", "", "Pexip branding package (webapp2/ at the root)")
        if top and any(n.startswith(top + "webapp2/") for n in names):
            return Layout("pexip", top, "", f"Pexip branding package (webapp2/ inside {top})")
    for prefix in ("", top) if top else ("",):
        manifest = prefix + "manifest.json"
        value = _json_object(zf, manifest) if manifest in zf.files else None
        where = f"under {prefix}" if prefix else "at the root"
        if want in (None, "xcally") and value is not None and "type" in value and "brandingID" not in value:
            return Layout("xcally", prefix, "", f"XCALLY plugin (manifest.json {where})")
        bare_pexip = (value is not None and "brandingID" in value) or prefix + "settings.json" in zf.files \
            or any(n.startswith(prefix + "plugins/") for n in names)
        if want in (None, "pexip") and bare_pexip:
            return Layout("pexip", prefix, "webapp2/", f"Pexip branding content without webapp2/ ({where})")
    if want == "pexip":
        return Layout("pexip", top or "", "webapp2/", "Pexip branding content (as asked)")
    found = ", ".join(names[:6]) + (" ..." if len(names) > 6 else "")
    raise ImportRefused(f"{zf.label}: neither a Pexip branding package (webapp2/ folder, or manifest.json with a "
                        "brandingID, settings.json, plugins/) nor an XCALLY plugin (manifest.json with a type, at "
                        f"the root or under a single top folder); it holds: {found}", "unsupported")


def _check_dest(dest: Path) -> None:
    if dest.is_symlink():
        raise ImportRefused(f"{dest}: is a symbolic link; import into a new or empty folder", "usage")
    if dest.exists():
        if not dest.is_dir():
            raise ImportRefused(f"{dest}: exists and is not a folder", "usage")
        if any(dest.iterdir()):
            raise ImportRefused(f"{dest}: the folder is not empty; import into a new or empty folder", "usage")


# A host's own recognition of its zips: (host name, function(names, read) -> {strip, add, description} | None).
HostLayout = tuple[str, Callable[[list[str], Callable[[str], bytes]], dict | None]]


def _host_layout(zf: SafeZip, names: list[str], want: str | None, layouts: Sequence[HostLayout]) -> Layout | None:
    """The first host (of those the caller passes, e.g. from the registry) that recognises the zip."""
    for name, recognise in layouts:
        if want in (None, name):
            found = recognise(names, zf.read)
            if found:
                return Layout(name, str(found.get("strip", "")), str(found.get("add", "")),
                              str(found.get("description", name)))
    return None


def import_package(zip_path: str | Path, dest: str | Path, *, target: str | None = None,
                   limits: ZipLimits | None = None, layouts: Sequence[HostLayout] = ()) -> ImportResult:
    """Unpack the package into dest (new or empty). Everything is checked first and unpacked into a temporary
    folder beside dest that is renamed at the end, so a refused or failed import leaves nothing behind. `layouts`
    lets hosts recognise their own zips first."""
    dest = Path(dest).expanduser().absolute()
    _check_dest(dest)
    with SafeZip(Path(zip_path), limits) as zf:
        tools = {n: tool_part(n.split("/")) for n in zf.names()}
        names = [n for n in zf.names() if not tools[n]
                 and not n.startswith(JUNK_PREFIXES) and n.rsplit("/", 1)[-1] not in JUNK_NAMES]
        if not names:
            raise ImportRefused(f"{zf.label}: the zip holds only OS junk files and tool folders", "unsupported")
        layout = _host_layout(zf, names, target, layouts) or detect_layout(zf, names, target)
        mapping = {n: layout.add + n[len(layout.strip):] for n in names if n.startswith(layout.strip)}
        created_parents = _make_parents(dest.parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.import-", dir=dest.parent))
        try:
            for name, rel in sorted(mapping.items()):
                target_path = staging / rel
                target_path.parent.mkdir(parents=True, exist_ok=True)
                zf.extract_to(name, target_path)
                os.chmod(target_path, 0o644)
            result = ImportResult(dest, layout.target, layout.description, sorted(mapping.values()))
            if layout.target == "pexip":
                _complete_pexip(staging, result)
            os.replace(staging, dest)  # an empty dest folder is replaced too
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            for parent in reversed(created_parents):
                try:
                    parent.rmdir()
                except OSError:
                    break
            raise
    left_tools = sorted({t for t in tools.values() if t})
    skipped = len(zf.files) - len(names) - sum(1 for t in tools.values() if t)
    if skipped:
        result.notes.append(f"left out {skipped} OS junk file(s) (__MACOSX/, .DS_Store)")
    if left_tools:
        result.notes.append(f"left out {sum(1 for t in tools.values() if t)} file(s) of version-control and tool "
                            f"folders ({', '.join(t + '/' for t in left_tools)}): an import never writes them, as "
                            "they could run commands (git hooks, core.fsmonitor) or pre-approve network hosts")
    return result


def _make_parents(folder: Path) -> list[Path]:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    try:
        for path in reversed(missing):
            path.mkdir()
    except OSError as exc:
        raise ImportRefused(f"cannot create {path}: {exc.strerror or exc}", "usage") from None
    return list(reversed(missing))


def _complete_pexip(root: Path, result: ImportResult) -> None:
    """The default package from the Management Node lacks settings.json and manifest.json: create them."""
    webapp2 = root / "webapp2"
    webapp2.mkdir(exist_ok=True)
    settings = webapp2 / "settings.json"
    if not settings.exists():
        settings.write_text(json.dumps({"plugins": []}, indent=4) + "\n", "utf-8")
        result.created.append("webapp2/settings.json")
    manifest = webapp2 / "manifest.json"
    if not manifest.exists():
        items = [(str(p.relative_to(root)).replace(os.sep, "/"), p.read_bytes())
                 for p in sorted(webapp2.rglob("*")) if p.is_file()]
        value = {"brandingID": content_digits(items), "isSettingsBranded": True,
                 "isWatermarkBranded": False, "isStylesBranded": False}
        manifest.write_text(json.dumps(value, indent=4) + "\n", "utf-8")
        result.created.append("webapp2/manifest.json")
    else:
        try:
            value = json.loads(manifest.read_text("utf-8-sig"))
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict) and value.get("isSettingsBranded") is not True:
            result.notes.append("webapp2/manifest.json: isSettingsBranded is not true, so the host ignores "
                                "settings.json; the export sets it to true")
    for rel in result.created:
        os.chmod(root / rel, 0o644)
    result.files = sorted(set(result.files) | set(result.created))
