#!/bin/sh
# isms init: a new project, presets, the worked example, never overwriting.
. "$(dirname "$0")/lib.sh"

run init "$T/a" --org "Acme <Health> Ltd"
expect_status 0
expect_out "Initialised isms project in $T/a"
for f in isms.yaml scope.yaml assets.yaml risks.yaml treatments.yaml soa.yaml audits.yaml \
	objectives.yaml documents.yaml incidents.yaml metrics.yaml reviews.yaml .gitignore .isms.lock; do
	checks=$((checks + 1))
	[ -e "$T/a/$f" ] || fail "init did not write $f"
done
grep -q '^organization: Acme <Health> Ltd$' "$T/a/isms.yaml" || fail "org not written"
grep -q '^  preset: 5x5$' "$T/a/isms.yaml" || fail "preset not written"
grep -q 'scale: {1: rare, 2: unlikely, 3: possible, 4: likely, 5: almost-certain}' "$T/a/isms.yaml" ||
	fail "scale names not written"
run -C "$T/a" check
expect_status 0
expect_no_out

# Refuses to overwrite, and writes nothing at all.
snapshot "$T/a"
run init "$T/a"
expect_status 2
err_has "isms.yaml: already exists in $T/a"
unchanged "$T/a"

for preset in 5x5 iso27005 nist-800-30 owasp; do
	run init "$T/$preset" --preset "$preset"
	expect_status 0
	grep -q "^  preset: $preset\$" "$T/$preset/isms.yaml" || fail "$preset not written"
	run -C "$T/$preset" check
	expect_status 0
done
run init "$T/bad" --preset 6x6
expect_status 2
err_has "--preset: no preset '6x6'"
checks=$((checks + 1))
[ -e "$T/bad" ] && fail "a failed init left $T/bad behind"

run init "$T/ex" --example
expect_status 0
for f in isms.yaml scope.yaml assets.yaml risks.yaml treatments.yaml soa.yaml audits.yaml \
	objectives.yaml documents.yaml incidents.yaml metrics.yaml reviews.yaml; do
	same_file "$ISMS_SRC/examples/northwind/$f" "$T/ex/$f"
done
run -C "$T/ex" --today 2026-11-22 check
expect_status 0
expect_no_out

done_testing
