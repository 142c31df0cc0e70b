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
    # reasons tasktrack writes into the change log, stored in English and shown in the reader's language
    # (tasktrack/reasons.py: the English is also the pattern that reads a stored reason back)
    "why.coord_filed": ("协调人 {actor} 代 {unit} 报送", "filed by coordinator {actor} for {unit}"),
    "why.approved": ("申请 r{id}：{basis}；{by} 申请，{approver} 批准", "r{id} {basis}; requested by {by}, approved by {approver}"),
    "why.undo": ("撤销第 {id} 号操作（{name}）", "undo {id} ({name})"),
    "why.link_follow": ("随关联节点 {label} 同步", "following its link to {label}"),
    "why.fed": ("由节点 {source} 的实际值计入", "fed by milestone {source}"),
    "err.store.fk_row": ("表 {table} 第 {row} 行指向 {parent} 中不存在的行", "{table} row {row} → {parent}"),
    "err.store.fk_unvalidated": ("表 {table} 的外键 {name} 未经校验", "{table}: {name} not validated"),
    "restore.summary": (
        "{path}：结构版本 {revision}，规划 {plans} 个，节点 {milestones} 个，变更记录 {changes} 条（最近一条 {last}），成员 {members} 人",
        "{path}: revision {revision}, {plans} plans, {milestones} milestones, {changes} changes (last {last}), "
        "{members} members",
    ),
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

# --- errors of domain/, config and store/ (err.dom., err.cfg., err.store.) ---
MESSAGES.update(
    {
        "err.dom.or": ("{a} 或 {b}", "{a} or {b}"),
        # dates (domain/dates.py, domain/data_due.py)
        "err.dom.date.examples": (
            "2021-08-23、2021年8月23日、2021年底、2021年三季度、+3d 或 next friday",
            "2021-08-23, 2021年8月23日, 2021年底, 2021年三季度, +3d or next friday",
        ),
        "err.dom.date.cadence_examples": ("每月25日前、每季度末、双月、每半年", "每月25日前, 每季度末, 双月, 每半年"),
        "err.dom.date.empty": ("日期为空：请填写日期，如 {examples}", "empty date; write e.g. {examples}"),
        "err.dom.date.no_year": ("“{raw}”缺少年份：请写成 {fixed}", '"{raw}" has no year; write {fixed}'),
        "err.dom.date.recurs": (
            "“{raw}”是每期都有的周期性时限，不是一个完成时限：请写一个日期，如 {example}",
            '"{raw}" recurs in every period, not one due date; write one, e.g. {example}',
        ),
        "err.dom.date.not_recurring": (
            "无法识别周期性时限“{raw}”：请写成如 {examples}",
            '"{raw}" is not a recurring deadline tasktrack can read; write e.g. {examples}',
        ),
        "err.dom.date.year0": (
            "“{raw}”的年份为0：请写四位年份，如 {example}",
            '"{raw}" has year 0; write a four-digit year, e.g. {example}',
        ),
        "err.dom.date.month": (
            "“{raw}”的月份为{m}：月份应为1至12，如 {y}年12月 或 {y}-12-31",
            '"{raw}" has month {m}; write a month from 1 to 12, e.g. {y}年12月 or {y}-12-31',
        ),
        "err.dom.date.no_such_day": (
            "“{raw}”不是有效日期（{y}年{m}月只有{last}天）：请写成如 {y}-{m:02d}-{last:02d} 或 {y}年{m}月{last}日",
            '"{raw}" is not a real date ({y}-{m:02d} has {last} days); '
            "write e.g. {y}-{m:02d}-{last:02d} or {y}年{m}月{last}日",
        ),
        "err.dom.date.backwards": (
            "“{raw}”的结束年份早于起始年份：请先写较早的年份，如 {b}—{a}年",
            '"{raw}" ends before it starts; write the earlier year first, e.g. {b}—{a}年',
        ),
        "err.dom.date.cadence_day": (
            "“{raw}”的日期为{day}日：应为1至31日，如 每月25日前",
            '"{raw}" has day {day}; write a day from 1 to 31, e.g. 每月25日前',
        ),
        "err.dom.date.no_cadence": (
            "“{raw}”开头不是周期性时限：请写成如 {examples}",
            '"{raw}" does not open with a recurring deadline; write e.g. {examples}',
        ),
        "err.dom.date.relative": (
            "“{raw}”是相对日期，但没有给出当天日期：请写具体日期，如 2021-08-23",
            '"{raw}" is relative, but no today was given; write a date, e.g. 2021-08-23',
        ),
        "err.dom.date.no_order": (
            "“{raw}”缺少年份，日、月顺序也不明确：请写成如 2021-08-23",
            '"{raw}" has no year and no clear day/month order; write e.g. 2021-08-23',
        ),
        "err.dom.date.two_digit_year": (
            "“{raw}”的年份只有两位：请写成 {fixed}",
            '"{raw}" has a two-digit year; write {fixed}',
        ),
        "err.dom.date.sign": (
            "“{raw}”缺少正负号：请写 +{core}（从今天往后）或 -{core}（往前）",
            '"{raw}" needs a sign; write +{core} (from today on) or -{core} (back)',
        ),
        "err.dom.date.unreadable": (
            "无法识别日期“{raw}”：请写成如 {examples}",
            '"{raw}" is not a date tasktrack can read; write e.g. {examples}',
        ),
        "err.dom.date.could_be": ("（可能是 {dates}）", " (could be {dates})"),
        "err.dom.date.lost": (
            "“{raw}”像是漏写了年月日的日期{could}：请写完整，如 {iso} 或 {cn}",
            '"{raw}" looks like a date that lost its 年月日{could}; write it in full, e.g. {iso} or {cn}',
        ),
        "err.dom.date.why_order": ("日、月顺序不明确", "day and month order"),
        "err.dom.date.why_order_year": ("日、月顺序不明确，年份只有两位", "day and month order, two-digit year"),
        "err.dom.date.ambiguous": (
            "“{raw}”有歧义（{why}）：请写成 {iso} 或 {cn}",
            '"{raw}" is ambiguous ({why}); write {iso} or {cn}',
        ),
        "err.dom.data_due": (
            "数据报送时限“{raw}”既不是周期性时限，也不是日期：请写成如 每季度末、每月25日前、每年 或 2022-01-31",
            'data deadline "{raw}" is neither a recurring deadline nor a date; write e.g. 每季度末, '
            "每月25日前, 每年 or 2022-01-31",
        ),
        # duties (domain/duties.py)
        "err.dom.duty.unreadable": (
            "无法识别报送要求“{text}”：请写成如 每月25日前报送进展、每月底前报送进展 或 每季度末报送指标数据",
            "{text!r} is not a duty tasktrack can read; write e.g. 每月25日前报送进展, 每月底前报送进展 or 每季度末报送指标数据",
        ),
        "err.dom.duty.no_what": (
            "“{text}”只写了报送时限，没有写报送什么：请写成如 每月25日前报送进展",
            "{text!r} says when but not what is filed, e.g. 每月25日前报送进展",
        ),
        # numbers and one-line text (domain/numbers.py, domain/text.py)
        "err.dom.number.not_number": (
            "{what} 应为数字，不能是 {value}：请写成如 56、-5 或 1.55",
            "{what} must be a number, not {value}; write e.g. 56, -5 or 1.55",
        ),
        "err.dom.number.empty": (
            "{what} 为空：请填写数字，如 56；没有数值请写 none",
            "{what} is empty; write a number such as 56, or none for no value",
        ),
        "err.dom.number.too_big": (
            "{what} 应为绝对值小于10^15的有限数，不能是 {value}：请写成如 56 或 1.55",
            "{what} must be a finite number below 10^15 in size, not {value}; write e.g. 56 or 1.55",
        ),
        "err.dom.one_line": (
            "{what} 只能是一行文字，不能含控制字符或换行（现为“{shown}”）：请删去后重试",
            "{what} must be one line without control characters or line breaks, not '{shown}'; "
            "remove them and try again",
        ),
        # 考核 rules files (domain/scoring.py)
        "err.dom.rules.cannot_read": ("无法读取考核规则文件 {path}：{why}", "cannot read the rules file {path}: {why}"),
        "err.dom.rules.not_toml": ("{source} 不是有效的 TOML 文件：{why}", "{source} is not TOML: {why}"),
        "err.dom.rules.none": (
            "{source} 中没有 [[rule]] 表：默认规则见 tasktrack report scores --show-rules",
            "{source} has no [[rule]] tables; see the default: tasktrack report scores --show-rules",
        ),
        "err.dom.rules.field": ("{where}：{field}", "{where}: {field}"),
        "err.dom.rules.rule": ("{source}：第{n}条规则", "{source}: rule {n}"),
        "err.dom.rules.named_rule": ("{source}：第{n}条规则（{name}）", "{source}: rule {n} ({name})"),
        "err.dom.rules.weights": (
            "{source}：各比率规则的 weight 合计为 {weights:g}，与满分 full = {full:g} 不一致：请调整为相等",
            "{source}: the rate rules' weights add up to {weights:g}, not full = {full:g}; make them equal",
        ),
        "err.dom.rules.title": ("{source}：title 应为文字", "{source}: title must be text"),
        "err.dom.rules.not_table": ("{where}不是一个表（table）", "{where} is not a table"),
        "err.dom.rules.unknown_key": (
            "{where}：没有 {key!r} 这个键，可用的键为 {keys}",
            "{where}: unknown key {key!r}; the keys are {keys}",
        ),
        "err.dom.rules.no_name": ('{where}缺少名称：请写如 name = "按时完成率"', '{where} needs a name, e.g. name = "按时完成率"'),
        "err.dom.rules.kind": ("{where}：kind 应为 {kinds} 之一，不能是 {kind!r}", "{where}: kind must be one of {kinds}, not {kind!r}"),
        "err.dom.rules.measure": (
            "{where}：measure 应为 {measures} 之一，不能是 {measure!r}",
            "{where}: measure must be one of {measures}, not {measure!r}",
        ),
        "err.dom.rules.name_en": ("{where}：name_en 应为文字", "{where}: name_en must be text"),
        "err.dom.rules.rate_keys": (
            "{where}：比率规则（rate）用 weight（及 if_none），不用 per 或 cap",
            "{where}: a rate rule takes weight (and if_none), not per or cap",
        ),
        "err.dom.rules.if_none": (
            '{where}：if_none 应为 "full" 或 "zero"，不能是 {value!r}',
            '{where}: if_none must be "full" or "zero", not {value!r}',
        ),
        "err.dom.rules.deduction_keys": (
            "{where}：扣分规则（deduction）用 per（及 cap），不用 weight 或 if_none",
            "{where}: a deduction rule takes per (and cap), not weight or if_none",
        ),
        "err.dom.rules.number": ("{what} 应为不小于0的数，不能是 {value!r}", "{what} must be a number 0 or more, not {value!r}"),
        # statuses and reporting periods (domain/vocab.py, domain/periods.py)
        "err.dom.status": (
            "没有“{word}”这个状态：请用 {names} 之一（或 未启动/推进中/已完成/受阻/已取消/已销号）",
            "unknown status {word!r}; use one of {names} (or 未启动/推进中/已完成/受阻/已取消/已销号)",
        ),
        "err.dom.period": (
            "“{period}”不是报送期：请写成如 2022、2022H1、2022Q1、2022-03 或 2022-W02",
            "not a period: {period!r}; write 2022, 2022H1, 2022Q1, 2022-03 or 2022-W02",
        ),
        "err.dom.rules.too_many": ("{what} 为 {value!r}：分值最多为1000", "{what} is {value!r}; points are at most 1000"),
        # the settings file (config.py)
        "err.cfg.kind.number": ("数字", "a number"),
        "err.cfg.kind.whole": ("整数", "a whole number"),
        "err.cfg.kind.whole_list": ("整数列表", "a list of whole numbers"),
        "err.cfg.kind.text_list": ("文字列表", "a list of texts"),
        "err.cfg.kind.text": ("文字", "text"),
        "err.cfg.type": ("设置文件 {path}：{key} 应为{kind}，不能是 {value!r}", "settings file {path}: {key} must be {kind}, not {value!r}"),
        "err.cfg.not_toml": (
            "设置文件 {path} 不是有效的 TOML（{why}）：请修改或删除该文件",
            "settings file {path} is not valid TOML ({why}); fix or remove it",
        ),
        "err.cfg.unknown_key": (
            "设置文件 {path}：没有 {key!r} 这个设置项；可用的设置项：{keys}",
            "settings file {path}: unknown key {key!r}; known keys: {keys}",
        ),
        "err.cfg.lang": (
            '设置文件 {path}：lang 应为 "zh" 或 "en"，不能是 {value!r}',
            'settings file {path}: lang must be "zh" or "en", not {value!r}',
        ),
        "err.cfg.at_least_1": ("设置文件 {path}：{key} 不能小于1，现为 {value}", "settings file {path}: {key} must be at least 1, not {value}"),
        "err.cfg.points": (
            "设置文件 {path}：须满足 0 <= amber_points <= red_points",
            "settings file {path}: need 0 <= amber_points <= red_points",
        ),
        "err.cfg.contact": (
            "{what}：“{text}”不是联系人：请写成 姓名 <邮箱>，如 王副区长 <wang@example.gov.cn>",
            "{what}: {text!r} is not a contact; write NAME <EMAIL>, e.g. 王副区长 <wang@example.gov.cn>",
        ),
        "err.cfg.unit_leader": (
            "unit_leaders：“{entry}”不符合 单位=姓名 <邮箱> 的写法，如 区科技局=王副区长 <wang@example.gov.cn>",
            "unit_leaders: {entry!r} is not UNIT=NAME <EMAIL>, e.g. 区科技局=王副区长 <wang@example.gov.cn>",
        ),
        "err.cfg.cc_role": (
            "设置文件 {path}：{key} 中的 {role!r} 无效：请用 {roles}",
            "settings file {path}: {key} lists {role!r}; use {roles}",
        ),
        "err.cfg.in_file": ("设置文件 {path}：{reason}", "settings file {path}: {reason}"),
        # the database (store/)
        "err.store.none_yet": ("暂无", "none yet"),
        "err.store.no_plan": (
            "找不到规划“{ref}”：现有规划 {keys}（用 tasktrack plan list 查看）",
            "no plan {ref}; known plans: {keys} (see 'tasktrack plan list')",
        ),
        "err.store.no_unit": (
            "找不到单位“{ref}”：请用 tasktrack unit list 查看，或用 tasktrack unit add 添加",
            "no unit {ref!r}; see 'tasktrack unit list' or add it with 'tasktrack unit add'",
        ),
        "err.store.no_code": (
            "找不到{thing}“{ref}”：请写 ID 或 PLAN:CODE（规划:编号），用 tasktrack {noun} list 查看",
            "no {thing} {ref!r}; give its id or PLAN:CODE (see 'tasktrack {noun} list')",
        ),
        "err.store.code_in_plans": (
            "{thing}编号“{code}”在多个规划中都有：请写 {choices} 之一",
            "{thing} code {code!r} is in several plans; write one of {choices}",
        ),
        "err.store.no_milestone_id": (
            "找不到 ID 为 {n} 的节点：请用 tasktrack milestone list 查看",
            "no milestone with id {n}; see 'tasktrack milestone list'",
        ),
        "err.store.no_task_id": (
            "找不到 ID 为 {n} 的任务：如指编号为 {n} 的任务，请写 PLAN:{n}",
            "no task with id {n}; for a task coded {n} write PLAN:{n}",
        ),
        "err.store.no_indicator_id": (
            "找不到 ID 为 {n} 的指标：请用 tasktrack indicator list 查看",
            "no indicator with id {n}; see 'tasktrack indicator list'",
        ),
        "err.store.no_dir": (
            "数据库目录 {dir} 不存在：请先创建，或用 --db 指定其他位置",
            "database directory {dir} does not exist; create it or pass another --db",
        ),
        "err.store.migration_breaks": (
            "迁移将使 {count} 处引用失效（第一处在表 {table}），未作任何更改",
            "migration would break {count} references, first in table {table}; nothing was changed",
        ),
        "err.store.schema_newer": (
            "数据库结构版本为 {revision}，比当前 tasktrack 新：请升级 tasktrack",
            "database is at schema {revision}, newer than this tasktrack; upgrade tasktrack",
        ),
        "err.store.schema_nothing": ("空", "nothing"),
        "err.store.schema_behind": (
            "数据库结构版本为 {revision}，不是 {head}：请运行 tasktrack db upgrade",
            "database schema is at {revision}, not {head}; run 'tasktrack db upgrade'",
        ),
        "err.store.schema_read_only": (
            "数据库结构版本为 {revision}，不是 {head}：请在能写入该文件的地方运行 tasktrack db upgrade（这份是只读的）",
            "database schema is at {revision}, not {head}; run 'tasktrack db upgrade' "
            "where the file is writable (this copy is read-only)",
        ),
        "err.store.no_db": ("找不到数据库 {path}：请检查 --db", "no database {path}; check --db"),
        "err.store.no_pg_dump": (
            "未安装 pg_dump：请安装 PostgreSQL 客户端工具后再备份",
            "pg_dump is not installed; install the PostgreSQL client tools to back up",
        ),
        "err.store.pg_dump_failed": ("pg_dump 执行失败：{why}", "pg_dump failed: {why}"),
        "err.store.no_backup": ("找不到备份文件 {path}", "no backup file {path}"),
        "err.store.empty": ("{path} 是空文件，不是 tasktrack 台账，未恢复", "{path} is empty, not a tasktrack ledger; not restored"),
        "err.store.integrity": (
            "{path} 未通过完整性检查（{problem}），未恢复",
            "{path} fails its integrity check ({problem}); not restored",
        ),
        "err.store.not_ledger": (
            "{path} 不是 tasktrack 台账（其中没有台账数据表），未恢复",
            "{path} is not a tasktrack ledger (no ledger tables in it); not restored",
        ),
        "err.store.revision_none": ("无", "none"),
        "err.store.unknown_revision": (
            "{path} 的数据库结构版本为 {revision}，当前版本的 tasktrack 不认识，未恢复",
            "{path} is at schema revision {revision}, which this version of tasktrack does not know; not restored",
        ),
        "err.store.broken_refs": (
            "{path} 有 {count} 处引用失效（第一处在表 {table}），未恢复",
            "{path} has {count} broken references (first in table {table}); not restored",
        ),
        "err.store.chain": (
            "{path} 未通过变更记录校验（第 {row} 条：{kind}），其变更记录在 tasktrack 之外被改动过，未恢复",
            "{path} fails its change-log check (row {row}: {kind}); its history was edited outside tasktrack; not restored",
        ),
        "err.store.chain_kind.unhashed": ("没有哈希", "unhashed"),
        "err.store.chain_kind.altered": ("内容与哈希不符", "altered"),
        "err.store.chain_kind.unlinked": ("与前一条衔接不上", "unlinked"),
        "err.store.chain_kind.unreadable": ("有无法读取的值", "unreadable"),
        "err.store.unreadable": (
            "无法把 {path} 当作 tasktrack 台账读取（{why}），未恢复",
            "{path} cannot be read as a tasktrack ledger ({why}); not restored",
        ),
        "err.store.pg_restore": (
            "PostgreSQL 数据库请用 pg_restore 恢复（见 README“Backups”一节）",
            "restore a PostgreSQL database with pg_restore (see README, 'Backups')",
        ),
    }
)

