#!/usr/bin/env bash
# The dispatcher's board on a big database, measured at the server (median and worst of 6 warm requests).
#
#   LocalDatabase__Path=$PWD/.data/big dotnet run --project src/AfterSales.Web -- seed --customers 200000 --tickets 1000000
#   bash bench/dispatch-board.sh .data/big
#
# Signs in as manager1 (who also sees the overdue list), prints how many tickets wait and how many work orders
# are open, then times each section, filtered views and pages reached by following "next page" links.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
bench_start "${1:-.data/postgres}" 5125
bench_sign_in manager1

next() { curl -s -b "$jar" "$base$1" | grep -o 'href="[^"]*" data-testid="next-page"' | head -1 | sed 's/href="//;s/" data-testid.*//;s/&amp;/\&/g'; }
total() { curl -s -b "$jar" "$base$1" | grep -o 'data-total="[0-9]*"' | head -1 | grep -o '[0-9]*'; }

echo "waiting tickets (board total): $(total /Dispatch)   open work orders: $(total '/Dispatch?F.View=orders')   overdue: $(total '/Dispatch?F.View=overdue')"
p2=$(next /Dispatch); p3=$(next "$p2")
f2=$(next '/Dispatch?F.Cat=AC&F.Urgency=Normal'); f3=$(next "$f2")
o2=$(next '/Dispatch?F.View=orders'); o3=$(next "$o2")
urls=(
  "/Dispatch"
  "$p3"
  "/Dispatch?F.Cat=AC&F.Urgency=Normal"
  "$f3"
  "/Dispatch?F.Warranty=OutOfWarranty&F.Age=3"
  "/Dispatch?F.From=$(date +%F)"
  "/Dispatch?F.Q=0001"
  "/Dispatch?F.View=orders"
  "$o3"
  "/Dispatch?F.View=overdue"
  "/Dispatch?F.View=load"
)
bench_measure "${urls[@]}"
