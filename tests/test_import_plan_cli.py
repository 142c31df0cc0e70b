"""`tasktrack import plan` / `import review` as a user runs them, and no crash on any input."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasktrack.errors import UserError
from tasktrack.importers.document import draft_bytes, draft_text
from tasktrack.importers.planfile import parse_plan_data
from tests.test_import_plan import FIXTURES, SOURCES

SEVEN = SOURCES / "002_kaizhou_seven_programmes.txt"


def test_prints_the_draft_without_out(cli, tmp_path: Path) -> None:
    r = cli("import", "plan", str(SEVEN))
    assert r.code == 0, r.err
    data = yaml.safe_load(r.out)
    assert data["format"] == "tasktrack/1" and data["plans"][0]["doc_no"] == "开州府办发〔2021〕63号"
    assert "已起草" in r.err  # the summary is a diagnostic: stdout stays the YAML


def test_out_is_not_overwritten_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    out.write_text("mine", encoding="utf-8")
    r = cli("import", "plan", str(SEVEN), "--out", str(out))
    assert r.code == 2 and "--force" in r.err and len(r.err.strip().splitlines()) == 1
    assert out.read_text(encoding="utf-8") == "mine"
    r = cli("import", "plan", str(SEVEN), "--out", str(out), "--force")
    assert r.code == 0 and r.out == ""
    parse_plan_data(yaml.safe_load(out.read_text(encoding="utf-8")), "draft.yaml")


def test_binary_and_missing_files_are_one_line_errors(cli, tmp_path: Path) -> None:
    binary = tmp_path / "plan.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    for path in (binary, tmp_path / "missing.txt", tmp_path):
        r = cli("import", "plan", str(path))
        assert r.code == 2, r.err
        assert r.err.startswith("tasktrack: error:") and len(r.err.strip().splitlines()) == 1
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    r = cli("import", "plan", str(pdf))
    assert r.code == 2 and "PDF" in r.err
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    r = cli("import", "plan", str(broken))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_load_puts_the_draft_in_the_ledger(cli, tmp_path: Path) -> None:
    out = tmp_path / "fengjie.yaml"
    r = cli("import", "plan", str(FIXTURES / "fengjie_innovation_action.txt"), "--out", str(out), "--load")
    assert r.code == 0, r.err
    r = cli("plan", "list", "--json")
    plans = yaml.safe_load(r.out)["plans"]
    assert [p["doc_no"] for p in plans] == ["奉节府办发〔2022〕41号"]
    r = cli("import", "plan", str(SEVEN), "--load")  # no --out: printed, and loaded from a temporary copy
    assert r.code == 0, r.err
    assert len(yaml.safe_load(cli("plan", "list", "--json").out)["plans"]) == 2


def test_review_lists_drops_and_accepts(cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    assert cli("import", "plan", str(SEVEN), "--out", str(out)).code == 0
    drafted = out.read_bytes()
    r = cli("import", "review", str(out))
    assert r.code == 0 and "二-1-M1" in r.out and "2021年新增科技型企业50家" in r.out
    r = cli("import", "review", str(out), "--drop", "二-6-M1", "--drop", "二-3", "--accept")
    assert r.code == 0, r.err
    assert out.read_bytes() == drafted  # the draft is kept as it was: the review is a new file
    reviewed = tmp_path / "draft.reviewed.yaml"
    assert str(reviewed) in r.err
    text = reviewed.read_text(encoding="utf-8")
    assert text.startswith("# Draft plan file")
    data = yaml.safe_load(text)
    parse_plan_data(data, "draft.yaml")
    codes = [t["code"] for t in data["plans"][0]["tasks"][0]["tasks"]]
    assert "二-3" not in codes and "二-6-M1" not in text
    assert "confidence: 0.9" not in text  # kept items are marked reviewed
    r = cli("import", "review", str(out), "--drop", "no-such-code", "--force")
    assert r.code == 2 and "no-such-code" in r.err


def test_review_never_replaces_a_file_unless_asked(cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    assert cli("import", "plan", str(SEVEN), "--out", str(out)).code == 0
    drafted = out.read_bytes()
    mine = tmp_path / "mine.yaml"
    mine.write_text("my notes", encoding="utf-8")
    refusals = {
        ("--out", str(mine)): "mine.yaml exists already; add --force to replace it",
        ("--out", str(out)): "draft.yaml is this command's input and is never overwritten",
        ("--out", str(out), "--force"): "draft.yaml is this command's input",
    }
    for args, why in refusals.items():
        r = cli("--lang", "en", "import", "review", str(out), "--drop", "二-3", *args)
        assert r.code == 2 and why in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert mine.read_text(encoding="utf-8") == "my notes" and out.read_bytes() == drafted
    assert cli("import", "review", str(out), "--drop", "二-3", "--out", str(mine), "--force").code == 0
    assert "二-3:" not in mine.read_text(encoding="utf-8") and out.read_bytes() == drafted
    both = cli("import", "review", str(out), "--accept", "--in-place", "--out", str(mine))
    assert both.code == 2 and "--in-place" in both.err
    r = cli("import", "review", str(out), "--drop", "二-3", "--in-place")
    assert r.code == 0, r.err
    assert out.read_bytes() != drafted and "code: 二-3\n" not in out.read_text(encoding="utf-8")
    parse_plan_data(yaml.safe_load(out.read_text(encoding="utf-8")), "draft.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml", "mine.yaml"]  # no temporary file


def test_review_in_place_under_a_file_size_limit_keeps_the_whole_draft(tmp_path: Path) -> None:
    """Killed by the file-size limit half-way, a rewrite in place once left half a plan that still loads."""
    import resource
    import subprocess
    import sys

    out = tmp_path / "draft.yaml"
    env = {**os.environ, "TASKTRACK_DB": str(tmp_path / "l.db")}
    drafted = subprocess.run(
        [sys.executable, "-m", "tasktrack", "import", "plan", str(SEVEN), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert drafted.returncode == 0, drafted.stderr
    before = out.read_bytes()
    limit = len(before) // 2

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    review = ["import", "review", str(out), "--accept", "--in-place"]
    done = subprocess.run(
        [sys.executable, "-m", "tasktrack", "--lang", "en", *review],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_files,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("tasktrack: error: cannot write") and "Traceback" not in done.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.yaml"]


# ---- fuzzing: any text drafts a valid plan file, any bytes give a draft or a UserError ---------------

_LINES = [
    line
    for p in (*SOURCES.iterdir(), *FIXTURES.iterdir())
    for line in p.read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _valid(text: str) -> None:
    d = draft_text(text, "fuzz.txt")
    parse_plan_data(yaml.safe_load(d.to_yaml()), "fuzz.txt")
    for t in d.plan["tasks"]:
        assert t["quote"] is None or t["quote"] in text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_drafts_a_valid_plan_file(text: str) -> None:
    _valid(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LINES), max_size=40), st.sampled_from(["\n", "\n\n", "", "。", "\t"]))
def test_shuffled_plan_lines_draft_a_valid_plan_file(lines: list[str], sep: str) -> None:
    _valid(sep.join(lines))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.md", "a.html", "a.docx", "a"]))
def test_any_bytes_give_a_draft_or_a_user_error(data: bytes, name: str) -> None:
    try:
        d = draft_bytes(data, name)
    except UserError as exc:
        assert "\n" not in str(exc)
        return
    parse_plan_data(yaml.safe_load(d.to_yaml()), name)


CORPUS = Path(__file__).parent / "fixtures" / "plans_corpus"


def test_a_document_that_is_mostly_noise_is_refused_unless_accepted(cli, tmp_path: Path) -> None:
    noisy = CORPUS / "29_noise_mostly.txt"
    out = tmp_path / "draft.yaml"
    r = cli("import", "plan", str(noisy), "--out", str(out))
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "--accept-noise" in r.err, r.err
    assert not out.exists()  # nothing half-written
    r = cli("import", "plan", str(noisy), "--out", str(out), "--accept-noise")
    assert r.code == 0 and "--accept-noise" in r.err and out.exists(), r.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert not any(t.get("milestones") for t in data["plans"][0]["tasks"])  # the footer's news is no target
    # a plan wrapped in a portal page is read, its furniture set aside and said so
    r = cli("import", "plan", str(CORPUS / "28_noise_portal.txt"))
    assert r.code == 0, r.err
    assert "网页导航" in r.out and "2.3" not in yaml.safe_load(r.out)["plans"][0]["tasks"].__repr__()


def test_review_lists_the_least_certain_first_with_why(cli, tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    assert cli("import", "plan", str(CORPUS / "08_table_cut.txt"), "--out", str(out)).code == 0
    r = cli("import", "review", str(out))
    assert r.code == 0, r.err
    rows = [line for line in r.out.splitlines() if line.startswith(("指标", "任务", "节点"))]
    confs = [float(x) for line in rows for x in line.split()[2:3]]
    assert confs == sorted(confs) and rows[0].split()[1] == "专栏1-4"  # the cut-off row comes first
    assert "表格在此行中断" in rows[0]
