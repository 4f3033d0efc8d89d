"""Syntax colouring for JSON, JavaScript, HTML, CSS and XML (simple lexing: colours only, never structure)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from workbench.ui.theme import Theme, current_theme

JS_KEYWORDS = ("break case catch class const continue debugger default delete do else export extends finally for "
               "function if import in instanceof let new return super switch this throw try typeof var void while "
               "with yield async await of static get set")
RULES: dict[str, list[tuple[str, str]]] = {
    "json": [
        (r'"(?:[^"\\\n]|\\.)*"(?=\s*:)', "key"),
        (r'"(?:[^"\\\n]|\\.)*"?', "string"),
        (r"-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b", "number"),
        (r"\b(?:true|false|null)\b", "literal"),
        (r"//[^\n]*", "comment"),
    ],
    "javascript": [
        (r"\b(?:" + "|".join(JS_KEYWORDS.split()) + r")\b", "keyword"),
        (r"\b(?:true|false|null|undefined|NaN)\b", "literal"),
        (r"\b\d+(?:\.\d+)?\b", "number"),
        (r"\b[A-Za-z_$][\w$]*(?=\s*\()", "function"),
        (r'"(?:[^"\\\n]|\\.)*"?|\'(?:[^\'\\\n]|\\.)*\'?|`(?:[^`\\]|\\.)*`?', "string"),
        (r"//[^\n]*", "comment"),
    ],
    "css": [
        (r"[.#]?[A-Za-z_][\w-]*(?=[^{};]*\{)", "tag"),
        (r"[\w-]+(?=\s*:)", "attribute"),
        (r"#[0-9a-fA-F]{3,8}\b|-?\b\d+(?:\.\d+)?(?:px|em|rem|%|s|ms|vh|vw)?\b", "number"),
        (r'"[^"\n]*"?|\'[^\'\n]*\'?', "string"),
    ],
    "xml": [
        (r"</?[\w:.-]+|/?>", "tag"),
        (r"\b[\w:.-]+(?==)", "attribute"),
        (r'"[^"\n]*"?|\'[^\'\n]*\'?', "string"),
        (r"\$\{[^}\n]*\}", "keyword"),
    ],
}
RULES["html"] = RULES["xml"] + [(r"&\w+;", "literal")]
BLOCK_COMMENTS = {"javascript": ("/*", "*/"), "css": ("/*", "*/"), "json": ("/*", "*/"), "xml": ("<!--", "-->"),
                  "html": ("<!--", "-->")}


class Highlighter(QSyntaxHighlighter):
    """Colours tokens of one language; multi-line comments carried across blocks through the block state."""

    def __init__(self, document: QTextDocument, language: str):
        super().__init__(document)
        self.language = language
        self._rules = [(re.compile(p), kind) for p, kind in RULES.get(language, [])]
        self.formats: dict[str, QTextCharFormat] = {}
        self.set_theme(current_theme())

    def set_theme(self, theme: Theme) -> None:
        self.formats = {}
        for kind, colour in theme.syntax.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            if kind in ("keyword", "tag"):
                fmt.setFontWeight(QFont.Weight.DemiBold)
            if kind == "comment":
                fmt.setFontItalic(True)
            self.formats[kind] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt API)
        taken = [False] * len(text)
        for regex, kind in self._rules:
            for m in regex.finditer(text):
                start, end = m.span()
                if start == end or any(taken[start:end]):
                    continue
                self.setFormat(start, end - start, self.formats[kind])
                for i in range(start, end):
                    taken[i] = True
        self._block_comments(text)

    def _block_comments(self, text: str) -> None:
        pair = BLOCK_COMMENTS.get(self.language)
        self.setCurrentBlockState(0)
        if not pair:
            return
        opener, closer = pair
        start = 0 if self.previousBlockState() == 1 else text.find(opener)
        while start >= 0:
            end = text.find(closer, start + (0 if self.previousBlockState() == 1 and start == 0 else len(opener)))
            if end < 0:
                self.setCurrentBlockState(1)
                length = len(text) - start
            else:
                length = end - start + len(closer)
            self.setFormat(start, length, self.formats["comment"])
            start = text.find(opener, start + length) if end >= 0 else -1
