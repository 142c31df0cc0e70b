"""Charts of a document drawn by matplotlib (Agg, no display) as PNG, for the PDF and the .docx."""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Callable, Sequence

from tasktrack.i18n import t
from tasktrack.reports.model import Chart

DPI = 200
WIDTH_IN = 6.14  # the 版心's 156 mm


def chart_png(c: Chart, lang: str, path: str | None) -> tuple[bytes, float]:
    """The chart as PNG bytes and its height/width ratio: one stacked horizontal bar per category, labelled
    in the font file at `path` (a CJK face; None: matplotlib's default)."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    font = FontProperties(fname=path, size=8) if path else FontProperties(size=8)
    n = max(1, len(c.categories))
    height = 0.9 + 0.32 * n
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    ax = fig.add_subplot()
    left = [0] * n
    ys = list(range(n))[::-1]
    for k, (name, counts) in enumerate(c.series):
        colour = c.colours[k] if k < len(c.colours) else None
        ax.barh(ys, counts, left=left, color=colour, label=name, height=0.6, edgecolor="white", linewidth=0.5)
        for y, x0, v in zip(ys, left, counts, strict=True):
            if v:
                ax.text(x0 + v / 2, y, str(v), ha="center", va="center", fontproperties=font, color="white")
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_yticks(ys, [_short(s) for s in c.categories], fontproperties=font)
    ax.set_xlabel(t("gw.items", lang), fontproperties=font)
    ax.set_xlim(0, max(max(left, default=0), 1) * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts of items: whole numbers
    for label in ax.get_xticklabels():
        label.set_fontproperties(font)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(prop=font, ncol=max(1, len(c.series)), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    fig.tight_layout(pad=0.4)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue(), height / WIDTH_IN


Drawn = tuple[bytes, float]


def drawn_ahead(charts: Sequence[Chart], lang: str, path: str | None) -> Callable[[Chart], Drawn]:
    """`chart_png` for each of `charts`, begun now on the machine's other core: a forked child imports
    matplotlib and draws them while the caller sets up its fonts and lays out the text (about a fifth of a
    PDF circular's time). Returns the function that gives a chart's drawing, waiting for the child when it
    is first asked. Where there is no fork (or no chart) each chart is drawn when it is asked for; a child
    that fails is the same as none (the drawing is made again in this process, where its error shows)."""
    def here(c: Chart) -> Drawn:
        return chart_png(c, lang, path)

    if not charts or not hasattr(os, "fork"):
        return here
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process to spare (a limit): drawn here, as without fork
        os.close(read)
        os.close(write)
        return here
    if pid == 0:  # the child: draw, hand the pictures over, leave without running the parent's exit code
        code = 0
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                pickle.dump([chart_png(c, lang, path) for c in charts], out)
        except BaseException:  # noqa: BLE001  (the parent draws them itself)
            code = 1
        os._exit(code)
    os.close(write)
    done: dict[int, Drawn] = {}
    waited = False

    def drawing(c: Chart) -> Drawn:
        nonlocal waited
        if not waited:
            waited = True
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if status == 0 and data:
                done.update({id(k): v for k, v in zip(charts, pickle.loads(data), strict=True)})
        return done[id(c)] if id(c) in done else here(c)

    return drawing


def _short(label: str, most: int = 14) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"
