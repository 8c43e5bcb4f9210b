#!/usr/bin/env python3
"""The pairing round's page and the head's approval, as the curator and the head meet them.

    bench/pairing.py [--backend sqlite|postgres] [--scale school|region] [--runs 30] [--bin PATH]

With --scale region the region demo is seeded instead, and its large school (600 mentees
waiting, 300 mentors) is measured: its curator starts a round; beside the page, the
engine's own command on the same data (`nastavnik round-file` writes the round as the
engine's problem file, `nastavnik match` solves it) is timed, and the product's overhead
over the engine printed (target ≤ 2×); then the head approves the whole proposal (target
≤ 2 s for 300 pairs and groups). Before that, the municipal methodist of the region's
largest municipality (the one with the large school) runs the municipal virtual round
(R3.4) over its schools' people ready for virtual mentoring (target ≤ 5 s per page), beside
the engine's `match` on the same problem, sends it, and the large school's head approves
the part of it that came to the school.

1. a fresh database (SQLite: /tmp/nastavnik-pairing.db; PostgreSQL: database
   nastavnik_pairing on 127.0.0.1:5432), `nastavnik demo`: the demo school with its first
   round approved and a second round open over the mentees still waiting;
2. `nastavnik serve` on 127.0.0.1:18090;
3. the curator opens the open round's page --runs times: the bases read into profiles,
   scored, solved and the page rendered, each time (p50, p99, max; target ≤ 300 ms);
4. the curator sends it, the head approves it: the consent re-check, the order's number,
   DOCX and PDF, the pairs, the bases and the notices in one transaction (target for 300
   pairs ≤ 2 s; the demo's round is small, so this is the fixed cost of an order).

Standard library only; reuses bench/import_stall.py's client.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_stall import Client, server_binary, start_server, stats  # noqa: E402


def fresh_database(backend):
    if backend == "sqlite":
        path = "/tmp/nastavnik-pairing.db"
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return f"sqlite:{path}"
    for sql in ("DROP DATABASE IF EXISTS nastavnik_pairing", "CREATE DATABASE nastavnik_pairing"):
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)
    return "postgres://postgres@127.0.0.1:5432/nastavnik_pairing"


def timed_ms(fn):
    t = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t) * 1000, result


def match_samples(args, binary, problem, solution):
    """The engine's own `match` on a problem file, whole process, --runs/3 runs (at least 3)."""
    samples = []
    for _ in range(max(3, args.runs // 3)):
        ms, _ = timed_ms(lambda: subprocess.run(
            [binary, "match", "--instance", problem, "--algorithm", "optimal", "--objective", "score", "--out", solution],
            check=True, capture_output=True,
        ))
        samples.append(ms)
    print(stats("engine `match`, same data", samples))
    return samples


def engine(args, binary, env, open_round):
    """The engine's own `match` on the round's problem, median wall time of --runs/3 runs."""
    lines = subprocess.run([binary, "org", "list"], env=env, check=True, capture_output=True, text=True).stdout
    # The large school is the region's third school (`org list` sorts by name, not by id).
    schools = sorted(int(l.split()[0]) for l in lines.splitlines() if l.split()[1:2] == ["school"])
    problem, solution = "/tmp/nastavnik-round.txt", "/tmp/nastavnik-round-solution.txt"
    out = subprocess.run(
        [binary, "round-file", "--org", str(schools[2]), "--round", str(open_round), "--out", problem],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()
    print(out.splitlines()[0])
    propose_ms = float(re.search(r"propose on the profiles: ([0-9.]+) ms", out).group(1))
    print(f"{'engine propose on the profiles':<34} {propose_ms:7.1f} ms")
    samples = match_samples(args, binary, problem, solution)
    return statistics.median(samples), propose_ms


def municipal(args, binary, env):
    """The methodist's municipal virtual round: page p50/p99, the engine beside it, sending."""
    methodist, head = Client(), Client()
    methodist.login("methodist")
    head.login("head3")
    token = methodist.csrf("/pairing")
    status, _, headers = methodist.post("/pairing", {"_csrf": token})
    if status != 303:
        sys.exit(f"municipal start: {status}")
    _, rounds, _ = methodist.get("/pairing")
    round_id = max(int(x) for x in re.findall(r'href="/pairing/(\d+)"', rounds))
    samples = []
    for _ in range(max(3, args.runs // 3)):
        ms, (status, page, _) = timed_ms(lambda: methodist.get(f"/pairing/{round_id}"))
        if status != 200:
            sys.exit(f"municipal round page: {status}")
        samples.append(ms)
    counts = re.search(r"наставляемых — (\d+), наставников — (\d+)\.", page)
    size = f"{counts.group(1)}×{counts.group(2)}, " if counts else ""
    pairs = len(re.findall(r'name="kind" value="pin"', page)) - 1
    print(stats(f"municipal round page ({size}{pairs} proposed)", samples))
    lines = subprocess.run([binary, "org", "list"], env=env, check=True, capture_output=True, text=True).stdout
    municipality = min(int(l.split()[0]) for l in lines.splitlines() if l.split()[1:2] == ["municipality"])
    problem, solution = "/tmp/nastavnik-municipal.txt", "/tmp/nastavnik-municipal-solution.txt"
    subprocess.run(
        [binary, "round-file", "--org", str(municipality), "--round", str(round_id), "--out", problem],
        env=env, check=True, capture_output=True, text=True,
    )
    match_samples(args, binary, problem, solution)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    token = methodist.csrf(f"/pairing/{round_id}")
    ms, (status, _, _) = timed_ms(lambda: methodist.post(f"/pairing/{round_id}/send", {"_csrf": token, "version": version}))
    if status != 303:
        sys.exit(f"municipal send: {status}")
    _, sent, _ = methodist.get(f"/pairing/{round_id}")
    schools = len(re.findall(r"<tr><td>[^<]+</td><td class=\"num\">", sent))
    print(f"{f'sending to {schools} schools':<34} {ms:7.1f} ms")
    _, rounds, _ = head.get("/pairing")
    part = re.search(r'href="/pairing/(\d+)">№ \d+</a><br><span class="hint">', rounds)
    if part:
        token = head.csrf(f"/pairing/{part.group(1)}")
        ms, (status, _, _) = timed_ms(lambda: head.post(f"/pairing/{part.group(1)}/approve", {"_csrf": token}))
        if status != 303:
            sys.exit(f"municipal part approve: {status}")
        print(f"{'its part approved at the school':<34} {ms:7.1f} ms")
    return statistics.median(samples)


def run(args, binary=None, env=None):
    curator, head = Client(), Client()
    region = args.scale == "region"
    curator.login("curator3" if region else "curator")
    head.login("head3" if region else "head")
    if region:
        municipal(args, binary, env)
        token = curator.csrf("/pairing")
        status, _, headers = curator.post("/pairing", {"_csrf": token})
        if status != 303:
            sys.exit(f"start: {status}")
    _, rounds, _ = curator.get("/pairing")
    ids = [int(x) for x in re.findall(r'href="/pairing/(\d+)"', rounds)]
    open_round = max(ids)
    samples = []
    for _ in range(args.runs):
        ms, (status, page, _) = timed_ms(lambda: curator.get(f"/pairing/{open_round}"))
        if status != 200:
            sys.exit(f"round page: {status}")
        samples.append(ms)
    pairs = len(re.findall(r'name="kind" value="pin"', page)) - 1
    print(stats(f"round page ({pairs} proposed, {len(page) // 1024} KB)", samples))
    if region:
        match_ms, propose_ms = engine(args, binary, env, open_round)
        page_ms = statistics.median(samples)
        print(f"{'page over `match`':<34} {page_ms / match_ms:7.2f}×")
        print(f"{'page over engine propose':<34} {page_ms / propose_ms:7.2f}×")
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    token = curator.csrf(f"/pairing/{open_round}")
    status, _, _ = curator.post(f"/pairing/{open_round}/send", {"_csrf": token, "version": version})
    if status != 303:
        sys.exit(f"send: {status}")
    token = head.csrf(f"/pairing/{open_round}")
    ms, (status, _, _) = timed_ms(lambda: head.post(f"/pairing/{open_round}/approve", {"_csrf": token}))
    if status != 303:
        sys.exit(f"approve: {status}")
    _, approved, _ = head.get(f"/pairing/{open_round}")
    groups = len(set(re.findall(r"<tr><td>([^<]+)(?:<br>|</td>)", approved)))
    print(f"{f'approval, {groups} pairs/groups, DOCX+PDF':<34} {ms:7.1f} ms")
    return statistics.median(samples), ms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--scale", choices=["school", "region"], default="school")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--bin")
    args = ap.parse_args()
    binary = server_binary(args.bin)
    env = dict(os.environ, NASTAVNIK_DATABASE_URL=fresh_database(args.backend), NASTAVNIK_LOG="warn")
    t = time.perf_counter()
    subprocess.run([binary, "demo", "--scale", args.scale], env=env, check=True, stdout=subprocess.DEVNULL)
    seeded = time.perf_counter() - t
    server = start_server(binary, env)
    try:
        print(f"backend: {args.backend}, scale: {args.scale} (seeded in {seeded:.1f} s)")
        run(args, binary, env)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
