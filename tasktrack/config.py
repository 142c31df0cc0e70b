"""Settings: defaults from a TOML file in the user's config directory, overridable per command."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from tasktrack.domain.progress import Thresholds
from tasktrack.domain.text import either
from tasktrack.errors import UserError, Words

APP = "tasktrack"


def config_path() -> Path:
    """$TASKTRACK_CONFIG, else config.toml in the platform's user config directory."""
    if env := os.environ.get("TASKTRACK_CONFIG"):
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


def default_db_path() -> Path:
    """$TASKTRACK_DB is read by the CLI; this is the fallback: the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / "tasktrack.db"


@dataclass(frozen=True)
class Settings:
    lang: str | None = None  # zh | en; None: from the locale
    amber_points: float = 10.0  # amber when this many points behind 序时进度
    red_points: float = 30.0  # red when more than this many points behind
    due_soon_days: int = 14  # "due soon" window of lists and reports
    remind_days: list[int] = field(default_factory=lambda: [7, 3])  # reminders before the due date
    smtp_host: str | None = None  # host:port for reminder e-mail
    smtp_sender: str | None = None  # From: address of reminder e-mail
    coordinator_email: str | None = None  # where notices about unassigned items go
    coordinator_name: str = "区科技局"  # who signs circulars and notices
    closure_accepted_evidence: int = 1  # 销号 needs this many evidence items a coordinator accepted
    review_pending_days: int = 7  # a request pending longer than this is listed in the circular's 存在问题
    stale_days: int = 60  # an open item with nothing recorded for longer than this is chased as 未更新
    # 三色督办 (services.ladder): 蓝 due within ladder_blue_days; 黄 behind 序时 or overdue up to
    # ladder_red_overdue_days; 红 beyond, or returned ladder_red_returns times. Each stage is sent once per
    # item and copied to its ladder_cc_* contacts: "leader" (the unit's 分管领导, from unit_leaders
    # "UNIT=NAME <EMAIL>") and "office_head" (the coordinating office's head, "NAME <EMAIL>").
    ladder_blue_days: int = 7
    ladder_red_overdue_days: int = 30
    ladder_red_returns: int = 2
    ladder_cc_blue: list[str] = field(default_factory=list)
    ladder_cc_yellow: list[str] = field(default_factory=lambda: ["leader"])
    ladder_cc_red: list[str] = field(default_factory=lambda: ["leader", "office_head"])
    unit_leaders: list[str] = field(default_factory=list)
    office_head: str | None = None
    import_max_rows: int = 50_000  # rows a ledger sheet (台账) may have for `import ledger`
    import_max_mb: int = 20  # MB (10^6 bytes) a ledger sheet may be; an .xlsx may unpack to 10× that
    # The circular as a 公文 (GB/T 9704-2012): masthead, 文号, 主送, 抄送 and 印发 lines of PDF and .docx.
    masthead: str | None = None  # 发文机关标志 in red; None: coordinator_name + "文件"
    doc_no_format: str = "{issuer}〔{year}〕{n}号"  # 发文字号; {issuer}, {year} and {n} (the issue) filled in
    main_to: list[str] = field(default_factory=lambda: ["各牵头单位、配合单位"])  # 主送机关
    cc: list[str] = field(default_factory=list)  # 抄送机关; none: no 抄送 line
    printer: str | None = None  # 印发机关; None: coordinator_name
    font_dirs: list[str] = field(default_factory=list)  # CJK fonts for PDF; none: the system's font directories

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.amber_points, self.red_points, self.due_soon_days)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_TYPES: dict[str, tuple[type, ...]] = {
    "float": (int, float),
    "int": (int,),
    "str | None": (str,),
    "list[int]": (list,),
    "list[str]": (list,),
    "str": (str,),
}


_KINDS = {  # what a setting of each type must be, as a message says it
    "float": "err.cfg.kind.number",
    "int": "err.cfg.kind.whole",
    "list[int]": "err.cfg.kind.whole_list",
    "list[str]": "err.cfg.kind.text_list",
}


def _check_type(path: Path, key: str, value: object, annotation: object) -> None:
    expected = _TYPES.get(str(annotation), (object,))
    ok = isinstance(value, expected) and not isinstance(value, bool)
    if ok and str(annotation) == "list[int]":
        ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    if ok and str(annotation) == "list[str]":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    if not ok:
        kind = _KINDS.get(str(annotation), "err.cfg.kind.text")
        raise UserError("err.cfg.type", path=path, key=key, kind=Words(kind), value=value)


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file means defaults, a broken one is a user error."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError("err.cfg.not_toml", path=path, why=exc) from exc
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UserError("err.cfg.unknown_key", path=path, key=unknown[0], keys=", ".join(known))
    for key, value in data.items():
        _check_type(path, key, value, known[key].type)
    settings = Settings(**data)
    if settings.lang not in (None, "zh", "en"):
        raise UserError("err.cfg.lang", path=path, value=settings.lang)
    for key in ("import_max_rows", "import_max_mb", "stale_days", "ladder_red_returns"):
        if getattr(settings, key) < 1:
            raise UserError("err.cfg.at_least_1", path=path, key=key, value=getattr(settings, key))
    if not 0 <= settings.amber_points <= settings.red_points:
        raise UserError("err.cfg.points", path=path)
    _check_ladder(path, settings)
    return settings


CC_ROLES = ("leader", "office_head")  # whom a 三色督办 stage can be copied to besides the unit


@dataclass(frozen=True)
class Contact:
    """Someone a 三色督办 stage is copied to: a unit's 分管领导 (leader) or the office's head."""

    name: str
    email: str | None
    role: str  # leader | office_head


def contact(text: str, role: str, what: str) -> Contact:
    """'王副区长 <wang@example.gov.cn>' or a bare name; refused when it is neither."""
    from email.utils import parseaddr

    name, addr = parseaddr(text)
    name = (name or ("" if "@" in addr else addr)).strip()
    email = addr.strip() if "@" in addr else None
    if not name and not email:
        raise UserError("err.cfg.contact", what=what, text=text)
    return Contact(name or (email or ""), email, role)


def leaders(settings: Settings) -> dict[str, Contact]:
    """unit_leaders ("区科技局=王副区长 <wang@…>") as unit name (short or full) → its 分管领导."""
    out: dict[str, Contact] = {}
    for entry in settings.unit_leaders:
        unit, sep, who = entry.partition("=")
        if not sep or not unit.strip():
            raise UserError("err.cfg.unit_leader", entry=entry)
        out[unit.strip()] = contact(who, "leader", "unit_leaders")
    return out


def _check_ladder(path: Path, settings: Settings) -> None:
    for colour in ("blue", "yellow", "red"):
        key = f"ladder_cc_{colour}"
        for role in getattr(settings, key):
            if role not in CC_ROLES:
                raise UserError("err.cfg.cc_role", path=path, key=key, role=role, roles=either(CC_ROLES))
    try:
        leaders(settings)
        if settings.office_head is not None:
            contact(settings.office_head, "office_head", "office_head")
    except UserError as exc:
        raise UserError("err.cfg.in_file", path=path, reason=exc) from None
