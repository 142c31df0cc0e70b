"""Screen 1, Plan: the plan tree, the selected node's milestones (paged), and the chosen milestone in full."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.i18n import t
from tasktrack.services.views import MilestoneFilter, MilestoneView
from tasktrack.tui.drafts import FilterSpec
from tasktrack.tui.editing import EDIT_BINDINGS, MilestoneEditing
from tasktrack.tui.keys import key
from tasktrack.tui.modals.find import UNASSIGNED, FilterModal, JumpModal
from tasktrack.tui.rows import MILESTONE_COLUMNS, milestone_cells
from tasktrack.tui.screens.base import describe_error
from tasktrack.tui.sources import MilestoneSource
from tasktrack.tui.widgets.detail import DetailPane
from tasktrack.tui.widgets.paged_table import PagedTable
from tasktrack.tui.widgets.plan_tree import PlanTree, Scope


def milestone_filter(scope: Scope, spec: FilterSpec) -> MilestoneFilter:
    """The tree's scope narrowed by the filter dialog's choices."""
    return MilestoneFilter(
        plan=scope.plan,
        task=scope.code if scope.task_id else None,
        unit=str(spec.unit) if spec.unit not in (None, UNASSIGNED) else None,
        unassigned=spec.unit == UNASSIGNED,
        year=spec.year,
        statuses=list(spec.statuses),
        text=spec.text or None,
    )


class PlanScreen(MilestoneEditing):
    NAME = "plan"
    BINDINGS = [
        *EDIT_BINDINGS,
        key("slash", "filter", "filter"),
        key("x", "clear_filter", "clear_filter", show=False),
        key("g", "jump", "jump"),
        key("t", "toggle_tree", "toggle_tree"),
        key("r", "refresh", "refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scope = Scope()
        self.spec = FilterSpec()
        self.count: int | None = None
        self.select_id: int | None = None
        self._opened: set[int] = set()

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="plan-main"):
            yield PlanTree(Text(t("tui.all_plans", self.lang)), Scope(), id="tree")
            with Vertical(id="plan-right"):
                yield Static(id="scope-line")
                yield PagedTable(MILESTONE_COLUMNS, milestone_cells, id="milestones")
                yield DetailPane(id="detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#milestones", PagedTable).focus()

    @property
    def table(self) -> PagedTable[MilestoneView]:
        return self.query_one("#milestones", PagedTable)

    def current_milestone(self) -> MilestoneView | None:
        return self.table.current

    def milestone_table(self) -> PagedTable[Any]:
        return self.table

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        super().reload()  # the tree's top level, on a worker
        self.load_table(keep_cursor=True)  # and, at the same time, the table's first page

    def fetch(self) -> Any:
        return None if self._opened else self.tapp.queries.plans()

    def show(self, plans: list[Any] | None) -> None:
        if plans is None:  # the first load builds the top level; later ones keep what is open
            return
        tree = self.query_one(PlanTree)
        children = [(p.short_title or p.title, Scope(plan=p.key, title=p.title), True) for p in plans]
        tree.add_level(tree.root, children, 0, self.lang)
        self._opened.add(id(tree.root))

    def relabel(self) -> None:
        super().relabel()
        self.table.lang = self.lang
        self.query_one(PlanTree).root.set_label(Text(t("tui.all_plans", self.lang)))
        self.show_scope()

    def load_table(self, *, keep_cursor: bool = False) -> None:
        self.count = None
        source = MilestoneSource(self.ledger, milestone_filter(self.scope, self.spec))
        self.table.load(source, keep_cursor=keep_cursor, select_id=self.select_id)
        self.select_id = None
        self.show_scope()

    def show_scope(self) -> None:
        lang, s = self.lang, self.scope
        parts = [t("tui.all_plans", lang) if s.plan is None else s.plan]
        if s.code:
            parts.append(f"{s.code} {s.title}")
        line = " › ".join(parts)
        if not self.spec.is_empty:
            line += "  ·  " + t("tui.filtered", lang, what=self.describe_filter())
        count = "…" if self.count is None else t("count", lang, n=f"{self.count:,}")
        self.query_one("#scope-line", Static).update(Text(sanitize(f"{line}  ·  {count}")))

    def describe_filter(self) -> str:
        spec, lang = self.spec, self.lang
        words = [f"“{spec.text}”"] if spec.text else []
        if spec.unit == UNASSIGNED:
            words.append(t("unassigned", lang))
        elif spec.unit is not None:
            words.append(f"{t('unit', lang)}#{spec.unit}")
        if spec.year:
            words.append(str(spec.year))
        words.extend(present.status(s, lang) for s in spec.statuses)
        return " ".join(words)

    @on(PagedTable.Counted, "#milestones")
    def counted(self, event: PagedTable.Counted) -> None:
        self.count = event.count
        self.show_scope()

    # -- the tree -------------------------------------------------------------------------------
    @on(Tree.NodeExpanded)
    def expanded(self, event: Tree.NodeExpanded[Scope]) -> None:
        node = event.node
        if id(node) in self._opened or node.data is None or node.data.plan is None:
            return
        self._opened.add(id(node))
        self.load_level(node)

    @work(thread=True, exclusive=False, group="tree", exit_on_error=False)
    def load_level(self, node: TreeNode[Scope]) -> None:
        scope = node.data
        assert scope is not None and scope.plan is not None
        try:
            level = self.tapp.queries.children(scope.plan, scope.task_id)
        except Exception as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        children = [
            (f"{n.code} {n.title}", Scope(n.plan, n.id, n.code, n.depth, n.title), n.children > 0)
            for n in level.nodes
        ]
        more = level.total - len(level.nodes)
        self.app.call_from_thread(self.query_one(PlanTree).add_level, node, children, more, self.lang)

    @on(Tree.NodeHighlighted)
    def highlighted(self, event: Tree.NodeHighlighted[Scope]) -> None:
        if event.node.data is not None and event.node.data != self.scope:
            self.scope = event.node.data
            self.load_table()

    # -- actions --------------------------------------------------------------------------------
    def action_filter(self) -> None:
        self.open_filter()

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def open_filter(self) -> None:
        try:
            units = self.ledger.units.list()
        except Exception as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(
            self.app.push_screen, FilterModal(self.spec, units, self.lang), self.filtered
        )

    def filtered(self, spec: FilterSpec | None) -> None:
        if spec is not None:
            self.spec = spec
            self.load_table()

    def action_clear_filter(self) -> None:
        if not self.spec.is_empty:
            self.spec = FilterSpec()
            self.load_table()

    def action_jump(self, error: str = "", text: str = "") -> None:
        self.app.push_screen(JumpModal(self.lang, error, text), self.jump)

    def jump(self, code: str | None) -> None:
        if code:
            self.find(code)

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def find(self, code: str) -> None:
        try:
            m = self.ledger.milestones.get(code)
        except Exception as exc:
            self.app.call_from_thread(self.action_jump, describe_error(exc, self.lang), code)
            return
        self.app.call_from_thread(self.jumped, m)

    def jumped(self, m: MilestoneView) -> None:
        self.scope = Scope(m.plan, m.task_id, m.task_code, 0, m.task_title)
        self.spec = FilterSpec()
        self.select_id = m.id
        self.load_table()
        self.table.focus()

    def action_toggle_tree(self) -> None:
        tree = self.query_one(PlanTree)
        tree.toggle_class("-shown" if self.has_class("-narrow") else "-hidden")

    def action_refresh(self) -> None:
        self.reload()
