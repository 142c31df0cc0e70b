"""Dated and quantitative targets in a sentence: value, unit, comparison, measure kind, year and quote."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tasktrack.importers.document.text import CJK, UNIT_RE, Span, clause_bounds, cn_number
from tasktrack.importers.document.when import (
    BASE,
    BASELINE,
    DEADLINE,
    PAST,
    PERIOD,
    RECURRING,
    When,
    find_whens,
)

# Digits, or a Chinese numeral of two and up before a counting unit (两个, 十家); 一 is left out (一批, 一是).
_NUM = (
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?"
    r"|(?<![第统唯之同逐进十一二三四五六七八九两])[两二三四五六七八九十]{1,3}(?=[个家所项座场次名条处]))"
)
_VALUE = re.compile(
    r"(?<![\d.A-Za-z第〔_/-])(?P<lb>[【\[〔])?" + _NUM + r"(?:\s*(?:-|—+|~|至)\s*(?P<hi>\d+(?:\.\d+)?))?"
    r"(?P<rb>[】\]〕])?\s*(?P<unit>" + UNIT_RE.pattern + r")(?P<post>及以上|以上|以下|以内|之内|左右)?"
)
_GE_WORDS = re.compile(r"(不低于|不少于|达到|达|突破|力争|提高到|提升到|增加到|增长到|上升到|扩大到)\s*$")
_GT_WORDS = re.compile(r"(超过|高于|大于|多于)\s*$")
_LE_WORDS = re.compile(r"(不超过|不高于|控制在|下降到|降低到|降至|低于|小于|少于|压减到|减少到)\s*$")
_LEAD = re.compile(
    r"(?:[,;:、。!?\s“”\"]|其中|并且|并|和|及|以及|与|同时|另外|全区|全市|全县|全镇|全省|全乡|我区|我市|我县|"
    r"力争|确保|争取|努力|预计|计划|年均|每年|逐年|分别|共)+"
)
_STOCK_VERBS = re.compile(
    r"^(?:培育发展|引进培育|培育引进|培育壮大|建设发展|累计建成|建成|建设|打造|培育|发展|拥有|形成)"
)
_TRAIL = re.compile(
    r"(?:分别|总数为|总量为|规模)?(?:不低于|不少于|不超过|不高于|超过|高于|大于|低于|少于|小于|突破|达到|达|"
    r"提高到|提升到|增加到|增长到|上升到|扩大到|下降到|降低到|降至|控制在|保持在|稳定在|力争|(?<!签)约|近|为|在|至|到|实现)+$"
)
_FLOW_VERBS = re.compile(
    r"^(新增|新建|新培育|新引进|新认定|引进|兑现|培训|举办|开展|争取|完成|实施|发放|招引|签约|认定|招商)"
)
_RATIO_WORDS = re.compile(r"比重|占比|比例|占.{1,20}的?比|率|强度|覆盖面|水平")
_GROWTH_WORDS = re.compile(r"年均增长|年均增速|年均递增|增长率|增速|增幅|增长|递增|翻")
_DOWN_WORDS = re.compile(r"下降|降低|减少|压减")
_EVENT = re.compile(
    r"实现零的突破|零的突破|成功创建|创建|建成投用|建成|获批|成功申报|通过[^,;。]{0,8}验收|挂牌|投入使用|投用|成功上市|上市|"
    r"全面完成|完成|出台|印发|全覆盖|编制并公布|编制完成|公布|上线运行|上线|开工建设|开工|竣工|通车|开通|建立"
)
# Words that make an undated figure a goal: a verb of reaching or building before it, or 以上 after it.
_AIMS = re.compile(
    r"(?<!约)(?:建成|建设|新增|培育|引进|达到|达|实现|完成|突破|超过|不低于|不少于|力争|确保|增长|提高|提升|降低|下降|控制|"
    r"打造|创建|培训|举办|开展|组建|争取|兑现|覆盖|新建|改造|招引|培养|认定|扶持|建立|设立|吸引|落地|签约|实施|增加|扩大|减少|"
    r"保持|稳定|每年|累计|以上|以内|不超过|给予|安排|投入|奖补|补贴|发放|缩小|压缩|控制在)"
)
_EVENT_END = re.compile(r"(?:实现零的突破|零的突破|全覆盖|验收|挂牌|投入使用|投用|上市)$")
_VAGUE = re.compile(r"一批|一些|若干|多个|一系列|更加|进一步|不断|逐步|初步形成|基本形成")
_SUBJECT_CUT = re.compile(
    r"(稳步|持续|不断|明显|显著|大幅|快速|进一步|加快|逐步|全面|实现|达到|突破|保持|\d)|"
    r"(增长|提升|提高|增加|扩大|壮大|增强|优化|改善)(?:[,。;]|$)"
)


@dataclass
class Context:
    """What earlier sentences and the section say about the sentences that follow."""

    deadline: When | None = None  # a deadline set earlier in the paragraph or by the section
    carried_from: str = ""  # "section" or "paragraph"
    baseline: bool = False  # the paragraph or section speaks of the past (截至2020年, 发展基础)
    period: tuple[int, int] | None = None
    goal_section: bool = False  # 发展目标 / 主要目标: events may take the section's year
    prev_subject: str = ""  # the subject of the previous sentence, for a target split over two


@dataclass
class Target:
    sentence: Span
    quote: Span
    metric: str
    value: float | None
    unit: str | None
    comparison: str | None
    kind: str
    cumulative: bool = False
    when: When | None = None
    year_from: str = "own"  # own | context | default | recurring
    aspirational: bool = False
    baseline: tuple[int | None, float, str] | None = None  # (year, value, quote)
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9


@dataclass
class Baseline:
    metric: str
    unit: str
    year: int | None
    value: float
    quote: Span


def number(text: str) -> float:
    cn = cn_number(text)
    return float(cn) if cn is not None else float(text.replace(",", ""))


def read_sentence(s: Span, ctx: Context) -> tuple[list[Target], list[Baseline]]:
    """The targets a sentence sets, and the baseline figures it states."""
    whens = find_whens(s.folded, s.text)
    own = [w for w in whens if w.role in (DEADLINE, RECURRING, PERIOD)]
    targets: list[Target] = []
    baselines: list[Baseline] = []
    base: tuple[int | None, float, str, str] | None = None  # 由51家 (增加到100家): year, value, quote, metric
    floor, verb, base_start, group = 0, "", -1, 0
    for m in _VALUE.finditer(s.folded):
        if _in_title(s.folded, m.start()):
            continue
        before = [w for w in whens if w.end <= m.start()]
        last = before[-1] if before else None
        a = max(_segment_start(s.folded, m.start(), floor), floor)
        metric = _metric(s.text, s.folded, a, m.start())
        value = number(m["num"])
        came_from = re.search(r"(由|从)[^,;。由从]{0,12}$", s.folded[a : m.start()])
        if came_from:
            year = (
                last.year if last and last.role in (BASE, BASELINE, PAST) and last.end <= m.start() else None
            )
            base = (year, value, s.text[a : m.end()], _metric(s.text, s.folded, a, a + came_from.start()))
            floor, base_start = m.end(), a
            continue
        if m["post"] in ("以上", "及以上") and _qualifies(s.folded, m.end()):
            continue  # 10亿元以上项目不少于3个: a class of projects, the target is the 3
        past = (last is not None and last.role in (BASELINE, PAST)) or (ctx.baseline and not own)
        when, year_from = _deadline(last, own, m.start(), ctx, s.folded)
        if past or (
            when and when.year and ctx.period and when.year < ctx.period[0] and when.role != RECURRING
        ):
            floor = m.end()
            if _noun(metric):
                year = last.year if last and last.role in (BASELINE, PAST) else (when.year if when else None)
                baselines.append(Baseline(_noun(metric), m["unit"], year, value, s.sub(a, m.end())))
            continue
        aim = _AIMS.search(s.folded[_clause_start(s.folded, m.start()) : m.start()]) or m["post"]
        if year_from == "default" and (not aim or _about(s.folded, m.start())):
            floor = m.end()
            continue  # a figure that describes (规划用地面积约1600亩), not one to reach
        listed = "、" in s.folded[max(0, a - 1) : a + 1]
        if not listed:
            group = a
        first_verb = _FLOW_VERBS.match(metric)
        if first_verb and not listed:
            verb = first_verb.group()
        elif verb and listed and metric and not _STOCK_VERBS.match(metric):
            metric = verb + metric
        stock_verb = _STOCK_VERBS.match(metric)
        if stock_verb and len(metric) > stock_verb.end() + 1:
            metric = metric[stock_verb.end() :]
        if not _noun(metric):  # 2023年新增5家 after 2022年新增高新技术企业3家: the same thing
            bare_verb = metric if _FLOW_VERBS.fullmatch(metric) else ""
            earlier = subject_of(s.sub(0, _clause_start(s.folded, m.start()))) if a > 0 else ""
            same = _noun(targets[-1].metric) if targets else ""
            found = (base[3] if base else "") or same or earlier or ctx.prev_subject
            metric = bare_verb + found if found else metric
        t = _target(
            s, m, a, metric, when, year_from, _quote_start(s.folded, when, year_from, group, m.start())
        )
        if base is not None:
            t.baseline, base = base[:3], None
            t.quote = s.sub(min(base_start, t.quote.start - s.start), m.end())
        targets.append(t)
        floor = m.end()
    targets.extend(_events(s, whens, targets, ctx))
    for t in targets:
        when_note(t)
    return targets, baselines


def _qualifies(folded: str, end: int) -> bool:
    """A figure with 以上 that names a class (亿元以上项目 …) when a noun follows and the clause counts it."""
    if not re.match(f"[{CJK}]", folded[end : end + 1]) or re.match(r"[的,。;]", folded[end : end + 1]):
        return False
    _, b = clause_bounds(folded, end)
    return _VALUE.search(folded, end, b) is not None


def _about(folded: str, pos: int) -> bool:
    """约1600亩, 近2000人: an approximate figure (签约20个 is a signing, not 约)."""
    before = folded[max(0, pos - 2) : pos].rstrip()
    return before.endswith("近") or (before.endswith("约") and not re.search(r"[签合预契节制条公]约$", before))


def _clause_start(folded: str, pos: int) -> int:
    return max(folded.rfind(c, 0, pos) for c in ",;:。!?)") + 1


def _in_title(folded: str, pos: int) -> bool:
    """Inside 《…》: a document's title, not a target."""
    return folded.rfind("《", 0, pos) > folded.rfind("》", 0, pos)


