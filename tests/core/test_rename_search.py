"""Re-pointing references after a rename, find in files, and the options of new projects (Qt-free)."""

from __future__ import annotations

import os
import re

import pytest

from workbench.core.files import ProjectFiles
from workbench.core.newproject import NewProjectError, Sample, SampleOption, check_options, derive
from workbench.core.rename import moved, relink
from workbench.core.search import compile_query, search


@pytest.mark.parametrize("ref,base,old,new,want", [
    ("plugins/a/a.plugin.package.json", "webapp2", "webapp2/plugins/a", "webapp2/plugins/b",
     "plugins/b/a.plugin.package.json"),
    ("a.plugin.js", "webapp2/plugins/a", "webapp2/plugins/a/a.plugin.js", "webapp2/plugins/a/x.js", "x.js"),
    ("assets/i.svg#icon", "p", "p/assets", "p/img", "img/i.svg#icon"),
    ("a.plugin.js", "webapp2/plugins/a", "webapp2/plugins/a", "webapp2/plugins/b", None),  # both moved
    ("./views/a.html", "", "views", "pages", "./pages/a.html"),
    ("https://example.com/x.js", "", "x.js", "y.js", None),
    ("other.js", "p", "p/a.js", "p/b.js", None),
])
def test_relink(ref, base, old, new, want):
    new_base = moved(base, old, new) if base else None
    assert relink(ref, base, old, new, new_base) == want


def test_search_reads_buffers_and_skips_what_is_not_a_regular_file(tmp_path):
    (tmp_path / "a.js").write_text("one needle\ntwo NEEDLE needle\n")
    (tmp_path / "b.bin").write_bytes(b"needle\0")
    os.mkfifo(tmp_path / "pipe.js")  # reading it would hang
    files = ProjectFiles(tmp_path, {"c.json": '{"needle": 1}'})
    found, cut = search(files, compile_query("needle"), ["a.js", "b.bin", "pipe.js", "c.json"])
    assert [(m.file, m.line, m.column) for m in found] == [("a.js", 1, 5), ("a.js", 2, 5), ("a.js", 2, 12),
                                                           ("c.json", 1, 3)]
    assert not cut
    assert len(search(files, compile_query("needle", case=True), ["a.js"])[0]) == 2
    assert len(search(files, compile_query("need", word=True), ["a.js"])[0]) == 0
    with pytest.raises(re.error):
        compile_query("(", regex=True)


def test_options_are_checked_and_derived():
    option = SampleOption("type", "--type", "t", "acme", pattern=r"[a-z]+", pattern_help="lowercase letters",
                          from_name="word")
    choice = SampleOption("kind", "--kind", "k", "a", choices=("a", "b"))
    sample = Sample("s", "S", "x", (option, choice), blank=True)
    assert check_options(sample, {"type": "zoom", "kind": "b"}) == {"type": "zoom", "kind": "b"}
    with pytest.raises(NewProjectError, match="--type 'Zoom': lowercase letters"):
        check_options(sample, {"type": "Zoom"})
    with pytest.raises(NewProjectError, match="--kind 'c': choose one of a, b"):
        check_options(sample, {"kind": "c"})
    assert option.default_for("My Meet") == "my_meet" and option.default_for("") == "acme"
    assert derive("my cool-plugin", "title") == "My Cool Plugin" and derive("My Plugin 2", "slug") == "my-plugin-2"
