"""Where a Web App 3 project's parts are: the branding manifest and its plugin entries, or a plugin project's page,
sources and build output (Qt-free, cached per content by ProjectFiles)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from workbench.core.files import ProjectFiles, normalize
from workbench.core.jsondoc import JsonDocument
from workbench.core.project import Project
from workbench.targets.webapp3.sourcefacts import language_of

BUILD_DIR = "dist"
SOURCE_DIRS = ("src",)
VITE_CONFIGS = ("vite.config.ts", "vite.config.mts", "vite.config.js", "vite.config.mjs")
# A tag or a list ends where the next one starts at the latest: a run of unclosed ones stays linear to scan.
_SCRIPT_SRC = re.compile(r"""<script\b[^<>]*?\bsrc\s*=\s*["']([^"'<>]+)["']""", re.IGNORECASE)
_SANDBOX_VALUES = re.compile(r"""sandboxValues\s*:\s*\[([^\][]*)\]""")
_QUOTED = re.compile(r"""["'`]([^"'`]*)["'`]""")
SOURCE_LIMIT = 400  # files scanned per plugin (a vendored library must not stall validation)


@dataclass
class PluginRef:
    """One plugin as the host loads it: a manifest entry (index >= 0) or a plugin project's build (index -1)."""

    index: int
    id: str | None
    src: str | None  # as written in the manifest
    page: str | None  # project-relative path of the page the iframe loads (None for a URL or no src)
    url: bool = False  # src is an absolute URL (a dev server): not part of the package
    sandbox: list = field(default_factory=list)  # sandboxValues as written
    sources: list[str] = field(default_factory=list)  # project-relative JS/TS files to read for registerPlugin
    sandbox_from: str | None = None  # the file the sandbox values were read from (plugin project)

    @property
    def folder(self) -> str | None:
        return posixpath.dirname(self.page) if self.page else None

    @property
    def label(self) -> str:
        return self.id or (self.src or "(no src)")


@dataclass
class Layout:
    project: Project
    manifest: str | None  # project-relative path of the branding manifest
    content: str  # the branding folder (what the host serves as branding/), '' for a plugin project
    doc: JsonDocument | None
    plugins: list[PluginRef]
    build_dir: str | None = None  # a plugin project's build output folder


def load_layout(project: Project, files: ProjectFiles) -> Layout:
    """The layout of a branding package or a plugin project."""
    if project.kind == "webapp3-plugin":
        return _plugin_project(project, files)
    content = normalize(project.content_root or "")
    manifest = posixpath.join(content, "manifest.json") if content else "manifest.json"
    doc = files.json(manifest)
    value = doc.value if doc is not None else None
    entries = value.get("plugins") if isinstance(value, dict) else None
    plugins = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict):
            plugins.append(_entry(files, content, i, entry))
    return Layout(project, manifest, content, doc, plugins)


def _entry(files: ProjectFiles, content: str, index: int, entry: dict) -> PluginRef:
    src = entry.get("src") if isinstance(entry.get("src"), str) else None
    ident = entry.get("id") if isinstance(entry.get("id"), str) else None
    sandbox = entry.get("sandboxValues") if isinstance(entry.get("sandboxValues"), list) else []
    ref = PluginRef(index, ident, src, None, sandbox=list(sandbox))
    if src is None:
        return ref
    if "://" in src or src.startswith("//"):
        ref.url = True
        return ref
    page = files.resolve(posixpath.join(content, "manifest.json") if content else "manifest.json",
                         src.split("?")[0])
    if page is not None and content and not (page == content or page.startswith(content + "/")):
        page = None  # outside the branding: the host cannot serve it
    if page is not None and not posixpath.splitext(page)[1] and files.is_dir(page):
        page = posixpath.join(page, "index.html")  # a folder: its index page (as a web server serves it)
    ref.page = page
    if page is not None and files.is_file(page):
        ref.sources = page_sources(files, page)
    return ref


def page_sources(files: ProjectFiles, page: str) -> list[str]:
    """The JavaScript files a plugin page loads with <script src> (else every script in its folder)."""
    text = files.read_text(page) or ""
    found = []
    for ref in _SCRIPT_SRC.findall(text):
        rel = files.resolve(page, ref)
        if rel is not None and language_of(rel) and files.is_file(rel):
            found.append(rel)
    if found:
        return found
    folder = posixpath.dirname(page)
    return [f for f in files.walk_files(folder) if language_of(f)][:SOURCE_LIMIT]


def _plugin_project(project: Project, files: ProjectFiles) -> Layout:
    sources = [f for d in SOURCE_DIRS for f in files.walk_files(d) if language_of(f) and not _is_test(f)]
    if not sources:  # a template without src/: the scripts index.html names
        sources = [f for f in page_sources(files, "index.html") if not f.startswith(BUILD_DIR + "/")]
    sandbox, where = declared_sandbox(files)
    ref = PluginRef(-1, None, "./index.html", posixpath.join(BUILD_DIR, "index.html"),
                    sandbox=sandbox, sources=sources[:SOURCE_LIMIT], sandbox_from=where)
    return Layout(project, None, "", None, [ref], BUILD_DIR)


def _is_test(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return ".test." in name or ".spec." in name or "/__mocks__/" in rel or "/__tests__/" in rel


def declared_sandbox(files: ProjectFiles) -> tuple[list[str], str | None]:
    """The sandboxValues a plugin project declares for its development manifest (Pexip's template writes them in
    vite.config), or ([], None): what the host will be configured with."""
    for name in VITE_CONFIGS:
        text = files.read_text(name)
        if text is None:
            continue
        m = _SANDBOX_VALUES.search(text)
        if m:
            return _QUOTED.findall(m.group(1)), name
        return [], None
    return [], None
