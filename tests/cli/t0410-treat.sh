#!/bin/sh
# isms treat: add (residual factor by factor), list and its filters, show
# with ALE and ROSI, set, rm, import, export, accept and plan.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
run asset add --name "Customer DB" --owner CIO --c 5 --i 4 --a 3
run --today 2026-11-22 risk add --title Ransomware --asset A-001 --owner CIO \
	--likelihood 4 --impact 4 --sle 100000 --aro 0.5
run --today 2026-11-22 risk add --title "Typo in newsletter" --asset A-001 --owner CISO \
	--likelihood 2 --impact 2

run treat add --risk R-001 --option modify --control 8.7,8.8 --owner IT --due 2026-12-31 \
	--residual-likelihood 2 --residual-aro 0.1 --cost 30000 --annual-cost 5000 \
	--approved-by CIO --approved-on 2026-11-01 \
	--actions '[{text: Patch the VPN, owner: IT Ops, due: 2026-11-01, done: false}, {text: Train staff, due: 2027-02-01}]'
expect_status 0
expect_out "T-001"
run treat add --risk R-001 --option share --residual '{impact: 3, sle: 60000}' --cost 10000 \
	--cost-years 5 --status implemented --owner Finance --due 2026-10-01
expect_out "T-002"
cat >"$T/want" <<'YAML'
# Risk treatment plan (6.1.3, 8.3).
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: ["8.7", "8.8"]
    owner: IT
    due: 2026-12-31
    status: planned
    actions:
      - {text: Patch the VPN, owner: IT Ops, due: 2026-11-01, done: false}
      - {text: Train staff, due: 2027-02-01}
    residual: {likelihood: 2, aro: 0.1}
    cost: 30000
    annual_cost: 5000
    approved_by: CIO
    approved_on: 2026-11-01
  - id: T-002
    risk: R-001
    option: share
    owner: Finance
    due: 2026-10-01
    status: implemented
    residual: {impact: 3, sle: 60000}
    cost: 10000
    cost_years: 5
YAML
same_file "$T/want" treatments.yaml

snapshot "$P"
run treat add --risk R-001 --option modify --residual-likelyhood 2
expect_status 2
expect_err "isms: unknown option '--residual-likelyhood' for add: not a treatment field nor --residual-FACTOR with a factor of the methodology (likelihood, impact); did you mean '--residual-likelihood'?"
run treat add --risk R-001 --option modify --likelihood 2
expect_status 2
err_has "did you mean '--residual-likelihood'?"
run treat add --risk R-001 --option modify --residual-likelihood 2 --residual '{impact: 1}'
expect_status 2
expect_err "isms: give --residual or its factors one by one, not both"
run treat add --risk R-001 --option modify --residual-impact 8
expect_status 3
err_has "bad value '8' for impact"
run treat add --risk R-404 --option modify
expect_status 3
err_has "risk 'R-404' does not exist"
run treat add --risk R-001 --option ignore
expect_status 3
err_has "'ignore' is not one of modify, retain, avoid or share"
unchanged "$P"

# list: residual and ROSI; ROSI = (ale_before - ale_after - annualised) / annualised.
run treat list
expect_status 0
expect_out "id     risk   option  status       owner    due         residual  rosi
T-001  R-001  modify  planned      IT       2026-12-31  8 medium  1.67
T-002  R-001  share   implemented  Finance  2026-10-01  12 high   9.00"
run treat list --sort -rosi --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi
T-002,R-001,share,implemented,Finance,2026-10-01,12 high,9.00
T-001,R-001,modify,planned,IT,2026-12-31,8 medium,1.67"
run treat list --sort residual_score --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi
T-001,R-001,modify,planned,IT,2026-12-31,8 medium,1.67
T-002,R-001,share,implemented,Finance,2026-10-01,12 high,9.00"
run treat list --status implemented --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi
T-002,R-001,share,implemented,Finance,2026-10-01,12 high,9.00"
run treat list --option modify --owner IT --risk R-001 --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi
T-001,R-001,modify,planned,IT,2026-12-31,8 medium,1.67"
run treat list --risk R-002 --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi"
# Overdue: open and past due; implemented T-002 is never overdue.
run --today 2026-12-31 treat list --overdue --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi"
run --today 2027-01-01 treat list --overdue --format csv
expect_out "id,risk,option,status,owner,due,residual,rosi
T-001,R-001,modify,planned,IT,2026-12-31,8 medium,1.67"

