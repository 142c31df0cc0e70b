"""The 台账 import at size (issue 17): peak memory on a hostile workbook, and how long a big import holds
SQLite's write lock while another process keeps writing.

    python -m benchmarks.ledger_import memory            # peak RSS: a 1.5 MB xlsx that unpacks to 650 MB,
                                                        # and one whose sheet declares a million empty rows
    python -m benchmarks.ledger_import lock [--rows N]   # a 10,000-row import on the district ledger: the
                                                        # write lock's longest hold, and a concurrent writer

Not a row of `python -m benchmarks` (there is no floor to compare an import with); the figures are what
issue 17 asked to see before and after. The district ledger is generated into --dir as the harness does.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = Path(__file__).parent / "out"
WRITER_MILESTONE = "49904"  # an increment near the district's end: not in the imported rows

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
# The header row (编号, 状态) and one data row, as shared strings 0-3.
_HEADER_ROWS = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
)
_STRINGS = ("编号", "状态", "1-M1", "推进中")


def _workbook(path: Path, sheet_rows: object, strings: object) -> Path:
    """An .xlsx written part by part (the parts can be far larger than memory): `sheet_rows` and `strings`
    are iterables of XML text for the sheet's <sheetData> and the shared-string table's <si> items."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write((_SHEET_HEAD + "<sheetData>").encode())
            for chunk in sheet_rows:  # type: ignore[attr-defined]
                f.write(chunk.encode())
            f.write(b"</sheetData></worksheet>")
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            for chunk in strings:  # type: ignore[attr-defined]
                f.write(chunk.encode())
            f.write(b"</sst>")
    return path


