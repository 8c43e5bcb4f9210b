#!/usr/bin/env python3
"""Other users' pages during a long import.

    bench/import_stall.py [--backend sqlite|postgres] [--rows 50000] [--bin PATH]

1. a fresh database (SQLite: /tmp/nastavnik-stall.db; PostgreSQL: database
   nastavnik_stall on 127.0.0.1:5432, user postgres, trust auth), `nastavnik demo`;
2. `nastavnik serve` on 127.0.0.1:18090;
3. the curator uploads a generated student list of --rows rows on /import and, once
   its check is done, commits it;
4. while the commit runs, the head opens a participant's card page and an API client
   reads the same participant (`GET /api/v1/participants/{id}`), one request after
   another, and the script prints their latencies (p50, p99, max) beside the same
   requests on an idle server measured just before: the target is under 200 ms.

Standard library only. The server binary is built by `cargo build --release -p
nastavnik` unless --bin is given.
"""

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 18090
BASE = f"http://127.0.0.1:{PORT}"
TARGET_MS = 200


def log(*a):
    print("[stall]", *a, file=sys.stderr, flush=True)


class Client:
    """A browser: cookies, the CSRF token of the last page, no redirects followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def get(self, path, headers=None):
        req = urllib.request.Request(BASE + path, headers=headers or {})
        try:
            with self.opener.open(req, timeout=120) as r:
                return r.status, r.read().decode("utf-8", "replace"), {k.lower(): v for k, v in r.headers.items()}
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), {k.lower(): v for k, v in e.headers.items()}

    def post(self, path, data, content_type="application/x-www-form-urlencoded"):
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
        req = urllib.request.Request(
            BASE + path, data=body, headers={"Content-Type": content_type, "Origin": BASE}, method="POST"
        )
        try:
            with self.opener.open(req, timeout=600) as r:
                return r.status, r.read().decode("utf-8", "replace"), {k.lower(): v for k, v in r.headers.items()}
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), {k.lower(): v for k, v in e.headers.items()}

    def csrf(self, path):
        _, html, _ = self.get(path)
        m = re.search(r'name="_csrf" value="([^"]+)"', html)
        return m.group(1) if m else ""

    def login(self, login):
        token = self.csrf("/login")
        status, _, _ = self.post("/login", {"_csrf": token, "login": login, "password": "demo"})
        if status != 303:
            sys.exit(f"login {login}: {status}")


def students_csv(rows):
    lines = ["Фамилия;Имя;Отчество;Дата рождения;Класс;ФИО родителя;Телефон родителя"]
    abc = "абвгдежзиклмнопрстуфхцчшэюя"
    for i in range(rows):
        n, word = i, ""
        for _ in range(4):
            word += abc[n % len(abc)]
            n //= len(abc)
        day, month = 1 + i % 28, 1 + (i // 28) % 12
        lines.append(
            f"Нагрузкин{word};Иван;Петрович;{day:02}.{month:02}.2012;7А;Нагрузкина{word} Анна Ивановна;+7916{i:07}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def multipart(fields, file_field, file_name, data):
    boundary = uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
    out += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


def timed(fn):
    t = time.perf_counter()
    status = fn()
    return (time.perf_counter() - t) * 1000, status


def stats(label, samples):
    if not samples:
        return f"{label:<34} no requests"
    s = sorted(samples)
    p99 = s[min(len(s) - 1, int(len(s) * 0.99))]
    return f"{label:<34} n={len(s):>5}  p50 {statistics.median(s):7.1f} ms  p99 {p99:7.1f} ms  max {s[-1]:7.1f} ms"


def start_server(binary, env):
    """`nastavnik serve` on PORT, once it answers /healthz."""
    server = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{PORT}"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            break
        except Exception:
            time.sleep(0.1)
    return server


def server_binary(given):
    """The server binary: the one given, else the release build (built now)."""
    if given:
        return given
    subprocess.run(["cargo", "build", "--release", "-p", "nastavnik"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "nastavnik")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--bin")
    args = ap.parse_args()
    binary = server_binary(args.bin)
    if args.backend == "sqlite":
        path = "/tmp/nastavnik-stall.db"
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        url = f"sqlite:{path}"
    else:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "DROP DATABASE IF EXISTS nastavnik_stall"], check=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE nastavnik_stall"], check=True)
        url = "postgres://postgres@127.0.0.1:5432/nastavnik_stall"
    env = dict(os.environ, NASTAVNIK_DATABASE_URL=url, NASTAVNIK_LOG="warn")
    subprocess.run([binary, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    head, school = head_account(binary, env)
    token = cli(binary, env, "user", "token", "--id", head, "--role", "head", "--org", org_id(binary, env, school)).strip()
    server = start_server(binary, env)
    try:
        run(args, token)
    finally:
        server.terminate()
        server.wait(timeout=10)


def cli(binary, env, *args):
    return subprocess.run([binary, *args], env=env, check=True, capture_output=True, text=True).stdout


def head_account(binary, env):
    """The demo head's account id and the short name of their school."""
    for line in cli(binary, env, "user", "list").splitlines():
        m = re.match(r"\s*(\d+)\s+head\s+.*— (.+)$", line)
        if m:
            return m.group(1), m.group(2).strip()
    sys.exit("no head account in the demo")


