"""The plan tree: plans → programmes → tasks, each level read when it is opened, labels shown literally."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tasktrack.domain.text import sanitize
from tasktrack.i18n import t


@dataclass(frozen=True)
class Scope:
    """What a tree node stands for: all plans, a plan, or a task (and what is under it)."""

    plan: str | None = None
    task_id: int | None = None
    code: str | None = None
    depth: int = 0
    title: str = ""


class PlanTree(Tree[Scope]):
    """Nodes are added by the screen (which loads them on a worker) when a node is expanded."""

    def process_label(self, label: object) -> Text:
        # Tree would parse a str label as markup; stored titles are text.
        text = label if isinstance(label, Text) else Text(sanitize(str(label)))
        return text.split()[0] if text.plain else text

    def add_level(
        self, node: TreeNode[Scope], children: list[tuple[str, Scope, bool]], more: int, lang: str
    ) -> None:
        node.remove_children()
        for label, scope, openable in children:
            if openable:
                node.add(label, scope)
            else:
                node.add_leaf(label, scope)
        if more:
            node.add_leaf(Text(t("tui.more", lang, n=more), "dim"), None)
        node.expand()
