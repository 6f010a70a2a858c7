#!/bin/sh
# isms asset: add, list, show, set, rm, import, export, byte preservation.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

run asset add --name "Customer DB" --type information --owner CIO --c 5 --i 4 --a 3
expect_status 0
expect_out "A-001"
run asset add --name "DB server" --type hardware --owner "IT Ops" --c 2 --i 2 --a 4 --depends-on ""
expect_status 0
expect_out "A-002"
run asset set A-001 depends_on=[A-002] location=eu-west-2
expect_status 0
expect_no_out
cat >"$T/want" <<'YAML'
# Asset register (A.5.9).
version: 1
assets:
  - id: A-001
    name: Customer DB
    type: information
    owner: CIO
    c: 5
    i: 4
    a: 3
    location: eu-west-2
    depends_on: [A-002]
  - id: A-002
    name: DB server
    type: hardware
    owner: IT Ops
    c: 2
    i: 2
    a: 4
    depends_on: []
YAML
same_file "$T/want" assets.yaml

# The server inherits the database's confidentiality and integrity.
run asset list --format csv
expect_status 0
expect_out "id,name,type,owner,classification,c,i,a,effective,value
A-001,Customer DB,information,CIO,,5,4,3,5/4/3,5
A-002,DB server,hardware,IT Ops,,2,2,4,5/4/4,5"

run asset show A-002 --format json
expect_status 0
out_has '"effective": {'
out_has '"value": 5'

run asset list --type hardware
expect_status 0
out_has "A-002"
out_lacks "A-001"

# Bad values are refused like a hand edit, and nothing is written.
snapshot "$P"
run asset set A-002 c=9
expect_status 3
expect_err "isms: assets.yaml:17:8: asset A-002: c 9 is not on the impact scale (1-5); nothing was written"
unchanged "$P"
run asset set A-002 typo=1
expect_status 3
err_has "unknown key 'typo' in asset (did you mean 'type'?)"
unchanged "$P"
run asset add --name X --type gadget
expect_status 3
err_has "type: 'gadget' is not one of information, software, hardware, service, people, site or supplier"
unchanged "$P"
run asset add --name X --depends-on A-404
expect_status 3
err_has "depends_on 'A-404' does not exist"
unchanged "$P"
run asset rm A-002
expect_status 3
expect_err "isms: asset A-002 is still referenced by asset A-001 (depends_on); remove those references first"
unchanged "$P"
run asset rm A-404
expect_status 2
run asset frobnicate
expect_status 2
run asset list --bogus
expect_status 2

# Byte preservation: comments and hand formatting survive a set and an rm.
cat >assets.yaml <<'YAML'
# Our assets -- kept by hand.
version: 1
assets:
  # The crown jewels
  - id: A-001
    name:   "Customer DB"     # quoted on purpose
    type: information
    owner: CIO
    c: 5
    i: 4
    a: 3

  - {id: A-002, name: DB server, type: hardware, owner: IT Ops, c: 2, i: 2, a: 4}
  - id: A-003
    name: Spare laptop   # to be disposed of
    owner: IT Ops
YAML
cp assets.yaml "$T/orig"
run asset set A-001 owner="Chief Information Officer"
expect_status 0
sed 's/^    owner: CIO$/    owner: Chief Information Officer/' "$T/orig" >"$T/want"
same_file "$T/want" assets.yaml
run asset set A-002 a=5 location=DC1
expect_status 0
sed 's/c: 2, i: 2, a: 4}/c: 2, i: 2, a: 5, location: DC1}/' "$T/want" >"$T/want2"
same_file "$T/want2" assets.yaml
run asset rm A-003
expect_status 0
head -n 13 "$T/want2" >"$T/want3"
same_file "$T/want3" assets.yaml

# Import: all or nothing, every bad row named.
cat >"$T/bad.csv" <<'CSV'
name,type,owner,c,i,a,depends_on
Payroll,information,HR,4,4,2,A-001
Mystery,widget,,1,1,1,
Orphan,software,IT,2,2,2,A-999
CSV
snapshot "$P"
run asset import "$T/bad.csv"
expect_status 3
err_has "bad.csv:3: type: 'widget' is not one of"
err_has "bad.csv:4: depends_on 'A-999' does not exist"
unchanged "$P"
cat >"$T/good.csv" <<'CSV'
name,type,owner,c,i,a,depends_on
Payroll,information,HR,4,4,2,A-001; A-002
Portal,software,Web team,3,3,3,
CSV
run asset import "$T/good.csv"
expect_status 0
expect_out "imported 2 assets"
run asset export --format csv
expect_status 0
out_has "A-003,Payroll,information,HR,,4,4,2,,A-001; A-002,,"
out_has "A-004,Portal,software,Web team,,3,3,3,,,,"

done_testing
