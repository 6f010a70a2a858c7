#!/bin/sh
# Adding records to a list: several records added in one session to an
# empty or absent list all land (regression: the second add overlapped the
# first and was lost), and a record added before the first one leaves that
# record's leading comment with it.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
printf 'name,owner\nA,me\nB,you\n' >"$T/a.csv"
cat >"$T/want" <<'YAML'
version: 1
assets:
  - id: A-001
    name: A
    owner: me
  - id: A-002
    name: B
    owner: you
YAML
for start in 'version: 1\nassets: []\n' 'version: 1\nassets:\n' 'version: 1\n' 'version: 1'; do
	printf "$start" >assets.yaml
	run asset import "$T/a.csv"
	expect_status 0
	expect_out "imported 2 assets"
	same_file "$T/want" assets.yaml
done
rm assets.yaml
run asset import "$T/a.csv"
expect_status 0
same_file "$T/want" assets.yaml

cat >assets.yaml <<'YAML'
version: 1
assets:
  # The database and its notes.
  - id: A-005
    name: DB
YAML
run asset add --id A-001 --name First
expect_status 0
cat >"$T/want" <<'YAML'
version: 1
assets:
  - id: A-001
    name: First
  # The database and its notes.
  - id: A-005
    name: DB
YAML
same_file "$T/want" assets.yaml
done_testing
