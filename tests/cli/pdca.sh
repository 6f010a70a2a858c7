# Helpers shared by the CLI tests of the PDCA registers (objective, doc,
# incident, metric, review); sourced after lib.sh.

# roundtrip CMD FILE: CSV export of the project in the current directory,
# imported into a copy whose FILE is fresh from init, gives the same
# register file and the same JSON export (stored and computed fields).
roundtrip() {
	rm -rf "$T/rt"
	"$ISMS" init "$T/rt" --org "Test Org" >/dev/null || fail "init $T/rt"
	for f in *.yaml; do
		[ "$f" = "$2" ] || cp "$f" "$T/rt/$f"
	done
	run --today 2026-11-22 "$1" export --format csv
	expect_status 0
	cp "$T/out" "$T/rt.csv"
	run --today 2026-11-22 "$1" export --format json
	cp "$T/out" "$T/rt-a.json"
	run -C "$T/rt" --today 2026-11-22 "$1" import "$T/rt.csv"
	expect_status 0
	run -C "$T/rt" --today 2026-11-22 "$1" export --format json
	same_file "$T/rt-a.json" "$T/out"
	# The records, from 'version:' on (the header comments differ).
	sed -n '/^version:/,$p' "$2" >"$T/rt-a.yaml"
	sed -n '/^version:/,$p' "$T/rt/$2" >"$T/rt-b.yaml"
	same_file "$T/rt-a.yaml" "$T/rt-b.yaml"
}

# refusals CMD ID FIELD: the usual refusals leave every file as it was.
refusals() {
	snapshot "$P"
	run "$1" set "$2" typo=1
	expect_status 3
	err_has "unknown key 'typo'"
	run "$1" set "$2" "$3"=
	expect_status 3
	err_has "has no '$3'; nothing was written"
	run "$1" show NOPE-999
	expect_status 2
	expect_err "isms: no $4 with id 'NOPE-999'"
	run "$1" rm NOPE-999
	expect_status 2
	run "$1" frobnicate
	expect_status 2
	run "$1" list --bogus
	expect_status 2
	unchanged "$P"
}
