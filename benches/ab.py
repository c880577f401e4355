#!/usr/bin/env python3
"""Runs two builds of a criterion bench binary, or of dossier, in turn and compares medians.

    cargo bench --bench stages --no-run      # prints the binary; copy it to A, change, again to B
    python3 benches/ab.py A B --filter stages/1000/render --rounds 5
    python3 benches/ab.py DOSSIER_A DOSSIER_B --build CORPUS_ROOT --rounds 9

With `--build`, A and B are dossier binaries: each round builds CORPUS_ROOT with each
(into the same output on tmpfs, so each build also removes the previous site, as a user's
rebuild does), and the stages are read from the build's summary line, with the wall time
and the CPU time (user + system) of the process.

The machine's speed drifts from minute to minute: each round runs A then B (then B then A
in the next round), each run's median is read from criterion's estimates, and the report
gives every round's ratio B / A and the median of the rounds' ratios.
"""

import argparse
import json
import os
import re
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


SUMMARY = re.compile(r"in (\d+) ms \(load (\d+) ms, resolve (\d+) ms, render\+write (\d+) ms, "
                     r"links (\d+) ms, swap (\d+) ms")


def build_ms(binary, root, env_extra):
    out = "/dev/shm/dossier-ab-site"
    env = dict(os.environ, **env_extra)
    before = os.times()
    done = subprocess.run([binary, "build", "--root", root, "--output", out], env=env,
                          check=True, capture_output=True, text=True)
    after = os.times()
    m = SUMMARY.search(done.stdout + done.stderr)
    names = ["total", "load", "resolve", "render+write", "links", "swap"]
    got = {n: float(v) * 1e6 for n, v in zip(names, m.groups())}
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    got["cpu"] = cpu * 1e9
    return got


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--filter", help="criterion's benchmark filter")
    parser.add_argument("--build", help="a dossier to build: A and B are dossier binaries")
    parser.add_argument("--env-a", nargs="*", default=[], help="NAME=VALUE for A's runs")
    parser.add_argument("--env-b", nargs="*", default=[], help="NAME=VALUE for B's runs")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--extra", default="", help="more criterion arguments, in one string")
    args = parser.parse_args()
    ratios = {}
    for r in range(args.rounds):
        order = [("A", args.a), ("B", args.b)]
        if r % 2:
            order.reverse()
        got = {}
        for label, binary in order:
            if args.build:
                pairs = args.env_a if label == "A" else args.env_b
                env = dict(p.split("=", 1) for p in pairs)
                got[label] = build_ms(binary, args.build, env)
                continue
            with tempfile.TemporaryDirectory() as home:
                got[label] = median_ns(binary, args.filter, home, args.extra.split())
        for name in sorted(got["A"]):
            a, b = got["A"][name], got["B"].get(name)
            if b is None or a == 0:
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
