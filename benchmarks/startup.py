#!/usr/bin/env python3
"""Start-up time and memory of `uitbuiting` against `python -c pass`, measured in the same run.

    python benchmarks/startup.py [--runs 15] [--warmup 2] [--check] [--json] [--source]

Prints the median wall time of every case and its ratio to the baseline: output to a pipe
(`| pipe`), and on a 100×40 colour pseudo-terminal (`@ pty`, TERM=xterm-256color, as a person at
a desk sees it), the time to the first question of `screen`, and the peak memory of a lookup
(MiB, absolute). With --check, exits 1 when a case misses its target.

What is measured is the tool as a user has it: the wheel of this checkout, built and installed
(without dependencies: this interpreter's serve) into a scratch folder, so with the shipped
data's snapshot that the build makes (`content.snapshot`). `--source` measures the
`uitbuiting` next to this interpreter instead (an editable install reads the YAML). Uses hyperfine when it is on PATH,
else its own loop, which runs the cases in turn (round robin) so that drift hits all alike.

Stdlib only. To add a case, append a `Case` to `cases()`: a name, the argv, the target, and, for
something other than "run to completion on a pipe", a `measure` function that returns one
run's figure (seconds, or MiB with `unit="MiB"`). Cases with their own
`measure` are always timed by the loop.
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import json
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BASELINE = "python -c pass"


@dataclass
class Case:
    name: str
    argv: list[str]
    target: float | None = None  # maximum ratio to the baseline; None: reported only
    measure: Callable[[Case, dict[str, str]], float] | None = None  # one run, in seconds
    unit: str = "×"  # "×": a time, as a ratio to the baseline; "MiB": peak memory, absolute
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def uitbuiting_command() -> list[str]:
    """The console script next to this interpreter, else `python -m uitbuiting_cli`."""
    bindir = Path(sys.executable).parent
    for name in ("uitbuiting", "uitbuiting.exe"):
        if (bindir / name).is_file():
            return [str(bindir / name)]
    return [sys.executable, "-m", "uitbuiting_cli"]


def install_wheel(scratch: Path) -> Path:
    """Build this checkout's wheel and install it into `scratch/site`; returns that folder.

    Run with PYTHONPATH=site, the installed package comes before an editable install of this
    interpreter (whose path to src/ is added after site-packages), as in a user's environment.
    """
    repo = Path(__file__).resolve().parents[1]
    wheels, site = scratch / "wheel", scratch / "site"
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", *isolation, "-w", str(wheels), str(repo)], check=True
    )
    (built,) = wheels.glob("uitbuiting-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(built)], check=True)
    return site


def cases(uit: list[str] | None = None) -> list[Case]:
    """What is measured. The first case is the baseline.

    The targets are those of the start-up issue: what a person at a desk sees is a colour
    terminal (the `pty` rows, TERM=xterm-256color, NO_COLOR unset), so that is measured too,
    not only output to a pipe.
    """
    uit = uit or uitbuiting_command()
    answers = answers_file()
    lookups = {
        "route --role gemeente": ["route", "--role", "gemeente"],
        "model": ["model"],
        "info": ["info"],
        "screen --answers FILE": ["screen", "--answers", answers, "--role", "politie"],
        "oefen --list": ["oefen", "--list"],
    }
    wide = {"route": ["route"], "config show": ["config", "show"]}
    all_cases = [
        Case(BASELINE, [sys.executable, "-c", "pass"]),
        Case("--help", [*uit, "--help"], target=13),
    ]
    all_cases += [Case(f"{name} | pipe", [*uit, *args], target=8) for name, args in lookups.items()]
    all_cases += [Case(f"{name} | pipe", [*uit, *args], target=9) for name, args in wide.items()]
    if hasattr(os, "openpty"):  # POSIX
        all_cases += [
            Case(f"{name} @ pty", [*uit, *args], target=9, measure=run_on_pty)
            for name, args in {**lookups, **wide}.items()
        ]
        all_cases.append(
            Case(
                "screen: first question @ pty",
                [*uit, "screen"],
                target=13,
                measure=time_to_first_prompt,
            )
        )
        all_cases.append(
            Case(
                "route --role gemeente @ pty: peak memory",
                [*uit, "route", "--role", "gemeente"],
                target=20,
                measure=peak_memory_on_pty,
                unit="MiB",
            )
        )
    return all_cases


# A screening as a trainer scripts it (see docs/handleiding.md, "Gescripte screening").
ANSWERS = "acute: false\nobserved: [D1, D4, D7, I7]\nunknown: [F1, verblijf]\n"
FIRST_PROMPT = b"acuut gevaar voor het kind"


def answers_file() -> str:
    """A small answers file in a folder of its own, removed when the benchmark ends."""
    folder = Path(tempfile.mkdtemp(prefix="uitbuiting-bench-answers-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "casus.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return str(path)


def _spawn_on_pty(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """Start `argv` on a new 100×40 colour pseudo-terminal; return it and the master end."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    tty_env = {k: v for k, v in env.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    tty_env["TERM"] = "xterm-256color"
    # a lookup longer than the screen is paged from its top; `cat` stands for the pager, which
    # waits for no key: what is measured is the tool and the start of its pager
    tty_env["PAGER"] = "cat"
    proc = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=tty_env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    return proc, master


