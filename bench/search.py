#!/usr/bin/env python3
"""What a search query downloads, on a built site: dossier's sharded index, the single index
it replaced, and (optionally) a Pagefind bundle of the same records.

    python3 bench/search.py SITE [--old OLD_SITE] [--pagefind-fetched FETCHED.json]
    python3 bench/search.py --records CORPUS_ROOT OUT.jsonl   # records for bench/pagefind

SITE is a site built by dossier with the sharded index (search-index.json is a manifest).
The script replays what static/search.js fetches for each query of QUERIES — the manifest,
one shard of terms per word, then the chunks of entries holding the first 30 results —
ranking the results as search.js ranks them, and adds up the files' sizes gzipped (level 6,
as a static server or GitHub Pages would send them). Each query is counted from a cold
cache, and also as typed letter by letter (every prefix of two letters or more, with the
files fetched for earlier prefixes cached, as the page caches them).

OLD_SITE, a site built before the index was split: its search-index.json, gzipped, is what
every query downloaded. FETCHED.json: the files Chromium fetched for each query on a
Pagefind bundle (bench/pagefind/fetched.mjs), with their sizes as sent.
"""

import argparse
import gzip
import json
import os
import re
import sys
import tomllib
import unicodedata

QUERIES = ["securite", "cloud", "huawei", "souverainete donnees", "certification scheme",
           "xi", "sofia kowalski", "backdoor", "1991", "telecommunications",
           "datacenter audit", "evidence", "zz"]
PAGE = 30
WORD = re.compile(r"[^\W_]+")


def fold(s):
    out = []
    for c in s:
        if c < "\x80":
            out.append(c.lower())
            continue
        for d in unicodedata.normalize("NFD", c):
            if not unicodedata.category(d).startswith("M"):
                out.append(d.lower())
    return "".join(out)


def words_of(query):
    seen = []
    for w in WORD.findall(fold(query)):
        if len(w) > 1 and w not in seen:
            seen.append(w)
    return seen


def shard_of(word, shards):
    h = 0x811C9DC5
    for b in word[:2].encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h % shards


def gz(path, cache={}):
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = len(gzip.compress(f.read(), 6))
    return cache[path]


def decode(deltas):
    n, out = 0, []
    for d in deltas:
        n += d
        out.append(n)
    return out


def stem(word):
    return re.sub(r"[ey]$", "", re.sub(r"(?:ies|es|s)$", "", word))


