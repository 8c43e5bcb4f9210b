#!/usr/bin/env python3
"""Peer solvers for the Nastavnik matching benchmark: what an analyst would otherwise use.

    python3 peers.py SOLVER --instance FILE.nmi --out FILE.nms

One solver per run. Each reads the instance file itself (FORMAT.md, beside this
file) and writes a solution file in FORMAT.md's solution format, then prints one
line on stdout:

    peer solver=NAME parse_s=X solve_s=Y write_s=Z total_s=T peak_rss_mb=R

parse_s: the whole file from disk into numpy arrays (np.fromstring over the entire
body, the fastest straightforward numpy reader: faster than np.loadtxt and
np.fromfile here); solve_s: building the library's input, solving, and reading its
result back; write_s: writing the solution file. total_s is their sum; library
imports happen before the clock starts (the runner measures the whole process from
outside as well).

Solvers (each a tool a school or municipality analyst might pick):

  scipy-lsa    scipy.optimize.linear_sum_assignment(maximize=True) on the dense score
               matrix. Dense instances with every capacity 1 only. Mode optimal.
  ortools-lsa  ortools SimpleLinearSumAssignment with cost = 1000 - score; the matrix
               is padded to a square with score-0 dummies when N != M (the solver
               needs a perfect matching). Dense, every capacity 1. Mode optimal.
  ortools-mcf  ortools SimpleMinCostFlow on source -> mentee (cap 1, cost 0) ->
               mentor (cap 1, cost -score) -> sink (cap c_j), plus a source -> sink
               bypass (cap N, cost 0); supply N. Any instance. Mode optimal.
  stable-lib   the PyPI `matching` package (HospitalResident algorithm, resident-
               optimal): mentees are residents, mentors hospitals with capacities.
               Any instance. Mode stable. Calls the library's algorithm
               (matching.algorithms.hospital_resident) on its own Player/Hospital
               objects; see stable-lib-game for why.
  stable-lib-game  the same library through its documented front door,
               HospitalResident.create_from_dictionaries(...).solve("resident").
               Its constructor deep-copies every player and runs input checks that
               scan all hospitals x all residents x each preference list
               (O(M * N * degree) list searches): 2 s on school, ~280 s on
               municipality (the algorithm itself: ~7 s), and by the same count
               ~180 times that, many hours, on region.

Exit status: 0 solved, 1 error (bad file, solver failure), 2 bad usage,
3 the solver does not support this kind of instance.
Needs numpy; scipy, ortools or matching==1.4.3 for the solver in use.

The reader checks what it relies on (header, token counts, mentor ids, capacities,
id and score ranges) but not everything check.py validates (duplicate candidates,
rank permutations): the files come from gen.py.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from dataclasses import dataclass

import numpy as np

MAGIC = b"nastavnik-match"
MAX_SCORE = 1000
SOLVERS = ("scipy-lsa", "ortools-lsa", "ortools-mcf", "stable-lib", "stable-lib-game")


class PeerError(Exception):
    pass


class Unsupported(Exception):
    pass


# --------------------------------------------------------------------------
# Reading the instance
# --------------------------------------------------------------------------
@dataclass
class Instance:
    layout: str
    prefs: str
    n: int
    m: int
    e: int
    cap: np.ndarray                    # int64, per mentor
    mentee: np.ndarray | None          # sparse: per candidate (int32)
    mentor: np.ndarray | None
    score: np.ndarray | None
    mentee_rank: np.ndarray | None     # sparse ranks only
    mentor_rank: np.ndarray | None
    dense: np.ndarray | None           # dense: (1 or 3, n, m) int32 = scores, mentee ranks, mentor ranks

    def edges(self):
        """(mentee, mentor, score, mentee_rank, mentor_rank) per candidate, dense expanded."""
        if self.layout == "sparse":
            return self.mentee, self.mentor, self.score, self.mentee_rank, self.mentor_rank
        n, m = self.n, self.m
        mentee = np.repeat(np.arange(n, dtype=np.int32), m)
        mentor = np.tile(np.arange(m, dtype=np.int32), n)
        ranks = (self.dense[1].ravel(), self.dense[2].ravel()) if self.prefs == "ranks" else (None, None)
        return mentee, mentor, self.dense[0].ravel(), ranks[0], ranks[1]


def read_instance(path: str) -> Instance:
    with open(path, "rb") as f:
        line_no = 0
        while True:
            line = f.readline()
            line_no += 1
            if not line:
                raise PeerError(f"{path}: no header line")
            s = line.strip()
            if s and not s.startswith(b"#"):
                break
        body = f.read()  # the rest of the file: every number after the header
    toks = line.split()
    if len(toks) != 7 or toks[0] != MAGIC or toks[1] != b"1":
        raise PeerError(f"{path}:line {line_no}: not a 'nastavnik-match 1' header")
    layout, prefs = toks[2].decode(), toks[3].decode()
    if layout not in ("sparse", "dense") or prefs not in ("ranks", "scores"):
        raise PeerError(f"{path}:line {line_no}: bad layout or preferences")
    n, m, e = (int(t) for t in toks[4:])
    if n < 1 or m < 1 or (layout == "dense" and e != n * m):
        raise PeerError(f"{path}:line {line_no}: bad counts")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a malformed token only shortens the array
        vals = np.fromstring(body, dtype=np.int32, sep=" ")
    del body
    width = 5 if prefs == "ranks" else 3
    mats = 3 if prefs == "ranks" else 1
    need = 2 * m + (e * width if layout == "sparse" else mats * n * m)
    if vals.size != need:
        raise PeerError(f"{path}: expected {need} integers after the header, read {vals.size}")
    mt = vals[: 2 * m].reshape(m, 2)
    if not np.array_equal(mt[:, 0], np.arange(m, dtype=np.int32)):
        raise PeerError(f"{path}: mentor lines must list ids 0..{m - 1} in order")
    cap = mt[:, 1].astype(np.int64)
    if (cap < 0).any():
        raise PeerError(f"{path}: negative capacity")
    rest = vals[2 * m :]
    if layout == "sparse":
        ed = rest.reshape(e, width)
        mentee, mentor, score = ed[:, 0].copy(), ed[:, 1].copy(), ed[:, 2].copy()
        mr, rr = (ed[:, 3].copy(), ed[:, 4].copy()) if prefs == "ranks" else (None, None)
        del ed, rest, vals
        if e and (mentee.min() < 0 or mentee.max() >= n or mentor.min() < 0 or mentor.max() >= m):
            raise PeerError(f"{path}: mentee or mentor id out of range")
        if e and (mentee[1:] < mentee[:-1]).any():
            raise PeerError(f"{path}: candidates not grouped by mentee")
        if e and (score.min() < 0 or score.max() > MAX_SCORE):
            raise PeerError(f"{path}: score out of range 0..{MAX_SCORE}")
        return Instance(layout, prefs, n, m, e, cap, mentee, mentor, score, mr, rr, None)
    dense = rest.reshape(mats, n, m)
    if dense[0].min() < 0 or dense[0].max() > MAX_SCORE:
        raise PeerError(f"{path}: score out of range 0..{MAX_SCORE}")
    return Instance(layout, prefs, n, m, e, cap, None, None, None, None, None, dense)


# --------------------------------------------------------------------------
# Writing the solution
# --------------------------------------------------------------------------
def format_ints(values: np.ndarray, per_line: int) -> bytes:
    """Non-negative integers as decimal text, `per_line` per line, single spaces."""
    v = np.ascontiguousarray(values, dtype=np.int64).ravel()
    if len(v) == 0:
        return b""
    digits = np.ones(len(v), dtype=np.int64)
    t = v // 10
    while t.any():
        digits += t > 0
        t //= 10
    ends = np.cumsum(digits + 1)
    buf = np.empty(int(ends[-1]), dtype=np.uint8)
    sep = ends - 1
    buf[sep] = ord(" ")
    buf[sep[per_line - 1 :: per_line]] = ord("\n")
    pos = sep - 1
    while len(v):
        buf[pos] = ord("0") + v % 10
        v = v // 10
        more = v > 0
        v, pos = v[more], pos[more] - 1
    return buf.tobytes()


def write_solution(path: str, inst: Instance, mode: str, solver: str,
                   mentee: np.ndarray, mentor: np.ndarray, score: np.ndarray) -> int:
    order = np.argsort(mentee, kind="stable")
    mentee, mentor, score = (np.asarray(a, dtype=np.int64)[order] for a in (mentee, mentor, score))
    if len(mentee) and (mentee[1:] == mentee[:-1]).any():
        raise PeerError(f"{solver}: a mentee got two mentors")
    matched = np.zeros(inst.n, dtype=bool)
    matched[mentee] = True
    unmatched = np.flatnonzero(~matched)
    total = int(score.sum())
    with open(path, "wb") as f:
        f.write(f"# peers.py {solver}\n".encode())
        f.write(f"nastavnik-solution 1 {mode} {inst.n} {inst.m} {len(mentee)} {len(unmatched)} {total}\n".encode())
        f.write(format_ints(np.column_stack([mentee, mentor, score]), 3))
        f.write(format_ints(unmatched, 1))
    return total


# --------------------------------------------------------------------------
# Solvers: each returns (mode, mentee, mentor, score) of its pairs
# --------------------------------------------------------------------------
def need_dense_unit(inst: Instance, solver: str) -> None:
    if inst.layout != "dense":
        raise Unsupported(f"{solver} needs a dense instance (a full score matrix); this one is sparse")
    if (inst.cap != 1).any():
        raise Unsupported(f"{solver} needs every capacity to be 1 (one-to-one assignment); "
                          f"this instance has capacities {int(inst.cap.min())}..{int(inst.cap.max())}")


def solve_scipy_lsa(inst: Instance, lib):
    need_dense_unit(inst, "scipy-lsa")
    s = inst.dense[0]
    rows, cols = lib.linear_sum_assignment(s, maximize=True)
    return "optimal", rows, cols, s[rows, cols]


def solve_ortools_lsa(inst: Instance, lib):
    need_dense_unit(inst, "ortools-lsa")
    n, m = inst.n, inst.m
    k = max(n, m)  # the solver wants a perfect matching: pad to k x k with score-0 dummies
    cost = np.full((k, k), MAX_SCORE, dtype=np.int64)
    cost[:n, :m] = MAX_SCORE - inst.dense[0]
    tails = np.repeat(np.arange(k, dtype=np.int32), k)
    heads = np.tile(np.arange(k, dtype=np.int32), k)
    a = lib.SimpleLinearSumAssignment()
    a.add_arcs_with_cost(tails, heads, cost.ravel())
    del cost, tails, heads
    status = a.solve()
    if status != a.OPTIMAL:
        raise PeerError(f"ortools-lsa: solver status {status}")
    rows = np.arange(n)
    cols = np.fromiter((a.right_mate(i) for i in range(n)), dtype=np.int64, count=n)
    real = cols < m
    rows, cols = rows[real], cols[real]
    return "optimal", rows, cols, inst.dense[0][rows, cols]


def solve_ortools_mcf(inst: Instance, lib):
    n, m = inst.n, inst.m
    mentee, mentor, score, _, _ = inst.edges()
    e = len(mentee)
    src, sink = n + m, n + m + 1
    # Arcs: [0, e) mentee -> mentor; then source -> mentee, mentor -> sink, the bypass.
    deg = np.bincount(mentor, minlength=m)
    tails = np.concatenate([mentee.astype(np.int32), np.full(n, src, np.int32),
                            np.arange(n, n + m, dtype=np.int32), np.array([src], np.int32)])
    heads = np.concatenate([(mentor + n).astype(np.int32), np.arange(n, dtype=np.int32),
                            np.full(m, sink, np.int32), np.array([sink], np.int32)])
    caps = np.concatenate([np.ones(e, np.int64), np.ones(n, np.int64),
                           np.minimum(inst.cap, deg), np.array([n], np.int64)])
    costs = np.concatenate([-score.astype(np.int64), np.zeros(n + m + 1, np.int64)])
    f = lib.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    del tails, heads, caps, costs
    f.set_nodes_supplies(np.array([src, sink], np.int32), np.array([n, -n], np.int64))
    status = f.solve()
    if status != f.OPTIMAL:
        raise PeerError(f"ortools-mcf: solver status {status}")
    flow = np.asarray(f.flows(np.arange(e, dtype=np.int32)))
    used = np.flatnonzero(flow > 0)
    return "optimal", mentee[used], mentor[used], score[used]


def preference_lists(inst: Instance):
    """Mentees' and mentors' preference lists, best first, as CSR (starts, ids)."""
    n, m = inst.n, inst.m
    mentee, mentor, score, mr, rr = inst.edges()
    e_idx = np.arange(len(mentee), dtype=np.int64)
    deg_i = np.bincount(mentee, minlength=n)
    deg_j = np.bincount(mentor, minlength=m)
    start_i = np.concatenate([[0], np.cumsum(deg_i)])
    start_j = np.concatenate([[0], np.cumsum(deg_j)])
    if inst.prefs == "ranks":  # ranks are dense 1..d: place every edge into its slot
        by_i = np.empty(len(mentee), np.int64)
        by_i[start_i[mentee] + mr - 1] = e_idx
        by_j = np.empty(len(mentee), np.int64)
        by_j[start_j[mentor] + rr - 1] = e_idx
    else:  # higher score first, ties towards the lower id
        by_i = np.lexsort((mentor, -score.astype(np.int64), mentee))
        by_j = np.lexsort((mentee, -score.astype(np.int64), mentor))
    return start_i, mentor[by_i], start_j, mentee[by_j]


def solve_stable_lib(inst: Instance, lib, via_game: bool = False):
    matching, Player, Hospital, hospital_resident, HospitalResident = lib
    n, m = inst.n, inst.m
    start_i, pref_i, start_j, pref_j = preference_lists(inst)
    # Mentors of capacity 0 take nobody, and the library cannot hold them (its
    # algorithm asks a full hospital for its worst match): leave them out, as
    # HospitalResident(clean=True) would.
    open_j = inst.cap > 0
    keep_i = open_j[pref_i]
    cap = inst.cap.tolist()
    sj = start_j.tolist()
    if via_game:
        pi, si, ki, pj = pref_i.tolist(), start_i.tolist(), keep_i.tolist(), pref_j.tolist()
        r_prefs = {i: [pi[k] for k in range(si[i], si[i + 1]) if ki[k]] for i in range(n)}
        r_prefs = {i: p for i, p in r_prefs.items() if p}
        h_prefs = {j: [i for i in pj[sj[j]: sj[j + 1]] if i in r_prefs] for j in range(m) if cap[j] > 0}
        h_prefs = {j: p for j, p in h_prefs.items() if p}
        caps = {j: cap[j] for j in h_prefs}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(r_prefs, h_prefs, caps, clean=True)
            result = game.solve(optimal="resident")
        pairs = [(r.name, h.name) for h, rs in result.items() for r in rs]
    else:
        hospitals = [Hospital(name=j, capacity=cap[j]) for j in range(m)]
        residents = [Player(name=i) for i in range(n)]
        # Preference lists as slices of one object list per side (numpy gathers the
        # objects; the library then gets ordinary lists of its own players).
        owner = np.repeat(np.arange(n), np.diff(start_i))[keep_i]
        start_keep = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=n))]).tolist()
        h_arr, r_arr = np.empty(m, dtype=object), np.empty(n, dtype=object)
        h_arr[:], r_arr[:] = hospitals, residents
        h_objs = h_arr[pref_i[keep_i]].tolist()
        r_objs = r_arr[pref_j].tolist()
        del h_arr, r_arr, owner
        for j in range(m):
            if cap[j] > 0:
                hospitals[j].set_prefs(r_objs[sj[j]: sj[j + 1]])
        active = []
        for i in range(n):
            a, b = start_keep[i], start_keep[i + 1]
            if b > a:  # the algorithm needs a non-empty list for everyone it is given
                residents[i].set_prefs(h_objs[a:b])
                active.append(residents[i])
        del h_objs, r_objs
        result = hospital_resident(active, [h for h in hospitals if h.capacity > 0], optimal="resident")
        pairs = [(r.name, h.name) for h, rs in result.items() for r in rs]
    if not pairs:
        z = np.empty(0, np.int64)
        return "stable", z, z, z
    pr = np.array(pairs, dtype=np.int64)
    return "stable", pr[:, 0], pr[:, 1], score_of(inst, pr[:, 0], pr[:, 1])


def score_of(inst: Instance, mentee: np.ndarray, mentor: np.ndarray) -> np.ndarray:
    if inst.layout == "dense":
        return inst.dense[0][mentee, mentor].astype(np.int64)
    key = inst.mentee.astype(np.int64) * inst.m + inst.mentor
    order = np.argsort(key, kind="stable")
    pos = np.searchsorted(key[order], mentee * inst.m + mentor)
    return inst.score[order[pos]].astype(np.int64)


def load_library(solver: str):
    """Import the solver's library (before the clock starts)."""
    if solver == "scipy-lsa":
        import scipy.optimize
        return scipy.optimize
    if solver == "ortools-lsa":
        from ortools.graph.python import linear_sum_assignment
        return linear_sum_assignment
    if solver == "ortools-mcf":
        from ortools.graph.python import min_cost_flow
        return min_cost_flow
    import matching
    from matching import Player
    from matching.algorithms import hospital_resident
    from matching.games import HospitalResident
    from matching.players import Hospital
    return matching, Player, Hospital, hospital_resident, HospitalResident


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("solver", choices=SOLVERS)
    ap.add_argument("--instance", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    lib = load_library(args.solver)
    t0 = time.perf_counter()
    try:
        inst = read_instance(args.instance)
        t1 = time.perf_counter()
        if args.solver == "scipy-lsa":
            res = solve_scipy_lsa(inst, lib)
        elif args.solver == "ortools-lsa":
            res = solve_ortools_lsa(inst, lib)
        elif args.solver == "ortools-mcf":
            res = solve_ortools_mcf(inst, lib)
        else:
            sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * (inst.n + inst.m) + 10_000))
            res = solve_stable_lib(inst, lib, via_game=args.solver == "stable-lib-game")
        t2 = time.perf_counter()
        mode, mentee, mentor, score = res
        write_solution(args.out, inst, mode, args.solver, mentee, mentor, score)
        t3 = time.perf_counter()
    except Unsupported as err:
        print(f"peer solver={args.solver} unsupported: {err}", file=sys.stderr)
        return 3
    except PeerError as err:
        print(f"peer solver={args.solver} error: {err}", file=sys.stderr)
        return 1
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peer solver={args.solver} parse_s={t1 - t0:.4f} solve_s={t2 - t1:.4f} write_s={t3 - t2:.4f} "
          f"total_s={t3 - t0:.4f} peak_rss_mb={rss_mb:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