def _read_until(master: int, done: Callable[[bytes], bool], name: str, timeout: float) -> bytes:
    """Read the terminal until `done(seen)` or its end; fail after `timeout` seconds."""
    start = time.perf_counter()
    seen = b""
    while not done(seen):
        left = timeout - (time.perf_counter() - start)
        ready, _, _ = select.select([master], [], [], max(left, 0))
        if not ready:
            sys.exit(f"startup.py: '{name}': nothing more after {timeout:g}s:\n{seen[-400:]!r}")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            return seen + b"\0EOF"
        seen += chunk
    return seen


def time_to_first_prompt(case: Case, env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from start until the first question shows on a pseudo-terminal; then stop it."""
    start = time.perf_counter()
    proc, master = _spawn_on_pty(case.argv, env)
    try:
        seen = _read_until(
            master, lambda b: FIRST_PROMPT in b or b.endswith(b"\0EOF"), case.name, timeout
        )
        if FIRST_PROMPT not in seen:
            sys.exit(f"startup.py: '{case.name}' ended before its prompt:\n{seen[-400:]!r}")
        return time.perf_counter() - start
    finally:
        proc.kill()
        proc.wait()
        os.close(master)


def _complete_on_pty(case: Case, env: dict[str, str], timeout: float = 20.0) -> tuple[float, int]:
    """Run to completion on a pseudo-terminal: (seconds, peak resident memory in KiB)."""
    start = time.perf_counter()
    proc, master = _spawn_on_pty(case.argv, env)
    try:
        _read_until(master, lambda b: b.endswith(b"\0EOF"), case.name, timeout)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait()
        os.close(master)
    if proc.returncode != 0:
        sys.exit(f"startup.py: '{case.name}' failed on a pty ({proc.returncode})")
    return seconds, usage.ru_maxrss


def run_on_pty(case: Case, env: dict[str, str]) -> float:
    return _complete_on_pty(case, env)[0]


def peak_memory_on_pty(case: Case, env: dict[str, str]) -> float:
    """Peak resident memory (MiB) of one run on a pseudo-terminal (Linux: ru_maxrss in KiB)."""
    return _complete_on_pty(case, env)[1] / 1024


def run_to_completion(case: Case, env: dict[str, str]) -> float:
    """Wall time of one run with output to /dev/null (so: no terminal, no colour)."""
    start = time.perf_counter()
    subprocess.run(
        case.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        check=True,
    )
    return time.perf_counter() - start


def bench_env(scratch: Path, *, bytecode: bool) -> dict[str, str]:
    """The caller's environment without our settings, with an empty settings folder.

    With `bytecode`, Python may cache compiled modules (into `scratch`, not into the source
    tree), as it does for an installed tool: PYTHONDONTWRITEBYTECODE would otherwise make every
    run compile the package from source, which no user sees. The warm-up runs fill the cache.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("UITBUITING_")}
    env["UITBUITING_CONFIG_DIR"] = str(scratch / "config")
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def check_all_succeed(all_cases: Sequence[Case], env: dict[str, str]) -> None:
    """A command that fails fast would look fast: refuse to time it."""
    for case in all_cases:
        if case.measure is not None:
            continue
        proc = subprocess.run(
            case.argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env
        )
        if proc.returncode != 0:
            sys.exit(f"startup.py: '{case.name}' failed ({proc.returncode}):\n{proc.stderr}")


