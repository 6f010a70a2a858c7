#!/bin/sh
# isms audit: plan, list, show, set, rm, checklist, coverage, programme and
# the finding verbs; status transitions, the closing rule, files left alone
# on every refusal, and --today reproducibility.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
I() { run --today 2026-11-22 "$@"; }

cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - id: "5.15"
    applicable: true
    status: partial
    owner: CISO
    evidence: [ACP-001 Access control policy, "Quarterly review | Q3"]
  - id: "8.8"
    applicable: true
    status: implemented
    owner: IT Ops
  - id: "8.9"
    applicable: false
    reason: Not used
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - {id: R-001, title: Unpatched VPN}
  - {id: R-002, title: Excess access}
YAML
cat >treatments.yaml <<'YAML'
version: 1
treatments:
  - {id: T-001, risk: R-001, option: modify, controls: ["8.8"]}
  - {id: T-002, risk: R-002, option: modify, controls: ["5.15", "8.8"]}
YAML

# plan
I audit plan --title "ISMS clauses" --scope clauses=4-10 --scope controls=5.15,8.8 \
	--date 2026-03-10 --lead "Helen Okafor" --auditors "Helen Okafor,Tom Reid" \
	--criteria "ISO/IEC 27001:2022"
expect_status 0
expect_out "AU-001"
I audit plan --title "Access" --scope "clauses=9.2 controls=5.15-5.17" --date 2027-01-15
expect_status 0
expect_out "AU-002"
cat >"$T/want" <<'YAML'
# Audit programme, audits and findings (9.2, 10.2).
version: 1
programme: {objectives: [], cycle_months: 36}
audits:
  - id: AU-001
    title: ISMS clauses
    scope: {clauses: ["4", "5", "6", "7", "8", "9", "10"], controls: ["5.15", "8.8"]}
    criteria: ISO/IEC 27001:2022
    lead: Helen Okafor
    auditors: [Helen Okafor, Tom Reid]
    planned: 2026-03-10
    status: planned
  - id: AU-002
    title: Access
    scope: {clauses: ["9.2"], controls: ["5.15", "5.16", "5.17"]}
    planned: 2027-01-15
    status: planned
findings: []
YAML
same_file "$T/want" audits.yaml

# plan refuses, and writes nothing
snapshot "$P"
I audit plan --scope clauses=4 --date 2026-01-01
expect_status 2
expect_err "isms: audit plan: --title is required"
I audit plan --title X --date 2026-01-01
expect_status 2
expect_err "isms: audit plan: --scope is required (clauses=4-10, controls=5.15,8.8)"
I audit plan --title X --scope clauses=4 --date 2026-13-01
expect_status 2
expect_err "isms: --date: '2026-13-01' is not a date (YYYY-MM-DD)"
I audit plan --title X --scope clauses=11 --date 2026-01-01
expect_status 3
expect_err "isms: clause '11' is not in catalog iso27001-2022"
I audit plan --title X --scope controls=8.8-5.1 --date 2026-01-01
expect_status 2
expect_err "isms: control range 8.8-5.1: both ends must be at the same level (4-10, 5.15-5.18)"
I audit plan --title X --scope controls=5.18-5.15 --date 2026-01-01
expect_status 2
expect_err "isms: control range 5.18-5.15 runs backwards"
I audit plan --title X --scope assets=A-001 --date 2026-01-01
expect_status 2
err_has "scope 'assets=A-001': expected clauses=LIST or controls=LIST"
I audit plan --title X --scope clauses=4 --date 2026-01-01 --status closed
expect_status 2
I audit plan --title X --scope clauses=4 --date 2026-01-01 --bogus 1
expect_status 2
expect_err "isms: unknown option '--bogus' for plan"
unchanged "$P"

