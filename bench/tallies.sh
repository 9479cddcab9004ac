#!/usr/bin/env bash
# Monthly tally screen, its export and the records list, measured at the server (Serilog's "responded ... in X ms").
#
#   dotnet run --project src/AfterSales.Web -c Release -- seed --staff 2000 --records 500000 --customers 200000 --tickets 1520000   # once (LocalDatabase__Path to keep it apart)
#   bash bench/tallies.sh [data-folder]                                                                                          # default .data/postgres
#
# Starts the app on that database, prints the row counts the figures belong to, signs in as manager1,
# requests each URL 7 times (the first warms the cache), and prints the median and worst server time per URL.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(realpath "${1:-.data/postgres}")
port=5124
log=$(mktemp)
jar=$(mktemp)
dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null
LocalDatabase__Path=$folder Demo__Seed=false Discipline__DailyScan=false ASPNETCORE_ENVIRONMENT=Development \
  dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/AfterSales.Web" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$log" "$jar"' EXIT
until grep -q "AfterSales is running" "$log"; do
  kill -0 $app 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
base="http://127.0.0.1:$port"

# The app's own cluster: port from postmaster.pid, password kept beside the data.
pgport=$(sed -n 4p "$folder/data/postmaster.pid")
PGPASSWORD=$(cat "$folder/aftersales.password") psql -h 127.0.0.1 -p "$pgport" -U aftersales -d aftersales -X -q -P footer=off -c "
  select (select count(*) from \"AspNetUsers\") as users,
         (select count(*) from technician_profiles) as technicians,
         (select count(*) from work_orders) as work_orders,
         (select count(*) from work_orders
           where completed_at >= (date_trunc('month', now() at time zone 'Asia/Shanghai') - interval '1 month') at time zone 'Asia/Shanghai'
             and completed_at <  date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai') as completed_last_month,
         (select count(*) from discipline_records) as discipline_records"

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode UserName=manager1 --data-urlencode Password=aftersales-demo --data-urlencode "__RequestVerificationToken=$t" "$base/Account/Login"

current=$(TZ=Asia/Shanghai date +%Y-%m)
previous=$(TZ=Asia/Shanghai date -d "$current-01 -1 month" +%Y-%m)
urls=(
  "/Tallies/$previous"
  "/Tallies/$current"
  "/Tallies/$previous?Department=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("华东服务站"))')"
  "/Tallies/$previous/Export?format=xlsx"
  "/Tallies/$previous/Export?format=csv"
  "/Discipline/Records"
)
printf '%-70s %8s %8s\n' "url" "median" "worst"
for u in "${urls[@]}"; do
  : >"$log.times"
  for i in 1 2 3 4 5 6 7; do
    before=$(wc -l <"$log")
    curl -s -b "$jar" -o /dev/null "$base$u"
    sleep 0.05
    tail -n +"$((before + 1))" "$log" | grep -o 'responded 200 in [0-9.]* ms' | head -1 | awk '{print $4}' >>"$log.times"
  done
  shown=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.unquote(sys.argv[1]))' "$u")
  tail -n +2 "$log.times" | sort -n | awk -v u="$shown" '{a[NR]=$1} END {if (NR == 0) {printf "%-70s %8s\n", substr(u,1,70), "no 200"} else printf "%-70s %6.1fms %6.1fms\n", substr(u,1,70), a[int((NR+1)/2)], a[NR]}'
done
rm -f "$log.times"
