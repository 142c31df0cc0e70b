"""A value in a plan file gets the answer the CLI gives for it: NaN, inf and "" are refused, with the CLI's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasktrack.errors import UserError
from tasktrack.services.ledger import Ledger
from tests.conftest import db_checksum

PLAN = """\
format: tasktrack/1
layer: plan
plans:
  - key: values
    title: 数值检验方案
    tasks:
      - code: "1"
        title: 任务
        milestones:
          - code: 1-M1
            metric: 新增科技型企业
            year: 2021
            kind: increment
            target: {target}
            baseline: {{year: 2020, value: {baseline}}}
"""

# (as YAML writes it in a plan file, as a person types it after --target)
HOSTILE = [
    (".nan", "nan"),
    ("nan", "nan"),
    ("NaN", "NaN"),
    (".inf", "inf"),
    ("-.inf", "-inf"),
    ("inf", "inf"),
    ("'1e309'", "1e309"),
    ("''", ""),
    ("'  '", "  "),
    ("五十", "五十"),
]


def _cli_error(cli, value: str) -> str:
    res = cli("--lang", "en", "milestone", "edit", "kaizhou-7p:1-M1", f"--target={value}", "-r", "x")
    assert res.code == 2 and res.out == "", res
    line = res.err.strip()
    assert line.startswith("tasktrack: error: ") and "\n" not in line
    return line.removeprefix("tasktrack: error: ")


@pytest.mark.parametrize(("in_file", "typed"), HOSTILE)
def test_a_hostile_target_is_refused_with_the_clis_words(
    ledger: Ledger, cli, tmp_path: Path, db_path: Path, in_file: str, typed: str
) -> None:
    message = _cli_error(cli, typed)
    assert message.startswith(("target must be a number", "target must be a finite number", "target is empty"))
    path = tmp_path / "values.yaml"
    path.write_text(PLAN.format(target=in_file, baseline=10), encoding="utf-8")
    before = db_checksum(db_path)
    with pytest.raises(UserError) as exc:
        ledger.loader.load(path)
    text = str(exc.value)
    assert "\n" not in text and "nothing loaded" in text
    assert f"plans[0].tasks[0].milestones[0].target: {message}" in text
    assert db_checksum(db_path) == before  # nothing written: no milestone turned into an event
    assert ledger.milestones.get("kaizhou-7p:1-M1").target == 50  # and the CLI's attempt changed nothing


@pytest.mark.parametrize(("in_file", "typed"), [(".nan", "nan"), ("''", "")])
def test_a_hostile_baseline_is_refused_with_the_clis_words(
    ledger: Ledger, tmp_path: Path, in_file: str, typed: str
) -> None:
    path = tmp_path / "values.yaml"
    path.write_text(PLAN.format(target=50, baseline=in_file), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        ledger.loader.load(path)
    with pytest.raises(UserError) as cli_rule:  # what `milestone add --baseline` style input is told
        ledger.milestones.add("kaizhou-7p:1-3", "1-M9", "m", 2021, target=1, baseline_value=typed)
    assert f"baseline.value: {cli_rule.value}" in str(exc.value)


def test_ordinary_numbers_still_load(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "values.yaml"
    path.write_text(PLAN.format(target="'1,000'", baseline=-5), encoding="utf-8")
    ledger.loader.load(path)
    m = ledger.milestones.get("values:1-M1")
    assert (m.target, m.kind, m.baseline_value) == (1000, "increment", -5)
