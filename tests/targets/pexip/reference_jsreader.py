"""The straightforward JavaScript reader: every named node walked in Python and handed to the same handlers, and
names looked up by walking every node again; none of the text searches that let the product's reader skip
almost all of the tree.

The product's reader (workbench/targets/pexip/jsfacts.py with jsscan.py) finds its nodes from the text and confirms
them on the tree, which is what lets it keep up with megabytes of bundled code; this one is the reference it must
agree with, fact for fact.
"""

from __future__ import annotations

from tree_sitter import Node

from workbench.targets.pexip.jsfacts import _Extractor, named_nodes

NAMING = ("variable_declarator", "assignment_expression", "pair", "new_expression")


class ReferenceReader(_Extractor):
    def _collect(self) -> dict[str, list[Node]]:
        self._nodes = named_nodes(self.src.root)
        members = [n.child_by_field_name("property") for n in self._nodes if n.type == "member_expression"]
        return {"s": [n for n in self._nodes if n.type in ("string", "template_string")],
                "w": [n for n in self._nodes if n.type in NAMING],
                "c": [n for n in self._nodes if n.type == "call_expression"],
                "m": [p for p in members if p is not None and self.text(p) == "viewInit$"]}

    def _declaration(self, name: str) -> Node | None:
        for node in self._nodes:
            if node.type in ("variable_declarator", "assignment_expression"):
                named = self._named_value(node)
                if named is not None and named[0] == name:
                    return named[1]
        return None

    def _added_keys(self, name: str) -> dict[str, Node]:
        out = {}
        for node in self._nodes:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if node.type != "assignment_expression" or left is None or right is None or \
                    left.type not in ("member_expression", "subscript_expression"):
                continue
            obj, key = left.child_by_field_name("object"), self._member_key(left)
            if obj is not None and key is not None and obj.type == "identifier" and self.text(obj) == name:
                out[key] = left
        return out

    def _mentions(self, node: Node | None, words) -> bool:
        return node is not None
