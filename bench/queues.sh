#!/usr/bin/env bash
# Every work queue's default view and a filtered view at its page 3, on one database, each signed in as the person
# who works that queue: p50/p95 in ms (wrk, one connection, so the figure is one request's time at the server, not
# queueing behind others), the rows shown and the true total the page states, and the load average.
#
#   bash bench/queues.sh <data folder>          # e.g. .data/big (see README "Speed": seed first)
#
# DURATION (seconds per URL, default 5) and CONNECTIONS (default 1) can be set. The page-3 address is reached by
# following the page's own "next page" links twice, as a person would.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-1}
PORT=${PORT:-5321}
[ -n "${NO_BUILD:-}" ] || dotnet build src/AfterSales.Web -c Release -v q -nologo >/dev/null

folder=$(realpath "${1:?data folder}")
base="http://127.0.0.1:$PORT"
applog=$(mktemp)
LocalDatabase__Path=$folder Demo__Seed=false Discipline__DailyScan=false ASPNETCORE_ENVIRONMENT=Development \
  Serilog__MinimumLevel__Default=Warning \
  dotnet src/AfterSales.Web/bin/Release/net10.0/AfterSales.Web.dll --urls "$base" --contentRoot "$(pwd)/src/AfterSales.Web" >"$applog" 2>&1 &
app=$!
jars=()
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -f "$applog" "${jars[@]}"' EXIT
until curl -sf "$base/health/ready" >/dev/null; do
  kill -0 $app 2>/dev/null || { cat "$applog"; exit 1; }
  sleep 0.5
done

load() { cut -d' ' -f1-3 /proc/loadavg; }

# sign_in USER -> prints the auth cookie's value
declare -A COOKIE
sign_in() {
  local jar token
  jar=$(mktemp)
  jars+=("$jar")
  token=$(curl -s -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "UserName=$1" --data-urlencode Password=aftersales-demo --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
  COOKIE[$1]=$(awk '$6 == "AfterSales.Auth" {print $7}' "$jar")
  [ -n "${COOKIE[$1]}" ] || { echo "sign-in of $1 failed"; exit 1; }
}

get() { curl -s -H "Cookie: AfterSales.Auth=${COOKIE[$1]}" "$base$2"; }

# The page's "next page" link (queues: id="next-page", board: data-testid="next-page").
next() {
  get "$1" "$2" | python3 -c '
import re, sys, html
for tag in re.findall(r"<a\b[^>]*>", sys.stdin.read()):
    if re.search(r"(id|data-testid)=\"next-page\"", tag):
        print(html.unescape(re.search(r"href=\"([^\"]*)\"", tag).group(1))); break'
}

# page3 USER URL -> the address of page 3 of that list
page3() {
  local p2
  p2=$(next "$1" "$2")
  [ -n "$p2" ] || { echo "$2"; return; }
  next "$1" "$p2"
}

# shape USER URL ROW_PATTERN -> "rows total" as the page shows them
shape() {
  get "$1" "$2" | python3 -c '
import re, sys
page = sys.stdin.read()
rows = len(re.findall(sys.argv[1], page))
total = re.search(r"data-total=\"([0-9]+)\"", page)
print(rows, total.group(1) if total else "-")' "$3"
}

measure() {
  local label=$1 user=$2 url=$3 rows=$4 r shown
  # one visit first, alone: what a page keeps between visits (the dismissal alerts) is worked out once, as after a start
  curl -s -o /dev/null -H "Cookie: AfterSales.Auth=${COOKIE[$user]}" "$base$url"
  wrk -t1 -c"$CONNECTIONS" -d2s -H "Cookie: AfterSales.Auth=${COOKIE[$user]}" "$base$url" >/dev/null 2>&1 || true
  r=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -H "Cookie: AfterSales.Auth=${COOKIE[$user]}" -s bench/report.lua "$base$url" 2>/dev/null | awk '/^RESULT/ {print $3, $4, $5}')
  read -r p50 p95 err <<<"$r"
  read -r n total <<<"$(shape "$user" "$url" "$rows")"
  printf '%-34s %-10s %8s %8s %5s %9s %4s  load %s\n' "$label" "$user" "$p50" "$p95" "$n" "$total" "$err" "$(load)"
}

