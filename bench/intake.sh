#!/usr/bin/env bash
# Intake under a fixed arrival rate: 200 calls/s for 60 s, then 400/s for 30 s (beyond capacity: the excess must be
# shed with 503 + Retry-After while accepted calls stay fast). Prints the app's peak RSS, the database
# connections it held at most, and the load average.
#
#   bash bench/intake.sh <data folder>     # a copy you do not mind growing: every accepted call is a new ticket
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(realpath "$1")
port=${PORT:-5401}
if ss -ltn "sport = :$port" | grep -q LISTEN; then echo "port $port is in use (set PORT)"; exit 1; fi
dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null
applog=$(mktemp)
LocalDatabase__Path=$folder Demo__Seed=false Discipline__DailyScan=false ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning \
  dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/AfterSales.Web" >"$applog" 2>&1 &
app=$!
watch=
trap 'kill $app $watch 2>/dev/null; wait $app 2>/dev/null; rm -f "$applog" "$callers" "$conns"' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do kill -0 $app || { cat "$applog"; exit 1; }; sleep 0.5; done
pgport=$(sed -n 4p "$folder/data/postmaster.pid")
export PGPASSWORD; PGPASSWORD=$(cat "$folder/aftersales.password")
psqlc=(psql -qtA -F ' ' -h 127.0.0.1 -p "$pgport" -U aftersales aftersales)
callers=$(mktemp)
"${psqlc[@]}" -c "select u.customer_id, u.id, (select p.number from customer_phones p where p.customer_id = u.customer_id limit 1) from units u tablesample system (1) limit 2000" >"$callers"
conns=$(mktemp)
( while true; do "${psqlc[@]}" -c "select count(*) from pg_stat_activity where application_name not like 'aftersales-%' and backend_type = 'client backend'" >>"$conns" 2>/dev/null; sleep 0.5; done ) &
watch=$!
max_connections=$("${psqlc[@]}" -c "show max_connections")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/intake-rate.mjs "http://127.0.0.1:$port" 200 60 "$callers"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/intake-rate.mjs "http://127.0.0.1:$port" 400 30 "$callers"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "peak RSS of the app: $(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' /proc/$app/status) MiB; most database connections in use: $(sort -n "$conns" | tail -1) of max_connections $max_connections"
