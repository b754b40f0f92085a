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

echo "## feed export, 10,000 events (issue 5)"
.build/release/PodiumBench feed "$work/feed.ics" "$work/spec.tsv"
cc -O2 bench/libical_floor.c $(pkg-config --cflags --libs libical) -o "$work/libical_floor"
"$work/libical_floor" "$work/spec.tsv"
$py bench/python_icalendar.py "$work/spec.tsv"

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
