#!/bin/sh
# isms scope: statement, issues, parties, boundaries, interfaces, exclusions.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run scope set statement "The ISMS covers the patient portal: hosting, support & billing."
expect_status 0
grep -q '^statement: "The ISMS covers the patient portal: hosting, support & billing."$' scope.yaml ||
	fail "statement not written: $(grep statement scope.yaml)"
run scope issue add --kind external --text "Annual regulatory submission"
expect_status 0
expect_out "I-001"
run scope issue add --kind internal --text "Staff turnover in IT"
expect_out "I-002"
run scope party add --name Patients --requirement "Confidentiality of health records" --requirement "Availability of the portal"
expect_out "P-001"
run scope boundary add --kind location --name "Leeds head office"
expect_out "B-001"
run scope interface add --name "Hosted email provider" --direction outbound
expect_out "N-001"
run scope exclusion add --name "Research data" --reason "Covered by the university's ISMS"
expect_out "X-001"
cat >"$T/want" <<'YAML'
# Context and scope of the ISMS (ISO/IEC 27001 4.1-4.3).
version: 1
statement: "The ISMS covers the patient portal: hosting, support & billing."
issues:
  - id: I-001
    kind: external
    text: Annual regulatory submission
  - id: I-002
    kind: internal
    text: Staff turnover in IT
parties:
  - id: P-001
    name: Patients
    requirements: [Confidentiality of health records, Availability of the portal]
boundaries:
  - id: B-001
    kind: location
    name: Leeds head office
interfaces:
  - id: N-001
    name: Hosted email provider
    direction: outbound
exclusions:
  - id: X-001
    name: Research data
    reason: Covered by the university's ISMS
YAML
same_file "$T/want" scope.yaml

run scope issue list --format csv
expect_status 0
expect_out "id,kind,text
I-001,external,Annual regulatory submission
I-002,internal,Staff turnover in IT"
run scope issue list --kind internal --format csv
expect_out "id,kind,text
I-002,internal,Staff turnover in IT"
run scope show --format md
expect_status 0
out_has "# Scope of the ISMS of Test Org"
out_has "## Interested parties and their requirements (4.2)"
out_has "| P-001 | Patients | Confidentiality of health records, Availability of the portal |"
run scope show --format json
expect_status 0
out_has '"statement": "The ISMS covers the patient portal: hosting, support & billing."'
run scope issue set I-002 kind=external
expect_status 0
grep -A1 'id: I-002' scope.yaml | grep -q 'kind: external' || fail "issue not set"
run scope issue rm I-001
expect_status 0
checks=$((checks + 1))
grep -q 'I-001' scope.yaml && fail "I-001 not removed"

# Refusals.
snapshot "$P"
run scope issue add --kind sideways --text X
expect_status 3
err_has "kind: 'sideways' is not one of internal or external"
run scope exclusion add --name "No reason"
expect_status 3
err_has "exclusion X-002 has no 'reason'"
run scope set owner X
expect_status 2
run scope widget add
expect_status 2
run scope issue fly
expect_status 2
unchanged "$P"

# Hand-written flow records stay flow records; new ones follow their style.
cat >scope.yaml <<'YAML'
version: 1
statement: Everything.   # for now
issues:
  - {id: I-001, kind: external, text: Annual regulatory submission}
  - {id: I-005, kind: internal, text: Legacy systems}
YAML
run scope issue add --id I-003 --kind internal --text "Budget, cut by 10%"
expect_status 0
cat >"$T/want" <<'YAML'
version: 1
statement: Everything.   # for now
issues:
  - {id: I-001, kind: external, text: Annual regulatory submission}
  - {id: I-003, kind: internal, text: "Budget, cut by 10%"}
  - {id: I-005, kind: internal, text: Legacy systems}
YAML
same_file "$T/want" scope.yaml

done_testing
