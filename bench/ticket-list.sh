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
source bench/common.sh
bench_start "${1:-.data/postgres}" 5123
bench_sign_in desk1

from=$(date -d '-30 days' +%F)
urls=(
  "/Tickets"
  "/Tickets?F.Status=InProgress"
  "/Tickets?F.Status=New&F.Urgency=Emergency"
  "/Tickets?F.Warranty=OutOfWarranty&F.Kind=Repair&F.From=$from"
  "/Tickets?F.Channel=Fax&F.Oldest=true"
  "/Tickets?F.Q=$(q 不制冷)"
  "/Tickets?F.Q=$(q 漏水)"
  "/Tickets?F.Q=$(q 王)&F.Status=Closed"
  "/Tickets?F.Q=13812"
  "/Tickets?F.Q=KF24"
  "/Tickets?F.Q=$(q 王)"
  "/Tickets?F.Q=$(q 欧阳)&F.Oldest=true"
  "/Tickets?F.Q=$(q 室外机结霜)&F.Warranty=InWarranty"
  "/Tickets/New?handler=Lookup&q=1381"
  "/Tickets/New?handler=Lookup&q=13812345678"
  "/Tickets/New?handler=Lookup&q=2345678"
  "/Tickets/New?handler=Lookup&q=$(q 欧阳)"
)
bench_measure "${urls[@]}"