run --today 2026-11-22 treat show T-001
expect_out "id:              T-001
risk:            R-001
option:          modify
controls:        8.7, 8.8
owner:           IT
due:             2026-12-31
status:          planned
actions:         [{text: Patch the VPN, owner: IT Ops, due: 2026-11-01, done: false}, {text: Train staff, due: 2027-02-01}]
residual:        {likelihood: 2, aro: 0.1}
cost:            30000
annual_cost:     5000
approved_by:     CIO
approved_on:     2026-11-01
treats:          R-001 Ransomware (inherent 16 high)
residual risk:   8 medium
ale:             before 50000, after 10000
annualised cost: 15000 per year (cost 30000 over 3 years + annual_cost 5000)
rosi:            (50000 - 10000 - 15000) / 15000 = 1.6666666666666667"
run --today 2027-01-05 treat show T-001
out_has "overdue:         due 2026-12-31, 5 days ago"
run treat show T-002 --format json
expect_out '{
  "id": "T-002",
  "risk": "R-001",
  "option": "share",
  "owner": "Finance",
  "due": "2026-10-01",
  "status": "implemented",
  "residual": {
    "impact": 3,
    "sle": 60000
  },
  "cost": 10000,
  "cost_years": 5,
  "residual_score": 12,
  "residual_level": "high",
  "ale_before": 50000,
  "ale_after": 30000,
  "annualised_cost": 2000,
  "rosi": 9,
  "overdue": false
}'
# The risk's residual is the lowest live treatment; current counts only
# implemented ones.
run risk show R-001 --format json
out_has '"current_score": 12,'
out_has '"residual_score": 8,'
out_has '"residual_treatment": "T-001"'
out_has '"current_treatment": "T-002"'

# accept: the owner's retain, approved today, a year by default.
snapshot "$P"
run --today 2026-11-22 treat accept R-002 --by CIO --rationale "Low"
expect_status 2
expect_err "isms: only the risk owner can accept risk R-002 (6.1.3 f): --by 'CISO'"
run --today 2026-11-22 treat accept R-002 --by CISO
expect_status 2
expect_err "isms: treat accept: --by and --rationale are required"
run --today 2026-11-22 treat accept R-002 --by CISO --rationale Low --until 2026-11-22
expect_status 2
expect_err "isms: --until: an acceptance must expire after today"
run --today 2026-11-22 treat accept R-002 --by CISO --rationale Low --until soon
expect_status 2
run treat accept R-404 --by CISO --rationale Low
expect_status 2
expect_err "isms: no risk with id 'R-404'"
unchanged "$P"
run --today 2026-11-22 treat accept R-002 --by CISO --rationale "Low and cheap to bear"
expect_status 0
expect_out "T-003"
run --today 2026-11-22 treat accept R-002 --by CISO --rationale "Renewed" --until 2027-03-31
expect_out "T-004"
cat >>"$T/want" <<'YAML'
  - id: T-003
    risk: R-002
    option: retain
    owner: CISO
    status: implemented
    residual: {likelihood: 2, impact: 2}
    approved_by: CISO
    approved_on: 2026-11-22
    expires: 2027-11-22
    rationale: Low and cheap to bear
  - id: T-004
    risk: R-002
    option: retain
    owner: CISO
    status: implemented
    residual: {likelihood: 2, impact: 2}
    approved_by: CISO
    approved_on: 2026-11-22
    expires: 2027-03-31
    rationale: Renewed
YAML
same_file "$T/want" treatments.yaml

