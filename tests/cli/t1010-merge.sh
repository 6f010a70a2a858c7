#!/bin/sh
# isms git setup and isms merge-driver under real `git merge`: branches
# that add, change and delete records on both sides merge cleanly and
# byte for byte as expected; real conflicts stop the merge with markers
# around the conflicting records only; both sides adding the same new id
# keep both, and isms check reports it; what the driver cannot merge is
# left to a person with OURS untouched.
. "$(dirname "$0")/lib.sh"

# The merge and renumber must leave the registers loadable and every
# reference whole; the ISMS rules (treatments, SoA, audits) judge other things.
INTEGRITY="--rule yaml-syntax --rule duplicate-id --rule missing-ref --rule wrong-type --rule unknown-key --rule missing-field"
. "$(dirname "$0")/gitlib.sh"

R=$T/repo
P=$R/ismsdir
new_repo "$R"
new_project "$P"
cd "$P" || exit 1
cat >assets.yaml <<'YAML'
# Asset register: our comments must survive every merge.
version: 1
assets:
  - id: A-001
    name: Customer DB
    type: information
    owner: CIO      # accountable owner
    c: 5
    i: 4
    a: 3
  - id: A-002
    name: Web server
    type: hardware
    owner: IT Ops
    depends_on: [A-001]
  - id: A-003
    name: Mail service
    type: service
    owner: IT Ops
  # Laptops are managed by the MDM team.
  - id: A-004
    name: Laptop fleet
    type: hardware
    owner: IT Ops
YAML
cat >risks.yaml <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-001]
    owner: CIO
    rating: {likelihood: 3, impact: 5}
YAML
cat >audits.yaml <<'YAML'
version: 1
audits:
  - id: AU-001
    title: Internal audit
    status: reported
findings:
  - id: F-001
    audit: AU-001
    type: minor
    statement: Policy not approved
    status: open
YAML
commit base

# Setup: attribute lines for every register, once; the driver in git's
# configuration, the program path quoted for git's shell.
run git setup --program "$ISMS"
expect_status 0
expect_out "ismsdir/.gitattributes: 12 lines added
ismsdir/.gitignore: 0 lines added
git config merge.isms.driver: $ISMS merge-driver %O %A %B %P"
cat >"$T/want" <<'EOF2'
# isms registers: merged record by record (isms git setup)
isms.yaml merge=isms
scope.yaml merge=isms
assets.yaml merge=isms
risks.yaml merge=isms
treatments.yaml merge=isms
soa.yaml merge=isms
audits.yaml merge=isms
objectives.yaml merge=isms
documents.yaml merge=isms
incidents.yaml merge=isms
metrics.yaml merge=isms
reviews.yaml merge=isms
EOF2
same_file "$T/want" .gitattributes
printf 'isms register merge\n' >"$T/want"
git config merge.isms.name >"$T/got"
same_file "$T/want" "$T/got"
run git setup --program "$ISMS"
expect_status 0
out_has ".gitattributes: 0 lines added"
same_file "$T/want" "$T/got"
# A project made before the register cache existed gets it ignored too.
printf '.isms.lock\n.isms-tmp-*' >.gitignore
run git setup --program "$ISMS"
expect_status 0
out_has "ismsdir/.gitignore: 1 line added"
printf '.isms.lock\n.isms-tmp-*\n# isms working files (isms git setup)\n.isms.cache\n' >"$T/want"
same_file "$T/want" .gitignore
git add .gitignore && git commit -qm "ignore the cache"
printf 'isms register merge\n' >"$T/want"
printf '*.pdf binary\n' >"$T/attr"
cat .gitattributes >>"$T/attr"
printf '*.pdf binary' >.gitattributes
run -q git setup --program "$T/dir with 'quote'/isms"
expect_status 0
expect_no_out
printf '%s\n' "'$T/dir with '\\''quote'\\''/isms' merge-driver %O %A %B %P" >"$T/want"
git config merge.isms.driver >"$T/got"
same_file "$T/want" "$T/got"
same_file "$T/attr" .gitattributes
run git setup --program "$ISMS"
commit setup

