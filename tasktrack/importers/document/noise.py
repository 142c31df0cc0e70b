"""What a web page wraps round a plan: navigation, page furniture, news headlines, media links, footers.

Such lines are set aside before the plan is read (kept in the text, so line numbers and quotes stay as
published), and their share tells whether the document is a plan at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasktrack.importers.document.text import Span

_FURNITURE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|首页\s*[>|]|网站首页|【?字体|打印本页|关闭窗口|分享到|浏览次数|阅读次数|"
    r"上一篇|下一篇|相关新闻|相关链接|相关阅读|相关文件|热点新闻|图片新闻|视频新闻|最新动态|新闻中心|主办单位|主办[:]|"
    r"承办[:]|联系电话|联系我们|版权所有|扫一扫|音频播报|网站标识码|网站地图)"
    r"|ICP备|公网安备|\.(?:mp3|mp4|wav|m4a|flv|avi)\b|^来源[:].{0,30}(?:发布时间|时间)[:]"
)
_NAV = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}\s*[|｜]\s*){3,}[\u4e00-\u9fff]{2,6}$")
_NEWS_BLOCK = re.compile(r"^(?:热点新闻|图片新闻|视频新闻|相关新闻|最新动态|新闻中心|要闻|工作动态)\s*[:：]?\s*$")


@dataclass
class Noise:
    lines: set[int] = field(default_factory=set)  # line numbers set aside
    share: float = 0.0  # of the non-blank characters

    @property
    def mostly(self) -> bool:
        return self.share >= 0.5

    @property
    def heavy(self) -> bool:
        """Enough furniture that what was read from between it deserves a second look."""
        return self.share >= 0.3


def find_noise(lines: list[Span]) -> Noise:
    """The lines that are page furniture, and their share of the text."""
    noise = Noise()
    in_news = False
    for line in lines:
        f = line.folded.strip()
        if not f:
            continue
        if _NEWS_BLOCK.match(f):
            in_news = True
            noise.lines.add(line.line)
            continue
        if in_news and ("。" in f or len(f) > 60):
            in_news = False
        if in_news or _FURNITURE.search(f) or _NAV.match(f):
            noise.lines.add(line.line)
    total = sum(len(x.text) for x in lines if x.text)
    noisy = sum(len(x.text) for x in lines if x.line in noise.lines)
    noise.share = noisy / total if total else 0.0
    return noise


def without(lines: list[Span], noise: Noise) -> list[Span]:
    """The lines with the noise blanked, numbering kept."""
    return [Span(x.line, x.start, "", "") if x.line in noise.lines else x for x in lines]


_LOST_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?:1[0-2]|0?[1-9])月(?:\d{1,2}[日号])?|(?<![\d年])(?:19|20)\d{5,6}(?!\d)"
)


def lost_dates(lines: list[Span]) -> list[str]:
    """Dates whose 年 / 月 / 日 the copy lost (20241月20日, 2021824): named for a person, never guessed."""
    out: list[str] = []
    for line in lines:
        for m in _LOST_DATE.finditer(line.folded):
            text = line.text[m.start() : m.end()]
            if text not in out:
                out.append(text)
    return out
