"""Timing commands side by side: hyperfine for time, GNU time for peak memory, stdlib when they are missing.

Every figure is a median over runs. With hyperfine the commands of one row run in one hyperfine call
(one warm-up each); its JSON gives each run's wall time and the mean CPU time. Without it, the runs of
the commands are interleaved here and timed with os.wait4 (wall, CPU and peak memory per run).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One command's medians: wall seconds, CPU seconds (user + system), peak memory in MiB."""

    wall: float
    cpu: float
    rss_mib: float | None = None


def tools() -> dict[str, str | None]:
    return {"hyperfine": shutil.which("hyperfine"), "time": gnu_time()}


def gnu_time() -> str | None:
    path = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if path is None:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


def compare(
    commands: list[list[str]],
    runs: int,
    env: dict[str, str],
    *,
    memory: bool = False,
    prepare: list[list[str]] | None = None,
    warmup: int = 1,
) -> list[Figure]:
    """Median wall and CPU time of each command (and peak memory if asked), measured in one go;
    `prepare[i]` runs before each run of `commands[i]`, untimed."""
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        figures = _hyperfine(hyperfine, commands, runs, env, prepare, warmup)
    else:
        figures = _interleaved(commands, runs, env, prepare, warmup)
    if memory:
        figures = [
            Figure(f.wall, f.cpu, peak_rss(c, min(runs, 3), env))
            for f, c in zip(figures, commands, strict=True)
        ]
    return figures


def hyperfine_line(commands: list[list[str]], runs: int, prepare: list[list[str]] | None = None) -> str:
    """The hyperfine command that repeats a row by hand."""
    before = "".join(f" --prepare {shlex.quote(shlex.join(p))}" for p in prepare or [])
    quoted = " ".join(shlex.quote(shlex.join(c)) for c in commands)
    return f"hyperfine -N -i --warmup 1 --runs {max(runs, 5)}{before} {quoted}"


def _hyperfine(
    exe: str,
    commands: list[list[str]],
    runs: int,
    env: dict[str, str],
    prepare: list[list[str]] | None,
    warmup: int,
) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hf.json"
        args = [exe, "-N", "-i", "--style", "none", "--warmup", str(warmup), "--runs", str(runs)]
        args += ["--export-json", str(out)]
        for p in prepare or []:
            args += ["--prepare", shlex.join(p)]
        subprocess.run([*args, *(shlex.join(c) for c in commands)], env=env, check=True, capture_output=True)
        results = json.loads(out.read_text())["results"]
    return [Figure(statistics.median(r["times"]), r["user"] + r["system"]) for r in results]


def _interleaved(
    commands: list[list[str]], runs: int, env: dict[str, str], prepare: list[list[str]] | None, warmup: int
) -> list[Figure]:
    def one(i: int) -> tuple[float, float, float]:
        if prepare:
            subprocess.run(prepare[i], env=env, check=True)
        return _run(commands[i], env)

    for _ in range(warmup):  # caches, compiled bytecode
        for i in range(len(commands)):
            one(i)
    samples: list[list[tuple[float, float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for i in range(len(commands)):
            samples[i].append(one(i))
    return [Figure(*(statistics.median(s[k] for s in runs_) for k in range(2)), None) for runs_ in samples]


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one run, output discarded."""
    began = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    wall = time.perf_counter() - began
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def peak_rss(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    """Median peak resident memory (MiB): GNU time's %M (as `time -v` reports it), else os.wait4."""
    gnu = gnu_time()
    values = []
    for _ in range(runs):
        if gnu is None:
            values.append(_run(cmd, env)[2])
            continue
        with tempfile.NamedTemporaryFile("r", suffix=".time") as f:
            subprocess.run(
                [gnu, "-f", "%M", "-o", f.name, *cmd],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            values.append(int(f.read().strip().splitlines()[-1]) / 1024)
    return statistics.median(values)


def measured(cmd: list[str], env: dict[str, str]) -> tuple[Figure, bytes]:
    """One run: its wall and CPU time, peak memory (GNU time's %M, else os.wait4) and what it printed."""
    gnu = gnu_time()
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r", suffix=".time") as mem:
        began = time.perf_counter()
        run = [gnu, "-f", "%M", "-o", mem.name, *cmd] if gnu else cmd
        proc = subprocess.Popen(run, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped above
        wall = time.perf_counter() - began
        rss = int(mem.read().strip().splitlines()[-1]) / 1024 if gnu else usage.ru_maxrss / 1024
        out.seek(0)
        return Figure(wall, usage.ru_utime + usage.ru_stime, rss), out.read()


def output(cmd: list[str], env: dict[str, str], timeout: float = 3600) -> bytes:
    """What a command prints (to check that a floor prints exactly what tasktrack prints)."""
    return subprocess.run(cmd, env=env, capture_output=True, timeout=timeout).stdout
