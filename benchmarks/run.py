"""Run every benchmark and print the results table (``python -m benchmarks``).

Measurements are a registry: each :class:`Measurement` says what it times,
how (a whole process, or an action repeated inside one running app), its
target, and whether the feature exists yet. To add one, write an action in
``benchmarks/child.py`` (``ACTIONS``) and register it in ``MEASUREMENTS``;
features still being built are registered with ``pending`` set, so they
show in the table as pending rather than passing.

Each measurement runs in its own subprocess (``sys.executable``), one per
run for process measurements, one per case for actions; its peak memory is
the ``ru_maxrss`` that ``os.wait4`` reports for that process alone.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.generate import SIZES, case_folder

ROOT = Path(__file__).resolve().parent.parent
#: The terminal size every UI measurement uses (one source at a time, with tabs).
WIDTH, HEIGHT = 120, 40
CASES = ("small", "medium", "large")


@dataclass(frozen=True)
class Measurement:
    """One row of the table."""

    name: str
    kind: str  # "check", "paint" or "action"
    target_ms: float | None  # on the large case
    action: str = ""  # for kind "action": a key of benchmarks.child.ACTIONS
    pending: str = ""  # why it cannot be measured yet
    statistic: str = "median"  # which statistic the target applies to: "median" or "p95"


MEASUREMENTS = [
    Measurement("reader check", "check", 2000),
    Measurement("first paint", "paint", 2000),
    Measurement("scroll a page (PgDn/PgUp)", "action", 50, action="scroll_page", statistic="p95"),
    Measurement("h: toggle highlights", "action", 50, action="toggle_highlights", statistic="p95"),
    Measurement("resize (120×40 ↔ 100×36)", "action", 50, action="resize", statistic="p95"),
    Measurement("no-op key (harness overhead)", "action", None, action="no_op_key", statistic="p95"),
    Measurement("e: open the entity panel", "action", 50, action="open_entity_panel", statistic="p95"),
    Measurement("o: open the coverage view", "action", None, action="open_coverage", statistic="p95"),
    Measurement("select the most-mentioned entity", "action", 50, action="select_most_mentioned", statistic="p95"),
    Measurement("n: next mention", "action", 50, action="next_mention", statistic="p95"),
    Measurement("search all sources (a keystroke)", "action", 50, action="search_sources", statistic="p95"),
]

#: The peak memory target, in MB, for every measurement on the large case.
MEMORY_TARGET_MB = 400
#: First paint of the bundled case may take at most this many times a bare Textual app's.
PAINT_RATIO_TARGET = 1.5


@dataclass
class Result:
    """Times in seconds and the peak memory in kB of one measurement on one case."""

    times: list[float] = field(default_factory=list)
    peak_kb: int = 0
    cpu: list[float] = field(default_factory=list)  # user + system seconds of each process run

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("NO_COLOR", None)
    env["TEXTUAL"] = ""  # no devtools
    # The reader's own settings (theme, highlights) start from the defaults, and
    # toggling them in a measurement writes nothing into the user's settings.
    env["READER_CONFIG_DIR"] = _CONFIG_DIR.name
    return env


_CONFIG_DIR = tempfile.TemporaryDirectory(prefix="reader-benchmark-settings-")


#: CPU seconds (user + system) of the last process reaped by _wait.
_last_cpu = [0.0]


def _wait(process: subprocess.Popen[bytes]) -> tuple[int, int]:
    """Reap ``process``; its exit status and its own peak RSS in kB (its CPU time goes to ``_last_cpu``)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    _last_cpu[0] = usage.ru_utime + usage.ru_stime
    return process.returncode, usage.ru_maxrss


def time_check(folder: Path) -> tuple[float, int]:
    """Wall time of ``reader check -q FOLDER`` from start to exit, interpreter start-up included."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "reader", "check", "-q", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    code, peak = _wait(process)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise RuntimeError(f"reader check {folder} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, peak


def time_paint(which: str, folder: Path, marker: str) -> tuple[float, int]:
    """Wall time from starting a process to its first frame showing ``marker``."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.child", "paint", which, str(folder),
                                str(WIDTH), str(HEIGHT), marker],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    _, peak = _wait(process)
    if line.strip() != b"painted":
        raise RuntimeError(f"first paint of {which} {folder} failed: {process.stderr.read().decode()}")
    return elapsed, peak


