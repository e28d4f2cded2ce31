"""Scale: time and peak memory of `refslint` on one file of 10,000, 100,000 and 1,000,000
references (real references from ../shared/corpus repeated with variations, as in
throughput.py, with two words of each repeat changed so that the works differ; list-wide rules
included. `--duplicates` keeps repeats as near-duplicates: the worst case, a finding on almost
every reference).

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--jobs N]

Peak memory is the maximum resident set size of the refslint process (GNU time's %M).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import corpus_lines, varied


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, default=0, help="pass --jobs N to refslint (0: its default)")
    ap.add_argument(
        "--duplicates", action="store_true", help="repeats stay near-duplicates (D001 on nearly every one)"
    )
    args = ap.parse_args()
    timer = shutil.which("time") or "/usr/bin/time"
    exe = shutil.which("refslint")
    refslint = [exe] if exe else [sys.executable, "-m", "refslint"]
    lines = corpus_lines()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"refs-{n}.txt"
            with path.open("w", encoding="utf-8") as f:
                for i, ref in enumerate(varied(lines, n, distinct=not args.duplicates), 1):
                    f.write(f"{i}. {ref}\n")
            size = path.stat().st_size / 1e6
            cmd = [timer, "-f", "%e %M", *refslint, "--isolated", "--exit-zero", "-q", "--statistics"]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            result = subprocess.run([*cmd, str(path)], capture_output=True, text=True)
            seconds, kib = result.stderr.strip().splitlines()[-1].split()
            counts = [line.split()[0] for line in result.stdout.splitlines() if line.strip()[:1].isdigit()]
            findings = sum(int(c) for c in counts)
            print(
                f"{n:>9,} references ({size:6.1f} MB): {float(seconds):7.1f} s, "
                f"peak {int(kib) / 1024:7.0f} MiB, {n / float(seconds):7,.0f} refs/s, {findings:,} findings"
            )


if __name__ == "__main__":
    main()
