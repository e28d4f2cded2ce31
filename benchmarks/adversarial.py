"""Look for inputs that make refslint slow: entries of N characters repeating a short random
unit of reference-like pieces, for a given time; prints the slowest cases. Every case found
here that took seconds was a regular expression backtracking (now fixed, and kept in
tests/test_robustness.py).

    python benchmarks/adversarial.py [--length 8000] [--seconds 100] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import time

from refslint.api import lint_text
from refslint.config import build_config

PIECES = [
    *"aA1 .,;:-–()[]/'’\"&",
    "et al", "In:", "doi:10.", "http://", "Vol", "pp.", "Suppl", "2019", "é", "Bc", "-Ab", "Ab-",
]  # fmt: skip
REF = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--length", type=int, default=8000)
    ap.add_argument("--seconds", type=float, default=100)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    config = build_config(isolated=True)
    rng = random.Random(args.seed)
    timings = []
    start = time.monotonic()
    while time.monotonic() - start < args.seconds:
        unit = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 4)))
        body = (unit * (args.length // len(unit) + 1))[: args.length]
        t = time.perf_counter()
        lint_text(f"1. {REF}2. {body}\n", "x.txt", config)
        timings.append((time.perf_counter() - t, unit))
    timings.sort(reverse=True)
    print(f"{len(timings)} cases of {args.length} characters; slowest:")
    for seconds, unit in timings[:8]:
        print(f"  {seconds * 1000:8.1f} ms  {unit!r}")


if __name__ == "__main__":
    main()