def time_with_loop(all_cases: Sequence[Case], runs: int, warmup: int, env: dict[str, str]) -> None:
    for i in range(warmup + runs):
        for case in all_cases:
            seconds = (case.measure or run_to_completion)(case, env)
            if i >= warmup:
                case.times.append(seconds)


def time_with_hyperfine(
    hyperfine: str, all_cases: Sequence[Case], runs: int, warmup: int, env: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hyperfine.json"
        argv = [
            hyperfine,
            "--shell=none",
            "--style=none",
            f"--runs={runs}",
            f"--warmup={warmup}",
            f"--export-json={export}",
        ]
        for case in all_cases:
            argv += ["--command-name", case.name, subprocess.list2cmdline(case.argv)]
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        results = json.loads(export.read_text())["results"]
    for case, result in zip(all_cases, results, strict=True):
        case.times = list(result["times"])


def value(case: Case, base: float) -> float:
    """A time as a ratio to the baseline; a memory figure as it is."""
    return case.median / base if case.unit == "×" else case.median


def report(all_cases: Sequence[Case], tool: str, runs: int) -> list[str]:
    """Print the table; return the names of the cases that missed their target."""
    base = all_cases[0].median
    width = max(len(c.name) for c in all_cases)
    print(f"Start-up, median of {runs} runs ({tool}); ratio to '{BASELINE}'")
    print(f"{'case':<{width}}  {'median':>9}  {'ratio':>6}  {'target':>7}")
    missed: list[str] = []
    for case in all_cases:
        ratio = value(case, base)
        target = f"≤ {case.target:g}{case.unit}" if case.target is not None else ""
        verdict = ""
        if case.target is not None:
            ok = ratio <= case.target
            verdict = "ok" if ok else ("TE TRAAG" if case.unit == "×" else "TE VEEL")
            if not ok:
                missed.append(case.name)
        median = f"{case.median * 1000:>7.1f}ms" if case.unit == "×" else f"{'':>9}"
        print(
            f"{case.name:<{width}}  {median}  {ratio:>5.1f}{case.unit:<3}  "
            f"{target:>8}  {verdict}".rstrip()
        )
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per case (15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (2)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-hyperfine", action="store_true", help="always use the own loop")
    parser.add_argument(
        "--source",
        action="store_true",
        help="measure the uitbuiting next to this interpreter, not this checkout's wheel",
    )
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="keep the environment's bytecode settings (PYTHONDONTWRITEBYTECODE and all)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    scratch = Path(tempfile.mkdtemp(prefix="uitbuiting-bench-"))
    env = bench_env(scratch, bytecode=not args.as_is)
    if not args.as_is and args.warmup < 1:
        parser.error("--warmup must be at least 1 to fill the bytecode cache (or use --as-is)")
    try:
        if args.source:
            all_cases = cases()
        else:
            site = install_wheel(scratch)
            env["PYTHONPATH"] = str(site)
            all_cases = cases([str(site / "bin" / "uitbuiting")])
        check_all_succeed(all_cases, env)
        hyperfine = None if args.no_hyperfine else shutil.which("hyperfine")
        simple = [c for c in all_cases if c.measure is None]
        if hyperfine:
            time_with_hyperfine(hyperfine, simple, args.runs, args.warmup, env)
            time_with_loop(
                [c for c in all_cases if c.measure is not None], args.runs, args.warmup, env
            )
            tool = "hyperfine"
        else:
            time_with_loop(all_cases, args.runs, args.warmup, env)
            tool = "own loop"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    if args.json:
        base = all_cases[0].median
        print(
            json.dumps(
                {
                    "tool": tool,
                    "runs": args.runs,
                    "python": sys.version.split()[0],
                    "measured": "source" if args.source else "wheel",
                    "cases": [
                        {
                            "name": c.name,
                            "median_ms": round(c.median * 1000, 2) if c.unit == "×" else None,
                            "value": round(value(c, base), 2),
                            "unit": c.unit,
                            "target": c.target,
                        }
                        for c in all_cases
                    ],
                },
                indent=2,
            )
        )
        missed = [c.name for c in all_cases if c.target and value(c, base) > c.target]
    else:
        missed = report(all_cases, f"{tool}, {'source' if args.source else 'wheel'}", args.runs)
    if missed and args.check:
        print(f"startup.py: target missed: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
