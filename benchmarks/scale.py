"""Scale: time and peak memory of `refslint` on one file of 10,000, 100,000 and 1,000,000
references (real references from ../shared/corpus repeated with variations, as in
throughput.py, with two words of each repeat changed so that the works differ; list-wide rules
included. `--duplicates` keeps repeats as near-duplicates: the worst case, a finding on almost
every reference).

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--jobs N] [--format json] [--runs 2]

The report goes to a file (`-o`), as a CI job writes its SARIF; its findings are counted from
it. Peak memory is the maximum resident set size of the largest refslint process (GNU time's
%M: the process or the largest of its workers). The machine is shared: each size is run
`--runs` times and every run is printed.
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


def count_findings(report: Path, fmt: str) -> int:
    if fmt == "text":
        rows = report.read_text(encoding="utf-8").splitlines()
        return sum(int(line.split()[0]) for line in rows if line.strip()[:1].isdigit())
    if fmt in ("json", "sarif"):  # one `"code":` / `"ruleId":` a finding, counted without loading it
        key = '    "code": ' if fmt == "json" else '"ruleId": '
        with report.open(encoding="utf-8") as f:
            return sum(1 for line in f if line.startswith(key) or (fmt == "sarif" and key in line))
    with report.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, default=0, help="pass --jobs N to refslint (0: its default)")
    ap.add_argument("--format", default="text", help="refslint's --format (default text, with --statistics)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument(
        "--duplicates", action="store_true", help="repeats stay near-duplicates (D001 on nearly every one)"
    )
    ap.add_argument("--keep", help="a folder to keep the generated lists in, and reuse them from")
    args = ap.parse_args()
    timer = shutil.which("time") or "/usr/bin/time"
    exe = shutil.which("refslint")
    refslint = [exe] if exe else [sys.executable, "-m", "refslint"]
    lines = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            path = folder / f"refs-{n}{'-dup' if args.duplicates else ''}.txt"
            if not path.exists():
                lines = lines or corpus_lines()
                with path.open("w", encoding="utf-8") as f:
                    for i, ref in enumerate(varied(lines, n, distinct=not args.duplicates), 1):
                        f.write(f"{i}. {ref}\n")
            size = path.stat().st_size / 1e6
            report = Path(tmp) / f"report.{args.format}"
            cmd = [timer, "-f", "%e %M", *refslint, "--isolated", "--exit-zero", "-q", "-o", str(report)]
            cmd += ["--statistics"] if args.format == "text" else ["--format", args.format]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            for _ in range(args.runs):
                result = subprocess.run([*cmd, str(path)], capture_output=True, text=True)
                seconds, kib = result.stderr.strip().splitlines()[-1].split()
                findings = count_findings(report, args.format)
                took, peak = float(seconds), int(kib) / 1024
                print(
                    f"{n:>9,} references ({size:6.1f} MB), --format {args.format}: {took:7.1f} s, "
                    f"peak {peak:7.0f} MiB, {n / took:7,.0f} refs/s, {findings:,} findings",
                    flush=True,
                )
                report.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
