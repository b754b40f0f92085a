#!/usr/bin/env bash
# HTTP benchmark: wrk on loopback against Podium's public feed (about 1 MB) and against
# nginx serving the same bytes as a static file, in the same run; 200s and 304s.
# Usage: bench/http.sh [SCALE] (after `swift build -c release`); prints Markdown tables. At a
# SCALE other than 1 (a database SCALE times larger, so a feed about SCALE MB) only podium
# serve and its floor are compared.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"' EXIT
scale=${1:-1}
.build/release/PodiumBench seed-db "$work/bench.sqlite" "$scale" > /dev/null
mkdir -p "$work/pub"
.build/release/podium serve --database "$work/bench.sqlite" --port 8181 --as-of 2025-12-01T00:00:00Z --publish-to "$work/pub" > "$work/serve.log" 2>&1 &
for _ in $(seq 150); do curl -sf http://127.0.0.1:8181/healthz > /dev/null && break; sleep 0.2; done
curl -s http://127.0.0.1:8181/feeds/public.vi.ics -o "$work/public.vi.ics"
etag=$(curl -s -D - -o /dev/null http://127.0.0.1:8181/feeds/public.vi.ics | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
mkdir -p "$work/www/feeds" && cp "$work/public.vi.ics" "$work/www/feeds/"
# The floor: a bare Hummingbird route answering the same bytes from memory (issue 17, P3).
.build/release/PodiumBench floor "$work/public.vi.ics" /feeds/public.vi.ics 8383 > "$work/floor.log" 2>&1 &
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8383/feeds/public.vi.ics && break; sleep 0.2; done
fetag=$(curl -s -D - -o /dev/null http://127.0.0.1:8383/feeds/public.vi.ics | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
rps() { wrk -t2 -c32 -d10s "$@" | awk '/Requests\/sec/{print $2}'; }
# serve and its floor, alternated over three 5-second rounds each and the median of each
# kept: on a shared machine the rate drifts over a minute, and back-to-back runs would give
# the drift to whichever ran second. Usage: paired [SERVE-ETAG FLOOR-ETAG] (with tags: 304s).
# Prints "SERVE FLOOR".
paired() {
  local a=() b=() i sa=() fa=() url=/feeds/public.vi.ics
  [ $# -eq 2 ] && { sa=(-H "If-None-Match: $1"); fa=(-H "If-None-Match: $2"); }
  for i in 1 2 3; do
    # Which one goes first alternates too, so neither always gets the fresher machine.
    if [ "$i" = 2 ]; then
      b+=("$(wrk -t2 -c32 -d5s "${fa[@]}" "http://127.0.0.1:8383$url" | awk '/Requests\/sec/{print $2}')")
      a+=("$(wrk -t2 -c32 -d5s "${sa[@]}" "http://127.0.0.1:8181$url" | awk '/Requests\/sec/{print $2}')")
    else
      a+=("$(wrk -t2 -c32 -d5s "${sa[@]}" "http://127.0.0.1:8181$url" | awk '/Requests\/sec/{print $2}')")
      b+=("$(wrk -t2 -c32 -d5s "${fa[@]}" "http://127.0.0.1:8383$url" | awk '/Requests\/sec/{print $2}')")
    fi
  done
  python3 -c "import statistics,sys; n=len(sys.argv)//2; a=sys.argv[1:1+n]; b=sys.argv[1+n:]; print(statistics.median(map(float,a)), statistics.median(map(float,b)))" "${a[@]}" "${b[@]}"
}
size=$(stat -c %s "$work/public.vi.ics")
if [ "$scale" != 1 ]; then
  read -r podium200 floor200 < <(paired)
  read -r podium304 floor304 < <(paired "$etag" "$fetag")
  # Both must really answer 304 to the tags used, or the 304 row compares other work.
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" http://127.0.0.1:8181/feeds/public.vi.ics)" = 304 ] || echo "WARNING: serve did not answer 304"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $fetag" http://127.0.0.1:8383/feeds/public.vi.ics)" = 304 ] || echo "WARNING: the floor did not answer 304"
  echo "| ${scale}× | $size | 200: $podium200 vs $floor200 = $(python3 -c "print(f'{$podium200/$floor200:.2f}')") | 304: $podium304 vs $floor304 = $(python3 -c "print(f'{$podium304/$floor304:.2f}')") |"
  exit 0
fi
cat > "$work/nginx.conf" <<CONF
user root; worker_processes 2; pid $work/nginx.pid; error_log $work/nginx.err; daemon on;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on;
  types { text/calendar ics; }
  server { listen 127.0.0.1:8282; root $work/www; etag on; }
  server { listen 127.0.0.1:8484; root $work/pub; etag on; } }
CONF
nginx -c "$work/nginx.conf"
sleep 0.5
netag=$(curl -s -D - -o /dev/null http://127.0.0.1:8282/feeds/public.vi.ics | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
read -r podium200 floor200 < <(paired)
read -r podium304 floor304 < <(paired "$etag" "$fetag")
nginx200=$(rps http://127.0.0.1:8282/feeds/public.vi.ics)
nginx304=$(rps -H "If-None-Match: $netag" http://127.0.0.1:8282/feeds/public.vi.ics)
# The static path: what `serve --publish-to` wrote, served by nginx itself.
petag=$(curl -s -D - -o /dev/null http://127.0.0.1:8484/feeds/public.vi.ics | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
pub200=$(rps http://127.0.0.1:8484/feeds/public.vi.ics)
pub304=$(rps -H "If-None-Match: $petag" http://127.0.0.1:8484/feeds/public.vi.ics)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" http://127.0.0.1:8181/feeds/public.vi.ics)
ncode=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $netag" http://127.0.0.1:8282/feeds/public.vi.ics)
# A change made by another process (the CLI), and how long until nginx serves it (after the
# conditional checks above, which need the feed unchanged).
before=$(curl -s http://127.0.0.1:8484/feeds/public.vi.ics | sha256sum)
t0=$(date +%s.%N)
changed=$(.build/release/podium series cancel-occurrence s49 --occurrence 2025-12-25T09:00 --reason "bench" --database "$work/bench.sqlite" --as bench 2>&1 || true)
visible=""
for _ in $(seq 100); do
  if [ "$(curl -s http://127.0.0.1:8484/feeds/public.vi.ics | sha256sum)" != "$before" ]; then
    visible=$(python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')"); break
  fi
  sleep 0.05
done
echo "| response | feed bytes | Podium req/s | nginx req/s | Podium / nginx |"
echo "|---|---|---|---|---|"
echo "| 200 ($(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8181/feeds/public.vi.ics) / $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8282/feeds/public.vi.ics)) | $size | $podium200 | $nginx200 | $(python3 -c "print(f'{$podium200/$nginx200:.2f}')") |"
echo "| 304 ($code / $ncode) | 0 | $podium304 | $nginx304 | $(python3 -c "print(f'{$podium304/$nginx304:.2f}')") |"
echo
echo "| response | podium serve req/s | bare Hummingbird (floor) req/s | serve / floor | published files via nginx req/s | published / nginx |"
echo "|---|---|---|---|---|---|"
echo "| 200 | $podium200 | $floor200 | $(python3 -c "print(f'{$podium200/$floor200:.2f}')") | $pub200 | $(python3 -c "print(f'{$pub200/$nginx200:.2f}')") |"
echo "| 304 | $podium304 | $floor304 | $(python3 -c "print(f'{$podium304/$floor304:.2f}')") | $pub304 | $(python3 -c "print(f'{$pub304/$nginx304:.2f}')") |"
echo
echo "a change by the CLI ($changed) visible in the published feed after: ${visible:-not within 5} s"
echo
echo "| scale | feed bytes | serve / floor, 200 (req/s) | serve / floor, 304 (req/s) |"
echo "|---|---|---|---|"
echo "| 1× | $size | 200: $podium200 vs $floor200 = $(python3 -c "print(f'{$podium200/$floor200:.2f}')") | 304: $podium304 vs $floor304 = $(python3 -c "print(f'{$podium304/$floor304:.2f}')") |"
