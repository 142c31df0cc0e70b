"""Each pattern of issue 7 on small synthetic documents in other districts' styles, traps included."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from tasktrack.importers.document import draft_bytes, draft_text
from tests.test_import_plan import (
    EVERY,
    FIXTURES,
    draft,
    has_event,
    has_target,
    milestones,
    recall,
    task,
    tasks,
)


def sources(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_every_quote_and_owner_is_in_the_text() -> None:
    for path in sorted(FIXTURES.iterdir()):
        d = draft(path)
        for t in tasks(d):
            for unit in [t.get("lead"), *(t.get("co") or [])]:
                assert unit is None or unit in d.text, (path.name, unit)
        for _, m in milestones(d):
            assert m["quote"] in d.text, (path.name, m["quote"])


# ---- a portal-scraped 十四五 plan, one table cell per line, category column ---------------------------


def test_yunyang_plan_file() -> None:
    d = draft(FIXTURES / "yunyang_sti_14fyp.txt")
    p = d.plan
    assert (p["doc_no"], p["issued"], p["period"]) == (
        "云阳府办发〔2022〕8号",
        date(2022, 3, 15),
        "2021-2025",
    )
    assert p["title"] == "云阳县科技创新“十四五”规划（2021—2025年）"
    assert p["issuer"] == "云阳县人民政府办公室"
    expected = [
        (
            "二(二)",
            2025,
            300,
            "家",
            "科技型企业",
        ),  # split: subject in one sentence, 到2025年…300家 in the next
        ("二(二)", 2025, 40, "家", "高新技术企业"),  # 高新技术企业实现倍增，达到40家
        ("二(二)", 2025, 12, "%", "年均增长"),
        ("二(二)", 2025, 2.0, "%", "研发经费投入强度"),
        ("二(二)", 2025, 1.5, "%", "营业收入比重"),
        ("二(二)", 2025, 5, "亿元", "技术合同成交额"),
        ("二(二)", 2025, 2.5, "件", "发明专利"),
        ("二(二)", 2025, 60, "%", "科技进步贡献率"),
        ("三(一)-1", EVERY, 30, "家", "科技型企业"),
        ("三(一)-1", 2022, 5, "家", "高新技术企业"),
        ("三(一)-1", 2023, 30, "家", "高新技术企业"),
        ("三(一)-2", 2023, 50, "%", "覆盖率"),
        ("三(一)-2", 2025, 15, "个", "企业技术中心"),
        ("三(二)-1", 2025, 200, "亿元", "工业产值"),
        ("三(二)-2", 2022, 1, "个", "孵化器"),
        ("三(二)-2", 2022, 5000, "平方米", "孵化面积"),
        ("三(二)-3", 2025, 200, "个", "5G基站"),
        ("三(三)", EVERY, 20, "人", "科技人才"),
        ("三(三)", EVERY, 1000, "人次", "实用人才"),
        ("三(三)", 2025, 1.2, "万人", "科技人才"),
        ("四(二)", EVERY, 3000, "万元", "专项资金"),
    ]
    found = [has_target(d, *e) is not None for e in expected]
    assert recall(found) >= 0.9, [e for e, ok in zip(expected, found, strict=True) if not ok]
    assert has_target(d, "二(二)", 2025, 2.5, "件", "发明专利")["comparison"] == ">"  # 超过
    assert has_target(d, "二(二)", 2025, 1.5, "%", "营业收入比重")["comparison"] == ">="  # 不低于
    assert has_target(d, "三(一)-1", 2023, 30, "家", "高新技术企业")["aspirational"] is True  # 力争2023年
    assert has_target(d, "三(二)-2", 2022, 1, "个", "孵化器")["due"] == "2022年底前"
    assert has_target(d, "三(一)-2", 2025, 15, "个", "企业技术中心")["cumulative"] is True  # 累计
    assert has_event(d, "二(二)", 2025, "国家创新型县") and has_event(d, "三(二)-1", 2023, "高新区")
    assert has_event(d, "三(二)-2", 2024, "零的突破")
    # traps: 发展基础 is all baseline (截至2020年, “十三五”期间, 2019年); 第125次; 5G is not 5 of anything
    values = {m["target"] for _, m in milestones(d)}
    assert not values & {86, 18, 126, 22, 1.3, 125}
    assert not any(m["target"] == 5 and m["unit"] != "亿元" and m["unit"] != "家" for _, m in milestones(d))
    assert not any(t.get("lead") or t.get("co") for t in tasks(d))


def test_yunyang_indicator_table_with_category_and_unit_columns() -> None:
    d = draft(FIXTURES / "yunyang_sti_14fyp.txt")
    rows = {i["name"]: i for i in d.plan["indicators"]}
    assert len(rows) == 6
    assert rows["科技型企业"]["baseline"] == {"year": 2020, "value": 126}
    assert rows["科技型企业"]["target"] == {"year": 2025, "value": 300}
    assert rows["科技型企业"]["cumulative"] is True and rows["科技型企业"]["unit"] == "家"
    assert rows["规模以上工业企业研发投入占营业收入比重"]["attribute"] == "binding"
    assert "baseline" not in rows["规模以上工业企业研发投入占营业收入比重"]  # — in the baseline column
    assert rows["技术合同成交额"]["target"]["value"] == 5 and rows["技术合同成交额"]["unit"] == "亿元"
    assert [i["code"] for i in d.plan["indicators"]][:2] == ["专栏1-1", "专栏1-2"]


# ---- an 实施方案 with owners in the text and a 重点任务分工表 annex ---------------------------------------


def test_fengjie_owners_in_text() -> None:
    d = draft(FIXTURES / "fengjie_innovation_action.txt")
    assert d.plan["title"] == "奉节县推动科技创新高质量发展三年行动方案（2022—2024年）"  # title over 3 lines
    assert d.plan["period"] == "2022-2024" and d.plan["doc_no"] == "奉节府办发〔2022〕41号"
    t = task(d, "二(一)-1")  # 牵头单位：…；配合单位：…
    assert (t["lead"], t["co"]) == ("县科技局", ["县经济信息委", "县税务局"])
    t = task(d, "二(一)-2")  # 责任单位：X、Y: the first listed leads
    assert t["lead"] == "县科技局" and "街道办事处" in t["co"]
    t = task(d, "二(二)-1")  # 由X牵头，Y配合
    assert (t["lead"], t["co"]) == ("县经济信息委", ["县科技局"])
    assert task(d, "二(二)-2")["lead"] == "县科技局"  # 由X负责
    t = task(d, "二(三)")  # X牵头，Y、Z配合
    assert (t["lead"], t["co"]) == ("县人力社保局", ["县科技局", "县教委"])
    assert "lead" not in task(d, "三(一)")  # 鼓励企业牵头组建…: not a unit
    assert has_target(d, "二(一)-1", 2023, 5, "家", "新增高新技术企业")  # 2023年新增5家
    assert has_target(d, "一", 2024, 25, "家", "高新技术企业")


def test_fengjie_task_table_rows() -> None:
    d = draft(FIXTURES / "fengjie_innovation_action.txt")
    annex = task(d, "附件")
    assert annex["title"] == "奉节县推动科技创新高质量发展重点任务分工表"
    rows = {t["code"]: t for t in annex["tasks"]}
    assert list(rows) == ["附件-1", "附件-2", "附件-3", "附件-4"]
    assert (rows["附件-1"]["lead"], rows["附件-1"]["co"]) == ("县科技局", ["县经济信息委", "县税务局"])
    assert "co" not in rows["附件-3"]  # —
    assert has_target(d, "附件-1", 2022, 10, "家", "高新技术企业")["due"] == "2022年12月底前"
    event = rows["附件-2"]["milestones"][0]
    assert (event["kind"], event["year"], event["due"]) == ("event", 2022, "2022年9月底前")
    assert has_target(d, "附件-4", 2024, 40, "%", "覆盖率")["kind"] == "ratio"


# ---- Markdown, HTML, tab-separated rows, .docx --------------------------------------------------------


def test_wulong_markdown_yearly_indicator_columns_and_owner_forms() -> None:
    d = draft(FIXTURES / "wulong_digital_economy.md")
    ind = d.plan["indicators"]
    assert len(ind) == 4
    assert (
        ind[1]["name"] == "5G基站数"
        and ind[1]["baseline"]["value"] == 320
        and ind[1]["target"]["value"] == 1800
    )
    assert ind[1]["yearly"] == {2021: 600, 2022: 900, 2023: 1200, 2024: 1500}
    assert ind[3]["attribute"] == "binding"
    assert task(d, "二(一)-1")["lead"] == "区大数据发展局"
    assert (task(d, "二(一)-2")["lead"], task(d, "二(一)-2")["co"]) == (
        "区经济信息委",
        ["区大数据发展局", "区财政局"],
    )
    assert task(d, "二(二)-1")["lead"] == "区经济信息委"
    assert "lead" not in task(d, "二(二)-2")
    assert has_event(d, "二(一)-1", 2023, "全覆盖")
    assert has_target(d, "二(二)-2", 2023, 8, "亿元", "网络零售额")["aspirational"] is True
    assert has_target(
        d, "二(二)-2", 2025, 5, "个", "示范基地"
    )  # the next clause's 力争2023年 is not its year


def test_tongnan_html_chapters_and_row_table() -> None:
    d = draft(FIXTURES / "tongnan_modern_agriculture.html")
    assert d.plan["issuer"] == "潼南区人民政府" and d.plan["issued"] == date(2021, 11, 2)
    rows = {i["name"]: i for i in d.plan["indicators"]}
    assert rows["粮食产量"]["unit"] == "万吨" and rows["粮食产量"]["baseline"]["value"] == 40.5
    assert rows["高标准农田面积"]["cumulative"] is True
    assert rows["农产品加工产值与农业总产值之比"]["baseline"]["value"] == 1.8  # unit cell —
    assert has_target(d, "第三章-第一节-二", 2025, 2, "万吨", "化肥")["comparison"] == "<="  # 控制在…以内
    assert has_target(d, "第三章-第二节-一", 2025, 150, "亿元", "产值")["comparison"] == ">"  # 超过
    assert task(d, "第三章-第二节-一")["lead"] == "区农业农村委"
    assert not any(m["target"] == 100 and m["unit"] == "家" for _, m in milestones(d))  # <script> ignored
    assert not any(m["target"] in (40, 35) for _, m in milestones(d))  # “十三五”时期: baselines


def test_qijiang_tab_separated_task_table() -> None:
    d = draft(FIXTURES / "qijiang_edu_it.txt")
    rows = task(d, "二")["tasks"]
    assert [(r["lead"], r.get("co")) for r in rows] == [
        ("区教委", ["区大数据发展局"]),
        ("区教委", ["区财政局"]),
        ("区教委", None),
    ]
    assert has_target(d, "二-2", EVERY, 3000, "人次", "培训教师")["every_year"] == [2022, 2024]
    assert has_target(d, "二-3", 2023, 40, "间", "录播教室")
    assert has_target(d, "一", 2024, 80, "%", "覆盖率")  # 2024年达到80%: metric from the clause before


def test_dazu_traps() -> None:
    d = draft(FIXTURES / "dazu_traps.txt")
    values = {m["target"] for _, m in milestones(d)}
    assert not values & {
        120,
        2.1,
        35,
        1.6,
        125,
        22,
        3,
    }  # 截至, 十三五期间, 2019年, 第125次, 〔2021〕22号, 第3条
    assert not values & {5, 60}  # 5G, C60
    m = has_target(d, "二", 2023, 100, "家", "高新技术企业")  # 由2020年的62家增加到2023年的100家
    assert m["baseline"] == {"year": 2020, "value": 62}
    assert has_target(d, "二", 2023, 200, "项", "科技成果")["cumulative"] is True
    assert (
        has_target(d, "二", 2023, 50, "%", "成交额")["kind"] == "growth"
    )  # 比2020年 is a base, not a deadline
    assert has_target(d, "三-1", 2022, 2, "个", "中试基地")
    assert has_target(d, "三-2", EVERY, 50, "名", "技术经纪人")


def test_docx_paragraphs_and_table() -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    for line in sources("fengjie_innovation_action.txt").split("附件")[0].splitlines():
        doc.add_paragraph(line)
    doc.add_paragraph("附件")
    doc.add_paragraph("重点任务分工表")
    table = doc.add_table(rows=3, cols=5)
    cells = [
        ["序号", "重点任务", "责任单位", "完成时限", "备注"],
        ["1", "建成县级科技成果转化服务平台", "县科技局、县财政局", "2023年6月底前", ""],
        ["2", "全年新增技术合同登记额1亿元", "县科技局", "2022年12月底前", ""],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    d = draft_bytes(buf.getvalue(), "fengjie.docx")
    assert d.plan["doc_no"] == "奉节府办发〔2022〕41号"
    assert task(d, "二(一)-1")["lead"] == "县科技局"
    rows = task(d, "附件")["tasks"]
    assert (rows[0]["lead"], rows[0]["co"]) == ("县科技局", ["县财政局"])
    assert has_target(d, "附件-2", 2022, 1, "亿元", "技术合同登记额")


def test_a_target_split_over_two_sentences() -> None:
    d = draft_text("一、目标\n全区高新技术企业数量稳步增长。到2025年，达到120家以上。\n", "split.txt")
    m = has_target(d, "一", 2025, 120, "家", "高新技术企业")
    assert m is not None and m["comparison"] == ">="
    d = draft_text("一、目标\n到2024年，全区创新能力显著提升。科技型企业达到300家。\n", "split2.txt")
    m = has_target(d, "一", 2024, 300, "家", "科技型企业")
    assert m is not None and "上文" in m["note"]  # the year came from the sentence before, and says so


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("2022年新增规模以上工业企业10家。", "increment", "家"),
        ("到2025年，累计建成充电桩500个。", "stock", "个"),
        ("到2025年，科技型企业达到【300】家。", "stock", "家"),
        ("到2025年，研发投入占GDP比重达到2.5%。", "ratio", "%"),
        ("到2025年，规上工业增加值年均增长8%。", "growth", "%"),
        ("2023年，专利授权量达到1200件。", "stock", "件"),
        ("2022年，引进博士人才50人。", "increment", "人"),
        ("2024年，建成标准厂房10万平方米。", "stock", "万平方米"),
        ("2023年底前，完成技改投资20亿元。", "increment", "亿元"),
    ],
)
def test_measure_kinds_and_units(text: str, kind: str, unit: str) -> None:
    d = draft_text(f"一、任务\n{text}\n", "k.txt")
    ms = [m for _, m in milestones(d)]
    assert len(ms) == 1 and ms[0]["kind"] == kind and ms[0]["unit"] == unit
    assert ms[0]["cumulative"] is ("累计" in text or "【" in text)


@pytest.mark.parametrize(
    ("text", "year", "due", "aspirational", "every"),
    [
        ("2021年新增科技型企业50家。", 2021, "2021年", False, None),
        ("到2025年，培育高新技术企业100家以上。", 2025, "到2025年", False, None),
        ("力争2023年，新增孵化器3个。", 2023, "力争2023年", True, None),
        ("每年新增科技型企业50家以上。", None, None, False, [2021, 2025]),
        ("2022—2024年每年新增科技型企业20家。", None, None, False, [2022, 2024]),
        ("2022年6月底前，建成数据中心1个。", 2022, "2022年6月底前", False, None),
    ],
)
def test_year_forms(
    text: str, year: int | None, due: str | None, aspirational: bool, every: list[int] | None
) -> None:
    d = draft_text(f"某区科技创新“十四五”规划（2021—2025年）\n一、任务\n{text}\n", "y.txt")
    (m,) = [m for _, m in milestones(d)]
    assert m.get("year") == year and m.get("due") == due and m["aspirational"] is aspirational
    assert m.get("every_year") == every


def test_year_that_is_a_baseline_is_not_a_deadline() -> None:
    d = draft_text(
        "某区规划（2021—2025年）\n一、基础\n截至2020年，全区科技型企业204家。\n二、任务\n新增企业。\n",
        "b.txt",
    )
    assert milestones(d) == []


def test_no_owner_is_invented() -> None:
    d = draft_text(
        "一、任务\n鼓励企业牵头建立产业技术创新联盟，依托区人民医院建设研究所。由于基础薄弱，需加强。\n",
        "o.txt",
    )
    assert not any(t.get("lead") or t.get("co") for t in tasks(d))


def test_several_owner_notes_in_one_section_become_subtasks() -> None:
    d = draft_text(
        "一、重点任务\n（一）培育主体\n2022年建设孵化器2个。（牵头单位：区科技局）2023年引进人才100人。（牵头单位：区人力社保局）\n",
        "s.txt",
    )
    subs = task(d, "一(一)")["tasks"]
    assert [s["lead"] for s in subs] == ["区科技局", "区人力社保局"]
    assert [m["target"] for m in subs[0]["milestones"]] == [2] and [
        m["target"] for m in subs[1]["milestones"]
    ] == [100]


def test_paths_in_fixture_folder_are_all_covered() -> None:
    covered = {
        "yunyang_sti_14fyp.txt",
        "fengjie_innovation_action.txt",
        "wulong_digital_economy.md",
        "tongnan_modern_agriculture.html",
        "qijiang_edu_it.txt",
        "dazu_traps.txt",
    }
    assert {p.name for p in FIXTURES.iterdir()} == covered
    assert isinstance(Path, type)


# ---- issue 15: the corpus excerpts' traps, one by one --------------------------------------------------

CORPUS = FIXTURES.parent / "plans_corpus"


def test_indicator_rows_keep_their_comparator_and_a_cut_row_says_so() -> None:
    rows = {i["name"]: i for i in draft(CORPUS / "39_table_pipe_no_attr.txt").plan["indicators"]}
    assert rows["限额以上商贸企业"]["comparison"] == ">" and rows["限额以上商贸企业"]["target"]["value"] == 500
    assert "comparison" not in rows["网络零售额"]
    assert rows["2021-2025年累计实际利用外资"]["cumulative"] is True
    cut = {i["name"]: i for i in draft(CORPUS / "08_table_cut.txt").plan["indicators"]}["受污染耕地安全利用率"]
    assert "target" not in cut and "中断" in cut["note"] and cut["confidence"] < 0.5


def test_a_target_equal_to_the_next_seq_is_not_taken_as_the_target() -> None:
    text = "\n".join(
        ["表1 主要指标", "序号", "指标", "单位", "2020年", "2025年", "属性"]
        + ["1", "科技型企业", "家", "120", "预期性", "2", "高新技术企业", "家", "30", "60", "预期性"]
    )
    rows = {i["name"]: i for i in draft_text(text, "t.txt").plan["indicators"]}
    assert rows["高新技术企业"]["target"]["value"] == 60
    assert rows["科技型企业"].get("target", {}).get("value") != 2


def test_lost_dates_are_flagged_and_heavy_noise_lowers_confidence() -> None:
    d = draft(CORPUS / "36_deadlines_year_end.txt")
    assert any("20241月20日" in n for n in d.notes)
    assert not any(m["target"] in (2024, 20241) for _, m in milestones(d))
    noisy = draft(CORPUS / "28_noise_portal.txt")
    assert all(m["confidence"] <= 0.7 for _, m in milestones(noisy)) and any("网页" in n for n in noisy.notes)
    assert not any(m["target"] == 2.3 for _, m in milestones(noisy))  # 相关新闻 in the footer


def test_traditional_text_is_read_and_quoted_as_published() -> None:
    d = draft(CORPUS / "30_noise_traditional.txt")
    t = next(t for t in tasks(d) if t.get("lead"))
    assert (t["lead"], t["co"]) == ("區科技局", ["區財政局"])
    m = has_target(d, "", 2025, 8, "亿元", "")
    assert m is not None and m["quote"] in d.text and "億元" in m["quote"]


def test_box_items_numbered_like_the_body_stay_in_the_box() -> None:
    d = draft(CORPUS / "22_structure_box.txt")
    box = task(d, "专栏1")
    assert [t["code"] for t in box["tasks"]] == ["专栏1-1", "专栏1-2"]
    assert [t["code"] for t in task(d, "第三章-一")["tasks"]] == ["第三章-一-1", "第三章-一-2"]
    assert has_target(d, "专栏1-2", 2025, 300, "万吨", "吞吐能力")


def test_person_and_no_unit_clauses_name_no_unit() -> None:
    d = draft(CORPUS / "20_owners_lines.txt")
    units = {u for t in tasks(d) for u in [t.get("lead"), *(t.get("co") or [])] if u}
    assert "张明" not in units and not any("各镇" in u for u in units)
    assert "lead" not in task(d, "二-4")  # 各镇（街道）按职责分工负责


def test_growth_rates_are_growth_whatever_follows_the_figure() -> None:
    d = draft(CORPUS / "33_owners_report_style.txt")
    assert has_target(d, "", 2024, 6.5, "%", "地区生产总值")["kind"] == "growth"  # 增长6.5%左右
    assert has_target(d, "", 2024, 5, "%", "一般公共预算收入")["kind"] == "growth"  # 增长5%以上
    assert has_target(d, "", 2024, 5.5, "%", "失业率")["kind"] == "ratio"  # 控制在5.5%以内
    down = has_target(draft(CORPUS / "27_values_units.txt"), "", 2023, 3.5, "%", "能耗")
    assert down["kind"] == "growth" and "下降" in down["note"]


def test_titles_that_merely_contain_basis_words_are_tasks() -> None:
    d = draft(CORPUS / "50_structure_infra_title.txt")
    assert has_target(d, "二(一)", 2025, 600, "个", "5G基站")  # under 完善新型基础设施
    assert not any(m["target"] in (860, 12, 4) for _, m in milestones(d))  # 发展基础, 面临形势与挑战