# --- errors of the services: access, evidence, review, milestones, circulars, units, links ---
MESSAGES.update(
    {
        # access: who may change what
        "err.svc.account": ("账号 {account} ", "account {account}"),  # zh: a space before the verb that follows
        "err.svc.or": ("{first} 或 {rest}", "{first} or {rest}"),
        "err.svc.may_not": ("{who}无权{verb}{what}：{why}；请联系协调人", "{who} may not {verb} {what}: {why}; ask a coordinator"),
        "err.svc.verb.change": ("修改", "change"),
        "err.svc.verb.close": ("销号", "close"),
        "err.svc.verb.load": ("载入", "load"),
        "err.svc.verb.restore": ("恢复", "restore"),
        "err.svc.verb.send": ("发送", "send"),
        "err.svc.verb.review": ("审核", "review"),
        "err.svc.verb.approve": ("批准", "approve"),
        "err.svc.verb.reject": ("驳回", "reject"),
        "err.svc.verb.return": ("退回", "return"),
        "err.svc.verb.issue": ("印发", "issue"),
        "err.svc.verb.void": ("作废", "void"),
        "err.svc.verb.remove": ("撤回", "remove"),
        "err.svc.thing.members": ("成员", "members"),
        "err.svc.thing.units": ("单位", "units"),
        "err.svc.thing.indicators": ("指标", "indicators"),
        "err.svc.thing.readings": ("指标数值", "indicator readings"),
        "err.svc.thing.plan_files": ("规划文件", "plan files"),
        "err.svc.thing.plans": ("规划", "plans"),
        "err.svc.thing.duties": ("报送职责", "reporting duties"),
        "err.svc.thing.assignments": ("分工", "assignments (分工)"),
        "err.svc.thing.links": ("节点关联", "milestone links"),
        "err.svc.thing.feeds": ("节点对应的指标", "milestone feeds"),
        "err.svc.thing.database": ("数据库", "the database"),
        "err.svc.thing.reminders": ("催办通知", "reminders"),
        "err.svc.thing.programmes": ("规划的工程", "the plan's programmes"),
        "err.svc.thing.report": ("进展报告", "a progress report"),
        "err.svc.thing.evidence": ("佐证材料", "evidence"),
        "err.svc.thing.task": ("任务 {code}", "task {code}"),
        "err.svc.thing.milestone": ("节点 {code}", "milestone {code}"),
        "err.svc.thing.milestone_close": ("节点 {code}", "milestone {code} (销号)"),
        "err.svc.thing.report_no": ("进展报告 #{id}", "progress report #{id}"),
        "err.svc.why.coordinator": ("仅限协调人", "only a coordinator may"),
        "err.svc.why.closed": ("该节点已销号，只有协调人可以修改", "it is closed (已销号), only a coordinator may change it"),
        "err.svc.why.no_unit": ("账号 {account} 不属于任何单位", "account {account} is not a member of any unit"),
        "err.svc.why.not_owner": ("{unit}不是任务 {code} 的牵头单位或配合单位", "{unit} neither leads nor co-owns task {code}"),
        "err.svc.why.none_owner": ("{units}均不是任务 {code} 的牵头单位或配合单位", "none of {units} leads or co-owns task {code}"),
        "err.svc.why.send": ("只有协调人可以发送催办通知（可先用 --dry-run 预览）", "only a coordinator sends 催办 notices (use --dry-run)"),
        "err.svc.coordinator_names_unit": (
            "{who}是协调人：代单位提交{what}须写明单位，例如 --unit 区财政局",
            "{who} is a coordinator: {what} filed on a unit's behalf names the unit, e.g. --unit 区财政局",
        ),
        "err.svc.unit_not_owner": (
            "{unit}不是任务 {code} 的牵头单位或配合单位：请先为其分工",
            "unit {unit} is neither lead nor co-unit of task {code}; assign it first",
        ),
        "err.svc.file_for_other_task": (
            "{who}不能以{unit}名义提交任务 {code} 的{what}：{unit}不是该任务的牵头单位或配合单位；请以{mine}名义提交",
            "{who} may not file {what} for {unit} on task {code}: {unit} neither leads nor co-owns it; file it as {mine}",
        ),
        "err.svc.file_for_other_unit": (
            "{who}不能以{unit}名义提交{what}：该账号属于{mine}，不属于{unit}；请以{mine}名义提交，或联系协调人",
            "{who} may not file {what} for {unit}: the account is a member of {mine}, not of {unit}; "
            "file it as {mine} or ask a coordinator",
        ),
        "err.svc.report_not_owner": (
            "{who}不能报送任务 {code}：所属单位均不是该任务的牵头单位或配合单位",
            "{who} may not report on task {code}: none of its units leads or co-owns it",
        ),
        "err.svc.which_unit": (
            "{who}同时属于{mine}，均承担任务 {code}：请说明以哪个单位提交，{choices}",
            "{who} is a member of {mine}, each on task {code}: say which one files this, {choices}",
        ),
        "err.svc.member.unit_or_coordinator": (
            "请说明该账号可修改的范围：--unit 单位，或 --coordinator（二者只选其一）",
            "say what the account may change: --unit UNIT, or --coordinator (not both)",
        ),
        "err.svc.member.first": (
            "第一个成员必须是协调人：有了成员以后，只有成员可以修改，只有协调人可以添加成员；"
            "请先为管理台账的人运行 tasktrack member add {account} --coordinator",
            "the first member must be a coordinator: once anyone is a member, only members may change anything "
            "and only coordinators may add them; run 'tasktrack member add {account} --coordinator' for whoever "
            "manages the ledger first",
        ),
        "err.svc.member.no_role": (
            "PostgreSQL 中没有角色 {account}：在 PostgreSQL 上，成员就是其登录所用的角色；"
            "请先创建（CREATE ROLE {account} LOGIN），再运行 tasktrack member grant",
            "there is no PostgreSQL role {account}: on PostgreSQL a member is the login role it connects as; "
            "create it (CREATE ROLE {account} LOGIN) and run 'tasktrack member grant'",
        ),
        "err.svc.member.a_coordinator": ("协调人", "a coordinator"),
        "err.svc.member.of": ("{unit}的成员", "a member of {unit}"),
        "err.svc.member.already": (
            "{account} 已经是{what}：请用 tasktrack member list 查看",
            "{account} is already {what}; see 'tasktrack member list'",
        ),
        "err.svc.member.none": (
            "{account} 不是成员：请用 tasktrack member list 查看",
            "{account} is not a member; see 'tasktrack member list'",
        ),
        "err.svc.member.none_of": (
            "{account} 不是{unit}的成员：请用 tasktrack member list 查看",
            "{account} is not a member of {unit}; see 'tasktrack member list'",
        ),
        "err.svc.member.last_coordinator": (
            "移除 {account} 后将没有协调人，无人能管理成员：请先添加另一位协调人",
            "removing {account} would leave no coordinator, and no one could manage members; "
            "add another coordinator first",
        ),
        "err.svc.member.bad_account": (
            "“{account}”不是账号名：请填写操作系统账号（或 PostgreSQL 角色），例如 wangwu",
            "{account!r} is not an account name; give the OS account (or PostgreSQL role), e.g. wangwu",
        ),
        "err.svc.grant.sqlite": (
            "SQLite 没有数据库角色：在 SQLite 上由 tasktrack 自行核对成员",
            "SQLite has no database roles; there tasktrack itself checks the members",
        ),
        "err.svc.grant.no_role": (
            "PostgreSQL 中没有角色“{role}”：请先创建（CREATE ROLE ... LOGIN）",
            "there is no PostgreSQL role {role!r}; create it first: CREATE ROLE ... LOGIN",
        ),
        "err.svc.grant.superuser": (
            "{role} 是超级用户或可绕过行级安全策略：请授权给普通角色",
            "{role} is a superuser or bypasses row-level security; grant an ordinary role",
        ),
        # evidence (佐证材料)
        "err.svc.thing.evidence_no": ("佐证材料 #{id}", "evidence #{id}"),
        "err.svc.why.accepted": ("该材料已认定，只有协调人可以撤回", "it was accepted (认定); only a coordinator may"),
        "err.svc.ev.nul": ("文件路径含有空字符（NUL）：请给出普通路径", "file path contains a NUL byte; give a plain path"),
        "err.svc.ev.dangling": ("{path} 是指向不存在文件的符号链接：请附上文件本身", "{path} is a symbolic link to nothing; attach the file itself"),
        "err.svc.ev.no_file": ("找不到文件 {path}：请检查路径", "no file {path}; check the path"),
        "err.svc.ev.not_file": ("{path} 不是普通文件：请附上文件，而不是目录或设备", "{path} is not a regular file; attach a file, not a directory or device"),
        "err.svc.ev.unreadable": ("无法读取 {path}：请检查文件权限", "cannot read {path}; check its permissions"),
        "err.svc.ev.too_large": ("{path} 超过 {mib} MiB：请附上较小的文件", "{path} is larger than {mib} MiB; attach a smaller file"),
        "err.svc.ev.bad_hash": ("“{sha256}”不是 SHA-256 值", "{sha256!r} is not a SHA-256 hash"),
        "err.svc.ev.store_link": (
            "佐证材料库 {store}：{shard}/{blob}… 是符号链接；材料库必须自己保存文件（请运行 tasktrack db check）",
            "evidence store {store}: {shard}/{blob}… is a symbolic link; the store must hold its files itself "
            "(run 'tasktrack db check')",
        ),
        "err.svc.ev.store_not_dir": (
            "佐证材料库 {store} 不是目录：请将其移走，或设置 TASKTRACK_FILES",
            "evidence store {store} is not a directory; move it away or set TASKTRACK_FILES",
        ),
        "err.svc.ev.empty": (
            "佐证材料须有说明（--text）、文号（--doc-no）或文件（--file）",
            "evidence needs a note (--text), a document number (--doc-no) or a file (--file)",
        ),
        "err.svc.ev.none": ("找不到编号为 {id} 的佐证材料：请用 tasktrack evidence list 查看", "no evidence with id {id}; see 'tasktrack evidence list'"),
        "err.svc.ev.no_blob": ("佐证材料 {id} 没有文件", "evidence {id} has no file"),
        "err.svc.ev.missing": (
            "佐证材料 #{id} 的文件 {name} 不在材料库中：请恢复材料库",
            "evidence #{id}'s file {name} is missing from the store; restore the store",
        ),
        "err.svc.ev.altered": (
            "佐证材料 #{id} 保存的文件与其 SHA-256 {sha256}… 不再一致（在材料库中被改动或损坏）；未写出任何内容",
            "evidence #{id}'s stored file no longer matches its SHA-256 {sha256}… (altered or damaged in the store); "
            "nothing written",
        ),
        "err.svc.ev.exists": ("{dest} 已存在：请换一个文件名，或加 --force", "{dest} exists already; choose a new name or add --force"),
        "err.svc.ev.orphan": ("佐证材料 #{id} 不属于任何节点或任务", "evidence #{id} belongs to no milestone or task"),
        # review (督办)
        "err.svc.thing.request": ("申请 {ref}", "request {ref}"),
        "err.svc.thing.evidence_ref": ("佐证材料 {ref}", "evidence {ref}"),
        "err.svc.why.closure_request": (
            "仅限协调人，依据销号申请办理（tasktrack review close-request {code}，由 tasktrack review approve 审定）",
            "only a coordinator may, on a closure request ('tasktrack review close-request {code}', decided with "
            "'tasktrack review approve')",
        ),
        "err.svc.rv.kind.due": ("延期申请", "extension request (延期申请)"),
        "err.svc.rv.kind.target": ("调整申请", "adjustment request (调整申请)"),
        "err.svc.rv.kind.closure": ("销号申请", "closure request (申请销号)"),
        "err.svc.rv.bad_ref": (
            "“{ref}”不是待审核事项的编号：请按 tasktrack review list 所列，写 r<编号>（申请）或 e<编号>（佐证材料）",
            "{ref!r} is not an inbox reference; give r<number> (a request) or e<number> (evidence), as "
            "'tasktrack review list' shows",
        ),
        "err.svc.rv.need_reason": ("请说明理由：{what}须写明 --reason，例如 --reason '{example}'", "say why: {what} needs --reason, e.g. --reason '{example}'"),
        "err.svc.rv.a_request": ("提出申请时", "a request"),
        "err.svc.rv.rejecting": ("驳回 {ref} 时", "rejecting {ref}"),
        "err.svc.rv.returning": ("退回 {ref} 时", "returning {ref}"),
        "err.svc.rv.pending": (
            "节点 {code} 已有待审核的{kind}（{ref}）：请等待协调人审核，用 tasktrack review list 查看",
            "milestone {code} already has a pending {kind} ({ref}); wait for the coordinator's decision, see "
            "'tasktrack review list'",
        ),
        "err.svc.rv.request_fields": (
            "申请只能调整完成时限或目标：请给出 --due 和（或）--target",
            "a request changes the due date or the target; give --due and/or --target",
        ),
        "err.svc.rv.closed_already": ("节点 {code} 已销号", "milestone {code} is closed (已销号) already"),
        "err.svc.rv.no_evidence_to_review": (
            "节点 {code} 没有可供审核的佐证材料：申请销号前请先用 tasktrack evidence add {id} ... 添加",
            "milestone {code} has no evidence to review; add some with 'tasktrack evidence add {id} ...' before "
            "asking to close it (申请销号)",
        ),
        "err.svc.rv.not_closure": (
            "{ref} 不是销号申请：请改为驳回申请或佐证材料",
            "{ref} is not a closure request (申请销号); reject a request or evidence instead",
        ),
        "err.svc.rv.no_request": ("找不到申请 {ref}：请用 tasktrack review list 查看", "no request {ref}; see 'tasktrack review list'"),
        "err.svc.rv.decided": ("申请 {ref} 已是“{state}”（{by}）：无需再审核", "request {ref} is {state} already ({by}); nothing to decide"),
        "err.svc.rv.no_evidence": (
            "节点 {code} 没有佐证材料：销号前请先用 tasktrack evidence add {id} ... 添加",
            "milestone {code} has no evidence; add some with 'tasktrack evidence add {id} ...' before closing it (销号)",
        ),
        "err.svc.rv.unreviewed": (
            "请先审核节点 {code} 的佐证材料（{refs}）：逐项批准或驳回",
            "review the evidence of milestone {code} first ({refs}): approve or reject each",
        ),
        "err.svc.rv.too_few": (
            "节点 {code} 已认定的佐证材料为 {accepted} 项，销号需要 {needed} 项：请退回（tasktrack review return {ref} --reason ...）补充材料",
            "milestone {code} has {accepted} accepted evidence items, closing needs {needed}; return it "
            "(tasktrack review return {ref} --reason ...) for more evidence",
        ),
        "err.svc.rv.unmet": (
            "节点 {code} 已完成但未达标（已完成（未达标））：销号须用文字说明，例如 --note '未达标，原因……'",
            "milestone {code} is done below its target (已完成（未达标）); say so in words to close it: "
            "--note '未达标，原因……'",
        ),
        "err.svc.rv.no_evidence_ref": ("找不到佐证材料 {ref}：请用 tasktrack review list 查看", "no evidence {ref}; see 'tasktrack review list'"),
        "err.svc.rv.accepted_already": ("佐证材料 {ref} 已由 {by} 认定", "evidence {ref} was accepted by {by} already"),
        "err.svc.rv.asks": ("{change}（{basis}）", "{change} ({basis})"),
        "err.svc.rv.asks.change": ("{what} {old} → {new}", "{what} {old} → {new}"),
        "err.svc.rv.asks.and": ("{first}；{rest}", "{first}; {rest}"),
        # milestones (节点)
        "err.svc.cannot_edit": ("不能修改“{field}”：可修改的有 {editable}", "cannot edit {field!r}; editable: {editable}"),
        "err.svc.ms.none": ("找不到节点 {ref}", "no milestone {ref}"),
        "err.svc.ms.no_code": ("节点须有编号：请用 --code 给出，例如 1-M5", "a milestone needs a code; give --code, e.g. 1-M5"),
        "err.svc.ms.code_used": ("节点编号“{code}”在本规划中已被使用：请另选编号", "milestone code {code!r} is already used in this plan; choose another code"),
        "err.svc.ms.due_empty": ("完成时限为空：请写日期，例如 2021-12-31 或 2021年底", "due date is empty; write a date such as 2021-12-31 or 2021年底"),
        "err.svc.ms.due": ("完成时限：{reason}", "due date: {reason}"),
        "err.svc.ms.a_change": ("调整完成时限或目标时", "a change of the due date or target"),
        "err.svc.ms.field.due": ("完成时限", "due"),
        "err.svc.ms.field.target": ("目标", "target"),
        "err.svc.ms.field.comparison": ("比较方式", "comparison"),
        "err.svc.ms.and": ("{first}和{rest}", "{first} and {rest}"),
        "err.svc.ms.say_why": (
            "请说明节点 {code} 的{fields}为何变更：{what}须写明 --reason，例如 --reason '依据区政府第12次常务会议纪要'",
            "say why milestone {code}'s {fields} changes: {what} needs --reason, e.g. --reason '依据区政府第12次常务会议纪要'",
        ),
        "err.svc.ms.reopen": (
            "请说明节点 {code} 为何重新打开：该节点已销号，请用 --note 说明，例如 --note '复核发现数据有误'",
            "say why milestone {code} is reopened: it is closed (已销号); give --note, e.g. --note '复核发现数据有误'",
        ),
        "err.svc.ms.event": ("节点 {code} 是事项类节点（只分完成与否）：请改为设置其状态", "milestone {code} is an event (done or not); set its status instead"),
        "err.svc.ms.comparison": ("无法识别比较方式“{value}”：请用 >=、>、= 或 <=", "unknown comparison {value!r}; use >=, >, = or <="),
        "err.svc.ms.kind": ("无法识别计量方式“{value}”：请用 {names} 之一", "unknown measure kind {value!r}; use one of {names}"),
        # circulars (通报)
        "err.svc.circ.kind.weekly": ("周", "weekly"),
        "err.svc.circ.kind.monthly": ("月度", "monthly"),
        "err.svc.circ.kind.quarterly": ("季度", "quarterly"),
        "err.svc.circ.kind.halfyear": ("半年", "halfyear"),
        "err.svc.circ.kind.annual": ("年度", "annual"),
        "err.svc.thing.issue_numbers": ("通报期号", "the circulars' issue numbers"),
        "err.svc.thing.circular": ("已印发的通报", "an issued circular"),
        "err.svc.why.issue": ("只有协调人可以印发通报（不加 --issue 可先预览）", "only a coordinator issues a circular (leave --issue out to preview it)"),
        "err.svc.why.void": ("只有协调人可以作废通报", "only a coordinator voids a circular"),
        "err.svc.circ.kind": ("期间类型须为 {kinds} 之一，不能是“{kind}”", "the period type must be one of {kinds}, not {kind!r}"),
        "err.svc.circ.issue_no": ("--issue-no 须为 1 或以上", "--issue-no must be 1 or more"),
        "err.svc.circ.issued": (
            "截至 {as_of} 的{kind}通报已印发，为第{no}期：请用 tasktrack report show {no} 打印，或先将其作废",
            "the {kind} circular as of {as_of} is issued already as number {no}; print it with "
            "'tasktrack report show {no}', or void it first",
        ),
        "err.svc.circ.order": (
            "截至 {as_of} 的一期不能排在截至 {last} 的第{no}期之后：期号按日期先后编排，请给出更晚的 --as-of",
            "an issue as of {as_of} cannot follow number {no} as of {last}: issues are numbered in date order; "
            "give a later --as-of",
        ),
        "err.svc.circ.taken": (
            "不能印发第{no}期：本系列已用到第{taken}期（期号不重复使用），请去掉 --issue-no",
            "number {no} cannot be issued: number {taken} is taken already in this series (numbers are never "
            "reused); leave --issue-no out",
        ),
        "err.svc.circ.since": ("--since {since} 晚于通报日期 {as_of}", "--since {since} is after the report date {as_of}"),
        "err.svc.circ.none": (
            "没有印发过第{no}期{kind}通报：请用 tasktrack report issues 查看",
            "no {kind} circular number {no} was issued; 'tasktrack report issues' lists them",
        ),
        "err.svc.circ.scopes": (
            "第{no}期{kind}通报在多个范围印发过（{scopes}）：请用 --plan/--unit/--year 指明",
            "{kind} circular number {no} was issued in several scopes ({scopes}); give --plan/--unit/--year to say which",
        ),
        "err.svc.circ.void_reason": ("请说明作废理由：--reason '数据有误，以第N期为准'", "say why the issue is voided: --reason '数据有误，以第N期为准'"),
        "err.svc.circ.voided": ("第{no}期{kind}通报已于 {on} 作废", "{kind} circular number {no} was voided already on {on}"),
        # units (责任单位)
        "err.svc.unit.retired": (
            "单位 {unit} 已于 {on} 撤销：请选择仍在职的单位（见 tasktrack unit list）",
            "unit {unit} was retired on {on}; choose a unit still in office (see 'tasktrack unit list')",
        ),
        "err.svc.unit.email": ("“{email}”不是电子邮箱地址：请写成 name@example.gov.cn 的形式", "{email!r} is not an e-mail address; write it as name@example.gov.cn"),
        "err.svc.unit.no_name": ("单位须有名称，例如“开州区科学技术局”", "a unit needs a name, e.g. 开州区科学技术局"),
        "err.svc.unit.exists": ("名为“{name}”的单位已存在：请用 tasktrack unit edit 修改", "a unit named {name!r} exists already; edit it with 'tasktrack unit edit'"),
        "err.svc.unit.retire_reason": ("请说明撤销理由：--reason '机构改革，职能并入区科技局'", "say why the unit is retired: --reason '机构改革，职能并入区科技局'"),
        "err.svc.unit.retired_already": ("单位 {unit} 已于 {on} 撤销", "unit {unit} was retired on {on} already"),
        "err.svc.unit.has_tasks": (
            "单位 {unit} 仍牵头或配合 {n} 项任务（{shown}）：请先交给其他单位，"
            "tasktrack task assign TASK --lead UNIT（或 --remove {unit}）",
            "unit {unit} still leads or co-owns {n} tasks ({shown}); give them to another unit first: "
            "tasktrack task assign TASK --lead UNIT (or --remove {unit})",
        ),
        "err.svc.unit.has_members": (
            "单位 {unit} 仍有成员（{accounts}）：请先移除，tasktrack member remove ACCOUNT --unit {unit}",
            "unit {unit} still has members ({accounts}); remove them first: tasktrack member remove ACCOUNT --unit {unit}",
        ),
        "err.svc.unit.empty_name": ("单位名称不能为空", "a unit's name cannot be empty"),
        # links (关联节点, 节点计入指标)
        "err.svc.link.linked_to": ("关联的节点", "is linked to milestone"),
        "err.svc.link.feeds": ("对应的指标", "feeds indicator"),
        "err.svc.link.hidden": (
            "节点 {code} {what} #{id} 在本数据库中不能由该账号修改：请由协调人记录（其修改会同时更新两边）",
            "milestone {code} {what} #{id}, which this account may not change on this database; ask a coordinator "
            "to record it (their change updates both)",
        ),
        "err.svc.link.no_level": (
            "节点 {code} 将 {year} 年的增量计入指标 {indicator}（【累计】），但该指标没有 {prior} 年的数值："
            "请先记录，tasktrack indicator record {indicator} {prior} VALUE",
            "milestone {code} adds its {year} increment to indicator {indicator} (【累计】), which has no level for "
            "{prior}; record it first: tasktrack indicator record {indicator} {prior} VALUE",
        ),
        "err.svc.link.linking": ("关联", "linking"),
        "err.svc.link.unlinking": ("取消关联", "unlinking"),
        "err.svc.link.reason": ("请说明理由：{what}节点须写明 --reason，例如 --reason '{example}'", "say why: {what} milestones needs --reason, e.g. --reason '{example}'"),
        "err.svc.link.not_linked": ("节点 {label} 没有关联：请用 tasktrack milestone show 查看", "milestone {label} is not linked; see 'tasktrack milestone show'"),
        "err.svc.link.event": (
            "节点 {label} 是事项类节点（只分完成与否），没有数值可计入指标",
            "milestone {label} is an event (done or not) and has no value to feed an indicator",
        ),
        "err.svc.link.one_plan": ("{a} 和 {b} 属于同一规划：关联只用于两个规划中的同一目标", "{a} and {b} are of one plan; a link joins the same commitment in two plans"),
        "err.svc.link.already": (
            "{label} 已关联到 {other}：请先取消关联，tasktrack milestone unlink {label}",
            "{label} is already linked to {other}; unlink it first: tasktrack milestone unlink {label}",
        ),
        "err.svc.link.mismatch": (
            "{a}（{a_year}，{a_kind}）和 {b}（{b_year}，{b_kind}）不是同一目标：关联的节点须为同一年度、同一计量方式",
            "{a} ({a_year}, {a_kind}) and {b} ({b_year}, {b_kind}) are not the same commitment: a link joins "
            "milestones of one year and one kind",
        ),
        "err.svc.link.differ": (
            "{a}（{a_actual}，{a_status}）和 {b}（{b_actual}，{b_status}）记录的情况不一致：请先在两边记录正确的情况，再关联",
            "{a} ({a_actual}, {a_status}) and {b} ({b_actual}, {b_status}) record different facts; record the right "
            "one on both first, then link them",
        ),
    }
)