def _shared(extra_mib: int) -> object:
    for s in _STRINGS:
        yield f"<si><t>{s}</t></si>"
    chunk = "<si><t>台</t></si>" * (2**20 // 19)  # tiny strings: each costs openpyxl a Python object
    for _ in range(extra_mib):
        yield chunk


def huge_strings_xlsx(path: Path, unpacked_mib: int = 620) -> Path:
    """A small .xlsx (about 1 MB at the default) whose shared-string table unpacks to `unpacked_mib` MiB
    of one-character strings (34 million of them): what drove the import to 3.1 GB in issue 17."""
    return _workbook(path, iter([_HEADER_ROWS]), _shared(unpacked_mib))


def empty_rows_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """A .xlsx whose sheet has one real row and then declares `rows` empty (formatted) rows."""

    def sheet() -> object:
        yield _HEADER_ROWS
        batch = 10_000
        for start in range(3, rows + 3, batch):
            yield "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(start, start + batch))

    return _workbook(path, sheet(), iter(f"<si><t>{s}</t></si>" for s in _STRINGS))


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TASKTRACK_DB")}
    env.update(TASKTRACK_CONFIG=os.devnull, TZ="UTC", LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    return env


def measured(cmd: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """Run `cmd`: (exit status, wall seconds, peak RSS in MiB, its stderr's last line). Peak memory is GNU
    time's %M, as the harness measures it (timing.gnu_time): os.wait4's ru_maxrss of a child forked from a
    large process (a test run) starts at that process's size, which says nothing of the command."""
    from benchmarks.timing import gnu_time

    gnu = gnu_time()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as mem:
        began = time.perf_counter()
        run = [gnu, "-f", "%M", "-o", mem.name, *cmd] if gnu else cmd
        proc = subprocess.Popen(run, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = int(mem.read().strip().splitlines()[-1]) / 1024 if gnu else usage.ru_maxrss / 1024
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return proc.returncode, wall, rss, last


def memory(where: Path) -> None:
    env = environment()
    db = where / "import-memory.db"
    db.unlink(missing_ok=True)
    subprocess.run([sys.executable, "-m", "tasktrack", "--db", str(db), "db", "upgrade"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    cases = [
        ("huge shared strings", huge_strings_xlsx(where / "huge-strings.xlsx")),
        ("a million empty rows", empty_rows_xlsx(where / "empty-rows.xlsx")),
    ]
    for name, path in cases:
        code, wall, rss, last = measured(
            [sys.executable, "-m", "tasktrack", "--db", str(db), "import", "ledger", str(path), "--dry-run"], env
        )
        size = path.stat().st_size / 2**20
        print(f"{name}: {path.name} {size:.1f} MiB → exit {code}, {wall:.1f} s, peak RSS {rss:.0f} MiB")
        print(f"    {last}")


# ---- the write lock ---------------------------------------------------------------------------------


def child(argv: list[str]) -> None:
    """Run the CLI with `argv`, timing each write transaction from its BEGIN IMMEDIATE to its end; the
    holds (seconds, longest first) go to the file $LOCK_TIMES as JSON when the process ends: "ledger" on
    the ledger's file, "stage" on a private copy a staged import runs on (no lock on the ledger)."""
    import atexit

    from sqlalchemy import Engine, event

    holds: dict[str, list[float]] = {"ledger": [], "stage": []}
    opened: dict[int, float] = {}

    def where(conn) -> str:  # type: ignore[no-untyped-def]
        return "stage" if "tasktrack-stage-" in str(conn.engine.url.database) else "ledger"

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.strip().upper() == "BEGIN IMMEDIATE":
            opened[id(conn.connection.dbapi_connection)] = time.perf_counter()

    def _end(conn) -> None:  # type: ignore[no-untyped-def]
        began = opened.pop(id(conn.connection.dbapi_connection), None)
        if began is not None:
            holds[where(conn)].append(time.perf_counter() - began)

    event.listen(Engine, "commit", _end)
    event.listen(Engine, "rollback", _end)
    atexit.register(lambda: Path(os.environ["LOCK_TIMES"]).write_text(
        json.dumps({k: sorted(v, reverse=True) for k, v in holds.items()})))  # fmt: skip
    sys.argv = ["tasktrack", *argv]
    from tasktrack.cli.main import run

    run()


def ten_thousand_rows(where: Path, db: Path, rows: int) -> Path:
    """`rows` rows of the district ledger's export, each with a new progress text and (where it has one) a
    new actual value: every row changes something."""
    exported = where / "district-ledger.csv"
    if not exported.exists():
        cmd = [sys.executable, "-m", "tasktrack", "--db", str(db), "export", "ledger", "-o", str(exported)]
        subprocess.run(cmd, env=environment(), check=True, capture_output=True)
    with exported.open(encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f))
    head, body = records[0], records[1 : rows + 1]
    actual, progress = head.index("实际"), head.index("进展情况")
    for r in body:
        r[progress] = (r[progress] or "") + "（6月更新）"
        if r[actual]:
            r[actual] = f"{float(r[actual]) + 1:g}"
    out = where / f"ledger-{rows}.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head, *body])
    return out


def lock(where: Path, rows: int) -> None:
    from benchmarks import data

    source = data.ledger(where, "district", lambda s: print(s, file=sys.stderr))
    work = where / "import-lock.db"
    sheet = ten_thousand_rows(where, source, rows)
    data.fresh_copy(source, work)
    env = environment()
    times = where / "lock-times.json"
    stop = where / "writer.stop"
    stop.unlink(missing_ok=True)
    writer = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.ledger_import", "writer", str(work), str(stop)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(2)
    cmd = [sys.executable, "-m", "benchmarks.ledger_import", "child", "--db", str(work), "import", "ledger",
           str(sheet)]  # fmt: skip
    code, wall, rss, last = measured(cmd, {**env, "LOCK_TIMES": str(times)})
    stop.touch()
    out, _ = writer.communicate(timeout=120)
    holds = json.loads(times.read_text()) if times.exists() else {"ledger": [], "stage": []}
    print(f"import ledger {sheet.name} ({rows} rows) on the district ledger: exit {code}, {wall:.1f} s, "
          f"peak RSS {rss:.0f} MiB")  # fmt: skip
    print(f"    {last}")
    mine = holds["ledger"]
    print(f"    the ledger's write lock: {len(mine)} transactions, longest {mine[0] if mine else 0:.2f} s, "
          f"total {sum(mine):.2f} s")  # fmt: skip
    if holds["stage"]:
        print(f"    applied on the private copy meanwhile (no lock on the ledger): {holds['stage'][0]:.1f} s")
    print(f"    concurrent writer (milestone progress in a loop): {out.strip()}")


def writer(db: Path, stop: Path, ref: str = WRITER_MILESTONE) -> None:
    """`milestone progress` in a loop until `stop` exists: how many succeeded, failed, the slowest."""
    env = environment()
    ok = failed = 0
    slowest = 0.0
    locked = 0
    n = 0
    while not stop.exists():
        n += 1
        cmd = [sys.executable, "-m", "tasktrack", "--db", str(db), "milestone", "progress", ref,
               str(n % 90 + 1)]  # fmt: skip
        began = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        slowest = max(slowest, time.perf_counter() - began)
        if done.returncode == 0:
            ok += 1
        else:
            failed += 1
            locked += "locked" in done.stderr
            print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode,
                  file=sys.stderr)  # fmt: skip
    print(f"{ok} ok, {failed} failed ({locked} 'database is locked'), slowest {slowest:.1f} s")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "child":
        child(argv[1:])
        return 0
    if argv and argv[0] == "writer":
        writer(Path(argv[1]), Path(argv[2]), *argv[3:4])
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ledger_import", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("memory", "lock"))
    parser.add_argument("--rows", type=int, default=10_000, help="rows of the lock benchmark's sheet")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"where inputs are kept ({DEFAULT_DIR})")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if args.what == "memory":
        memory(args.dir)
    else:
        lock(args.dir, args.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
