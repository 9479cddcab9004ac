#!/usr/bin/env bash
# Ticket list and caller lookup speed on a big database, measured at the server (Serilog's "responded ... in X ms").
#
#   dotnet run --project src/AfterSales.Web -- seed --customers 200000 --tickets 1000000   # once (LocalDatabase__Path to keep it apart)
#   bash bench/ticket-list.sh [data-folder]                                                   # default .data/postgres
#
# Starts the app on that database, signs in as desk1, requests each list URL 7 times (the first
# warms the cache), and prints the median and worst server time per URL.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$(realpath "${1:-.data/postgres}")
port=5123
log=$(mktemp)
jar=$(mktemp)
dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null
LocalDatabase__Path=$folder Demo__Seed=false ASPNETCORE_ENVIRONMENT=Development \
  dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/AfterSales.Web" >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$log" "$jar"' EXIT
until grep -q "AfterSales is running" "$log"; do sleep 0.5; done
base="http://127.0.0.1:$port"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode UserName=desk1 --data-urlencode Password=aftersales-demo --data-urlencode "__RequestVerificationToken=$t" "$base/Account/Login"

from=$(date -d '-30 days' +%F)
urls=(
  "/Tickets"
  "/Tickets?F.Status=InProgress"
  "/Tickets?F.Status=New&F.Urgency=Emergency"
  "/Tickets?F.Warranty=OutOfWarranty&F.Kind=Repair&F.From=$from"
  "/Tickets?F.Channel=Fax&F.Oldest=true"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("不制冷"))')"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("漏水"))')"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("王"))')&F.Status=Closed"
  "/Tickets?F.Q=13812"
  "/Tickets?F.Q=KF24"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("王"))')"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("欧阳"))')&F.Oldest=true"
  "/Tickets?F.Q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("室外机结霜"))')&F.Warranty=InWarranty"
  "/Tickets/New?handler=Lookup&q=1381"
  "/Tickets/New?handler=Lookup&q=13812345678"
  "/Tickets/New?handler=Lookup&q=2345678"
  "/Tickets/New?handler=Lookup&q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("欧阳"))')"
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
  tail -n +2 "$log.times" | sort -n | awk -v u="$u" '{a[NR]=$1} END {printf "%-70s %6.1fms %6.1fms\n", substr(u,1,70), a[int((NR+1)/2)], a[NR]}'
done
rm -f "$log.times"
