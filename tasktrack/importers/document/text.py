"""Text helpers for reading plans: width folding that keeps offsets, lines, sentences, clauses and units."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width ASCII (０-９, Ａ-Ｚ, ，：；（）％ …) → ASCII, ideographic and no-break spaces → space. One character
# for one character, so an offset into the folded text is an offset into the original: patterns are written
# once against ASCII punctuation and quotes are still cut from the text as published.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0xA0: 0x20,
    0x2002: 0x20,
    0x2003: 0x20,
}


# Traditional characters (區, 達, 億 …) fold to their simplified form, again one for one, so a page published in
# traditional script reads as the same plan; every name and quote is still cut from the text as published.
_TRADITIONAL = (
    "區区縣县鎮镇鄉乡門门達达術术業业經经費费強强際际發发規规劃划標标準准實实現现與与進进開开體体務务產产營营農农質质單单協协調调導导資资設设計计辦办組组織织領领頭头牽牵條条將将數数續续總总額额積积選选擇择"
    "應应當当時时間间為为從从對对會会長长東东華华國国環环節节護护險险醫医療疗學学職职稱称獎奖勵励證证點点網网絡络電电話话關关聯联視视頻频聞闻億亿萬万個个項项邊边創创築筑礎础動动養养戶户傳传價价優优儲储兒儿"
    "內内廣广廠厂後后徑径懷怀戰战擴扩據据構构樣样權权歷历歸归氣气滿满濟济燈灯爭争狀状獨独畫画盡尽監监種种穩稳範范級级線线練练縮缩績绩維维綜综綠绿聽听興兴舉举莊庄蘭兰處处號号衛卫製制複复見见覽览觀观訂订記记"
    "訪访評评試试詳详認认說说請请議议讓让負负財财貨货貫贯貿贸購购車车軌轨較较運运過过這这適适還还鄰邻鐵铁銷销鋪铺錄录閱阅隊队陽阳雙双難难靈灵預预題题類类風风飛飞館馆驗验齊齐備备幣币態态慶庆擔担損损換换攜携"
    "敗败歡欢殘残溝沟漢汉燒烧確确禮礼離离窮穷籌筹簽签糧粮紀纪約约紅红納纳紙纸細细終终結结給给統统絲丝緊紧編编緩缓繼继罰罚聲声臺台藝艺蘇苏補补裝装訓训許许診诊詢询語语課课談谈豐丰貧贫賣卖贊赞躍跃輕轻輪轮轉转"
    "週周遠远遲迟針针錢钱錯错閒闲陸陆隨随雜杂雲云靜静響响頁页順顺須须頒颁顯显願愿飲饮餘余駐驻騰腾髮发鬥斗魚鱼鳥鸟麥麦黃黄齡龄於于並并兩两佈布來来倉仓們们側侧傷伤僅仅黨党參参嚴严圍围團团圖图圓圆場场壓压壞坏"
    "夠够奪夺奮奋婦妇孫孙寧宁審审寫写專专屬属層层島岛幫帮廢废廳厅張张彈弹復复擁拥擬拟攤摊斷断暢畅書书棄弃極极樂乐機机檢检歲岁決决況况淨净減减測测溫温滅灭漲涨潔洁無无災灾爛烂畝亩異异盤盘碼码礦矿稅税窩窝競竞"
    "筆笔簡简繫系義义習习腦脑臨临舊旧葉叶蓋盖藥药衝冲親亲覺觉訊讯託托詞词誠诚論论識识變变貼贴賓宾賴赖贏赢趨趋跡迹軍军載载輔辅輸输轄辖連连遊游違违遞递遷迁遺遗邁迈鄭郑鐘钟閉闭閣阁階阶隱隐雖虽韓韩頂顶顧顾飯饭"
    "駛驶鬧闹麼么噸吨寬宽攝摄讀读壯壮壽寿屆届鑑鉴鑒鉴劇剧勞劳勢势匯汇卻却厲厉嗎吗壇坛奧奥寶宝崗岗帶带幹干彎弯徵征憑凭懸悬撥拨擊击擠挤攬揽敵敌曉晓曆历樓楼歐欧毀毁滯滞濕湿爐炉獲获瓊琼畢毕疊叠盜盗磚砖禦御穀谷"
    "糾纠紐纽紡纺絕绝綱纲縱纵繩绳纖纤罷罢羅罗聖圣膽胆艦舰蒼苍薦荐虧亏衆众襲袭訴诉該该諾诺謀谋謝谢譯译讚赞貸贷賀贺賞赏賽赛贈赠軸轴輝辉辭辞邏逻釋释鋼钢錦锦鍵键鏈链鑄铸閃闪闊阔陣阵陳陈雞鸡霧雾頑顽顆颗騙骗驅驱"
    "鬆松龍龙園园濱滨灣湾漁渔礙碍觸触壩坝廈厦綫线貢贡獻献儀仪鏡镜腳脚籃篮瀏浏鈕钮掃扫紹绍萊莱"
)
_FOLD |= {ord(t): ord(s) for t, s in zip(_TRADITIONAL[0::2], _TRADITIONAL[1::2], strict=True)}


def fold(s: str) -> str:
    """Full-width → half-width, same length."""
    return s.translate(_FOLD)


CJK = "\u4e00-\u9fff"
CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_number(s: str) -> int | None:
    """一 → 1, 十一 → 11, 二十三 → 23, 一百零五 → 105; None when it is not a Chinese numeral."""
    if not s or any(c not in CN_DIGITS for c in s):
        return None
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        h = _CN_VALUE.get(hundreds, 1) if hundreds else 1
        rest = rest.lstrip("零〇")
        tail = cn_number(rest) if rest else 0
        return None if tail is None else h * 100 + tail
    if "十" in s:
        tens, _, units = s.partition("十")
        t = _CN_VALUE.get(tens, 1) if tens else 1
        return t * 10 + (_CN_VALUE.get(units, 0) if units else 0)
    if len(s) == 1:
        return _CN_VALUE.get(s)
    return None


@dataclass(frozen=True)
class Span:
    """A run of one line: `text` is exactly what the document says, `folded` the same run width-folded."""

    line: int
    start: int  # offset of text within the line
    text: str
    folded: str

    def sub(self, a: int, b: int) -> Span:
        """The run [a, b) of this span (offsets within it), with edge spaces trimmed."""
        a, b = max(0, a), min(len(self.text), b)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return Span(self.line, self.start + a, self.text[a:b], self.folded[a:b])


def line_span(no: int, raw: str) -> Span:
    """A whole line, trimmed."""
    return Span(no, 0, raw, fold(raw)).sub(0, len(raw))


_SENTENCE_END = re.compile(r"[。!?！？]+[”’\"]?")


def sentences(span: Span) -> list[Span]:
    """Split a paragraph at 。！？ (keeping the mark with its sentence)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(span.folded):
        piece = span.sub(start, m.end())
        if piece.text:
            out.append(piece)
        start = m.end()
    rest = span.sub(start, len(span.text))
    if rest.text:
        out.append(rest)
    return out


