"""Which modules a Node.js script plugin loads: require()/import specifiers found with tree-sitter-javascript."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from workbench.core.diagnostics import Diagnostic, Range
from workbench.core.files import ProjectFiles
from workbench.core.treesitter import ParsedSource, syntax_errors, walk

NODE_BUILTINS = frozenset({
    "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
    "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net",
    "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
    "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
    "worker_threads", "zlib",
})
JS_SUFFIXES = ("", ".js", ".cjs", ".mjs", ".json", "/index.js", "/index.cjs", "/index.json")
MAX_SYNTAX_ERRORS_PER_FILE = 5


@dataclass(frozen=True)
class ModuleRef:
    """One require('x') / import ... from 'x' in a file."""

    specifier: str
    file: str
    range: Range


@dataclass
class FileFacts:
    refs: list[ModuleRef]
    syntax: list[Diagnostic]


def is_builtin(specifier: str) -> bool:
    """True for Node built-ins: 'fs', 'node:fs', 'fs/promises'."""
    return specifier.startswith("node:") or specifier.split("/")[0] in NODE_BUILTINS


def is_relative(specifier: str) -> bool:
    return specifier.startswith(("./", "../")) or specifier in (".", "..")


def package_name(specifier: str) -> str:
    """'lodash/fp' -> 'lodash', '@scope/pkg/x' -> '@scope/pkg'."""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def file_facts(files: ProjectFiles, rel: str) -> FileFacts | None:
    """The module references and syntax errors of one JS file (cached by content)."""
    src = files.parsed("javascript", rel)
    if src is None:
        return None
    return files.memo("xcally:requires", rel, lambda: _facts(src, rel))


def _facts(src: ParsedSource, rel: str) -> FileFacts:
    refs: list[ModuleRef] = []
    for node in walk(src.root):
        target = None
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if fn is not None and args is not None and args.named_child_count >= 1 and (
                    (fn.type == "identifier" and src.node_text(fn) == "require") or fn.type == "import"):
                target = args.named_children[0]
        elif node.type in ("import_statement", "export_statement"):
            target = node.child_by_field_name("source")
        if target is not None and target.type == "string":
            refs.append(ModuleRef(src.node_text(target)[1:-1], rel, src.range_of(target)))
        elif target is not None and target.type == "template_string" and target.named_child_count == 0:
            refs.append(ModuleRef(src.node_text(target)[1:-1], rel, src.range_of(target)))
    errors = syntax_errors(src, rel, "XC018", "JavaScript")[:MAX_SYNTAX_ERRORS_PER_FILE]
    return FileFacts(refs, errors)


def resolve_relative(files: ProjectFiles, from_file: str, specifier: str) -> str | None:
    """The file a relative specifier loads, trying Node's extensions and index files; None when missing."""
    base = files.resolve(from_file, specifier.rstrip("/") or ".")
    if base is None:
        return None
    for suffix in JS_SUFFIXES:
        candidate = posixpath.normpath(base + suffix) if base else suffix.lstrip("/")
        if candidate and files.is_file(candidate):
            return candidate
    return None


@dataclass
class ScriptModules:
    """Everything the script loads, following relative requires from the launcher."""

    external: list[ModuleRef]  # non-built-in packages
    unresolved: list[ModuleRef]  # relative requires naming no file
    syntax: list[Diagnostic]
    visited: list[str]


def script_modules(files: ProjectFiles, launcher: str, limit: int = 500) -> ScriptModules:
    """Walk the launcher and the JS files it loads relatively (at most `limit` files)."""
    out = ScriptModules([], [], [], [])
    queue, seen = [launcher], {launcher}
    while queue and len(out.visited) < limit:
        rel = queue.pop(0)
        out.visited.append(rel)
        if not rel.endswith((".js", ".cjs", ".mjs")):
            continue  # JSON and other data files are loaded, not parsed
        facts = file_facts(files, rel)
        if facts is None:
            continue
        out.syntax.extend(facts.syntax)
        for ref in facts.refs:
            if is_relative(ref.specifier):
                target = resolve_relative(files, rel, ref.specifier)
                if target is None:
                    out.unresolved.append(ref)
                elif target not in seen:
                    seen.add(target)
                    queue.append(target)
            elif not is_builtin(ref.specifier) and not ref.specifier.startswith(("/", "http:", "https:")):
                out.external.append(ref)
    return out