# --- the TUI under --as-of (tui.asof.*, asof.*) ---
MESSAGES.update(
    {
        "tui.asof.context": (
            "截至{date}日终的台账（据变更记录重建，只读）· 操作人 {actor}",
            "as of {date}: the ledger as it stood, rebuilt from the change log (read-only) · acting as {actor}",
        ),
        "tui.asof.short": ("截至{date}日终（只读）", "as of {date} (read-only)"),
        "tui.asof.read_only": (
            "当前查看的是截至{date}日终的台账（据变更记录重建），不能在此修改；如需修改，请不带 --as-of 打开 tasktrack tui",
            "this is the ledger as it stood at the end of {date}, rebuilt from the change log: "
            "nothing can be changed here; open tasktrack tui without --as-of to make changes",
        ),
        "asof.export_now": (
            "注：export ledger 导出的是当前台账（供填写后用 import ledger 导回），序时进度按{date}计算，"
            "不是{date}日终的台账；如需查看当日的台账，请用 tasktrack --as-of {date} milestone list",
            "Note: export ledger writes the ledger as it is now (to fill in and import back), judged on {date}, "
            "not the ledger as it stood at the end of {date}; to see that, use tasktrack --as-of {date} milestone list",
        ),
        "tui.asof.fixed_date": (
            "按 --as-of 查看时，统计日期固定为{date}",
            "under --as-of the date is {date}",
        ),
    }
)


