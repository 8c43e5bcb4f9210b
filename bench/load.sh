#!/usr/bin/env bash
# Load benchmark of the participants list page.
#
#   bench/load.sh [sqlite|postgres|both]        (default: both)
#
# For each backend:
#   1. fresh database (SQLite: /tmp/nastavnik-bench.db; PostgreSQL: database
#      nastavnik_bench on 127.0.0.1:5432, user postgres, trust auth);
#   2. `nastavnik demo --scale region` (timed: "seed s");
#   3. `nastavnik serve --listen 127.0.0.1:18080` in the background, wait for
#      /healthz, record the idle RSS;
#   4. log in as curator/demo, then load /participants (first page) and
#      the list searched for «иван» (/participants?s=<saved search>) for BENCH_DURATION s (default 15) with
#      BENCH_CONNECTIONS (64) connections / BENCH_THREADS (2) threads, sampling
#      the server's VmRSS every 0.5 s for the peak;
#   5. SIGTERM the server and check that it exits (gracefully) within 10 s.
#   6. the same load on the same database against a bare axum + sqlx handler
#      (`crates/web/examples/bare_list.rs`: the same 50 rows of the same school as a
#      plain HTML table, no sessions, templates or audit); the run prints the page's
#      throughput as a share of the bare handler's and its p99 as a multiple
#      (target: >= 0.5x throughput, p99 <= 2x).
# Finally the same load against a static copy of the participants page served
# by `python3 -m http.server` - what a user might otherwise do with a
# spreadsheet export - as a baseline.
#
# Load tool: oha if installed, else wrk (installed via apt if missing).
# Results: printed as a table and written to bench/out/load-<backend>.txt;
# raw tool output and server logs go to bench/out/ as well.
#
# Note: the load generator runs on the same machine as the server and competes
# with it for CPU; compare figures only between runs on the same machine.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

MODE=${1:-both}
case "$MODE" in
    sqlite) BACKENDS=(sqlite) ;;
    postgres) BACKENDS=(postgres) ;;
    both) BACKENDS=(sqlite postgres) ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "usage: $0 [sqlite|postgres|both]" >&2
        exit 2
        ;;
esac

DURATION=${BENCH_DURATION:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
PORT=18080
BASE="http://127.0.0.1:$PORT"
BASELINE_PORT=18081
SQLITE_FILE=/tmp/nastavnik-bench.db
PG_DB=nastavnik_bench
PG_URL="postgres://postgres@127.0.0.1:5432/$PG_DB"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN="$TARGET_DIR/release/nastavnik"
PEER_BIN="$TARGET_DIR/release/examples/bare_list"
PEER_PORT=18082
PEER_PID=""
OUT="$ROOT/bench/out"
RAW="$OUT/raw"
# Pages under test: label and path. The name search is posted and answered with a
# redirect to the list under an opaque id (?s=...): its path is set after login.
PAGE_LABELS=("participants" "participants?q=иван")
PAGE_PATHS=("/participants" "")
PAGE_SLUGS=("participants" "participants-q-ivan") # for raw output file names

mkdir -p "$OUT" "$RAW"
WORK=$(mktemp -d /tmp/nastavnik-bench.XXXXXX)
ROWS="$WORK/rows" # all table rows of this run, tab-separated
: >"$ROWS"
OVERALL_RC=0

# PIDs of the processes this script starts (cleaned up on exit, by PID only).
SERVER_PID=""
HTTP_PID=""
SAMPLER_PID=""

cleanup() {
    local pid
    for pid in "$SAMPLER_PID" "$HTTP_PID" "$PEER_PID" "$SERVER_PID"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[bench] %s\n' "$*"; }
die() {
    printf '[bench] ERROR: %s\n' "$*" >&2
    exit 1
}

# shellcheck source=scripts/as-root.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/as-root.sh"

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
rss_kb() { # VmRSS of PID in kB (0 once the process is gone)
    local v
    v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null) || true
    echo "${v:-0}"
}
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# --- tools --------------------------------------------------------------------

for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done

if command -v oha >/dev/null 2>&1; then
    LOAD_TOOL=oha
    # Newer oha versions use --output-format json; older ones -j/--json.
    if oha --help 2>&1 | grep -q -- '--output-format'; then
        OHA_JSON=(--output-format json)
    else
        OHA_JSON=(-j)
    fi
    LOAD_TOOL_VERSION=$(oha --version 2>&1 | head -n1)
else
    if ! command -v wrk >/dev/null 2>&1; then
        log "neither oha nor wrk found; installing wrk via apt"
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get update
        as_root apt-get install -y wrk
    fi
    LOAD_TOOL=wrk
    LOAD_TOOL_VERSION=$(wrk --version 2>&1 | head -n1 | sed 's/ *Copyright.*//' || true)
fi
log "load tool: $LOAD_TOOL_VERSION"

# --- load generation ----------------------------------------------------------

# Convert a wrk latency such as 812.00us / 3.41ms / 1.20s / 1.00m to ms.
wrk_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n
    }'
}