def _segment_start(folded: str, pos: int, floor: int) -> int:
    """Where the words naming the value at `pos` start: the clause start, or after the previous value."""
    return max(max(folded.rfind(c, 0, pos) for c in ",;:。!?)") + 1, floor)


_TIME = re.compile(
    r"(?:截至|截止|到|至|于|在|力争|争取|确保)*(?:\d{4}年?\s*(?:-|—+|~|至|到)\s*)?\d{4}年(?:\d{1,2}月)?(?:底|末|前|内|以前|之前)*"
    r"|[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|末|期末)?|(?<!\d)20\d\d(?=[\u4e00-\u9fff])"
    r"|(?:[上下]半年|全年|年内|年底前|第?[一二三四]季度(?:末|底)?(?:前)?"
    r"|(?<![\d年])(?:1[0-2]|0?[1-9])月(?:\d{1,2}[日号])?(?:底|末|[上中下]旬)?(?:前|以前|之前)?)"
)


def _metric(text: str, folded: str, a: int, b: int, *, trail: bool = True) -> str:
    """The words before a value that name what is counted, cut from the original text."""
    for m in _TIME.finditer(folded, a, b):
        if m.start() > a and folded[m.start() - 1] in "比较":  # 成交额比2020年增长: keep the thing measured
            x = m.start() - 1
            return _metric(
                text[:x] + text[m.end() :], folded[:x] + folded[m.end() :], a, b - (m.end() - x), trail=trail
            )
        a = max(a, m.end())
    while True:
        lead = _LEAD.match(folded, a, b)
        if not lead or lead.end() == a:
            break
        a = lead.end()
    cut = _TRAIL.search(folded, a, b) if trail else None
    if cut and cut.end() == b:
        b = cut.start()
    while b > a and folded[b - 1] in ' ,、:;。“"的':
        b -= 1
    while a < b and folded[a] in ' ,、:;。”"的为':
        a += 1
    return text[a:b]


