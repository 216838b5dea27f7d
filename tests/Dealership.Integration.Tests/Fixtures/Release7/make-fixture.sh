#!/usr/bin/env bash
# Writes the database fixture of release 7 (commit 7ba8984, the last release that kept histories in grain state):
# a throwaway PostgreSQL, that release's silo and gateway with the demo group, a day of work through its API, then
#   database.sql.gz  pg_dump of the whole database (schema and rows, INSERT statements)
#   answers.json     what that release's API answered about the records it holds (deals, ledgers, histories...)
# The migration test restores the dump, starts the current silo and gateway on it and compares their answers.
# Run it from a checkout of commit 7ba8984 after `dotnet build -c Release` (needs jq, curl, PostgreSQL 15).
set -euo pipefail
OUT="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(git -C "$OUT" rev-parse --show-toplevel)"
cd "$ROOT"
source scripts/postgres.sh

WORK=$(mktemp -d /tmp/release7-XXXX)
chmod 755 "$WORK"
pg_find_binaries
data=$(pg_pick_data_dir "$WORK/pg")
port=$(free_port 57100)
pg_init "$data"
pg_start "$data" "$port"
pg_create_db "$data" "$port" dealership
export ConnectionStrings__Dealership="Host=127.0.0.1;Port=$port;Database=dealership;Username=postgres"
export Auth__SigningKey="release-7-fixture-signing-key-0123456789abcdef"
GW_PORT=$(free_port 57200)
URL="http://127.0.0.1:$GW_PORT"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$data"
}
trap cleanup EXIT