# run_load URL COOKIE RAWFILE -> sets RPS, P50, P99 (ms) and ERRORS
# (non-2xx/3xx responses + socket/client errors).
run_load() {
    local url=$1 cookie=$2 raw=$3
    local hdr=()
    if [ -n "$cookie" ]; then hdr=(-H "Cookie: $cookie"); fi
    if [ "$LOAD_TOOL" = oha ]; then
        oha --no-tui -z "${DURATION}s" -c "$CONNECTIONS" "${OHA_JSON[@]}" "${hdr[@]}" "$url" >"$raw"
        read -r RPS P50 P99 ERRORS < <(python3 - "$raw" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
lat = d.get("latencyPercentiles", {})
bad = sum(n for code, n in d.get("statusCodeDistribution", {}).items() if not str(code).startswith(("2", "3")))
# Requests cut off by the -z deadline are not errors.
errs = sum(n for msg, n in d.get("errorDistribution", {}).items() if "deadline" not in msg.lower())
ms = lambda s: (s or 0) * 1000
print("%.1f %.2f %.2f %d" % (d["summary"]["requestsPerSec"], ms(lat.get("p50")), ms(lat.get("p99")), bad + errs))
PY
        )
    else
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${hdr[@]}" "$url" >"$raw"
        RPS=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$raw")
        P50=$(wrk_ms "$(awk '$1 == "50%" { print $2; exit }' "$raw")")
        P99=$(wrk_ms "$(awk '$1 == "99%" { print $2; exit }' "$raw")")
        ERRORS=$(awk '
            /Non-2xx or 3xx responses:/ { e += $NF }
            /Socket errors:/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 }
            END { print e + 0 }' "$raw")
    fi
    [ -n "$RPS" ] || die "could not parse $LOAD_TOOL output: $raw"
}

# Sample VmRSS of PID every 0.5 s; the running peak (kB) is kept in FILE.
start_sampler() {
    local pid=$1 file=$2
    echo 0 >"$file"
    (
        peak=0
        while kill -0 "$pid" 2>/dev/null; do
            v=$(rss_kb "$pid")
            if [ "$v" -gt "$peak" ]; then
                peak=$v
                echo "$peak" >"$file"
            fi
            sleep 0.5
        done
    ) &
    SAMPLER_PID=$!
}
stop_sampler() {
    if [ -n "$SAMPLER_PID" ]; then
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=""
    fi
}

# Load one URL while sampling PID's RSS; appends a row to $ROWS and logs it.
#   measure BACKEND LABEL SLUG URL COOKIE PID IDLE_KB SEED_S SIZE_BYTES
measure() {
    local backend=$1 label=$2 slug=$3 url=$4 cookie=$5 pid=$6 idle_kb=$7 seed=$8 size=$9
    local peak_file="$WORK/peak" raw="$RAW/$slug.$LOAD_TOOL.txt"
    log "$backend: $LOAD_TOOL ${DURATION}s, $CONNECTIONS connections -> $url"
    start_sampler "$pid" "$peak_file"
    run_load "$url" "$cookie" "$raw"
    stop_sampler
    local peak_kb
    peak_kb=$(cat "$peak_file")
    [ "$peak_kb" -ge "$idle_kb" ] || peak_kb=$idle_kb
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$backend" "$label" "$RPS" "$P50" "$P99" "$ERRORS" \
        "$(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1024 }')" \
        "$(kb_to_mb "$idle_kb")" "$(kb_to_mb "$peak_kb")" "$seed" >>"$ROWS"
    log "$backend $label: $RPS req/s, p50 $P50 ms, p99 $P99 ms, errors $ERRORS, peak RSS $(kb_to_mb "$peak_kb") MB"
}