# list and show
I audit list
expect_status 0
expect_out "id      title         planned     completed  status   lead          scope                   findings
AU-001  ISMS clauses  2026-03-10             planned  Helen Okafor  30 clauses, 2 controls  0 open of 0
AU-002  Access        2027-01-15             planned                2 clauses, 3 controls   0 open of 0"
I audit list --overdue --format csv
expect_status 0
expect_out "id,title,planned,completed,status,lead,scope,findings
AU-001,ISMS clauses,2026-03-10,,planned,Helen Okafor,\"30 clauses, 2 controls\",0 open of 0"
I audit list --format json
expect_status 0
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [a["id"] for a in v] == ["AU-001", "AU-002"], v
assert v[0]["overdue"] is True and v[1]["overdue"] is False
assert v[0]["scope"]["clauses"][0] == "4"
assert {"kind": "control", "id": "8.8", "title": "Management of technical vulnerabilities"} in v[0]["covers"]
assert len([c for c in v[0]["covers"] if c["kind"] == "clause"]) == 30
' "$T/out" || fail "audit list json"
I audit show AU-002
expect_status 0
expect_out "id:               AU-002
title:            Access
scope:            {clauses: [\"9.2\"], controls: [\"5.15\", \"5.16\", \"5.17\"]}
planned:          2027-01-15
status:           planned
clauses covered:  9.2.1, 9.2.2
controls covered: 5.15 Access control
                  5.16 Identity management
                  5.17 Authentication information"
I audit show AU-404
expect_status 2
expect_err "isms: no audit with id 'AU-404'"

# set: status moves forwards only; reporting records the completed date
I audit set AU-001 status=in-progress
expect_status 0
I audit set AU-001 status=reported
expect_status 0
grep -q "^    completed: 2026-11-22$" audits.yaml || fail "completed date not set"
snapshot "$P"
I audit set AU-001 status=planned
expect_status 3
expect_err "isms: audit AU-001 is reported and its status only moves forwards (planned, in-progress, reported, closed): it cannot go back to planned; nothing was written"
unchanged "$P"
I audit set AU-001 status=done
expect_status 3
err_has "status: 'done' is not one of planned, in-progress, reported or closed"
unchanged "$P"
I audit set AU-001 completed=2026-03-12
expect_status 0
I audit set AU-002 status=closed completed=2027-01-20
expect_status 0
I audit set AU-002 status=reported
expect_status 3
I audit show AU-002 --format json
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["status"] == "closed" and v["completed"] == "2027-01-20", v
' "$T/out" || fail "audit set completed"

# findings
I audit finding add --audit AU-001 --type minor --ref 8.8 \
	--statement "Patches late on 14 servers" --evidence "Patch report"
expect_status 0
expect_out "F-001"
I audit finding add --audit AU-001 --type major --ref 6.1.3 --statement "No approvals" --raised 2026-03-11
expect_status 0
expect_out "F-002"
I audit finding add --audit AU-001 --type observation --ref A.5.15 --statement "Desk"
expect_status 0
expect_out "F-003"
cat >"$T/want" <<'YAML'
findings:
  - id: F-001
    audit: AU-001
    type: minor
    ref: "8.8"
    statement: Patches late on 14 servers
    evidence: Patch report
    raised: 2026-11-22
    status: open
  - id: F-002
    audit: AU-001
    type: major
    ref: "6.1.3"
    statement: No approvals
    raised: 2026-03-11
    status: open
  - id: F-003
    audit: AU-001
    type: observation
    ref: A.5.15
    statement: Desk
    raised: 2026-11-22
    status: open
YAML
sed -n '/^findings:/,$p' audits.yaml >"$T/got"
same_file "$T/want" "$T/got"

snapshot "$P"
I audit finding add --audit AU-001 --type minor --ref 99.1 --statement X
expect_status 3
expect_err "isms: ref '99.1' is neither a clause nor a control of catalog iso27001-2022; nothing was written"
I audit finding add --audit AU-404 --type minor --ref 8.8 --statement X
expect_status 3
err_has "finding F-004: audit 'AU-404' does not exist; nothing was written"
I audit finding add --audit AU-001 --type severe --ref 8.8 --statement X
expect_status 3
err_has "type: 'severe' is not one of major, minor, observation or opportunity"
I audit finding add --audit AU-001 --ref 8.8 --statement X
expect_status 2
expect_err "isms: audit finding add: --type is required"
I audit finding add --audit AU-001 --type minor --ref 8.8 --statement X --verified-by Y
expect_status 2
expect_err "isms: audit finding add: unknown option '--verified-by'"
I audit finding frob
expect_status 2
expect_err "isms: audit finding: no verb 'frob' (add, list, show, set, close, rm)"
I audit finding show
expect_status 2
unchanged "$P"

# closing a nonconformity needs its root cause and corrective action
I audit finding close F-001 --verified-by "Helen Okafor"
expect_status 3
expect_err "isms: finding F-001 is a minor nonconformity and cannot be closed without a root cause and a corrective action (10.2); record them with 'isms audit finding set F-001 action.root_cause=... action.corrective_action=...'; nothing was written"
unchanged "$P"
I audit finding set F-001 status=closed action.root_cause="One engineer"
expect_status 3
err_has "cannot be closed without a corrective action (10.2)"
unchanged "$P"
I audit finding close F-001
expect_status 2
expect_err "isms: audit finding close: --verified-by is required"
I audit finding set F-001 ref=12.1
expect_status 3
expect_err "isms: ref '12.1' is neither a clause nor a control of catalog iso27001-2022; nothing was written"
unchanged "$P"

I audit finding set F-001 action.due=2026-11-01 action.root_cause="Patching depended on one engineer" \
	action.corrective_action="Monthly compliance review" action.owner="IT Ops"
expect_status 0
grep -qx '    action: {root_cause: Patching depended on one engineer, corrective_action: Monthly compliance review, owner: IT Ops, due: 2026-11-01}' audits.yaml ||
	fail "dotted keys: $(grep action: audits.yaml)"
I audit finding set F-002 action.corrective_action="Approval step"
expect_status 0

# list filters
I audit finding list --format csv
expect_status 0
expect_out "id,audit,type,ref,status,raised,due,owner,statement
F-001,AU-001,minor,8.8,open (overdue),2026-11-22,2026-11-01,IT Ops,Patches late on 14 servers
F-002,AU-001,major,6.1.3,open,2026-03-11,,,No approvals
F-003,AU-001,observation,A.5.15,open,2026-11-22,,,Desk"
I audit finding list --overdue
expect_status 0
out_has "F-001"
out_lacks "F-002"
I audit finding list --type major --format json
expect_status 0
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [f["id"] for f in v] == ["F-002"], v
assert v[0]["closable"] is False and v[0]["overdue"] is False
assert v[0]["ref_title"] == "clause 6.1.3 Information security risk treatment", v
' "$T/out" || fail "finding list json"
I audit finding list --audit AU-002
expect_status 0
expect_out "id  audit  type  ref  status  raised  due  owner  statement"
I audit finding show F-003
expect_status 0
out_has "ref title: control 5.15 Access control"
I audit finding show F-002
out_has "to close:  record a root cause first"

# close
I audit finding close F-001 --verified-by "Helen Okafor" --date 2026-12-15 --effectiveness "No late patches in Q4"
expect_status 0
expect_no_out
grep -qx '    action: {root_cause: Patching depended on one engineer, corrective_action: Monthly compliance review, owner: IT Ops, due: 2026-11-01, verified_by: Helen Okafor, verified_on: 2026-12-15, effectiveness: No late patches in Q4}' audits.yaml ||
	fail "close action: $(grep action: audits.yaml)"
grep -qx '    closed: 2026-12-15' audits.yaml || fail "closed date"
I audit finding close F-003 --verified-by "Helen Okafor"
expect_status 0
sed -n '/id: F-003/,$p' audits.yaml >"$T/got"
cat >"$T/want" <<'YAML'
  - id: F-003
    audit: AU-001
    type: observation
    ref: A.5.15
    statement: Desk
    raised: 2026-11-22
    status: closed
    action: {verified_by: Helen Okafor, verified_on: 2026-11-22}
    closed: 2026-11-22
YAML
same_file "$T/want" "$T/got"
snapshot "$P"
I audit finding close F-001 --verified-by X
expect_status 3
expect_err "isms: finding F-001 is already closed"
I audit finding close F-009 --verified-by X
expect_status 2
expect_err "isms: no finding with id 'F-009'"
I audit finding close F-002 --verified-by X --date tomorrow
expect_status 2
expect_err "isms: --date: 'tomorrow' is not a date (YYYY-MM-DD)"
I audit rm AU-001
expect_status 3
err_has "audit AU-001 is still referenced by finding F-001 (audit)"
unchanged "$P"
I audit finding list --open
expect_out "id     audit   type   ref    status  raised      due  owner  statement
F-002  AU-001  major  6.1.3  open    2026-03-11              No approvals"

# set status=closed through set meets the same rule and records the date
I audit finding set F-002 action.root_cause="Not in workflow" status=closed
expect_status 0
grep -q "^    closed: 2026-11-22$" audits.yaml || fail "set status=closed: no closed date"

# checklist
I audit checklist AU-002 --format csv
expect_status 0
expect_out "kind,id,requirement,applicable,soa status,owner,evidence,risks,treatments,audit evidence,conformity,notes
clause,9.2.1,General,,,,\"audits.yaml audits, findings\",,,,,
clause,9.2.2,Internal audit programme,,,,\"audits.yaml programme, audits\",,,,,
control,5.15,Access control,yes,partial,CISO,ACP-001 Access control policy; Quarterly review | Q3,R-002,T-002,,,
control,5.16,Identity management,not in SoA,,,,,,,,
control,5.17,Authentication information,not in SoA,,,,,,,,"
I audit checklist AU-002 --format md
expect_status 0
expect_out '# Audit checklist: AU-002 Access

- planned: 2027-01-15
- status: closed

| kind    | id    | requirement                | applicable | soa status | owner | evidence                                              | risks | treatments | audit evidence | conformity | notes |
| ------- | ----- | -------------------------- | ---------- | ---------- | ----- | ----------------------------------------------------- | ----- | ---------- | -------------- | ---------- | ----- |
| clause  | 9.2.1 | General                    |            |            |       | audits.yaml audits, findings                          |       |            |                |            |       |
| clause  | 9.2.2 | Internal audit programme   |            |            |       | audits.yaml programme, audits                         |       |            |                |            |       |
| control | 5.15  | Access control             | yes        | partial    | CISO  | ACP-001 Access control policy; Quarterly review \| Q3 | R-002 | T-002      |                |            |       |
| control | 5.16  | Identity management        | not in SoA |            |       |                                                       |       |            |                |            |       |
| control | 5.17  | Authentication information | not in SoA |            |       |                                                       |       |            |                |            |       |'
I audit checklist AU-001 --format json
expect_status 0
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
rows = v["rows"]
assert v["id"] == "AU-001" and len(rows) == 32, len(rows)
r = [x for x in rows if x["id"] == "8.8"][0]
assert r["kind"] == "control" and r["applicable"] == "yes" and r["soa_status"] == "implemented"
assert r["treatments"] == ["T-001", "T-002"] and r["risks"] == ["R-001", "R-002"], r
' "$T/out" || fail "checklist json"
I audit checklist AU-001 --format yaml
expect_status 2
I audit checklist AU-009
expect_status 2
expect_err "isms: no audit with id 'AU-009'"

# coverage: AU-001 (reported, completed 2026-03-12) covers clauses 4-10,
# 5.15 and 8.8; AU-002 (closed 2027-01-20) is after --today but counts.
I audit coverage --format csv
expect_status 0
out_has "clause,4.1,Understanding the organization and its context,AU-001,2026-03-12,2029-03-12,ok,"
out_has "control,5.15,Access control,AU-002,2027-01-20,2030-01-20,ok,"
out_has "control,8.8,Management of technical vulnerabilities,AU-001,2026-03-12,2029-03-12,ok,"
out_lacks "8.9"
I audit coverage --gaps
expect_status 0
expect_out "36-month cycle: audited from 2023-11-22 to 2026-11-22 counts; programme started 2026-03-12
kind  id  title  last audit  audited  due  status  next audit"
I audit coverage --format json
expect_status 0
cp "$T/out" "$T/cov1"
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["cycle_months"] == 36 and v["today"] == "2026-11-22"
assert v["summary"] == {"items": 32, "ok": 32, "due": 0, "overdue": 0}, v["summary"]
assert v["items"][0]["within_cycle"] is True
' "$T/out" || fail "coverage json"
I audit coverage --format json
same_file "$T/cov1" "$T/out"
# Three years later everything is overdue, then with a longer cycle not.
run --today 2030-01-01 audit coverage --format csv --gaps
expect_status 0
out_has "clause,10.2,Nonconformity and corrective action,AU-001,2026-03-12,2029-03-12,overdue,"
out_lacks "5.15"
I audit coverage --format html
expect_status 2

# programme
I audit programme set cycle_months=24 "objectives=[Audit everything, Follow up findings]" start=2026-01-01
expect_status 0
grep -qx 'programme: {objectives: \[Audit everything, Follow up findings\], cycle_months: 24, start: 2026-01-01}' audits.yaml ||
	fail "programme set: $(grep programme: audits.yaml)"
I audit programme
expect_status 0
expect_out "objectives:       Audit everything
                  Follow up findings
cycle_months:     24
start:            2026-01-01
cycle start:      2026-01-01
clauses audited:  30 of 30 within the cycle
controls audited: 2 of 2 applicable within the cycle
overdue:          0"
I audit programme show --format json
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["cycle_months"] == 24 and v["cycle_start"] == "2026-01-01"
assert v["coverage"]["clauses_audited"] == 30
' "$T/out" || fail "programme json"
snapshot "$P"
I audit programme set cycle_months=0
expect_status 3
expect_err "isms: cycle_months 0 is not between 1 and 1200; nothing was written"
I audit programme set cycle=12
expect_status 2
expect_err "isms: programme has no field 'cycle' (objectives, cycle_months, start, risks)"
I audit programme set cycle_months=soon
expect_status 3
I audit programme frob
expect_status 2
unchanged "$P"
I audit programme set start=
expect_status 0
grep -qx 'programme: {objectives: \[Audit everything, Follow up findings\], cycle_months: 24}' audits.yaml ||
	fail "programme unset: $(grep programme: audits.yaml)"
# A register without a programme gets one.
printf 'version: 1\n' >"$T/p2.yaml"
mkdir "$T/p2" && cp isms.yaml "$T/p2/" && cp "$T/p2.yaml" "$T/p2/audits.yaml"
run -C "$T/p2" audit programme set cycle_months=12 "risks=[Auditor availability]"
expect_status 0
same_file /dev/stdin "$T/p2/audits.yaml" <<'YAML'
version: 1
programme: {cycle_months: 12, risks: [Auditor availability]}
YAML

# rm
I audit finding rm F-003
expect_status 0
I audit plan --title Spare --scope clauses=7.5 --date 2027-02-01
expect_out "AU-003"
I audit rm AU-003
expect_status 0
out_lacks "AU-003"
grep -q "AU-003" audits.yaml && fail "AU-003 not removed"

# A register that does not load is refused with exit 3.
cp audits.yaml "$T/keep"
printf 'version: 1\naudits:\n  - {id: AU-001, title: X, bogus: 1}\n' >audits.yaml
I audit list
expect_status 3
err_has "audits.yaml:3:"
cp "$T/keep" audits.yaml

done_testing