dotnet silo/Dealership.Silo/bin/Release/net10.0/Dealership.Silo.dll --Orleans:SiloPort=$(free_port 57300) --Orleans:GatewayPort=$(free_port 57400) > "$WORK/silo.log" 2>&1 &
pids+=($!)
(cd client/Dealership.Gateway && exec dotnet bin/Release/net10.0/Dealership.Gateway.dll --urls "$URL" --seed-demo) > "$WORK/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do grep -q DEMO-SEEDED "$WORK/gateway.log" 2>/dev/null && break; sleep 1; done
grep -q DEMO-SEEDED "$WORK/gateway.log" || { tail -n 30 "$WORK"/*.log; exit 1; }

S=/api/stores/bj-chaoyang-vw
token() { curl -fsS "$URL/api/auth/token" -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo-password-2026\"}" | jq -r .accessToken; }
# api TOKEN METHOD PATH [BODY] [IDEMPOTENCY-KEY]: prints the answer; stops on anything but 2xx.
api() {
  local args=(-sS -X "$2" "$URL$3" -H "authorization: Bearer $1" -H 'content-type: application/json' -w '\n%{http_code}')
  [ -n "${4:-}" ] && args+=(-d "$4")
  [ -n "${5:-}" ] && args+=(-H "Idempotency-Key: $5")
  local out code
  out=$(curl "${args[@]}")
  code=${out##*$'\n'}
  case "$code" in 2*) printf '%s\n' "${out%$'\n'*}" ;; *) echo "$2 $3 -> $code: ${out%$'\n'*}" >&2; exit 1 ;; esac
}

SC=$(token chaoyang-sc1) SC2=$(token chaoyang-sc2) SM=$(token chaoyang-sm) GM=$(token chaoyang-gm) CLERK=$(token chaoyang-clerk)
CASHIER=$(token chaoyang-cashier) FIN=$(token chaoyang-finance) TECH=$(token chaoyang-tech) CALLER=$(token chaoyang-caller)
PARTS=$(token chaoyang-parts) ADMIN=$(token huaxia-admin) HCLERK=$(token haidian-clerk) XCLERK=$(token hexi-clerk)

api "$SM" POST "$S/consultants/chaoyang-sc1/status" '{"status":"Available","note":"morning"}' >/dev/null
api "$SM" POST "$S/consultants/chaoyang-sc2/status" '{"status":"Available","note":"morning"}' >/dev/null

# Showroom traffic: walk-ins with and without a mobile, calls, one returning customer.
customers=()
for i in 1 2 3 4 5 6; do
  who=$([ $((i % 2)) = 1 ] && echo "$SC" || echo "$SC2")
  c=$(api "$who" POST "$S/traffic" "{\"kind\":\"Visit\",\"source\":\"WalkIn\",\"customerName\":\"Customer $i\",\"mobile\":\"1391000000$i\",\"modelOfInterest\":\"Tiguan L\",\"partySize\":2,\"grade\":\"A\"}" "walkin-$i" | jq -r .customerId)
  customers+=("$c")
  api "$SM" POST "$S/consultants/$([ $((i % 2)) = 1 ] && echo chaoyang-sc1 || echo chaoyang-sc2)/status" '{"status":"Available"}' >/dev/null
done
api "$SC" POST "$S/traffic" '{"kind":"Visit","source":"WalkIn","modelOfInterest":"Lavida","partySize":1}' walkin-anon >/dev/null
api "$SC" POST "$S/traffic" '{"kind":"Call","source":"Phone","customerName":"Customer 1","mobile":"13910000001","modelOfInterest":"Tiguan L","partySize":1}' call-1 >/dev/null
api "$SC2" POST "$S/traffic" '{"kind":"Call","source":"Phone","customerName":"Caller 7","mobile":"13910000007","modelOfInterest":"Sagitar","partySize":1,"grade":"B"}' call-7 >/dev/null
api "$SC" POST "$S/traffic" '{"kind":"Visit","source":"WalkIn","customerName":"Customer 3","mobile":"13910000003","modelOfInterest":"Tiguan L","partySize":3,"grade":"H"}' walkin-3b >/dev/null
api "$SM" POST "$S/consultants/chaoyang-sc1/status" '{"status":"Available"}' >/dev/null

# Prospects: follow-ups, one declared lost and confirmed.
api "$SC" POST "$S/customers/${customers[0]}/follow-ups" '{"channel":"phone","note":"wants a quote for the 4MOTION","grade":"H"}' fu-1 >/dev/null
api "$SC" POST "$S/customers/${customers[0]}/follow-ups" '{"channel":"wechat","note":"sent brochure"}' fu-2 >/dev/null
api "$SC2" POST "$S/customers/${customers[1]}/lost" '{"reason":"Competitor","note":"bought a Tanke 300"}' >/dev/null
api "$SM" POST "$S/customers/${customers[1]}/lost/decision" '{"confirm":true,"note":"confirmed at the morning meeting"}' >/dev/null

# A demo car and two cars to sell, registered by the clerk; a test drive.
vin() { local body="$1"; local w=(8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2) sum=0 i c v
  for i in $(seq 0 16); do c=${body:$i:1}
    case "$c" in [0-9]) v=$c;; A|J) v=1;; B|K|S) v=2;; C|L|T) v=3;; D|M|U) v=4;; E|N|V) v=5;; F|W) v=6;; G|P|X) v=7;; H|Y) v=8;; R|Z) v=9;; esac
    sum=$((sum + v * w[i])); done
  local d=$((sum % 11)); [ $d = 10 ] && d=X; echo "${body:0:8}$d${body:9}"; }
DEMO=$(vin LSVAX60E0T2600001) CAR1=$(vin LSVAX60E0T2600002) CAR2=$(vin LSVAX60E0T2600003) CAR3=$(vin LSVAX60E0T2600004)
for v in "$DEMO:true" "$CAR1:false" "$CAR2:false" "$CAR3:false"; do
  api "$CLERK" POST "$S/vehicles" "{\"vin\":\"${v%%:*}\",\"model\":\"Tiguan L\",\"trim\":\"330TSI 4MOTION\",\"colour\":\"Fixture Green\",\"cost\":218000,\"status\":\"InStock\",\"demo\":${v##*:}}" >/dev/null
done
drive=$(api "$SC" POST "$S/test-drives" "{\"customerId\":\"${customers[0]}\",\"vin\":\"$DEMO\",\"licenceNumber\":\"11010519850612301X\",\"licenceExpiry\":\"2031-06-12\",\"startMileage\":35}" td-1 | jq -r .driveId)
api "$SC" POST "$S/test-drives/$drive/end" '{"endMileage":52}' >/dev/null

terms='{"model":"Tiguan L","trim":"330TSI 4MOTION","colour":"Fixture Green","listPrice":239900,"discount":6000,"vehicleCost":218000,"expectedRebate":8000,"accessories":[{"name":"Dash cam","cost":600,"price":1680,"free":false},{"name":"Mats","cost":300,"price":0,"free":true}],"insuranceCommission":1500,"financeCommission":2000,"fees":[{"name":"Plate fee","amount":500}],"depositKind":"Binding"}'

# Deal 1: cash, from the door to delivery, with its follow-up calls.
d1=$(api "$SC" POST "$S/deals" "{\"customerId\":\"${customers[0]}\",\"terms\":$terms}" deal-1 | jq -r .dealId)
api "$SC" POST "$S/deals/$d1/submit" '' >/dev/null
api "$SM" POST "$S/deals/$d1/decision" '{"approve":true,"note":"fixture"}' >/dev/null
api "$SC" POST "$S/deals/$d1/sign" '' >/dev/null
cash=$(api "$SC" POST "$S/deals/$d1/vehicle" "{\"vin\":\"$CAR1\"}" | jq -r .figures.cashDue)
api "$CASHIER" POST "$S/deals/$d1/payments" '{"kind":"Deposit","method":"BankCard","amount":20000,"reference":"POS 1"}' pay-1 >/dev/null
api "$CASHIER" POST "$S/deals/$d1/payments" "{\"kind\":\"Payment\",\"method\":\"BankTransfer\",\"amount\":$(echo "$cash - 20000" | bc)}" pay-2 >/dev/null
api "$CASHIER" POST "$S/deals/$d1/invoice" '' >/dev/null
slot=$(date -u -d '+7 hours' +%Y-%m-%dT%H:%M:%SZ)
api "$SC" POST "$S/deals/$d1/handover-slot" "{\"slot\":\"$slot\"}" >/dev/null
items=$(jq -cn '["Exterior and paint","Interior","Electrics and infotainment","Fluids","Tyres and wheels","Road test","Accessories fitted","Documents and keys"] | map({name: ., passed: true})')
api "$TECH" POST "$S/deals/$d1/pdi" "{\"items\":$items,\"mileage\":8}" >/dev/null
api "$SC" POST "$S/deals/$d1/delivery-checks" '{"configurationMatchesContract":true,"warrantyExplained":true,"maintenanceExplained":true}' >/dev/null
api "$SC" POST "$S/deals/$d1/handover/start" '' >/dev/null
api "$SC" POST "$S/deals/$d1/handover/complete" '' >/dev/null
task=$(api "$CALLER" GET "$S/tasks?role=CustomerServiceCaller" | jq -r "[.[] | select(.refs.dealId == \"$d1\")][0].taskId")
api "$CALLER" POST "$S/tasks/$task/complete" '{"result":"happy with the car"}' >/dev/null

# Deal 2: a loan, approved, with a deposit; left open.
d2=$(api "$SC2" POST "$S/deals" "{\"customerId\":\"${customers[3]}\",\"terms\":$terms}" deal-2 | jq -r .dealId)
api "$SC2" POST "$S/deals/$d2/submit" '' >/dev/null
api "$SM" POST "$S/deals/$d2/decision" '{"approve":true}' >/dev/null
api "$SC2" POST "$S/deals/$d2/sign" '' >/dev/null
cash2=$(api "$SC2" POST "$S/deals/$d2/vehicle" "{\"vin\":\"$CAR2\"}" | jq -r .figures.cashDue)
api "$FIN" POST "$S/deals/$d2/loan" "{\"lender\":\"Bank of Beijing\",\"amount\":150000,\"termMonths\":36,\"downPayment\":$(echo "$cash2 - 150000" | bc)}" >/dev/null
for doc in $(api "$FIN" GET "$S/deals/$d2" | jq -r '.loan.documents[].name' | tr ' ' '_'); do
  api "$FIN" POST "$S/deals/$d2/loan/documents" "{\"document\":\"${doc//_/ }\"}" >/dev/null
done
api "$FIN" POST "$S/deals/$d2/loan/steps" '{"step":"Submit"}' >/dev/null
api "$FIN" POST "$S/deals/$d2/loan/steps" '{"step":"Approve"}' >/dev/null
api "$CASHIER" POST "$S/deals/$d2/payments" '{"kind":"Deposit","method":"WeChatPay","amount":10000}' pay-3 >/dev/null

# Deal 3: cancelled, deposit refunded.
d3=$(api "$SC" POST "$S/deals" "{\"customerId\":\"${customers[2]}\",\"terms\":$terms}" deal-3 | jq -r .dealId)
api "$SC" POST "$S/deals/$d3/submit" '' >/dev/null
api "$SM" POST "$S/deals/$d3/decision" '{"approve":true}' >/dev/null
api "$SC" POST "$S/deals/$d3/vehicle" "{\"vin\":\"$CAR3\"}" >/dev/null
api "$CASHIER" POST "$S/deals/$d3/payments" '{"kind":"Deposit","method":"Cash","amount":5000}' pay-4 >/dev/null
api "$SM" POST "$S/deals/$d3/cancel" '{"reason":"customer moved abroad","deposit":"Refund"}' >/dev/null

# Stock: a correction pair, a car ordered and moved, a shipment, a transfer.
api "$CLERK" POST "$S/stock-ledger/corrections" "{\"vin\":\"$CAR3\",\"quantity\":-1,\"reason\":\"not found at the count\"}" corr-1 >/dev/null
api "$CLERK" POST "$S/stock-ledger/corrections" "{\"vin\":\"$CAR3\",\"quantity\":1,\"reason\":\"found in the back lot\"}" corr-2 >/dev/null
ORDERED=$(vin LSVAX60E0T2600005)
api "$CLERK" POST "$S/vehicles" "{\"vin\":\"$ORDERED\",\"model\":\"Lavida\",\"trim\":\"1.5L Comfort\",\"colour\":\"Pure White\",\"cost\":98000,\"status\":\"Ordered\"}" >/dev/null
api "$CLERK" POST "$S/vehicles/$ORDERED/moves" '{"move":"Ship"}' >/dev/null
api "$CLERK" POST "$S/vehicles/$ORDERED/moves" '{"move":"Receive"}' >/dev/null
X1=$(vin LVGAX60E0T2600006) X2=$(vin LVGAX60E0T2600007)
api "$XCLERK" POST "/api/stores/tj-hexi-toyota/shipments" "{\"shipmentNumber\":\"GAC-FIX-1\",\"lines\":[{\"vin\":\"$X1\",\"model\":\"Camry\",\"trim\":\"2.5HEV Deluxe\",\"colour\":\"Pure White\",\"cost\":189000,\"inspection\":\"Ok\"},{\"vin\":\"$X2\",\"model\":\"Camry\",\"trim\":\"2.5HEV Deluxe\",\"colour\":\"Deep Black\",\"cost\":189000,\"inspection\":\"Damaged\",\"damageNote\":\"scratch rear bumper\"}]}" >/dev/null
MOVE=$(api "$CLERK" GET "$S/vehicles?status=InStock" | jq -r '[.[] | select(.demo == false and .colour != "Fixture Green")][0].vin')
tr=$(api "$HCLERK" POST "/api/stores/bj-haidian-vw/transfers" "{\"vin\":\"$MOVE\",\"fromStoreId\":\"bj-chaoyang-vw\"}" tr-1 | jq -r .transferId)
api "$SM" POST "$S/transfers/$tr/approve" '' >/dev/null
api "$HCLERK" POST "/api/stores/bj-haidian-vw/transfers/$tr/receive" '' >/dev/null

# Parts movements, store policy and profile changes, a member of staff created, reassigned and disabled.
part=$(api "$PARTS" GET "$S/parts" | jq -r '.[0].partNumber')
api "$PARTS" POST "$S/parts/$part/movements" '{"quantity":12,"reason":"Receipt","note":"PO 118"}' pm-1 >/dev/null
api "$PARTS" POST "$S/parts/$part/movements" '{"quantity":-3,"reason":"IssueToRepair","note":"RO 2231"}' pm-2 >/dev/null
api "$GM" PUT "$S/policies" '{"approveEveryDeal":false,"agedStockDays":75}' >/dev/null
api "$ADMIN" PUT "$S/profile" "$(api "$ADMIN" GET "$S" | jq -c '.profile | .phone = "010-6500-8899"')" >/dev/null
api "$ADMIN" POST /api/groups/huaxia/staff '{"username":"chaoyang-sc3","displayName":"销售顾问 Consultant 3","role":"SalesConsultant","storeIds":["bj-chaoyang-vw"],"wholeGroup":false,"password":"fixture-password-2026"}' >/dev/null
api "$ADMIN" PUT /api/groups/huaxia/staff/chaoyang-sc3/assignment '{"role":"SalesConsultant","storeIds":["bj-chaoyang-vw","bj-haidian-vw"],"wholeGroup":false}' >/dev/null
api "$ADMIN" POST /api/groups/huaxia/staff/chaoyang-sc3/disable '' >/dev/null

# The clerk's week: a weekly report submitted, next month's OEM order approved.
week=$(api "$CLERK" POST "$S/weekly-reports/prepare" '' | jq -r .week)
api "$CLERK" POST "$S/weekly-reports/$week/submit" '{"note":"fixture week"}' >/dev/null
month=$(date -u -d "$(date -u +%Y-%m-01) +1 month" +%Y-%m)
api "$CLERK" POST "$S/oem-orders/$month/proposal" '{"targetUnits":20}' >/dev/null
api "$CLERK" PUT "$S/oem-orders/$month/lines" '{"lines":[{"model":"Tiguan L","trim":"330TSI 4MOTION","colour":"Pure White","quantity":6},{"model":"Lavida","trim":"1.5L Comfort","colour":"Deep Black","quantity":9}]}' >/dev/null
api "$CLERK" POST "$S/oem-orders/$month/submit" '' >/dev/null
api "$GM" POST "$S/oem-orders/$month/decision" '{"approve":true}' >/dev/null
api "$SM" POST "$S/board-tokens" '{"label":"Showroom wall"}' >/dev/null

# What release 7 answers about the records the new release must keep.
jq -n \
  --argjson deals "$(for d in $d1 $d2 $d3; do api "$SM" GET "$S/deals/$d"; done | jq -s .)" \
  --argjson dealList "$(api "$SM" GET "$S/deals")" \
  --argjson ledger "$(api "$CLERK" GET "$S/stock-ledger")" \
  --argjson haidianLedger "$(api "$HCLERK" GET /api/stores/bj-haidian-vw/stock-ledger)" \
  --argjson hexiLedger "$(api "$XCLERK" GET /api/stores/tj-hexi-toyota/stock-ledger)" \
  --argjson traffic "$(api "$SM" GET "$S/traffic")" \
  --argjson prospects "$(api "$SM" GET "$S/prospects")" \
  --argjson customer "$(api "$SM" GET "$S/customers/${customers[0]}")" \
  --argjson sc1History "$(api "$SM" GET "$S/consultants/chaoyang-sc1/history")" \
  --argjson car1History "$(api "$CLERK" GET "$S/vehicles/$CAR1/history")" \
  --argjson movedHistory "$(api "$HCLERK" GET "/api/stores/bj-haidian-vw/vehicles/$MOVE/history")" \
  --argjson vehicles "$(api "$CLERK" GET "$S/vehicles")" \
  --argjson partMovements "$(api "$PARTS" GET "$S/parts/$part/movements")" \
  --argjson storeHistory "$(api "$GM" GET "$S/history")" \
  --argjson tasks "$(api "$SM" GET "$S/tasks?status=Done")" \
  --argjson openTasks "$(api "$SM" GET "$S/tasks")" \
  --argjson weeklyReports "$(api "$CLERK" GET "$S/weekly-reports")" \
  --argjson oemOrder "$(api "$CLERK" GET "$S/oem-orders/$month")" \
  --argjson numbers "$(api "$SM" GET "$S/sales-numbers")" \
  --argjson staff "$(api "$ADMIN" GET /api/groups/huaxia/staff/chaoyang-sc3)" \
  --argjson loans "$(api "$FIN" GET "$S/loans")" \
  --arg transferId "$tr" --arg part "$part" --arg month "$month" --arg week "$week" --arg moved "$MOVE" --arg car1 "$CAR1" \
  '$ARGS.named' > "$OUT/answers.json"

# Stop the processes first, so the dump holds what they wrote and no live membership rows matter.
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()
pg_as_owner "$PG_BIN/pg_dump" -h 127.0.0.1 -p "$port" -U postgres --inserts --no-owner --no-privileges dealership | gzip -9 > "$OUT/database.sql.gz"
echo "wrote $OUT/database.sql.gz ($(du -h "$OUT/database.sql.gz" | cut -f1)) and answers.json"
