#!/bin/sh
# isms check as a CI gate: every audit rule firing and staying silent, exit
# codes 0/1/2/3, and the json, sarif, junit and github formats parsed back
# and validated, byte-identical across runs with the same --today.
#
# Other areas add their own rules; to stay exact whatever they add, the
# checks here select the audit rules with --rule.
. "$(dirname "$0")/lib.sh"

AUDIT_RULES="--rule audit-coverage --rule audit-stale --rule audit-bad-scope
--rule finding-overdue --rule nc-no-action --rule finding-unverified
--rule finding-bad-ref"
# The directory name needs escaping in GitHub properties and SARIF URIs.
P="$T/w/p,1:x"
mkdir -p "$T/w"
new_project "$P"
cd "$T/w" || exit 1
C() { run -C "p,1:x" --today 2026-11-22 check $AUDIT_RULES "$@"; }
R() { run -C "p,1:x" --today 2026-11-22 check "$@"; }

cat >"$P/soa.yaml" <<'YAML'
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
    applicable: true
  - id: "8.8"
    applicable: true
  - id: "8.9"
    applicable: false
    reason: Not used
YAML

# A clean programme: everything audited this year, findings in order.
cat >"$P/audits.yaml" <<'YAML'
version: 1
programme: {cycle_months: 12}
audits:
  - id: AU-001
    title: Everything
    scope: {clauses: ["4", "5", "6", "7", "8", "9", "10"], controls: ["5.1", "8.8"]}
    planned: 2026-06-01
    status: reported
  - id: AU-002
    title: Next
    scope: {clauses: ["9.2"]}
    planned: 2026-12-01
    status: planned
findings:
  - id: F-001
    audit: AU-001
    type: major
    ref: "8.8"
    status: open
    action: {root_cause: R, corrective_action: C, due: 2026-12-31}
  - id: F-002
    audit: AU-001
    type: minor
    ref: A.5.1
    status: closed
    action: {root_cause: R, corrective_action: C, verified_by: Auditor, verified_on: 2026-07-01}
  - id: F-003
    audit: AU-001
    type: observation
    ref: "6.1.3"
    status: closed
YAML
cp "$P/audits.yaml" "$T/clean.yaml"
C
expect_status 0
expect_no_out
expect_no_err
for f in json sarif junit github; do
	C --format $f
	expect_status 0
done
C --format github
expect_no_out
# Every rule id is known; an unknown one is a usage error.
C --rule no-such-rule
expect_status 2
expect_err "isms: --rule: no rule 'no-such-rule' (see isms-check(1))"
C --format csv
expect_status 2
err_has "format 'csv' is not available here"
# The whole project (all rules) on the bundled example is clean.
run -C "$ISMS_SRC/examples/northwind" --today 2026-11-22 check
expect_status 0
expect_no_out

# Every audit rule fires.
cat >"$P/audits.yaml" <<'YAML'
version: 1
programme: {cycle_months: 12, start: 2024-01-01}
audits:
  - id: AU-001
    title: Old
    scope: {clauses: ["4", "5", "6", "7", "8", "9", "10"], controls: ["5.1", "9.9"]}
    planned: 2025-01-10
    completed: 2025-01-12
    status: closed
  - id: AU-002
    title: Stale
    scope: {clauses: ["9.2"]}
    planned: 2026-10-01
    status: planned
findings:
  - id: F-001
    audit: AU-001
    type: major
    ref: "8.8"
    status: open
    action: {corrective_action: Patch, due: 2026-11-01}
  - id: F-002
    audit: AU-001
    type: minor
    ref: "5.1"
    status: open
  - id: F-003
    type: minor
    ref: "6.1.3"
    status: closed
    action: {root_cause: R, corrective_action: C}
  - id: F-004
    type: observation
    ref: "50%,x:<a&b>"
