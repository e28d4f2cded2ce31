"""Start-up: one `refslint` process on a 200-reference list and on the seed list (what a
pre-commit run starts), against `python -c "import lark, yaml"` measured in the same run,
alternating.

refslint is installed the way pre-commit installs it (`pip install .` into a fresh virtual
environment, which compiles the modules to bytecode); lark and PyYAML come from this Python's
site-packages (`--system-site-packages`), so both commands import the very same copies.

Runs use a cache folder of their own (XDG_CACHE_HOME), warmed by one run first, as a hook's
cache is after its first commit. The first run on a machine is measured too, with no cache at
all (REFSLINT_NO_CACHE: Lark analyses the grammar, every pattern is compiled, YAML parsed).

    python benchmarks/startup.py [--runs 15] [--sizes 40,60,100,200]

Prints the median wall time of each and their ratio (the target is at most 1.5). With
`--sizes`, also the first N of the 200 references checked in one process (`--jobs 1`) and with
the list's rules split between two (split.py; the default with two CPUs from SPLIT_AT on):
where the split starts to pay.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "fixtures" / "clean"
SEED = ROOT.parent / "shared" / "corpus" / "seed" / "references.txt"


def two_hundred_references() -> str:
    lines = []
    for path in sorted(CLEAN.glob("*.txt")):
        for line in path.read_text().splitlines():
            lines.append(line.split(". ", 1)[1] if line[:1].isdigit() else line)
    lines = [line for line in lines if line.strip()]
    while len(lines) < 200:
        lines += lines
    return "".join(f"{i}. {line}\n" for i, line in enumerate(lines[:200], 1))


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--sizes", default="", help="sizes to time with --jobs 1 and 2, e.g. 40,60,100,200")
    args = ap.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--no-deps", str(ROOT)],
            check=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        )
        refslint = [str(venv / "bin" / "refslint")]
        path = Path(tmp) / "references.txt"
        path.write_text(two_hundred_references(), encoding="utf-8")
        lists = {"200 clean references": path}
        if SEED.exists():  # 136 defective references, bulleted: journal lookups, many findings
            lists["the seed list"] = SEED
        warm = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        cold = {**os.environ, "REFSLINT_NO_CACHE": "1"}
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        by_size = {}
        for n in sizes:
            by_size[n] = Path(tmp) / f"first-{n}.txt"
            by_size[n].write_text("".join(lines[:n]), encoding="utf-8")
        for listed in [*lists.values(), *by_size.values()]:  # warm the file cache and refslint's cache
            wall([*refslint, "--isolated", str(listed)], warm)
        ours: dict[str, list[float]] = {name: [] for name in lists}
        split: dict[tuple[int, str], list[float]] = {(n, jobs): [] for n in sizes for jobs in ("1", "2")}
        base, first = [], []
        for i in range(args.runs):
            for name, listed in lists.items():
                ours[name].append(wall([*refslint, "--isolated", str(listed)], warm))
            base.append(wall([python, "-c", "import lark, yaml"]))
            if i % 3 == 0:
                first.append(wall([*refslint, "--isolated", str(path)], cold))
            for (n, jobs), times in split.items():
                times.append(wall([*refslint, "--isolated", "--jobs", jobs, str(by_size[n])], warm))
    b = statistics.median(base)
    print(f"python -c 'import lark, yaml': median {b * 1000:.0f} ms (min {min(base) * 1000:.0f})")
    print(f"refslint, first run (no cache), 200 references: median {statistics.median(first) * 1000:.0f} ms")
    for name, times in ours.items():
        a = statistics.median(times)
        print(
            f"refslint on {name}: median {a * 1000:.0f} ms (min {min(times) * 1000:.0f}); "
            f"ratio of medians {a / b:.2f} (of minimums {min(times) / min(base):.2f})"
        )
    for n in sizes:
        one, two = (statistics.median(split[n, jobs]) * 1000 for jobs in ("1", "2"))
        print(f"first {n} references: one process {one:.1f} ms, --jobs 2 {two:.1f} ms ({two - one:+.1f})")


if __name__ == "__main__":
    main()
