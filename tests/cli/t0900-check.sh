#!/bin/sh
# isms check, core rules: every problem located and named, all of them at
# once, exit 1; silence and exit 0 when clean; --rule/--skip; json.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run check
expect_status 0
expect_no_out
expect_no_err

cat >assets.yaml <<'YAML'
version: 1
assets:
  - id: A-001
    name: Web server
    owner: IT
    depends_on: [A-002, A-009]
  - id: A-002
    name: Hypervisor
    depends_on: [A-003]
  - id: A-003
    name: Rack
    owner: Facilities
    depends_on: [A-002]
  - id: A-004
    name: Old tape library
    in_scope: false
YAML
run check
expect_status 1
expect_out "assets.yaml:6:25: error: asset A-001: depends_on 'A-009' does not exist [missing-ref]
assets.yaml:7:5: error: asset A-002 is in scope but has no owner [asset-owner]
assets.yaml:9:17: error: asset A-002: depends_on forms a cycle back to itself [dependency-cycle]"

# A write that would add a problem is refused; one that leaves the
# existing problems alone is allowed (only new problems block).
run asset set A-003 depends_on=[A-404]
expect_status 3
err_has "depends_on 'A-404' does not exist; nothing was written"
run asset set A-004 owner=Archive
expect_status 0

run check --rule asset-owner
expect_status 1
expect_out "assets.yaml:7:5: error: asset A-002 is in scope but has no owner [asset-owner]"
run check --skip asset-owner --skip missing-ref
expect_status 1
expect_out "assets.yaml:9:17: error: asset A-002: depends_on forms a cycle back to itself [dependency-cycle]"
run check --rule no-such-rule
expect_status 2
err_has "--rule: no rule 'no-such-rule'"

run check --format json --rule asset-owner
expect_status 1
expect_out '{
  "errors": 1,
  "warnings": 0,
  "problems": [
    {
      "file": "assets.yaml",
      "line": 7,
      "column": 5,
      "severity": "error",
      "rule": "asset-owner",
      "message": "asset A-002 is in scope but has no owner"
    }
  ]
}'

# Paths are relative to where check runs.
cd "$T" || exit 1
run -C p check --rule asset-owner
expect_out "p/assets.yaml:7:5: error: asset A-002 is in scope but has no owner [asset-owner]"
cd "$P" || exit 1

# Problems in several registers at once, syntax included.
printf 'version: 1\nrisks:\n  - id: R-001\n    title: [x\n' >risks.yaml
printf 'version: 1\ntreatments:\n  - {id: T-001, risk: R-001, option: ignore}\n' >treatments.yaml
run check --skip asset-owner --skip dependency-cycle --skip missing-ref
expect_status 1
expect_out "risks.yaml:5:1: error: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence [yaml-syntax]
treatments.yaml:3:38: error: option: 'ignore' is not one of modify, retain, avoid or share [bad-value]"

# The worked example is clean.
run -C "$ISMS_SRC/examples/northwind" --today 2026-11-22 check
expect_status 0
expect_no_out

done_testing
