#!/bin/sh
# Malformed registers: each gives one clear located message, the right
# exit status, and leaves every file as it was; `check` lists them.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

# case NAME EXPECTED-STDERR: assets.yaml holds $T/input.
bad() {
	cp "$T/input" assets.yaml
	snapshot "$P"
	run asset list
	expect_status 3
	expect_err "$2"
	unchanged "$P"
	run asset add --name X
	expect_status 3
	unchanged "$P"
	run check
	expect_status 1
	# check prints the same problem as FILE:LINE:COL: error: MESSAGE.
	out_has "$(printf '%s\n' "${2#isms: }" |
	    sed -e 's/^\([^ ]*:[0-9]*:[0-9]*\): /\1: error: /' \
	        -e 's/ (and [0-9]* more.*$//')"
}

printf 'version: 1\nassets: [\n' >"$T/input"
bad unclosed "isms: assets.yaml:3:1: YAML syntax error: did not find expected node content while parsing a flow node"

printf 'version: 1\nassets:\n\t- id: A-001\n' >"$T/input"
bad tabs "isms: assets.yaml:3:1: YAML syntax error: tab character; indent with spaces"

printf 'version: 1\nbase: &b {name: x}\nassets:\n  - *b\n' >"$T/input"
bad alias "isms: assets.yaml:2:7: anchors and aliases are not allowed (&b); write the value out"

printf 'version: 1\nassets:\n  - id: A-001\n    name: [a, b]\n    c: high\n' >"$T/input"
bad types "isms: assets.yaml:4:11: name: expected a string, found a list (and 1 more; run 'isms check')"

printf 'version: 1\nassets:\n  - id: A-001\n    nmae: X\n' >"$T/input"
bad unknown "isms: assets.yaml:3:5: asset A-001 has no 'name' (and 1 more; run 'isms check')"
out_has "assets.yaml:4:5: error: unknown key 'nmae' in asset (did you mean 'name'?) [unknown-key]"

printf 'version: 1\nassets:\n  - {id: A-001, name: X}\n  - {id: A-001, name: Y}\n' >"$T/input"
bad dupid "isms: assets.yaml:4:10: duplicate asset id 'A-001' (first at assets.yaml:3:10)"

printf 'version: 1\nassets:\n  - {id: A-001, name: X, type: server}\n' >"$T/input"
bad enum "isms: assets.yaml:3:32: type: 'server' is not one of information, software, hardware, service, people, site or supplier"

printf 'version: 1\nassets:\n  - {id: A-001, name: X, c: 1e400}\n' >"$T/input"
bad huge "isms: assets.yaml:3:29: c: expected a whole number, found '1e400'"

: >"$T/input"
bad empty "isms: assets.yaml:1:1: assets.yaml must be a mapping starting with 'version: 1', found an empty file"

printf 'version: 2\nassets: []\n' >"$T/input"
bad version "isms: assets.yaml:1:10: version 2 is not supported by this isms (expected 1)"

printf '\377\376\000garbage\001\002' >"$T/input"
bad binary "isms: assets.yaml:1:1: not a UTF-8 text file (invalid leading UTF-8 octet at byte 0)"

awk 'BEGIN { printf "version: 1\nassets: "; for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }' >"$T/input"
bad deep "isms: assets.yaml:2:72: nesting deeper than 64 levels"

# A 100 MB scalar: refused by size before it is parsed.
{ printf 'version: 1\nassets:\n  - id: A-001\n    name: '; head -c 104857600 /dev/zero | tr '\0' x; echo; } >"$T/input"
cp "$T/input" assets.yaml
snapshot "$P"
run asset list
expect_status 3
err_has "isms: assets.yaml:1:1: file is 1048576"
err_has "bytes; the limit is 64 MiB"
unchanged "$P"
rm -f "$T/input"

# A register that cannot be read is an I/O error (exit 4).
printf 'version: 1\nassets: []\n' >assets.yaml
mv risks.yaml "$T/risks.yaml"
mkdir risks.yaml
run asset list
expect_status 4
expect_err "isms: risks.yaml: is a directory"
run check
expect_status 4
rmdir risks.yaml
mv "$T/risks.yaml" risks.yaml

# The lock cannot be taken: exit 4, nothing written.
rm -f .isms.lock
mkdir .isms.lock
snapshot "$P"
run asset add --name X
expect_status 4
err_has "isms: .isms.lock: cannot open the project lock"
unchanged "$P"
rmdir .isms.lock

# Permissions only bite for ordinary users.
if [ "$(id -u)" -ne 0 ]; then
	chmod 000 assets.yaml
	run asset list
	expect_status 4
	err_has "assets.yaml: cannot open: Permission denied"
	chmod 644 assets.yaml
	chmod 555 "$P"
	snapshot "$P"
	run asset add --name X
	expect_status 4
	unchanged "$P"
	chmod 755 "$P"
fi

# A held lock makes a writer give up after ISMS_LOCK_TIMEOUT (exit 4).
if command -v flock >/dev/null 2>&1; then
	( flock -x 9; sleep 3 ) 9>.isms.lock &
	sleep 0.5
	snapshot "$P"
	ISMS_LOCK_TIMEOUT=0.3 run asset add --name X
	expect_status 4
	err_has "another isms is writing to this project; gave up after 0.3 s"
	unchanged "$P"
	wait
fi

done_testing
