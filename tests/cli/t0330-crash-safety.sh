#!/bin/sh
# SIGKILL at random moments: 300 writers killed mid-flight leave every
# register loadable with the old or the new record (tests/stress/kill.sh),
# the temporary files they leave are stale-temp-file warnings, and a
# look-alike id is a lookalike-id warning.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
"$ISMS" -C "$P" asset add --name Laptop --owner IT >/dev/null || fail "add"
checks=$((checks + 1))
sh "$ISMS_SRC/tests/stress/kill.sh" "$P" 300 >"$T/kill.out" 2>&1 ||
    fail "kill test: $(cat "$T/kill.out")"

# stale-temp-file: exact message, a warning (exit 0), silent once removed.
cd "$P" || exit 1
rm -f .isms-tmp-*
run check
expect_status 0
expect_no_out
printf 'version: 1\nassets: [\n' >.isms-tmp-Ab12Cd
run check
expect_status 0
expect_out ".isms-tmp-Ab12Cd:1:1: warning: temporary file left by an interrupted isms write; no register uses it, delete it [stale-temp-file]"
run check --strict
expect_status 1
# Writers ignore it and do not remove it.
run asset set A-001 owner=Ops
expect_status 0
checks=$((checks + 1))
[ -f .isms-tmp-Ab12Cd ] || fail "a writer removed another's temporary file"
rm -f .isms-tmp-Ab12Cd

# lookalike-id: Cyrillic А-001 beside Latin A-001.
run asset add --id "А-001" --name Cyrillic --owner IT
expect_status 0
run check
expect_status 0
expect_out "assets.yaml:7:9: warning: asset id 'А-001' looks like 'A-001' but is not the same id (it has non-ASCII characters) [lookalike-id]"
# Fullwidth forms and Unicode dashes fold too; an id with no ASCII twin
# is fine.
run asset add --id "Ａ－００２" --name Fullwidth --owner IT
run check --rule lookalike-id
expect_status 0
out_lacks "Ａ－００２"
run asset add --id "A-002" --name Latin --owner IT
run check --rule lookalike-id
out_has "asset id 'Ａ－００２' looks like 'A-002'"
run asset add --id "Ж-001" --name Zhe --owner IT
run check --rule lookalike-id
out_lacks "Ж-001"

done_testing
