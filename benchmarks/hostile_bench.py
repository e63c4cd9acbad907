"""Growth of reading time on hostile shapes: the ratios the suite only bounds.

For every shape of ``tests/test_hostile.py``: the time at ``n`` and at ``4n`` (minimum of
three runs each, measured one after the other), their ratio (4 for a linear pass, 16 for a
quadratic one), and the growth exponent fitted over four doublings, which is what the suite
checks. A ratio well above 4 at one step and an exponent near 1 is a cache step, not a
quadratic pass. Run as ``python benchmarks/hostile_bench.py [SHAPE...]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_hostile import SHAPES, best_time, exponent, start_size


def measure(name: str) -> dict[str, float]:
    shape = SHAPES[name]
    n = start_size(shape)
    small = best_time(shape(n), 3)
    large = best_time(shape(4 * n), 3)
    return {"n": n, "ms": small * 1000, "ratio": large / small, "exponent": exponent(shape, n)}


def main(names: list[str]) -> None:
    print(f"{'shape':<44} {'n':>6} {'ms at n':>8} {'4n/n':>6} {'exponent':>8}")
    worst = 0.0
    for name in names or list(SHAPES):
        r = measure(name)
        worst = max(worst, r["exponent"])
        print(f"{name:<44} {r['n']:>6.0f} {r['ms']:>8.2f} {r['ratio']:>6.2f} {r['exponent']:>8.2f}")
    print(f"steepest growth exponent: {worst:.2f} (1 is linear, 2 quadratic)")


if __name__ == "__main__":
    main(sys.argv[1:])
