#!/bin/sh
# Large registers and large output.  Commands that only read load records
# streamed (yaml.h); what they print past a mebibyte waits in a file in
# TMPDIR, removed as soon as it is made, until the command has succeeded
# (main.c).  The output is the same whether it waited there or in memory
# (no usable TMPDIR), nothing is left behind, and a problem inside a
# streamed record keeps its place.
. "$(dirname "$0")/lib.sh"

P=$T/p
example_project "$P"
# 4,000 more risks.
awk 'BEGIN {
	for (i = 1; i <= 4000; i++) {
		printf "  - id: R-9%04d\n", i
		printf "    title: Generated risk %d, long enough to be real\n", i
		printf "    assets: [A-001, %s]\n", i == 2500 ? "A-003" : "A-002"
		printf "    owner: Owner %d\n", i % 7
		printf "    rating: {likelihood: %d, impact: %d}\n", i % 5 + 1, i % 4 + 1
	}
}' >>"$P/risks.yaml"
mkdir "$T/tmp"

# big [-s] ARGS...: runs isms with a usable TMPDIR, then with none, and
# compares; -s: the output is over a mebibyte, so it did go through TMPDIR.
big() {
	large=false
	[ "$1" = -s ] && large=true && shift
	TMPDIR=$T/tmp "$ISMS" -C "$P" --today 2026-11-22 "$@" >"$T/spilled" \
	    2>"$T/spilled.err"
	sstatus=$?
	TMPDIR=$T/none run -C "$P" --today 2026-11-22 "$@"
	checks=$((checks + 1))
	[ "$status" = "$sstatus" ] || fail "$*: exit $sstatus through TMPDIR, $status in memory"
	cmp -s "$T/spilled" "$T/out" || fail "$*: stdout differs through TMPDIR"
	cmp -s "$T/spilled.err" "$T/err" || fail "$*: stderr differs through TMPDIR"
	checks=$((checks + 1))
	! $large || [ "$(wc -c <"$T/out")" -gt 1048576 ] ||
	    fail "$*: output under a mebibyte"
	checks=$((checks + 1))
	[ -z "$(ls -A "$T/tmp")" ] || fail "$*: left $(ls -A "$T/tmp") in TMPDIR"
}

snapshot "$P"
big -s risk list --format json
expect_status 0
expect_no_err
out_has '"id": "R-94000"'
big risk list
expect_status 0
out_has "R-92500"
big -s report --format html
expect_status 0
out_has "R-93999"
big risk export --format csv
expect_status 0
big check --format json
expect_status 1
unchanged "$P"

# -o FILE: the same text, written atomically from memory.
run -C "$P" --today 2026-11-22 risk list --format json -o "$T/list.json"
expect_status 0
TMPDIR=$T/tmp "$ISMS" -C "$P" --today 2026-11-22 risk list --format json \
    >"$T/list.stdout"
same_file "$T/list.stdout" "$T/list.json"

# A problem inside a streamed record is found at its line and column.
line=$(grep -n 'id: R-92500' "$P/risks.yaml" | cut -d: -f1)
awk -v l=$((line + 2)) 'NR == l { sub(/A-003/, "A-404") } { print }' \
    "$P/risks.yaml" >"$T/risks.yaml" && cp "$T/risks.yaml" "$P/risks.yaml"
run -C "$P" --today 2026-11-22 check
expect_status 1
out_has "risks.yaml:$((line + 2)):21: error: risk R-92500: assets 'A-404' does not exist [missing-ref]"

done_testing
