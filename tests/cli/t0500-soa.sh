#!/bin/sh
# isms soa: catalog, generate (dry run, idempotence, human decisions kept),
# set, list filters, show, export in every format, migrate 2013 -> 2022,
# and every SoA check rule firing and staying silent.
. "$(dirname "$0")/lib.sh"

TODAY="--today 2026-11-22"

# --- soa catalog -----------------------------------------------------------

mkdir "$T/nowhere"
cd "$T/nowhere" || exit 1
run soa catalog iso27001-2022
expect_status 0
[ "$(wc -l <"$T/out")" -eq 94 ] || fail "catalog 2022: $(wc -l <"$T/out") lines"
checks=$((checks + 1))
head -3 "$T/out" >"$T/head"
cat >"$T/want" <<'EOF'
id    title                                                                   theme
5.1   Policies for information security                                       Organizational
5.2   Information security roles and responsibilities                         Organizational
EOF
same_file "$T/want" "$T/head"
run soa catalog iso27001-2013 --format json
expect_status 0
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 114, len(d)
assert d[0] == {"id": "5.1.1", "title": "Policies for information security",
    "theme": "A.5 Information security policies"}, d[0]
assert all(isinstance(c["id"], str) for c in d)
' "$T/out" || fail "catalog 2013 json"
checks=$((checks + 1))
run soa catalog iso27001-2022 --format csv
expect_status 0
out_has "5.10,Acceptable use of information and other associated assets,Organizational"
run soa catalog iso27001-2022 --format md
expect_status 0
out_has "| 8.34 | Protection of information systems during audit testing                 | Technological  |"
# Without a name, the project's catalog: outside a project that is an error.
run soa catalog
expect_status 2
err_has "isms: not an isms project"
run soa catalog no-such
expect_status 3
expect_err 'isms: unknown catalog "no-such": not built in (iso27001-2022, iso27001-2013) and no catalogs/no-such.yaml'
run soa catalog iso27001-2022 --format html
expect_status 2

# --- generate on a fresh project -------------------------------------------

P=$T/fresh
new_project "$P"
cd "$P" || exit 1
cat >risks.yaml <<'EOF'
version: 1
risks:
  - {id: R-001, title: Ransomware encrypts the file server}
  - {id: R-007, title: Phishing steals credentials}
  - {id: R-009, title: Fraudulent supplier invoice}
EOF
cat >treatments.yaml <<'EOF'
version: 1
treatments:
  - {id: T-001, risk: R-007, option: modify, controls: ["8.7", "5.10"], status: planned}
  - {id: T-002, risk: R-001, option: modify, controls: ["8.7", "8.13"]}
  - {id: T-003, risk: R-009, option: modify, controls: ["5.1"], status: cancelled}
EOF
snapshot "$P"
run soa generate --dry-run
expect_status 0
unchanged "$P"
out_has "add 5.1"
out_has "add 5.10 applicable: Treats R-007"
out_has "add 8.7 applicable: Treats R-001, R-007"
tail -1 "$T/out" >"$T/last"
printf 'would add 93 controls, mark 3 applicable\n' >"$T/want"
same_file "$T/want" "$T/last"
[ "$(wc -l <"$T/out")" -eq 94 ] || fail "dry run: $(wc -l <"$T/out") lines"
checks=$((checks + 1))

run soa generate
expect_status 0
expect_out "added 93 controls, marked 3 applicable"
[ "$(grep -c '^  - id: ' soa.yaml)" -eq 93 ] || fail "93 controls expected"
checks=$((checks + 1))
head -17 soa.yaml >"$T/head"
cat >"$T/want" <<'EOF'
# Statement of applicability (6.1.3 d).
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
  - id: "5.2"
  - id: "5.3"
  - id: "5.4"
  - id: "5.5"
  - id: "5.6"
  - id: "5.7"
  - id: "5.8"
  - id: "5.9"
  - id: "5.10"
    applicable: true
    reason: Treats R-007
  - id: "5.11"
EOF
same_file "$T/want" "$T/head"
grep -A3 '"8.7"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "8.7"
    applicable: true
    reason: "Treats R-001, R-007"
  - id: "8.8"