YAML
snapshot "$P"
C
expect_status 1
expect_out 'p,1:x/audits.yaml:2:27: error: clause 10 not audited within the 12-month programme cycle: 10.1, 10.2 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 4 not audited within the 12-month programme cycle: 4.1, 4.2, 4.3, 4.4 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 5 not audited within the 12-month programme cycle: 5.1, 5.2, 5.3 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 6 not audited within the 12-month programme cycle: 6.1.1, 6.1.2, 6.1.3, 6.2, 6.3 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 7 not audited within the 12-month programme cycle: 7.1, 7.2, 7.3, 7.4, 7.5.1, 7.5.2, 7.5.3 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 8 not audited within the 12-month programme cycle: 8.1, 8.2, 8.3 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:2:27: error: clause 9 not audited within the 12-month programme cycle: 9.1, 9.2.1, 9.2.2, 9.3.1, 9.3.2, 9.3.3 (due 2026-01-12) [audit-coverage]
p,1:x/audits.yaml:6:78: error: audit AU-001: scope control '\''9.9'\'' is not in catalog iso27001-2022 [audit-bad-scope]
p,1:x/audits.yaml:13:14: warning: audit AU-002 was planned for 2026-10-01 and is still '\''planned'\''; start it, report it or plan it again [audit-stale]
p,1:x/audits.yaml:21:13: error: major nonconformity F-001 lacks a root cause (10.2) [nc-no-action]
p,1:x/audits.yaml:21:45: error: finding F-001 is open and its corrective action was due on 2026-11-01 [finding-overdue]
p,1:x/audits.yaml:24:11: warning: minor nonconformity F-002 lacks a root cause and a corrective action (10.2) [nc-no-action]
p,1:x/audits.yaml:30:13: error: nonconformity F-003 is closed but the effectiveness of its corrective action was never verified (action.verified_by and action.verified_on) [finding-unverified]
p,1:x/audits.yaml:34:10: error: finding F-004: ref '\''50%,x:<a&b>'\'' is neither a clause nor a control of catalog iso27001-2022 [finding-bad-ref]
p,1:x/soa.yaml:4:9: error: applicable control 5.1 (Policies for information security) not audited within the 12-month programme cycle (last audited 2025-01-12; due 2026-01-12) [audit-coverage]
p,1:x/soa.yaml:6:9: error: applicable control 8.8 (Management of technical vulnerabilities) not audited within the 12-month programme cycle (never audited; due 2025-01-01) [audit-coverage]'
unchanged "$P"

# Each rule alone: it fires here, and is silent on the clean register.
for r in audit-coverage audit-stale audit-bad-scope finding-overdue \
    nc-no-action finding-unverified finding-bad-ref; do
	run -C "p,1:x" --today 2026-11-22 check --rule $r --format json
	python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["problems"], "no problem"
assert {p["rule"] for p in v["problems"]} == {sys.argv[2]}, v
' "$T/out" "$r" || fail "rule $r does not fire"
	cp "$P/audits.yaml" "$T/firing.yaml"
	cp "$T/clean.yaml" "$P/audits.yaml"
	run -C "p,1:x" --today 2026-11-22 check --rule $r
	expect_status 0
	expect_no_out
	cp "$T/firing.yaml" "$P/audits.yaml"
done

# Warnings alone do not fail unless --strict.
R --rule audit-stale
expect_status 0
out_has "[audit-stale]"
R --rule audit-stale --strict
expect_status 1
C --skip audit-coverage --skip audit-bad-scope --skip finding-overdue \
	--skip finding-unverified --skip finding-bad-ref --skip nc-no-action
expect_status 0

# JSON
C --format json
expect_status 1
python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["errors"] == 14 and v["warnings"] == 2, (v["errors"], v["warnings"])
p = v["problems"][13]
assert p == {"file": "p,1:x/audits.yaml", "line": 34, "column": 10,
    "severity": "error", "rule": "finding-bad-ref",
    "message": "finding F-004: ref '"'"'50%,x:<a&b>'"'"' is neither a clause nor a control of catalog iso27001-2022"}, p
' "$T/out" || fail "json"

