"""`python -m benchmarks` exits 0 when every target it judges holds and 1 when one does not (issue 16);
a row it only shows (a city target on --quick's district) never decides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks import rows, run
from benchmarks.rows import Line


def _line(ok: bool | None) -> Line:
    return Line("op", "district", "1 s", "1 s", "1.00×", "≤ 1.5×", ok)


@pytest.mark.parametrize(
    ("judged", "code"),
    [([True, None, True], 0), ([None, None], 0), ([True, False, None], 1), ([False], 1)],
)
def test_the_exit_code_is_whether_every_judged_target_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, judged: list[bool | None], code: int
) -> None:
    def fake_run(b: Any, only: set[str], quick: str | None) -> list[Line]:
        return [_line(ok) for ok in judged]

    monkeypatch.setattr(run, "run", fake_run)
    assert run.main(["--quick", "--dir", str(tmp_path)]) == code


@pytest.mark.parametrize(
    ("ours", "floor", "peer", "same", "counts", "met"),
    [
        (0.30, 0.25, 0.95, True, True, True),  # 1.2× the floor, 3.2× faster than Taskwarrior
        (0.33, 0.25, 1.20, True, True, False),  # 1.32× the floor
        (0.30, 0.29, 0.85, True, True, False),  # only 2.8× faster than Taskwarrior
        (0.20, 0.20, 0.90, False, True, False),  # fast, but not the floor's bytes
        (0.20, 0.20, 0.90, True, False, False),  # fast, but not as many as Taskwarrior lists
    ],
)
def test_the_overdue_lists_target_is_the_floor_and_taskwarrior(
    ours: float, floor: float, peer: float, same: bool, counts: bool, met: bool
) -> None:
    assert rows.overdue_met(ours, floor, peer, same=same, counts=counts) is met