EOF
same_file "$T/want" "$T/got"
tail -1 soa.yaml >"$T/got"
printf '  - id: "8.34"\n' >"$T/want"
same_file "$T/want" "$T/got"

# Idempotent: a second run changes no byte.
cp soa.yaml "$T/soa.1"
run soa generate
expect_status 0
expect_out "added 0 controls, marked 0 applicable"
same_file "$T/soa.1" soa.yaml
run -q soa generate
expect_status 0
expect_no_out

# --- generate never overwrites a human decision ----------------------------

H=$T/human
new_project "$H"
cd "$H" || exit 1
cp "$P/risks.yaml" "$P/treatments.yaml" .
cat >soa.yaml <<'EOF'
# Our SoA: hand edited.
version: 1
catalog: iso27001-2022
controls:
  # decided by the board
  - id: "5.10"
    applicable: false   # we said no
    reason: Covered by group policy
  - id: "8.7"
    reason: Malware is handled by the MSP
  - {id: "8.13", owner: IT}
EOF
snapshot "$H"
run soa generate --dry-run
expect_status 0
unchanged "$H"
out_has "mark 8.7 applicable (its reason stays)"
out_has "mark 8.13 applicable: Treats R-001"
out_lacks "5.10 applicable"
run soa generate
expect_status 0
expect_out "added 90 controls, marked 2 applicable"
sed -n '1,20p' soa.yaml >"$T/head"
cat >"$T/want" <<'EOF'
# Our SoA: hand edited.
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
  - id: "5.2"
  - id: "5.3"
  - id: "5.4"
  - id: "5.5"
  - id: "5.6"
  - id: "5.7"
  - id: "5.8"
  - id: "5.9"
  # decided by the board
  - id: "5.10"
    applicable: false   # we said no
    reason: Covered by group policy
  - id: "5.11"
  - id: "5.12"
  - id: "5.13"
EOF
same_file "$T/want" "$T/head"
grep -A5 '"8.7"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "8.7"
    applicable: true
    reason: Malware is handled by the MSP
  - id: "8.8"
  - id: "8.9"
  - id: "8.10"
EOF
same_file "$T/want" "$T/got"
grep '"8.13"' soa.yaml >"$T/got"
printf '  - {id: "8.13", owner: IT, applicable: true, reason: Treats R-001}\n' >"$T/want"
same_file "$T/want" "$T/got"
cp soa.yaml "$T/soa.2"
run soa generate
expect_out "added 0 controls, marked 0 applicable"
same_file "$T/soa.2" soa.yaml

# --- set, list, show -------------------------------------------------------

cd "$P" || exit 1
run soa set 5.1 applicable=false "reason=Group policy applies"
expect_status 0
expect_no_out
run soa set 8.7 status=implemented owner=CISO 'evidence=[EDR console, "Report, Q3"]'
expect_status 0
run soa set 8.13 status=planned owner="IT Ops"
expect_status 0
grep -A6 '"8.7"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "8.7"
    applicable: true
    reason: "Treats R-001, R-007"
    status: implemented
    owner: CISO
    evidence: [EDR console, "Report, Q3"]
  - id: "8.8"
EOF
same_file "$T/want" "$T/got"
snapshot "$P"
run soa set 8.7 status=done
expect_status 3
err_has "status: 'done' is not one of not-started, planned, partial or implemented"
unchanged "$P"
run soa set 8.7 applicable=maybe
expect_status 3
unchanged "$P"
run soa set 9.99 status=planned
expect_status 2
expect_err "isms: no control with id '9.99'"
unchanged "$P"

