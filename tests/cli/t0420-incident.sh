#!/bin/sh
# isms incident: every verb, add defaults, close (refused without lessons
# learned), notification state, round trips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pdca.sh"

P=$T/p
example_project "$P"
cd "$P" || exit 1
cat >incidents.yaml <<'YAML'
# Incidents, kept by hand and by isms.
version: 1
incidents: []
YAML

run --today 2026-11-22 incident add --title "Laptop stolen" --severity high \
	--personal-data true --detected 2026-11-15 --target 2026-11-30 \
	--asset A-020 --risk R-006 --failed-control 8.1 --owner "IT Operations Manager"
expect_status 0
expect_out "INC-001"
run --today 2026-11-22 incident add --title "Portal outage" --reported 2026-11-01 \
	--status contained --target 2026-11-10 --proposed-risk "Single region hosting"
expect_out "INC-002"
cat >"$T/want" <<'YAML'
# Incidents, kept by hand and by isms.
version: 1
incidents:
  - id: INC-001
    title: Laptop stolen
    reported: 2026-11-22
    detected: 2026-11-15
    severity: high
    assets: [A-020]
    risks: [R-006]
    controls_failed: ["8.1"]
    personal_data: true
    owner: IT Operations Manager
    target: 2026-11-30
    status: open
  - id: INC-002
    title: Portal outage
    reported: 2026-11-01
    proposed_risk: Single region hosting
    target: 2026-11-10
    status: contained
YAML
same_file "$T/want" incidents.yaml

run --today 2026-11-22 incident list --format csv
expect_status 0
expect_out "id,title,severity,status,reported,target,owner,state
INC-001,Laptop stolen,high,open,2026-11-22,2026-11-30,IT Operations Manager,notification missed
INC-002,Portal outage,,contained,2026-11-01,2026-11-10,,overdue"
run --today 2026-11-17 incident list --open --format csv
expect_out "id,title,severity,status,reported,target,owner,state
INC-001,Laptop stolen,high,open,2026-11-22,2026-11-30,IT Operations Manager,notification pending
INC-002,Portal outage,,contained,2026-11-01,2026-11-10,,overdue"
run --today 2026-11-22 incident list --overdue --format csv
expect_out "id,title,severity,status,reported,target,owner,state
INC-002,Portal outage,,contained,2026-11-01,2026-11-10,,overdue"
run --today 2026-11-22 incident list --severity high --format csv
out_has "INC-001"
out_lacks "INC-002"

run --today 2026-11-22 incident show INC-001
expect_status 0
out_has "notification:    missed (deadline 2026-11-18)"
run --today 2026-11-22 incident show INC-001 --format json
out_has '"open": true,'
out_has '"notification": {
    "status": "missed",
    "deadline": "2026-11-18"
  }'
run incident set INC-001 notified_on=2026-11-17 "notification_ref=ICO case 1234"
expect_status 0
run --today 2026-11-22 incident show INC-001 --format json
out_has '"status": "on-time",'

# close: lessons learned are required; the record keeps every other byte.
snapshot "$P"
run incident close INC-002
expect_status 2
expect_err "isms: incident close: --lessons TEXT is required: record what was learned (A.5.27)"
run incident close INC-002 --lessons ""
expect_status 2
run incident close INC-404 --lessons x
expect_status 2
expect_err "isms: no incident with id 'INC-404'"
run incident close INC-002 --lessons x --date yesterday
expect_status 2
unchanged "$P"
cp incidents.yaml "$T/before"
run --today 2026-11-22 incident close INC-002 --lessons "Add a second region"
expect_status 0
expect_no_out
sed -e 's/^    status: contained$/    status: closed\n    closed: 2026-11-22\n    lessons: Add a second region/' \
	"$T/before" >"$T/want"
same_file "$T/want" incidents.yaml
run incident close INC-002 --lessons again
expect_status 2
expect_err "isms: incident INC-002 is already closed"
# Lessons already recorded are enough.
run incident set INC-001 "lessons=Encrypt every laptop"
run --today 2026-11-22 incident close INC-001 --date 2026-11-21
expect_status 0
grep -q '^    closed: 2026-11-21$' incidents.yaml || fail "closed date not written"

snapshot "$P"
run incident add --title X --asset A-404
expect_status 3
err_has "incident INC-003: assets 'A-404' does not exist; nothing was written"
run incident add --title X --severity severe
expect_status 3
err_has "'severe' is not one of low, medium, high or critical"
run incident add --title X --personal-data maybe
expect_status 3
unchanged "$P"
refusals incident INC-001 title incident

roundtrip incident incidents.yaml
run incident rm INC-002
expect_status 0
run incident list --format csv
out_lacks "INC-002"

done_testing