# Reads tab-separated rows on stdin, prints an aligned table (python3 pads by
# characters, not bytes, so the Cyrillic page label lines up).
print_table() {
    python3 -c '
import sys
head = ["backend", "page", "req/s", "p50 ms", "p99 ms", "errors", "size KB", "idle RSS MB", "peak RSS MB", "seed s"]
rows = [head] + [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
w = [max(len(r[i]) for r in rows) for i in range(len(head))]
for r in rows:
    print("  ".join(c.ljust(w[i]) if i < 2 else c.rjust(w[i]) for i, c in enumerate(r)))
'
}

# --- cookies / login ----------------------------------------------------------
#
# The session cookie is `__Host-nastavnik`; it is only marked Secure under TLS.
# curl's cookie engine rejects __Host- cookies that are not Secure, so instead
# of a cookie jar the cookies are taken from the Set-Cookie headers directly
# and passed on as an explicit "Cookie:" header (which wrk/oha need anyway).

# merge_cookies "CURRENT COOKIE HEADER" HEADERS_FILE -> updated Cookie header
merge_cookies() {
    python3 - "$1" "$2" <<'PY'
import sys
jar = {}
for part in sys.argv[1].split(";"):
    if "=" in part:
        k, v = part.strip().split("=", 1)
        jar[k] = v
for line in open(sys.argv[2], encoding="latin-1"):
    name, _, value = line.partition(":")
    if name.strip().lower() != "set-cookie":
        continue
    attrs = [a.strip() for a in value.strip().split(";")]
    k, _, v = attrs[0].partition("=")
    lower = [a.lower() for a in attrs[1:]]
    if v == "" or "max-age=0" in lower or any(a.startswith("expires=thu, 01 jan 1970") for a in lower):
        jar.pop(k, None)  # the server deletes this cookie
    else:
        jar[k] = v
print("; ".join(f"{k}={v}" for k, v in jar.items()))
PY
}

# Hidden <input>s of the login form (e.g. a CSRF token), as curl
# --data-urlencode arguments, one per line.
hidden_fields() {
    python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and (a.get("type") or "").lower() == "hidden" and a.get("name"):
            print(f"{a['name']}={a.get('value') or ''}")
P().feed(open(sys.argv[1], encoding="utf-8", errors="replace").read())
PY
}

# login -> sets COOKIE to a Cookie header value of a logged-in curator session.
login() {
    local get_hdr="$WORK/login-get.headers" post_hdr="$WORK/login-post.headers"
    local code args=() field
    code=$(curl -sS -o "$WORK/login.html" -D "$get_hdr" -w '%{http_code}' "$BASE/login")
    [ "$code" = 200 ] || die "GET /login answered $code"
    COOKIE=$(merge_cookies "" "$get_hdr")
    while IFS= read -r field; do
        if [ -n "$field" ]; then args+=(--data-urlencode "$field"); fi
    done < <(hidden_fields "$WORK/login.html")
    if [ -n "$COOKIE" ]; then args+=(-H "Cookie: $COOKIE"); fi
    code=$(curl -sS -o "$WORK/login-post.html" -D "$post_hdr" -w '%{http_code}' \
        -H "Origin: $BASE" \
        --data-urlencode login=curator --data-urlencode password=demo \
        "${args[@]}" "$BASE/login")
    COOKIE=$(merge_cookies "$COOKIE" "$post_hdr")
    case "$code" in
        2?? | 3??) ;;
        *) die "POST /login answered $code (headers: $(tr -d '\r' <"$post_hdr" | paste -sd'|'))" ;;
    esac
    case "$COOKIE" in
        *__Host-nastavnik=*) ;;
        *) log "warning: no __Host-nastavnik cookie after login (cookies: ${COOKIE:-none})" ;;
    esac
}

# search_path TEXT -> prints the path of the participants list searched for TEXT
# (POST /participants/search answers 303 to /participants?s=<id>; names stay out of URLs).
search_path() {
    local text=$1 hdr="$WORK/search.headers" token
    curl -sS -o "$WORK/search-form.html" -H "Cookie: $COOKIE" "$BASE/participants"
    token=$(hidden_fields "$WORK/search-form.html" | sed -n 's/^_csrf=//p' | head -n 1)
    curl -sS -o /dev/null -D "$hdr" -H "Cookie: $COOKIE" -H "Origin: $BASE" \
        --data-urlencode "_csrf=$token" --data-urlencode "q=$text" "$BASE/participants/search"
    tr -d '\r' <"$hdr" | sed -n 's/^[Ll]ocation: //p' | head -n 1
}

# check_page URL FILE -> verifies a 200 answer (not a redirect to /login),
# saves the body to FILE and prints its size in bytes.
check_page() {
    local url=$1 file=$2 code
    code=$(curl -sS -o "$file" -w '%{http_code}' -H "Cookie: $COOKIE" "$url")
    [ "$code" = 200 ] || die "GET $url answered $code with the login cookie (login failed?)"
    stat -c %s "$file"
}