run soa list --applicable
expect_status 0
expect_out "id    title                                             theme           applicable  status       owner   risks
5.10  Acceptable use of information and other associa…  Organizational  yes                              R-007
8.7   Protection against malware                        Technological   yes         implemented  CISO    R-001, R-007
8.13  Information backup                                Technological   yes         planned      IT Ops  R-001"
run soa list --excluded --format csv
expect_status 0
expect_out "id,title,theme,applicable,status,owner,risks
5.1,Policies for information security,Organizational,no,,,"
run soa list --undecided --theme people --format csv
expect_status 0
[ "$(wc -l <"$T/out")" -eq 9 ] || fail "8 undecided People controls expected"
checks=$((checks + 1))
out_has "6.8,Information security event reporting,People,,,,"
run soa list --status planned --format csv
expect_status 0
expect_out "id,title,theme,applicable,status,owner,risks
8.13,Information backup,Technological,yes,planned,IT Ops,R-001"
run soa list --applicable --sort -risks --format csv
expect_status 0
expect_out "id,title,theme,applicable,status,owner,risks
5.10,Acceptable use of information and other associated assets,Organizational,yes,,,R-007
8.7,Protection against malware,Technological,yes,implemented,CISO,\"R-001, R-007\"
8.13,Information backup,Technological,yes,planned,IT Ops,R-001"
run soa list --applicable --theme technological --format json
expect_status 0
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [c["id"] for c in d] == ["8.7", "8.13"], d
assert d[0]["risks"] == ["R-001", "R-007"] and d[0]["treatments"] == ["T-001", "T-002"]
assert d[0]["applicable"] is True and d[0]["evidence"] == ["EDR console", "Report, Q3"]
assert d[0]["title"] == "Protection against malware" and d[0]["theme"] == "Technological"
' "$T/out" || fail "list json"
checks=$((checks + 1))
run soa list --applicable --excluded
expect_status 2
run soa list --bogus
expect_status 2

run soa show 8.7
expect_status 0
expect_out "id:         8.7
applicable: true
reason:     Treats R-001, R-007
status:     implemented
owner:      CISO
evidence:   EDR console, Report, Q3
title:      Protection against malware
theme:      Technological
decision:   applicable
risks:      R-001, R-007
treatments: T-001, T-002"
run soa show 5.2
expect_status 0
expect_out "id:         5.2
title:      Information security roles and responsibilities
theme:      Organizational
decision:   undecided
risks:
treatments:"
run soa show 5.1 --format json
expect_status 0
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d == {"id": "5.1", "applicable": False, "reason": "Group policy applies",
    "title": "Policies for information security", "theme": "Organizational",
    "risks": [], "treatments": []}, d
' "$T/out" || fail "show json"
checks=$((checks + 1))
run soa show 9.99
expect_status 2

# --- export ---------------------------------------------------------------

run $TODAY soa export --format csv
expect_status 0
[ "$(wc -l <"$T/out")" -eq 94 ] || fail "csv export: one row per control"
checks=$((checks + 1))
head -3 "$T/out" >"$T/head"
cat >"$T/want" <<'EOF'
id,title,applicable,justification,status,owner,evidence,risks
5.1,Policies for information security,no,Group policy applies,,,,
5.2,Information security roles and responsibilities,,,,,,
EOF
same_file "$T/want" "$T/head"
out_has '8.7,Protection against malware,yes,"Treats R-001, R-007",implemented,CISO,"EDR console; Report, Q3","R-001, R-007"'
run $TODAY soa export
expect_status 0
head -5 "$T/out" >"$T/head"
cat >"$T/want" <<'EOF'
# Statement of Applicability

Test Org, ISO/IEC 27001:2022 (iso27001-2022), as of 2026-11-22

93 controls: 3 applicable, 1 excluded, 89 undecided; 1 implemented (33% of applicable).
EOF
same_file "$T/want" "$T/head"
out_has "| 8.7  | Protection against malware "
run $TODAY soa export --format json
expect_status 0
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 93 and d[0]["id"] == "5.1" and d[-1]["id"] == "8.34"
assert list(d[0]) == ["id", "title", "applicable", "justification", "status",
    "owner", "evidence", "risks"], list(d[0])
