#!/usr/bin/env python3
"""Documents benchmark: `nastavnik document render` on the issue's sizes, and openpyxl
writing the same 100,000-row base in the same run. Wall time and peak RSS of every
process are taken from outside (os.wait4); each figure is the median of --runs runs.
Results: bench/out/documents/results.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "bench", "out", "documents")
BIN = os.path.join(ROOT, "target", "release", "nastavnik")


def run(cmd):
    """Wall seconds, peak RSS in MB and stdout of one process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    out, err = p.stdout.read(), p.stderr.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err.decode(errors='replace')}")
    return wall, usage.ru_maxrss / 1024, out.decode()


def median(cmd, runs):
    results = [run(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results), results[-1][2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if not args.skip_build:
        subprocess.run(["cargo", "build", "--release", "-p", "nastavnik"], cwd=ROOT, check=True)
    data = os.path.join(OUT, "data")
    if not os.path.exists(os.path.join(data, "base_mentors_100k.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "documents", "gen.py"), data], check=True)

    def render(kind, src, fmt, out):
        return [BIN, "document", "render", "--kind", kind, "--data", os.path.join(data, src), "--format", fmt,
                "--out", os.path.join(OUT, out)]

    rows = []
    cases = [
        ("Приказ о парах, 1 000 пар, DOCX", render("order_pairs", "order_pairs_1000.json", "docx", "pairs.docx"), "≤ 0,2 с"),
        ("Приказ о парах, 1 000 пар, PDF", render("order_pairs", "order_pairs_1000.json", "pdf", "pairs.pdf"), "≤ 1 с"),
        ("1 000 грамот одним PDF", render("certificate", "certificates_1000.json", "pdf", "certificates.pdf"), "≤ 10 с"),
        ("База наставников, 100 000 строк, XLSX", render("base_mentors", "base_mentors_100k.json", "xlsx", "base.xlsx"), "≤ 2 с"),
    ]
    for name, cmd, target in cases:
        wall, rss, _ = median(cmd, args.runs)
        rows.append((name, f"{wall:.3f} с", f"{rss:.0f} МБ", target))
        print(f"{name}: {wall:.3f} s, {rss:.0f} MB", flush=True)

    py = sys.executable
    peer = os.path.join(ROOT, "bench", "documents", "openpyxl_peer.py")
    src = os.path.join(data, "base_mentors_100k.json")
    for label, extra in [("openpyxl (обычный режим)", []), ("openpyxl (write_only)", ["--write-only"])]:
        walls, reads, rss = [], [], 0.0
        for _ in range(max(1, min(args.runs, 3))):
            wall, r, out = run([py, peer, src, os.path.join(OUT, "peer.xlsx")] + extra)
            fig = json.loads(out)
            walls.append(fig["write_s"])
            reads.append(fig["read_s"])
            rss = max(rss, r)
        rows.append((f"{label}: запись той же базы", f"{statistics.median(walls):.3f} с", f"{rss:.0f} МБ", "—"))
        print(f"{label}: write {statistics.median(walls):.3f} s, read {statistics.median(reads):.3f} s, {rss:.0f} MB", flush=True)
    # The file Nastavnik wrote, read back by openpyxl: it opens, and all rows are there.
    wall, rss, out = run([py, "-c", (
        "import sys,time;from openpyxl import load_workbook;t=time.perf_counter();"
        "wb=load_workbook(sys.argv[1],read_only=True);n=sum(1 for _ in wb.active.iter_rows(values_only=True));"
        "print(n, time.perf_counter()-t)"), os.path.join(OUT, "base.xlsx")])
    n, secs = out.split()
    rows.append(("openpyxl читает XLSX Nastavnik", f"{float(secs):.3f} с", f"{rss:.0f} МБ", f"строк: {n}"))

    with open(os.path.join(OUT, "results.md"), "w", encoding="utf-8") as f:
        f.write("| что | время (медиана) | пик памяти | цель |\n|---|---|---|---|\n")
        for r in rows:
            f.write("| " + " | ".join(r) + " |\n")
    print(open(os.path.join(OUT, "results.md"), encoding="utf-8").read())


if __name__ == "__main__":
    main()