CLAUSE_BREAK = ",;:。!?"  # in folded text; 、 lists items inside a clause


def clause_bounds(folded: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`: between the nearest , ; : 。 ! ? marks."""
    a = max(folded.rfind(c, 0, pos) for c in CLAUSE_BREAK) + 1
    ends = [i for i in (folded.find(c, pos) for c in CLAUSE_BREAK) if i != -1]
    return a, min(ends) if ends else len(folded)


def has_cjk(s: str) -> bool:
    return re.search(f"[{CJK}]", s) is not None


# Units a target is counted in, longest first so 万平方米 wins over 平方米 and 个百分点 over 个.
UNITS = sorted(
    [
        "个百分点",
        "百分点",
        "个工作日",
        "工作日",
        "万平方米",
        "平方公里",
        "平方米",
        "立方米",
        "微克/立方米",
        "毫克/升",
        "岁",
        "万千瓦",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "万人次",
        "人次",
        "万人",
        "万户",
        "万亩",
        "万吨",
        "万头",
        "万只",
        "万元",
        "亿元",
        "亿美元",
        "万美元",
        "万亿元",
        "亿",
        "元",
        "公顷",
        "公里",
        "千米",
        "亩",
        "吨",
        "户",
        "头",
        "只",
        "家",
        "个",
        "件",
        "项",
        "人",
        "名",
        "所",
        "座",
        "台",
        "套",
        "辆",
        "张",
        "床",
        "条",
        "处",
        "篇",
        "部",
        "场",
        "次",
        "批",
        "栋",
        "间",
        "%",
        "‰",
        "倍",
    ],
    key=len,
    reverse=True,
)
# What may not follow a unit for it to be one: 个月 is a span of time, 家居 a trade, 次数 a noun …
_NOT_AFTER = {
    "个": "月工作季体",
    "家": "居电庭乡属具长族",
    "人": "民口才员均",
    "名": "单称牌录优列额",
    "部": "门署分委",
    "处": "理置室级",
    "次": "数",
    "条": "件例款",
    "场": "所景地馆",
    "台": "账阶",
    "元": "素",
    "件": "事",
    "批": "准复",
    "头": "部",
    "只": "有是能",
    "间": "隔",
    "所": "有在需属",
    "项": "目",
}
# 所以 is "so", 所以上 is "… schools or more"; 2万台, 5万辆: 万 / 亿 in front of a unit of one character.
_EXTRA_NOT = {"所": "(?!以(?!上))", "个": "(?!小时|方面|层面|环节|维度|到位|坚持)"}
UNIT_RE = re.compile(
    "(?:(?:[万亿](?=[台套辆个家件项人户吨头只亩座张条处所]))?(?:"
    + "|".join(
        re.escape(u) + (f"(?![{_NOT_AFTER[u]}])" if u in _NOT_AFTER else "") + _EXTRA_NOT.get(u, "")
        for u in UNITS
    )
    + "))(?:/(?:万平方公里|百平方公里|平方公里|平方米|立方米|万人|千人|百人|人|户|年|亩|天|公顷))?"
)
UNIT_CELL_RE = re.compile(
    r"(?:%|‰|" + "|".join(re.escape(u) for u in UNITS if u not in ("%", "‰")) + r")(?:/(?:万人|人|户|年|亩))?"
)
