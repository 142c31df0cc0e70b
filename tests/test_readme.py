"""Every command the README shows is true: run its console blocks in a fresh home and compare the output.

Run `python tests/test_readme.py --update` to rewrite the README's shown output from a real run.
"""

from __future__ import annotations

import os
import pwd
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def sessions(text: str) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for every `$ ` line of every console block, in order."""
    out: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                out.append((line[2:], []))
            elif out:
                out[-1][1].append(line)
    return out


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TASKTRACK_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="200")
    return env


def run(command: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=home, env=environment(home), capture_output=True,
                          text=True, timeout=300)


ACCOUNT = f"(account {pwd.getpwuid(os.getuid()).pw_name})"  # the README's examples ran as kjj


def normalized(lines: list[str]) -> list[str]:
    """Times as a pattern, and the account that ran the commands as the README's kjj; columns that the
    account's length widens or narrows are compared by their content, not their padding."""
    out = []
    for line in lines:
        line = STAMP.sub("YYYY-MM-DD HH:MM:SS", line.rstrip()).replace(ACCOUNT, "(account kjj)")
        out.append(re.sub("─+", "─", re.sub(" {2,}", "  ", line)))
    return out


def test_readme_console_blocks_are_true(tmp_path: Path) -> None:
    for command, shown in sessions(README.read_text(encoding="utf-8")):
        proc = run(command, tmp_path)
        assert proc.returncode == 0, f"$ {command}\n{proc.stderr}"
        assert normalized(proc.stdout.splitlines()) == normalized(shown), f"$ {command}"


def test_readme_first_command_runs_the_main_job(tmp_path: Path) -> None:
    """The install-and-run command, minus the install (the suite runs on the installed package)."""
    first = re.search(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert first is not None
    steps = [s.strip() for s in first.group(1).split("&&") if "pip install" not in s]
    proc = run(" && ".join(steps), tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "逾期" in proc.stdout


def test_readme_test_command_is_what_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert blocks[1].strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def update() -> None:
    """Rewrite each console block's output from a real run in a fresh home."""
    text = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)

        def fill(match: re.Match[str]) -> str:
            lines = []
            for line in match.group(1).splitlines():
                if line.startswith("$ "):
                    proc = run(line[2:], home)
                    if proc.returncode != 0:
                        sys.exit(f"$ {line[2:]} failed: {proc.stderr}")
                    lines.append(line)
                    lines.extend(out.rstrip() for out in proc.stdout.splitlines())
            return "```console\n" + "\n".join(lines) + "\n```"

        README.write_text(BLOCK.sub(fill, text), encoding="utf-8")


if __name__ == "__main__" and "--update" in sys.argv:
    update()
