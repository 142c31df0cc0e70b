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
    "unit.retired_mark": ("（{on}起撤销）", " (retired {on})"),
    "unit.retired": ("已撤销单位 {unit}，自 {on} 起不再承担新任务", "retired {unit} from {on}: it takes no new duties"),
    "restore.replaces": ("将被替换：{what}", "replaces: {what}"),
    "restore.with": ("替换为：  {what}", "with:     {what}"),
    "restore.done": ("已从 {source} 恢复；被替换的台账已保存为 {keep}", "restored {source}; the replaced ledger is kept as {keep}"),
    "evidence.got": ("已取出佐证材料 #{id}（{name}），已核对 SHA-256：{path}", "evidence #{id} ({name}), SHA-256 checked: {path}"),
    "evidence.removed": ("已撤回佐证材料 #{id}：{what}", "removed evidence #{id}: {what}"),
    "progress.removed": ("已撤回进展报送 #{id}（{task}，{period}）", "removed progress report #{id} ({task}, {period})"),
    "who_as": ("{actor}（账号 {account}）", "{actor} (account {account})"),
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
    "sch.done_unmet": ("已完成（未达标）", "done, target not met"),
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
    # files a person names after -o, --out or as DEST (tasktrack.store.files)
    "out.wrote": ("已写入 {path}", "wrote {path}"),
    "out.no_name": ("{path} 不是文件名；请给出要写入的文件名", "{path} is not a file name; name the file to write"),
    "out.is_database": (
        "{path} 是数据库文件本身，不会被覆盖；请换一个文件名",
        "{path} is the database itself and is never overwritten; choose another file name",
    ),
    "out.is_companion": (
        "{path} 是数据库的 {suffix} 文件，不会被覆盖；请换一个文件名",
        "{path} is the database's {suffix} file and is never overwritten; choose another file name",
    ),
    "out.in_store": (
        "{path} 位于佐证材料库 {store} 内，不能写入；请换一个目录",
        "{path} is inside the evidence store {store}; write somewhere else",
    ),
    "out.is_input": (
        "{path} 是本命令读取的文件，不会被覆盖；请换一个文件名",
        "{path} is this command's input and is never overwritten; choose another file name",
    ),
    "out.is_dir": ("{path} 是目录；请给出文件名", "{path} is a directory; give a file name"),
    "out.no_dir": ("目录 {dir} 不存在；请先创建", "directory {dir} does not exist; create it first"),
    "out.exists": (
        "{path} 已存在；加 --force 覆盖，或换一个文件名",
        "{path} exists already; add --force to replace it, or choose another file name",
    ),
    "out.exists_never": (
        "{path} 已存在；请换一个新文件名（备份从不覆盖）",
        "{path} exists already; choose a new file name (backups never overwrite)",
    ),
    "out.cannot_write": ("无法写入 {path}：{why}", "cannot write {path}: {why}"),
    "out.in_place_and_out": (
        "--in-place 与 --out 只能选一个",
        "--in-place and --out exclude each other; give one",
    ),
    "check.leftover": (
        "遗留临时文件 {path}（{size}，{age} 前）：运行 tasktrack db check --clean 删除",
        "leftover temporary file {path} ({size}, {age} old): tasktrack db check --clean removes it",
    ),
    "check.unshared": (
        "佐证材料库目录 {path}（权限 {mode}）不允许数据库文件所属组写入，组内其他用户将无法添加佐证；"
        "请用 chgrp -R 改为数据库文件的组，并 chmod -R g+rwX 且目录加 g+s",
        "evidence store directory {path} (mode {mode}) is not writable by the database file's group, so "
        "others in it cannot attach evidence; chgrp -R it to that group, chmod -R g+rwX and g+s on directories",
    ),
    "check.removed": ("已删除遗留临时文件 {path}（{size}）", "removed leftover temporary file {path} ({size})"),
    "created": ("创建", "created"),
    # --- planimport ---
    "import.mostly_noise": (
        "{name} 大部分不是规划正文（网页导航、页脚、新闻等约占{share}，"
        "仅读出 {milestones} 个目标、{indicators} 个指标）；请改用规划原文，或确认后加 --accept-noise 仍生成草稿",
        "{name} is mostly not a plan's text (navigation, footers, news: about {share}; found {milestones} "
        "milestones, {indicators} indicators); give the plan's own text, or add --accept-noise to draft it "
        "anyway",
    ),
    "import.noise_kept": (
        "警告：{name} 大部分不是规划正文（约占{share}），已按 --accept-noise 生成草稿，请逐项核对",
        "warning: {name} is mostly not a plan's text (about {share}); drafted anyway (--accept-noise), review "
        "every item",
    ),
    # --- scores ---
    "duty.added": ("已设报送要求 #{id}：{phrase}（{who}）", "duty #{id} set: {phrase} ({who})"),
    "duty.removed": ("已撤销报送要求 #{id}：{phrase}", "removed duty #{id}: {phrase}"),
    "duty.phrase": ("报送要求", "Duty"),
    "duty.who": ("报送单位", "Who files"),
    "duty.from": ("起始", "From"),
    "duty.period": ("期次", "Period"),
    "duty.deadline": ("截止日期", "Deadline"),
    "duty.filed": ("报送", "Filed"),
    "duty.plan_leads": ("{plan} 各牵头单位", "lead units of {plan}"),
    "duty.st.on_time": ("按时", "on time"),
    "duty.st.late": ("迟报", "late"),
    "duty.st.missing": ("漏报", "missing"),
    "duty.st.open": ("待报", "not due yet"),
    "duty.days_late": ("（{n}天）", " ({n} days)"),
    "duty.rate": ("{unit} 报送及时率 {rate}（按时 {on_time}/应报 {due}）", "{unit}: on-time reporting {rate} ({on_time} of {due} due)"),
    "drem.title.duty_soon": ("报送提醒（即将截止）", "Reporting reminder (deadline near)"),
    "drem.title.duty_missing": ("报送提醒（漏报）", "Reporting reminder (missed)"),
    "drem.subject": ("报送提醒：{unit}", "Reporting reminder: {unit}"),
    "drem.to": ("{unit}：", "To {unit}:"),
    "drem.lead_in": ("按照报送要求，贵单位以下{n}项报送尚未完成，现予提醒：", "Under the reporting duties, {n} filing(s) of your unit are not made yet:"),
    "drem.soon_item": ("【即将截止】{phrase}：{period}期，截止{deadline}，距截止还有{days}天。",
                       "[due soon] {phrase}: period {period}, deadline {deadline}, {days} day(s) left."),
    "drem.missing_item": ("【漏报】{phrase}：{period}期，截止{deadline}，已过截止{days}天仍未报送。",
                          "[missed] {phrase}: period {period}, deadline {deadline}, {days} day(s) past and not filed."),
    "drem.ask": ("请尽快报送进展情况（tasktrack progress add … --period 期次）。", "Please file your progress report (tasktrack progress add … --period PERIOD)."),
    "rep.late": ("迟报、漏报单位{n}家", "Units late with or missing reports: {n}"),
    "rep.late_unit": ("{unit}：{items}。", "{unit}: {items}."),
    "rep.late_item": ("{phrase}{period}期{state}", "{phrase} {period} {state}"),
    "score.title": ("{year}年度{title}得分", "{title}: scores for {year}"),
    "score.table": ("考核得分", "Scores"),
    "score.score": ("得分", "Score"),
    "score.deductions": ("扣分项", "Points lost"),
    "score.notes": ("说明", "Notes"),
    "score.empty": ("（无可考核的单位）", "(no unit has anything to score)"),
    "score.none": ("不涉及", "none"),
    "score.n_items": ("{n}项", "{n}"),
    "score.no_deduction": ("无", "none"),
    "score.rule_line": ("{rule}{count}得{points}分", "{rule} {count}: {points}"),
    "score.basis": ("计分规则：{source}，满分{full}分；只计截至考核日期已在台账中的记录。",
                    "Rules: {source}, out of {full}; only rows in the ledger by the date count."),
    "score.default": ("默认考核细则", "the default rules"),
    "score.explain": ("计分依据", "What each point rests on"),
    "score.rule": ("考核项", "Rule"),
    "score.points": ("分值", "Points"),
    "score.rows": ("依据记录（✓计分 ✗不计/扣分）", "Rows (✓ counts, ✗ does not / deducted)"),
    # --- cadence ---
    "cad.lag": ("落后序时进度：完成{done}，序时{expected}", "behind 序时: {done} done, 序时 {expected}"),
    "cad.lag_none": ("落后序时进度：尚无完成数，序时{expected}", "behind 序时: nothing recorded, 序时 {expected}"),
    "cad.stale": ("{days}天未更新（最近更新{last}）", "not updated for {days} days (last {last})"),
    "rem.level.lagging": ("落后序时进度", "behind schedule"),
    "rem.level.stale": ("长期未更新", "not updated"),
    "rem.rule": ("（{why}）", " ({why})"),
    "rem.co": ("【配合】", "[co-unit] "),
    "rem.state.overdue": ("已逾期", "overdue"),
    "rem.state.due_soon": ("即将到期", "due soon"),
    "rem.state.returned": ("被退回", "returned"),
    "rem.state.lagging": ("落后序时进度", "behind schedule"),
    "rem.state.stale": ("长期未更新", "not updated"),
    "rem.state.or": ("或", " or "),
    "rem.lead_in_co": (
        "根据{plans}分工，贵单位负责或配合的以下{n}项事项{state}，现予催办（标【配合】的事项请配合牵头单位抓好落实）：",
        "Under {plans}, the following {n} items your unit leads or helps with are {state} (those marked "
        "[co-unit]: please support the lead unit):",
    ),
    "rep.lagging": ("未启动、已落后序时进度的事项{n}项", "Not started and behind 序时: {n}"),
    "rep.not_updated": ("超过{days}天未更新的事项{n}项", "Not updated for more than {days} days: {n}"),
    "ladder.blue": ("蓝", "blue"),
    "ladder.yellow": ("黄", "yellow"),
    "ladder.red": ("红", "red"),
    "ladder.now": ("现为{colour}", "now {colour}"),
    "ladder.item": ("督办记录：{history}。", " Escalation: {history}."),
    "ladder.line": ("三色督办：{colour}色督办。", "Escalation: {colour}."),
    "ladder.line_cc": ("三色督办：{colour}色督办，抄送{cc}。", "Escalation: {colour}, copied to {cc}."),
    "ladder.role.leader": ("分管领导", "the unit's supervising leader"),
    "ladder.role.office_head": ("督办单位负责人", "head of the coordinating office"),
    "ladder.history": ("督办记录", "Escalation"),
    # --- finish12 ---
    "progress.by_unit": ("各单位报送", "Reports by unit"),
    "progress.part": ("{unit} {period}（{author}）", "{unit} {period} ({author})"),
    "evidence.for": ("（{unit}）", " ({unit})"),
    # --- gongwen ---
    "pdf.no_font": (
        "生成PDF需要中文字体，但在 {dirs} 中未找到；请安装 Debian 软件包 {package}（apt-get install {package}）",
        "PDF output needs a Chinese (CJK) font and none was found in {dirs}; "
        "install the Debian packages {package} (apt-get install {package})",
    ),
    "pdf.no_fpdf": ("生成PDF需要 fpdf2：pip install fpdf2", "PDF output needs fpdf2: pip install fpdf2"),
    "docx.no_lib": ("生成Word文档需要 python-docx：pip install python-docx", "Word output needs python-docx: pip install python-docx"),
    "gw.cc": ("抄送：{names}。", "Cc: {names}."),
    "gw.printed": ("{date}印发", "Issued {date}"),
    "gw.chart": ("各工程推进情况", "Progress by programme"),
    "gw.items": ("事项（项）", "Items"),
    "col.share_of": ("{word}占比", "{word} share"),
    # --- circular ---
    "asof.header": ("以下为{date}日终的台账，据变更记录重建", "The ledger as it stood at the end of {date}, rebuilt from the change log"),
    "rep.as_it_stood": ("注：本通报数据为{date}日终的台账，据变更记录重建。", "Note: figures are the ledger as it stood at the end of {date}, rebuilt from the change log."),
    "rep.title_kind": ("{title}（{kind}）", "{title} ({kind})"),
    "rep.kind.weekly": ("周报", "weekly"),
    "rep.kind.monthly": ("月报", "monthly"),
    "rep.kind.quarterly": ("季报", "quarterly"),
    "rep.kind.halfyear": ("半年报", "half-year"),
    "rep.kind.annual": ("年报", "annual"),
    "rep.preview": ("预览稿（未编号；发出时为第{n}期）", "Preview (not numbered; would be No. {n} when issued)"),
    "rep.year_scope": ("（{year}年度目标）", "({year} targets)"),
    "rep.none_word": ("无", "none"),
    "rep.compared": (
        "与上期（第{n}期，截至{date}）相比：新完成{done}项（{done_items}）；新增逾期{overdue}项（{overdue_items}）；"
        "灯色变化{colours}项（{colour_items}）。",
        "Compared with the previous issue (No. {n}, as of {date}): newly completed {done} ({done_items}); "
        "newly overdue {overdue} ({overdue_items}); colour changes {colours} ({colour_items}).",
    ),
    "rep.classes": ("分类推进情况", "Items by class"),
    "rep.class": ("类别", "Class"),
    "rep.share": ("占比", "Share"),
    "rep.items": ("事项", "Items"),
    "rep.cls.done": ("已完成", "done"),
    "rep.cls.ahead": ("超进度", "ahead of schedule"),
    "rep.cls.on_track": ("达进度", "on schedule"),
    "rep.cls.behind": ("欠进度", "behind schedule"),
    "rep.forecasts": ("指标预测与预警", "Indicator forecasts and warnings"),
    "rep.forecast_method": (
        "预测方法：以基期值和历年读数按最小二乘法拟合直线，外推至目标年份。",
        "Method: a least-squares straight line through the baseline and the annual readings, extended to the target year.",
    ),
    "rep.forecast_short": (
        "【预警】{name}：预计难以完成。读数{points}，年均变化{per_year}{unit}，按此趋势{year}年预计为{projected}{unit}，"
        "低于目标{target}{unit}，差{gap}{unit}。",
        "[Warning] {name}: unlikely to be met. Readings {points}, {per_year} {unit} a year; on this trend {projected} "
        "{unit} in {year} against a target of {target} {unit}, {gap} {unit} short.",
    ),
    "rep.forecast_ok": (
        "{name}：读数{points}，年均变化{per_year}{unit}，按此趋势{year}年预计为{projected}{unit}，可达到目标{target}{unit}。",
        "{name}: readings {points}, {per_year} {unit} a year; on this trend {projected} {unit} in {year}, meeting "
        "the target of {target} {unit}.",
    ),
    "iss.kind": ("类型", "Type"),
    "iss.scope": ("范围", "Scope"),
    "iss.no": ("期号", "No."),
    "iss.as_of": ("截至", "As of"),
    "iss.issued": ("发出", "Issued"),
    "iss.by": ("发出人", "By"),
    "iss.format": ("格式", "Format"),
    "iss.state": ("状态", "State"),
    "iss.live": ("有效", "issued"),
    "iss.void": ("已作废（{by}，{at}：{reason}）", "void ({by}, {at}: {reason})"),
    "iss.none": ("尚未发出任何通报", "no circular has been issued"),
    "iss.issued_line": ("已发出第{n}期（{kind}，截至{date}），内容已冻结：tasktrack report show {n}", "issued No. {n} ({kind}, as of {date}), frozen: tasktrack report show {n}"),
    "iss.voided_line": ("已作废第{n}期；期号不再使用", "voided No. {n}; the number is not reused"),
    "iss.old": ("第{n}期发出于冻结功能之前，未保存内容", "No. {n} was issued before circulars were frozen: no content stored"),
    # --- linked ---
    "rep.also": ("（与《{plan}》{code}为同一目标）", " (the same target as {code} of {plan})"),
    "rem.readings": (
        "贵单位负责报送的以下{n}项指标数据临近或已过报送时限，请按时报送：",
        "Your unit is responsible for these {n} indicator readings, due soon or overdue:",
    ),
    "rem.reading_item": (
        "{n}. 《{plan}》{code} {name} {period}数据，应于{due}前报送（{days}）。",
        "{n}. {plan} {code} {name}: the {period} reading, due {due} ({days}).",
    ),
    "ind.owner": ("数据责任单位", "Data owner"),
    "ind.data_due": ("数据报送时限", "Data due"),
    "ind.owed": ("{period}数据应于{day}前报送", "{period} reading due by {day}"),
    "link.linked": ("同一目标", "Linked to"),
    "link.feeds": ("计入指标", "Feeds"),
    "link.done": ("已关联：{a} 与 {b} 为同一目标，记录一处即两处同步", "Linked: {a} and {b} are one target; a fact recorded on one updates both"),
    "link.undone": ("已取消关联：{a} 与 {b} 分别跟踪", "Unlinked: {a} and {b} are tracked apart"),
    "link.fed": ("{milestone} 的实际值计入指标 {indicator}", "{milestone}'s actual feeds indicator {indicator}"),
    "link.unfed": ("{milestone} 不再计入指标", "{milestone} feeds no indicator"),
    "rem.also": ("（与《{plan}》{code}为同一目标，一并催办）", " (the same target as {code} of {plan}, chased once)"),

    # --- zhwords ---
    # `tasktrack history`: what was changed, in words (hist.entity.*, hist.field.*; present.change)
    "hist.entity.plan": ("规划", "plan"),
    "hist.entity.task": ("任务", "task"),
    "hist.entity.milestone": ("节点", "milestone"),
    "hist.entity.unit": ("单位", "unit"),
    "hist.entity.indicator": ("指标", "indicator"),
    "hist.entity.reading": ("指标读数", "reading"),
    "hist.entity.evidence": ("佐证材料", "evidence"),
    "hist.entity.progress": ("进展报送", "progress report"),
    "hist.entity.request": ("申请", "request"),
    "hist.entity.member": ("成员", "member"),
    "hist.entity.duty": ("报送职责", "duty"),
    "hist.entity.command": ("命令", "command"),
    "hist.entity.settings": ("设置", "settings"),
    "hist.entity.responsibility": ("责任分工", "responsibility"),
    "hist.created": ("新建", "created"),
    "hist.deleted": ("删除", "deleted"),
    "hist.removed": ("撤回", "removed"),
    "hist.remark": ("说明", "remark"),
    "hist.undone": ("撤销命令", "undid command"),
    "hist.as_of": ("按日期办理", "made as of"),
    "hist.yes": ("是", "yes"),
    "hist.no": ("否", "no"),
    "hist.field.key": ("代号", "key"),
    "hist.field.doc_no": ("文号", "doc. no."),
    "hist.field.title": ("名称", "title"),
    "hist.field.short_title": ("简称", "short title"),
    "hist.field.issuer": ("发文机关", "issuer"),
    "hist.field.issued": ("成文日期", "issued"),
    "hist.field.period_start": ("起始年份", "first year"),
    "hist.field.period_end": ("截止年份", "last year"),
    "hist.field.parent_id": ("上级", "parent"),
    "hist.field.source": ("来源文件", "source file"),
    "hist.field.quote": ("原文", "quote"),
    "hist.field.name": ("名称", "name"),
    "hist.field.short_name": ("简称", "short name"),
    "hist.field.contact": ("联络员", "contact"),
    "hist.field.email": ("邮箱", "e-mail"),
    "hist.field.phone": ("电话", "phone"),
    "hist.field.is_demo": ("示例数据", "demo data"),
    "hist.field.retired_on": ("撤销日期", "retired on"),
    "hist.field.plan_id": ("所属规划", "plan"),
    "hist.field.code": ("编号", "code"),
    "hist.field.text": ("内容", "text"),
    "hist.field.note": ("备注", "note"),
    "hist.field.position": ("排序", "position"),
    "hist.field.status": ("状态", "status"),
    "hist.field.lead": ("牵头单位", "lead unit"),
    "hist.field.co": ("配合单位", "co-units"),
    "hist.field.task_id": ("所属任务", "task"),
    "hist.field.metric": ("目标内容", "target text"),
    "hist.field.year": ("年度", "year"),
    "hist.field.due": ("完成时限", "due"),
    "hist.field.due_text": ("时限原文", "due as written"),
    "hist.field.target": ("目标值", "target"),
    "hist.field.unit": ("计量单位", "unit of measure"),
    "hist.field.comparison": ("比较方式", "comparison"),
    "hist.field.kind": ("类型", "kind"),
    "hist.field.cumulative": ("累计值", "cumulative"),
    "hist.field.aspirational": ("力争目标", "aspirational"),
    "hist.field.baseline_year": ("基期年份", "baseline year"),
    "hist.field.baseline_value": ("基期值", "baseline"),
    "hist.field.baseline_quote": ("基期原文", "baseline as written"),
    "hist.field.actual": ("实际", "actual"),
    "hist.field.completed_on": ("完成日期", "completed on"),
    "hist.field.attribute": ("属性", "attribute"),
    "hist.field.target_year": ("目标年份", "target year"),
    "hist.field.target_value": ("目标值", "target"),
    "hist.field.indicator_id": ("所属指标", "indicator"),
    "hist.field.period": ("期间", "period"),
    "hist.field.value": ("数值", "value"),
    "hist.field.milestone_id": ("所属节点", "milestone"),
    "hist.field.unit_id": ("单位", "unit"),
    "hist.field.author": ("报送人", "author"),
    "hist.field.file_name": ("佐证文件名", "file name"),
    "hist.field.file_sha256": ("佐证文件SHA-256", "file SHA-256"),
    "hist.field.file_size": ("佐证文件大小", "file size"),
    "hist.field.accepted_by": ("采纳人", "accepted by"),
    "hist.field.accepted_at": ("采纳时间", "accepted at"),
    "hist.field.rejected_by": ("退回人", "rejected by"),
    "hist.field.rejected_at": ("退回时间", "rejected at"),
    "hist.field.reject_reason": ("退回理由", "reason for rejection"),
    "hist.field.progress": ("进展情况", "progress"),
    "hist.field.problems": ("存在问题", "problems"),
    "hist.field.next_steps": ("下步工作", "next steps"),
    "hist.field.proposed": ("申请内容", "proposed"),
    "hist.field.old": ("原内容", "previous"),
    "hist.field.reason": ("理由", "reason"),
    "hist.field.state": ("审核状态", "state"),
    "hist.field.decision_note": ("审核意见", "decision note"),
    "hist.field.account": ("账号", "account"),
    "hist.field.role": ("角色", "role"),
    "hist.field.phrase": ("职责原文", "duty as written"),
    "hist.field.cadence": ("报送周期", "cadence"),
    "hist.field.day": ("报送日", "day"),
    "hist.field.what": ("报送内容", "what"),
    "hist.field.starts": ("起始日期", "starts"),
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