def _noun(metric: str) -> str:
    """The thing counted, without the verb in front."""
    return _FLOW_VERBS.sub("", _STOCK_VERBS.sub("", metric)).strip()


def _deadline(
    last: When | None, own: list[When], pos: int, ctx: Context, folded: str = ""
) -> tuple[When | None, str]:
    if last is not None and last.role in (DEADLINE, RECURRING, PERIOD):
        return _with_year(last, ctx), "own" if last.year or last.due or not ctx.deadline else "context"
    after = [w for w in own if w.start >= pos and _governs(folded, pos, w)]
    if after:
        return after[0], "own"
    if ctx.deadline is not None:
        return ctx.deadline, "context"
    return None, "default"


def _with_year(w: When, ctx: Context) -> When:
    """6月底前 under a row's 2024年12月底前 or a section's 到2025年: the year is the enclosing one's;
    全年 / 今年 say no more than the enclosing deadline itself."""
    outer = ctx.deadline
    if w.year is not None or outer is None or outer.year is None or w.role != DEADLINE:
        return w
    if w.due is None:
        return outer
    return replace(w, year=outer.year)


def _governs(folded: str, pos: int, w: When) -> bool:
    """A deadline after a value covers it if it is in the same clause, or closes the sentence on its own
    (…，2022年底前投入使用) rather than opening a clause with a value of its own (…，力争2023年…突破8亿元)."""
    if not folded:
        return True
    a, b = clause_bounds(folded, w.start)
    return a <= pos or not _VALUE.search(folded, w.end, b)


