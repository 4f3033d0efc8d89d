"""Colours from the grammars' highlight queries (the lines the regex colouring got wrong), kept right while typing;
find with count, highlight-all and regex; find in files."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from tests.ui.conftest import PACKAGE
from workbench.ui.theme import LIGHT

pytestmark = pytest.mark.qt
JS = "webapp2/plugins/recording/recording.plugin.js"


def colours(editor, line: int) -> list[tuple[int, int, str]]:
    """(start, length, colour) of the formats Qt applied to a line."""
    block = editor.document().findBlockByNumber(line)
    return [(r.start, r.length, r.format.foreground().color().name()) for r in block.layout().formats()]


def colour_at(editor, line: int, column: int) -> str | None:
    for start, length, colour in colours(editor, line):
        if start <= column < start + length:
            return colour
    return None


@pytest.fixture
def js_editor(qtbot):
    from workbench.ui.editors.code_editor import CodeEditor
    editor = CodeEditor("javascript")
    qtbot.addWidget(editor)
    editor.set_theme(LIGHT)
    return editor


def test_javascript_comments_strings_and_keywords_get_their_own_colours(js_editor):
    js_editor.setPlainText("// don't \"quote\" if return in a comment\n"
                           "var url = 'http://example.com'; // a comment after a string with //\n"
                           "/* a block comment: function return */ function go() { return 1; }\n")
    syntax = LIGHT.syntax
    # the whole first line is a comment: the regex colouring made "quote" a string and if/return keywords
    assert colours(js_editor, 0) == [(0, 39, syntax["comment"])]
    line = "var url = 'http://example.com'; // a comment after a string with //"
    assert colour_at(js_editor, 1, line.index("http")) == syntax["string"]  # '//' inside a string is no comment
    assert colour_at(js_editor, 1, line.index("a comment")) == syntax["comment"]
    assert colour_at(js_editor, 1, 0) == syntax["keyword"]
    third = "/* a block comment: function return */ function go() { return 1; }"
    assert colour_at(js_editor, 2, third.index("function")) == syntax["comment"]
    assert colour_at(js_editor, 2, third.index("function go")) == syntax["keyword"]
    assert colour_at(js_editor, 2, third.index("go()")) == syntax["function"]
    assert colour_at(js_editor, 2, third.index("1;")) == syntax["number"]


def test_opening_a_comment_recolours_the_lines_below_as_you_type(js_editor):
    js_editor.setPlainText("var a = 1;\nvar b = 2;\nvar c = 3; */ var d = 4;\n")
    syntax = LIGHT.syntax
    assert colour_at(js_editor, 1, 0) == syntax["keyword"]
    cursor = QTextCursor(js_editor.document())
    cursor.insertText("/* ")  # on line 0: lines 1 and 2 become comment at once
    assert colour_at(js_editor, 1, 0) == syntax["comment"]
    assert colour_at(js_editor, 2, 0) == syntax["comment"]
    assert colour_at(js_editor, 2, len("var c = 3; */ ")) == syntax["keyword"]  # after the comment ends
    js_editor.document().undo()
    assert colour_at(js_editor, 1, 0) == syntax["keyword"]


@pytest.mark.parametrize("language,text,column,kind", [
    ("json", '{"key": "value", "n": 1}', 1, "key"),
    ("json", '{"key": "value", "n": 1}', 9, "string"),
    ("xml", '<a href="x"><!-- note --></a>', 13, "comment"),
    ("html", '<p class="x">hi</p>', 3, "attribute"),
    ("css", ".a { color: red; } /* x */", 20, "comment"),
])
def test_other_languages_use_their_grammar(qtbot, language, text, column, kind):
    from workbench.ui.editors.code_editor import CodeEditor
    editor = CodeEditor(language)
    qtbot.addWidget(editor)
    editor.set_theme(LIGHT)
    editor.setPlainText(text)
    assert colour_at(editor, 0, column) == LIGHT.syntax[kind]


def test_find_counts_highlights_every_match_and_takes_regexes(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    editor = window.open_file(JS)
    bar = editor.find_bar
    bar.open_bar()
    text = editor.document.text
    bar.find_edit.setText("state$")
    count = text.count("state$")
    assert bar.status.text() == f"{count} match(es)" and len(editor.editor._find_selections) == count
    bar.find_next()
    assert bar.status.text() == f"1 of {count}"
    bar.find_next()
    assert bar.status.text() == f"2 of {count}"
    bar.find_previous()
    assert bar.status.text() == f"1 of {count}"
    bar.regex.setChecked(True)
    bar.find_edit.setText(r"(start|stop)Recording\b")
    import re
    assert len(bar.matches) == len(re.findall(r"(start|stop)Recording\b", text, re.IGNORECASE))
    bar.find_edit.setText("(unclosed")
    assert bar.status.text().startswith("⚠") and bar.matches == []
    bar.find_edit.setText(r"(\w+)Recording\.svg")
    bar.replace_edit.setText(r"\1Rec.svg")
    replaced = bar.replace_all()
    assert replaced == 2 and "startRec.svg#startRecording" in editor.document.text
    bar.close_bar()
    assert editor.editor._find_selections == []


def test_find_in_files_lists_matches_and_opens_them(copy_sample, open_window, qtbot):
    window = open_window(copy_sample("pexip-recording"))
    window.open_file(PACKAGE).document.set_value(["name"], "Unsaved needle")
    panel = window.find_in_files()
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.query.setText("needle")
        panel.run()
    assert panel.status.text() == "1 match(es) in 1 file(s)"  # the unsaved buffer is searched
    with qtbot.waitSignal(panel.sig_searched, timeout=5000):
        panel.query.setText("recordConference")
        panel.run()
    files = [panel.results.topLevelItem(i).text(0) for i in range(panel.results.topLevelItemCount())]
    assert any(f.startswith(JS) for f in files) and any(f.startswith(PACKAGE) for f in files)
    top = next(panel.results.topLevelItem(i) for i in range(len(files)) if files[i].startswith(JS))
    panel.results.itemClicked.emit(top.child(0), 0)
    editor = window.editors.current_editor()
    assert window.editors.current_rel() == JS and editor.editor.textCursor().selectedText() == "recordConference"
    panel.query.setText("record(Conference")
    panel.regex.setChecked(True)  # searches again at once
    assert "not a valid regular expression" in panel.status.text()