def time_action(action: str, folder: Path, repeats: int) -> tuple[list[float], int]:
    """Times of ``action`` repeated in one app on the case in ``folder``, and the process's peak RSS."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-m", "benchmarks.child", "action", action, str(folder),
                                    str(WIDTH), str(HEIGHT), str(repeats)],
                                   stdout=subprocess.PIPE, stderr=errors, env=_env())
        assert process.stdout is not None
        output = process.stdout.read()
        code, peak = _wait(process)
        if code != 0:
            errors.seek(0)
            raise RuntimeError(f"{action} on {folder} failed: {errors.read().decode()}")
    return json.loads(output.decode().strip().splitlines()[-1])["times"], peak


def marker_for(folder: Path) -> str:
    """The first words of the first source: the first paint must show them."""
    from reader.load.case_loader import load_case  # only to read the case's first source

    result = load_case(folder)
    assert result.case is not None
    first = next(iter(result.case.sources.values()))
    return " ".join(first.text.split()[:3])


def machine() -> dict[str, str]:
    """What the benchmark ran on."""
    from importlib.metadata import version

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores (nproc)": str(os.cpu_count()), "CPU": cpu, "Python": platform.python_version(),
            "Textual": version("textual"), "OS": platform.platform(terse=True),
            "load average (1 min) before the run": f"{os.getloadavg()[0]:.2f}"}


def _paint_into(result: Result, which: str, folder: Path, marker: str) -> None:
    elapsed, peak = time_paint(which, folder, marker)
    result.times.append(elapsed)
    result.cpu.append(_last_cpu[0])
    result.peak_kb = max(result.peak_kb, peak)


def paint_ratio(small: Result, bare: Result) -> float:
    """The bundled case's first paint over the bare app's: the median of the ratios of runs made in turn."""
    return statistics.median(ours / theirs for ours, theirs in zip(small.times, bare.times, strict=True))


def measure(measurement: Measurement, folder: Path, runs: int, repeats: int, marker: str) -> Result:
    """Run one measurement on one case."""
    result = Result()
    if measurement.kind == "action":
        result.times, result.peak_kb = time_action(measurement.action, folder, repeats)
        return result
    for _ in range(runs):
        elapsed, peak = time_check(folder) if measurement.kind == "check" else time_paint("reader", folder, marker)
        result.times.append(elapsed)
        result.cpu.append(_last_cpu[0])
        result.peak_kb = max(result.peak_kb, peak)
    return result


def _verdict(measurement: Measurement, large: Result | None) -> tuple[str, bool | None]:
    if measurement.pending:
        return measurement.pending, None
    if large is None or measurement.target_ms is None:
        return "—", None
    value = large.p95_ms if measurement.statistic == "p95" else large.median_ms
    ok = value <= measurement.target_ms and large.peak_kb / 1024 <= MEMORY_TARGET_MB
    return ("met" if ok else "NOT met"), ok


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def rows(results: dict[tuple[str, str], Result], bare: Result, cases: tuple[str, ...]) -> list[list[str]]:
    """The table's rows, as text (shared by the Rich table and the Markdown one)."""
    table = []
    for measurement in MEASUREMENTS:
        row = [measurement.name,
               "—" if measurement.target_ms is None else f"{measurement.statistic} ≤ {measurement.target_ms:,.0f} ms"]
        for case in cases:
            result = results.get((measurement.name, case))
            cell = "—" if result is None else f"{_ms(result.median_ms)} / {_ms(result.p95_ms)}"
            if result is not None and result.cpu:
                cell += f" (CPU {_ms(result.cpu_ms)})"
            row.append(cell)
        large = results.get((measurement.name, "large"))
        medium = results.get((measurement.name, "medium"))
        row.append("—" if large is None else f"{large.peak_kb / 1024:.0f}")
        row.append("—" if large is None or medium is None else f"{large.median_ms / medium.median_ms:.1f}×")
        row.append(_verdict(measurement, large)[0])
        table.append(row)
    small = results.get(("first paint", "small"))
    if small is not None:
        ratio = paint_ratio(small, bare)
        table.append([f"first paint, bundled case ÷ bare Textual app ({_ms(bare.median_ms)} ms)",
                      f"≤ {PAINT_RATIO_TARGET}×", f"{ratio:.2f}×", *[""] * (len(cases) - 1), "", "",
                      "met" if ratio <= PAINT_RATIO_TARGET else "NOT met"])
    return table


