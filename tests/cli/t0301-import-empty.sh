#!/bin/sh
# Several records added in one session to an empty or absent list all land
# (regression: the second add overlapped the first and was lost).
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
done_testing