# --- CLI errors, CLI status lines, TUI messages (cli/*.py, tui/**) ---
MESSAGES.update(
    {
        # errors raised in cli/
        "err.cli.option": ("{option}：{reason}", "{option}: {reason}"),
        "err.cli.lang": ("--lang 只能是 zh 或 en，不能是 {value}", "--lang must be zh or en, not {value}"),
        "err.cli.as_empty": ("--as 需要给出姓名，例如 --as 张明", "--as needs a name, e.g. --as 张明"),
        "err.cli.restore_pg": (
            "PostgreSQL 数据库请用 pg_restore 恢复（见 README“Backups”一节）",
            "restore a PostgreSQL database with pg_restore (see README, 'Backups')",
        ),
        "err.cli.restore_no_db": (
            "没有数据库 {target}：恢复需要有被替换的台账（请检查 --db）",
            "no database {target}; restoring needs the ledger it replaces (check --db)",
        ),
        "err.cli.restore_not_coordinator": (
            "{source} 中账号 {account} 不是协调人：恢复它会把台账交给其他账号；请恢复您担任协调人期间的备份",
            "{source} does not list account {account} as a coordinator: restoring it would hand the "
            "ledger to other accounts; restore a backup made while you were a coordinator",
        ),
        "err.cli.head": (
            "--head 应为通报上印的链头：12 至 64 位十六进制数字，不能是 {value}",
            "--head must be the chain head a circular printed: 12 to 64 hex digits, not {value}",
        ),
        "err.cli.year": ("--year {year} 不是年份（应如 2021）", "--year {year} is not a year like 2021"),
        "err.cli.year_needed": ("请给出考核年度，例如 --year 2021", "give the year to score, e.g. --year 2021"),
        "err.cli.export_format": ("--format 只能是 csv 或 xlsx，不能是 {value}", "--format must be csv or xlsx, not {value}"),
        "err.cli.format": ("--format 只能是 {formats} 之一，不能是 {value}", "--format must be one of {formats}, not {value}"),
        "err.cli.no_file": ("没有文件 {path}：请检查路径", "no file {path}; check the path"),
        "err.cli.not_yaml": (
            "{path} 不是规划文件（YAML）：请用 `tasktrack import plan` 起草",
            "{path} is not a plan file (YAML); draft one with `tasktrack import plan`",
        ),
        "err.cli.not_plan_file": ("{path} 不是规划文件（格式 tasktrack/1）", "{path} is not a plan file (format tasktrack/1)"),
        "err.cli.indicator_nothing": (
            "没有要修改的内容：请给出 --owner 单位 和/或 --data-due 每季度末",
            "nothing to change: give --owner UNIT and/or --data-due 每季度末",
        ),
        "err.cli.milestone_nothing": (
            "没有要修改的内容：请给出 --due、--target、--metric、--unit、--comparison、--kind 或 --note",
            "nothing to change; give --due, --target, --metric, --unit, --comparison, --kind or --note",
        ),
        "err.cli.task_nothing": (
            "没有要修改的内容：请给出 --title、--text、--quote、--note 或 --status",
            "nothing to change; give --title, --text, --quote, --note or --status",
        ),
        "err.cli.assign_nothing": (
            "没有要分配的内容：请给出 --lead、--co、--remove 或 --clear-lead",
            "nothing to assign; give --lead, --co, --remove or --clear-lead",
        ),
        "err.cli.unit_nothing": (
            "没有要修改的内容：请给出 --name、--short、--contact、--email 或 --phone",
            "nothing to change; give --name, --short, --contact, --email or --phone",
        ),
        "err.cli.within": (
            "--within 应为天数，如 7d（或周数，如 2w），不能是 {value}",
            "--within must be days like 7d (or weeks like 2w), not {value}",
        ),
        "err.cli.send_only": ("--resend、--dry-run 和 --smtp 须与 --send 一起使用", "--resend, --dry-run and --smtp go with --send"),
        "err.cli.no_smtp": (
            "没有 SMTP 服务器：请用 --smtp 主机:端口 指定，或设置 smtp_host（tasktrack config）",
            "no SMTP server: give --smtp HOST:PORT or set smtp_host (tasktrack config)",
        ),
        "err.cli.not_sent": ("{n} 份通知未发出：{failures}", "{n} notice(s) not sent: {failures}"),
        "err.cli.no_email_unit": (
            "{who} 没有邮箱地址（请用 tasktrack unit edit ... --email 补充）",
            "{who} has no e-mail address (tasktrack unit edit ... --email)",
        ),
        "err.cli.no_email_coordinator": (
            "{who} 没有邮箱地址（请在设置文件中设置 coordinator_email）",
            "{who} has no e-mail address (set coordinator_email in the settings file)",
        ),
        "err.cli.send_failed": ("{who} <{email}>：{why}", "{who} <{email}>: {why}"),
        "err.cli.as_of_twice": (
            "--as-of 给了两次（{first} 和 {second}）：请只给一次",
            "--as-of given twice ({first} and {second}); give it once",
        ),
        "err.cli.as_of_late": ("--as-of 须在打开数据库之前给出", "--as-of must come before anything opened the database"),
        "err.cli.binary": (
            "{fmt} 是二进制格式：请用 -o FILE.{fmt} 写入文件，或把标准输出重定向到文件",
            "{fmt} is binary; give -o FILE.{fmt} or redirect stdout to a file",
        ),
        "err.cli.period_outside": (
            "--as-of {today} 不在 --period {period}（{first} 至 {last}）之内",
            "--as-of {today} is outside --period {period} ({first} to {last})",
        ),
        "err.cli.period_kind": (
            "--period {period} 是 {found} 期间，而本命令生成 {kind} 通报（请用 report {found}）",
            "--period {period} is a {found} period; this is the {kind} circular (use report {found})",
        ),
        "err.cli.draft_issue": ("--draft 与 --issue 互相矛盾：请只给其一", "--draft and --issue contradict each other; give one"),
        "err.cli.issue_no": ("--issue-no 须与 --issue 一起使用（预览不编期号）", "--issue-no goes with --issue (a preview takes no number)"),
        "err.cli.json_format": (
            "--json 与 --format {fmt} 互相矛盾：请只给其一",
            "--json and --format {fmt} contradict each other; give one",
        ),
        # failures that are not the user's input (tasktrack/failures.py: the CLI and the TUI)
        "err.cli.db_readonly": (
            "数据库为只读（{detail}）：此命令需要写入，请在文件可写的地方运行",
            "the database is read-only ({detail}); this command writes, run it where the file is writable",
        ),
        "err.cli.db_locked": (
            "数据库一直被其他写入者锁定（{detail}）：请稍后重试",
            "the database stayed locked by another writer ({detail}); try again",
        ),
        "err.cli.db_cannot_open": (
            "无法打开数据库（{detail}）：请检查 --db 和所在目录的权限",
            "cannot open the database ({detail}); check --db and the directory's permissions",
        ),
        "err.cli.db_damaged": (
            "数据库文件已损坏（{detail}）：请从备份恢复",
            "the database file is damaged ({detail}); restore it from a backup",
        ),
        # status lines: what a command did
        "status.dropped": ("已删去 {n} 项{items} → {target}", "dropped {n} item(s){items} → {target}"),
        "status.imported": (
            "已导入 {source}，{rows} 行：节点 {milestones} 个，任务责任单位 {tasks} 项，进展报送 {reports} 条（修改 {changes} 处）",
            "imported {source}, {rows} rows: {milestones} milestones, {tasks} tasks' units, {reports} progress reports ({changes} changes)",
        ),
        "status.import_dry_run": (
            "试运行，未写入任何内容：{source}，{rows} 行：节点 {milestones} 个，任务责任单位 {tasks} 项，进展报送 {reports} 条（修改 {changes} 处）",
            "dry run, nothing written {source}, {rows} rows: {milestones} milestones, {tasks} tasks' units, {reports} progress reports ({changes} changes)",
        ),
        "status.ignored_columns": ("未使用的列：{columns}", "ignored columns: {columns}"),
        "status.remind_skipped": ("已跳过 {who}：本阶段已发送过（--resend 可再次发送）", "skipped {who}: already sent at this stage (--resend sends it again)"),
        "status.remind_would_send": ("将发送给 {who} <{email}>：{n} 项，{level}", "would send to {who} <{email}>: {n} items, {level}"),
        "status.remind_sent": ("已发送给 {who} <{email}>：{n} 项，{level}", "sent to {who} <{email}>: {n} items, {level}"),
        "rem.level.duty_soon": ("临近报送截止", "reporting deadline near"),
        "rem.level.duty_missing": ("漏报", "missed a report"),
        # `import review`: the draft's items, least certain first
        "status.review_col.kind": ("类别", "kind"),
        "status.review_col.code": ("编号", "code"),
        "status.review_col.conf": ("置信度", "conf."),
        "status.review_col.item": ("事项", "item"),
        "status.review_col.why": ("说明", "why"),
        "status.review_col.quote": ("原文", "quote"),
        "status.drafted": (
            "已起草 {name}：任务 {tasks} 项，节点 {milestones} 个，指标 {indicators} 个，{owned} 项任务写明了责任单位{target}",
            "drafted {name}: {tasks} tasks, {milestones} milestones, {indicators} indicators, units named for {owned} tasks{target}",
        ),
        "status.review_then_load": (
            "请审核草稿，然后用以下命令载入：tasktrack seed load {path}",
            "review the draft, then load it with: tasktrack seed load {path}",
        ),
        "status.db_current": ("{rev}（最新版本 {head}）", "{rev} (head {head})"),
        "status.check_ok": ("检查通过", "ok"),
        "status.check_problems": ("发现问题", "problems found"),
        "status.check_file": ("佐证材料 #{id} {name}：{state}", "evidence #{id} {name}: {state}"),
        "status.file.missing": ("文件缺失", "missing"),
        "status.file.corrupt": ("文件已损坏", "corrupt"),
        # TUI messages
        "tui.msg.actual_value": ("实际值", "actual value"),
    }
)