class Site:
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "search-index.json")) as f:
            self.manifest = json.load(f)
        self.shards = {}

    def path(self, rel):
        return os.path.join(self.root, rel)

    def shard(self, rel):
        if rel not in self.shards:
            with open(self.path(rel)) as f:
                self.shards[rel] = json.load(f)
        return self.shards[rel]

    def group_year(self, e):
        groups = self.manifest["groups"]
        lo, hi = 0, len(groups) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if groups[mid][3] <= e:
                lo = mid
            else:
                hi = mid - 1
        return groups[lo][2] or 0

    def scores(self, shard, word):
        terms = shard["terms"]
        needle = word
        found = [i for i, t in enumerate(terms) if t.startswith(word)]
        if not found and len(word) >= 5 and len(stem(word)) >= 4:
            needle = stem(word)
            found = [i for i, t in enumerate(terms) if t.startswith(needle)]
        scores = {}
        for t in found:
            bonus = 2 if terms[t] == needle else 1
            for weight, lists in ((10 + 2 * bonus, shard["heads"]), (1 + bonus, shard["texts"])):
                for e in decode(lists[t]):
                    scores[e] = max(scores.get(e, 0), weight)
        return scores

    def fetched(self, query):
        """The files search.js fetches for `query`, and how many results it finds."""
        m = self.manifest
        files = ["search-index.json"]
        words = words_of(query)
        if not words:
            return files, 0
        total = None
        for w in words:
            rel = m["shards"][shard_of(w, len(m["shards"]))]
            files.append(rel)
            s = self.scores(self.shard(rel), w)
            total = s if total is None else {e: v + s[e] for e, v in total.items() if e in s}
        hits = sorted(total.items(), key=lambda kv: (-kv[1], -self.group_year(kv[0]), kv[0]))
        for e, _ in hits[:PAGE]:
            files.append(m["chunks"][e // m["chunk"]])
        return list(dict.fromkeys(files)), len(hits)

    def bytes(self, files):
        return sum(gz(self.path(f)) for f in files)


def report(site, old, pagefind):
    old_gz = gz(os.path.join(old, "search-index.json")) if old else None
    print(f"{'query':26} {'results':>8} {'files':>6} {'cold KB':>8} {'typed KB':>9}"
          + (f" {'old KB':>7}" if old else "") + (f" {'pagefind KB':>12}" if pagefind else ""))
    worst = 0
    for q in QUERIES:
        files, n = site.fetched(q)
        cold = site.bytes(files)
        # typed letter by letter: each prefix's new files, the manifest once
        seen, typed = set(), 0
        for end in range(2, len(q) + 1):
            got, _ = site.fetched(q[:end])
            typed += site.bytes([f for f in got if f not in seen])
            seen.update(got)
        worst = max(worst, cold, typed)
        line = f"{q:26} {n:8} {len(files):6} {cold / 1000:8.1f} {typed / 1000:9.1f}"
        if old:
            line += f" {old_gz / 1000:7.1f}"
        if pagefind:
            got = pagefind.get(q)
            line += f" {sum(got.values()) / 1000:12.1f}" if got else f" {'-':>12}"
        print(line)
    sizes = [gz(site.path(f)) for f in site.manifest["shards"]]
    chunks = [gz(site.path(f)) for f in site.manifest["chunks"]]
    print(f"manifest {gz(site.path('search-index.json')) / 1000:.1f} KB gzipped; "
          f"{len(sizes)} shards, largest {max(sizes) / 1000:.1f} KB, median "
          f"{sorted(sizes)[len(sizes) // 2] / 1000:.1f} KB; {len(chunks)} chunks, largest "
          f"{max(chunks) / 1000:.1f} KB; whole index {sum(sizes + chunks) / 1e6:.2f} MB gzipped")
    print(f"most fetched by one query: {worst / 1000:.1f} KB gzipped")


def front(text):
    if text.startswith("+++"):
        end = text.index("\n+++", 3)
        return tomllib.loads(text[3:end]), text[end + 4:]
    return {}, text


def records(root, out):
    """One JSON line per document, actor and event: what dossier indexes of each."""
    with open(out, "w") as f:
        def put(url, title, content, lang, of, kind="", year=""):
            f.write(json.dumps({"url": url, "title": title, "content": content, "lang": lang,
                                "type": of, "kind": kind, "year": str(year)}) + "\n")
        docs = os.path.join(root, "content/documents")
        for name in sorted(os.listdir(docs)):
            with open(os.path.join(docs, name)) as g:
                meta, body = front(g.read())
            stem_ = name.rsplit(".", 1)[0]
            date = str(meta.get("date", ""))
            put(f"/documents/{stem_}/", meta.get("title", ""),
                " ".join([meta.get("title", ""), meta.get("summary", ""), body]),
                meta.get("lang", "en"), "document", meta.get("kind", ""), date[:4])
            for i, e in enumerate(meta.get("events", [])):
                put(f"/timeline/#{stem_}-{i}", e["title"], " ".join([e["title"], e.get("quote", "")]),
                    "en", "event", "", str(e.get("date", ""))[:4])
        actors = os.path.join(root, "content/actors")
        for name in sorted(os.listdir(actors)):
            with open(os.path.join(actors, name)) as g:
                meta, body = front(g.read())
            put(f"/actors/{name[:-3]}/", meta.get("name", ""),
                " ".join([meta.get("name", ""), " ".join(meta.get("aliases", [])),
                          meta.get("description", ""), body]), "en", "actor", meta.get("kind", ""))
        events = os.path.join(root, "content/events")
        for name in sorted(os.listdir(events)) if os.path.isdir(events) else []:
            with open(os.path.join(events, name)) as g:
                meta, body = front(g.read())
            put(f"/timeline/#{name[:-3]}", meta.get("title", ""), " ".join([meta.get("title", ""), body]),
                "en", "event", "", str(meta.get("date", ""))[:4])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", nargs="?")
    ap.add_argument("--old")
    ap.add_argument("--pagefind-fetched")
    ap.add_argument("--records", nargs=2, metavar=("CORPUS_ROOT", "OUT"))
    args = ap.parse_args()
    if args.records:
        records(*args.records)
        return
    if not args.site:
        ap.error("SITE is required")
    pagefind = None
    if args.pagefind_fetched:
        with open(args.pagefind_fetched) as f:
            pagefind = json.load(f)
    report(Site(args.site), args.old, pagefind)


if __name__ == "__main__":
    sys.exit(main())