assert d[0]["applicable"] is False and d[1]["applicable"] is None
byid = {c["id"]: c for c in d}
assert byid["8.7"]["evidence"] == ["EDR console", "Report, Q3"]
assert byid["8.7"]["risks"] == ["R-001", "R-007"]
assert byid["5.10"]["justification"] == "Treats R-007"
' "$T/out" || fail "export json"
checks=$((checks + 1))
# HTML: one page, every string escaped.
run soa set 8.13 'reason=<script>alert(1)</script> & "more"'
expect_status 0
run $TODAY soa export --format html
expect_status 0
head -1 "$T/out" >"$T/head"
printf '<!DOCTYPE html>\n' >"$T/want"
same_file "$T/want" "$T/head"
out_has "<title>Statement of Applicability - Test Org</title>"
out_has "<td>8.13</td><td>Information backup</td><td>yes</td><td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;</td><td>planned</td><td>IT Ops</td><td></td><td>R-001</td>"
out_lacks "<script>"
out_lacks "<script"
tail -2 "$T/out" >"$T/tail"
printf '</body>\n</html>\n' >"$T/want"
same_file "$T/want" "$T/tail"
run soa export --format yaml
expect_status 2

# --- the example project ---------------------------------------------------

E=$T/example
example_project "$E"
cd "$E" || exit 1
# A write session takes the lock file; only dry runs leave none.
touch .isms.lock
snapshot "$E"
run soa generate
expect_status 0
expect_out "added 0 controls, marked 0 applicable"
unchanged "$E"
run $TODAY check
expect_status 0
run soa list --excluded --format csv
expect_out "id,title,theme,applicable,status,owner,risks
8.30,Outsourced development,Technological,no,,,"
# Removing a control and undeciding a used one: generate puts both back
# and touches nothing else.
python3 - <<'EOF'
import re
s = open("soa.yaml").read()
s2 = re.sub(r'  - id: "5\.7"\n(    .*\n)+', '', s, count=1)
s2 = s2.replace('  - id: "8.8"\n    applicable: true\n', '  - id: "8.8"\n', 1)
assert s2 != s
open("soa.yaml", "w").write(s2)
EOF
run $TODAY check
expect_status 1
out_has "error: control 5.7 (Threat intelligence) of iso27001-2022 is missing from the SoA [soa-missing]"
out_has "warning: control 8.8 is undecided: set applicable to true or false [soa-undecided]"
run soa generate
expect_out "added 1 control, marked 2 applicable"
grep -A2 '"5.7"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "5.7"
    applicable: true
    reason: Treats R-012
EOF
same_file "$T/want" "$T/got"
grep -A2 '"8.8"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "8.8"
    applicable: true
    reason: Technical vulnerabilities in servers, endpoints and devices; treats R-008, R-012, R-033
EOF
same_file "$T/want" "$T/got"

# --- migrate ---------------------------------------------------------------

M=$T/migrate
new_project "$M"
cd "$M" || exit 1
sed 's/^catalog: iso27001-2022$/catalog: iso27001-2013/' isms.yaml >isms.new && mv isms.new isms.yaml
cat >risks.yaml <<'EOF'
version: 1
risks:
  - {id: R-001, title: Ransomware}
  - {id: R-002, title: Data leak}
EOF
cat >treatments.yaml <<'EOF'
# Treatment plan.
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: ["12.6.1", "12.3.1", "18.2.3"]   # patching, backup, review
    status: planned
  - {id: T-002, risk: R-002, option: modify, controls: ["5.1.1", "5.1.2", "LOCAL-7"]}
  - {id: T-003, risk: R-002, option: retain}
EOF
cat >soa.yaml <<'EOF'
# Northwind SoA (2013 edition).
# Approved 2025-01-10.
version: 1
catalog: iso27001-2013
controls:
  # A.5 policies
  - id: "5.1.1"
    applicable: true
    reason: Policy set
    status: implemented
    owner: CISO
    evidence: [POL-001]
  - id: "5.1.2"
    applicable: true
    reason: Annual review
    status: partial
    owner: CISO
    evidence: [POL-001, "Review minutes, 2025"]
  - {id: "9.1.1", applicable: false, reason: No in-house systems}
  - {id: "9.1.2", applicable: false, reason: No in-house systems}
  - {id: "13.2.1", applicable: true, reason: Transfers to the lab}
  - {id: "13.2.2", applicable: false, reason: No agreements}
  - {id: "12.6.1", applicable: true, status: planned}
  - {id: "12.3.1"}
