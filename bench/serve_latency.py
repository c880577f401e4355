#!/usr/bin/env python3
"""Time from saving one document to its updated page being served by `dossier serve`.

usage: bench/serve_latency.py [--docs 10000] [--edits 20] [--kind text|front] [--dir /dev/shm/dossier-bench] [--binary PATH]

Generates (or reuses) a corpus with ../shared/bench/gen_corpus.py, starts the release
binary's `serve` on a free loopback port, then edits one document at a time and polls its
page until the edit is served. `--kind text` (the default) appends a unique marker
sentence to the text, the usual edit while writing; `--kind front` puts the marker in the
title in the front matter instead, which cannot be applied to the previous dossier and
resolves everything again. Before the next
edit it waits for the rebuild to settle (serve prints `rebuilt ...` once the pages that
show the whole dossier are written too), so each edit is measured on an idle server, as
a person saving now and then would see it. Reports the median and the spread of both
times. Everything happens on 127.0.0.1.
"""
import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from bench import allow_shared_names  # the same folder: the corpus set up alike

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--kind", choices=["text", "front"], default="text")
    ap.add_argument("--dir", default="/dev/shm/dossier-bench")
    ap.add_argument("--binary", help="a dossier binary to measure instead of building this checkout's")
    args = ap.parse_args()
    binary = args.binary or os.path.join(REPO, "target", "release", "dossier")
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    corpus = os.path.join(args.dir, f"serve-{args.docs}")
    root = os.path.join(corpus, "dossier")
    subprocess.run([sys.executable, GEN, corpus, "--docs", str(args.docs), "--flavour", "dossier"], check=True, stdout=subprocess.DEVNULL)
    allow_shared_names(root)
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines = queue.Queue()

    def pump():
        for line in server.stdout:
            lines.put((time.perf_counter(), line))

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(word, deadline):
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                sys.exit(f"serve printed no `{word}` line in time")
            if word in line:
                return at, line

    try:
        wait_for("serving", time.perf_counter() + 300)
        served, settled, rebuild = [], [], []
        for i in range(args.edits):
            doc = f"doc-{(i * 7919) % args.docs:06d}"
            path = os.path.join(root, "content", "documents", f"{doc}.md")
            marker = f"Latency marker {i} {time.time_ns()}."
            if args.kind == "text":
                with open(path, "a", encoding="utf-8") as f:
                    saved = time.perf_counter()
                    f.write(f"\n{marker}\n")
            else:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                text = re.sub(r'^title = "(.*?)(?: Latency marker .*)?"$',
                              lambda m: f'title = "{m.group(1)} {marker}"', text, count=1, flags=re.M)
                with open(path, "w", encoding="utf-8") as f:
                    saved = time.perf_counter()
                    f.write(text)
            url = f"http://127.0.0.1:{port}/documents/{doc}/"
            while marker not in get(url):
                if time.perf_counter() - saved > 30:
                    sys.exit(f"edit {i} was never served")
                time.sleep(0.002)
            served.append((time.perf_counter() - saved) * 1000)
            at, line = wait_for("rebuilt", saved + 30)
            settled.append((at - saved) * 1000)
            if os.environ.get("SERVE_LATENCY_LINES"):
                print(line.strip(), file=sys.stderr)
            m = re.search(r"edited pages written after (\d+) ms", line)
            if m:
                rebuild.append(float(m.group(1)))
            time.sleep(0.2)
        for name, times in [("updated page served", served), ("whole site rebuilt", settled),
                            ("(serve's own count: rebuild start -> edited pages written)", rebuild)]:
            times.sort()
            print(f"{args.docs} documents, {args.edits} {args.kind} edits, save -> {name}: "
                  f"median {statistics.median(times):.0f} ms, min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
