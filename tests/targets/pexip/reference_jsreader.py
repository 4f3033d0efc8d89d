"""The straightforward JavaScript reader: every named node walked in Python and handed to the same handlers, with
none of the cheap text tests that let the product's reader skip most of them.

The product's reader (workbench/targets/pexip/jsfacts.py) picks its nodes with one tree-sitter query and skips
what a text test proves irrelevant, which is what lets it keep up with megabytes of bundled code; this one is the
reference it must agree with, fact for fact.
"""

from __future__ import annotations

from tree_sitter import Node

from workbench.targets.pexip.jsfacts import _Extractor, named_nodes

NAMING = ("variable_declarator", "assignment_expression", "pair", "new_expression")


class ReferenceReader(_Extractor):
    def _collect(self) -> dict[str, list[Node]]:
        nodes = named_nodes(self.src.root)
        members = [n.child_by_field_name("property") for n in nodes if n.type == "member_expression"]
        return {"s": [n for n in nodes if n.type in ("string", "template_string")],
                "w": [n for n in nodes if n.type in NAMING],
                "c": [n for n in nodes if n.type == "call_expression"],
                "m": [p for p in members if p is not None and self.text(p) == "viewInit$"]}

    def _candidate_calls(self, calls: list[Node]) -> list[Node]:
        return calls

    def _mentions(self, node: Node | None, words) -> bool:
        return node is not None