# end of the SoA
EOF
run $TODAY check
expect_status 1
out_has "treatments.yaml:9:75: error: treatment T-002: control 'LOCAL-7' is not in iso27001-2013 [treat-unknown-control]"
out_has "soa.yaml:24:5: warning: control 12.3.1 is undecided: set applicable to true or false [soa-undecided]"
out_has "soa.yaml:21:32: error: control 13.2.1 is applicable but has no status (not-started, planned, partial or implemented) [soa-no-status]"
snapshot "$M"
run soa migrate --to iso27001-2022 --dry-run
expect_status 0
unchanged "$M"
out_has "would migrate soa.yaml from iso27001-2013 to iso27001-2022: 8 entries became 93 controls"
touch .isms.lock
snapshot "$M"
run soa migrate
expect_status 2
err_has "--to CATALOG is required"
run soa migrate --to iso27001-2013
expect_status 0
expect_out "soa.yaml already follows iso27001-2013; nothing to migrate"
unchanged "$M"
run soa migrate --to mine
expect_status 3
unchanged "$M"
run soa migrate --to iso27001-2022
expect_status 0
expect_out "migrated soa.yaml from iso27001-2013 to iso27001-2022: 8 entries became 93 controls
  5.1   applicable  from 5.1.1, 5.1.2
  5.14  undecided   from 13.2.1, 13.2.2
  5.15  excluded    from 9.1.1, 9.1.2
  8.8   applicable  from 12.6.1
  8.13  undecided   from 12.3.1
treatment T-001 controls: 12.6.1, 12.3.1, 18.2.3 -> 8.8, 8.13, 5.36
treatment T-002 controls: 5.1.1, 5.1.2, LOCAL-7 -> 5.1, LOCAL-7
isms.yaml and soa.yaml: catalog: iso27001-2022
needs a human decision:
  5.7   new in iso27001-2022: Threat intelligence
  5.14  Conflict in the iso27001-2013 SoA: 13.2.1 applicable, 13.2.2 excluded; Transfers to the lab; No agreements
  5.23  new in iso27001-2022: Information security for use of cloud services
  5.30  new in iso27001-2022: ICT readiness for business continuity
  7.4   new in iso27001-2022: Physical security monitoring
  8.9   new in iso27001-2022: Configuration management
  8.10  new in iso27001-2022: Information deletion
  8.11  new in iso27001-2022: Data masking
  8.12  new in iso27001-2022: Data leakage prevention
  8.13  undecided in the old SoA (12.3.1)
  8.16  new in iso27001-2022: Monitoring activities
  8.23  new in iso27001-2022: Web filtering
  8.28  new in iso27001-2022: Secure coding
  treatment T-002 names 'LOCAL-7', which neither catalog has
  77 more controls the old SoA did not cover; see 'isms soa list --undecided'"
head -15 soa.yaml >"$T/head"
cat >"$T/want" <<'EOF'
# Northwind SoA (2013 edition).
# Approved 2025-01-10.
version: 1
catalog: iso27001-2022
controls:
  - id: "5.1"
    applicable: true
    reason: Policy set; Annual review
    status: partial
    owner: CISO
    evidence: [POL-001, "Review minutes, 2025"]
  - id: "5.2"
  - id: "5.3"
  - id: "5.4"
  - id: "5.5"
EOF
same_file "$T/want" "$T/head"
grep -A2 '"5.14"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "5.14"
    reason: "Conflict in the iso27001-2013 SoA: 13.2.1 applicable, 13.2.2 excluded; Transfers to the lab; No agreements"
  - id: "5.15"
EOF
same_file "$T/want" "$T/got"
grep -A3 '"5.15"' soa.yaml >"$T/got"
cat >"$T/want" <<'EOF'
  - id: "5.15"
    applicable: false
    reason: No in-house systems
  - id: "5.16"
EOF
same_file "$T/want" "$T/got"
tail -2 soa.yaml >"$T/got"
printf '  - id: "8.34"\n# end of the SoA\n' >"$T/want"
same_file "$T/want" "$T/got"
[ "$(grep -c '^  - id: ' soa.yaml)" -eq 93 ] || fail "93 controls after migrate"
checks=$((checks + 1))
cat >"$T/want" <<'EOF'
# Treatment plan.
version: 1
treatments:
  - id: T-001
    risk: R-001
    option: modify
    controls: ["8.8", "8.13", "5.36"]   # patching, backup, review
    status: planned
  - {id: T-002, risk: R-002, option: modify, controls: ["5.1", LOCAL-7]}
  - {id: T-003, risk: R-002, option: retain}
