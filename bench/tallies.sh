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
source bench/common.sh
bench_start "${1:-.data/postgres}" 5124

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

bench_sign_in manager1

current=$(TZ=Asia/Shanghai date +%Y-%m)
previous=$(TZ=Asia/Shanghai date -d "$current-01 -1 month" +%Y-%m)
urls=(
  "/Tallies/$previous"
  "/Tallies/$current"
  "/Tallies/$previous?Department=$(q 华东服务站)"
  "/Tallies/$previous/Export?format=xlsx"
  "/Tallies/$previous/Export?format=csv"
  "/Discipline/Records"
)
bench_measure "${urls[@]}"