# --- server lifecycle ---------------------------------------------------------

start_server() { # start_server BACKEND URL
    local backend=$1 url=$2 i
    if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
        die "something already answers on $BASE; stop it first"
    fi
    "$BIN" serve --listen "127.0.0.1:$PORT" --database-url "$url" >"$OUT/server-$backend.log" 2>&1 &
    SERVER_PID=$!
    for ((i = 0; i < 600; i++)); do # up to 60 s
        if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || {
            tail -n 30 "$OUT/server-$backend.log" >&2
            die "server exited during start-up (log: $OUT/server-$backend.log)"
        }
        sleep 0.1
    done
    die "server did not answer $BASE/healthz within 60 s"
}

# stop_server -> SIGTERM, wait up to 10 s; sets SHUTDOWN to a summary line.
stop_server() {
    local t0 i code=0
    t0=$(now)
    kill -TERM "$SERVER_PID"
    for ((i = 0; i < 100; i++)); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SHUTDOWN="FAILED: still running 10 s after SIGTERM, killed"
        OVERALL_RC=1
    else
        wait "$SERVER_PID" || code=$?
        if [ "$code" -eq 0 ]; then
            SHUTDOWN="graceful: exited 0 after $(seconds_since "$t0") s"
        else
            SHUTDOWN="exited with code $code after $(seconds_since "$t0") s (expected 0)"
            OVERALL_RC=1
        fi
    fi
    SERVER_PID=""
    log "shutdown: $SHUTDOWN"
}

# --- databases ----------------------------------------------------------------

fresh_database() { # fresh_database BACKEND -> sets DB_URL
    case "$1" in
        sqlite)
            rm -f "$SQLITE_FILE" "$SQLITE_FILE-wal" "$SQLITE_FILE-shm" "$SQLITE_FILE-journal"
            DB_URL="sqlite:$SQLITE_FILE"
            ;;
        postgres)
            "$ROOT/scripts/ensure-postgres.sh" >/dev/null
            local psql=(psql -w -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres -d postgres)
            PGOPTIONS="-c client_min_messages=warning" "${psql[@]}" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
            "${psql[@]}" -c "CREATE DATABASE $PG_DB"
            DB_URL=$PG_URL
            ;;
    esac
}

# --- run ----------------------------------------------------------------------

machine_info() {
    echo "date:        $(date -Is)"
    echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+local changes)')"
    echo "cpu:         $(nproc) x $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "memory:      $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel:      $(uname -r)"
    echo "load tool:   $LOAD_TOOL_VERSION, ${DURATION}s per page, $CONNECTIONS connections$([ "$LOAD_TOOL" = wrk ] && echo ", $THREADS threads")"
    echo "demo data:   nastavnik demo --scale region"
}

log "building release binaries (the product and the bare peer)"
cargo build --release -p nastavnik
cargo build --release -p web --example bare_list
[ -x "$BIN" ] || die "$BIN not found after build"
[ -x "$PEER_BIN" ] || die "$PEER_BIN not found after build"

# measure_peer BACKEND -> the bare handler on the same database; appends its row.
measure_peer() {
    local backend=$1 i idle
    "$PEER_BIN" "$DB_URL" "127.0.0.1:$PEER_PORT" >"$OUT/peer-$backend.log" 2>&1 &
    PEER_PID=$!
    for ((i = 0; i < 100; i++)); do
        curl -fsS -o /dev/null "http://127.0.0.1:$PEER_PORT/" 2>/dev/null && break
        kill -0 "$PEER_PID" 2>/dev/null || die "the bare peer did not start (log: $OUT/peer-$backend.log)"
        sleep 0.1
    done
    idle=$(rss_kb "$PEER_PID")
    curl -fsS -o "$WORK/peer.html" "http://127.0.0.1:$PEER_PORT/"
    measure "$backend" "bare axum+sqlx peer" "$backend-peer" "http://127.0.0.1:$PEER_PORT/" "" \
        "$PEER_PID" "$idle" "-" "$(stat -c %s "$WORK/peer.html")"
    kill -TERM "$PEER_PID" 2>/dev/null || true
    wait "$PEER_PID" 2>/dev/null || true
    PEER_PID=""
}

# ratios BACKEND -> "participants: 0.61x the peer's req/s, p99 1.4x the peer's"
ratios() {
    awk -F'\t' -v b="$1" '
        $1 == b && $2 == "participants" { rps = $3; p99 = $5 }
        $1 == b && $2 == "bare axum+sqlx peer" { prps = $3; pp99 = $5 }
        END {
            if (prps > 0 && pp99 > 0)
                printf "%s participants page: %.2fx the bare peer'"'"'s req/s (target >= 0.5), p99 %.2fx its p99 (target <= 2)\n", b, rps / prps, p99 / pp99
        }' "$ROWS"
}

