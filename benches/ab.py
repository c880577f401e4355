#!/usr/bin/env python3
"""Runs two builds of a criterion bench binary in turn and compares their medians.

    cargo bench --bench stages --no-run      # prints the binary; copy it to A, change, again to B
    python3 benches/ab.py A B --filter stages/1000/render --rounds 5

The machine's speed drifts from minute to minute: each round runs A then B (then B then A
in the next round), each run's median is read from criterion's estimates, and the report
gives every round's ratio B / A and the median of the rounds' ratios.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def median_ns(binary, bench_filter, home, extra):
    env = dict(os.environ, CRITERION_HOME=home)
    args = [binary, "--bench", "--noplot", *extra, bench_filter]
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    medians = {}
    for dirpath, _, files in os.walk(home):
        if os.path.basename(dirpath) == "new" and "estimates.json" in files:
            with open(os.path.join(dirpath, "estimates.json")) as f:
                name = os.path.relpath(os.path.dirname(dirpath), home)
                medians[name] = json.load(f)["median"]["point_estimate"]
    return medians


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--filter", required=True, help="criterion's benchmark filter")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extra", nargs="*", default=[], help="more criterion arguments")
    args = parser.parse_args()
    ratios = {}
    for r in range(args.rounds):
        order = [("A", args.a), ("B", args.b)]
        if r % 2:
            order.reverse()
        got = {}
        for label, binary in order:
            with tempfile.TemporaryDirectory() as home:
                got[label] = median_ns(binary, args.filter, home, args.extra)
        for name in sorted(got["A"]):
            a, b = got["A"][name], got["B"].get(name)
            if b is None:
                continue
            ratios.setdefault(name, []).append(b / a)
            print(f"round {r + 1} {name}: A {a / 1e6:.2f} ms, B {b / 1e6:.2f} ms, B/A {b / a:.3f}",
                  flush=True)
    for name, rs in sorted(ratios.items()):
        print(f"{name}: median B/A {statistics.median(rs):.3f} over {len(rs)} rounds "
              f"(min {min(rs):.3f}, max {max(rs):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
