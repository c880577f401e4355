#!/usr/bin/env python3
"""Time from saving one document to its updated page being served by `dossier serve`.

usage: bench/serve_latency.py [--docs 10000] [--edits 20] [--dir /dev/shm/dossier-bench]

Generates (or reuses) a corpus with ../shared/bench/gen_corpus.py, starts the release
binary's `serve` on a free loopback port, then edits one document at a time (appending a
unique marker sentence) and polls its page until the marker is served. Reports the median
and the spread over all edits. Everything happens on 127.0.0.1.
"""
import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

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
    ap.add_argument("--dir", default="/dev/shm/dossier-bench")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    corpus = os.path.join(args.dir, f"serve-{args.docs}")
    root = os.path.join(corpus, "dossier")
    subprocess.run([sys.executable, GEN, corpus, "--docs", str(args.docs), "--flavour", "dossier"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        [os.path.join(REPO, "target", "release", "dossier"), "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        start = time.time()
        while "serving" not in (server.stdout.readline() or ""):
            if time.time() - start > 120 or server.poll() is not None:
                sys.exit("serve did not start")
        times = []
        for i in range(args.edits):
            doc = f"doc-{(i * 7919) % args.docs:06d}"
            path = os.path.join(root, "content", "documents", f"{doc}.md")
            marker = f"Latency marker {i} {time.time_ns()}."
            with open(path, "a", encoding="utf-8") as f:
                saved = time.perf_counter()
                f.write(f"\n{marker}\n")
            url = f"http://127.0.0.1:{port}/documents/{doc}/"
            while marker not in get(url):
                if time.perf_counter() - saved > 30:
                    sys.exit(f"edit {i} was never served")
                time.sleep(0.002)
            times.append((time.perf_counter() - saved) * 1000)
            time.sleep(0.3)  # let the rebuild of aggregate pages settle before the next edit
        times.sort()
        print(f"{args.docs} documents, {args.edits} edits: median {statistics.median(times):.0f} ms, "
              f"min {times[0]:.0f} ms, max {times[-1]:.0f} ms (save -> updated page served)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
