#!/usr/bin/env bash
# Shared by the bench scripts: start the app (Release) on a data folder, sign in, and time URLs at the server
# (Serilog's "responded 200 in X ms"). Source it, then: bench_start FOLDER PORT; bench_sign_in USER; bench_measure URL...

# Starts the app on FOLDER's database without seeding or the daily proposal scan (they would change what is measured).
bench_start() {
  folder=$(realpath "$1")
  local port=$2
  log=$(mktemp)
  jar=$(mktemp)
  dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null
  LocalDatabase__Path=$folder Demo__Seed=false Discipline__DailyScan=false ASPNETCORE_ENVIRONMENT=Development \
    dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "http://127.0.0.1:$port" --contentRoot "$(pwd)/src/AfterSales.Web" >"$log" 2>&1 &
  app=$!
  trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$log" "$log.times" "$jar"' EXIT
  until grep -q "AfterSales is running" "$log"; do
    kill -0 $app 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.5
  done
  base="http://127.0.0.1:$port"
}

bench_sign_in() {
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "UserName=$1" --data-urlencode Password=aftersales-demo --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
}

# Requests each URL 7 times (the first warms the cache) and prints the median and worst server time of the other 6.
bench_measure() {
  printf '%-70s %8s %8s\n' "url" "median" "worst"
  local u i before shown
  for u in "$@"; do
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
}

q() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
