#!/bin/sh
# How Tests/Fixtures/store/v11-sample.sqlite was made: by `podium` built from main at f15a78d
# (the last schema that kept the plan as JSON bodies, migrations v1–v11), from the Phú Yên
# sample plus one of each kind of edit. The expected feeds beside it were exported by the
# same binary; StoreMigrationTests opens the database with today's code and compares.
# Usage: make-v11.sh PODIUM_BINARY OUT_DIR   (run from the repository root)
set -eu
P=$1
OUT=$2
DB=$OUT/v11-sample.sqlite
rm -f "$DB" "$DB-wal" "$DB-shm"
export PODIUM_DATABASE=$DB PODIUM_USER=admin
"$P" init --admin admin > /dev/null
"$P" import calendars/phu-yen-2024/plan.yaml > /dev/null
"$P" series add hop-bao-so-ngoai-vu --organizer so-ngoai-vu-phu-yen --title "Họp báo Sở Ngoại vụ" --title-en "Department of Foreign Affairs press conference" --rrule "FREQ=MONTHLY;BYDAY=2WE;COUNT=12" --start 2025-01-08T09:00 --minutes 60 --venue phong-hop-so-tttt --languages vi,en > /dev/null
"$P" series cancel-occurrence hop-bao-so-ngoai-vu --occurrence 2025-02-12T09:00 --reason "Trùng lịch làm việc của tỉnh" > /dev/null
"$P" series move-occurrence hop-bao-so-ngoai-vu --occurrence 2025-03-12T09:00 --to 2025-03-13T14:00 --venue hoi-truong-ubnd-phu-yen --reason "Phòng họp sửa chữa" > /dev/null
"$P" series split hop-bao-so-ngoai-vu --occurrence 2025-06-11T09:00 --new-id hop-bao-so-ngoai-vu-tu-thang-6 > /dev/null
"$P" adhoc add dich-benh-2025 --title "Thông tin về dịch sốt xuất huyết" --organizer so-tttt-phu-yen --trigger incident --triggered-at 2025-06-10T07:00:00+07:00 --start 2025-06-10T15:00 > /dev/null
"$P" spokesperson unavailable tran-thi-binh --from 2025-04-01 --to 2025-04-10 --kind leave --reason "Nghỉ phép" > /dev/null
"$P" auto-assign --from 2025-01-01 --to 2026-01-01 > /dev/null || true
echo "secret-password-1" | "$P" user add bientap --display-name "Biên tập viên" --role editor --scope so-tttt-phu-yen --password-stdin > /dev/null
"$P" outcome record hop-bao-quy@20240104T150000 --result held --journalists 30 --agencies 12 > /dev/null
"$P" export --audience public --lang vi --out "$OUT/v11-sample.public.vi.ics" --as-of 2024-01-01 --stamp 2024-01-01T00:00:00Z > /dev/null
"$P" export --audience internal --out "$OUT/v11-sample.internal.ics" --as-of 2024-01-01 --stamp 2024-01-01T00:00:00Z > /dev/null
"$P" history --limit 1000 > "$OUT/v11-sample.history.txt"
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
rm -f "$DB-wal" "$DB-shm"
