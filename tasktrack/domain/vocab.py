"""Words users type for statuses and roles, in English and in the offices' Chinese."""

from __future__ import annotations

from tasktrack.domain.kinds import Role, Status
from tasktrack.errors import Said, Words


class StatusError(Said, ValueError):
    """A word that is no status: catalogue words listing the ones there are; str() is the English line."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in Status},
    "not-started": Status.NOT_STARTED,
    "todo": Status.NOT_STARTED,
    "in-progress": Status.IN_PROGRESS,
    "doing": Status.IN_PROGRESS,
    "未启动": Status.NOT_STARTED,
    "未开始": Status.NOT_STARTED,
    "推进中": Status.IN_PROGRESS,
    "进行中": Status.IN_PROGRESS,
    "正常推进": Status.IN_PROGRESS,
    "已完成": Status.DONE,
    "完成": Status.DONE,
    "已办结": Status.DONE,
    "受阻": Status.BLOCKED,
    "已取消": Status.CANCELLED,
    "取消": Status.CANCELLED,
    "已销号": Status.CLOSED,
    "销号": Status.CLOSED,
}

STATUS_ZH = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.DONE: "已完成",
    Status.BLOCKED: "受阻",
    Status.CANCELLED: "已取消",
    Status.CLOSED: "已销号",
}

ROLE_WORDS: dict[str, Role] = {"lead": Role.LEAD, "co": Role.CO, "牵头": Role.LEAD, "配合": Role.CO}


def parse_status(word: str) -> Status:
    """A status from its English name or an office word; StatusError (a ValueError) says which words exist."""
    found = STATUS_WORDS.get(word.strip().lower()) or STATUS_WORDS.get(word.strip())
    if found is None:
        names = ", ".join(s.value for s in Status)
        raise StatusError("err.dom.status", word=word, names=names)
    return found