# Their branch: an owner changed, a record added, one deleted, the
# impact of a rating, a finding closed.
git checkout -q -b theirs
run asset set A-001 owner=CISO
run asset add --name "Backup vault" --type service --owner "IT Ops" --id A-006
run asset rm A-004
expect_status 0
sed -i 's/likelihood: 3, impact: 5/likelihood: 3, impact: 4/' risks.yaml
sed -i 's/    status: open/    status: closed/' audits.yaml
commit theirs

# Our branch: another field of the same asset, another record added, a
# third record changed, the likelihood of the same rating, a new finding.
git checkout -q main
run asset set A-001 location=Leeds
run asset add --name "Phones" --type hardware --owner "IT Ops" --id A-005
run asset set A-002 name="Web servers"
sed -i 's/likelihood: 3, impact: 5/likelihood: 2, impact: 5/' risks.yaml
cat >>audits.yaml <<'YAML'
  - id: F-002
    audit: AU-001
    type: observation
    statement: Logs kept for 30 days only
YAML
commit ours

git merge -q theirs -m "merge theirs" >"$T/gitout" 2>&1
status=$?
expect_status 0
cat >"$T/want" <<'YAML'
# Asset register: our comments must survive every merge.
version: 1
assets:
  - id: A-001
    name: Customer DB
    type: information
    owner: CISO      # accountable owner
    c: 5
    i: 4
    a: 3
    location: Leeds
  - id: A-002
    name: Web servers
    type: hardware
    owner: IT Ops
    depends_on: [A-001]
  - id: A-003
    name: Mail service
    type: service
    owner: IT Ops
  # Laptops are managed by the MDM team.
  - id: A-005
    name: Phones
    type: hardware
    owner: IT Ops
  - id: A-006
    name: Backup vault
    type: service
    owner: IT Ops
YAML
same_file "$T/want" assets.yaml
cat >"$T/want" <<'YAML'
version: 1
risks:
  - id: R-001
    title: Data breach
    assets: [A-001]
    owner: CIO
    rating: {likelihood: 2, impact: 4}
YAML
same_file "$T/want" risks.yaml
cat >"$T/want" <<'YAML'
version: 1
audits:
  - id: AU-001
    title: Internal audit
    status: reported
findings:
  - id: F-001
    audit: AU-001
    type: minor
    statement: Policy not approved
    status: closed
  - id: F-002
    audit: AU-001
    type: observation
    statement: Logs kept for 30 days only
YAML
same_file "$T/want" audits.yaml
[ "$(git rev-list --parents -n 1 HEAD | wc -w)" = 3 ] || fail "no merge commit"
run check --today 2026-11-22 $INTEGRITY
expect_status 0

# Real conflicts: the same field changed differently, and a record we
# changed that they deleted.  The merge stops; markers surround those two
# records only, and their other change (A-001's name) is merged.
git checkout -q -b theirs2
run asset set A-002 owner=Platform
run asset rm A-003
run asset set A-001 name="Customer database"
commit theirs2
git checkout -q main
run asset set A-002 owner=Web
run asset set A-003 owner=Messaging
commit ours2
git merge -q theirs2 -m "merge theirs2" >"$T/gitout" 2>&1
status=$?
expect_status 1
grep -q "CONFLICT (content): Merge conflict in ismsdir/assets.yaml" "$T/gitout" ||
fail "git did not report the conflict: $(cat "$T/gitout")"
grep -q "isms: ismsdir/assets.yaml: 2 conflicts marked" "$T/gitout" ||
fail "the driver did not say why: $(cat "$T/gitout")"
cat >"$T/want" <<'YAML'
# Asset register: our comments must survive every merge.
version: 1
assets:
  - id: A-001
    name: Customer database
    type: information
    owner: CISO      # accountable owner
    c: 5
    i: 4
    a: 3
    location: Leeds
<<<<<<< ours
  - id: A-002
    name: Web servers
    type: hardware
    owner: Web
    depends_on: [A-001]