def org_id(binary, env, short_name):
    for line in cli(binary, env, "org", "list").splitlines():
        m = re.match(r"\s*(\d+)\s+\S+\s+(.+?)\s{2,}", line + "  ")
        if m and m.group(2).strip() == short_name:
            return m.group(1)
    sys.exit(f"no organization «{short_name}»")


def run(args, token):
    curator, head = Client(), Client()
    curator.login("curator")
    head.login("head")
    _, html, _ = head.get("/participants")
    pid = re.search(r'href="/participants/(\d+)"', html).group(1)
    card = lambda: head.get(f"/participants/{pid}")[0]
    api = lambda: head.get(f"/api/v1/participants/{pid}", {"Authorization": f"Bearer {token}"})[0]
    for fn, label in ((card, "card page"), (api, "API participant")):
        status = fn()
        if status != 200:
            sys.exit(f"{label}: {status}")
    idle = {"card page": [], "API participant": []}
    for _ in range(50):
        idle["card page"].append(timed(card)[0])
        idle["API participant"].append(timed(api)[0])

    data = students_csv(args.rows)
    log(f"uploading {args.rows} rows ({len(data) // 1024} KB)")
    body, ctype = multipart(
        {"_csrf": curator.csrf("/import"), "kind": "students", "year": "2025/2026"}, "file", "ученики.csv", data
    )
    status, _, headers = curator.post("/import", body, ctype)
    if status != 303:
        sys.exit(f"upload: {status}")
    job = headers["location"]
    while True:
        _, html, _ = curator.get(job)
        if 'http-equiv="refresh"' not in html:
            break
        time.sleep(0.2)
    if 'id="commit"' not in html:
        sys.exit("the check found errors: " + re.sub(r"<[^>]+>", " ", html)[:2000])

    busy = {"card page": [], "API participant": []}
    done = threading.Event()
    errors = []

    def load():
        while not done.is_set():
            for fn, label in ((card, "card page"), (api, "API participant")):
                ms, status = timed(fn)
                busy[label].append(ms)
                if status != 200:
                    errors.append((label, status))

    thread = threading.Thread(target=load)
    token_commit = curator.csrf(job)
    thread.start()
    commit_ms, (status, _, _) = timed(lambda: curator.post(job + "/commit", {"_csrf": token_commit}))
    while True:
        _, html, _ = curator.get(job)
        if 'http-equiv="refresh"' not in html:
            break
        time.sleep(0.05)
    commit_ms = max(commit_ms, 0)
    done.set()
    thread.join()
    written = "Записано" in html or "записан" in html
    print()
    print(f"backend {args.backend}, {args.rows} rows; commit answered {status}, written: {written}")
    for label in ("card page", "API participant"):
        print(stats(f"{label}, idle", idle[label]))
        print(stats(f"{label}, during the commit", busy[label]))
    worst = max((max(v) for v in busy.values() if v), default=0)
    print(f"errors: {len(errors)}; worst during the commit: {worst:.0f} ms (target < {TARGET_MS} ms)")
    if not written or errors or worst >= TARGET_MS:
        sys.exit(1)


if __name__ == "__main__":
    main()