SNAPSHOT="" # copy of the participants page, served by the baseline

for backend in "${BACKENDS[@]}"; do
    log "=== $backend ==="
    fresh_database "$backend"

    log "$backend: seeding demo data (--scale region)"
    t0=$(now)
    if ! "$BIN" demo --scale region --database-url "$DB_URL" >"$OUT/demo-$backend.log" 2>&1; then
        tail -n 30 "$OUT/demo-$backend.log" >&2
        die "demo seeding failed (log: $OUT/demo-$backend.log)"
    fi
    SEED=$(seconds_since "$t0")
    log "$backend: seeded in $SEED s"

    start_server "$backend" "$DB_URL"
    sleep 1 # let start-up allocations settle
    IDLE_KB=$(rss_kb "$SERVER_PID")
    log "$backend: server pid $SERVER_PID, idle RSS $(kb_to_mb "$IDLE_KB") MB"

    login
    PAGE_PATHS[1]=$(search_path иван)
    case "${PAGE_PATHS[1]}" in
        /participants\?s=*) ;;
        *) die "the name search did not redirect to a saved search (got: ${PAGE_PATHS[1]:-nothing})" ;;
    esac
    for i in "${!PAGE_PATHS[@]}"; do
        url="$BASE${PAGE_PATHS[$i]}"
        size=$(check_page "$url" "$WORK/page-$i.html")
        if [ "$i" -eq 0 ] && [ -z "$SNAPSHOT" ]; then
            mkdir -p "$WORK/static"
            cp "$WORK/page-$i.html" "$WORK/static/participants.html"
            SNAPSHOT="$WORK/static/participants.html"
        fi
        measure "$backend" "${PAGE_LABELS[$i]}" "$backend-${PAGE_SLUGS[$i]}" "$url" "$COOKIE" \
            "$SERVER_PID" "$IDLE_KB" "$SEED" "$size"
    done

    stop_server
    measure_peer "$backend"
    {
        echo "Nastavnik load benchmark - backend: $backend"
        machine_info
        echo "db url:      $DB_URL"
        echo "shutdown:    $SHUTDOWN"
        echo
        awk -F'\t' -v b="$backend" '$1 == b' "$ROWS" | print_table
        echo
        ratios "$backend"
    } >"$OUT/load-$backend.txt"
done

# Baseline: the same load against a static copy of the participants page.
BASELINE_LABEL="baseline python http.server static file"
log "=== $BASELINE_LABEL ==="
python3 -m http.server "$BASELINE_PORT" --bind 127.0.0.1 --directory "$(dirname "$SNAPSHOT")" \
    >"$OUT/server-baseline.log" 2>&1 &
HTTP_PID=$!
for ((i = 0; i < 100; i++)); do
    curl -fsS -o /dev/null "http://127.0.0.1:$BASELINE_PORT/participants.html" 2>/dev/null && break
    kill -0 "$HTTP_PID" 2>/dev/null || die "python3 -m http.server failed to start (port $BASELINE_PORT busy?)"
    sleep 0.1
done
sleep 0.5
IDLE_KB=$(rss_kb "$HTTP_PID")
measure "$BASELINE_LABEL" "participants.html" "baseline-static" "http://127.0.0.1:$BASELINE_PORT/participants.html" \
    "" "$HTTP_PID" "$IDLE_KB" "-" "$(stat -c %s "$SNAPSHOT")"
kill -TERM "$HTTP_PID" 2>/dev/null || true
wait "$HTTP_PID" 2>/dev/null || true
HTTP_PID=""

# Append the baseline row to every backend's result file, print everything.
for backend in "${BACKENDS[@]}"; do
    {
        echo
        echo "for comparison, same run:"
        awk -F'\t' -v b="$BASELINE_LABEL" '$1 == b' "$ROWS" | print_table
    } >>"$OUT/load-$backend.txt"
done

echo
machine_info
echo
print_table <"$ROWS"
echo
for backend in "${BACKENDS[@]}"; do ratios "$backend"; done
for backend in "${BACKENDS[@]}"; do
    echo "$backend shutdown: $(sed -n 's/^shutdown: *//p' "$OUT/load-$backend.txt")"
done
echo "results: $(printf "$OUT/load-%s.txt " "${BACKENDS[@]}")"
exit "$OVERALL_RC"
