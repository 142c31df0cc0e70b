"""The words and numbers the generated ledgers are made of: districts, departments, plans, targets, notes."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

DISTRICTS = [
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "渝北区",
    "巴南区",
    "万州区",
    "涪陵区",
    "黔江区",
    "长寿区",
    "江津区",
    "合川区",
    "永川区",
    "南川区",
    "綦江区",
    "大足区",
    "璧山区",
    "铜梁区",
    "潼南区",
    "荣昌区",
    "开州区",
    "梁平区",
    "武隆区",
    "城口县",
    "丰都县",
    "垫江县",
    "忠县",
    "云阳县",
    "奉节县",
    "巫山县",
    "巫溪县",
    "石柱县",
    "秀山县",
    "酉阳县",
    "彭水县",
    "两江新区",
    "高新区",
]
DEPARTMENTS = tuple(
    (f"{name}", short)
    for name, short in (
        pair.split("/")
        for pair in [
            "科学技术局/科技局",
            "发展和改革委员会/发改委",
            "经济和信息化委员会/经信委",
            "财政局/财政局",
            "教育委员会/教委",
            "人力资源和社会保障局/人社局",
            "市场监督管理局/市场监管局",
            "商务委员会/商务委",
            "农业农村委员会/农业农村委",
            "卫生健康委员会/卫健委",
            "生态环境局/生态环境局",
            "规划和自然资源局/规划自然资源局",
            "住房和城乡建设委员会/住建委",
            "交通局/交通局",
            "水利局/水利局",
            "统计局/统计局",
            "税务局/税务局",
            "金融发展服务中心/金融中心",
            "大数据发展局/大数据局",
            "文化和旅游发展委员会/文旅委",
            "应急管理局/应急局",
            "司法局/司法局",
            "民政局/民政局",
            "退役军人事务局/退役军人局",
            "城市管理局/城管局",
            "林业局/林业局",
            "供销合作社/供销社",
            "科学技术协会/科协",
            "总工会/总工会",
            "团委/团委",
            "妇联/妇联",
            "工商业联合会/工商联",
            "投资促进中心/投促中心",
            "高新区管委会/高新区",
            "工业园区管委会/工业园区",
            "政务服务管理办公室/政务办",
            "融媒体中心/融媒体中心",
            "档案馆/档案馆",
            "公共资源交易中心/交易中心",
            "机关事务管理局/机关事务局",
            "医疗保障局/医保局",
            "审计局/审计局",
            "国有资产监督管理委员会/国资委",
            "知识产权局/知识产权局",
            "气象局/气象局",
            "人民银行支行/人行",
            "保险行业协会/保险协会",
            "职业教育中心/职教中心",
            "图书馆/图书馆",
            "科技创新中心/科创中心",
            "农业科学研究所/农科所",
            "畜牧兽医发展中心/畜牧中心",
            "中医院/中医院",
            "人民医院/人民医院",
            "电力公司/供电公司",
            "通信发展办公室/通信办",
            "城市发展投资集团/城投集团",
            "产业发展集团/产业集团",
            "生产力促进中心/生产力中心",
            "检验检测中心/检测中心",
        ]
    )
)
CN = "一二三四五六七八九十"
PLANS = (
    ("14fyp", "科技创新“十四五”规划", "科技创新“十四五”规划", date(2021, 8, 24)),
    ("7p", "科技创新“七大工程”行动方案", "七大工程行动方案", date(2021, 8, 23)),
    ("digital", "数字经济发展三年行动计划（2021—2023年）", "数字经济行动计划", date(2021, 10, 12)),
    ("hitech", "高新技术企业倍增计划", "高企倍增计划", date(2022, 3, 1)),
)
PROGRAMMES = (
    "科技型企业培育工程",
    "创新平台建设工程",
    "科技人才集聚工程",
    "成果转移转化工程",
    "数字经济赋能工程",
    "乡村振兴科技支撑工程",
    "创新生态优化工程",
)
TASKS = (
    "培育科技型企业",
    "壮大高新技术企业",
    "建设研发机构",
    "创建市级高新区",
    "引进高层次人才",
    "建设科技企业孵化器",
    "推进产学研合作",
    "发展数字经济核心产业",
    "建设农业科技园区",
    "完善科技金融服务",
    "加强知识产权保护",
    "提升全社会研发投入",
    "推动科技成果转化",
    "建设众创空间",
    "培育专精特新企业",
)
MEASURES = (
    "建立培育库并动态管理",
    "落实研发费用加计扣除",
    "开展科技特派员服务",
    "组织创新创业大赛",
    "举办技术交易对接会",
    "完善孵化服务体系",
    "开展企业研发机构评价",
    "推进重点实验室建设",
    "实施科技项目揭榜挂帅",
    "落实人才引进政策",
)
INDICATORS = (
    ("专栏2-1", "研究经费投入强度", "%", 0, 1.5, 2.0),
    ("专栏2-2", "数字经济增加值占地区生产总值比重", "%", 0, 2.0, 3.0),
    ("专栏2-3", "科技型企业", "家", 1, 204, 500),
    ("专栏2-4", "高新技术企业", "家", 1, 51, 100),
    ("专栏2-5", "专业研发机构和科技服务机构", "个", 1, 50, 120),
    ("专栏2-6", "万人发明专利拥有量", "件", 0, 1.05, 1.3),
    ("专栏2-7", "科技进步贡献率", "%", 0, 60, 63),
    ("专栏2-8", "公民具备科学素质的比例", "%", 0, 7.6, 12),
)
# metric, unit, kind
TARGETS = (
    ("新增科技型企业", "家", "increment"),
    ("新增高新技术企业", "家", "increment"),
    ("新增研发机构", "个", "increment"),
    ("技术合同成交额", "亿元", "increment"),
    ("新增发明专利授权", "件", "increment"),
    ("引进高层次人才", "人", "increment"),
    ("科技型企业总数", "家", "stock"),
    ("高新技术企业总数", "家", "stock"),
    ("市级以上研发平台", "个", "stock"),
    ("研发经费投入占GDP比重", "%", "ratio"),
    ("高新技术产业产值占规上工业比重", "%", "ratio"),
    ("全社会研发经费投入年均增长", "%", "growth"),
    ("创建市级高新区", None, "event"),
    ("建成科技企业孵化器", None, "event"),
    ("出台科技创新政策文件", None, "event"),
)
KINDS = {"increment": 40, "stock": 25, "ratio": 10, "growth": 5, "event": 20}
PAST = (
    ("done", 60),
    ("closed", 20),
    ("cancelled", 2),
    ("in_progress", 10),
    ("not_started", 5),
    ("blocked", 3),
)
FUTURE = (("not_started", 40), ("in_progress", 50), ("blocked", 4), ("done", 6))
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅文斌"
PROBLEMS = (
    "部分配合单位进度不一",
    "项目资金尚未到位",
    "企业申报积极性不高",
    "数据统计口径待统一",
    "用地指标紧张",
    "",
)
NEXT_STEPS = (
    "加强调度，按月通报",
    "协调财政资金拨付",
    "组织政策宣讲",
    "对接市级部门争取支持",
    "开展现场督导",
    "",
)


class Ids:
    """Ids handed out per table, so every row's key is known before it is written."""

    def __init__(self) -> None:
        self._last: defaultdict[str, int] = defaultdict(int)

    def next(self, table: str) -> int:
        self._last[table] += 1
        return self._last[table]