def _quote_start(folded: str, when: When | None, year_from: str, group: int, pos: int) -> int:
    """From the time phrase when it opens the clause (到2025年，培育…), else from the clause itself."""
    clause = max(folded.rfind(c, 0, group) for c in ",;:。!?)") + 1 if group else 0
    while group < pos and folded[group] in "、,;: ":
        group += 1
    if when is not None and year_from == "own" and when.start < pos and when.end >= clause - 1:
        return min(when.start, group)
    return group


def when_note(t: Target) -> None:
    """The sentence's own time phrase outside the quote (到2025年，…，B达到y): named in the note, so a
    reviewer sees the words behind the year and due date. Quotes stay the clause: they are what a
    later import matches a milestone by."""
    w = t.when
    if w is None or t.year_from != "own" or w.role == RECURRING:
        return
    phrase = t.sentence.text[w.start : w.end]
    if phrase and phrase not in t.quote.text:
        t.notes.append(f"时间取自本句“{phrase}”")


def _target(
    s: Span, m: re.Match[str], a: int, metric: str, when: When | None, year_from: str, quote_start: int
) -> Target:
    clause = s.folded[a : m.end()]
    before = s.folded[max(0, m.start() - 6) : m.start()]
    unit = m["unit"]
    cumulative = bool(m["lb"] and m["rb"]) or "累计" in s.folded[max(0, a - 4) : m.end()]
    kind = _kind(s.folded[a : m.end("unit")], metric, unit, when, cumulative)  # 增长8%, not 增长8%以上
    comparison = _comparison(before, m["post"])
    t = Target(
        sentence=s,
        quote=s.sub(quote_start, m.end()),
        metric=metric,
        value=number(m["num"]),
        unit=unit,
        comparison=comparison,
        kind=kind,
        cumulative=cumulative and kind == "stock",
        when=when,
        year_from=year_from,
        aspirational=bool(when and when.aspirational) or "力争" in clause or "争取" in clause,
    )
    if m["hi"]:
        t.notes.append(f"原文为区间{m.group()}，按下限{m['num']}记")
    if m["post"] == "左右":
        t.notes.append("原文为“左右”，按约等于记")
    if kind == "growth" and _DOWN_WORDS.search(clause):
        t.notes.append("目标为下降幅度")
    if _about(s.folded, m.start()):
        t.notes.append("原文为约数")
        t.confidence -= 0.2
    if not _noun(metric):
        t.confidence -= 0.3
    return t


