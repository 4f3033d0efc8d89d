"""Scenario text to values with positions, within bounds: YAML without runaway aliases, nesting or tags, JSON without
runaway nesting, no .inf/.nan anywhere, UTF-8 checked. Every refusal is a ScenarioError at file:line:column."""

from __future__ import annotations

import math
from typing import Any

import yaml

from workbench.core.diagnostics import Position

MAX_DEPTH = 64  # nesting of lists and mappings
MAX_EXPANSION, MAX_EXPANSION_FLOOR = 10, 100_000  # aliases may expand to 10 times the file's values past 100k


class ScenarioError(Exception):
    """A scenario file that cannot be run: the message starts with file:line:column."""

    def __init__(self, file: str, pos: Position | None, message: str):
        self.file, self.pos, self.reason = file, pos, message
        where = f"{file}:{pos.line}:{pos.column}" if pos else file
        super().__init__(f"{where}: {message}")


class _Positions:
    """Source positions of the values of a loaded document, by path (tuple of keys/indices)."""

    def __init__(self, file: str):
        self.file = file
        self.at: dict[tuple, Position] = {}
        self.key_at: dict[tuple, Position] = {}

    def of(self, path: tuple, key: bool = False) -> Position | None:
        table = self.key_at if key else self.at
        while path and path not in table:
            path = path[:-1]
        return table.get(path) or self.at.get(path)

    def error(self, path: tuple, message: str, key: bool = False) -> ScenarioError:
        return ScenarioError(self.file, self.of(path, key), message)


def load_yaml(text: str, file: str) -> tuple[Any, _Positions]:
    """The value of YAML text and the position of each part; raises ScenarioError."""
    pos = _Positions(file)
    loader = None
    try:
        loader = _BoundedLoader(text)  # the reader checks every character as it starts
        node = loader.get_single_node()
    except _TooBig as exc:
        raise ScenarioError(file, _where(exc.mark), exc.message) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ScenarioError(file, _where(mark), f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.reader.ReaderError as exc:
        raise ScenarioError(file, _offset_position(text, exc.position), f"invalid YAML: {exc}".split("\n")[0]) \
            from None
    except yaml.YAMLError as exc:
        raise ScenarioError(file, None, f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise ScenarioError(file, Position(1, 1), "empty scenario file")
    return _Values(loader, pos).of(node, ()), pos


def _where(mark) -> Position | None:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else None


def _offset_position(text: str, offset: int) -> Position:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


class _TooBig(Exception):
    def __init__(self, mark, message: str):
        super().__init__(message)
        self.mark, self.message = mark, message


class _BoundedLoader(yaml.SafeLoader):
    """A composer that refuses what would make the values explode: nesting deeper than MAX_DEPTH, recursive aliases,
    and aliases that expand to far more values than the file holds (a "billion laughs" file). Sizes and depths are
    counted per node as it is composed, so a hostile file costs no more than its own length."""

    def __init__(self, text: str):
        super().__init__(text)
        self._depth = 0
        self._open: set[str] = set()  # anchors whose node is being composed
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (values once aliases expand, depth)
        self._composed = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) and event.anchor in self._open:
            raise _TooBig(event.start_mark, f"recursive alias *{event.anchor}: the value contains itself")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooBig(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        anchor = None if isinstance(event, yaml.AliasEvent) else getattr(event, "anchor", None)
        if anchor:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
            self._open.discard(anchor)
        if id(node) not in self._shape:
            self._composed += 1
            self._measure(node, event.start_mark)
        return node

    def _measure(self, node: yaml.Node, mark) -> None:
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        shapes = [self._shape.get(id(c), (1, 1)) for c in children]
        size = 1 + sum(s for s, _ in shapes)
        depth = 1 + max((d for _, d in shapes), default=0)
        if depth > MAX_DEPTH:
            raise _TooBig(mark, f"aliases nest the values more than {MAX_DEPTH} levels deep")
        if size > MAX_EXPANSION_FLOOR and size > MAX_EXPANSION * self._composed:
            raise _TooBig(mark, f"aliases expand this value to {size} values, far more than the file holds "
                                "(a \"billion laughs\" file?): write the values out instead")
        self._shape[id(node)] = (size, depth)


class _Values:
    """Python values of composed YAML nodes, with the position of each (tags are checked as values are built)."""

    DEFAULT_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")

    def __init__(self, loader: yaml.SafeLoader, pos: _Positions):
        self.loader, self.pos = loader, pos

    def of(self, node: yaml.Node, path: tuple) -> Any:
        where = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        self.pos.at[path] = where
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in self.DEFAULT_TAGS:
            raise ScenarioError(self.pos.file, where, f"the tag {_tag_name(node.tag)} is not supported in a scenario")
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                key_at = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise ScenarioError(self.pos.file, key_at, "a key must be a plain value (text or a number), "
                                                                "not a list or a mapping")
                key = self.scalar(key_node, key_at)
                try:
                    hash(key)
                except TypeError:
                    raise ScenarioError(self.pos.file, key_at, "a key must be a plain value (text or a number)") \
                        from None
                if key in out:  # YAML wants keys unique; the last one would silently win
                    first = self.pos.key_at[path + (key,)]
                    raise ScenarioError(self.pos.file, key_at, f"the key {key!r} is given twice in this mapping "
                                                                f"(first on line {first.line}); keep one")
                self.pos.key_at[path + (key,)] = key_at
                out[key] = self.of(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.of(v, path + (i,)) for i, v in enumerate(node.value)]
        return self.scalar(node, where)

    def scalar(self, node: yaml.Node, where: Position) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            raise ScenarioError(self.pos.file, where, f"cannot read {shown!r} as {_tag_name(node.tag)}: "
                                                      f"{problem}") from None
        return _finite(value, self.pos.file, where)


def _tag_name(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _finite(value: Any, file: str, where: Position | None) -> Any:
    """The value, unless it is a number no step can use (.inf, .nan, 1e999)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ScenarioError(file, where, f"{value} is not a usable number: write a finite number")
    return value


def load_json(text: str, file: str) -> tuple[Any, _Positions]:
    """The value of JSON text and the position of each part; raises ScenarioError."""
    from workbench.core.jsondoc import parse_json
    doc = parse_json(text, file, max_depth=MAX_DEPTH)
    if not doc.ok:
        first = next((d for d in doc.diagnostics if d.severity.value == "error"), None)
        where = first.range.start if first else Position(1, 1)
        raise ScenarioError(file, where, f"invalid JSON: {first.message if first else 'no value'}")
    pos = _Positions(file)

    def visit(node, path: tuple) -> None:
        pos.at[path] = node.range.start
        _finite(node.value, file, node.range.start)
        for key, child in node.members.items():
            pos.key_at[path + (key,)] = node.key_ranges[key].start if key in node.key_ranges else child.range.start
            visit(child, path + (key,))
        for i, child in enumerate(node.items):
            visit(child, path + (i,))

    visit(doc.root, ())
    return doc.value, pos


def decode(data: bytes, file: str) -> str:
    """The file's bytes as text; bytes that are not UTF-8 are a ScenarioError at their place."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8")
        raise ScenarioError(file, _offset_position(good, len(good)), f"byte 0x{data[exc.start]:02x} is not valid "
                                                                     "UTF-8: save the scenario as UTF-8") from None
