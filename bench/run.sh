#!/usr/bin/env bash
# Runs every benchmark and prints the results BENCHMARKS.md records. Not a test: numbers
# depend on the machine. Usage: make bench (builds release and installs the tools first).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "## machine"; nproc; grep -m1 "model name" /proc/cpuinfo || true

echo "## national-scale plan (issue 4)"
/usr/bin/time -v .build/release/PodiumBench national 2> "$work/time.txt"
grep -E "Maximum resident|Elapsed" "$work/time.txt"

echo "## fairness against the exact optimum (issue 4)"
.build/release/PodiumBench fairness "$work/fair.json" > /dev/null
$py bench/fairness.py "$work/fair.json"

echo "## P1 feed export, 10,000 events (issues 5, 17): Podium's writer vs libical from C, same bytes"
.build/release/PodiumBench feed "$work/feed.ics" "$work/spec.tsv"
cc -O2 bench/libical_floor.c $(pkg-config --cflags --libs libical) -o "$work/libical_floor"
"$work/libical_floor" "$work/spec.tsv" "$work/floor.ics"
# The floor writes exactly Podium's calendar, so the ratio compares equal work.
if cmp -s "$work/feed.ics" "$work/floor.ics"; then echo "the C floor's calendar is byte for byte Podium's"
else echo "WARNING: the C floor's calendar differs from Podium's: the ratio compares different work"; fi
$py bench/python_icalendar.py "$work/spec.tsv"
# Instruction counts repeat exactly where wall-clock ratios drift (5 builds each, only inside
# the writer / the C build). Valgrind cannot read Swift's DWARF, so the debug info is stripped.
strip --strip-debug -o "$work/PodiumBench" .build/release/PodiumBench
cg() { valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" 2>&1 | awk '/Collected/{print $4}'; }
podium_ir=$(cg '--toggle-collect=$s9ICalendar0A6WriterO9serialiseySSAA12ICalCalendarVAA0A5ErrorOYKFZ' \
  "$work/PodiumBench" feed "$work/cg.ics" "$work/cg.tsv")
floor_ir=$(cg --toggle-collect=build "$work/libical_floor" "$work/spec.tsv")
echo "callgrind instructions (5 builds): Podium $podium_ir, C floor $floor_ir, ratio $(python3 -c "print(f'{$podium_ir/$floor_ir:.3f}')") (target <= 1.3)"

echo "## CLI on a database of 10,000+ events (issue 6)"
.build/release/PodiumBench seed-db "$work/db.sqlite" > /dev/null
# -i: `podium check` exits 1 when it finds problems (the seeded plan has some); that is its
# answer, not a failed run, and must not stop the benchmarks after it.
hyperfine -N -i --warmup 2 --runs 15 \
  ".build/release/podium agenda --database $work/db.sqlite --from 2025-06-01 --to 2025-06-08" \
  ".build/release/podium check --database $work/db.sqlite --from 2025-01-01 --to 2026-01-01" \
  | grep -E "Benchmark|Time"

echo "## workspace month view, 2,000 and 8,000 occurrences (issue 14)"
$py bench/month_view.py .build/release/podium --occurrences 2000 8000

echo "## HTTP (issue 7)"
bench/http.sh
