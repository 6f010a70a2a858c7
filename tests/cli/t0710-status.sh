#!/bin/sh
# isms status: the one-screen text (exact), the dashboard JSON and its
# stable field names, judgements that follow --today, and the errors.
. "$(dirname "$0")/lib.sh"

P=$T/nw
example_project "$P"

run -C "$P" --today 2026-11-22 status
expect_status 0
expect_no_err
expect_out "Northwind Health Ltd: ISMS status on 2026-11-22

Risks: 36 (method 5x5, appetite medium)
level           inherent  residual  current
critical               3         0        0
high                  15         0       13
medium                14        20       13
low                    4        16       10
above appetite        18         0       13

Treatments   18 open of 39, 0 overdue
Actions      27 open of 63, 0 overdue
Corrective   2 open of 4, 0 overdue
Reviews      overdue risk reviews 0, expired acceptances 0
SoA          100% decided, 98% applicable, 52% implemented (48 of 92 applicable)
Findings     open: major 0, minor 2, observation 1, opportunity 1 (6 in all)
Objectives   6: 3 in-progress, 2 achieved, 1 missed; 0 overdue
Documents    10: 9 approved, 1 withdrawn; 0 unapproved, 0 past review
Incidents    5, 2 open (1 medium, 1 high); 0 overdue; 3 breaches, 0 notified late
Metrics      6: 6 on target, 0 below, 0 stale
Mgmt reviews last 2026-10-14, next due 2027-04-14; actions 2 open, 0 overdue
Check        0 errors, 0 warnings

Next due
due         kind           id       owner                         item
2026-11-30  measurement    M-002    Information Security Manager  Phishing simulation click rate
2026-11-30  measurement    M-003    IT Operations Manager         Critical patches applied within 14 …
2026-12-05  incident       INC-004  Head of Digital               DDoS attack slows the patient portal
2026-12-15  incident       INC-005  IT Operations Manager         Connected ultrasound scanner found …
2026-12-15  review-action  MR-002   Information Security Manager  Book the Stage 1 certification audit"

# NO_COLOR (set by lib.sh) and a pipe: no escape sequences.
checks=$((checks + 1))
grep -q "$(printf '\033')" "$T/out" && fail "colour on a pipe"

# A later day: what was due becomes overdue, in the PDCA registers too
# (OBJ-002 was due 2026-12-31, INC-004 and INC-005 by their targets,
# five metrics by their next measurement, MR-002's audit booking on
# 2026-12-15).
run -C "$P" --today 2027-01-05 status
expect_status 0
out_has "Corrective   2 open of 4, 1 overdue"
out_has "Objectives   6: 3 in-progress, 2 achieved, 1 missed; 1 overdue"
out_has "Incidents    5, 2 open (1 medium, 1 high); 2 overdue; 3 breaches, 0 notified late"
out_has "Metrics      6: 6 on target, 0 below, 5 stale"
out_has "Mgmt reviews last 2026-10-14, next due 2027-04-14; actions 2 open, 1 overdue"
checks=$((checks + 1))
grep -q "^Treatments   18 open of 39, 2 overdue$" "$T/out" ||
	fail "treatments on 2027-01-05: $(grep Treatments "$T/out")"

