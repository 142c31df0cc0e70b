"""Words the front ends show, in zh-CN (first) and English; the language comes from --lang, settings or locale."""

from __future__ import annotations

import os

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # column headings
    "id": ("ID", "ID"),
    "plan": ("规划", "Plan"),
    "code": ("编号", "Code"),
    "year": ("年度", "Year"),
    "metric": ("目标内容", "Target"),
    "target": ("目标值", "Goal"),
    "actual": ("实际", "Actual"),
    "due": ("完成时限", "Due"),
    "status": ("状态", "Status"),
    "schedule": ("进度", "Progress"),
    "rag": ("灯", "RAG"),
    "lead": ("牵头单位", "Lead unit"),
    "co": ("配合单位", "Co-units"),
    "title": ("名称", "Title"),
    "task": ("任务", "Task"),
    "programme": ("工程", "Programme"),
    "milestones": ("节点数", "Milestones"),
    "name": ("名称", "Name"),
    "short_name": ("简称", "Short name"),
    "contact": ("联络员", "Contact"),
    "email": ("邮箱", "E-mail"),
    "phone": ("电话", "Phone"),
    "unit": ("单位", "Unit"),
    "attribute": ("属性", "Attribute"),
    "baseline": ("基期值", "Baseline"),
    "latest": ("最新值", "Latest"),
    "goal": ("目标值", "Target"),
    "expected": ("序时进度", "Time elapsed"),
    "achieved": ("完成进度", "Achieved"),
    "doc_no": ("发文字号", "Doc. no."),
    "issuer": ("发文机关", "Issued by"),
    "issued": ("成文日期", "Issued"),
    "period": ("期间", "Period"),
    "parent": ("上位规划", "Implements"),
    "tasks": ("任务数", "Tasks"),
    "indicators": ("指标数", "Indicators"),
    "when": ("时间", "When"),
    "who": ("操作人", "Who"),
    "item": ("事项", "Item"),
    "field": ("字段", "Field"),
    "old": ("原值", "Old"),
    "new": ("新值", "New"),
    "reason": ("说明", "Reason"),
    "author": ("提交人", "By"),
    "text": ("内容", "Text"),
    "file": ("文件", "File"),
    "accepted": ("已认定", "Accepted"),
    "progress": ("进展情况", "Progress"),
    "problems": ("存在问题", "Problems"),
    "next_steps": ("下步打算", "Next steps"),
    "value": ("数值", "Value"),
    "quote": ("原文", "Source"),
    "note": ("备注", "Note"),
    "full_text": ("全文", "Full text"),
    "evidence": ("佐证材料", "Evidence"),
    "history": ("变更记录", "History"),
    "state": ("校验", "Check"),
    "setting": ("设置项", "Setting"),
    # values
    "unassigned": ("未明确", "unassigned"),
    "demo": ("示例", "demo"),
    "event": ("事件", "event"),
    "expected_attr": ("预期性", "expected"),
    "binding_attr": ("约束性", "binding"),
    "inherited": ("承自", "from"),
    "none": ("无", "none"),
    # statuses and schedule words, as offices write them
    "st.not_started": ("未启动", "not started"),
    "st.in_progress": ("推进中", "in progress"),
    "st.done": ("已完成", "done"),
    "st.blocked": ("受阻", "blocked"),
    "st.cancelled": ("已取消", "cancelled"),
    "st.closed": ("已销号", "closed"),
    "sch.done": ("已完成", "done"),
    "sch.ahead": ("超序时", "ahead"),
    "sch.on_schedule": ("按序时", "on schedule"),
    "sch.behind": ("滞后", "behind"),
    "sch.not_started": ("未启动", "not started"),
    "sch.overdue": ("逾期", "overdue"),
    "sch.cancelled": ("已取消", "cancelled"),
    "sch.pending_data": ("数据待发布", "data pending"),
    "rag.red": ("红", "red"),
    "rag.amber": ("黄", "amber"),
    "rag.green": ("绿", "green"),
    "rag.grey": ("—", "—"),
    "kind.increment": ("年度新增", "annual increment"),
    "kind.stock": ("存量/累计", "stock level"),
    "kind.ratio": ("比重", "ratio"),
    "kind.growth": ("年均增长", "average growth"),
    "kind.event": ("事件", "event"),
    # sentences
    "no_rows": ("（无）", "(none)"),
    "count": ("共 {n} 条", "{n} rows"),
    "seed_loaded": ("已载入 {source}：{summary}", "loaded {source}: {summary}"),
    "seed_unchanged": ("{source} 已是最新，无变化", "{source} already loaded, nothing changed"),
    "db_ready": ("数据库已就绪：{path}（架构版本 {rev}）", "database ready: {path} (schema {rev})"),
    "as_of": ("截至 {date}", "as of {date}"),
    "demo_banner": ("含示例数据（演示用，非规划原文）", "includes demonstration data (not from the plan)"),
    "evidence_ok": ("{n} 个文件校验通过", "{n} files verified"),
    "evidence_bad": ("{n} 个文件缺失或损坏", "{n} files missing or corrupt"),
    "saved": ("已保存", "saved"),
    "created": ("创建", "created"),
}


def detect_lang(explicit: str | None = None, configured: str | None = None) -> str:
    """--lang, else the settings file, else the locale (LC_ALL, LC_MESSAGES, LANG); Chinese first."""
    for choice in (explicit, configured):
        if choice:
            return choice
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value.lower().startswith("en"):
            return "en"
        if value.lower().startswith("zh"):
            return "zh"
    return "zh"


def t(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang`, with {params} filled in. An unknown key is a bug: KeyError."""
    zh, en = MESSAGES[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