# --- help: Typer help (each English text is also its message id: tasktrack/cli/helpwords.py), the help
# panels' own words, Click's usage errors (read by tasktrack/cli/params.py), and Textual's own key and
# palette words (tasktrack/tui/keys.py) ---
MESSAGES.update(
    {
        "help.app": ("跟踪规划的任务分工、牵头单位、年度目标和佐证材料。", "Track a government plan's tasks, responsible units, dated targets and evidence.\n\n跟踪规划的任务分工、牵头单位、年度目标和佐证材料。"),
        "help.opt.db": ("数据库：文件路径或 SQLAlchemy URL（环境变量 TASKTRACK_DB；默认：数据目录中的 tasktrack.db）。", "Database: a file path or a SQLAlchemy URL (env TASKTRACK_DB; default: tasktrack.db in your data directory)."),
        "help.opt.actor": ("操作人，记入变更记录（默认：当前系统账号）。", "Who is acting, for the change log (default: your OS account)."),
        "help.opt.as_of": ("以该日期作为“今天”（2022-01-10、2021年底、+3d ……）。", "Evaluate 'today' as this date (2022-01-10, 2021年底, +3d ...)."),
        "help.opt.lang": ("zh 或 en（默认：按设置，其次按系统语言）。", "zh or en (default: settings, then locale)."),
        "help.opt.version": ("显示版本号后退出。", "Print the version and exit."),
        "help.init": ("创建数据库（已有的则升级到最新结构），并显示其位置。", "Create the database (or bring an existing one up to date) and print where it is."),
        "help.history": ("查看变更记录：谁在何时把什么从什么改成什么，理由是什么。", "Show who changed what, when, from what to what, and why."),
        "help.history.item": ("节点 ID 或编号（加 --task 时为任务）；默认：全部。", "Milestone id or code (a task with --task); default: everything."),
        "help.history.task": ("ITEM 是任务：显示任务及其节点的变更。", "ITEM is a task: its changes and its milestones'."),
        "help.history.unit": ("该单位牵头或配合事项的变更。", "Changes to items this unit leads or co-owns."),
        "help.history.actor": ("以该名字（即 --as 所记）所作的变更。", "Changes made under this name (as shown, --as)."),
        "help.history.account": ("该账号（系统账号；PostgreSQL 登录名）所作的变更。", "Changes made by this account (OS account; PostgreSQL login)."),
        "help.history.entity": ("plan、task、milestone、unit、indicator、reading、evidence 或 progress。", "plan, task, milestone, unit, indicator, reading, evidence or progress."),
        "help.history.since": ("自该日期起（2022-01-01、-7d ……）。", "From this date (2022-01-01, -7d ...)."),
        "help.history.until": ("截至该日期（含当日）。", "Up to and including this date."),
        "help.history.limit": ("最多 N 条（最新的在前）。", "At most N changes (newest first)."),
        "help.history.json_out": ("以 JSON 输出。", "Print JSON."),
        "help.undo": ("撤销你的上一条命令（一次导入或批量修改算作一条），以补偿性变更记入。\n\n变更记录同时保留原命令和撤销。若此后已有人在其基础上作了修改，则拒绝撤销，不作任何改动；再次运行可继续向前撤销（撤销本身不能再撤销）。", "Undo your last command (a whole import or bulk edit counts as one) by recording compensating changes.\n\nThe history keeps the command and its undo. Refused, changing nothing, when someone has built on the\ncommand since; run it again to walk further back (an undo itself is never undone)."),
        "help.undo.dry_run": ("只显示将撤销的内容，不作改动。", "Only show what would be undone; change nothing."),
        "help.tui": ("打开终端界面：规划树、待办关注、指标、单位和变更记录，可快速修改。", "Open the terminal UI: plan tree, attention list, indicators, units and history, with quick edits."),
        "help.remind": ("催办：每个责任单位一份通知，先列其牵头的逾期、临期、被退回、落后于序时进度和未更新事项，再列其配合的事项。\n\n没有牵头单位的事项发给协调人（设置项 coordinator_name、coordinator_email）。\n退出码：0 无到期事项，10 仅有临期，11 有逾期，12 有落后于序时的（无逾期），13 有未更新的（无逾期或落后），1 出错，2 用法错误。", "Reminders (催办): one notice per responsible unit: overdue, due-soon, returned, behind 序时进度 and\nnot-updated items it leads, then those it helps with as a co-unit.\n\nItems without a lead unit go to the coordinator (settings coordinator_name, coordinator_email).\nExit codes: 0 nothing due, 10 only due soon, 11 overdue present, 12 behind 序时 present (none overdue),\n13 not updated present (none overdue or behind), 1 error, 2 usage error."),
        "help.remind.as_of": ("按该日期计算（同全局选项 --as-of）。", "Evaluate on this date (same as the global --as-of)."),
        "help.remind.within": ("同时列出该天数内到期的事项，如 7d（默认：remind_days 中最大的一项）。", "Also items due within this many days, e.g. 7d (default: largest remind_days)."),
        "help.remind.unit": ("只生成该单位（牵头或配合）的通知。", "Only the notice to this unit (as lead or co-unit)."),
        "help.remind.fmt": ("text、json、email（邮件正文）或 ics（日历）。", "text, json, email (the messages) or ics (calendar)."),
        "help.remind.send": ("把通知分别发邮件给各单位（每个新阶段只发一次）。", "E-mail each unit its notice (each new stage once)."),
        "help.remind.smtp": ("SMTP 服务器 HOST:PORT（默认：设置项 smtp_host）。", "SMTP server HOST:PORT (default: setting smtp_host)."),
        "help.remind.resend": ("与 --send 同用：已发过的也再发。", "With --send: send even what was sent already."),
        "help.remind.dry_run": ("与 --send 同用：只说明将发送什么，不实际发送。", "With --send: say what would be sent; send nothing."),
        "help.remind.output": ("写入这个新文件而不是标准输出（不得是数据库、其 -wal/-shm 文件或佐证材料库）。", "Write to this new file instead of stdout (never the database, its -wal/-shm or the evidence store)."),
        "help.remind.force": ("-o 文件已存在时替换它。", "Replace the -o file if it exists."),
        "help.db": ("数据库结构：升级、查看当前版本。", "Database schema: upgrade, current revision."),
        "help.db.upgrade": ("把数据库迁移到最新结构（没有数据库则新建）。", "Migrate the database to the newest schema (a new database is created)."),
        "help.db.current": ("显示数据库的结构版本，不作改动。", "Print the schema revision of the database without changing it."),
        "help.db.backup": ("写出数据库的一致副本，他人正在写入时也安全（不覆盖已有文件）。\n\n副本先在 DEST 旁的私有目录中生成，完成后再改名为 DEST。", "Write a consistent copy of the database, safe while others are writing (never overwrites).\n\nThe copy is made in a private directory beside DEST and renamed to DEST once complete."),
        "help.db.backup.dest": ("备份写入的新文件（不得是已有文件、数据库或其佐证材料库）。", "New file to write the backup to (never an existing file, the database or its store)."),
        "help.db.restore": ("用检查过的备份替换数据库（仅限协调人）；当前文件先行保留。\n\n备份必须是本版本认识的结构版本的 tasktrack 台账，通过完整性和引用检查，且执行恢复的账号在其中仍是协调人。请先让其他用户停止使用。", "Replace the database with a checked backup (coordinators only); the current file is kept first.\n\nThe backup must be a tasktrack ledger at a schema revision this version knows, pass its integrity\nand reference checks, and keep the restoring account a coordinator. Stop other users first."),
        "help.db.restore.source": ("用 db backup 制作的备份。", "A backup made by 'db backup'."),
        "help.db.restore.dry_run": ("检查备份并显示将替换的内容，不作改动。", "Check the backup and show what it would replace; change nothing."),
        "help.db.check": ("检查数据库的完整性和外键、变更记录的哈希链以及每个佐证文件的 SHA-256；加 --head 时，检查通报所印的链头是否在链中。发现问题时退出码为 1。\n\n数据库所属用户组能写数据库却不能写佐证材料库，也算问题。被中断的写入（evidence add、db backup、-o 文件）在佐证材料库和数据库旁留下、一小时内无人动过的临时文件，也算问题：--clean 会删除它们。更新的临时文件可能属于仍在进行的写入，不予处理。", "Check the database's integrity and foreign keys, the change log's hash chain and every evidence\nfile's SHA-256; with --head, that a circular's chain head is in the chain. Exit 1 on a problem.\n\nAn evidence store the database's group may not write while it may write the database is a problem.\nTemporary files that killed writes left (evidence add, db backup, -o files) in the evidence store and\nbeside the database, untouched for an hour, are problems too: --clean removes them. Younger ones may\nbelong to a write still running and are left alone."),
        "help.db.check.head": ("通报上印的变更记录链头：是否在链中？（可重复）", "A change-log chain head a circular printed: is it in the chain? (repeatable)"),
        "help.db.check.clean": ("删除找到的残留临时文件（并报告删除了什么）。", "Remove the leftover temporary files it finds (and report what it removed)."),
        "help.seed": ("从内置种子数据或规划文件载入规划。", "Load plans from the bundled seed or a plan file."),
        "help.seed.load": ("载入规划。台账中已有的规划，除非加 --update，否则拒绝载入。", "Load plans. A plan already in the ledger is refused unless --update is given."),
        "help.seed.load.files": ("规划文件（YAML，格式 tasktrack/1）。默认：内置的开州规划。", "Plan files (YAML, format tasktrack/1). Default: the bundled Kaizhou plans."),
        "help.seed.load.demo": ("同时载入示例数据（虚构的单位、分工和进展，标为示例）。", "Also load the demonstration layer (fictional units, assignments and progress, labelled as demo)."),
        "help.seed.load.update": ("用文件更新台账中已有的规划（代码或发文字号相同）：显示改动，保留各规划的代码和简称，按编号或原文匹配任务和节点。", "Update plans already in the ledger (same key or 发文字号) from the file: shows the changes, keeps each plan's key and short title, matches tasks and milestones by code or quote."),
        "help.seed.load.dry_run": ("显示载入将带来的改动，不写入。", "Show what loading would change; write nothing."),
        "help.plan": ("规划和行动方案。", "Plans (规划 / 行动方案)."),
        "help.plan.list": ("列出规划及其发文字号和规模。", "List the plans with their document numbers and sizes."),
        "help.plan.show": ("查看一个规划及其工程、任务树。", "Show a plan and its tree of programmes and tasks."),
        "help.plan.show.ref": ("规划代码、发文字号或 ID。", "Plan key, document number or id."),
        "help.task": ("任务：规划的工程、任务和子任务。", "Tasks: programmes, tasks and sub-tasks of a plan."),
        "help.task.list": ("列出任务及其牵头单位和配合单位。", "List tasks with their lead and co-units."),
        "help.task.list.unit": ("牵头或配合单位。", "Lead or co-unit."),
        "help.task.list.text": ("编号、名称或内容中的文字。", "Words in the code, title or text."),
        "help.task.show": ("查看一项任务：全文、原文、责任单位、节点。", "Show a task: full text, source quote, owners, milestones."),
        "help.task.show.ref": ("任务 ID 或 规划:编号。", "Task id or PLAN:CODE."),
        "help.task.add": ("新增任务（不加 --parent 时为工程）。", "Add a task (or a programme, with no --parent)."),
        "help.task.add.code": ("文件中的编号，如 1-5 或 专栏9-4。", "The document's numbering, e.g. 1-5 or 专栏9-4."),
        "help.task.add.title": ("简短名称。", "Short title."),
        "help.task.add.parent": ("同一规划中上级任务的编号。", "Code of the parent task in the same plan."),
        "help.task.add.text": ("全文。", "Full text."),
        "help.task.add.quote": ("出自文件的原句。", "The sentence of the document it comes from."),
        "help.task.edit": ("修改任务的文字或状态；原值保留在变更记录中。", "Change a task's wording or status; the old values stay in the history."),
        "help.task.edit.status": ("状态：not_started、in_progress、done、blocked、cancelled、closed。", "not_started, in_progress, done, blocked, cancelled, closed."),
        "help.task.edit.reason": ("理由：记入变更记录。", "Why: recorded in the history."),
        "help.task.edit.expect_version": ("自该版本后已被修改则拒绝。", "Refuse if changed since this version."),
        "help.task.assign": ("指定任务的牵头单位和配合单位（子任务未单独指定的沿用）。", "Assign the lead unit and co-units of a task (its sub-tasks inherit them unless assigned)."),
        "help.task.assign.lead": ("牵头单位；替换现有牵头单位。", "Lead unit (牵头单位); replaces the current lead."),
        "help.task.assign.co": ("配合单位；可重复。", "Co-unit (配合单位); repeatable."),
        "help.task.assign.remove": ("从任务中去掉的单位；可重复。", "Unit to take off the task; repeatable."),
        "help.task.assign.clear_lead": ("取消任务的牵头单位。", "Leave the task without a lead unit."),
        "help.milestone": ("节点：任务的限时目标（年度目标）。", "Milestones: dated targets of tasks (年度目标)."),
        "help.milestone.list": ("列出节点及其目标、状态、序时灯色和牵头单位。", "List milestones with their targets, status, 序时 colour and lead unit."),
        "help.milestone.list.programme": ("工程（顶层任务）的编号。", "Code of a programme (top-level task)."),
        "help.milestone.list.task": ("任务编号：该任务及其子任务。", "Code of a task: it and its sub-tasks."),
        "help.milestone.list.unit": ("牵头或配合单位（全称、简称或 ID）。", "Lead or co-unit (name, short name or id)."),
        "help.milestone.list.unassigned": ("只列没有牵头单位的。", "Only those with no lead unit."),
        "help.milestone.list.status": ("记录的状态（可重复）：not_started、in_progress、done、blocked、cancelled、closed。", "Stored status (repeatable): not_started, in_progress, done, blocked, cancelled, closed."),
        "help.milestone.list.year": ("目标年度。", "Target year."),
        "help.milestone.list.overdue": ("截至评估日期已逾期的。", "Overdue on the as-of date."),
        "help.milestone.list.due_within": ("评估日期后 N 天内到期的。", "Due within N days of the as-of date."),
        "help.milestone.list.text": ("目标内容、编号、原文或任务名称中的文字。", "Words in the target, code, source quote or task title."),
        "help.milestone.list.limit": ("最多 N 行。", "At most N rows."),
        "help.milestone.list.json_out": ("以 JSON 输出（见 README“JSON output”）。", "Print JSON (see README, 'JSON output')."),
        "help.milestone.show": ("查看一个节点：目标、原文、责任单位、规则判断、佐证材料和变更记录。", "Show one milestone: target, source quote, owners, what the rules say, evidence and history."),
        "help.milestone.show.ref": ("节点 ID 或编号（1-M1、规划:1-M1）。", "Milestone id or code (1-M1, PLAN:1-M1)."),
        "help.milestone.set": ("设置节点状态。完成时记录完成日期；销号需要佐证材料。", "Set a milestone's status. Done records the completion date; closing (销号) needs evidence."),
        "help.milestone.set.ref": ("节点 ID 或编号。", "Milestone id or code."),
        "help.milestone.set.status": ("not_started、in_progress、done、blocked、cancelled、closed（或 未启动/推进中/已完成/受阻/已取消/已销号）。", "not_started, in_progress, done, blocked, cancelled, closed (or 未启动/推进中/已完成/受阻/已取消/已销号)."),
        "help.milestone.set.note": ("理由：记入变更记录。", "Why: recorded with the change."),
        "help.milestone.set.on": ("完成或销号的日期（默认：今天）。", "Completion date for done/closed (default: today)."),
        "help.milestone.set.expect_version": ("你读到该版本后节点已被修改则拒绝。", "Refuse if the milestone changed since you read this version."),
        "help.milestone.progress": ("记录节点的实际完成值。", "Record a milestone's actual value."),
        "help.milestone.progress.value": ("目前的实际值（如 56、1.62 或 -5）；none（或 无）表示清除。", "The actual value so far (e.g. 56, 1.62 or -5); 'none' (or 无) clears it."),
        "help.milestone.progress.note": ("数据来源。", "Where the figure comes from."),
        "help.milestone.add": ("为任务新增节点。", "Add a milestone to a task."),
        "help.milestone.add.task": ("节点所属任务的 ID 或 规划:编号。", "Task id or PLAN:CODE the milestone belongs to."),
        "help.milestone.add.code": ("编号，在规划内唯一（如 1-M5）。", "Code, unique in the plan (e.g. 1-M5)."),
        "help.milestone.add.metric": ("统计或要完成的内容。", "What is counted or achieved."),
        "help.milestone.add.due": ("完成时限（默认：年底）：2021-08-31、8月底前 ……", "Due date (default: end of the year): 2021-08-31, 8月底前 ..."),
        "help.milestone.add.target": ("目标值（事件类为 none）。", "Target value (none for an event)."),
        "help.milestone.add.unit": ("数值的计量单位：家、个、%、万元 ……", "Unit of the value: 家, 个, %, 万元 ..."),
        "help.milestone.add.comparison": (">=、>、= 或 <=。", ">=, >, = or <=."),
        "help.milestone.add.kind": ("increment（增量）、stock（存量）、ratio（比率）、growth（增速）或 event（事件）。", "increment, stock, ratio, growth or event."),
        "help.milestone.add.cumulative": ("累计数。", "A cumulative (累计) figure."),
        "help.milestone.add.quote": ("文件中提出该目标的原句。", "The sentence of the document that states it."),
        "help.milestone.edit": ("修改节点的完成时限、目标或文字；原值保留在变更记录中。\n\n单位成员提出的新完成时限或目标是一项申请（延期申请 / 调整申请，须加 --reason），由协调人批准或驳回（tasktrack review list）；协调人自己修改也须加 --reason。", "Change a milestone's due date, target or wording; the old values stay in the history.\n\nA unit member's new due date or target is a request (延期申请 / 调整申请, --reason required) that a\ncoordinator approves or rejects ('tasktrack review list'); a coordinator's own needs --reason too."),
        "help.milestone.edit.due": ("新的完成时限，文件中的各种写法均可。", "New due date, in any form the documents use."),
        "help.milestone.edit.target": ("新的目标值。", "New target value."),
        "help.milestone.edit.metric": ("目标内容的新写法。", "New wording of the target."),
        "help.milestone.edit.unit": ("数值的新计量单位。", "New unit of the value."),
        "help.milestone.edit.note": ("随节点显示的备注。", "A remark shown with the milestone."),
        "help.milestone.edit.reason": ("修改理由：记入变更记录。", "Why it changed: recorded in the history."),
        "help.milestone.edit.doc_no": ("准予新完成时限或目标的文件（文号）。", "The document (文号) allowing a new due date or target."),
        "help.milestone.link": ("关联两个规划中的同一项承诺：记录一次同时更新两处，催办只催一次。", "Link the same commitment in two plans: one recorded fact updates both, reminders chase it once."),
        "help.milestone.link.ref": ("节点 ID 或编号（规划:编号）。", "Milestone id or code (PLAN:CODE)."),
        "help.milestone.link.other": ("另一规划中的同一项承诺（规划:编号）。", "The same commitment in another plan (PLAN:CODE)."),
        "help.milestone.link.reason": ("为何视为同一项承诺（必填）。", "Why they are one commitment (required)."),
        "help.milestone.unlink": ("取消关联：各节点保留各自的记录，重新分别催办。", "Undo a link: each milestone keeps its facts and is chased on its own again."),
        "help.milestone.unlink.reason": ("为何重新分开跟踪（必填）。", "Why they are tracked apart again (required)."),
        "help.milestone.feed": ("让节点为指标提供数据：其记录的实际值即为（增量类则计入）该指标在节点年度的数据。", "Make a milestone feed an indicator: its recorded actual becomes (or, for an increment, adds to) the\nindicator's reading for the milestone's year."),
        "help.milestone.feed.indicator": ("指标编号（规划:专栏2-3）；none 表示停止提供。", "Indicator code (PLAN:专栏2-3); 'none' stops feeding."),
        "help.milestone.feed.reason": ("理由（记入变更记录）。", "Why (kept in the history)."),
        "help.evidence": ("节点和任务的佐证材料。", "Evidence (佐证材料) for milestones and tasks."),
        "help.evidence.add": ("为节点或任务添加佐证材料，以报送人本单位的名义。", "Attach evidence to a milestone or task, for the filer's own unit."),
        "help.evidence.add.item": ("节点 ID 或编号（加 --task 时为任务）。", "Milestone id or code (a task with --task)."),
        "help.evidence.add.text": ("说明：做了什么，证明在哪里。", "A note: what was done, where the proof is."),
        "help.evidence.add.doc_no": ("作为证明的文件编号。", "Number of the document that proves it."),
        "help.evidence.add.file": ("要保存的文件（复制保存，按内容寻址）。", "A file to keep (copied, content-addressed)."),
        "help.evidence.add.task": ("ITEM 是任务而不是节点。", "ITEM is a task, not a milestone."),
        "help.evidence.add.unit": ("由你在该任务上的哪个单位报送（协调人：代哪个单位报送）。", "Which of your own units on the task files it (a coordinator: the unit it files for)."),
        "help.evidence.list": ("列出佐证材料。", "List evidence."),
        "help.evidence.list.item": ("节点 ID 或编号（加 --task 时为任务）；默认：全部。", "Milestone id or code (a task with --task); default: all."),
        "help.evidence.list.task": ("ITEM 是任务。", "ITEM is a task."),
        "help.evidence.list.plan": ("只列该规划的佐证材料。", "Only this plan's evidence."),
        "help.evidence.get": ("从材料库取出佐证文件，先核对其 SHA-256。", "Get an evidence file back out of the store, checked against its SHA-256 first."),
        "help.evidence.get.evidence_id": ("佐证材料的 ID（见 evidence list）。", "The evidence's id (see 'evidence list')."),
        "help.evidence.get.output": ("把所存文件写入该文件。", "The file to write the stored file to."),
        "help.evidence.get.force": ("OUTPUT 已存在时替换它。", "Replace OUTPUT if it exists."),
        "help.evidence.remove": ("撤回误加的佐证材料；变更记录保留其内容，材料库保留其文件。", "Remove evidence attached in error; the change log keeps what it was, the store keeps its file."),
        "help.evidence.remove.reason": ("撤回理由（记入变更记录）。", "Why it is taken back (kept in the change log)."),
        "help.evidence.verify": ("重新计算每个所存文件的 SHA-256；有缺失或损坏的，退出码为 1。", "Recompute the SHA-256 of every stored file; exit 1 if any is missing or corrupt."),
        "help.indicator": ("指标：基期值、目标值、指标数据。", "Indicators (指标): baselines, targets, readings."),
        "help.indicator.list": ("列出指标：基期值 → 最新值 → 目标值，以及对照序时的进度。", "List indicators: baseline → latest reading → target, and progress against 序时."),
        "help.indicator.list.plan": ("规划代码或 ID。", "Plan key or id."),
        "help.indicator.show": ("查看一个指标及其全部数据。", "Show one indicator with all its readings."),
        "help.indicator.show.ref": ("指标 ID 或编号（专栏2-3）。", "Indicator id or code (专栏2-3)."),
        "help.indicator.edit": ("设置指标的责任单位和报数时限（到期未报的，remind 会催办）。", "Set an indicator's responsible unit and data deadline (remind chases a reading due)."),
        "help.indicator.edit.ref": ("指标 ID 或编号（规划:专栏2-3）。", "Indicator id or code (PLAN:专栏2-3)."),
        "help.indicator.edit.owner": ("负责其数据的单位；none 表示清除。", "The unit responsible for its data; 'none' clears it."),
        "help.indicator.edit.data_due": ("何时报数：每季度末、每月25日前、每年，或某个日期；none 表示清除。", "When a reading is due: 每季度末, 每月25日前, 每年, or a date; 'none' clears it."),
        "help.indicator.record": ("记录指标某一期间的数据。", "Record an indicator's reading for a period."),
        "help.indicator.record.ref": ("指标 ID 或编号。", "Indicator id or code."),
        "help.indicator.record.period": ("2021、2021H1、2021Q3 或 2021-09。", "2021, 2021H1, 2021Q3 or 2021-09."),
        "help.indicator.record.value": ("数据值。", "The reading."),
        "help.indicator.record.note": ("数据来源。", "Source of the figure."),
        "help.indicator.record.replace": ("修改该期间已有的数据。", "Change an existing reading for the period."),
        "help.unit": ("责任单位（牵头 / 配合单位）。", "Responsible units (牵头 / 配合单位)."),
        "help.unit.list": ("列出单位及其联络员。", "List units with their contact person."),
        "help.unit.retire": ("撤销单位（撤销/撤并）：不再承担新任务；已有记录保留。", "Retire a unit (撤销/撤并): it takes no new duties; what it did stays on the record."),
        "help.unit.retire.ref": ("单位 ID、全称或简称。", "Unit id, name or short name."),
        "help.unit.retire.reason": ("理由（如改革文件的文号）；记入变更记录。", "Why (e.g. the reform document's 文号); kept in the log."),
        "help.unit.retire.on": ("自该日期起（默认：今天）。", "From this date (default: today)."),
        "help.unit.add": ("新增单位。", "Add a unit."),
        "help.unit.add.name": ("全称，如 开州区科学技术局。", "Full name, e.g. 开州区科学技术局."),
        "help.unit.add.short_name": ("简称，如 区科技局。", "Short name, e.g. 区科技局."),
        "help.unit.add.contact": ("联络员。", "Contact person (联络员)."),
        "help.unit.add.email": ("催办通知发往的邮箱。", "Where reminders go."),
        "help.unit.edit": ("修改单位名称或联系方式；原值保留在变更记录中。", "Change a unit's name or contact details; the old values stay in the history."),
        "help.member": ("谁可以改什么：尚无成员时，人人可改一切；此后协调人可改一切，单位成员只能改本单位牵头或配合的事项。", "Who may change what: while there are no members everyone may change everything; then coordinators may change everything, a unit's members only what their unit leads or co-owns."),
        "help.member.list": ("列出成员及各自可修改的范围。", "List the members and what each may change."),
        "help.member.add": ("新增单位成员（--unit）或协调人（--coordinator）。", "Add a member of a unit (--unit) or a coordinator (--coordinator)."),
        "help.member.add.account": ("系统账号（SQLite）或 PostgreSQL 登录角色，按系统中的写法，如 wangwu。", "The OS account (SQLite) or PostgreSQL login role, as the system knows it, e.g. wangwu."),
        "help.member.add.unit": ("该账号可修改其任务的单位。", "The unit whose tasks the account may change."),
        "help.member.add.coordinator": ("可修改一切并管理成员（第一个成员必须是协调人）。", "May change everything, and manage members (the first one must be)."),
        "help.member.remove": ("取消账号的成员身份；还有其他成员时，最后一个协调人不能取消。", "Remove an account's membership; the last coordinator cannot go while other members remain."),
        "help.member.remove.unit": ("只取消在该单位的身份（默认：全部身份）。", "Only from this unit (default: every role it has)."),
        "help.member.grant": ("PostgreSQL：允许登录角色在行级安全下使用 tasktrack（须以数据表所有者身份运行）。", "PostgreSQL: let a login role use tasktrack under row-level security (run as the tables' owner)."),
        "help.member.grant.role": ("已有的、不拥有这些数据表的 PostgreSQL 登录角色。", "An existing PostgreSQL login role that does not own the tables."),
        "help.progress": ("责任单位的进展报送。", "Progress reports (进展报送) by responsible units."),
        "help.progress.add": ("新增进展报送。", "Add a progress report."),
        "help.progress.add.item": ("任务 ID 或 规划:编号（加 --milestone 时为节点）。", "Task id or PLAN:CODE (a milestone with --milestone)."),
        "help.progress.add.period": ("2021-12、2021-W50、2021Q4、2021H2 或 2021。", "2021-12, 2021-W50, 2021Q4, 2021H2 or 2021."),
        "help.progress.add.progress": ("进展情况。", "进展情况."),
        "help.progress.add.problems": ("存在问题。", "存在问题."),
        "help.progress.add.next_steps": ("下步打算。", "下步打算."),
        "help.progress.add.value": ("随报送报告的数值。", "A figure reported with it."),
        "help.progress.add.milestone": ("ITEM 是节点。", "ITEM is a milestone."),
        "help.progress.remove": ("撤回误报的进展报送；变更记录保留其全部内容及撤回理由。", "Remove a report filed in error; the change log keeps everything it said, and why it went."),
        "help.progress.remove.report_id": ("报送的 ID（见 progress list --all）。", "The report's id (see 'progress list --all')."),
        "help.progress.list": ("列出进展报送（除非加 --all，每个任务和单位只列最新一份）。", "List progress reports (the latest per task and unit unless --all)."),
        "help.progress.list.unit": ("只列该单位的报送。", "Only this unit's reports."),
        "help.progress.list.all": ("全部报送，不只是每个任务和单位的最新一份。", "Every report, not only the latest per task and unit."),
        "help.review": ("审核：调整完成时限或目标的申请、申请销号、佐证材料。", "Review (审核): requests to move a deadline or target, closure requests (申请销号), evidence."),
        "help.review.list": ("待审核事项，最早的在前；单位成员看到本单位的事项及所提申请的状态。", "What waits for review, oldest first; a unit member sees their own items and their requests' state."),
        "help.review.request": ("请协调人调整节点的完成时限（延期申请）或目标（调整申请）。", "Ask the coordinator to move a milestone's due date (延期申请) or change its target (调整申请)."),
        "help.review.request.due": ("申请的完成时限（延期申请）。", "The due date asked for (延期申请)."),
        "help.review.request.target": ("申请的目标（调整申请）。", "The target asked for (调整申请)."),
        "help.review.request.reason": ("理由（必填）。", "Why (required)."),
        "help.review.request.doc_no": ("准予调整的文件（文号）。", "The document (文号) that allows it."),
        "help.review.close-request": ("凭佐证材料请协调人为节点销号（申请销号）；节点按已完成上报。", "Ask the coordinator to close a milestone (申请销号) on its evidence; it is reported done."),
        "help.review.close-request.note": ("办结报告：做了什么。", "The 办结报告: what was done."),
        "help.review.approve": ("批准申请（申请销号即予销号，签名并注明日期）或认定佐证材料。", "Approve a request (a closure request: 销号, signed and dated) or accept an evidence item."),
        "help.review.approve.ref": ("r<编号>（申请）或 e<编号>（佐证材料），见 review list。", "r<number> (a request) or e<number> (evidence), as 'review list' shows."),
        "help.review.approve.note": ("记录备注（目标未达成而销号时必填）。", "A note for the record (closing a target not met: required)."),
        "help.review.reject": ("驳回申请或佐证材料，并说明理由。", "Reject a request or an evidence item, saying why."),
        "help.review.return": ("退回销号申请：事项恢复为推进中，单位的下一份催办通知会列出它。", "Return a closure request (退回): the item is back in progress and the unit's next reminder lists it."),
        "help.duty": ("报送要求：每月25日前报送进展，每季度末报送指标数据。", "Reporting duties (报送要求): 每月25日前报送进展, 每季度末报送指标数据."),
        "help.duty.add": ("为规划的牵头单位或某一单位设置定期报送要求。", "Set a recurring reporting duty on a plan's lead units or on one unit."),
        "help.duty.add.phrase": ("报送要求原文：每月25日前报送进展、每月底前…、每季度末报送指标数据。", "The duty as written: 每月25日前报送进展, 每月底前…, 每季度末报送指标数据."),
        "help.duty.add.plan": ("规划：由其牵头单位承担（加 --unit 时：就其任务报送）。", "The plan: its lead units carry the duty (with --unit: on its tasks)."),
        "help.duty.add.unit": ("承担该要求的单位。", "The one unit that carries the duty."),
        "help.duty.add.starts": ("第一期，以该期内的某个日期表示（默认：今天所在的一期）。", "First period, as a date in it (default: today's period)."),
        "help.duty.remove": ("删除报送要求；变更记录保留其内容及删除理由。", "Remove a duty; the change log keeps what it was, and why it went."),
        "help.duty.remove.duty_id": ("报送要求的 ID（见 duty list）。", "The duty's id (see 'duty list')."),
        "help.duty.list": ("列出报送要求。", "List the reporting duties."),
        "help.duty.status": ("截至 --as-of 日期各单位每期的报送情况：按时、迟报、漏报或未到期；报送及时率。", "Each unit's filing for each period on the --as-of date: 按时, 迟报, 漏报 or not due yet; 报送及时率."),
        "help.duty.status.year": ("只看该年度的各期。", "Only the periods of this year."),
        "help.duty.status.unit": ("只看该单位。", "Only this unit."),
        "help.duty.status.late": ("只列迟报和漏报。", "Only late (迟报) and missing (漏报) filings."),
        "help.import": ("从文件起草规划文件（规划文本 → 台账草稿）并审核；导入台账表格。", "Draft plan files from documents (规划文本 → 台账草稿), review them; import ledger sheets (台账)."),
        "help.import.plan": ("从规划文件起草规划文件（格式 tasktrack/1）。\n\n章节成为任务，有日期和数值的目标成为节点，指标表成为指标，文中点名的单位（牵头单位 / 责任单位）成为责任单位；每项保留准确的原文和可信度。除非加 --load，否则不载入：先审核草稿，再运行 tasktrack seed load DRAFT。", "Draft a plan file (format tasktrack/1) from a plan document.\n\nSections become tasks, dated and numeric targets milestones, indicator tables indicators, and units the\ntext names (牵头单位 / 责任单位) owners; each item keeps its exact source quote and a confidence.\nNothing is loaded unless --load is given: review the draft, then `tasktrack seed load DRAFT`."),
        "help.import.plan.file": ("文件：.txt、.md、.html 或 .docx。", "The document: .txt, .md, .html or .docx."),
        "help.import.plan.out": ("把草稿写入该文件（默认：直接输出）。", "Write the draft to this file (default: print it)."),
        "help.import.plan.force": ("--out 文件已存在时覆盖它。", "Overwrite the --out file if it exists."),
        "help.import.plan.accept_noise": ("即使文件大部分不是规划内容（网页框架、新闻）也起草，并给出警告。", "Draft even a document that is mostly not a plan (web page furniture, news), with a warning."),
        "help.import.plan.load": ("同时把草稿载入台账，不经审核。", "Also load the draft into the ledger, unreviewed."),
        "help.import.plan.update": ("与 --load 同用：规划已在台账中时更新它（见 seed load）。", "With --load: update the plan if it is in the ledger already (see seed load)."),
        "help.import.review": ("列出草稿各项及其可信度和原文；用 --drop / --below / --accept 修订。\n\n修订后的草稿写入新文件（DRAFT.reviewed.yaml 或 --out）；除非加 --in-place，DRAFT 保持原样。其他内容（目标内容、年度、单位）请直接在 YAML 中修改：它是纯文本。", "List a draft's items with their confidence and quote; --drop / --below / --accept revise it.\n\nThe revised draft goes to a new file (DRAFT.reviewed.yaml, or --out); DRAFT is kept as it was unless\n--in-place is given. Edit anything else (a metric, a year, a unit) in the YAML itself: it is plain text."),
        "help.import.review.draft_file": ("由 import plan --out 生成的草稿。", "A draft from `import plan --out`."),
        "help.import.review.below": ("去掉可信度低于该值（0–1）的所有起草项。", "Drop every drafted item whose confidence is below this (0–1)."),
        "help.import.review.drop": ("去掉该编号的任务、节点或指标（可重复）。", "Drop the task, milestone or indicator with this code (repeatable)."),
        "help.import.review.accept": ("把保留的各项标为已审核（可信度 1）。", "Mark what is kept as reviewed (confidence 1)."),
        "help.import.review.out": ("把审核后的草稿写入这个新文件（默认：DRAFT 的文件名加 .reviewed）。", "Write the reviewed draft to this new file (default: DRAFT's name with .reviewed)."),
        "help.import.review.in_place": ("用审核后的草稿替换 DRAFT 本身（整体替换，不会写一半）。", "Replace DRAFT itself with the reviewed draft (whole, never half-written)."),
        "help.import.review.force": ("--out 文件已存在时替换它。", "Replace the --out file if it exists."),
        "help.import.ledger": ("按台账表格逐行更新节点，要么全部成功，要么全不写入。\n\n按表头识别列，中英文均可：编号/code（必需）、状态/status、实际/actual、完成时限/due、牵头单位/lead、配合单位/co、进展情况/progress、存在问题/problems、下步打算/next steps、规划/plan、行版本/row version。\n\n空单元格（或只有 - 或 —）不作改动；none 或 无 表示清除，与命令行相同：实际 清除实际值，牵头单位 清除任务的牵头单位，配合单位 清除任务自身的配合单位。其他列忽略；其他文字按原样理解（暂无 不是数字）。只要有一行被拒绝（编号或单位不存在、没有佐证材料就销号 ……），就什么都不写入，并逐一指出每个错误所在的行和列。\n请从 tasktrack export ledger 导出的表格开始：其 行版本 列记录每行导出时的版本；若某行会覆盖此后（对节点、其任务的单位或更新的进展报送）所作的修改，则拒绝该行，并指出修改人和时间；不作改动的行照常通过。可重新导出再改，或用 --overwrite 编号（全部则用 --overwrite-stale）让表格中指定的行为准：变更记录会注明该行覆盖了较新的修改。没有该列的表格（旧版导出、手工制作的）不作检查直接应用，并予以说明。\n\n--dry-run 显示每行将修改的每个字段（行、编号、字段、原值 → 新值），不写入。行数或大小超过设置项 import_max_rows 和 import_max_mb（tasktrack config show）的表格将被拒绝。", "Update milestones from a ledger spreadsheet (台账), row by row, all or nothing.\n\nColumns are found by header, Chinese or English: 编号/code (required), 状态/status, 实际/actual,\n完成时限/due, 牵头单位/lead, 配合单位/co, 进展情况/progress, 存在问题/problems, 下步打算/next steps, 规划/plan,\n行版本/row version.\n\nAn empty cell (or a bare - or —) changes nothing; none or 无 clears, as on the CLI: 实际 clears the\nactual value, 牵头单位 the task's lead unit, 配合单位 its own co-units. Other columns are ignored; any\nother word is what it says (暂无 is not a number). If any row is refused\n(an unknown code or unit, closing without evidence ...), nothing is written and every error is named\nwith its row and column.\nStart from `tasktrack export ledger`: its 行版本 column says what each row was exported at, and a row\nthat would undo a change made since (to the milestone, its task's units, or a newer progress report) is\nrefused, naming who made it and when; a row that changes nothing passes. Export again and redo the\nedits, or let the sheet win for named rows with --overwrite CODE (or --overwrite-stale for all): the\nchange log records that the row overwrote newer changes. A sheet without that column (an old export,\none made by hand) is applied unchecked, and said so.\n\n--dry-run prints every field each row would change (row, 编号, field, old → new) and writes nothing.\nA sheet of more rows or MB than the settings import_max_rows and import_max_mb allow (`tasktrack config\nshow`) is refused."),
        "help.import.ledger.file": ("台账：.csv（UTF-8 或 GB18030）或 .xlsx。", "The ledger: .csv (UTF-8 or GB18030) or .xlsx."),
        "help.import.ledger.plan": ("编号所属的规划。", "The plan its codes belong to."),
        "help.import.ledger.dry_run": ("检查每一行并显示将修改的每个字段，不写入。", "Check every row and print each field it would change; write nothing."),
        "help.import.ledger.overwrite": ("即使导出后有人修改过，也应用该节点的行（可重复）。", "Apply this milestone's row even if someone changed it since the export (repeatable)."),
        "help.import.ledger.overwrite_stale": ("应用所有这样的行：以表格为准，覆盖此后的修改。", "Apply every such row: the sheet wins over the changes made since."),
        "help.import.ledger.verbose": ("出错时在标准错误输出中逐一列出。", "On errors, list every one on stderr."),
        "help.export": ("把台账导出为表格，填好后再导入。", "Export the ledger (台账) as a spreadsheet to fill in and import back."),
        "help.export.ledger": ("每个节点一行：编号、目标和责任单位、状态、实际、进展情况 ……\n\n在 WPS 或 Excel 中编辑，再用 tasktrack import ledger FILE 导入：读回 规划、编号、完成时限、牵头单位、配合单位、状态、实际、进展情况、存在问题 和 下步打算 各列；其余列仅供阅读。最后一列 行版本（勿改）（XLSX 中隐藏）记录每行导出时的版本（m：节点版本，u：其单位版本，r：所示进展报送）：导入时若某行会覆盖此后所作的修改，则拒绝该行并指出修改人和时间，除非你要求覆盖。\n单元格都是值，不含公式：以 = + - @ 开头的文字按文字保存（CSV 中前加 '）。", "Every milestone as one row: 编号, targets and owners, 状态, 实际, 进展情况 ...\n\nEdit it in WPS or Excel and apply it with `tasktrack import ledger FILE`: the 规划, 编号, 完成时限, 牵头单位,\n配合单位, 状态, 实际, 进展情况, 存在问题 and 下步打算 columns are read back; the others are for reading.\nThe last column, 行版本（勿改） (hidden in XLSX), says what each row was exported at (m: the milestone's\nversion, u: its units', r: the progress report shown): importing a row that would undo a change made\nsince is refused, naming who made it and when, unless you ask to overwrite it.\nCells are values, never formulas: text starting with = + - @ is kept as text (in CSV behind a ')."),
        "help.export.ledger.plan": ("只含该规划（代码、发文字号或 ID）。", "Only this plan (key, document number or id)."),
        "help.export.ledger.fmt": ("csv 或 xlsx（默认：按 -o 的后缀，否则 csv）。", "csv or xlsx (default: from the -o suffix, else csv)."),
        "help.export.ledger.output": ("写入这个新文件（默认：标准输出）；不得是数据库或佐证材料库。", "Write to this new file (default: stdout); never the database or the evidence store."),
        "help.report": ("报告：通报（周报/月报/季报/半年报/年报）、各期通报和指标表。", "Reports: circulars (周报/月报/季报/半年报/年报), their issues, and the indicator table."),
        "help.report.weekly": ("周报：总体情况、本期进展、存在问题、临期事项、指标和附件台账。\n\n不加 --issue 时为预览：显示下一期的内容，不占期号，不写入。加 --issue（协调人）时按日期顺序取其系列（期间类型、规划、单位、年度）的下一个期号并固定下来：report issues 会列出它，report show N 逐字节重印，report void N --reason ... 作废。每期与上一期比较（环比）。加 --as-of 时，数据为该日结束时的台账，由变更记录重建。", "The weekly circular: 总体情况, 本期进展, 存在问题, items due soon, indicators and the annexed ledger.\n\nWithout --issue it is a preview: it prints what the next issue would say, takes no number and writes\nnothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,\nyear), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte\nfor byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).\nWith --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log."),
        "help.report.weekly.as_of": ("报告日期（同全局选项 --as-of）。", "Report date (same as the global --as-of)."),
        "help.report.weekly.since": ("自该日期起的变更，或 last（默认：自上一期起 / 自本期开始）。", "Changes from this date, or 'last' (default: since the previous issue / the period's start)."),
        "help.report.weekly.unit": ("只含该单位牵头或配合的事项。", "Only the items this unit leads or co-owns."),
        "help.report.weekly.year": ("只含该年度的目标（2022 年的通报：--year 2022）。", "Only this year's targets (a 2022 circular: --year 2022)."),
        "help.report.weekly.period": ("所涵盖的期间：2022-W02、2022-01、2022Q1、2022H1 或 2022（默认：--as-of 所在的一期）。", "The period it covers: 2022-W02, 2022-01, 2022Q1, 2022H1 or 2022 (default: the one holding --as-of)."),
        "help.report.weekly.issue": ("正式印发：取其系列的下一个期号（第N期），并固定其数据和文字（仅限协调人）。不加时通报为预览：无期号，不写入。", "Issue it: take the next number (第N期) of its series and freeze its figures and text (coordinators only). Without it the circular is a preview: no number, nothing written."),
        "help.report.weekly.issue_no": ("与 --issue 同用：使用该期号（接续纸质通报的期号）。", "With --issue: this number (to continue a paper series)."),
        "help.report.weekly.fmt": ("text、md、html、pdf、docx、xlsx 或 json（默认：按 -o 的后缀，否则 text）。", "text, md, html, pdf, docx, xlsx or json (default: from the -o suffix, else text)."),
        "help.report.weekly.draft": ("预览（不加 --issue 时的默认方式）。", "A preview (the default without --issue)."),
        "help.report.monthly": ("月报：与周报相同，涵盖截至 --as-of 的月份。\n\n不加 --issue 时为预览：显示下一期的内容，不占期号，不写入。加 --issue（协调人）时按日期顺序取其系列（期间类型、规划、单位、年度）的下一个期号并固定下来：report issues 会列出它，report show N 逐字节重印，report void N --reason ... 作废。每期与上一期比较（环比）。加 --as-of 时，数据为该日结束时的台账，由变更记录重建。", "The monthly circular (月报): as the weekly one, for the month ending at --as-of.\n\nWithout --issue it is a preview: it prints what the next issue would say, takes no number and writes\nnothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,\nyear), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte\nfor byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).\nWith --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log."),
        "help.report.quarterly": ("季报：与周报相同，涵盖截至 --as-of 的季度。\n\n不加 --issue 时为预览：显示下一期的内容，不占期号，不写入。加 --issue（协调人）时按日期顺序取其系列（期间类型、规划、单位、年度）的下一个期号并固定下来：report issues 会列出它，report show N 逐字节重印，report void N --reason ... 作废。每期与上一期比较（环比）。加 --as-of 时，数据为该日结束时的台账，由变更记录重建。", "The quarterly circular (季报): as the weekly one, for the quarter ending at --as-of.\n\nWithout --issue it is a preview: it prints what the next issue would say, takes no number and writes\nnothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,\nyear), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte\nfor byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).\nWith --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log."),
        "help.report.halfyear": ("半年报：每个事项分为 已完成/超进度/达进度/欠进度，并作指标预测（预警）。\n\n不加 --issue 时为预览：显示下一期的内容，不占期号，不写入。加 --issue（协调人）时按日期顺序取其系列（期间类型、规划、单位、年度）的下一个期号并固定下来：report issues 会列出它，report show N 逐字节重印，report void N --reason ... 作废。每期与上一期比较（环比）。加 --as-of 时，数据为该日结束时的台账，由变更记录重建。", "The half-year pack (半年报): every item classed 已完成/超进度/达进度/欠进度, indicator forecasts (预警).\n\nWithout --issue it is a preview: it prints what the next issue would say, takes no number and writes\nnothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,\nyear), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte\nfor byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).\nWith --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log."),
        "help.report.annual": ("年报：每个事项分类，每个指标对照其目标作预测（预警）。\n\n不加 --issue 时为预览：显示下一期的内容，不占期号，不写入。加 --issue（协调人）时按日期顺序取其系列（期间类型、规划、单位、年度）的下一个期号并固定下来：report issues 会列出它，report show N 逐字节重印，report void N --reason ... 作废。每期与上一期比较（环比）。加 --as-of 时，数据为该日结束时的台账，由变更记录重建。", "The annual pack (年报): every item classed, each indicator forecast to its target (预警).\n\nWithout --issue it is a preview: it prints what the next issue would say, takes no number and writes\nnothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,\nyear), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte\nfor byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).\nWith --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log."),
        "help.report.issues": ("已印发的通报，已作废的加注：系列、期号、评估日期、印发人、印发时间。", "The issued circulars, voided ones marked: series, number, as-of date, who issued them, when."),
        "help.report.issues.kind": ("只列该期间类型（weekly、monthly、quarterly、halfyear、annual）。", "Only this period type (weekly, monthly, quarterly, halfyear, annual)."),
        "help.report.issues.json_out": ("以 JSON 代替表格输出。", "JSON instead of a table."),
        "help.report.show": ("重印已印发的通报：按印发时的格式，与发出时逐字节相同；按其他格式，则由其固定的文档重新排版（JSON：其固定的数据）。从不使用今天的数据。", "An issued circular again: in the format it was issued in, byte for byte as it went out; in another\nformat, laid out again from its frozen document (JSON: its frozen figures). Never from today's data."),
        "help.report.show.number": ("期号（第N期）。", "The issue number (第N期)."),
        "help.report.show.kind": ("其期间类型。", "Its period type."),
        "help.report.show.plan": ("其规划范围，期号在不同范围中重复时使用。", "Its plan scope, when numbers repeat across scopes."),
        "help.report.show.unit": ("其单位范围。", "Its unit scope."),
        "help.report.show.year": ("其年度范围。", "Its year scope."),
        "help.report.show.fmt": ("默认：印发时的格式，与印发时完全相同。", "Default: the format it was issued in, exactly as issued."),
        "help.report.show.json_out": ("以 JSON 输出其固定的数据（同 --format json）。", "Its frozen figures as JSON (the same as --format json)."),
        "help.report.void": ("作废已印发的通报（仅限协调人）：仍然列出，标为作废；其期号不再使用。", "Void an issued circular (作废; coordinators only): it stays listed, marked void; its number is not reused."),
        "help.report.void.number": ("要作废的期号（第N期）。", "The issue number (第N期) to void."),
        "help.report.void.reason": ("理由（随该期通报和变更记录保存）。", "Why (it is kept with the issue and in the change log)."),
        "help.report.indicators": ("按规划附件格式的指标表：基期值、各年度数据、目标值；【】表示累计。", "The indicator table in the plan's annex layout: baseline, each year's reading, target; 【】 cumulative."),
        "help.report.indicators.as_of": ("截至该日期已知的数据（默认：今天）。", "Readings known on this date (default: today)."),
        "help.report.indicators.plan": ("只含该规划。", "Only this plan."),
        "help.report.scores": ("考核：按规则文件计算各单位某年度的得分：单位、得分、扣分项、说明（--explain：所依据的记录）。\n\n默认规则（--show-rules）按 按时完成率、报送及时率 和 佐证合格率 计分，并对 退回 和 逾期 扣分。只计截至 --as-of 已在台账中的记录：同一数据库、同一日期，得分总是相同。", "考核: each unit's score for a year by a rules file: 单位, 得分, 扣分项, 说明 (--explain: the rows behind them).\n\nThe default rules (--show-rules) score 按时完成率, 报送及时率 and 佐证合格率, and deduct for 退回 and 逾期.\nOnly rows in the ledger by --as-of count: the same database and date always give the same scores."),
        "help.report.scores.year": ("考核年度（其节点、报送要求各期、审核）。", "The year scored (its milestones, duties' periods, reviews)."),
        "help.report.scores.as_of": ("按该日期的台账计分（默认：今天）。", "Score the ledger as it stood on this date (default: today)."),
        "help.report.scores.rules": ("使用规则文件（TOML）代替内置默认规则。", "A rules file (TOML) instead of the bundled default."),
        "help.report.scores.explain": ("按单位和规则列出其得分所依据的记录。", "List, for each unit and rule, the rows behind its points."),
        "help.report.scores.show_rules": ("显示内置默认规则文件后停止。", "Print the bundled default rules file and stop."),
        "help.config": ("设置（配置目录中的 TOML 文件；TASKTRACK_CONFIG 可另行指定）。", "Settings (TOML in your config directory; TASKTRACK_CONFIG overrides)."),
        "help.config.show": ("显示生效的设置、设置文件和数据库位置。", "Print the settings in force, the settings file and the database location."),
        "help.task.edit.title": ("新的简短名称。", "New short title."),
        "help.task.edit.text": ("新的全文。", "New full text."),
        "help.task.edit.quote": ("新的原文。", "New source quote."),
        "help.task.edit.note": ("随任务显示的备注。", "A remark shown with the task."),
        "help.unit.add.phone": ("电话号码。", "Telephone number."),
        "help.unit.edit.name": ("新的全称。", "New full name."),
        "help.unit.edit.short_name": ("新的简称。", "New short name."),
        "help.unit.edit.contact": ("新的联络员。", "New contact person (联络员)."),
        "help.progress.list.plan": ("只列该规划的报送。", "Only this plan's reports."),
        "help.word.usage": ("用法：", "Usage: "),
        "help.word.options": ("选项", "Options"),
        "help.word.arguments": ("参数", "Arguments"),
        "help.word.commands": ("命令", "Commands"),
        "help.word.default": ("[默认：{value}]", "[default: {value}]"),
        "help.word.required": ("[必填]", "[required]"),
        "help.word.envvar": ("[环境变量：{var}]", "[env var: {var}]"),
        "help.word.deprecated": ("（已停用）", "(deprecated) "),
        "help.help_option": ("显示本帮助后退出。", "Show this message and exit."),
        "click.no_such_option": ("没有选项 {option}", "No such option: {option}"),
        "click.possible": ("{message}（可能是：{options}）", "{message} (Possible options: {options})"),
        "click.missing_option": ("缺少选项 {name}", "Missing option {name}"),
        "click.missing_argument": ("缺少参数 {name}", "Missing argument {name}"),
        "click.missing_parameter": ("缺少参数 {name}", "Missing parameter {name}"),
        "click.invalid": ("{name} 的值无效：{reason}", "Invalid value for {name}: {reason}"),
        "click.no_such_command": ("没有命令 {name}", "No such command {name}"),
        "click.did_you_mean": ("{message}。是否要用 {names}？", "{message}. Did you mean {names}?"),
        "click.missing_command": ("缺少命令", "Missing command"),
        "click.extra_args": ("多余的参数：{args}", "Got unexpected extra argument(s) ({args})"),
        "click.needs_value": ("选项 {option} 需要一个值", "Option {option} requires an argument"),
        "click.needs_values": ("选项 {option} 需要 {n} 个值", "Option {option} requires {n} arguments"),
        "click.takes_no_value": ("选项 {option} 不接受值", "Option {option} does not take a value"),
        "click.not_int": ("应为整数", "Input should be a valid integer, unable to parse string as an integer"),
        "click.not_number": ("应为数字", "Input should be a valid number, unable to parse string as a number"),
        "click.at_least": ("应不小于 {n}", "Input should be greater than or equal to {n}"),
        "click.at_most": ("应不大于 {n}", "Input should be less than or equal to {n}"),
        "click.hint": ("（用法见 {path} -h）", " (see '{path} -h')"),
        "click.aborted": ("已中止", "aborted"),
        # the TUI: Textual's own key descriptions (the key panel, the footer) and palette entries, by their English
        "tui.key.textual.copy_selected_text": ("复制所选文字", "Copy selected text"),
        "tui.key.textual.cursor_down": ("光标下移", "Cursor Down"),
        "tui.key.textual.cursor_up": ("光标上移", "Cursor Up"),
        "tui.key.textual.cursor_to_next_ancestor": ("光标移到下一个上级节点", "Cursor to next ancestor"),
        "tui.key.textual.cursor_to_next_sibling": ("光标移到下一个同级项", "Cursor to next sibling"),
        "tui.key.textual.cursor_to_parent": ("光标移到上级", "Cursor to parent"),
        "tui.key.textual.cursor_to_previous_sibling": ("光标移到上一个同级项", "Cursor to previous sibling"),
        "tui.key.textual.cut_selected_text": ("剪切所选文字", "Cut selected text"),
        "tui.key.textual.delete_all_to_the_left": ("删除左侧全部文字", "Delete all to the left"),
        "tui.key.textual.delete_all_to_the_right": ("删除右侧全部文字", "Delete all to the right"),
        "tui.key.textual.delete_character_left": ("删除左侧一个字符", "Delete character left"),
        "tui.key.textual.delete_character_right": ("删除右侧一个字符", "Delete character right"),
        "tui.key.textual.delete_left_to_start_of_word": ("向左删除到词首", "Delete left to start of word"),
        "tui.key.textual.delete_right_to_start_of_word": ("向右删除到下一词首", "Delete right to start of word"),
        "tui.key.textual.down": ("下移", "Down"),
        "tui.key.textual.exit_the_command_palette": ("关闭命令面板", "Exit the command palette"),
        "tui.key.textual.expand_or_collapse_all": ("全部展开或收起", "Expand or collapse all"),
        "tui.key.textual.first": ("第一项", "First"),
        "tui.key.textual.focus_next": ("下一个控件", "Focus Next"),
        "tui.key.textual.focus_previous": ("上一个控件", "Focus Previous"),
        "tui.key.textual.go_to_bottom": ("到底部", "Go to bottom"),
        "tui.key.textual.go_to_end": ("到末尾", "Go to end"),
        "tui.key.textual.go_to_start": ("到开头", "Go to start"),
        "tui.key.textual.go_to_top": ("到顶部", "Go to top"),
        "tui.key.textual.last": ("最后一项", "Last"),
        "tui.key.textual.move_cursor_left": ("光标左移", "Move cursor left"),
        "tui.key.textual.move_cursor_left_a_word": ("光标左移一个词", "Move cursor left a word"),
        "tui.key.textual.move_cursor_left_a_word_and_select": ("左移一个词并选中", "Move cursor left a word and select"),
        "tui.key.textual.move_cursor_left_and_select": ("左移并选中", "Move cursor left and select"),
        "tui.key.textual.move_cursor_right_a_word": ("光标右移一个词", "Move cursor right a word"),
        "tui.key.textual.move_cursor_right_a_word_and_select": ("右移一个词并选中", "Move cursor right a word and select"),
        "tui.key.textual.move_cursor_right_and_select": ("右移并选中", "Move cursor right and select"),
        "tui.key.textual.move_cursor_right_or_accept_the_completion_suggestion": ("光标右移或采用补全建议", "Move cursor right or accept the completion suggestion"),
        "tui.key.textual.next_command": ("下一条命令", "Next command"),
        "tui.key.textual.next_page": ("下一页", "Next page"),
        "tui.key.textual.page_down": ("向下翻页", "Page Down"),
        "tui.key.textual.page_left": ("向左翻页", "Page Left"),
        "tui.key.textual.page_right": ("向右翻页", "Page Right"),
        "tui.key.textual.page_up": ("向上翻页", "Page Up"),
        "tui.key.textual.paste_text_from_the_clipboard": ("从剪贴板粘贴", "Paste text from the clipboard"),
        "tui.key.textual.press_button": ("按下按钮", "Press button"),
        "tui.key.textual.previous_command": ("上一条命令", "Previous command"),
        "tui.key.textual.previous_page": ("上一页", "Previous page"),
        "tui.key.textual.quit": ("退出", "Quit"),
        "tui.key.textual.quit_tooltip": ("退出程序，回到命令行。", "Quit the app and return to the command prompt."),
        "tui.key.textual.scroll_down": ("向下滚动", "Scroll Down"),
        "tui.key.textual.scroll_end": ("滚到末尾", "Scroll End"),
        "tui.key.textual.scroll_home": ("滚到开头", "Scroll Home"),
        "tui.key.textual.scroll_left": ("向左滚动", "Scroll Left"),
        "tui.key.textual.scroll_right": ("向右滚动", "Scroll Right"),
        "tui.key.textual.scroll_up": ("向上滚动", "Scroll Up"),
        "tui.key.textual.select": ("选择", "Select"),
        "tui.key.textual.select_all": ("全选", "Select all"),
        "tui.key.textual.select_line_end": ("选到行尾", "Select line end"),
        "tui.key.textual.select_line_start": ("选到行首", "Select line start"),
        "tui.key.textual.show_menu": ("展开选项", "Show menu"),
        "tui.key.textual.submit": ("提交", "Submit"),
        "tui.key.textual.toggle": ("展开/收起", "Toggle"),
        "tui.key.textual.toggle_option": ("勾选/取消勾选", "Toggle option"),
        "tui.key.textual.up": ("上移", "Up"),
        "tui.label.palette.search": ("搜索命令……", "Search for commands…"),
        "tui.label.palette.themes": ("搜索主题……", "Search for themes…"),
        "tui.label.palette.theme": ("主题", "Theme"),
        "tui.label.palette.theme_help": ("更换界面主题", "Change the current theme"),
        "tui.label.palette.keys": ("按键", "Keys"),
        "tui.label.palette.keys_show": ("显示当前控件的帮助和可用按键", "Show help for the focused widget and a summary of available keys"),
        "tui.label.palette.keys_hide": ("隐藏按键和控件帮助面板", "Hide the keys and widget help panel"),
        "tui.label.palette.maximize": ("最大化", "Maximize"),
        "tui.label.palette.maximize_help": ("最大化当前控件", "Maximize the focused widget"),
        "tui.label.palette.minimize": ("还原", "Minimize"),
        "tui.label.palette.minimize_help": ("把控件还原为正常大小", "Minimize the widget and restore to normal size"),
        "tui.label.palette.screenshot": ("截图", "Screenshot"),
        "tui.label.palette.screenshot_help": ("把当前屏幕保存为 SVG 截图", "Save an SVG 'screenshot' of the current screen"),
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
        "err.svc2.undo_thing": ("{entity} {label}", "{entity} {label}"),
        "err.svc2.undo_assigned": ("为任务 {task} 分配了 {unit}", "assigned {unit} to task {task}"),
    }
)
