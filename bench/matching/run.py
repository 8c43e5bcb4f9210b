#!/usr/bin/env python3
"""Matching benchmark runner: `nastavnik match` against the peers of peers.py.

Run through run.sh (it prepares the virtualenv), from the repository root:

    ./bench/matching/run.sh [--quick] [--timeout S] [--skip-build] [--peers-only]
                            [--instances NAME ...]

Steps:
  1. generate the instances with gen.py into bench/out/matching (only files that do
     not exist yet): school, school-dense-5k, municipality, region and the tiny suite
     (--quick: school, municipality and the tiny suite);
  2. `cargo build --release -p nastavnik`, then a copy of the binary in
     bench/out/matching/bin (every run uses the copy, so a rebuild meanwhile does
     not mix two binaries into one table);
  3. the tiny suite: `nastavnik match` stable and optimal on every tiny-NN, totals
     checked against REFERENCE.md;
  4. per instance: `nastavnik match --algorithm stable|optimal --objective score
     --stats`, with the default threads and with NASTAVNIK_THREADS=1; then the peers
     (peers.py) planned for the instance;
  5. every solution validated with check.py (feasibility, 0 blocking pairs in stable
     mode, the REFERENCE.md total; a stable-lib solution must also have exactly
     nastavnik's stable pairs);
  6. a Markdown table on stdout and in bench/out/matching/results.md (raw figures in
     results.json, every command's output in bench/out/matching/logs/).

Every command runs alone (one at a time: the machine has 2 cores) under a timeout.
Its wall time is measured from outside, from fork to exit (so interpreter start-up
and imports count for the Python peers), and its peak resident memory is the
ru_maxrss that os.wait4 reports for that child.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEN = os.path.join(HERE, "gen.py")
CHECK = os.path.join(HERE, "check.py")
PEERS = os.path.join(HERE, "peers.py")
REFERENCE = os.path.join(HERE, "REFERENCE.md")
OUT = os.path.join(ROOT, "bench", "out", "matching")
BUILT = os.path.join(ROOT, "target", "release", "nastavnik")
BIN = os.path.join(OUT, "bin", "nastavnik")  # a copy, so that a rebuild during the run changes nothing

INSTANCES = ["school", "school-dense-5k", "municipality", "region"]
QUICK_INSTANCES = ["school", "municipality"]
# Peers per instance: (solver, algorithm it answers). stable-lib-game (the library's
# documented front door, slow input checks) only where it finishes in minutes.
PEER_PLAN = {
    "school": [("scipy-lsa", "optimal"), ("ortools-lsa", "optimal"), ("ortools-mcf", "optimal"),
               ("stable-lib", "stable"), ("stable-lib-game", "stable")],
    "school-dense-5k": [("scipy-lsa", "optimal"), ("ortools-lsa", "optimal"), ("ortools-mcf", "optimal")],
    "municipality": [("ortools-mcf", "optimal"), ("stable-lib", "stable"), ("stable-lib-game", "stable")],
    "region": [("ortools-mcf", "optimal"), ("stable-lib", "stable")],
}
QUICK_SKIP = {("municipality", "stable-lib-game")}  # ~5 min: not a smoke check
SHORT_S, SHORT_RUNS = 2.0, 5  # a command faster than SHORT_S runs SHORT_RUNS times (median reported)


# --------------------------------------------------------------------------
# Running one command, measured from outside
# --------------------------------------------------------------------------
@dataclass
class Run:
    cmd: list
    rc: int | None = None
    wall_s: float | None = None
    peak_rss_mb: float | None = None
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""


def run_measured(cmd, log_base: str, timeout: float, env=None) -> Run:
    """Run cmd alone; wall time from fork to exit, peak RSS from os.wait4."""
    r = Run([str(c) for c in cmd])
    out_path, err_path = log_base + ".out", log_base + ".err"
    with open(out_path, "wb") as fo, open(err_path, "wb") as fe:
        t0 = time.perf_counter()
        p = subprocess.Popen(r.cmd, stdout=fo, stderr=fe, env=env, cwd=ROOT, start_new_session=True)

        def kill():
            r.timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        r.wall_s = time.perf_counter() - t0
    r.rc = os.waitstatus_to_exitcode(status)
    p.returncode = r.rc  # reaped here, so Popen must not wait for it again
    r.peak_rss_mb = ru.ru_maxrss / 1024  # Linux: KiB
    with open(out_path, encoding="utf-8", errors="replace") as f:
        r.stdout = f.read()
    with open(err_path, encoding="utf-8", errors="replace") as f:
        r.stderr = f.read()
    return r


def stats_fields(text: str, prefix: str) -> dict:
    """key=value pairs of the last line that starts with `prefix` (e.g. 'stats ', 'peer ')."""
    for line in reversed(text.splitlines()):
        if line.startswith(prefix):
            return dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
    return {}


# --------------------------------------------------------------------------
# Reference totals
# --------------------------------------------------------------------------
def read_reference():
    """Named: {instance: {'optimal': T, 'stable': T}}; tiny: {'tiny-NN': {...}}."""
    named, tiny = {}, {}
    cols = None
    with open(REFERENCE, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not line.startswith("|") or len(cells) < 2:
                continue
            if cells[0] == "tiny":
                cols = cells[1:]
            elif cells[0] in ("optimal", "stable") and cols:
                for c, v in zip(cols, cells[1:]):
                    tiny.setdefault(f"tiny-{c}", {})[cells[0]] = int(v)
            elif cells[0] in INSTANCES:
                named[cells[0]] = {"optimal": int(cells[1].replace(",", "")),
                                   "stable": int(cells[2].replace(",", ""))}
    return named, tiny


# --------------------------------------------------------------------------
# Steps
# --------------------------------------------------------------------------
def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def generate(names, tiny_names) -> None:
    missing = [n for n in names if not os.path.exists(os.path.join(OUT, n + ".nmi"))]
    need_tiny = any(not os.path.exists(os.path.join(OUT, t + ".nmi")) for t in tiny_names)
    if not missing and not need_tiny:
        say(f"instances: all present in {OUT}")
        return
    cmd = [sys.executable, GEN, "--out", OUT, *missing] + (["--tiny"] if need_tiny else [])
    say("generating: " + " ".join(missing + (["--tiny"] if need_tiny else [])))
    subprocess.run(cmd, check=True, cwd=ROOT)


def build(skip: bool) -> None:
    if not skip:
        say("building: cargo build --release -p nastavnik")
        subprocess.run(["cargo", "build", "--release", "-p", "nastavnik"], check=True, cwd=ROOT)
    if not os.path.exists(BUILT):
        sys.exit(f"{BUILT} does not exist (drop --skip-build)")
    os.makedirs(os.path.dirname(BIN), exist_ok=True)
    shutil.copy2(BUILT, BIN + ".tmp")
    os.replace(BIN + ".tmp", BIN)
    probe = subprocess.run([BIN, "match", "--help"], capture_output=True, cwd=ROOT)
    if probe.returncode != 0:
        sys.exit(f"{BIN} match --help failed: is the `match` subcommand there?\n{probe.stderr.decode()}")


def nastavnik_env(threads: int | None) -> dict:
    env = dict(os.environ)
    env.pop("NASTAVNIK_THREADS", None)
    if threads is not None:
        env["NASTAVNIK_THREADS"] = str(threads)
    return env


def nastavnik_cmd(inst_path: str, algorithm: str, sol: str) -> list:
    cmd = [BIN, "match", "--instance", inst_path, "--algorithm", algorithm, "--out", sol, "--stats"]
    if algorithm == "optimal":
        cmd += ["--objective", "score"]
    return cmd


def check_inprocess(args) -> tuple[bool, str]:
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no __pycache__ in bench/matching
    import check  # noqa: PLC0415  (check.py beside this file)

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = check.main(args)
    return rc == 0, (out.getvalue() + err.getvalue()).strip()


def tiny_suite(tiny_ref: dict, timeout: float, logs: str) -> dict:
    """nastavnik on every tiny instance, both algorithms, totals against REFERENCE.md."""
    res = {"stable": [0, 0], "optimal": [0, 0], "failures": []}
    for name, ref in sorted(tiny_ref.items()):
        inst = os.path.join(OUT, name + ".nmi")
        for algo in ("stable", "optimal"):
            sol = os.path.join(OUT, "solutions", f"{name}.{algo}.nastavnik.nms")
            r = run_measured(nastavnik_cmd(inst, algo, sol), os.path.join(logs, f"{name}.{algo}"), timeout,
                             nastavnik_env(None))
            res[algo][1] += 1
            if r.rc != 0:
                res["failures"].append(f"{name} {algo}: exit {r.rc}: {r.stderr.strip()[:200]}")
                continue
            ok, msg = check_inprocess([inst, sol, "--expect-total", str(ref[algo])])
            if ok:
                res[algo][0] += 1
            else:
                res["failures"].append(f"{name} {algo}: {msg[:300]}")
    return res


@dataclass
class Row:
    instance: str
    algorithm: str
    tool: str
    status: str = "ok"          # ok | timeout | unsupported | error
    parse_s: float | None = None
    solve_s: float | None = None
    wall_s: float | None = None
    peak_rss_mb: float | None = None
    total: int | None = None
    check: str = ""
    solution: str = ""
    note: str = ""
    base: bool = False          # nastavnik with the default threads: the ratio's denominator
    runs: int = 1               # how many times it ran (the median run is reported)
    cmd: list = field(default_factory=list)


def record(row: Row, r: Run, prefix: str, timeout: float) -> Row:
    row.cmd = r.cmd
    row.wall_s, row.peak_rss_mb = r.wall_s, r.peak_rss_mb
    if r.timed_out:
        row.status, row.check = "timeout", "timeout"
        row.note = f"killed after {timeout:.0f} s"
        return row
    if r.rc == 3:
        row.status, row.check = "unsupported", "—"
        row.note = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "unsupported"
        return row
    if r.rc != 0:
        row.status, row.check = "error", "FAIL"
        if r.rc < 0:
            row.note = f"killed by {signal.Signals(-r.rc).name} (not by the runner)"
        else:
            row.note = f"exit {r.rc}: " + (r.stderr.strip().splitlines() or [""])[-1][:200]
        return row
    st = stats_fields(r.stderr if prefix == "stats " else r.stdout, prefix)
    row.parse_s = float(st["parse_s"]) if "parse_s" in st else None
    row.solve_s = float(st["solve_s"]) if "solve_s" in st else None
    if "threads" in st:
        row.note = f"threads={st['threads']}"
    return row


def validate(row: Row, inst_path: str, expect: int | None, ref_sol: str | None, timeout: float, logs: str) -> None:
    if row.status != "ok":
        return
    cmd = [sys.executable, CHECK, inst_path, row.solution]
    if expect is not None:
        cmd += ["--expect-total", str(expect)]
    if ref_sol and row.algorithm == "stable" and os.path.exists(ref_sol) and ref_sol != row.solution:
        cmd += ["--reference", ref_sol]
    base = os.path.join(logs, f"check.{os.path.basename(row.solution)}")
    r = run_measured(cmd, base, timeout)
    m = re.search(r"total=(\d+)", r.stdout)
    if m:
        row.total = int(m.group(1))
    if r.timed_out:
        row.check = "check timeout"
    elif r.rc == 0:
        row.check = "OK"
    else:
        row.check = "FAIL"
        msg = (r.stderr.strip().splitlines() or [""])[0]
        row.note = (row.note + "; " if row.note else "") + msg[:200]


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------
def fmt_s(x) -> str:
    if x is None:
        return "—"
    return f"{x:.3f}" if x < 10 else f"{x:.2f}" if x < 100 else f"{x:.1f}"


def fmt_ratio(x: float) -> str:
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 1 else f"{x:.2g}"


def table(rows: list[Row], timeout: float) -> str:
    base = {(r.instance, r.algorithm): r.wall_s for r in rows if r.base and r.status == "ok"}
    base_out = {(r.instance, r.algorithm) for r in rows if r.base and r.status == "timeout"}
    head = ("| instance | algorithm | tool | parse s | solve s | wall s | peak RSS MB | total | check "
            "| wall / nastavnik |")
    lines = [head, "|---|---|---|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        if r.status == "timeout":
            wall, ratio = f"> {timeout:.0f}", "—"
            b = base.get((r.instance, r.algorithm))
            if b:
                ratio = "> " + fmt_ratio(timeout / b)
        else:
            wall = fmt_s(r.wall_s)
            b = base.get((r.instance, r.algorithm))
            ratio = "1" if r.base and b else (fmt_ratio(r.wall_s / b) if b and r.wall_s and r.status == "ok" else "—")
            if not b and (r.instance, r.algorithm) in base_out and r.status == "ok":
                ratio = "< " + fmt_ratio(r.wall_s / timeout)  # nastavnik ran out of time
        rss = f"{r.peak_rss_mb:.0f}" if r.peak_rss_mb is not None and r.status in ("ok", "timeout") else "—"
        total = f"{r.total:,}" if r.total is not None else "—"
        check = r.check if r.status != "unsupported" else "unsupported"
        lines.append(f"| {r.instance} | {r.algorithm} | {r.tool} | {fmt_s(r.parse_s)} | {fmt_s(r.solve_s)} "
                     f"| {wall} | {rss} | {total} | {check} | {ratio} |")
    return "\n".join(lines)


def environment() -> dict:
    env = {"date_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), "python": platform.python_version()}
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            env["cpu"] = m.group(1) if m else "?"
    env["cores"] = os.cpu_count()
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/meminfo") as f:
            env["mem_gb"] = round(int(f.readline().split()[1]) / 2**20, 1)
    for key, cmd in (("commit", ["git", "rev-parse", "--short", "HEAD"]), ("rustc", ["rustc", "--version"])):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            env[key] = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, check=True, cwd=ROOT).stdout.strip()
        if dirty and "commit" in env:
            env["commit"] += " (with uncommitted changes)"
    if os.path.exists(BIN):
        import hashlib  # noqa: PLC0415

        with open(BIN, "rb") as f:
            env["nastavnik_sha256"] = hashlib.sha256(f.read()).hexdigest()[:16]
    from importlib import metadata

    pkgs = []
    for p in ("numpy", "scipy", "ortools", "matching"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            pkgs.append(f"{p} {metadata.version(p)}")
    env["packages"] = ", ".join(pkgs)
    return env


def report(rows, tiny, env, args, instances) -> str:
    md = ["# Matching benchmark results", ""]
    md.append(f"{env.get('date_utc')} UTC; {env.get('cpu', '?')}, {env.get('cores')} cores, "
              f"{env.get('mem_gb', '?')} GB; commit {env.get('commit', '?')}; {env.get('rustc', '')}; "
              f"nastavnik binary sha256 {env.get('nastavnik_sha256', '—')}…; "
              f"Python {env.get('python')} with {env.get('packages')}.")
    md.append("")
    md.append(f"Command: `{' '.join(['./bench/matching/run.sh'] + args.argv)}`; instances: "
              + ", ".join(instances) + f" (gen.py, seed 2024); timeout {args.timeout:.0f} s per command.")
    md.append("")
    if tiny is not None:
        s, o = tiny["stable"], tiny["optimal"]
        md.append(f"Tiny suite (nastavnik, totals against REFERENCE.md): stable {s[0]}/{s[1]} OK, "
                  f"optimal {o[0]}/{o[1]} OK." + ("" if not tiny["failures"] else
                                                  " Failures: " + "; ".join(tiny["failures"][:10])))
        md.append("")
    md.append(table(rows, args.timeout))
    md.append("")
    md.append("- **wall s**: the whole process, fork to exit, measured by the runner (includes the Python "
              "interpreter's start and library imports for the peers). **peak RSS MB**: `ru_maxrss` of the "
              "child from `os.wait4`. **parse s / solve s**: as each tool reports them (`nastavnik --stats`, "
              "the `peer` line of peers.py); a peer's solve includes building the library's input and reading "
              "its answer back.")
    md.append(f"- A command that takes under {SHORT_S:g} s runs {SHORT_RUNS} times and the run with the median "
              "wall time is reported (its parse/solve/RSS too); longer ones run once.")
    md.append("- **wall / nastavnik**: this row's wall time over `nastavnik match` with the default threads "
              "on the same instance and algorithm.")
    md.append("- **check**: `check.py INSTANCE SOLUTION --expect-total <REFERENCE.md total>` (stable mode also "
              "requires 0 blocking pairs, and a peer's stable solution must have exactly nastavnik's pairs: "
              "`--reference`).")
    md.append("- Peers (peers.py): scipy-lsa = `scipy.optimize.linear_sum_assignment`; ortools-lsa = OR-Tools "
              "`SimpleLinearSumAssignment`; ortools-mcf = OR-Tools `SimpleMinCostFlow`; stable-lib = PyPI "
              "`matching` 1.4.3 hospital-resident algorithm (resident-optimal) on its Player/Hospital objects; "
              "stable-lib-game = the same through `HospitalResident.create_from_dictionaries(...).solve()`, "
              "whose input checks scan hospitals × residents × preference lists.")
    notes = [r for r in rows if r.note and r.status != "ok" or (r.check == "FAIL")]
    if notes:
        md.append("")
        md.append("Notes:")
        for r in notes:
            md.append(f"- {r.instance} {r.algorithm} {r.tool}: {r.note}")
    return "\n".join(md) + "\n"


# --------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="school and municipality only (smoke check)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per command (default 600)")
    ap.add_argument("--skip-build", action="store_true", help="use the existing target/release/nastavnik")
    ap.add_argument("--peers-only", action="store_true", help="do not build or run nastavnik")
    ap.add_argument("--instances", nargs="+", choices=INSTANCES, help="run only these instances")
    args = ap.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)

    instances = args.instances or (QUICK_INSTANCES if args.quick else INSTANCES)
    named_ref, tiny_ref = read_reference()
    os.makedirs(os.path.join(OUT, "solutions"), exist_ok=True)
    logs = os.path.join(OUT, "logs")
    os.makedirs(logs, exist_ok=True)

    generate(instances, list(tiny_ref))
    tiny = None
    if not args.peers_only:
        build(args.skip_build)
        say("tiny suite ...")
        tiny = tiny_suite(tiny_ref, args.timeout, logs)
        say(f"tiny suite: stable {tiny['stable'][0]}/{tiny['stable'][1]}, "
            f"optimal {tiny['optimal'][0]}/{tiny['optimal'][1]}")

    rows: list[Row] = []
    for name in instances:
        inst_path = os.path.join(OUT, name + ".nmi")
        ref = named_ref.get(name, {})
        nast_stable = os.path.join(OUT, "solutions", f"{name}.stable.nastavnik.nms")
        todo = []  # (row, command, env, stats prefix)
        nast_ok = False
        if not args.peers_only:
            for algo in ("stable", "optimal"):
                for threads, label in ((None, "nastavnik"), (1, "nastavnik (1 thread)")):
                    tag = "nastavnik" if threads is None else "nastavnik-1t"
                    sol = os.path.join(OUT, "solutions", f"{name}.{algo}.{tag}.nms")
                    todo.append((Row(name, algo, label, solution=sol, base=threads is None),
                                 nastavnik_cmd(inst_path, algo, sol),
                                 nastavnik_env(threads), "stats "))
        for solver, algo in PEER_PLAN[name]:
            if args.quick and (name, solver) in QUICK_SKIP:
                continue
            sol = os.path.join(OUT, "solutions", f"{name}.{algo}.{solver}.nms")
            todo.append((Row(name, algo, solver, solution=sol),
                         [sys.executable, PEERS, solver, "--instance", inst_path, "--out", sol], None, "peer "))
        base_timed_out = set()
        for row, cmd, env, prefix in todo:
            with contextlib.suppress(FileNotFoundError):
                os.remove(row.solution)
            if row.tool.startswith("nastavnik") and not row.base and row.algorithm in base_timed_out:
                row.status, row.check = "skipped", "—"
                row.note = "skipped: the run with the default threads timed out"
                rows.append(row)
                continue
            say(f"{name:16s} {row.algorithm:8s} {row.tool:22s} ...")
            log = os.path.join(logs, os.path.basename(row.solution))
            r = run_measured(cmd, log, args.timeout, env)
            if r.rc == 0 and not r.timed_out and r.wall_s < SHORT_S:
                # short commands are noisy: run SHORT_RUNS times, keep the median run
                runs = [r] + [run_measured(cmd, log, args.timeout, env) for _ in range(SHORT_RUNS - 1)]
                if all(x.rc == 0 and not x.timed_out for x in runs):
                    r = sorted(runs, key=lambda x: x.wall_s)[SHORT_RUNS // 2]
                    row.runs = SHORT_RUNS
            record(row, r, prefix, args.timeout)
            validate(row, inst_path, ref.get(row.algorithm), nast_stable if nast_ok else None, args.timeout, logs)
            if row.base and row.algorithm == "stable" and row.check == "OK":
                nast_ok = True  # later stable solutions must have exactly these pairs
            if row.base and row.status == "timeout":
                base_timed_out.add(row.algorithm)
            if row.base and row.status == "ok":
                t = stats_fields(r.stderr, "stats ").get("threads")
                if t:
                    row.tool = f"nastavnik ({t} thread{'' if t == '1' else 's'})"
            say(f"{'':16s} {'':8s} {'':22s} wall={fmt_s(row.wall_s)} s rss={row.peak_rss_mb or 0:.0f} MB "
                f"total={row.total} check={row.check or row.status} {row.note}")
            rows.append(row)

    env = environment()
    md = report(rows, tiny, env, args, instances)
    with open(os.path.join(OUT, "results.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(OUT, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"environment": env, "tiny": tiny, "rows": [asdict(r) for r in rows]}, f, indent=1)
    print(md)
    failed = [r for r in rows if r.check == "FAIL" or r.status == "error"]
    if tiny and tiny["failures"]:
        failed.append(tiny)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
