"""The CJK fonts a PDF circular is set in, found in the font directories (a setting or $TASKTRACK_FONT_DIRS)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tasktrack.errors import Unavailable
from tasktrack.i18n import t

FONT_DIRS_ENV = "TASKTRACK_FONT_DIRS"
SYSTEM_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
# The Debian packages .ci/run installs: a GB 宋体 (body) and 楷体 (second-level headings) in TrueType, which
# subset fast, and Noto CJK for 黑体 headings and any character outside GB 2312.
PACKAGES = ("fonts-arphic-gbsn00lp", "fonts-arphic-gkai00mp", "fonts-noto-cjk")

# Per role, the files that can fill it, best first: (file name, face in a .ttc that is Simplified Chinese).
# song: 宋 (the body; GB/T 9704 asks for 仿宋, which no Debian package has); kai: 楷 (（一） headings);
# hei: 黑 (一、 headings); wide: a face with the widest coverage, for characters the others lack.
ROLES: dict[str, tuple[tuple[str, int], ...]] = {
    "song": (("gbsn00lp.ttf", 0), ("NotoSerifCJK-Regular.ttc", 2), ("NotoSerifCJKsc-Regular.otf", 0),
             ("uming.ttc", 0)),
    "kai": (("gkai00mp.ttf", 0), ("ukai.ttc", 0)),
    "hei": (("NotoSansCJK-Bold.ttc", 2), ("NotoSansCJKsc-Bold.otf", 0), ("NotoSansCJK-Regular.ttc", 2),
            ("wqy-zenhei.ttc", 0), ("wqy-microhei.ttc", 0)),
    "wide": (("NotoSerifCJK-Regular.ttc", 2), ("NotoSerifCJKsc-Regular.otf", 0), ("NotoSansCJK-Regular.ttc", 2),
             ("uming.ttc", 0), ("wqy-zenhei.ttc", 0)),
}  # fmt: skip
KNOWN = {name for faces in ROLES.values() for name, _ in faces}


@dataclass(frozen=True)
class Face:
    path: Path
    index: int  # the face within a .ttc collection


@dataclass(frozen=True)
class CjkFonts:
    song: Face
    kai: Face
    hei: Face
    wide: Face | None  # None: song is the widest there is


def font_dirs(configured: list[str] | None = None) -> list[Path]:
    """$TASKTRACK_FONT_DIRS (os.pathsep-separated), else the font_dirs setting, else the system's."""
    env = os.environ.get(FONT_DIRS_ENV)
    if env is not None:
        names = [d for d in env.split(os.pathsep) if d]
    else:
        names = list(configured or SYSTEM_DIRS)
    return [Path(d).expanduser() for d in names]


def find_fonts(dirs: list[Path], lang: str = "zh") -> CjkFonts:
    """The face for each role; a role with no face of its own takes the 宋 face. No CJK face at all: the PDF
    would print every character as a box, so it is refused, naming the packages to install."""
    files: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _, names in os.walk(d):
            for name in names:
                if name in KNOWN and name not in files:
                    files[name] = Path(root) / name
    found: dict[str, Face] = {}
    for role, faces in ROLES.items():
        for name, index in faces:
            if name in files:
                found[role] = Face(files[name], index)
                break
    if not found:
        where = os.pathsep.join(str(d) for d in dirs) or "-"
        raise Unavailable(t("pdf.no_font", lang, dirs=where, package=" ".join(PACKAGES)))
    song = found.get("song") or found.get("wide") or found["hei"]
    wide = found.get("wide")
    return CjkFonts(song=song, kai=found.get("kai", song), hei=found.get("hei", song),
                    wide=None if wide == song else wide)  # fmt: skip