def _kind(clause: str, metric: str, unit: str, when: When | None, cumulative: bool) -> str:
    if unit in ("%", "‰", "个百分点", "百分点"):
        if re.search(r"年均|增速|增长率|增幅", clause) or re.search(
            r"(增长|递增|下降|降低|减少)\s*[【\[]?$", clause[: -len(unit)].rstrip("0123456789.,")
        ):
            return "growth"
        return "ratio"
    if unit == "倍":
        return "growth"
    if re.search(r"新增|新建|新培育|新引进|新认定|年度|当年|全年|每年", clause + metric) or (
        when and when.role == RECURRING
    ):
        return "increment"
    if cumulative or re.search(r"累计|总数|总量|达到|保有|拥有|建成|共有|总计", clause):
        return "stock"
    if _FLOW_VERBS.match(metric):
        return "increment"
    return "stock"


def _comparison(before: str, post: str | None) -> str:
    if post in ("以下", "以内", "之内"):
        return "<="
    if post == "左右":
        return "="
    if _GE_WORDS.search(before):
        return ">="
    if _LE_WORDS.search(before):
        return "<="
    if _GT_WORDS.search(before) and not post:
        return ">"
    return ">="


def _events(s: Span, whens: list[When], targets: list[Target], ctx: Context) -> list[Target]:
    """创建 / 建成 / 实现零的突破 … with a deadline and no number: done or not."""
    out: list[Target] = []
    numbered = [(t.quote.start - s.start, t.quote.start - s.start + len(t.quote.text)) for t in targets]
    for m in _EVENT.finditer(s.folded):
        a = max(s.folded.rfind(c, 0, m.start()) for c in ",;:。!?)") + 1
        ends = [i for i in (s.folded.find(c, m.end()) for c in ",;。!?") if i != -1]
        b = min(ends) if ends else len(s.folded)
        if any(x < b and a < y for x, y in numbered) or any(e.quote.start - s.start == a for e in out):
            continue
        clause = s.folded[a:b]
        if _VAGUE.search(clause) or _in_title(s.folded, m.start()) or len(clause) > 90:
            continue
        core = _metric(s.folded, s.folded, a, b, trail=False)
        core = re.sub(r"^(?:并|还要|要|全面|基本|成功|顺利|如期|率先|加快)+", "", core)
        if not (_EVENT.match(core) or _EVENT_END.search(core)):
            continue
        before = [w for w in whens if w.end <= m.start()]
        last = before[-1] if before else None
        if last is not None and last.role in (BASELINE, PAST, BASE):
            continue
        when, year_from = _deadline(last, [w for w in whens if w.role == DEADLINE], m.start(), ctx)
        if when is None or (
            year_from == "context" and not ctx.goal_section and ctx.carried_from != "paragraph"
        ):
            continue
        if ctx.baseline and year_from != "own":
            continue
        if when.year and ctx.period and when.year < ctx.period[0]:
            continue
        metric = _metric(s.text, s.folded, a, b, trail=False)
        if len(metric) <= 4:  # 2022年底前投入使用: say what is put to use
            metric = subject_of(s) + metric if subject_of(s) else metric
        if len(metric) < 3:
            continue
        quote_start = when.start if year_from == "own" and a - 1 <= when.end and when.start < a else a
        t = Target(
            s,
            s.sub(quote_start, b),
            metric,
            None,
            None,
            None,
            "event",
            when=when,
            year_from=year_from,
            aspirational=when.aspirational or "力争" in clause,
        )
        t.confidence = 0.7 if year_from == "own" else 0.65
        out.append(t)
    return out


def subject_of(s: Span) -> str:
    """The thing a sentence is about (科技型企业数量稳步增长 → 科技型企业数量), for a target the next one sets."""
    whens = find_whens(s.folded, s.text)
    first = re.split(r"[,;。!?]", s.folded, maxsplit=1)[0]
    if whens and whens[0].start == 0:
        rest = s.folded[whens[0].end :].lstrip(",")
        first = re.split(r"[,;。!?]", rest, maxsplit=1)[0]
    cut = _SUBJECT_CUT.search(first)
    subject = first[: cut.start()] if cut else first
    lead = _LEAD.match(subject)
    subject = subject[lead.end() :] if lead else subject
    subject = _noun(_STOCK_VERBS.sub("", subject))
    if not re.fullmatch(f"[{CJK}A-Za-z0-9“”()、]{{2,30}}", subject or ""):
        return ""
    return subject
