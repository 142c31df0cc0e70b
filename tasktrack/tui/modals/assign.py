"""The dialog that assigns a task's lead unit (牵头, one) and co-units (配合, any number)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widget import Widget
from textual.widgets import Select, SelectionList
from textual.widgets.selection_list import Selection

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.tui.drafts import AssignDraft
from tasktrack.tui.modals.form import FormModal, literal
from tasktrack.tui.widgets.safe_input import SafeInput


class AssignModal(FormModal[AssignDraft]):
    """Units are assigned on the milestone's task; its milestones (and sub-tasks) follow it."""

    TITLE_KEY = "tui.title.assign"

    def __init__(
        self,
        milestone: Any,
        lang: str,
        draft: AssignDraft | None = None,
        error: str = "",
        *,
        task: Any,
        units: list[Any],
    ) -> None:
        super().__init__(milestone, lang, draft, error)
        self.task_view = task
        self.units = units

    def fields(self) -> Iterable[Widget]:
        d = self.draft
        lead = d.lead if d else (self.task_view.lead.id if self.task_view.lead else None)
        co = set(d.co if d else (u.id for u in self.task_view.co))
        label = {u.id: literal(present.unit(u, self.lang)) for u in self.units}
        choose = Select(
            [(label[u.id], u.id) for u in self.units],
            prompt=t("unassigned", self.lang),
            allow_blank=True,
            value=lead if lead in label else Select.NULL,
            id="lead",
        )
        hint = ""
        if self.task_view.lead_inherited_from:
            hint = t("tui.inherited", self.lang, code=self.task_view.lead_inherited_from)
        yield from self.field("lead", choose, hint)
        co_list = SelectionList[int](
            *(Selection(label[u.id], u.id, u.id in co) for u in self.units), id="co", classes="choices"
        )
        yield from self.field("co", co_list)
        yield from self.field(
            "reason", SafeInput(d.note if d else "", id="note", placeholder=t("tui.hint.reason", self.lang))
        )

    def collect(self) -> AssignDraft:
        choose = self.query_one("#lead", Select)
        lead = None if choose.is_blank() else int(choose.value)  # type: ignore[arg-type]  # not blank: a unit id
        co = tuple(sorted(self.query_one("#co", SelectionList).selected))
        d = self.draft
        was_lead = d.was_lead if d else (self.task_view.lead.id if self.task_view.lead else None)
        was_co = d.was_co if d else tuple(sorted(u.id for u in self.task_view.co))
        name = {u.id: present.unit(u, self.lang) for u in self.units}
        comma, sep = ("、", "；") if self.lang == "zh" else (", ", "; ")
        co_names = comma.join(name[u] for u in co if u != lead) or "—"
        words = f"{t('lead', self.lang)} → {name.get(lead, '—') if lead else '—'}{sep}{t('co', self.lang)} → {co_names}"
        return AssignDraft(
            milestone_id=self.milestone.id,
            task_id=self.task_view.id,
            version=self.task_view.version,
            lead=lead,
            co=tuple(u for u in co if u != lead),
            was_lead=was_lead,
            was_co=was_co,
            note=self.value("#note"),
            words=words,
        )
