#!/usr/bin/env bash
# Podium's libFuzzer harnesses (Tests/Fuzz): build (release) with -sanitize=fuzzer,address, seed each
# corpus from the repository's fixtures, fuzz, report.
#
#   Tests/Fuzz/run.sh quick   each harness for FUZZ_SECONDS (20) seconds   (make test)
#   Tests/Fuzz/run.sh long    each harness for its share of FUZZ_TOTAL_RUNS (10,000,000)
#                             executions, weighted by its speed            (make fuzz)
#
# Environment: FUZZ_HARNESSES="FuzzICS FuzzRRule" to run some only; FUZZ_SECONDS;
# FUZZ_TOTAL_RUNS; FUZZ_TIMEOUT (seconds one input may take before it is a hang, 10);
# FUZZ_NICE (10).
#
# Per harness it prints executions, exec/s, libFuzzer's final cov:/ft:, corpus size and the
# findings. A finding (crash, Swift trap, ASan report, leak, hang past FUZZ_TIMEOUT, out of
# memory) is minimized and copied to Tests/Fixtures/fuzz-regressions/<harness>-<what broke>.<ext>;
# the script then exits 1. It exits 2 if the toolchain cannot build or run the harnesses
# with the fuzzer sanitizer: fuzzing is never skipped silently.
set -uo pipefail

MODE="${1:-}"
case "$MODE" in
quick | long) ;;
*)
    echo "usage: $0 quick|long" >&2
    exit 64
    ;;
esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SCRATCH="$HERE/.build"
BIN="$SCRATCH/release"
CORPUS="$HERE/corpus"
ARTIFACTS="$HERE/artifacts"
LOGS="$HERE/logs"
REGRESSIONS="$ROOT/Tests/Fixtures/fuzz-regressions"
NICE="${FUZZ_NICE:-10}"
SECONDS_EACH="${FUZZ_SECONDS:-20}"
TOTAL_RUNS="${FUZZ_TOTAL_RUNS:-10000000}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
# Swift's own crash handler (swift-backtrace) must not catch a trap first: under ASan its
# memory server trips an "unknown-crash" report in memcpy and the backtracer then hangs
# the run (and -minimize_crash). Off, libFuzzer's handler prints the stack and saves the input.
export SWIFT_BACKTRACE=enable=no
read -r -a HARNESSES <<<"${FUZZ_HARNESSES:-FuzzICS FuzzImport FuzzPlan FuzzRRule FuzzAPI}"

die() {
    echo "run.sh: FATAL: $*" >&2
    exit 2
}

# --- 1. Build. Failure to build with the fuzzer sanitizer is fatal, never a skip. ----------
command -v swift >/dev/null || die "swift is not on PATH; the fuzz harnesses need the Swift toolchain's libFuzzer"
echo "== building Tests/Fuzz (release) with -sanitize=fuzzer,address (scratch path $SCRATCH)"
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
built=0
for attempt in 1 2 3; do
    start=$(date +%s)
    # gold prints one harmless "Cannot export local symbol" warning per Swift symbol it sees
    # under ASan; they are dropped from the output (the full log is kept on failure).
    # Release (-O): 4× the executions per second of a debug build; -O keeps Swift's traps
    # (bounds, overflow, preconditions, force-unwraps) and ASan; only `assert` is compiled out.
    nice -n "$NICE" swift build -c release --package-path "$HERE" --scratch-path "$SCRATCH" \
        -Xswiftc -sanitize=fuzzer,address >"$build_log" 2>&1
    status=$?
    grep -v "Cannot export local symbol" "$build_log" | grep -vE '^\[[0-9]+/[0-9]+\]' | tail -n 40
    if [ "$status" = 0 ]; then
        built=1
        echo "== built in $(($(date +%s) - start)) s"
        break
    fi
    # The root package may be edited while we build (another developer, an editor): retry.
    grep -q "was modified during the build" "$build_log" || break
    echo "== a Podium source changed during the build; retrying ($attempt/3)"