EOF
same_file "$T/want" treatments.yaml
grep '^catalog:' isms.yaml >"$T/got"
printf 'catalog: iso27001-2022\n' >"$T/want"
same_file "$T/want" "$T/got"
run $TODAY check
expect_status 1
out_has "treatments.yaml:9:64: error: treatment T-002: control 'LOCAL-7' is not in iso27001-2022 [treat-unknown-control]"
out_lacks "soa-missing"
out_lacks "soa-catalog"
# generate after the migration marks what the rewritten treatments use.
run soa generate
expect_status 0
expect_out "added 0 controls, marked 2 applicable"
# A migration that would leave an invalid project writes nothing: an
# SoA id the old catalog does not know stops it before any write.
M2=$T/migrate2
new_project "$M2"
cd "$M2" || exit 1
sed 's/^catalog: iso27001-2022$/catalog: iso27001-2013/' isms.yaml >isms.new && mv isms.new isms.yaml
printf 'version: 1\ncatalog: iso27001-2013\ncontrols:\n  - {id: "5.1.1", applicable: true}\n  - {id: "A.99", applicable: true}\n' >soa.yaml
touch .isms.lock
snapshot "$M2"
run soa migrate --to iso27001-2022
expect_status 3
expect_err "isms: soa.yaml:5:10: control 'A.99' is not in iso27001-2013; correct or remove it before migrating"
unchanged "$M2"

# --- check rules ------------------------------------------------------------

C=$T/rules
new_project "$C"
cd "$C" || exit 1
mkdir catalogs
cat >catalogs/mini.yaml <<'EOF'
version: 1
title: Mini baseline
controls:
  - {id: M-1, title: Policy, theme: Governance}
  - {id: M-2, title: Backups, theme: Operations}
  - {id: M-3, title: Awareness, theme: People}
EOF
sed 's/^catalog: iso27001-2022$/catalog: mini/' isms.yaml >isms.new && mv isms.new isms.yaml
cat >risks.yaml <<'EOF'
version: 1
risks:
  - {id: R-001, title: Data loss}
EOF
cat >treatments.yaml <<'EOF'
version: 1
treatments:
  - {id: T-001, risk: R-001, option: modify, controls: [M-2], status: planned}
  - {id: T-002, risk: R-001, option: modify, controls: [M-3], status: cancelled}
EOF
cat >soa.yaml <<'EOF'
version: 1
catalog: mini
controls:
  - {id: M-1, applicable: true, status: implemented, evidence: [POL-1]}
  - {id: M-2, applicable: true, status: planned}
  - {id: M-3, applicable: false, reason: No staff}
EOF
cp soa.yaml "$T/soa.good"
cp treatments.yaml "$T/treat.good"
run $TODAY check
expect_status 0
expect_no_out
run soa catalog
expect_status 0
expect_out "id   title      theme
M-1  Policy     Governance
M-2  Backups    Operations
M-3  Awareness  People"

# check_one STATUS LINE: check's exit status and the one line it prints
# (nothing for ""), then the good soa.yaml and treatments.yaml restored.
check_one() {
	run $TODAY check
	expect_status "$1"
	if [ -n "$2" ]; then expect_out "$2"; else expect_no_out; fi
	cp "$T/soa.good" soa.yaml
	cp "$T/treat.good" treatments.yaml
}

printf 'version: 1\ncatalog: mini\ncontrols:\n  - {id: M-1, applicable: true, status: implemented, evidence: [POL-1]}\n  - {id: M-2, applicable: true, status: planned}\n' >soa.yaml
check_one 1 "soa.yaml:4:3: error: control M-3 (Awareness) of mini is missing from the SoA [soa-missing]"

printf 'version: 1\ncatalog: mini\ncontrols: []\n' >soa.yaml
check_one 1 "soa.yaml:3:11: error: the SoA decides none of the 3 controls of mini; run 'isms soa generate' [soa-missing]"
# An SoA not yet begun is due once a live treatment selects controls: a
# new project, or one whose only such treatment is cancelled, is clean.
printf 'version: 1\ncatalog: mini\ncontrols: []\n' >soa.yaml
sed 's/controls: \[M-2\], status: planned/controls: [M-2], status: cancelled/' "$T/treat.good" >treatments.yaml
check_one 0 ""

