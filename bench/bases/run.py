#!/usr/bin/env python3
"""Bases benchmark: `nastavnik import` and `nastavnik export` on 100,000 rows, on SQLite
and PostgreSQL, and openpyxl reading and writing the same files in the same run.

Every figure is one whole `nastavnik` process (start, migrations check, reading the file,
checking, writing, the report), timed from outside; peak RSS is the process's own
(os.wait4), so on PostgreSQL the server's memory is not in it. Each figure is the median
of --runs runs; every run starts from a fresh database (SQLite file removed, PostgreSQL
database dropped and created) with one empty school. The curator's flow is a dry run
(`import`) and then `import --commit`, which checks the file again inside its transaction
before writing: «dry run + commit» is the sum of the two processes.

Steps, in order, on each backend:
  fresh database: students.csv dry run, commit
  fresh database: students.xlsx dry run, commit; the same file again (all unchanged);
  mentees.xlsx (the base of mentees over the same pupils: 100,000 new entries) dry run,
  commit; export of the base to XLSX and CSV; mentees_next.xlsx (a new request in every
  entry: 100,000 entries changed) commit; students_next.xlsx (a year on: every pupil's
  class changed) dry run, commit.

Results: bench/out/bases/results.md.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "bench", "out", "bases")
DATA = os.path.join(OUT, "data")
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
# The binary is copied out of the target directory before the runs, so that another build
# in the same directory cannot swap it in the middle of them.
BUILT = os.path.join(TARGET, "release", "nastavnik")
BIN = os.path.join(OUT, "nastavnik")
HERE = os.path.join(ROOT, "bench", "bases")
SUMMARY = re.compile(
    r"Строк с данными: (\d+) \(без ошибок: \d+\); новых участников: (\d+), изменённых: (\d+), без изменений: (\d+); "
    r"новых законных представителей: (\d+); записей базы: (\d+) новых, (\d+) обновить"
)
SUMMARY_KEYS = ("rows", "new", "updated", "unchanged", "guardians", "new_entries", "updated_entries")
IN_PROCESS = re.compile(r"за ([\d.]+) с")


def run(cmd, check=True):
    """Wall seconds, peak RSS in MB (the child's own, from wait4), stdout and stderr of one
    process; exits with its output when it fails."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    bufs = {}

    def drain(name, stream):
        bufs[name] = stream.read()

    # Pipes are read on threads so a chatty child never blocks; wait4 gives its rusage.
    threads = [threading.Thread(target=drain, args=(n, s)) for n, s in (("out", p.stdout), ("err", p.stderr))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    out, err = bufs["out"].decode(errors="replace"), bufs["err"].decode(errors="replace")
    if check and p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{out[-3000:]}\n{err[-3000:]}")
    return wall, usage.ru_maxrss / 1024, out, err


class Backend:
    def __init__(self, name, url, pg_admin=None, pg_db=None):
        self.name, self.url, self.pg_admin, self.pg_db = name, url, pg_admin, pg_db

    def fresh(self):
        """An empty database with a region, a municipality and one school; the school's id."""
        if self.name == "SQLite":
            path = self.url.split(":", 1)[1]
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        else:
            subprocess.run(["dropdb", "--if-exists", "-h", self.pg_admin[0], "-p", self.pg_admin[1], "-U",
                            self.pg_admin[2], self.pg_db], check=True)
            subprocess.run(["createdb", "-h", self.pg_admin[0], "-p", self.pg_admin[1], "-U", self.pg_admin[2],
                            self.pg_db], check=True)
        ids = []
        for kind, name, short in [
            ("region", "Тестовая область", "Тестовая область"),
            ("municipality", "Управление образования города N", "УО города N"),
            ("school", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
             "МБОУ «СОШ № 1»"),
        ]:
            cmd = self.cmd("org", "create", "--kind", kind, "--name", name, "--short", short)
            if ids:
                cmd += ["--parent", str(ids[-1])]
            _, _, out, _ = run(cmd)
            ids.append(int(re.findall(r"№ (\d+)\)", out)[-1]))
        return ids[-1]

    def cmd(self, *args):
        return [BIN, "--database-url", self.url, *args]


def import_step(backend, school, file, lst, commit):
    cmd = backend.cmd("import", "--org", str(school), "--list", lst, "--file", os.path.join(DATA, file), "--quiet")
    if commit:
        cmd.append("--commit")
    wall, rss, out, err = run(cmd)
    m = SUMMARY.search(out)
    if not m:
        sys.exit(f"no summary from {' '.join(cmd)}:\n{out[-3000:]}\n{err[-3000:]}")
    counts = dict(zip(SUMMARY_KEYS, map(int, m.groups())))
    errors = int(re.search(r"Ошибок: (\d+)", out).group(1))
    inner = IN_PROCESS.findall(out)
    if errors:
        sys.exit(f"{file}: {errors} errors:\n{out[:3000]}")
    if commit and "Записано в базу данных" not in out:
        sys.exit(f"{file}: not committed:\n{out[-3000:]}")
    return wall, rss, counts, float(inner[-1]) if inner else None


def export_step(backend, school, fmt, out_file):
    cmd = backend.cmd("export", "--org", str(school), "--base", "mentees", "--format", fmt, "--out", out_file)
    wall, rss, _, err = run(cmd)
    inner = IN_PROCESS.findall(err)
    return wall, rss, {"bytes": os.path.getsize(out_file)}, float(inner[-1]) if inner else None


def one_run(backend, rows):
    """One pass of every step on a fresh database; {step: (wall, rss, counts, in-process s)}."""
    r = {}
    school = backend.fresh()
    r["csv_dry"] = import_step(backend, school, "students.csv", "students", False)
    r["csv_commit"] = import_step(backend, school, "students.csv", "students", True)
    school = backend.fresh()
    r["xlsx_dry"] = import_step(backend, school, "students.xlsx", "students", False)
    r["xlsx_commit"] = import_step(backend, school, "students.xlsx", "students", True)
    r["same_commit"] = import_step(backend, school, "students.xlsx", "students", True)
    r["mentees_dry"] = import_step(backend, school, "mentees.xlsx", "mentees", False)
    r["mentees_commit"] = import_step(backend, school, "mentees.xlsx", "mentees", True)
    tag = backend.name.lower()
    r["export_xlsx"] = export_step(backend, school, "xlsx", os.path.join(OUT, f"mentees-{tag}.xlsx"))
    r["export_csv"] = export_step(backend, school, "csv", os.path.join(OUT, f"mentees-{tag}.csv"))
    r["mentees_next_commit"] = import_step(backend, school, "mentees_next.xlsx", "mentees", True)
    r["next_dry"] = import_step(backend, school, "students_next.xlsx", "students", False)
    r["next_commit"] = import_step(backend, school, "students_next.xlsx", "students", True)
    # What each step must have found: the benchmark times the work the issue describes.
    expect = {
        "csv_dry": {"new": rows}, "csv_commit": {"new": rows},
        "xlsx_dry": {"new": rows}, "xlsx_commit": {"new": rows},
        "same_commit": {"unchanged": rows}, "next_dry": {"updated": rows}, "next_commit": {"updated": rows},
        "mentees_dry": {"unchanged": rows, "new_entries": rows},
        "mentees_commit": {"unchanged": rows, "new_entries": rows},
        "mentees_next_commit": {"unchanged": rows, "updated_entries": rows},
    }
    for step, want in expect.items():
        got = r[step][2]
        for k, v in want.items():
            if got[k] != v:
                sys.exit(f"{backend.name} {step}: {k} = {got[k]}, expected {v} ({got})")
    with open(os.path.join(OUT, f"mentees-{tag}.csv"), encoding="utf-8-sig") as f:
        lines = sum(1 for _ in f)
    if lines != rows + 1:
        sys.exit(f"{backend.name}: the CSV export has {lines} lines for {rows} entries and its header")
    return r


STEPS = [
    # (key, what, target key)
    ("csv_dry", "CSV (Windows-1251, «;», CRLF), 100 000 обучающихся: проверка", None),
    ("csv_commit", "  … запись (--commit) в пустую школу", None),
    ("csv_total", "  **проверка + запись**", "import"),
    ("xlsx_dry", "XLSX, 100 000 обучающихся: проверка", None),
    ("xlsx_commit", "  … запись (--commit) в пустую школу", None),
    ("xlsx_total", "  **проверка + запись**", "import"),
    ("same_commit", "тот же файл ещё раз (--commit): 100 000 без изменений", None),
    ("mentees_dry", "база наставляемых XLSX, 100 000 записей: проверка", None),
    ("mentees_commit", "  … запись: 100 000 новых записей базы", None),
    ("mentees_total", "  **проверка + запись**", "import"),
    ("export_xlsx", "выгрузка базы наставляемых, 100 000 записей, XLSX", "export"),
    ("export_csv", "выгрузка базы наставляемых, 100 000 записей, CSV", None),
    ("mentees_next_commit", "база с новым запросом в каждой записи (--commit): 100 000 изменённых записей", None),
    ("next_dry", "список через год (у всех новый класс): проверка", None),
    ("next_commit", "  … запись: 100 000 изменённых участников", None),
    ("next_total", "  **проверка + запись**", "import"),
]


def summarize(runs):
    """Median wall, median in-process seconds and max RSS of each step; totals of pairs."""
    s = {}
    for key in runs[0]:
        walls = [r[key][0] for r in runs]
        inner = [r[key][3] for r in runs if r[key][3] is not None]
        s[key] = (statistics.median(walls), max(r[key][1] for r in runs),
                  statistics.median(inner) if inner else None, min(walls), max(walls))
    for pre in ("csv", "xlsx", "next", "mentees"):
        totals = [r[f"{pre}_dry"][0] + r[f"{pre}_commit"][0] for r in runs]
        rss = max(s[f"{pre}_dry"][1], s[f"{pre}_commit"][1])
        s[f"{pre}_total"] = (statistics.median(totals), rss, None, min(totals), max(totals))
    return s


def peer(py, src, dst, normal):
    cmd = [py, os.path.join(HERE, "openpyxl_peer.py"), src, dst] + (["--normal"] if normal else [])
    wall, rss, out, _ = run(cmd)
    fig = json.loads(out)
    fig["wall"], fig["rss"] = wall, rss
    return fig


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--backends", default="sqlite,postgres")
    ap.add_argument("--pg", default="127.0.0.1:5432:postgres", help="host:port:user of a PostgreSQL with trust auth")
    ap.add_argument("--pg-db", default="nastavnik_bench", help="dropped and created by every run")
    ap.add_argument("--peer-normal-runs", type=int, default=1,
                    help="runs of openpyxl's normal (in-memory) mode; 0 leaves it out")
    args = ap.parse_args()
    if args.pg_db in ("test", "postgres", "template0", "template1", "nastavnik"):
        sys.exit(f"--pg-db {args.pg_db}: choose a database the benchmark may drop")
    os.makedirs(OUT, exist_ok=True)
    if not args.skip_build:
        subprocess.run(["cargo", "build", "--release", "-p", "nastavnik"], cwd=ROOT, check=True)
    shutil.copy2(BUILT, BIN)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    stamp = f"{time.strftime('%Y-%m-%d')} {args.rows}"
    try:
        current = open(os.path.join(DATA, "stamp")).read().strip()
    except OSError:
        current = ""
    if current != stamp:
        print(f"generating {args.rows} rows into {DATA} …", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), DATA, "--rows", str(args.rows)], check=True)

    host, port, user = args.pg.split(":")
    backends = []
    for b in args.backends.split(","):
        if b == "sqlite":
            backends.append(Backend("SQLite", f"sqlite:{os.path.join(OUT, 'bench.db')}"))
        elif b == "postgres":
            backends.append(Backend("PostgreSQL", f"postgres://{user}@{host}:{port}/{args.pg_db}", (host, port, user),
                                    args.pg_db))
        else:
            sys.exit(f"unknown backend {b}")

    results = {}
    for b in backends:
        runs = []
        for i in range(args.runs):
            t = time.perf_counter()
            runs.append(one_run(b, args.rows))
            print(f"{b.name}: run {i + 1}/{args.runs} in {time.perf_counter() - t:.1f} s", flush=True)
        results[b.name] = summarize(runs)
        for key, what, _ in STEPS:
            wall, rss, inner, lo, hi = results[b.name][key]
            extra = f" (in process {inner:.2f} s)" if inner is not None else ""
            print(f"  {key:15} {wall:6.3f} s [{lo:.3f}–{hi:.3f}]{extra}, {rss:.0f} MB", flush=True)

    # openpyxl on the same files, in the same run.
    py = sys.executable
    export = next((os.path.join(OUT, f"mentees-{b.name.lower()}.xlsx") for b in backends), None)
    peers = []
    files = [("список обучающихся students.xlsx", os.path.join(DATA, "students.xlsx"))]
    if export:
        files.append(("выгрузка базы наставляемых Nastavnik", export))
    for label, src in files:
        for mode, normal, n in [("read_only / write_only", False, args.runs), ("обычный режим", True,
                                                                               args.peer_normal_runs)]:
            if n <= 0:
                continue
            figs = [peer(py, src, os.path.join(OUT, "peer.xlsx"), normal) for _ in range(n)]
            f = {k: statistics.median(x[k] for x in figs) for k in ("read_s", "write_s", "wall")}
            f["rss"] = max(x["rss"] for x in figs)
            f["rows"] = figs[0]["rows"]
            peers.append((label, mode, f))
            print(f"openpyxl {mode}, {label}: read {f['read_s']:.2f} s, write {f['write_s']:.2f} s, "
                  f"{f['rows']} rows, {f['rss']:.0f} MB", flush=True)

    targets = {
        ("SQLite", "import"): 5.0, ("PostgreSQL", "import"): 8.0,
        ("SQLite", "export"): 2.0, ("PostgreSQL", "export"): 2.0,
    }
    names = [b.name for b in backends]
    lines = [f"Коммит {commit}, {time.strftime('%Y-%m-%d %H:%M')}. Строк: {args.rows}; медиана {args.runs} прогонов; "
             "время — весь процесс `nastavnik`; «в процессе» — что он сам печатает (без запуска и миграций); "
             "пик памяти — процесса `nastavnik` (без сервера PostgreSQL).", ""]
    head = "| шаг | " + " | ".join(f"{n}: время | {n}: в процессе | {n}: пик памяти" for n in names) + " | цель |"
    lines += [head, "|" + "---|" * (2 + 3 * len(names))]
    for key, what, target in STEPS:
        cells = []
        goal = []
        for n in names:
            wall, rss, inner, _, _ = results[n][key]
            cells += [f"{wall:.2f} с", f"{inner:.2f} с" if inner is not None else "",
                      f"{rss:.0f} МБ"]
            if target:
                t = targets[(n, target)]
                goal.append(f"{n} ≤ {t:g} с: {'да' if wall <= t and rss <= 300 else 'НЕТ'}")
        lines.append(f"| {what} | " + " | ".join(cells) + f" | {'; '.join(goal) if goal else ''} |")
    lines += ["", "| openpyxl 3.1.5 | режим | чтение | запись | строк | пик памяти |", "|---|---|---|---|---|---|"]
    for label, mode, f in peers:
        lines.append(f"| {label} | {mode} | {f['read_s']:.2f} с | {f['write_s']:.2f} с | {f['rows']} | "
                     f"{f['rss']:.0f} МБ |")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(OUT, "results.md"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(OUT, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"results": results, "peers": peers}, f, ensure_ascii=False, indent=1)
    print(text)


if __name__ == "__main__":
    main()