# SARIF 2.1.0: the properties the schema requires, checked by hand.
C --format sarif
expect_status 1
cp "$T/out" "$T/sarif1"
python3 - "$T/out" <<'PY' || fail "sarif"
import json, sys
v = json.load(open(sys.argv[1]))
assert v["version"] == "2.1.0"
assert v["$schema"].startswith("https://") and v["$schema"].endswith("sarif-schema-2.1.0.json")
assert isinstance(v["runs"], list) and len(v["runs"]) == 1
run = v["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "isms"
assert isinstance(driver["version"], str) and "informationUri" not in driver
rules = driver["rules"]
ids = [r["id"] for r in rules]
assert ids == ["audit-coverage", "audit-stale", "audit-bad-scope",
    "finding-overdue", "nc-no-action", "finding-unverified",
    "finding-bad-ref"], ids
for r in rules:
    assert isinstance(r["shortDescription"]["text"], str) and r["shortDescription"]["text"]
    assert r["defaultConfiguration"]["level"] in ("error", "warning")
res = run["results"]
assert len(res) == 16
for x in res:
    assert isinstance(x["message"]["text"], str) and x["message"]["text"]
    assert x["level"] in ("none", "note", "warning", "error")
    assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
    (loc,) = x["locations"]
    phys = loc["physicalLocation"]
    assert phys["artifactLocation"]["uri"] in ("p%2C1%3Ax/audits.yaml", "p%2C1%3Ax/soa.yaml"), phys
    assert phys["region"]["startLine"] >= 1 and phys["region"]["startColumn"] >= 1
stale = [x for x in res if x["ruleId"] == "audit-stale"][0]
assert stale["level"] == "warning"
assert stale["locations"][0]["physicalLocation"]["region"] == {"startLine": 13, "startColumn": 14}
PY
C --format sarif
same_file "$T/sarif1" "$T/out"

# JUnit: one test suite, one test case per rule, failures escaped.
run -C "p,1:x" --today 2026-11-22 check --format junit --skip audit-stale
expect_status 1
python3 - "$T/out" <<'PY' || fail "junit"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
(suite,) = root.findall("testsuite")
cases = suite.findall("testcase")
names = [c.get("name") for c in cases]
assert len(names) == len(set(names)) == int(suite.get("tests"))
for r in ("yaml-syntax", "missing-ref", "audit-coverage", "audit-stale",
          "finding-overdue", "nc-no-action", "finding-unverified",
          "finding-bad-ref", "audit-bad-scope"):
    assert r in names, r
byname = {c.get("name"): c for c in cases}
assert byname["audit-stale"].find("skipped") is not None
assert byname["yaml-syntax"].find("failure") is None
f = byname["finding-bad-ref"].find("failure")
assert f.get("type") == "error" and f.get("message").startswith("1 problem: ")
assert "ref '50%,x:<a&b>' is neither" in f.text, f.text
assert f.text.startswith("p,1:x/audits.yaml:34:10: error: ")
cov = byname["audit-coverage"].find("failure")
assert cov.get("message").startswith("9 problems: ")
assert len(cov.text.strip().split("\n")) == 9
fails = [c.get("name") for c in cases if c.find("failure") is not None]
assert int(suite.get("failures")) == len(fails), fails
# Other areas' rules may fire on this project too; the audit ones are six.
audit = [n for n in fails if n.startswith(("audit-", "finding-", "nc-"))]
assert len(audit) == 6, fails
assert int(suite.get("skipped")) == 1
PY
# Warnings alone pass unless --strict.
run -C "p,1:x" --today 2026-11-22 check --format junit --rule audit-stale
expect_status 0
python3 - "$T/out" <<'PY' || fail "junit warnings"
import sys, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot().find("testsuite")
c = [c for c in suite.findall("testcase") if c.get("name") == "audit-stale"][0]
assert c.find("failure") is None and "AU-002" in c.find("system-out").text
assert suite.get("failures") == "0"
PY
run -C "p,1:x" --today 2026-11-22 check --format junit --rule audit-stale --strict
expect_status 1
out_has '<failure type="warning" message="1 problem: an audit whose planned date has passed that is still planned">'

# GitHub workflow commands.
run -C "p,1:x" --today 2026-11-22 check --format github --rule finding-bad-ref --rule audit-stale
expect_status 1
expect_out "::warning file=p%2C1%3Ax/audits.yaml,line=13,col=14,title=audit-stale::audit AU-002 was planned for 2026-10-01 and is still 'planned'; start it, report it or plan it again
::error file=p%2C1%3Ax/audits.yaml,line=34,col=10,title=finding-bad-ref::finding F-004: ref '50%25,x:<a&b>' is neither a clause nor a control of catalog iso27001-2022"

# --today decides; the same day gives the same bytes.
run -C "p,1:x" --today 2024-06-01 check --rule audit-coverage --rule audit-stale --rule finding-overdue
expect_status 0
expect_no_out
for f in text json junit github; do
	C --format $f
	cp "$T/out" "$T/a"
	C --format $f
	same_file "$T/a" "$T/out"
done

# Syntax and schema problems are reported too (exit 1), not refused.
printf 'version: 1\naudits:\n  - {id: AU-001, title: X, status: done}\n' >"$P/audits.yaml"
run -C "p,1:x" --today 2026-11-22 check --format json --rule bad-value
expect_status 1
out_has '"rule": "bad-value"'
run -C "p,1:x" audit list
expect_status 3

done_testing