sed 's/{id: M-3, applicable: false, reason: No staff}/{id: M-3}/' "$T/soa.good" >soa.yaml
check_one 0 "soa.yaml:6:5: warning: control M-3 is undecided: set applicable to true or false [soa-undecided]"

sed 's/, status: planned}/}/' "$T/soa.good" >soa.yaml
check_one 1 "soa.yaml:5:27: error: control M-2 is applicable but has no status (not-started, planned, partial or implemented) [soa-no-status]"

sed 's/, reason: No staff}/}/' "$T/soa.good" >soa.yaml
check_one 1 "soa.yaml:6:27: error: control M-3 is excluded without a reason [soa-no-reason]"

sed 's/{id: M-2, applicable: true, status: planned}/{id: M-2, applicable: false, reason: Later}/' "$T/soa.good" >soa.yaml
check_one 1 "soa.yaml:5:27: error: control M-2 is excluded but treatment T-001 uses it [soa-excluded-used]"

# Two live treatments: both named.  A cancelled one never counts.
sed 's/status: cancelled/status: in-progress/' "$T/treat.good" >treatments.yaml
check_one 1 "soa.yaml:6:27: error: control M-3 is excluded but treatment T-002 uses it [soa-excluded-used]"
printf '  - {id: T-003, risk: R-001, option: modify, controls: [M-2]}\n' >>treatments.yaml
sed 's/{id: M-2, applicable: true, status: planned}/{id: M-2, applicable: false, reason: Later}/' "$T/soa.good" >soa.yaml
run $TODAY check
expect_status 1
expect_out "soa.yaml:5:27: error: control M-2 is excluded but treatments T-001, T-003 use it [soa-excluded-used]"
cp "$T/soa.good" soa.yaml
cp "$T/treat.good" treatments.yaml

printf '  - {id: M-9, applicable: true, status: planned}\n' >>soa.yaml
check_one 1 "soa.yaml:7:10: error: control 'M-9' is not in mini [soa-unknown-control]"

sed 's/, evidence: \[POL-1\]//' "$T/soa.good" >soa.yaml
check_one 0 "soa.yaml:4:41: warning: control M-1 is implemented but lists no evidence [soa-no-evidence]"
sed 's/evidence: \[POL-1\]/evidence: []/' "$T/soa.good" >soa.yaml
check_one 0 "soa.yaml:4:41: warning: control M-1 is implemented but lists no evidence [soa-no-evidence]"

sed 's/^catalog: mini$/catalog: iso27001-2022/' "$T/soa.good" >soa.yaml
run $TODAY check
expect_status 1
out_has "soa.yaml:2:10: error: soa.yaml follows catalog iso27001-2022 but isms.yaml names mini [soa-catalog]"
cp "$T/soa.good" soa.yaml

sed 's/controls: \[M-2\]/controls: [M-2, M-7]/' "$T/treat.good" >treatments.yaml
check_one 1 "treatments.yaml:3:62: error: treatment T-001: control 'M-7' is not in mini [treat-unknown-control]"
# A cancelled treatment's references are checked too.
sed 's/controls: \[M-3\]/controls: [X-1]/' "$T/treat.good" >treatments.yaml
check_one 1 "treatments.yaml:4:57: error: treatment T-002: control 'X-1' is not in mini [treat-unknown-control]"

# A 2013 id in a 2022 project says what it became.
cd "$P" || exit 1
sed 's/controls: \["8.7", "8.13"\]/controls: ["8.7", "12.3.1"]/' treatments.yaml >t.new && mv t.new treatments.yaml
run $TODAY check --format text
expect_status 1
out_has "treatments.yaml:4:64: error: treatment T-002: control '12.3.1' is not in iso27001-2022; iso27001-2013 12.3.1 became 8.13 [treat-unknown-control]"

cd "$C" || exit 1
run $TODAY check
expect_status 0
expect_no_out

done_testing
