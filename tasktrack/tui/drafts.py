"""What the dialogs return: the user's typed edit, with the version of the item it was typed against."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class StatusDraft:
    milestone_id: int
    version: int
    status: str
    note: str = ""
    evidence_file: str = ""
    evidence_done: bool = False  # the file was attached on an earlier try; do not attach it twice


@dataclass(frozen=True)
class ActualDraft:
    milestone_id: int
    version: int
    value: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceDraft:
    milestone_id: int
    text: str = ""
    doc_no: str = ""
    file: str = ""
    version: int = 0  # evidence is only ever added: it cannot conflict


@dataclass(frozen=True)
class DueDraft:
    milestone_id: int
    version: int
    due: str
    note: str = ""


@dataclass(frozen=True)
class AssignDraft:
    milestone_id: int
    task_id: int
    version: int  # the task's: units are assigned on the task
    lead: int | None
    co: tuple[int, ...] = ()
    was_lead: int | None = None
    was_co: tuple[int, ...] = ()
    note: str = ""
    words: str = ""  # the choice in unit names, for the conflict dialog and a kept note


Draft = StatusDraft | ActualDraft | EvidenceDraft | DueDraft | AssignDraft


@dataclass(frozen=True)
class FilterSpec:
    """The Plan screen's filter on top of the tree's scope."""

    text: str = ""
    unit: int | None = None  # a unit id; -1: no lead unit
    year: int | None = None
    statuses: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.unit is not None or self.year or self.statuses)


class ConflictChoice(StrEnum):
    RELOAD = "reload"  # show the item as it is now and let me edit again (my text kept)
    OVERWRITE = "overwrite"  # save mine over theirs
    NOTE = "note"  # keep theirs; record mine as a note
    BACK = "back"  # back to my dialog