done
if [ "$built" != 1 ]; then
    grep -v "Cannot export local symbol" "$build_log" | tail -n 60 >&2
    die "this toolchain could not build the fuzz harnesses with -sanitize=fuzzer,address (libFuzzer + ASan);
  fuzzing was NOT run. Check that the Swift toolchain ships compiler-rt's libclang_rt.fuzzer
  (swift.org Linux toolchains do) and that the build error above is not in Podium's sources."
fi
for h in "${HARNESSES[@]}"; do
    [ -x "$BIN/$h" ] || die "no harness binary $BIN/$h after the build (unknown harness name?)"
    # A binary built without -sanitize=fuzzer would not answer libFuzzer's flags.
    probe="$(mktemp -d)"
    "$BIN/$h" -runs=0 "$probe" >"$probe.log" 2>&1 && grep -q "INFO: Seed:" "$probe.log" ||
        { cat "$probe.log" >&2; die "$h does not run as a libFuzzer binary"; }
    rm -rf "$probe" "$probe.log"
done

# --- 2. Seed corpora from the fixtures (copied at run time; corpus/ is not committed). -----
seed_files() { # harness → seed files, one per line
    case "$1" in
    FuzzICS | FuzzImport)
        find "$ROOT/Tests/Fixtures/ics" "$ROOT/calendars" -type f -name '*.ics'
        ;;
    FuzzPlan)
        find "$ROOT/calendars" -type f \( -name '*.yaml' -o -name '*.yml' \)
        ;;
    FuzzRRule) ;; # written below from RRULE lines
    FuzzAPI)
        find "$ROOT/Tests/Fixtures/api" -type f -name '*.json'
        ;;
    esac
}
dict_of() {
    case "$1" in
    FuzzICS | FuzzImport) echo "$HERE/dict/ics.dict" ;;
    FuzzPlan) echo "$HERE/dict/yaml.dict" ;;
    FuzzRRule) echo "$HERE/dict/rrule.dict" ;;
    FuzzAPI) echo "$HERE/dict/json.dict" ;;
    esac
}
max_len_of() { # the fixtures are all under 16 KiB; an RRULE is one short line
    case "$1" in
    FuzzRRule) echo 512 ;;
    FuzzAPI) echo 4096 ;;
    *) echo 16384 ;;
    esac
}
ext_of() {
    case "$1" in
    FuzzICS | FuzzImport) echo ics ;;
    FuzzPlan) echo yaml ;;
    FuzzRRule) echo rrule ;;
    FuzzAPI) echo json ;;
    esac
}
seed() {
    local h="$1" dir="$CORPUS/$1" f n=0
    mkdir -p "$dir"
    if [ "$h" = FuzzRRule ]; then
        # Every RRULE line of the recurrence cases and of the .ics fixtures, one per file.
        {
            grep -h '^RRULE' "$ROOT/Tests/Fixtures/recurrence/cases.txt"
            find "$ROOT/Tests/Fixtures/ics" "$ROOT/calendars" -type f -name '*.ics' -exec grep -h '^RRULE' {} +
        } | tr -d '\r' | sort -u | while IFS= read -r line; do
            printf '%s' "$line" >"$dir/seed-$(printf '%s' "$line" | sha1sum | cut -c1-12)"
        done
    else
        while IFS= read -r f; do
            cp "$f" "$dir/seed-$(echo "${f#"$ROOT"/}" | tr '/' '_')"
        done < <(seed_files "$h")
    fi
    n=$(find "$dir" -name 'seed-*' | wc -l)
    [ "$n" -gt 0 ] || die "no seed inputs found for $h (fixtures moved?)"
    echo "$n"
}

# --- 3. Fuzz each harness in turn (the machine is shared: one at a time, niced). ----------
# Name a finding after what broke: the kind of failure and the first Podium (or libical)
# frame of the stack, e.g. FuzzICS-index-out-of-range-ContentLineScanner.init.
describe() { # log → short description
    local log="$1" kind frame
    # Most specific first: a Swift trap's message, then ASan's bug type, then libFuzzer's.
    kind="$(grep -m1 -oE 'Swift runtime failure: [A-Za-z ]+|Fatal error: [^:]{1,60}' "$log" |
        sed -E 's/^(Swift runtime failure|Fatal error): //')"
    [ -n "$kind" ] || kind="$(
        grep -m1 -oE "ERROR: AddressSanitizer: [a-z-]+|ERROR: LeakSanitizer|ALARM: working on the last Unit|out-of-memory|ERROR: libFuzzer: [a-z -]+" "$log" |
            sed -E 's/^ERROR: (AddressSanitizer|libFuzzer): //; s/^ERROR: LeakSanitizer/leak/; s/^ALARM.*/timeout/'
    )"
    frame="$(
        grep -E '^ +#[0-9]+ ' "$log" | grep -E '/Sources/(ICalendar|Feeds|PlanFile|Scheduling|APIBodies)/|libical|Yams' |
            grep -vE 'swift_|__asan|libFuzzer|fuzzer::' | head -n1 |
            sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in //; s/ \(.*$//; s/ \/.*$//' |
            { command -v swift-demangle >/dev/null && swift-demangle --simplified --compact || cat; } |
            sed -E 's/\(.*$//; s/^.* //; s/^(static |merged )+//'
    )"
    printf '%s%s' "${kind:-crash}" "${frame:+-$frame}" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9._\n-' '-' |
        sed -E 's/-+/-/g; s/^-//; s/-$//' | cut -c1-80
}

