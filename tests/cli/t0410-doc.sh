#!/bin/sh
# isms doc: every verb, approve, unapproved and review-overdue, SoA
# evidence, round trips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pdca.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run doc add --title "Information security policy" --kind policy --version 1.0 \
	--owner ISM --status draft --control 5.1 --clause 5.2 \
	--recipient "All staff" --recipient Contractors --location https://intranet/pol-001
expect_status 0
expect_out "DOC-001"
run doc add --title "Old procedure" --kind procedure --status approved \
	--approved-by CIO --approved-on 2025-01-01 --review 2026-01-01
expect_out "DOC-002"
cat >"$T/want" <<'YAML'
# Documented information (7.5).
version: 1
documents:
  - id: DOC-001
    title: Information security policy
    kind: policy
    version: "1.0"
    owner: ISM
    controls: ["5.1"]
    clauses: ["5.2"]
    distribution: [All staff, Contractors]
    location: https://intranet/pol-001
    status: draft
  - id: DOC-002
    title: Old procedure
    kind: procedure
    approved_by: CIO
    approved_on: 2025-01-01
    review: 2026-01-01
    status: approved
YAML
same_file "$T/want" documents.yaml

run --today 2026-11-22 doc list
expect_status 0
expect_out "id       title                        kind       version  owner  status    review      state
DOC-001  Information security policy  policy     1.0      ISM    draft                 unapproved
DOC-002  Old procedure                procedure                  approved  2026-01-01  review-overdue"
run --today 2026-11-22 doc list --unapproved --format csv
expect_out "id,title,kind,version,owner,status,review,state
DOC-001,Information security policy,policy,1.0,ISM,draft,,unapproved"
run --today 2026-11-22 doc list --overdue --format csv
expect_out "id,title,kind,version,owner,status,review,state
DOC-002,Old procedure,procedure,,,approved,2026-01-01,review-overdue"
run --today 2026-11-22 doc list --kind policy --format csv
out_has "DOC-001"
out_lacks "DOC-002"

run --today 2026-11-22 doc show DOC-002 --format json
expect_status 0
expect_out '{
  "id": "DOC-002",
  "title": "Old procedure",
  "kind": "procedure",
  "approved_by": "CIO",
  "approved_on": "2025-01-01",
  "review": "2026-01-01",
  "status": "approved",
  "unapproved": false,
  "review_overdue": true
}'

# approve: one change records the approver, the date and the version.
snapshot "$P"
run doc approve DOC-001
expect_status 2
expect_err "isms: doc approve: --by NAME is required"
run doc approve DOC-001 --by Board --date 2026-13-01
expect_status 2
expect_err "isms: --date: '2026-13-01' is not a date (YYYY-MM-DD)"
run doc approve DOC-404 --by Board
expect_status 2
expect_err "isms: no document with id 'DOC-404'"
unchanged "$P"
run --today 2026-11-20 doc approve DOC-001 --by Board --version 1.1 --review 2027-11-20
expect_status 0
expect_no_out
sed -e 's/^    version: "1.0"$/    version: "1.1"/' \
    -e 's/^    owner: ISM$/    owner: ISM\n    approved_by: Board\n    approved_on: 2026-11-20\n    review: 2027-11-20/' \
    -e '13s/status: draft/status: approved/' "$T/want" >"$T/want2"
same_file "$T/want2" documents.yaml
run --today 2026-11-22 doc list --unapproved --format csv
expect_out "id,title,kind,version,owner,status,review,state"

# A document cited as SoA evidence says so in show.
cat >soa.yaml <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - {id: "5.1", applicable: true, reason: Policy, status: implemented, evidence: ["DOC-001 Information security policy v1.1"]}
  - {id: "5.2", applicable: true, reason: Roles, status: implemented, evidence: [DOC-0011 roles]}
YAML
run --today 2026-11-22 doc show DOC-001
out_has "SoA evidence for: 5.1"

snapshot "$P"
run doc set DOC-001 kind=memo
expect_status 3
err_has "'memo' is not one of policy, procedure, standard, record, plan or other"
run doc set DOC-001 classification=secret
expect_status 3
unchanged "$P"
refusals doc DOC-001 title document

roundtrip doc documents.yaml
run doc rm DOC-002
expect_status 0
run doc list --format csv
expect_out "id,title,kind,version,owner,status,review,state
DOC-001,Information security policy,policy,1.1,ISM,approved,2027-11-20,"

done_testing