pgport=$(sed -n 4p "$folder/data/postmaster.pid")
psqlc=(env PGPASSWORD="$(cat "$folder/aftersales.password")" psql -qtA -h 127.0.0.1 -p "$pgport" -U aftersales aftersales)
echo "== $folder: $("${psqlc[@]}" -c "select count(*) from tickets") tickets; load average $(load)"
"${psqlc[@]}" -F ' ' -c "select 'records', count(*), count(*) filter (where status in ('Proposed','Appealed')) from discipline_records
  union all select 'complaints', count(*), count(*) filter (where class is null or stage <> 'Resolved') from complaints
  union all select 'follow-ups', count(*), count(*) filter (where status = 'Pending') from follow_ups
  union all select 'exchanges', count(*), count(*) filter (where status <> 'Completed') from exchange_requests
  union all select 'quality reports', count(*), count(*) filter (where status <> 'Closed') from quality_reports
  union all select 'technicians', count(*), count(*) from technician_profiles
  union all select 'staff', count(*), count(*) filter (where not is_disabled) from \"AspNetUsers\"" | awk '{printf "   %-16s %9s rows, %9s open\n", $1 " " ($2 ~ /^[0-9]+$/ ? "" : $2), $(NF-1), $NF}'

for u in manager1 quality1 desk1 dispatch1 admin1; do sign_in "$u"; done
station=$("${psqlc[@]}" -c "select department from \"AspNetUsers\" u join technician_profiles p on p.technician_id = u.id where department is not null group by 1 order by count(*) desc limit 1")
category=$("${psqlc[@]}" -c "select id from product_categories order by id limit 1")
cat_code=$("${psqlc[@]}" -c "select code from product_categories order by id limit 1")
fstation=$("${psqlc[@]}" -c "select department from \"AspNetUsers\" u join follow_ups f on f.technician_id = u.id where f.status = 'Pending' and department is not null group by 1 order by count(*) desc limit 1")
fstationq=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$fstation")
stationq=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$station")

printf '%-34s %-10s %8s %8s %5s %9s %4s\n' queue user p50 p95 rows total err
measure "records (awaiting my decision)" manager1 "/Discipline/Records" 'data-testid="record-row"'
measure "records all, dept, page 3" manager1 "$(page3 manager1 "/Discipline/Records?view=all&dept=$stationq")" 'data-testid="record-row"'
measure "complaints (open)" quality1 "/Quality/Complaints" 'data-testid="complaint-row"'
measure "complaints all, category, page 3" quality1 "$(page3 quality1 "/Quality/Complaints?view=all&category=$category")" 'data-testid="complaint-row"'
measure "follow-ups (today, then overdue)" desk1 "/FollowUps" 'data-testid="followup-row"'
measure "follow-ups overdue, station, p. 3" desk1 "$(page3 desk1 "/FollowUps?due=overdue&station=$fstationq")" 'data-testid="followup-row"'
measure "exchanges (waiting)" manager1 "/Exchanges" 'data-testid="(exchange|ledger)-row"'
measure "exchanges ledger, category, p. 3" manager1 "$(page3 manager1 "/Exchanges?view=ledger&category=$category")" 'data-testid="(exchange|ledger)-row"'
measure "technicians" dispatch1 "/Technicians" 'data-testid="technician-row"'
measure "technicians, station, page 3" dispatch1 "$(page3 dispatch1 "/Technicians?station=$stationq")" 'data-testid="technician-row"'
measure "staff" admin1 "/Admin/Users" '<tr data-testid="user-'
measure "staff technicians, page 3" admin1 "$(page3 admin1 "/Admin/Users?F.Role=Technician")" '<tr data-testid="user-'
measure "quality reports (open)" quality1 "/Quality/Reports" 'data-testid="report-row"'
measure "quality reports closed, page 3" quality1 "$(page3 quality1 "/Quality/Reports?status=Closed")" 'data-testid="report-row"'
measure "tickets" desk1 "/Tickets" 'data-testid="ticket-row"'
measure "tickets urgent, waiting, page 3" desk1 "$(page3 desk1 "/Tickets?F.Urgency=Emergency&F.Status=New")" 'data-testid="ticket-row"'
measure "tickets one category, page 3" desk1 "$(page3 desk1 "/Tickets?F.Category=$cat_code")" 'data-testid="ticket-row"'
measure "tickets: exact count, one category" desk1 "/Tickets/Export?handler=Count&F.Category=$cat_code" 'never-a-row'
measure "board: waiting" dispatch1 "/Dispatch" 'data-testid="waiting-row"'
measure "board: search, part of a number" dispatch1 "/Dispatch?F.Q=0001" 'data-testid="waiting-row"'
measure "board: waiting, category, page 3" dispatch1 "$(page3 dispatch1 "/Dispatch?F.Cat=$cat_code&F.Urgency=Normal")" 'data-testid="waiting-row"'
measure "board: technicians' load" dispatch1 "/Dispatch?F.View=load" 'data-testid="load-row"'
measure "board: open work orders" dispatch1 "/Dispatch?F.View=orders" 'data-testid="(work-order|overdue)-row"'
measure "board: open work orders, page 3" dispatch1 "$(page3 dispatch1 "/Dispatch?F.View=orders")" 'data-testid="(work-order|overdue)-row"'
measure "board: overdue" manager1 "/Dispatch?F.View=overdue" 'data-testid="(work-order|overdue)-row"'
echo "load average at the end: $(load)"