# The small project, every line but the check count (which depends on the
# rules that exist).
S=$T/small
mkdir -p "$S"
cp "$ISMS_SRC"/tests/cli/data/report-small/*.yaml "$S"/
run -C "$S" --today 2026-11-22 status
expect_status 0
grep -v '^Check' "$T/out" >"$T/got"
cat >"$T/want" <<'TXT'
Small Co | Ltd: ISMS status on 2026-11-22

Risks: 2 (method 5x5, appetite medium)
level           inherent  residual  current
critical               0         0        0
high                   1         0        1
medium                 0         0        0
low                    1         2        1
above appetite         1         0        1

Treatments   1 open of 2, 1 overdue
Actions      1 open of 1, 0 overdue
Corrective   1 open of 1, 0 overdue
Reviews      overdue risk reviews 1, expired acceptances 0
SoA          3% decided, 66% applicable, 50% implemented (1 of 2 applicable)
Findings     open: major 0, minor 1, observation 0, opportunity 1 (2 in all)
Objectives   0: none; 0 overdue
Documents    0: none; 0 unapproved, 0 past review
Incidents    0, 0 open; 0 overdue; 0 breaches, 0 notified late
Metrics      0: 0 on target, 0 below, 0 stale
Mgmt reviews last never, next due -; actions 0 open, 0 overdue

Next due
due         kind               id     owner           item
2026-11-30  corrective-action  F-001  CTO             Name a policy owner
2026-12-15  action             T-001  Lead developer  Parameterise every query
2027-02-01  acceptance         T-002  CTO             Shop outage
2027-06-01  review             R-002  CTO             Shop outage
TXT
same_file "$T/want" "$T/got"

# JSON: the documented fields, with Northwind's figures.
run -C "$P" --today 2026-11-22 status --format json
expect_status 0
cp "$T/out" "$T/status.json"
python3 - "$T/status.json" >"$T/py.out" 2>&1 <<'PY'
import sys, json
s = json.load(open(sys.argv[1]))
def keys(o): return sorted(o.keys())
assert keys(s) == sorted(['organization', 'today', 'methodology', 'risks',
    'treatments', 'actions', 'corrective_actions', 'acceptances_expired',
    'soa', 'audits', 'findings', 'objectives', 'documents', 'incidents',
    'metrics', 'reviews', 'problems', 'next_due']), keys(s)
assert s['organization'] == 'Northwind Health Ltd'
assert s['today'] == '2026-11-22'
assert s['methodology'] == {'preset': '5x5', 'appetite': 'medium'}
r = s['risks']
assert keys(r) == ['above_appetite', 'ale', 'by_level', 'reviews_overdue',
    'total', 'unscored'], keys(r)
assert r['total'] == 36
assert [l['level'] for l in r['by_level']] == ['low', 'medium', 'high', 'critical']
assert r['by_level'][3] == {'level': 'critical', 'inherent': 3, 'residual': 0, 'current': 0}
assert r['above_appetite'] == {'inherent': 18, 'residual': 0, 'current': 13}
assert s['treatments'] == {'total': 39, 'open': 18, 'overdue': 0}
assert s['actions'] == {'total': 63, 'open': 27, 'overdue': 0}
assert s['corrective_actions'] == {'total': 4, 'open': 2, 'overdue': 0}
q = s['soa']
assert keys(q) == sorted(['catalog_controls', 'controls', 'decided',
    'applicable', 'excluded', 'implemented', 'partial', 'planned',
    'not_started', 'decided_pct', 'applicable_pct', 'implemented_pct',
    'themes']), keys(q)
assert (q['applicable'], q['implemented'], q['implemented_pct']) == (92, 48, 52)
assert keys(q['themes'][0]) == ['applicable', 'implemented', 'not_started',
    'partial', 'planned', 'theme']
assert keys(s['audits']) == ['closed', 'in-progress', 'planned', 'reported', 'total']
assert s['findings']['open_by_type'] == {'major': 0, 'minor': 2,
    'observation': 1, 'opportunity': 1}
assert s['problems'] == {'errors': 0, 'warnings': 0}
assert s['objectives'] == {'total': 6, 'by_status': {'planned': 0,
    'in-progress': 3, 'achieved': 2, 'missed': 1, 'cancelled': 0},
    'overdue': 0}
assert s['documents'] == {'total': 10, 'by_status': {'draft': 0,
    'approved': 9, 'withdrawn': 1}, 'unapproved': 0, 'review_overdue': 0}
assert s['incidents'] == {'total': 5, 'open': 2, 'open_by_severity': {
    'low': 0, 'medium': 1, 'high': 1, 'critical': 0}, 'overdue': 0,
    'closed_without_lessons': 0, 'personal_data_breaches': 3,
    'notification_late': 0, 'notification_pending': 0}
assert s['metrics'] == {'total': 6, 'on_target': 6, 'below_target': 0,
    'no_target_or_result': 0, 'stale': 0}
assert s['reviews'] == {'held': 2, 'last': '2026-10-14',
    'next_due': '2027-04-14', 'overdue': False, 'actions': 6,
    'actions_open': 2, 'actions_overdue': 0}
assert len(s['next_due']) == 5
assert s['next_due'][0] == {'date': '2026-11-30', 'kind': 'measurement',
    'id': 'M-002', 'owner': 'Information Security Manager',
    'text': 'Phishing simulation click rate'}
assert [d['kind'] for d in s['next_due']] == ['measurement', 'measurement',
    'incident', 'incident', 'review-action']
PY
pystatus=$?
checks=$((checks + 1))
[ "$pystatus" -eq 0 ] || fail "status JSON: $(cat "$T/py.out")"

# One list: on the day of the next management review, the risk reviews
# due that day come first (kinds in their documented order), then the
# management review, which names no record.
run -C "$P" --today 2027-04-14 status --format json
expect_status 0
cp "$T/out" "$T/later.json"
python3 - "$T/later.json" >"$T/py.out" 2>&1 <<'PY'
import sys, json
s = json.load(open(sys.argv[1]))
due = s['next_due']
assert [d['kind'] for d in due] == ['review'] * 4 + ['management-review'], due
assert all(d['date'] == '2027-04-14' for d in due), due
assert due[4] == {'date': '2027-04-14', 'kind': 'management-review',
    'id': None, 'owner': None, 'text': 'management review'}, due[4]
PY
pystatus=$?
checks=$((checks + 1))
[ "$pystatus" -eq 0 ] || fail "status JSON on 2027-04-14: $(cat "$T/py.out")"

# Same inputs, same bytes.
run -C "$P" --today 2026-11-22 status --format json
same_file "$T/status.json" "$T/out"

# Errors.
run -C "$P" status --format md
expect_status 2
expect_err "isms: status: format 'md' is not available here (use text or json)"
run -C "$P" status extra
expect_status 2
B=$T/broken
example_project "$B"
printf 'version: 1\ntreatments: [\n' >"$B/treatments.yaml"
run -C "$B" status
expect_status 3
expect_no_out

done_testing
