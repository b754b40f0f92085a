#!/usr/bin/env bash
# Renders the Phú Yên 2024 yearly report from the sample plan and its outcomes into DIR
# (report-2024.html, .csv, .json): a fresh database, the plan imported with its outcomes
# file, then `podium report`. Used by `make report` (into calendars/phu-yen-2024/) and by
# `make report-check` (into a temporary folder, compared with the committed files).
set -euo pipefail
podium=${1:?usage: render_report.sh PODIUM_BINARY DIR}
out=${2:?usage: render_report.sh PODIUM_BINARY DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/report.sqlite"
"$podium" init --database "$db" >/dev/null
"$podium" import calendars/phu-yen-2024/plan.yaml --database "$db" >/dev/null
for format in html csv json; do
  "$podium" report --database "$db" --year 2024 --agency ubnd-phu-yen --format "$format" \
    --out "$out/report-2024.$format" >/dev/null
done
echo "rendered $out/report-2024.{html,csv,json}"
