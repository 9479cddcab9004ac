#!/usr/bin/env bash
# Signed-in pages beside a raw baseline (bench/Raw: the same SQL through plain Npgsql and a hand-written HTML
# table), interleaved in one run on one database, each line with the load average; then the same pages on a
# small database for the growth ratio.
#
#   bash bench/pages.sh <big data folder> [small data folder]   # e.g. .data/big .data/postgres
#
# Each URL: wrk, 2 threads, 16 connections, $DURATION seconds (default 10) after a 2-second warm-up.
# Columns: p50 and p95 in ms and requests per second; "ratio" is the page's rps over the baseline's.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
DURATION=${DURATION:-10}
dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null
dotnet build bench/Raw -c Release -v q -nologo >/dev/null

q() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
load() { cut -d' ' -f1 /proc/loadavg; }

# wrk_run URL [cookie] -> "rps p50 p95 errors"
wrk_run() {
  local header=()
  [ -n "${2:-}" ] && header=(-H "Cookie: AfterSales.Auth=$2")
  wrk -t2 -c16 -d2s "${header[@]}" "$1" >/dev/null 2>&1 || true
  wrk -t2 -c16 -d"${DURATION}s" "${header[@]}" -s bench/report.lua "$1" 2>/dev/null | awk '/^RESULT/ {print $2, $3, $4, $5}'
}

start_set() {
  folder=$(realpath "$1")
  port=$2
  applog=$(mktemp)
  LocalDatabase__Path=$folder Demo__Seed=false Discipline__DailyScan=false ASPNETCORE_ENVIRONMENT=Development \
    Serilog__MinimumLevel__Default=Warning \
    dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/AfterSales.Web" >"$applog" 2>&1 &
  app=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do
    kill -0 $app 2>/dev/null || { cat "$applog"; exit 1; }
    sleep 0.5
  done
  pgport=$(sed -n 4p "$folder/data/postmaster.pid")
  export PGPASSWORD; PGPASSWORD=$(cat "$folder/aftersales.password")
  psqlc=(psql -qtA -h 127.0.0.1 -p "$pgport" -U aftersales aftersales)
  dotnet bench/Raw/bin/Release/net10.0/Raw.dll --urls "http://127.0.0.1:$((port + 1))" \
    --ConnectionString "Host=127.0.0.1;Port=$pgport;Username=aftersales;Password=$PGPASSWORD;Database=aftersales" >/dev/null 2>&1 &
  raw=$!
  until curl -sf "http://127.0.0.1:$((port + 1))/raw/noop" >/dev/null; do kill -0 $raw 2>/dev/null || { echo "the raw baseline did not start"; exit 1; }; sleep 0.3; done
  jar=$(mktemp)
  local token
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "UserName=${BENCH_USER:-dispatch1}" --data-urlencode Password=aftersales-demo --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
  cookie=$(awk '$6 == "AfterSales.Auth" {print $7}' "$jar")
  [ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
  tickets=$("${psqlc[@]}" -c "select count(*) from tickets")
  waiting=$("${psqlc[@]}" -c "select count(*) from tickets where status in ('New','AwaitingQuote','Quoted','Consented') and service_mode <> 'PhoneFix'")
  echo "== $1: $tickets tickets, $waiting waiting for a visit; load average $(load)"
}

app="" raw="" jar="" applog=""
stop_set() {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$raw" ] && kill "$raw" 2>/dev/null
  wait 2>/dev/null || true
  rm -f "$jar" "$applog"
  app="" raw=""
}
trap stop_set EXIT

# cursor OFFSET -> the list's keyset cursor after that many newest tickets
cursor() {
  "${psqlc[@]}" -c "select ((extract(epoch from created_at) * 10000000)::bigint + 621355968000000000)::text || '.' || id from tickets order by created_at desc, id desc offset $1 limit 1"
}

# measure LABEL APP_PATH [RAW_PATH]: prints the page's figures, the baseline's and the ratio, and remembers p95 per label.
declare -A P95
measure() {
  local label=$1 path=$2 rawpath=${3:-}
  local a r
  a=$(wrk_run "http://127.0.0.1:$port$path" "$cookie")
  if [ -n "$rawpath" ]; then
    r=$(wrk_run "http://127.0.0.1:$((port + 1))$rawpath")
  else
    r="- - - -"
  fi
  read -r arps ap50 ap95 aerr <<<"$a"
  read -r rrps rp50 rp95 _ <<<"$r"
  P95[$label]=$ap95
  local ratio="-"
  [ "$rrps" != "-" ] && ratio=$(awk -v a="$arps" -v b="$rrps" 'BEGIN {printf "%.2f", a / b}')
  printf '%-22s %8s %8s %8s %4s | %8s %8s %8s | %5s  load %s\n' "$label" "$ap50" "$ap95" "$arps" "$aerr" "$rp50" "$rp95" "$rrps" "$ratio" "$(load)"
}

run_pages() {
  printf '%-22s %8s %8s %8s %4s | %8s %8s %8s | %5s\n' page p50 p95 rps err "raw p50" "raw p95" "raw rps" ratio
  # The no-op pair: a signed-in request that does no page work (health) against the same anonymously.
  local anon
  anon=$(wrk_run "http://127.0.0.1:$port/health/live")
  measure "signed-in no-op" /health/live
  read -r nrps _ <<<"$anon"
  echo "                       anonymous no-op: $anon  (signed-in / anonymous rps $(awk -v a="$(wrk_run "http://127.0.0.1:$port/health/live" "$cookie" | cut -d' ' -f1)" -v b="$nrps" 'BEGIN {printf "%.2f", a / b}'))"
  measure "list" /Tickets /raw/tickets
  local c2 c500
  c2=$(cursor 49)
  measure "list page 2" "/Tickets?F.After=$c2" "/raw/tickets?after=$c2"
  c500=$(cursor $(( tickets / 2 )))
  measure "list at the middle" "/Tickets?F.After=$c500" "/raw/tickets?after=$c500"
  for w in 漏 水 漏水 制冷 不制冷 噪音大 王; do
    measure "search $w" "/Tickets?F.Q=$(q "$w")" "/raw/tickets?q=$(q "$w")"
  done
  measure "search phone 4" "/Tickets?F.Q=5678"
  measure "board" /Dispatch
  measure "dashboard" /
}

start_set "$1" 5301
run_pages
declare -A BIG
for k in "${!P95[@]}"; do BIG[$k]=${P95[$k]}; done
rss=$(awk '/VmHWM/ {print $2 / 1024}' /proc/$app/status)
echo "peak RSS of the app: ${rss} MiB"
stop_set

if [ -n "${2:-}" ]; then
  start_set "$2" 5311
  run_pages
  stop_set
  echo "== growth: p95 on $1 / p95 on $2"
  for k in "${!BIG[@]}"; do
    awk -v k="$k" -v a="${BIG[$k]}" -v b="${P95[$k]}" 'BEGIN {printf "%-22s %8.2f / %8.2f = %5.2f\n", k, a, b, a / b}'
  done | sort
fi