# plan: open treatments and open actions by owner, overdue first.
run --today 2026-11-22 treat plan
expect_status 0
expect_out "IT: 2 open, 0 overdue
  due         overdue  item     risk   status   what
  2026-12-31           T-001    R-001  planned  Ransomware
  2027-02-01           T-001/2  R-001  open     Train staff

IT Ops: 1 open, 1 overdue
  due         overdue  item     risk   status  what
  2026-11-01  OVERDUE  T-001/1  R-001  open    Patch the VPN"
run --today 2027-01-15 treat plan --owner IT --format csv
expect_out "owner,due,overdue,item,risk,status,what
IT,2026-12-31,OVERDUE,T-001,R-001,planned,Ransomware
IT,2027-02-01,,T-001/2,R-001,open,Train staff"
run --today 2027-03-01 treat plan --owner IT --format csv
expect_out "owner,due,overdue,item,risk,status,what
IT,2026-12-31,OVERDUE,T-001,R-001,planned,Ransomware
IT,2027-02-01,OVERDUE,T-001/2,R-001,open,Train staff"
run --today 2026-11-22 treat plan --owner "IT Ops" --format json
expect_out '[
  {
    "owner": "IT Ops",
    "due": "2026-11-01",
    "overdue": true,
    "kind": "action",
    "item": "T-001/1",
    "treatment": "T-001",
    "risk": "R-001",
    "status": "open",
    "text": "Patch the VPN"
  }
]'
run --today 2026-11-22 treat plan --owner "IT Ops" --format md
expect_out "## IT Ops

1 open, 1 overdue

| due        | overdue | item    | risk  | status | what          |
| ---------- | ------- | ------- | ----- | ------ | ------------- |
| 2026-11-01 | OVERDUE | T-001/1 | R-001 | open   | Patch the VPN |"
run treat plan --owner Nobody
expect_out "No open treatments or actions."
run treat plan --format yaml
expect_status 2

# set and rm keep every other byte.
cat >treatments.yaml <<'YAML'
version: 1
treatments:
  # first
  - id: T-001
    risk: R-001
    option: modify   # patching
    residual: {likelihood: 2}
  - {id: T-002, risk: R-002, option: retain, status: implemented}
YAML
cp treatments.yaml "$T/orig"
run treat set T-001 status=in-progress residual.likelihood=1
expect_status 0
cat >"$T/want" <<'YAML'
version: 1
treatments:
  # first
  - id: T-001
    risk: R-001
    option: modify   # patching
    status: in-progress
    residual: {likelihood: 1}
  - {id: T-002, risk: R-002, option: retain, status: implemented}
YAML
same_file "$T/want" treatments.yaml
run treat rm T-002
expect_status 0
head -n 8 "$T/want" >"$T/want2"
same_file "$T/want2" treatments.yaml
run treat rm T-002
expect_status 2

# import: residual factors as columns; export.
cat >"$T/t.csv" <<'CSV'
risk,option,owner,residual.likelihood,residual_aro,cost
R-001,modify,IT,1,0.05,1000
R-002,retain,CISO,,,
CSV
run treat import "$T/t.csv"
expect_status 0
expect_out "imported 2 treatments"
run treat export --format csv
expect_out "id,risk,option,controls,owner,due,status,actions,residual,cost,annual_cost,cost_years,approved_by,approved_on,expires,rationale
T-001,R-001,modify,,,,in-progress,,{likelihood: 1},,,,,,,
T-002,R-001,modify,,IT,,,,\"{likelihood: 1, aro: 0.05}\",1000,,,,,,
T-003,R-002,retain,,CISO,,,,,,,,,,,"
cat >"$T/bad.csv" <<'CSV'
risk,option,residual.likelihood,residual.impact
R-001,modify,0,2
R-001,modify,2,2
CSV
snapshot "$P"
run treat import "$T/bad.csv"
expect_status 3
expect_err "isms: $T/bad.csv:2: bad value '0' for likelihood: expected 1-5 (rare, unlikely, possible, likely, almost-certain)"
unchanged "$P"

done_testing
