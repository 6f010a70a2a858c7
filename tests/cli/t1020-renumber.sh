#!/bin/sh
# isms renumber: an id renamed with every reference to it, in every
# register, byte for byte; refusals leave every file as it was.
. "$(dirname "$0")/lib.sh"

# The merge and renumber must leave the registers loadable and every
# reference whole; the ISMS rules (treatments, SoA, audits) judge other things.
INTEGRITY="--rule yaml-syntax --rule duplicate-id --rule missing-ref --rule wrong-type --rule unknown-key --rule missing-field"

P=$T/p
new_project "$P"
cd "$P" || exit 1
cat >assets.yaml <<'YAML'
version: 1
assets:
  - id: A-001   # the database
    name: Customer DB
    owner: CIO
  - id: A-002
    name: Web server
    owner: IT Ops
    depends_on: [A-001, A-003]
  - {id: A-003, name: Load balancer, owner: IT Ops, depends_on: [A-001]}
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-001, A-002]
    owner: CIO
    rating: {likelihood: 3, impact: 5}
  - id: R-002
    title: Outage
    assets:
      - A-002
      - A-001
    owner: CIO
    rating: {likelihood: 2, impact: 3}
YAML
cat >treatments.yaml <<'YAML'
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: ["8.8", "8.13"]
  - id: T-002
    risk: R-001
    option: share
    controls: ['8.8']
YAML
cat >soa.yaml <<'YAML'
version: 1
controls:
  - id: "8.8"
    applicable: true
    reason: Patching treats R-001   # free text is not a reference
  - id: "8.13"
    applicable: true
YAML
cat >audits.yaml <<'YAML'
version: 1
audits:
  - id: AU-001
    title: Internal audit
    scope: {clauses: ["8"], controls: ["8.8", "8.13"]}
  - id: AU-002
    title: Supplier audit
findings:
  - id: F-001
    audit: AU-001
    type: minor
    ref: "8.8"
  - id: F-002
    audit: AU-001
    type: observation
    ref: "6.1"
YAML
cp -r "$P" "$T/orig"

# An asset referenced by risks and by other assets.
run renumber A-001 A-100
expect_status 0
expect_out "asset A-001 -> A-100: 4 references in assets.yaml, risks.yaml"
cat >"$T/want" <<'YAML'
version: 1
assets:
  - id: A-100   # the database
    name: Customer DB
    owner: CIO
  - id: A-002
    name: Web server
    owner: IT Ops
    depends_on: [A-100, A-003]
  - {id: A-003, name: Load balancer, owner: IT Ops, depends_on: [A-100]}
YAML
same_file "$T/want" assets.yaml
cat >"$T/want" <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-100, A-002]
    owner: CIO
    rating: {likelihood: 3, impact: 5}
  - id: R-002
    title: Outage
    assets:
      - A-002
      - A-100
    owner: CIO
    rating: {likelihood: 2, impact: 3}
YAML
same_file "$T/want" risks.yaml

# A risk referenced by treatments.
run renumber R-001 R-010
expect_status 0
expect_out "risk R-001 -> R-010: 2 references in risks.yaml, treatments.yaml"
# A control id across the SoA, treatments, audit scopes and findings.
run renumber 8.8 8.10
expect_status 0
expect_out "control 8.8 -> 8.10: 4 references in treatments.yaml, soa.yaml, audits.yaml"
cat >"$T/want" <<'YAML'
version: 1
treatments:
  - id: T-001
    risk: R-010
    option: modify
    controls: ["8.10", "8.13"]
  - id: T-002
    risk: R-010
    option: share
    controls: ["8.10"]
YAML
same_file "$T/want" treatments.yaml
cat >"$T/want" <<'YAML'
version: 1
controls:
  - id: "8.10"
    applicable: true
    reason: Patching treats R-001   # free text is not a reference
  - id: "8.13"
    applicable: true
YAML
same_file "$T/want" soa.yaml
# An audit referenced by findings.
run -q renumber AU-001 AU-007
expect_status 0
expect_no_out
cat >"$T/want" <<'YAML'
version: 1
audits:
  - id: AU-007
    title: Internal audit
    scope: {clauses: ["8"], controls: ["8.10", "8.13"]}
  - id: AU-002
    title: Supplier audit
findings:
  - id: F-001
    audit: AU-007
    type: minor
    ref: "8.10"
  - id: F-002
    audit: AU-007
    type: observation
    ref: "6.1"
YAML
same_file "$T/want" audits.yaml
# A record nothing references: only its own id changes.
run renumber F-002 F-020
expect_status 0
expect_out "finding F-002 -> F-020: 0 references in audits.yaml"
run check --today 2026-11-22 $INTEGRITY
expect_status 0

# Refusals: nothing is written.
snapshot "$P"
run renumber A-002 A-003
expect_status 3
expect_err "isms: asset A-003 already exists"
run renumber A-002 B-002
expect_status 2
expect_err "isms: 'B-002' is not a valid asset id (it must start with A-)"
run renumber A-002 "A 2"
expect_status 2
expect_err "isms: 'A 2' is not a valid id (letters, digits, '.', '_' and '-', starting with a letter or digit)"
run renumber A-002 -- -A-2
expect_status 2
run renumber A-404 A-405
expect_status 2
expect_err "isms: no record has the id 'A-404'"
run renumber A-002
expect_status 2
unchanged "$P"

# A file that cannot be replaced stops the whole change: every register
# stays as it was (the write is all or nothing).  Here risks.yaml is a
# symbolic link, which isms never writes through; assets.yaml, written
# first, must not change either.
mv risks.yaml "$T/risks-elsewhere.yaml" && ln -s "$T/risks-elsewhere.yaml" risks.yaml
snapshot "$P"
cp "$T/risks-elsewhere.yaml" "$T/risks-before.yaml"
run renumber A-002 A-200
expect_status 4
expect_err "isms: risks.yaml: is a symbolic link; isms does not write through links"
unchanged "$P"
same_file "$T/risks-before.yaml" "$T/risks-elsewhere.yaml"
ls -a "$P" | grep -q isms-tmp && fail "a temporary file was left behind"
rm risks.yaml && mv "$T/risks-elsewhere.yaml" risks.yaml
snapshot "$P"
chmod 555 "$P"
if [ ! -w "$P" ]; then
	run renumber A-002 A-200
	expect_status 4
	chmod 755 "$P"
	unchanged "$P"
else
	chmod 755 "$P"   # running as root: permissions do not stop writes
fi

done_testing
