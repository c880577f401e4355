#!/usr/bin/env python3
"""Mutation fuzzing of the `dossier` binary (issue #18): copies the example dossier, breaks
its files in hostile ways, runs `dossier check` and `dossier build` on each mutant, and
reports every run that does not end cleanly.

A run fails when it exits with a code other than 0, 1 or 2 (a crash, a signal), takes
longer than --limit seconds (5 by default), prints "panicked", changes a file outside the
output directory (or `check` changes any file at all), leaves a staging directory behind,
or publishes a file from outside the project. `check` and `build` must also agree on the
exit code. Failing mutants are saved, as they were before the runs, under --failures, with
the mutations and the runs' output; the same --seed and --mutant regenerate one.

    python3 bench/fuzz.py --seconds 600             # ten minutes, a random seed
    python3 bench/fuzz.py --seconds 60 --seed 7     # reproducible
    python3 bench/fuzz.py --seed 7 --mutant 1234    # run one mutant again, verbosely
    python3 bench/fuzz.py --seed 7 --mutant 1234 --write /tmp/m   # only write it, to /tmp/m/project

Python 3 standard library only. Exits 1 when any failure was found.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a dossier project holds (originals/ only when present).
PROJECT_PARTS = ["dossier.toml", "content", "templates", "static", "originals"]
OUTPUT = "site"
# Written in files outside the project that links in content/ point to: a site must never
# contain it (a link in content/ is skipped, never followed).
CONTENT_CANARY = "FUZZ-CANARY-THROUGH-A-CONTENT-LINK"
# The same, for links in templates/ and static/ (the analyst's own): only noted when found.
THEME_CANARY = "FUZZ-CANARY-THROUGH-A-THEME-LINK"

HOSTILE = [
    b"<script>alert(1)</script>",
    b"<img src=x onerror=alert(1)>",
    b'<a href="javascript:alert(1)">x</a>',
    b"<!--",
    b"-->",
    b"<div>",
    b"</div>",
    b"<![CDATA[",
    b"[[",
    b"]]",
    b"[[" * 5000,
    b"[" * 20000,
    b"{" * 20000,
    b">" * 5000 + b" deep",
    b"*" * 20000,
    b"_" * 20000,
    b"`" * 5000,
    b"\n" + b"  - " * 2000 + b"nested",
    b"[[../../../etc/passwd]]",
    b"[[huawei|" + b"x" * 10000 + b"]]",
    b"{{",
    b"{%",
    b"}}",
    b"%}",
    b"{{ __tera_context }}",
    b"{% include \"../../../../etc/passwd\" %}",
    b"\x00",
    b"\x1b[2J\x1b]0;pwned\x07",
    b"\x7f\x80\x9b",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\r",
    b"\r\n",
    b"\u2028".decode("unicode_escape").encode(),
    "\u200b\u00ad\u202e\ufeff".encode(),
    "“’…«»".encode(),
    b"+++",
    b"---",
    b"\n+++\n",
    b"\n---\n",
    b"date = 2018-12-07\n",
    b"date = \"2018-02-30\"\n",
    b"date = \"0000-00\"\n",
    b"end = \"1900\"\n",
    b"title = \"dup\"\n",
    b"id = \"../../../../tmp/escape\"\n",
    b'quote = ""\n',
    b"extra = { a = { b = { c = [1, [2, [3]]] } } }\n",
    b"[extra]\n",
    b"[[events]]\n",
    b"a: [b, {c: d}]\n",
    b"&anchor [1, 2]\n",
    b"*anchor\n",
]

DATES = [b"2018", b"2018-12", b"2018-12-07", b"2018-12-07T10:00:00Z", b"1e3", b"-1", b"2018-13-40"]


class Mutant:
    """A copy of the example dossier and what was done to it."""

    def __init__(self, sandbox: Path, rng: random.Random):
        self.sandbox = sandbox
        self.root = sandbox / "project"
        self.outside = sandbox / "outside"
        self.rng = rng
        self.log: list[str] = []
        # the mutations applied, by name, for the summary
        self.applied: list[str] = []

    def files(self, under=None, text_only=False):
        """Regular files of the project (not links), relative to the root, sorted."""
        found = []
        for part in [under] if under else PROJECT_PARTS:
            base = self.root / part
            if base.is_file() and not base.is_symlink():
                found.append(Path(part))
            elif base.is_dir() and not base.is_symlink():
                for dirpath, dirnames, filenames in os.walk(base):
                    dirnames.sort()
                    for name in sorted(filenames):
                        path = Path(dirpath) / name
                        if not path.is_symlink():
                            found.append(path.relative_to(self.root))
        if text_only:
            found = [f for f in found if f.suffix in {".md", ".txt", ".html", ".toml", ".xml", ".css", ".js"}]
        return found

    def pick(self, under=None, text_only=True):
        files = self.files(under, text_only) or self.files(None, text_only)
        return self.rng.choice(files) if files else None

    def content_file(self):
        return self.pick(self.rng.choice(["content/documents", "content/actors", "content/events", "content"]))

    def read(self, rel):
        return (self.root / rel).read_bytes()

    def write(self, rel, data, what):
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.write_bytes(data)
        self.log.append(f"{what}: {rel}")

    def at(self, data, lines=False):
        """A random offset in `data`, or a line start when `lines`."""
        if lines:
            starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
            return self.rng.choice(starts)
        return self.rng.randrange(len(data) + 1)

    # --- mutations: each changes the project and says what it did in `self.log` ---

    def flip_bytes(self):
        rel = self.pick(text_only=False)
        data = bytearray(self.read(rel))
        if not data:
            return
        n = self.rng.randint(1, 8)
        for _ in range(n):
            data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
        self.write(rel, bytes(data), f"flipped {n} bit(s)")

    def insert_hostile(self):
        rel = self.pick()
        data = self.read(rel)
        snippet = self.rng.choice(HOSTILE)
        at = self.at(data, lines=self.rng.random() < 0.5)
        self.write(rel, data[:at] + snippet + data[at:], f"inserted {snippet[:40]!r}{'...' if len(snippet) > 40 else ''} at {at}")

    def tera_in_template(self):
        rel = self.pick("templates")
        if rel is None:
            return
        data = self.read(rel)
        own = rel.name.encode()
        snippet = self.rng.choice([
            b"{{ undefined_variable }}",
            b"{{ page.title | no_such_filter }}",
            b"{% for x in 1 %}{{ x }}{% endfor %}",
            b"{% include \"" + own + b"\" %}",
            b"{% extends \"" + own + b"\" %}",
            b"{% extends \"base.html\" %}",
            b"{% macro m() %}{{ self::m() }}{% endmacro m %}{{ self::m() }}",
            b"{% set x = 1 / 0 %}",
            b"{{ \"x\" ~ ",
            b"{% if %}",
            b"{% block content %}",
            b"{% endblock %}",
            b"{{ site.title | safe }}<script>alert(1)</script>",
            b"{% raw %}",
            b"{% for i in range(end=100) %}{{ i }}{% endfor %}",
            # Not `range(end=100000000)` or loops nested to 10^8: templates are the analyst's
            # own code, and Tera runs a loop as long as it is (no generator bounds them).
        ])
        at = self.at(data)
        self.write(rel, data[:at] + snippet + data[at:], f"template gets {snippet!r} at {at}")

    def huge_line(self):
        rel = self.content_file()
        data = self.read(rel)
        size = self.rng.choice([100_000, 1_000_000, 4_000_000])
        line = (self.rng.choice([b"a", b"word ", b"[[", b"*a* ", b"\xc3\xa9"]) * size)[:size]
        at = self.at(data, lines=True)
        self.write(rel, data[:at] + line + b"\n" + data[at:], f"inserted a line of {size} bytes at {at}")

    def unquote_date(self):
        rel = self.content_file()
        data = self.read(rel)
        for d in DATES:
            quoted = b'"' + d + b'"'
            if quoted in data:
                self.write(rel, data.replace(quoted, self.rng.choice(DATES), 1), f"unquoted a date {d!r}")
                return
        at = self.at(data, lines=True)
        self.write(rel, data[:at] + b"date = " + self.rng.choice(DATES) + b"\n" + data[at:], "added an unquoted date")

    def duplicate_key(self):
        rel = self.content_file()
        lines = self.read(rel).split(b"\n")
        keyed = [i for i, l in enumerate(lines[:40]) if b" = " in l or b": " in l]
        if not keyed:
            return
        i = self.rng.choice(keyed)
        lines.insert(i + 1, lines[i])
        self.write(rel, b"\n".join(lines), f"duplicated line {i + 1} ({lines[i][:30]!r})")

    def dotdot_id(self):
        rel = self.content_file()
        data = self.read(rel)
        target = self.rng.choice([b"../../../../tmp/escape", b"..", b"../actors/huawei", b"/etc/passwd", b"a/../../b", b"%2e%2e", b"..\\..\\x"])
        for key in [b'document = "', b'id = "', b'actor = "', b'authors = ["', b'actors = ["']:
            if key in data:
                start = data.index(key) + len(key)
                end = data.find(b'"', start)
                self.write(rel, data[:start] + target + data[end:], f"{key.decode().split()[0]} becomes {target!r}")
                return
        self.write(rel, data + b"\n[[" + target + b"]]\n", f"linked to [[{target!r}]]")

    def rename_file(self):
        rel = self.content_file()
        name = self.rng.choice(["..md", "...md", ".hidden.md", "UPPER.md", "with space.md", "é.md", "a..b.md", "_index.md", "x.MD", "x~", "#x#", "x.txt", "-.md"])
        dest = rel.parent / name
        if (self.root / dest).exists():
            return
        (self.root / rel).rename(self.root / dest)
        self.log.append(f"renamed {rel} to {dest}")

    def symlink_outside(self):
        """A content, template or static path (or a whole directory) becomes a link out of the project."""
        secrets = {}
        for area, canary in [("content", CONTENT_CANARY), ("theme", THEME_CANARY)]:
            folder = self.outside / area / "dir"
            folder.mkdir(parents=True, exist_ok=True)
            page = f"+++\ntitle = \"{canary}\"\nname = \"{canary}\"\n+++\n{canary}\n"
            (folder.parent / "secret.md").write_text(page)
            (folder / "secret.md").write_text(page)
            (folder / "base.html").write_text(canary)
            secrets[area] = folder.parent
        choice = self.rng.randrange(6)
        if choice == 0:
            link, to = self.content_file(), secrets["content"] / "secret.md"
        elif choice == 1:
            link, to = Path("content/documents/linked.md"), secrets["content"] / "secret.md"
        elif choice == 2:
            link, to = Path("content/documents/linked"), secrets["content"] / "dir"
        elif choice == 3:
            link, to = Path("static/linked.txt"), secrets["theme"] / "secret.md"
        elif choice == 4:
            link, to = self.rng.choice([Path("static"), Path("templates")]), secrets["theme"] / "dir"
        else:
            link, to = Path("content/actors/loop.md"), Path("loop.md")
        path = self.root / link
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(to, path)
        self.log.append(f"{link} links to {to}")

    def delete_file(self):
        rel = self.pick(text_only=False)
        if self.rng.random() < 0.05:
            rel = Path("dossier.toml")
        if self.rng.random() < 0.05:
            rel = Path(self.rng.choice(["content", "templates", "static", "content/documents"]))
        path = self.root / rel
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        self.log.append(f"deleted {rel}")

    def truncate_file(self):
        rel = self.pick(text_only=False)
        data = self.read(rel)
        at = self.rng.randrange(len(data) + 1)
        self.write(rel, data[:at], f"truncated to {at} bytes")

    def swap_fences(self):
        rel = self.content_file()
        data = self.read(rel)
        how = self.rng.randrange(3)
        if how == 0:
            new = data.replace(b"+++", b"\0").replace(b"---", b"+++").replace(b"\0", b"---")
        elif how == 1:
            new = data.replace(b"+++", b"---", 1)
        else:
            new = b"---\n" + data.replace(b"+++\n", b"", 2).replace(b" = ", b": ") + b"\n---\n"
        self.write(rel, new, ["swapped +++ and ---", "opened with ---, closed with +++", "rewrote as YAML-ish"][how])

    def long_quote(self):
        rel = self.pick("content/events") or self.content_file()
        data = self.read(rel)
        words = self.rng.choice([b"the ", b"Huawei ", b"a", b"\xe2\x80\x9c", b"mandatory backdoors "])
        n = self.rng.choice([1000, 10_000, 100_000])
        long = (words * n).replace(b'"', b"'")
        key = b'quote = "'
        if key in data:
            start = data.index(key) + len(key)
            end = data.find(b'"', start)
            self.write(rel, data[:start] + long + data[end:], f"a quote of {len(long)} bytes ({words!r} x {n})")
        else:
            self.write(rel, data.replace(b"+++\n", b"+++\nquote = \"" + long + b"\"\n", 1), f"added a quote of {len(long)} bytes")

    def duplicate_document(self):
        rel = self.pick("content/documents")
        if rel is None:
            return
        twin = rel.with_suffix(".md" if rel.suffix == ".txt" else ".txt")
        self.write(twin, self.read(rel), f"copied {rel} as")

    def many_copies(self):
        rel = self.pick("content/documents")
        if rel is None:
            return
        data = self.read(rel)
        n = self.rng.choice([50, 300])
        for i in range(n):
            (self.root / rel.parent / f"copy-{i}{rel.suffix}").write_bytes(data)
        self.log.append(f"copied {rel} {n} times")

    def settings(self):
        data = self.read("dossier.toml") if (self.root / "dossier.toml").is_file() else b""
        line = self.rng.choice([
            b'base_url = "javascript:alert(1)"', b'base_url = "//evil.example/"', b'base_url = ""',
            b'base_url = "http://[::1"', b'base_url = "https://example.org/a b/\xc3\xa9/"',
            b'language = "xx"', b'language = "../../etc"', b'title = "\\u001b[2J"', b"unsafe_html = true",
            b'cname = "a\\nb"', b"nonsense = 1", b"[extra]\nx = 1", b'title = 2',
        ])
        key = line.split(b" ")[0]
        kept = b"\n".join(l for l in data.split(b"\n") if not l.startswith(key + b" "))
        self.write("dossier.toml", line + b"\n" + kept, f"settings: {line!r}")

    def line_endings(self):
        rel = self.pick()
        data = self.read(rel)
        how = self.rng.randrange(3)
        new = [data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r"), b"\xef\xbb\xbf" + data][how]
        self.write(rel, new, ["CRLF line ends", "CR line ends", "a byte order mark"][how])

    def random_file(self):
        name = self.rng.choice(["content/documents/random.md", "content/documents/random.txt", "content/actors/random.md", "content/events/random.md", "templates/random.html", "content/_index.md"])
        size = self.rng.choice([0, 1, 10, 1000, 100_000])
        data = bytes(self.rng.randrange(256) for _ in range(size))
        if self.rng.random() < 0.5:
            data = b"+++\ntitle = \"r\"\n+++\n" + data
        self.write(name, data, f"{size} random bytes in")

    MUTATIONS = [
        (flip_bytes, 3), (insert_hostile, 6), (tera_in_template, 2), (huge_line, 1),
        (unquote_date, 2), (duplicate_key, 2), (dotdot_id, 2), (rename_file, 1),
        (symlink_outside, 2), (delete_file, 2), (truncate_file, 2), (swap_fences, 2),
        (long_quote, 1), (duplicate_document, 1), (many_copies, 0.3), (settings, 1),
        (line_endings, 1), (random_file, 1),
    ]

    def mutate(self, count):
        functions = [m for m, _ in self.MUTATIONS]
        weights = [w for _, w in self.MUTATIONS]
        for f in self.rng.choices(functions, weights, k=count):
            self.applied.append(f.__name__)
            try:
                f(self)
            except (OSError, ValueError, IndexError, TypeError) as e:
                # a file an earlier mutation deleted or renamed: the mutant is still a mutant
                self.log.append(f"{f.__name__} skipped ({e.__class__.__name__})")


def snapshot(base: Path, skip: Path | None):
    """Every entry under `base` (links as their target, never followed), with file bytes."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath)
        if skip is not None:
            dirnames[:] = [d for d in dirnames if here / d != skip]
        for name in dirnames + filenames:
            path = here / name
            rel = str(path.relative_to(base))
            if path.is_symlink():
                entries[rel] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                entries[rel] = ("dir", b"")
            else:
                try:
                    entries[rel] = ("file", path.read_bytes())
                except OSError as e:
                    entries[rel] = ("unreadable", str(e).encode())
    return entries


