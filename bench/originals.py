#!/usr/bin/env python3
"""What checking originals costs a build (issue #24): the same corpus built without and with
an original cited by every document.

Generates a corpus with ../shared/bench/gen_corpus.py (on tmpfs), then a copy in which each
document's `source` names an original of `--mb` megabytes under `originals/` with its
SHA-256. Prints the median wall time of `dossier build` of each, and of a rebuild by
`dossier build --watch` after one document is edited (the originals are not read again),
so that the cost of hashing is seen where it is paid: once per build, never per edit.

    python3 bench/originals.py [--docs 1000] [--mb 1] [--runs 5] [--binary PATH]
"""

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ left in the checkout

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")


def binary(args):
    if args.binary:
        return os.path.abspath(args.binary)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return os.path.join(REPO, "target", "release", "dossier")


def original_pdf(size):
    """A real PDF of about `size` bytes (text pages drawn by the import tests' generator,
    with a cross-reference table, as producers write them): the build reads its page count."""
    sys.path.insert(0, os.path.join(REPO, "tests", "fixtures", "import"))
    sys.path.insert(0, HERE)
    import text_to_pdf  # noqa: E402
    from importlib import import_module
    pdf_text = import_module("import").pdf_text
    pages = max(1, int(size / 1950))  # a page of prose is about 1.95 kB
    return text_to_pdf.render(pdf_text(pages), title="Original")


def add_originals(root, size):
    """Gives every document of the corpus at `root` an original of about `size` bytes (the
    same PDF for each: hashing costs the same whatever the bytes)."""
    docs = os.path.join(root, "content", "documents")
    os.makedirs(os.path.join(root, "originals"), exist_ok=True)
    data = original_pdf(size)
    for name in sorted(os.listdir(docs)):
        stem = os.path.splitext(name)[0]
        with open(os.path.join(root, "originals", stem + ".pdf"), "wb") as f:
            f.write(data)
        digest = hashlib.sha256(data).hexdigest()
        path = os.path.join(docs, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        line = f'source = {{ file = "originals/{stem}.pdf", sha256 = "{digest}" }}\n'
        # the first line after the opening `+++`, before any table
        text = re.sub(r"\A\+\+\+\n", "+++\n" + line, text, count=1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def build(dossier, root, out):
    started = time.perf_counter()
    run = subprocess.run([dossier, "build", "--root", root, "--output", out],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"build of {root} failed:\n{run.stderr[-2000:]}")
    return elapsed


def rebuild_after_edit(dossier, root, out, edits=5):
    """Median time `build --watch` takes to rebuild after a document is edited, from its
    own summary line (`rebuilt … in N ms`)."""
    watch = subprocess.Popen([dossier, "build", "--watch", "--root", root, "--output", out],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = []
    try:
        lines = iter(watch.stdout.readline, "")
        for line in lines:
            if "built" in line:
                break
        doc = os.path.join(root, "content", "documents", "doc-000000.md")
        for n in range(edits):
            time.sleep(0.5)
            with open(doc, "a", encoding="utf-8") as f:
                f.write(f"\nEdit {n}.\n")
            for line in lines:
                m = re.search(r"in (\d+) ms", line)
                if m:
                    times.append(int(m.group(1)) / 1000)
                    break
    finally:
        watch.terminate()
        watch.wait()
    return statistics.median(times) if times else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--binary")
    args = ap.parse_args()
    dossier = binary(args)
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        plain = os.path.join(tmp, "plain")
        subprocess.run([sys.executable, GEN, plain, "--docs", str(args.docs)], check=True,
                       capture_output=True)
        plain = os.path.join(plain, "dossier")
        # the generator gives some actors the same alias; the other benches allow it too
        with open(os.path.join(plain, "dossier.toml"), "a", encoding="utf-8") as f:
            f.write("allow_shared_names = true\n")
        with_originals = os.path.join(tmp, "with-originals")
        shutil.copytree(plain, with_originals)
        add_originals(with_originals, int(args.mb * 1_000_000))
        size = os.path.getsize(os.path.join(with_originals, "originals",
                                            sorted(os.listdir(os.path.join(with_originals, "originals")))[0]))
        print(f"{args.docs} documents; with originals: {args.docs} PDFs of {size / 1e6:.2f} MB "
              f"= {args.docs * size / 1e6:.0f} MB")
        for name, root in [("without originals", plain), ("with originals", with_originals)]:
            times = [build(dossier, root, os.path.join(tmp, f"out-{name}-{i}"))
                     for i in range(args.runs)]
            print(f"  build {name}: median {statistics.median(times):.3f} s "
                  f"(min {min(times):.3f}, max {max(times):.3f})")
        for name, root in [("without originals", plain), ("with originals", with_originals)]:
            rebuilt = rebuild_after_edit(dossier, root, os.path.join(tmp, f"watch-{name}"))
            print(f"  rebuild after an edit, {name}: median {rebuilt * 1000:.0f} ms")


if __name__ == "__main__":
    main()