mkdir -p "$ARTIFACTS" "$LOGS"
# The numbers of this run as JSON (one line per harness), for RELIABILITY.md (make reliability).
SUMMARY="$ROOT/.build/reliability/fuzz-$MODE.json"
mkdir -p "$(dirname "$SUMMARY")"
harness_json=()
findings=0
total_execs=0
summary=()
# long: FUZZ_TOTAL_RUNS split by weight, so the fast RRULE reader takes more executions than
# the YAML reader (measured in release on 2 shared cores: RRule ~3,300/s, ICS ~700-1,300/s,
# Import ~1,000/s, Plan ~320/s, API ~9,000/s); about 2.5 h for the default 10 million.
weight_of() {
    case "$1" in
    FuzzRRule) echo 5 ;;
    FuzzICS | FuzzImport | FuzzAPI) echo 2 ;;
    *) echo 1 ;;
    esac
}
weights=0
for h in "${HARNESSES[@]}"; do weights=$((weights + $(weight_of "$h"))); done
for h in "${HARNESSES[@]}"; do
    seeds=$(seed "$h") || exit 2
    rm -rf "${ARTIFACTS:?}/$h"
    mkdir -p "$ARTIFACTS/$h"
    log="$LOGS/$h.log"
    if [ "$MODE" = quick ]; then budget=(-max_total_time="$SECONDS_EACH"); else budget=(-runs="$(((TOTAL_RUNS * $(weight_of "$h") + weights - 1) / weights))"); fi
    echo "== $h: $seeds seeds, $(find "$CORPUS/$h" -type f | wc -l) corpus inputs, ${budget[*]}"
    start=$(date +%s)
    nice -n "$NICE" "$BIN/$h" "${budget[@]}" \
        -dict="$(dict_of "$h")" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len="$(max_len_of "$h")" \
        -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$h/" "$CORPUS/$h" >"$log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - start))
    execs=$(grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+$')
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -n1 | tr -d '#')
    execs=${execs:-0}
    rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | tail -n1 | grep -oE '[0-9]+$')
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n1)
    corp=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -n1)
    total_execs=$((total_execs + execs))
    found=()
    for a in "$ARTIFACTS/$h"/*; do [ -f "$a" ] && found+=("$a"); done
    if [ "$status" != 0 ] && [ "${#found[@]}" = 0 ]; then
        tail -n 40 "$log" >&2
        echo "run.sh: $h exited $status without an artifact (see $log)" >&2
        findings=$((findings + 1))
    fi
    line="$h: ${execs} execs in ${elapsed}s (${rate:-?}/s), ${cov:-no cov line}, ${corp:-}, findings: ${#found[@]}"
    for a in "${found[@]}"; do
        findings=$((findings + 1))
        what="$(describe "$log")"
        # Minimize crashes (libFuzzer re-runs the input while shrinking it); keep the original
        # when minimization does not reproduce (timeouts, leaks, out of memory).
        min="$a.min"
        case "$(basename "$a")" in
        crash-* | timeout-*)
            nice -n "$NICE" "$BIN/$h" -minimize_crash=1 -max_total_time=60 -timeout="$TIMEOUT" \
                -exact_artifact_path="$min" "$a" >"$LOGS/$h.minimize.log" 2>&1
            ;;
        esac
        [ -s "$min" ] || cp "$a" "$min"
        mkdir -p "$REGRESSIONS"
        dest="$REGRESSIONS/$h-$what.$(ext_of "$h")"
        n=2
        while [ -e "$dest" ] && ! cmp -s "$min" "$dest"; do
            dest="$REGRESSIONS/$h-$what-$n.$(ext_of "$h")"
            n=$((n + 1))
        done
        cp "$min" "$dest"
        line+=$'\n'"    FINDING $(basename "$a") → ${dest#"$ROOT"/} ($(wc -c <"$min") bytes); log: ${log#"$ROOT"/}"
        grep -m1 -E "Fatal error|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|ALARM" "$log" | sed 's/^/    /'
    done
    echo "$line"
    summary+=("$line")
    c=$(grep -oE 'cov: [0-9]+' <<<"${cov:-}" | grep -oE '[0-9]+' || true)
    f=$(grep -oE 'ft: [0-9]+' <<<"${cov:-}" | grep -oE '[0-9]+' || true)
    harness_json+=("{\"harness\": \"$h\", \"day\": \"$(date +%Y-%m-%d)\", \"executions\": $execs, \"seconds\": $elapsed, \"per_second\": ${rate:-0}, \"cov\": ${c:-0}, \"ft\": ${f:-0}, \"findings\": ${#found[@]}}")
done
# A run of some harnesses (FUZZ_HARNESSES) keeps the others' last numbers, each with its day;
# the totals are over all of them.
this_run="$(
    IFS=,
    printf '[%s]' "${harness_json[*]}"
)"
# Runs of different harnesses may end at the same moment (make fuzz split over both cores):
# the merge holds a lock.
flock "$SUMMARY.lock" python3 - "$SUMMARY" "$MODE" "$this_run" <<'PY' || die "could not write $SUMMARY"
import datetime, json, os, sys
path, mode, ran = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
kept = []
if os.path.exists(path):
    try:
        old = json.load(open(path))
        names = {h["harness"] for h in ran}
        kept = [dict(h, day=h.get("day", old.get("day"))) for h in old.get("harnesses", []) if h["harness"] not in names]
    except (ValueError, KeyError):
        kept = []
harnesses = sorted(kept + ran, key=lambda h: h["harness"])
summary = {"what": "fuzz", "mode": mode, "day": datetime.date.today().isoformat(),
           "command": f"Tests/Fuzz/run.sh {mode}",
           "total_executions": sum(h["executions"] for h in harnesses),
           "findings": sum(h["findings"] for h in harnesses), "harnesses": harnesses}
tmp = path + ".tmp"
with open(tmp, "w") as f:
    json.dump(summary, f)
    f.write("\n")
os.replace(tmp, path)
PY

echo
echo "== fuzz summary ($MODE)"
printf '%s\n' "${summary[@]}"
echo "total executions: $total_execs"
if [ "$findings" -gt 0 ]; then
    echo "run.sh: $findings finding(s); inputs are in Tests/Fixtures/fuzz-regressions/, logs in Tests/Fuzz/logs/" >&2
    exit 1
fi
if [ "$MODE" = long ] && [ "$total_execs" -lt "$TOTAL_RUNS" ]; then
    echo "run.sh: only $total_execs executions, fewer than $TOTAL_RUNS" >&2
    exit 1
fi
echo "no findings"
