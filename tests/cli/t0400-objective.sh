#!/bin/sh
# isms objective: every verb, the overdue judgement, round trips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pdca.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run --today 2026-11-22 objective add --title "Train all staff" --owner "HR Director" \
	--due 2027-01-31 --status planned --clause 7.2 --control 6.3 \
	--target "95% trained" --plan "Annual e-learning" --resources "LMS licence" \
	--measure "Completion rate from the LMS"
expect_status 0
expect_out "OBJ-001"
run --today 2026-11-22 objective add --id OBJ-010 --title Certify --due 2026-10-01 --status in-progress
expect_status 0
expect_out "OBJ-010"
cat >"$T/want" <<'YAML'
# Information security objectives and plans (6.2).
version: 1
objectives:
  - id: OBJ-001
    title: Train all staff
    clauses: ["7.2"]
    controls: ["6.3"]
    owner: HR Director
    resources: LMS licence
    plan: Annual e-learning
    due: 2027-01-31
    measure: Completion rate from the LMS
    target: 95% trained
    status: planned
  - id: OBJ-010
    title: Certify
    due: 2026-10-01
    status: in-progress
YAML
same_file "$T/want" objectives.yaml

run --today 2026-11-22 objective list --format csv
expect_status 0
expect_out "id,title,owner,due,status,state
OBJ-001,Train all staff,HR Director,2027-01-31,planned,
OBJ-010,Certify,,2026-10-01,in-progress,overdue"
run --today 2026-11-22 objective list --overdue
expect_status 0
expect_out "id       title    owner  due         status       state
OBJ-010  Certify         2026-10-01  in-progress  overdue"
run --today 2026-11-22 objective list --status planned --sort -due --format csv
expect_out "id,title,owner,due,status,state
OBJ-001,Train all staff,HR Director,2027-01-31,planned,"

run --today 2026-11-22 objective show OBJ-010
expect_status 0
expect_out "id:      OBJ-010
title:   Certify
due:     2026-10-01
status:  in-progress
overdue: yes"
run --today 2026-11-22 objective show OBJ-010 --format json
expect_out '{
  "id": "OBJ-010",
  "title": "Certify",
  "due": "2026-10-01",
  "status": "in-progress",
  "overdue": true
}'

# Achieving it clears the judgement; only the changed lines move.
run --today 2026-11-22 objective set OBJ-010 status=achieved achieved_on=2026-09-30
expect_status 0
run --today 2026-11-22 objective list --overdue --format csv
expect_out "id,title,owner,due,status,state"
grep -q '^    achieved_on: 2026-09-30$' objectives.yaml || fail "achieved_on not written"

# References: risks and metrics must exist (controls and clauses are
# judged by check against the catalog).
snapshot "$P"
run objective set OBJ-001 "risks=[R-404]"
expect_status 3
err_has "objective OBJ-001: risks 'R-404' does not exist; nothing was written"
run objective add --title X --metric M-404
expect_status 3
err_has "metrics 'M-404' does not exist"
run objective set OBJ-001 status=done
expect_status 3
err_has "'done' is not one of planned, in-progress, achieved, missed or cancelled"
run objective set OBJ-001 due=31/01/2027
expect_status 3
unchanged "$P"
refusals objective OBJ-001 title objective

# A metric that measures an objective shows its latest result there, and
# cannot be removed while the objective names it.
run metric add --title "Training completion" --target 95
run metric record M-001 96 --date 2026-10-31
run objective set OBJ-001 "metrics=[M-001]"
expect_status 0
run --today 2026-11-22 objective show OBJ-001
out_has "result:    M-001: 96 on 2026-10-31 (target 95)"
run metric rm M-001
expect_status 3
expect_err "isms: metric M-001 is still referenced by objective OBJ-001 (metrics); remove those references first"

roundtrip objective objectives.yaml
run objective rm OBJ-010
expect_status 0
run objective list --format csv
expect_out "id,title,owner,due,status,state
OBJ-001,Train all staff,HR Director,2027-01-31,planned,"

done_testing
