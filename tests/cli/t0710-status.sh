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
Check        0 errors, 0 warnings

Next due
due         kind               id     owner                  item
2026-12-18  treatment          T-014  Facilities Manager     Power loss in the Leeds server room
2026-12-18  action             T-014  Facilities Manager     Install a generator connection poin…
2026-12-31  treatment          T-026  IT Operations Manager  Backups cannot be restored when nee…
2026-12-31  action             T-026  IT Operations Manager  Run and record a full EPR and PACS …
2026-12-31  corrective-action  F-006  IT Operations Manager  Quarterly full restore tests record…"

# NO_COLOR (set by lib.sh) and a pipe: no escape sequences.
checks=$((checks + 1))
grep -q "$(printf '\033')" "$T/out" && fail "colour on a pipe"

# A later day: what was due becomes overdue.
run -C "$P" --today 2027-01-05 status
expect_status 0
out_has "Corrective   2 open of 4, 1 overdue"
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
    'soa', 'audits', 'findings', 'problems', 'next_due']), keys(s)
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
assert len(s['next_due']) == 5
assert s['next_due'][0] == {'date': '2026-12-18', 'kind': 'treatment',
    'id': 'T-014', 'owner': 'Facilities Manager',
    'text': 'Power loss in the Leeds server room'}
PY
pystatus=$?
checks=$((checks + 1))
[ "$pystatus" -eq 0 ] || fail "status JSON: $(cat "$T/py.out")"

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