def headers(cases: tuple[str, ...]) -> list[str]:
    """The table's column titles."""
    return ["measurement", "target (large)", *(f"{case} median / p95 ms" for case in cases),
            "large peak MB", "large ÷ medium", "large case"]


def markdown(table: list[list[str]], cases: tuple[str, ...]) -> str:
    """The results as a Markdown table."""
    head = headers(cases)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Generate the cases if needed, run every measurement, print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each process measurement (default 5)")
    parser.add_argument("--repeats", type=int, default=30, help="repeats of each action (default 30)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated: small,medium,large")
    parser.add_argument("--markdown", type=Path, help="also write the table, machine and sizes as Markdown here")
    options = parser.parse_args(argv)
    cases = tuple(case for case in options.cases.split(",") if case)
    # An installed reader has its bytecode compiled by pip; a source checkout
    # may not (PYTHONDONTWRITEBYTECODE), and would pay ~100 ms of compiling in
    # every measured process. Compile it once, as an install would.
    import reader

    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)
    details = machine()
    console = Console(stderr=True)
    folders = {}
    for case in cases:
        with console.status(f"preparing the {case} case…"):
            folders[case] = case_folder(case)
    markers = {case: marker_for(folder) for case, folder in folders.items()}
    results: dict[tuple[str, str], Result] = {}
    bare = Result()
    with console.status("bare Textual app: first paint…"):
        # Interleaved with the bundled case's, run by run: the machine's speed drifts
        # by a fifth within minutes, and the ratio should compare like with like.
        small = results[("first paint", "small")] = Result() if "small" in cases else None
        for _ in range(options.runs):
            _paint_into(bare, "bare", ROOT, "A bare Textual")
            if small is not None:
                _paint_into(small, "reader", folders["small"], markers["small"])
    for measurement in MEASUREMENTS:
        if measurement.pending:
            continue
        for case in cases:
            if (measurement.name, case) in results:
                continue
            with console.status(f"{measurement.name} on the {case} case…"):
                results[(measurement.name, case)] = measure(measurement, folders[case], options.runs,
                                                            options.repeats, markers[case])
    table_rows = rows(results, bare, cases)
    table = Table(title="reader benchmarks", caption=f"terminal {WIDTH}×{HEIGHT}; times in ms, wall clock "
                                                      "(CPU: user + system time of the process, median)")
    for title in headers(cases):
        table.add_column(title, overflow="fold")
    for row in table_rows:
        style = "red" if row[-1] == "NOT met" else ("dim" if row[-1].startswith("pending") else None)
        table.add_row(*row, style=style)
    out = Console()
    if not out.is_terminal:
        out = Console(width=200)  # a pipe or a file: room for every column
    out.print(table)
    details["load average (1 min) after the run"] = f"{os.getloadavg()[0]:.2f}"
    out.print(" · ".join(f"{key}: {value}" for key, value in details.items()))
    if options.markdown:
        sizes = ["- **small**: the bundled case, content/baltabay (2 sources, 1,066 words)"] * ("small" in cases)
        sizes += [f"- **{name}**: {size.sources} sources, {size.words:,} words, {size.entities:,} entities, "
                 f"{size.mentions:,} names placed, {size.events:,} events" for name, size in SIZES.items()
                 if name in cases]
        text = "\n".join([markdown(table_rows, cases), "", "Machine: " + ", ".join(
            f"{key} {value}" for key, value in details.items()) + ".", "", *sizes, ""])
        options.markdown.write_text(text, encoding="utf-8")
    return 0