def stamp(day: date, hour: int) -> str:
    """A time as SQLAlchemy stores it in SQLite (UTC, no zone)."""
    return f"{day.isoformat()} {hour:02d}:{(day.day * 7) % 60:02d}:00.000000"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


def sentence(rng: random.Random, title: str) -> str:
    return f"{title}，完善工作机制，强化要素保障，{rng.choice(NEXT_STEPS) or '确保按期完成'}。"


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...] | dict[str, int]) -> str:
    items = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    return rng.choices([k for k, _ in items], [w for _, w in items])[0]


def _due(rng: random.Random, year: int) -> tuple[date, str | None]:
    r = rng.random()
    if r < 0.70:
        return date(year, 12, 31), (f"{year}年底" if r < 0.15 else None)
    if r < 0.85:
        q = rng.randint(1, 4)
        ends = {1: date(year, 3, 31), 2: date(year, 6, 30), 3: date(year, 9, 30), 4: date(year, 12, 31)}
        return ends[q], f"{CN[q - 1]}季度"
    if r < 0.95:
        return date(year, 6, 30), "上半年"
    month = rng.randint(1, 11)
    return date(year, month + 1, 1) - timedelta(days=1), f"{month}月底前"


def milestone(rng: random.Random, mid: int, task: tuple, j: int, as_of: date) -> tuple:
    """One milestone row of `task` with a status that fits its due date on `as_of`."""
    kind = _pick(rng, KINDS)
    metric, unit, _ = rng.choice([t for t in TARGETS if t[2] == kind])
    year = 2021 + (mid + j) % 5
    due, due_text = _due(rng, year)
    status = _pick(rng, PAST if due < as_of else FUTURE)
    target = baseline = actual = None
    baseline_year, cumulative = None, 0
    if kind == "increment":
        target = float(rng.randint(2, 60))
    elif kind == "stock":
        baseline_year, baseline, cumulative = 2020, float(rng.randint(20, 300)), 1
        target = baseline + rng.randint(20, 200)
    elif kind == "ratio":
        baseline_year, baseline = 2020, round(rng.uniform(0.8, 3.0), 2)
        target = round(baseline + rng.uniform(0.1, 1.5), 2)
    elif kind == "growth":
        target = float(rng.randint(5, 20))
    if target is not None and status in ("done", "closed", "in_progress", "blocked"):
        share = rng.uniform(1.0, 1.3) if status in ("done", "closed") else rng.uniform(0.1, 0.95)
        start = baseline or 0.0
        actual = (
            round(start + (target - start) * share, 2)
            if not (kind == "ratio" and rng.random() < 0.5)
            else None
        )
    completed = None
    if status in ("done", "closed"):
        completed = str(min(as_of, due + timedelta(days=rng.randint(-90, 20))))
    comparison = "<=" if kind == "ratio" and rng.random() < 0.05 else ">="
    words = f"{'力争' if rng.random() < 0.05 else ''}{year}年{metric}"
    goal = "" if target is None else f"{target:g}{unit}以上"
    return (
        mid,
        task[1],
        task[0],
        f"{task[4]}-M{j + 1}",
        metric,
        year,
        str(due),
        due_text,
        target,
        unit,
        comparison,
        kind,
        cumulative,
        int(words.startswith("力争")),
        baseline_year,
        baseline,
        actual,
        status,
        completed,
        f"{words}{goal}",
        "按季度调度" if rng.random() < 0.1 else None,
        task[7] * 100 + j,
        1 + (status != "not_started"),
    )


def evidence_text(rng: random.Random, m: tuple, eid: int) -> str:
    kinds = ("情况说明", "统计报表", "认定文件", "会议纪要", "现场照片", "验收报告")
    return f"{m[5]}年{m[4]}{rng.choice(kinds)}（第{eid % 50 + 1}份）"


def progress_text(rng: random.Random, title: str) -> str:
    pct = rng.randint(20, 100)
    return f"{title}：已完成年度目标的{pct}%，{rng.choice(('按序时推进', '进度略有滞后', '超序时完成'))}。"