def t(key: str, lang: str, /, **params: object) -> str:
    """The message `key` in `lang`, with {params} filled in. An unknown key is a bug: KeyError."""
    zh, en = MESSAGES[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


# Reports (通报) and reminders (催办): the wording offices use.
MESSAGES.update(
    {
        "rep.title": ("{plan}落实情况通报", "{plan}: implementation circular"),
        "rep.title_all": ("规划任务落实情况通报", "Plan implementation circular"),
        "rep.issue": ("第{n}期", "No. {n}"),
        "rep.as_of": ("（截至{date}）", "(as of {date})"),
        "rep.unit_scope": ("（{unit}）", "({unit})"),
        "rep.basis": ("依据：{plans}", "Basis: {plans}"),
        "rep.opening": (
            "现将截至{date}重点任务推进情况通报如下。",
            "The state of the key tasks as of {date} is as follows.",
        ),
        "rep.s1": ("一、总体情况", "1. Overall"),
        "rep.s1_text": (
            "截至{date}，纳入调度的年度目标共{total}项。其中，{parts}。",
            "As of {date}, {total} targets are tracked: {parts}.",
        ),
        "rep.part": ("{word}{n}项，占{share}%", "{word} {n} ({share}%)"),
        "rep.other": ("另有{n}项已取消或数据待发布", "{n} more are cancelled or await data"),
        "rep.by_programme": ("（一）分工程推进情况", "1.1 By programme"),
        "rep.changes": ("（二）本期进展（{since}至{until}）", "1.2 Changes ({since} to {until})"),
        "rep.no_changes": ("本期无新的进展记录。", "No changes were recorded in this period."),
        "rep.indicators": ("（三）主要指标完成情况", "1.3 Indicators"),
        "rep.s2": ("二、存在问题", "2. Problems"),
        "rep.overdue": ("（一）逾期未完成事项{n}项", "2.1 Overdue: {n}"),
        "rep.behind": ("（二）滞后序时进度事项{n}项", "2.2 Behind schedule: {n}"),
        "rep.unmet": ("已完成但未达标事项{n}项", "Done, target not met: {n}"),
        "rep.returned": ("销号申请被退回、尚未重新申请的事项{n}项", "Closure requests returned, not asked again: {n}"),
        "rep.returned_why": ("退回理由：{why}，{by}退回", "returned by {by}: {why}"),
        "rep.stale": ("超过{days}天未审核的申请{n}项", "Requests pending more than {days} days: {n}"),
        "rep.stale_item": ("{ref} {code} {kind}（{by}提交，已{days}天）", "{ref} {code} {kind} (by {by}, {days} days)"),
        "rep.unit_items": ("{unit}牵头{n}项：{items}。", "{unit} leads {n}: {items}."),
        "rep.unassigned_items": ("未明确牵头单位{n}项：{items}。", "No lead unit, {n}: {items}."),
        "rep.none": ("无。", "None."),
        "rep.overdue_item": (
            "{target}（{due}到期，已逾期{days}天）",
            "{target} (due {due}, {days} days overdue)",
        ),
        "rep.behind_item": ("{target}（{reason}）", "{target} ({reason})"),
        "rep.s3": ("三、下步工作要求", "3. Next steps"),
        "rep.due_soon": (
            "（一）未来{days}天内（至{until}）到期事项{n}项",
            "3.1 Due in the next {days} days (to {until}): {n}",
        ),
        "rep.requests": ("（二）工作要求", "3.2 Requests"),
        "rep.request_text": (
            "请各牵头单位对照本通报，对逾期和滞后事项逐项分析原因、制定整改措施，"
            "于{date}前报送进展情况和佐证材料；确需调整完成时限的，须在到期前书面说明理由并提出新的完成时限。"
            "未明确牵头单位的事项，由{issuer}商相关单位明确责任分工。",
            "Lead units: for each overdue or late item, report progress and evidence by {date}, with the "
            "causes and the measures taken; a new due date must be requested before the old one passes, "
            "with reasons. {issuer} will agree owners for the items that have none.",
        ),
        "rep.annex": ("附件：重点任务推进台账", "Annex: ledger of key tasks"),
        "rep.demo_note": (
            "注：本通报含示例数据（演示用，非规划原文）。",
            "Note: includes demonstration data (not from the plan).",
        ),
        "rep.sign": ("{issuer}", "{issuer}"),
        "rep.ind_title": ("主要指标完成情况表", "Indicators: readings against targets"),
        "rep.ind_note": ("注：【】内为累计数。", "Note: values in 【】 are cumulative."),
        "rep.year": ("{y}年", "{y}"),
        "rep.target_year": ("{y}年目标", "{y} target"),
        "rep.baseline_year": ("{y}年基期", "{y} baseline"),
        "rep.gap": ("{sign}{points}个百分点", "{sign}{points} points"),
        # column headings of the circular's tables
        "col.no": ("序号", "No."),
        "col.total": ("合计", "Total"),
        "col.day": ("日期", "Date"),
        "col.change": ("进展", "Change"),
        "col.vs": ("与序时比", "vs. time elapsed"),
        "col.status": ("完成状态", "Status"),
        "col.target": ("年度目标", "Annual target"),
        "col.key_task": ("重点任务", "Key task"),
        "col.indicator": ("指标名称", "Indicator"),
        # reminders
        "rem.level.due_soon": ("即将到期", "due soon"),
        "rem.level.overdue": ("已逾期", "overdue"),
        "rem.level.returned": ("销号申请被退回", "closure request returned"),
        "rem.returned_why": ("退回理由：{why}。", " Returned because: {why}."),
        "rem.level.overdue_30": ("逾期超过30天", "overdue more than 30 days"),
        "rem.title": ("催办通知", "Reminder"),
        "rem.subject": (
            "【催办】关于报送重点任务进展情况的通知（{unit}）",
            "[Reminder] Progress due: {unit}",
        ),
        "rem.greeting": ("{unit}：", "To {unit}:"),
        "rem.lead_in": (
            "根据{plans}分工，贵单位牵头的以下{n}项事项{state}，现予催办：",
            "Under {plans}, the following {n} items your unit leads are {state}:",
        ),
        "rem.lead_in_unassigned": (
            "{plans}中以下{n}项事项尚未明确牵头单位，且{state}，请尽快明确责任单位并督促落实：",
            "These {n} items of {plans} have no lead unit and are {state}; please assign them:",
        ),
        "rem.state_overdue": ("已逾期或即将到期", "overdue or due soon"),
        "rem.state_soon": ("即将到期", "due soon"),
        "rem.item": (
            "{n}. 【{level}】{target}（{plan}，{task}），完成时限{due}，{days}。{actual}",
            "{n}. [{level}] {target} ({plan}, {task}), due {due}, {days}. {actual}",
        ),
        "rem.days_left": ("距到期还有{n}天", "{n} days left"),
        "rem.due_today": ("今日到期", "due today"),
        "rem.days_over": ("已逾期{n}天", "{n} days overdue"),
        "rem.actual": ("目前完成{value}。", "So far: {value}."),
        "rem.request": (
            "请于{date}前报送上述事项的进展情况及佐证材料；确需延期的，请在到期前书面说明理由并提出新的完成时限。",
            "Please send progress and evidence for these items by {date}; an extension must be requested "
            "before the due date, with reasons and a new date.",
        ),
        "rem.contact": ("联系人：{name}", "Contact: {name}"),
    }
)

# The terminal UI (tasktrack tui): its words, and the descriptions of its keys (footer, ? help, palette).
MESSAGES.update(
    {
        "tui.screen.plan": ("规划", "Plan"),
        "tui.screen.attention": ("预警", "Attention"),
        "tui.screen.indicators": ("指标", "Indicators"),
        "tui.screen.units": ("单位", "Units"),
        "tui.screen.history": ("变更记录", "History"),
        "tui.screen.review": ("审核", "Review"),
        "tui.review_note": ("意见或理由（n 输入；退回、不通过须填写）", "note or reason (n to type; needed to reject or return)"),
        "tui.review_none": ("请先在表中选中一项", "choose an item in the table first"),
        "tui.context": ("截至 {date} · 操作人 {actor}", "as of {date} · acting as {actor}"),
        "tui.all_plans": ("全部规划", "All plans"),
        "tui.more": ("……另有 {n} 项（请用筛选或跳转）", "… {n} more (use filter or jump)"),
        "tui.loading": ("载入中……", "loading…"),
        "tui.failed": ("出错：{error}", "failed: {error}"),
        "tui.filtered": ("筛选：{what}", "filter: {what}"),
        "tui.no_item": ("请先在表中选中一个节点", "choose a milestone in the table first"),
        "tui.no_selection": (
            "在上方表格中选择一个节点查看详情",
            "choose a milestone above to see it in full",
        ),
        "tui.save": ("保存", "Save"),
        "tui.cancel": ("取消", "Cancel"),
        "tui.optional": ("（可选）", "(optional)"),
        "tui.attached": ("（已附上）", "(attached)"),
        "tui.any": ("（不限）", "(any)"),
        "tui.filter_text": (
            "关键词（目标内容、编号、原文、任务名称）",
            "Text (target, code, source, task title)",
        ),
        "tui.evidence_file": ("佐证文件", "Evidence file"),
        "tui.hint.note": ("进展或说明，记入变更记录", "what happened; kept in the history"),
        "tui.hint.file": ("文件路径，如 ~/批复.pdf", "a file path, e.g. ~/approval.pdf"),
        "tui.hint.evidence": ("做了什么、证明材料在哪里", "what was done, where the proof is"),
        "tui.hint.reason": ("变更原因", "why it changes"),
        "tui.need_evidence": (
            "请填写说明、文号或文件中的至少一项",
            "give a note, a document number or a file",
        ),
        "tui.inherited": ("（承自 {code}）", "(from {code})"),
        "tui.title.status": ("设置状态", "Set status"),
        "tui.title.actual": ("填报实际值", "Record actual value"),
        "tui.title.evidence": ("添加佐证材料", "Add evidence"),
        "tui.title.due": ("调整完成时限", "Change due date"),
        "tui.title.assign": ("指定牵头及配合单位", "Assign lead and co-units"),
        "tui.title.filter": ("筛选", "Filter"),
        "tui.title.jump": ("跳转到编号", "Jump to code"),
        "tui.title.conflict": ("保存冲突", "Changed elsewhere"),
        "tui.conflict": (
            "{code} 已于 {when} 被 {who} 修改（在你打开此对话框之后）。你的修改尚未保存。",
            "{code} was changed by {who} at {when}, after you opened this dialog. Your edit is not saved yet.",
        ),
        "tui.your_edit": ("你的修改", "Your edit"),
        "tui.unknown_time": ("未知时间", "an unknown time"),
        "tui.kept_note": (
            "未保存的修改（保存冲突，留作备注）：{edit}",
            "edit not saved (changed elsewhere), kept as a note: {edit}",
        ),
        "tui.days": ("天数", "Days"),
        "tui.days_late": ("逾期{n}天", "{n}d late"),
        "tui.days_left": ("剩{n}天", "{n}d left"),
        "tui.as_of_label": ("截至日期", "As of"),
        "tui.group": (
            "{unit} — 逾期 {late} 项 · 临期 {soon} 项",
            "{unit} — {late} overdue · {soon} due soon",
        ),
        "tui.attention_summary": (
            "截至 {date}：逾期 {late} 项，{days} 天内到期 {soon} 项",
            "as of {date}: {late} overdue, {soon} due within {days} days",
        ),
        "tui.total": ("合计", "Total"),
        "tui.unit_items": ("{unit} 牵头或配合的节点", "milestones {unit} leads or supports"),
        "tui.unassigned_items": ("未明确牵头单位的节点", "milestones with no lead unit"),
        "tui.since": ("起始日期", "since"),
        "tui.until": ("截止日期", "until"),
        "tui.cumulative": ("【累计】", "[cumulative]"),
        "tui.no_reading": ("暂无读数", "no reading"),
        "tui.no_series": ("暂无序列", "no series"),
        "tui.entity.plan": ("规划", "plan"),
        "tui.entity.task": ("任务", "task"),
        "tui.entity.milestone": ("节点", "milestone"),
        "tui.entity.unit": ("单位", "unit"),
        "tui.entity.indicator": ("指标", "indicator"),
        "tui.entity.reading": ("读数", "reading"),
        "tui.entity.evidence": ("佐证", "evidence"),
        "tui.entity.progress": ("进展", "progress"),
        "key.plan": ("规划", "Plan"),
        "key.attention": ("预警", "Attention"),
        "key.indicators": ("指标", "Indicators"),
        "key.units": ("单位", "Units"),
        "key.history": ("变更记录", "History"),
        "key.review": ("审核", "Review"),
        "key.lang": ("English", "中文"),
        "key.help": ("帮助", "Help"),
        "key.quit": ("退出", "Quit"),
        "key.set_status": ("状态", "Status"),
        "key.record_actual": ("实际值", "Actual"),
        "key.add_evidence": ("佐证", "Evidence"),
        "key.assign": ("单位", "Assign"),
        "key.change_due": ("时限", "Due date"),
        "key.filter": ("筛选", "Filter"),
        "key.clear_filter": ("清除筛选", "Clear filter"),
        "key.jump": ("跳转", "Jump"),
        "key.toggle_tree": ("目录", "Tree"),
        "key.refresh": ("刷新", "Refresh"),
        "key.as_of": ("截至日期", "As-of date"),
        "key.save": ("保存", "Save"),
        "key.cancel": ("取消", "Cancel"),
        "key.apply": ("应用", "Apply"),
        "key.reload": ("重新载入", "Reload"),
        "key.overwrite": ("覆盖", "Overwrite"),
        "key.keep_note": ("留作备注", "Keep as note"),
        "key.back": ("返回编辑", "Back"),
        "key.palette": ("命令面板", "Commands"),
        "key.leave_field": ("返回列表", "Back to the list"),
        "key.review_approve": ("通过", "Approve"),
        "key.review_reject": ("不通过", "Reject"),
        "key.review_return": ("退回", "Return"),
        "key.review_note": ("意见", "Note"),
    }
)

# `tasktrack undo`
MESSAGES.update(
    {
        "undo.will": (
            "将撤销 {actor} 的“{command}”（{at}），共 {n} 项变更：",
            "will undo {actor}'s '{command}' of {at}, {n} changes:",
        ),
        "undo.done": (
            "已撤销 {actor} 的“{command}”（{at}），共 {n} 项变更：",
            "undone: {actor}'s '{command}' of {at}, {n} changes:",
        ),
        "undo.more": ("……另有 {n} 项", "... and {n} more"),
        "undo.dry_run": ("试运行：未作任何更改", "dry run: nothing was changed"),
    }
)

# `tasktrack member`
MESSAGES.update(
    {
        "member.account": ("账号", "Account"),
        "member.role": ("角色", "Role"),
        "member.since": ("添加时间", "Added"),
        "member.coordinator": ("协调人", "coordinator"),
        "member.member": ("单位成员", "member"),
        "member.open": (
            "尚无成员：任何人均可修改全部内容（开放模式）",
            "no members yet: everyone may change everything (open mode)",
        ),
        "member.added": ("已添加 {account}：{role}", "added {account}: {role}"),
        "member.removed": ("已移除 {account}：{role}", "removed {account}: {role}"),
        "member.granted": (
            "已授予数据库角色 {role} 使用权限（行级安全策略对其生效）",
            "granted database role {role} what tasktrack needs (row-level security binds it)",
        ),
    }
)

# `tasktrack db check`: the change log's hash chain
MESSAGES.update(
    {
        "chain.ok": (
            "变更记录哈希链完整：共 {n} 条，链头 #{id} {hash}",
            "change log hash chain intact: {n} rows, head #{id} {hash}",
        ),
        "chain.first": ("变更记录哈希链断裂，首个断点：{what}", "change log hash chain broken, first at {what}"),
        "chain.unhashed": (
            "第 #{id} 条没有哈希（不是由 tasktrack 写入的）",
            "row #{id}: it has no hash (it was not written by tasktrack)",
        ),
        "chain.altered": (
            "第 #{id} 条的内容与其哈希不符（已被修改或伪造）",
            "row #{id}: its content does not match its hash (altered or forged)",
        ),
        "chain.unlinked": (
            "第 #{id} 条未接在前一条 #{prev} 之后（两者之间有记录被删除或插入，或 #{prev} 被替换）",
            "row #{id}: it does not follow row #{prev} (a row between them was deleted or inserted, "
            "or #{prev} was replaced)",
        ),
        "chain.unlinked_first": (
            "第 #{id} 条（现存第一条）不是链的起点（其前的记录已被删除）",
            "row #{id}: the first row left does not start the chain (the rows before it were deleted)",
        ),
        "chain.unreadable": ("第 #{id} 条有无法读取的值：{detail}", "row #{id}: a value cannot be read: {detail}"),
        "chain.head_found": (
            "链头 {hash} 在变更记录中：第 #{id} 条",
            "chain head {hash} is in the change log: row #{id}",
        ),
        "chain.head_missing": (
            "链头 {hash} 不在变更记录中：印有它的通报之后，历史被改写或删除",
            "chain head {hash} is not in the change log: history was rewritten or cut after the circular "
            "that printed it",
        ),
        "rep.chain_head": ("变更记录链头：#{id} {hash}", "Change log chain head: #{id} {hash}"),
    }
)

# `tasktrack import ledger`
MESSAGES.update(
    {
        "ledger.stale": (
            "{code} 在本表导出后已被 {who} 于 {when} 修改（本表为第 {old} 版，现为第 {now} 版）；"
            "请重新导出台账后再填，或确认以本表为准时加 --overwrite {code}",
            "{code} was changed by {who} at {when}, after this sheet was exported (the sheet has version "
            "{old}, the ledger {now}); export the ledger again, or add --overwrite {code} to apply this row "
            "over that change",
        ),
        "ledger.ahead": (
            "{code} 的行版本 {old} 比台账（第 {now} 版）还新：本表不是从这个台账导出的，或该格被改动过；"
            "请重新导出台账，或加 --overwrite {code}",
            "{code}: row version {old} is newer than the ledger's ({now}): the sheet was not exported from "
            "this ledger, or the cell was edited; export the ledger again, or add --overwrite {code}",
        ),
        "ledger.stale_units": (
            "{code} 所属任务 {task}（或其上级任务）在本表导出后已被 {who} 于 {when} 修改；"
            "请重新导出台账后再填，或确认以本表为准时加 --overwrite {code}",
            "{code}: task {task} (or a task it inherits units from) was changed by {who} at {when}, after this "
            "sheet was exported; export the ledger again, or add --overwrite {code} to apply this row's units "
            "over that change",
        ),
        "ledger.stale_report": (
            "{code} 在本表导出后有新的进展报送（{who}，{when}）；请重新导出台账后再填，"
            "或确认以本表为准时加 --overwrite {code}",
            "{code}: a newer progress report was filed by {who} at {when}, after this sheet was exported; "
            "export the ledger again, or add --overwrite {code} to file this row's text after it",
        ),
        "ledger.overwrite_unknown": (
            "--overwrite {code}：{source} 中没有这个编号的行",
            "--overwrite {code}: no row of {source} has that code",
        ),
        "ledger.unversioned": (
            "{n} 行没有行版本（旧版导出或手工制作的表）：未检查导出后是否已被他人修改",
            "{n} rows have no row version (an old export or a sheet made by hand): not checked for "
            "changes made since",
        ),
        "ledger.overwritten": (
            "已按本表覆盖导出后他人所作的修改：{codes}",
            "applied over changes made since the export, as asked: {codes}",
        ),
        "ledger.too_big": (
            "{name} 有 {size} MB，超过台账文件的上限 {limit} MB（设置项 import_max_mb）；"
            "请拆分后分批导入，或在设置文件中调高 import_max_mb",
            "{name} is {size} MB, more than the {limit} MB a ledger file may be (setting import_max_mb); "
            "split it, or raise import_max_mb in the settings file",
        ),
        "ledger.unpacks_too_big": (
            "{name} 解压后有 {size} MB，超过 {limit} MB（设置项 import_max_mb 的 {ratio} 倍），不像是台账；"
            "请用 Excel 或 WPS 重新保存，或在设置文件中调高 import_max_mb（现为 {mb}）",
            "{name} unpacks to {size} MB, more than {limit} MB ({ratio}× the setting import_max_mb): not "
            "like a ledger; save it again from Excel or WPS, or raise import_max_mb (now {mb}) in the "
            "settings file",
        ),
        "ledger.too_many_rows": (
            "{name} 超过 {limit} 行（设置项 import_max_rows），未导入任何内容；"
            "请拆分后分批导入，或在设置文件中调高 import_max_rows",
            "{name} has more than {limit} rows (setting import_max_rows), nothing imported; split it, or "
            "raise import_max_rows in the settings file",
        ),
        "ledger.blank_rows": (
            "{name} 中的空行超过 {limit} 行（设置项 import_max_rows），未导入任何内容；"
            "请删除空行后重新保存，或在设置文件中调高 import_max_rows",
            "{name} has more than {limit} empty rows (setting import_max_rows), nothing imported; delete "
            "the empty rows and save it again, or raise import_max_rows in the settings file",
        ),
        "ledger.no_diff": ("没有需要更改的内容", "nothing would change"),
        "ledger.row": ("行", "Row"),
        "ledger.f.completed_on": ("完成日期", "Completed on"),
        "ledger.f.due_text": ("时限原文", "Due as written"),
        "ledger.f.aspirational": ("力争", "Aspirational"),
        "ledger.f.accepted_by": ("认定人", "Accepted by"),
        "ledger.f.accepted_at": ("认定时间", "Accepted at"),
        "ledger.f.remark": ("备注", "Remark"),
    }
)

# Loading plan files (`tasktrack seed load`, `import plan --load`): refusing a plan already there, the diff
MESSAGES.update(
    {
        "load.exists": (
            "{source}：规划 {plan}（{doc_no}，{title}）已在台账中（{by}相同），未载入任何内容；"
            "如要用此文件更新该规划，请运行 {command}（加 --dry-run 先查看变更）",
            "{source}: plan {plan} ({doc_no}, {title}) is already in the ledger (same {by}), nothing loaded; "
            "to update it from this file run {command} (add --dry-run to see the changes first)",
        ),
        "load.by_key": ("编号", "key"),
        "load.by_doc_no": ("发文字号", "document number"),
        "load.by_both": ("编号和发文字号", "key and document number"),
        "load.two_plans": (
            "{source}：规划 {file_key} 的编号与台账中的 {plan} 相同，发文字号却与 {other} 相同，无法确定要更新哪一个；"
            "请改正文件中的 key 或 doc_no",
            "{source}: plan {file_key} has the key of {plan} but the document number of {other} in the ledger; "
            "correct its key or doc_no in the file",
        ),
        "load.same_plan_twice": (
            "{source}：文件中有两个规划对应台账中的同一规划 {plan}；请删去其中一个",
            "{source}: two plans of the file are plan {plan} of the ledger; remove one of them",
        ),
        "load.ambiguous": (
            "{source}：文件中的{entity} {code} 按原文可对应台账中的 {codes}，无法确定是哪一个；"
            "请在文件中把它的编号改为其中之一",
            "{source}: {entity} {code} of the file matches {codes} in the ledger by its quote; "
            "give it the code of the one it updates",
        ),
        "load.conflicts": (
            "{source}：文件中有 {n} 项是新的，编号却与台账中另一事项相同：{items}；未载入任何内容。"
            "请在文件中改用台账未用的编号（加 --dry-run 可列出全部）",
            "{source}: {n} new items of the file have the code of another item of the ledger: {items}; "
            "nothing loaded. Give them codes the ledger does not use (--dry-run lists them all)",
        ),
        "diff.conflict": ("冲突", "conflict"),
        "diff.why.conflict": ("文件中为“{new}”，台账中此编号为“{old}”", "“{new}” in the file; the ledger's is “{old}”"),
        "load.dry_run": ("试运行，未写入任何内容：{source}：{summary}", "dry run, nothing written: {source}: {summary}"),
        "load.skipped": (
            "{source} 中的规划已在台账中，未再载入（加 --update 可按它更新）",
            "the plans of {source} are in the ledger already, not loaded again (--update updates them)",
        ),
        "load.nothing": ("无变化", "nothing would change"),
        "diff.head": (
            "{source} → 台账中的规划 {plan}（按{by}对应）：新增 {added} 项，修改 {changed} 项，保留 {kept} 项",
            "{source} → plan {plan} of the ledger (same {by}): {added} to add, {changed} to change, {kept} left as they are",
        ),
        "diff.top": ("顶层", "the top level"),
        "diff.add": ("新增", "add"),
        "diff.change": ("修改", "change"),
        "diff.keep": ("保留", "keep"),
        "diff.why.not_in_file": ("文件中没有，保留", "not in the file, kept"),
        "diff.why.key": (
            "文件中为 {new}，保留 {old}（命令和定时任务以它指称本规划）",
            "{new} in the file, kept {old} (commands and cron lines name the plan by it)",
        ),
        "diff.why.short_title": ("文件中为 {new}，保留 {old}", "{new} in the file, kept {old}"),
        "diff.why.by_people": (
            "载入后已有人修改为 {old}，不按文件改为 {new}",
            "changed in the ledger since it was loaded ({old}), kept; the file says {new}",
        ),
        "diff.why.code": (
            "按原文对应，文件中编号为 {new}，保留编号 {old}",
            "matched by its quote; {new} in the file, kept code {old}",
        ),
        "diff.why.placement": (
            "文件中位于 {new} 之下，保留在 {old} 之下",
            "under {new} in the file, kept under {old}",
        ),
        "diff.why.owners": (
            "已有责任单位，文件所列 {new} 未采用",
            "has owners already; the file's {new} not applied",
        ),
    }
)

# `tasktrack review`: the review loop (督办)
MESSAGES.update(
    {
        "review.ref": ("编号", "Ref"),
        "review.what": ("事项", "What"),
        "review.unit": ("申请单位", "Unit"),
        "review.asks": ("内容", "Asks"),
        "review.state": ("状态", "State"),
        "review.kind.due": ("延期申请", "extension request"),
        "review.kind.target": ("调整申请", "adjustment request"),
        "review.kind.closure": ("申请销号", "closure request"),
        "review.kind.evidence": ("佐证材料", "evidence"),
        "review.st.pending": ("待审核", "pending"),
        "review.st.approved": ("已批准", "approved"),
        "review.st.rejected": ("未通过", "rejected"),
        "review.st.returned": ("已退回", "returned"),
        "review.empty": ("没有待审核的事项", "nothing waits for review"),
        "review.filed": ("已提交 {ref}，待协调人审核（tasktrack review list）", "filed {ref}, pending a coordinator's review (tasktrack review list)"),
        "review.approved": ("{ref} 已通过", "{ref} approved"),
        "review.rejected": ("{ref} 未通过", "{ref} rejected"),
        "review.returned": ("{ref} 已退回", "{ref} returned"),
        "review.adjusted": ("原{what}{old} → 调整为{new}（依据{basis}，{by}批准）", "{what} {old} → {new} (on {basis}, approved by {by})"),
        "review.what.due": ("完成时限", "due date"),
        "review.what.target": ("目标", "target"),
        "review.what.comparison": ("比较方式", "comparison"),
        "review.adjustments": ("调整", "Adjusted"),
    }
)

# --- errors of importers and services (err.imp.*, err.svc2.*) ---
MESSAGES.update(
    {
        # a list of problems, each with its place (importers.planfile.ImportErrors)
        "err.imp.error": ("{source}：{n} 处错误，未载入任何内容：{shown}", "{source}: {n} error, nothing loaded: {shown}"),
        "err.imp.errors": ("{source}：{n} 处错误，未载入任何内容：{shown}", "{source}: {n} errors, nothing loaded: {shown}"),
        "err.imp.sep": ("；", "; "),
        "err.imp.more": ("；另有 {n} 处", "; and {n} more"),
        "err.imp.at": ("{where}：{reason}", "{where}: {reason}"),
        "err.imp.more_short": (" …（另有 {n} 项）", " …(+{n})"),
        "err.imp.clash": ("{entity} {code}（{new} ≠ {old}）", "{entity} {code} ({new} ≠ {old})"),
        # files
        "err.imp.no_file": ("找不到文件 {path}，请检查路径", "no file {path}; check the path"),
        "err.imp.cannot_read": ("无法读取 {path}：{why}", "cannot read {path}: {why}"),
        "err.imp.not_utf8": ("{path} 不是 UTF-8 编码的文本，请另存为 UTF-8", "{path} is not UTF-8 text; save it as UTF-8"),
        "err.imp.yaml_invalid": ("YAML 格式有误", "invalid YAML"),
        "err.imp.yaml": ("{path}：不是有效的 YAML：{problem}", "{path}: not valid YAML: {problem}"),
        "err.imp.yaml_at": (
            "{path}：不是有效的 YAML（第 {line} 行第 {column} 列）：{problem}",
            "{path}: not valid YAML at line {line}, column {column}: {problem}",
        ),
        # a plan file's values (importers.planfile)
        "err.imp.top": ("顶层", "top level"),
        "err.imp.top_mapping": ("应为包含 format、layer 和 plans 的映射", "must be a mapping with format, layer and plans"),
        "err.imp.plan_place": ("规划 {plan}", "plan {plan}"),
        "err.imp.task_place": ("规划 {plan} 任务 {task}", "plan {plan} task {task}"),
        "err.imp.required": ("必须填写", "is required"),
        "err.imp.text": ("应为文字，不能是 {kind}", "must be text, not {kind}"),
        "err.imp.whole": ("应为整数（如 2021），不能是 {value}", "must be a whole number such as 2021, not {value}"),
        "err.imp.flag": ("应为 true 或 false，不能是 {value}", "must be true or false, not {value}"),
        "err.imp.one_of": ("{value} 不是可选值（{choices}）之一", "{value} is not one of {choices}"),
        "err.imp.list": ("应为列表", "must be a list"),
        "err.imp.mapping": ("应为键值映射", "must be a mapping of keys to values"),
        "err.imp.confidence": ("应在 0 到 1 之间，不能是 {value}", "must be between 0 and 1, not {value}"),
        "err.imp.names": ("应为单位名称列表", "must be a list of unit names"),
        "err.imp.pair": ("应写为 {{year: ..., value: ...}}", "must be {{year: ..., value: ...}}"),
        "err.imp.format": ("应为 {want}，不能是 {value}", "must be {want}, not {value}"),
        "err.imp.layer": ("应为 plan 或 demo，不能是 {value}", "must be plan or demo, not {value}"),
        "err.imp.period": ("期间请写作 2021-2025，不能是 {value}", "write the period as 2021-2025, not {value}"),
        "err.imp.lead_in_co": ("{unit} 已是牵头单位", "{unit} is already the lead unit"),
        "err.imp.every_year": ("年份请写作 [2021, 2025]", "write the years as [2021, 2025]"),
        "err.imp.target_required": ("{kind} 类目标须填写目标值（仅 event 类可不填）", "is required for this {kind} target (only events have none)"),
        "err.imp.yearly": ("逐年数值请写作 {{2021: 1.6, 2022: 1.7}}", "write yearly values as {{2021: 1.6, 2022: 1.7}}"),
        "err.imp.twice": ("{value} 重复出现", "{value} appears twice"),
        "err.imp.code_twice": ("{kind}编号 {code} 重复出现", "{kind} code {code} appears twice"),
        "err.imp.too_deep": ("任务最多嵌套 {n} 层", "tasks nest at most {n} deep"),
        # a ledger sheet (importers.ledger_sheet)
        "err.imp.cell": ("第 {row} 行，{header}", "row {row}, {header}"),
        "err.imp.no_suffix": ("无后缀名", "no suffix"),
        "err.imp.sheet_suffix": (
            "{name}：台账须为 .csv 或 .xlsx 文件，不能是 {suffix}",
            "{name}: a ledger is read from .csv or .xlsx, not {suffix}",
        ),
        "err.imp.sheet_suffix_xls": (
            "{name}：台账须为 .csv 或 .xlsx 文件，不能是 {suffix}；请另存为 .xlsx",
            "{name}: a ledger is read from .csv or .xlsx, not {suffix}; save it as .xlsx",
        ),
        "err.imp.csv_encoding": (
            "{name} 既不是 UTF-8 也不是 GB18030 编码的文本；请重新另存为 CSV（UTF-8）",
            "{name} is neither UTF-8 nor GB18030 text; save it again as CSV (UTF-8)",
        ),
        "err.imp.csv_bad": ("{name} 第 {row} 行：不是有效的 CSV（{why}）", "{name}, row {row}: not valid CSV ({why})"),
        "err.imp.xlsx_bad": ("{name} 不是可读取的 .xlsx 工作簿（{why}）", "{name} is not an .xlsx workbook that can be read ({why})"),
        "err.imp.no_header": (
            "{source}：前 {n} 行中没有含“编号”的表头行；台账至少需要“编号”列（可用 tasktrack export ledger 导出）",
            "{source}: no header row with 编号 (code) in the first {n} rows; a ledger needs at least the 编号 "
            "column (export one with `tasktrack export ledger`)",
        ),
        "err.imp.no_rows": (
            "{source}：表头在第 {row} 行，但其下没有填写“编号”的行，没有可导入的内容",
            "{source}: the header is on row {row} but no row below it has a 编号; nothing to import",
        ),
        "err.imp.second_column": ("第二个“{header}”列，请只保留一列", "a second {header} column; keep one"),
        "err.imp.same_row": ("{code} 在第 {row} 行也有，请只保留一行", "{code} is also on row {row}; keep one row"),
        "err.imp.nul": ("含有空字符（NUL），请重新输入该格", "contains a NUL byte; retype the cell"),
        "err.imp.no_code": ("为空；每行都须填写节点编号（如 1-M1）", "empty; every row needs the milestone's code (e.g. 1-M1)"),
        "err.imp.not_version": ("{value} 不是行版本；请从导出的表中把该格复制回来", "{value} is not a row version; copy the cell back from the exported sheet"),
        "err.imp.one_lead": ("牵头单位只能有一个，不能是 {names}；其余请填入“配合单位”", "one lead unit only, not {names}; put the others under 配合单位"),
        # a ledger sheet applied (services.ledger_import)
        "err.imp.row_plan": ("本行属于规划 {plan}，但 --plan 指定的是另一个规划", "the row is for plan {plan} but --plan names another plan"),
        "err.imp.no_milestone": ("没有节点 {code}；请用 tasktrack milestone list 查看", "no milestone {code}; see 'tasktrack milestone list'"),
        "err.imp.no_milestone_in": (
            "规划 {plan} 中没有节点 {code}；请用 tasktrack milestone list 查看",
            "no milestone {code} in plan {plan}; see 'tasktrack milestone list'",
        ),
        "err.imp.several_plans": (
            "{code} 在多个规划中（{plans}）；请加 --plan 或“规划”列",
            "{code} is in several plans ({plans}); give --plan or a 规划 column",
        ),
        "err.imp.linked_differs": (
            "{code} 与本表另一行相关联（同一目标），两行所填情况不同；请填写相同的值，或只改其中一行",
            "{code} is linked to another row of this sheet (one target) that records a different fact; give "
            "both rows the same value, or change one of them",
        ),
        "err.imp.parent_lead": (
            "{unit} 是上级任务的牵头单位；请在上级任务中用 tasktrack task assign 修改",
            "{unit} is the lead unit of a parent task; change it there with 'tasktrack task assign'",
        ),
        "err.imp.parent_co": (
            "{unit} 是上级任务的配合单位；请在上级任务中用 tasktrack task assign 移除",
            "{unit} is a co-unit of a parent task; remove it there with 'tasktrack task assign'",
        ),
        "err.imp.units_disagree": (
            "第 {row} 行为任务 {task} 填写了不同的单位；同一任务的各行须一致",
            "row {row} gives task {task} other units; rows of one task must agree",
        ),
        # a plan document (importers.document)
        "err.imp.doc_hint": ("请提供 .txt、.md、.html 或 .docx 文件", "give a .txt, .md, .html or .docx file"),
        "err.imp.doc_folder": ("{path} 是文件夹；{hint}", "{path} is a folder; {hint}"),
        "err.imp.doc_pdf": (
            "{name} 是 PDF 文件，tasktrack 不读取 PDF；请另存为 .docx 或文本",
            "{name} is a PDF, which tasktrack does not read; save it as .docx or text",
        ),
        "err.imp.doc_old": (
            "{name} 是旧版 Word/Excel 文件（.doc/.xls）；请另存为 .docx",
            "{name} is an old Word/Excel file (.doc/.xls); save it as .docx",
        ),
        "err.imp.doc_zip": ("{name} 是压缩包，不是文档；{hint}", "{name} is a zip archive, not a document; {hint}"),
        "err.imp.doc_binary": ("{name} 不是文本文档（二进制数据）；{hint}", "{name} is not a text document (binary data); {hint}"),
        "err.imp.doc_needs_docx": (
            "读取 .docx 需要 python-docx：pip install python-docx",
            "reading .docx needs python-docx; pip install python-docx",
        ),
        "err.imp.doc_bad_docx": ("{name} 不是可读取的 .docx 文件（{kind}）；{hint}", "{name} is not a readable .docx file ({kind}); {hint}"),
        "err.imp.below": ("--below 应在 0 到 1 之间，不能是 {below}", "--below must be between 0 and 1, not {below}"),
        "err.imp.no_drafted": (
            "草稿中没有编号为 {codes} 的条目；请用 tasktrack import review DRAFT 查看",
            "no drafted item with code {codes}; list them with `tasktrack import review DRAFT`",
        ),
        # services
        "err.svc2.as_is": ("{reason}", "{reason}"),
        "err.svc2.someone": ("某人", "someone"),
        "err.svc2.no_store": (
            "此数据库未配置佐证材料存放目录；请设置 TASKTRACK_FILES",
            "no evidence store configured for this database; set TASKTRACK_FILES",
        ),
        "err.svc2.removed_reason": (
            "请说明撤回{entity} #{id} 的理由：加 --reason，如 --reason '报错，重新报送'",
            "say why {entity} #{id} is removed: give --reason, e.g. --reason '报错，重新报送'",
        ),
        "err.svc2.no_row": ("没有 id 为 {id} 的{entity}", "no {entity} with id {id}"),
        "err.svc2.stale": (
            "{entity} {id} 在您打开后已被 {who} 于 {at} 修改（打开时为第 {expected} 版，现为第 {now} 版）；请重新加载后再试",
            "{entity} {id} was changed by {who} at {at} after you opened it (version {expected}, now {now}); "
            "reload and try again",
        ),
        "err.svc2.integrity": ("数据库拒绝了此操作：{why}", "refused by the database: {why}"),
        "err.svc2.reading_period": (
            "无法识别期间 {period}；请写作年度（2021）、2021H1、2021Q3 或 2021-09",
            "period {period} is not understood; write a year (2021), 2021H1, 2021Q3 or 2021-09",
        ),
        "err.svc2.indicator_needs": (
            "指标须有编号和名称，如 专栏2-5 和 高新技术企业",
            "an indicator needs a code and a name, e.g. 专栏2-5 and 高新技术企业",
        ),
        "err.svc2.indicator_code_used": (
            "指标编号 {code} 在本规划中已被使用，请另选编号",
            "indicator code {code} is already used in this plan; choose another code",
        ),
        "err.svc2.indicator_not_editable": (
            "不能修改指标的 {field}；可修改的有：{editable}",
            "cannot edit an indicator's {field}; editable: {editable}",
        ),
        "err.svc2.attribute": ("未知的指标属性 {value}；请用 expected（预期性）或 binding（约束性）", "unknown attribute {value}; use expected or binding"),
        "err.svc2.reading_value": ("指标读数须有数值，如 256 或 1.62", "a reading needs a value, e.g. 256 or 1.62"),
        "err.svc2.reading_exists": (
            "{period} 已有 {actor} 记录的 {value}；如需修改请加 --replace（原值保留在变更记录中）",
            "{period} already has {value} recorded by {actor}; pass --replace to change it (the old value stays "
            "in the history)",
        ),
        "err.svc2.task_needs": (
            "任务须有编号和名称，如 --code 1-3 --title 科技型企业培育",
            "a task needs a code and a title, e.g. --code 1-3 --title 科技型企业培育",
        ),
        "err.svc2.task_code_used": (
            "任务编号 {code} 在本规划中已被使用，请另选编号",
            "task code {code} is already used in this plan; choose another code",
        ),
        "err.svc2.parent_other_plan": ("上级任务 {parent} 属于另一个规划", "parent task {parent} belongs to another plan"),
        "err.svc2.task_too_deep": (
            "任务最多嵌套 {n} 层（工程 → 任务 → 子任务）",
            "tasks nest at most {n} deep (programme → task → sub-task)",
        ),
        "err.svc2.not_editable": ("不能修改 {field}；可修改的有：{editable}", "cannot edit {field}; editable: {editable}"),
        "err.svc2.task_title_empty": ("任务名称不能为空", "a task's title cannot be empty"),
        "err.svc2.not_assigned": ("{unit} 未承担任务 {task}", "{unit} is not assigned to task {task}"),
        "err.svc2.plan_title_empty": ("规划名称不能为空", "a plan's title cannot be empty"),
        "err.svc2.plan_not_editable": ("不能修改规划的 {field}；可修改的有：{editable}", "cannot edit a plan's {field}; editable: {editable}"),
        "err.svc2.plan_own_parent": (
            "规划 {plan} 不能以自身为上位规划；请指定另一个上位规划",
            "plan {plan} cannot implement itself; name another parent plan",
        ),
        "err.svc2.within": ("--within 不能小于 0 天", "--within must be 0 days or more"),
        "err.svc2.smtp_unreachable": (
            "无法连接邮件服务器 {host}:{port}（{why}），未发出任何邮件",
            "cannot reach the SMTP server {host}:{port} ({why}); nothing was sent",
        ),
        "err.svc2.smtp_server": ("邮件服务器 {value} 不是 主机:端口 的形式，如 localhost:25", "SMTP server {value} is not HOST:PORT, e.g. localhost:25"),
        "err.svc2.not_sent": ("未发送：{why}", "not sent: {why}"),
        "err.svc2.report_period": (
            "无法识别报送期间 {period}；请写作 2021-12、2021-W50、2021Q4、2021H2 或 2021",
            "period {period} is not understood; write 2021-12, 2021-W50, 2021Q4, 2021H2 or 2021",
        ),
        "err.svc2.report_needs": (
            "进展报送须填写 --progress、--problems、--next-steps 或 --value 之一",
            "a progress report needs --progress, --problems, --next-steps or --value",
        ),
        "err.svc2.no_report": (
            "没有进展报送 #{id}；请用 tasktrack progress list --all 查看",
            "no progress report #{id}; see 'tasktrack progress list --all'",
        ),
        "err.svc2.duty_needs": (
            "报送职责须指定 --plan（其牵头单位）或 --unit，如 duty add --plan kaizhou-7p ...",
            "a duty needs --plan (its lead units) or --unit, e.g. duty add --plan kaizhou-7p ...",
        ),
        "err.svc2.no_duty": ("没有报送职责 #{id}；请用 tasktrack duty list 查看", "no duty #{id}; see 'tasktrack duty list'"),
        "err.svc2.not_yet": ("截至 {day} 日终，节点 {code} 尚未列入台账", "milestone {code} was not in the ledger yet at the end of {day}"),
        "err.svc2.parent_missing": (
            "规划 {plan}：上位规划 {parent} 不在台账中；请先载入上位规划",
            "plan {plan}: parent plan {parent} is not in the ledger; load it first",
        ),
        "err.svc2.note_empty": ("请填写备注内容", "a note needs some text"),
        "err.svc2.undo_meanwhile": ("“{command}”已被另一次撤销撤回；请再运行一次 undo", "'{command}' was undone by another undo meanwhile; run undo again"),
        "err.svc2.undo_nothing": ("没有可撤销的操作：{who}没有可以撤销的修改", "nothing to undo: {who} has no change left that can be undone"),
        "err.svc2.undo_refused": (
            "无法撤销 {at} 的“{command}”：{what}；请手工修改",
            "cannot undo '{command}' of {at}: {what}; change it by hand",
        ),
        "err.svc2.undo_refused_since": (
            "无法撤销 {at} 的“{command}”：此后 {who} 于 {when} {what}；请先撤销其修改，或手工修改",
            "cannot undo '{command}' of {at}: {who} {what} at {when} since; undo theirs first or change it by hand",
        ),
        "err.svc2.undo_refused_mine": (
            "无法撤销 {at} 的“{command}”：此后 {who} 于 {when} {what}；请手工修改",
            "cannot undo '{command}' of {at}: {who} {what} at {when} since; change it by hand",
        ),
        "err.svc2.undo_unknown": ("该操作修改了撤销功能不认识的 {entity} {id}", "it changed {entity} {id}, which undo does not know"),
        "err.svc2.undo_removed": (
            "该操作撤回了{entity} #{id}，撤销不能将其恢复（变更记录保留了其全部字段：请重新添加）",
            "it removed {entity} #{id}, which undo does not bring back (the change log keeps every field it had: "
            "add it again)",
        ),
        "err.svc2.undo_changed": ("修改了{entity} {label} 的{field}", "changed {entity} {label} {field}"),
        "err.svc2.undo_gone": ("{entity} {id} 已不存在", "{entity} {id} no longer exists"),
        "err.svc2.undo_no_field": ("{entity}已没有字段 {field}", "{entity} has no field {field} any more"),
        "err.svc2.undo_differs": (
            "{entity} {label} 的{field}现为 {now}，不是变更记录所载的 {logged}",
            "{entity} {label} {field} is {now}, not {logged} as the history says",
        ),
        "err.svc2.undo_no_longer": ("{unit} 已不是任务 {task} 的{role}", "{unit} is no longer {role} of task {task}"),
        "err.svc2.undo_other_role": (
            "任务 {task} 此后已另定{role}，不再是 {unit}",
            "task {task} has since been given another {role} than {unit}",
        ),
        "err.svc2.undo_no_unit": ("已没有名为 {unit} 的单位（是否已改名？）", "no unit is called {unit} any more (renamed since?)"),
        "err.svc2.undo_added": (
            "为{target} {target_label} 添加了{entity} {label}",
            "added {entity} {label} to {target} {target_label}",
        ),
        "err.svc2.undo_assigned": ("为任务 {task} 分配了 {unit}", "assigned {unit} to task {task}"),
    }
)