=======
  - id: A-002
    name: Web servers
    type: hardware
    owner: Platform
    depends_on: [A-001]
>>>>>>> theirs
<<<<<<< ours
  - id: A-003
    name: Mail service
    type: service
    owner: Messaging
=======
>>>>>>> theirs
  # Laptops are managed by the MDM team.
  - id: A-005
    name: Phones
    type: hardware
    owner: IT Ops
  - id: A-006
    name: Backup vault
    type: service
    owner: IT Ops
YAML
same_file "$T/want" assets.yaml
git ls-files -u assets.yaml | grep -q . || fail "assets.yaml is not unmerged"
git merge --abort || fail "merge --abort"

# Both sides add the same new id, differently: both records are kept, the
# merge goes through, and isms check reports the duplicate with both places.
git checkout -q -b theirs3 HEAD
run asset add --name "Tablet" --id A-007 --owner "IT Ops"
commit theirs3
git checkout -q main
run asset add --name "Printer" --id A-007 --owner Facilities
commit ours3
git merge -q theirs3 -m "merge theirs3" >"$T/gitout" 2>&1
status=$?
expect_status 0
tail -8 assets.yaml >"$T/got"
cat >"$T/want" <<'YAML'
    type: service
    owner: IT Ops
  - id: A-007
    name: Printer
    owner: Facilities
  - id: A-007
    name: Tablet
    owner: IT Ops
YAML
same_file "$T/want" "$T/got"
run check --today 2026-11-22 $INTEGRITY
expect_status 1
expect_out "assets.yaml:33:9: error: duplicate asset id 'A-007' (first at assets.yaml:30:9) [duplicate-id]"
# Every write is refused until a person gives one of them another id.
run asset set A-001 owner=CIO
expect_status 3
sed -i '33s/A-007/A-008/' assets.yaml
run check --today 2026-11-22 $INTEGRITY
expect_status 0
commit "A-008 for the tablet"

# Top-level keys merge like fields: a scope statement on one side, a new
# issue on the other.
git checkout -q -b theirs4 HEAD
sed -i 's/^statement: .*/statement: All customer services/' scope.yaml
commit theirs4
git checkout -q main
run scope issue add --kind external --text "New regulation"
commit ours4
git merge -q theirs4 -m "merge theirs4" >"$T/gitout" 2>&1
status=$?
expect_status 0
grep -q '^statement: All customer services$' scope.yaml || fail "statement not merged"
grep -q 'New regulation' scope.yaml || fail "issue lost"

# The driver on its own: a file that is not a register, a side that does
# not parse, missing arguments.  OURS is left as it was each time.
cd "$T" || exit 1
printf 'version: 1\nassets: []\n' >base.yaml
printf 'version: 1\nassets:\n  - {id: A-001, name: X}\n' >ours.yaml
printf 'version: 1\nassets: [\n' >theirs.yaml
cp ours.yaml ours.orig
run merge-driver base.yaml ours.yaml theirs.yaml notes/todo.yaml
expect_status 1
expect_err "isms: notes/todo.yaml is not an isms register; left for a manual merge"
same_file ours.orig ours.yaml
run merge-driver base.yaml ours.yaml theirs.yaml x/assets.yaml
expect_status 1
err_has "isms: x/assets.yaml: assets.yaml (theirs):3:1: "
err_has "; left for a manual merge"
same_file ours.orig ours.yaml
run merge-driver base.yaml ours.yaml theirs.yaml
expect_status 2
run merge-driver base.yaml ours.yaml missing.yaml assets.yaml
expect_status 4
same_file ours.orig ours.yaml
# A clean merge through the driver directly: OURS gets the result.
printf 'version: 1\nassets:\n  - {id: A-002, name: Y}\n' >theirs.yaml
run merge-driver base.yaml ours.yaml theirs.yaml assets.yaml
expect_status 0
expect_no_out
printf 'version: 1\nassets:\n  - {id: A-001, name: X}\n  - {id: A-002, name: Y}\n' >"$T/want"
same_file "$T/want" ours.yaml

done_testing