def changes(before, after):
    """What differs between two snapshots, as short descriptions."""
    found = []
    for rel in sorted(set(before) | set(after)):
        a, b = before.get(rel), after.get(rel)
        if a is None:
            found.append(f"created {rel}")
        elif b is None:
            found.append(f"removed {rel}")
        elif a[0] != b[0] or hashlib.sha256(a[1]).digest() != hashlib.sha256(b[1]).digest():
            found.append(f"changed {rel}")
    return found


def restore(entries, into: Path):
    """Writes a snapshot back as a directory tree."""
    for rel, (kind, data) in sorted(entries.items()):
        path = into / rel
        if kind == "dir":
            path.mkdir(parents=True, exist_ok=True)
        elif kind == "link":
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(data.decode(), path)
        elif kind == "file":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def run(binary, args, kill_after):
    """Runs the binary: (exit code, wall seconds, CPU seconds, peak memory in MB, stderr).
    A signal is a negative code; a run killed after `kill_after` seconds has code None."""
    started = time.monotonic()
    process = subprocess.Popen([str(binary), *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True, env={**os.environ, "NO_COLOR": "1"})
    killed = threading.Event()

    def kill():
        killed.set()
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(kill_after, kill)
    timer.start()
    err = process.stderr.read()
    # wait4 rather than wait: the run's own CPU time and peak memory
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = code = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    seconds = time.monotonic() - started
    return (None if killed.is_set() else code, seconds, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, err.decode("utf-8", "replace"))


def site_contains(site: Path, canary: str):
    """True when a file of the site holds `canary`."""
    if not site.is_dir():
        return False
    for dirpath, _, filenames in os.walk(site):
        for name in filenames:
            path = Path(dirpath) / name
            if not path.is_symlink() and canary.encode() in path.read_bytes():
                return True
    return False


def make_mutant(args, pristine: Path, sandbox: Path, index: int):
    """Copies the project into `sandbox/project` and applies mutant `index`'s mutations."""
    rng = random.Random(f"{args.seed}:{index}")
    shutil.copytree(pristine, sandbox / "project", symlinks=True)
    mutant = Mutant(sandbox, rng)
    mutant.mutate(rng.choice([1, 1, 1, 2, 2, 3, 4, 6]))
    return mutant


def try_mutant(args, pristine: Path, work: Path, index: int):
    """Makes mutant `index`, runs check and build on it; returns its record."""
    sandbox = work / f"m{index}"
    root = sandbox / "project"
    mutant = make_mutant(args, pristine, sandbox, index)
    before = snapshot(sandbox, None)
    output = root / OUTPUT
    record = {"mutant": index, "mutations": mutant.log, "kinds": mutant.applied, "runs": [], "failures": [], "notes": []}
    for command in ["check", "build"]:
        cmd = [command, "--root", str(root)] + (["--output", str(output)] if command == "build" else [])
        code, seconds, cpu, memory, err = run(args.binary, cmd, args.kill_after)
        run_record = {"command": command, "code": code, "seconds": round(seconds, 4), "cpu": round(cpu, 4),
                      "memory_mb": round(memory, 1), "stderr": err if len(err) < 4000 else err[:2000] + "\n[...]\n" + err[-2000:]}
        record["runs"].append(run_record)
        fail = record["failures"].append
        if code is None:
            fail(f"{command}: still running after {args.kill_after} s, killed")
        elif code not in (0, 1, 2):
            fail(f"{command}: exit code {code}" + (f" (signal {-code})" if code < 0 else ""))
        elif seconds > args.limit:
            # The machine may be busy: a run over the limit counts only if it stays over
            # it twice more (the same run, from the same state).
            again = []
            for _ in range(2):
                if command == "build":
                    shutil.rmtree(output, ignore_errors=True)
                again.append(run(args.binary, cmd, args.kill_after)[1])
            run_record["reruns"] = [round(t, 4) for t in again]
            if min(again) > args.limit:
                fail(f"{command}: took {seconds:.2f} s, then {', '.join(f'{t:.2f}' for t in again)} s (limit {args.limit} s)")
            else:
                record["notes"].append(f"over {args.limit:g} s once, under it on a rerun")
        if "panicked at" in err:
            fail(f"{command}: panicked: {err.strip().splitlines()[0][:300] if err.strip() else ''}")
        after = snapshot(sandbox, output if command == "build" else None)
        changed = changes(before, after)
        if changed:
            fail(f"{command}: changed files outside its output: {changed[:5]}")
        if command == "build" and site_contains(output, CONTENT_CANARY):
            fail("build: published a file from outside the project through a link in content/")
        if command == "build" and site_contains(output, THEME_CANARY):
            record["notes"].append("published a file from outside through a link in templates/ or static/")
    codes = [r["code"] for r in record["runs"]]
    if None not in codes and codes[0] != codes[1]:
        record["failures"].append(f"check exited {codes[0]}, build {codes[1]}")
    if record["failures"] and args.failures:
        saved = Path(args.failures) / f"seed{args.seed}-mutant{index}"
        if saved.exists():
            shutil.rmtree(saved)
        saved.mkdir(parents=True)
        restore(before, saved)
        (saved / "record.json").write_text(json.dumps(record, indent=2))
        record["saved"] = str(saved)
    shutil.rmtree(sandbox, ignore_errors=True)
    return record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="makes the mutants reproducible (default: random)")
    parser.add_argument("--mutant", type=int, default=None, help="run only this mutant of --seed, and show it")
    parser.add_argument("--write", type=Path, help="with --mutant: only write the mutant here (DIR/project, DIR/outside)")
    parser.add_argument("--binary", type=Path, default=REPO / "target/release/dossier")
    parser.add_argument("--project", type=Path, default=REPO, help="the dossier to mutate (default: the example)")
    parser.add_argument("--limit", type=float, default=5.0, help="seconds a run may take (default 5)")
    parser.add_argument("--kill-after", type=float, default=30.0, help="seconds before a run is killed (default 30)")
    parser.add_argument("--failures", default=str(REPO / "target/fuzz-failures"), help="where failing mutants are saved")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1_000_000)
    if not args.binary.is_file() and not args.write:
        sys.exit(f"{args.binary} not found: run `cargo build --release` (or pass --binary)")

    with tempfile.TemporaryDirectory(prefix="dossier-fuzz-") as tmp:
        work = Path(tmp)
        pristine = work / "pristine"
        pristine.mkdir()
        for part in PROJECT_PARTS:
            source = args.project / part
            if source.is_dir():
                shutil.copytree(source, pristine / part, symlinks=True)
            elif source.is_file():
                shutil.copy2(source, pristine / part)

        if args.mutant is not None and args.write:
            mutant = make_mutant(args, pristine, args.write, args.mutant)
            print("\n".join(mutant.log))
            return
        if args.mutant is not None:
            record = try_mutant(args, pristine, work, args.mutant)
            print(json.dumps(record, indent=2))
            sys.exit(1 if record["failures"] else 0)

        print(f"fuzzing {args.binary} for {args.seconds:g} s, seed {args.seed}", flush=True)
        started = time.monotonic()
        codes = {"check": Counter(), "build": Counter()}
        kinds = Counter()
        notes = Counter()
        slowest = []  # (seconds, mutant, command, cpu, memory, mutations)
        hungriest = []  # (memory, mutant, command, seconds, mutations)
        examples = {}  # "command exit code" -> the first mutants that ended so, with why
        usage_errors = Counter()  # the first error line of each run exiting 2

        failures = []
        index = 0
        last_report = started
        while time.monotonic() - started < args.seconds:
            record = try_mutant(args, pristine, work, index)
            for r in record["runs"]:
                codes[r["command"]][str(r["code"])] += 1
                seen = examples.setdefault(f'{r["command"]} {r["code"]}', [])
                first_error = next((l for l in r["stderr"].splitlines() if l.startswith("error")), "")
                if r["code"] == 2:
                    usage_errors[re.sub(r"TMP/m[0-9]+", "MUTANT", first_error.replace(str(work), "TMP"))[:90]] += 1
                if len(seen) < 3:
                    seen.append({"mutant": index, "mutations": record["mutations"], "error": first_error[:200]})
                slowest.append((r["seconds"], index, r["command"], r["cpu"], r["memory_mb"], record["mutations"]))
                hungriest.append((r["memory_mb"], index, r["command"], r["seconds"], record["mutations"]))
            slowest = sorted(slowest, reverse=True)[:5]
            hungriest = sorted(hungriest, reverse=True)[:3]
            kinds.update(record["kinds"])
            notes.update(record["notes"])
            if record["failures"]:
                failures.append(record)
                print(f"FAILURE mutant {index}: {record['failures']} after {record['mutations']}", flush=True)
            index += 1
            if time.monotonic() - last_report > 60:
                last_report = time.monotonic()
                print(f"  {index} mutants, {len(failures)} failing, {time.monotonic() - started:.0f} s", flush=True)

    elapsed = time.monotonic() - started
    summary = {
        "seed": args.seed,
        "seconds": round(elapsed, 1),
        "mutants": index,
        "runs": 2 * index,
        "exit_codes": {c: dict(sorted(v.items())) for c, v in codes.items()},
        "exit_code_examples": examples,
        "usage_errors": dict(usage_errors.most_common()),
        "mutations": dict(kinds.most_common()),
        "notes": dict(notes),
        "slowest": [{"seconds": s, "cpu": cpu, "memory_mb": mem, "mutant": m, "command": c, "mutations": muts}
                    for s, m, c, cpu, mem, muts in slowest],
        "most_memory": [{"memory_mb": mem, "seconds": s, "mutant": m, "command": c, "mutations": muts}
                        for mem, m, c, s, muts in hungriest],
        "failures": [{"mutant": f["mutant"], "failures": f["failures"], "mutations": f["mutations"], "saved": f.get("saved")} for f in failures],
    }
    print(f"\n{index} mutants ({2 * index} runs) in {elapsed:.0f} s, seed {args.seed}")
    for command, counter in codes.items():
        print(f"  {command} exit codes: " + ", ".join(f"{c}: {n}" for c, n in sorted(counter.items())))
    for error, n in usage_errors.most_common():
        print(f"  exit 2 ({n} runs): {error}")
    print("  mutations applied: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    for note, n in notes.items():
        print(f"  note: {note}: {n} time(s)")
    print("  slowest runs (wall time, CPU time, peak memory):")
    for s, m, c, cpu, mem, muts in slowest:
        print(f"    {s:.3f} s  {cpu:.3f} s CPU  {mem:.0f} MB  {c}  mutant {m}: {'; '.join(muts)[:200]}")
    print("  most memory:")
    for mem, m, c, s, muts in hungriest:
        print(f"    {mem:.0f} MB  {s:.3f} s  {c}  mutant {m}: {'; '.join(muts)[:200]}")
    print(f"  failures: {len(failures)}" + (f" (saved under {args.failures})" if failures else ""))
    for f in failures[:20]:
        print(f"    mutant {f['mutant']}: {f['failures']}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
