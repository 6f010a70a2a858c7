# Shared helpers for the CLI tests: each test script sources this file,
# runs the real isms binary on real project directories under a fresh
# temporary directory, and compares stdout, stderr, exit status and the
# files left behind.  A failing check prints what differed and the test
# script exits non-zero at the end.
#
# Environment: ISMS (the binary), ISMS_SRC (the source tree).

set -u
: "${ISMS:?ISMS must name the isms binary}"
: "${ISMS_SRC:?ISMS_SRC must name the source tree}"

T=$(mktemp -d "${TMPDIR:-/tmp}/isms-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0
checks=0
test_name=$(basename "$0" .sh)
export NO_COLOR=1 ISMS_LOCK_TIMEOUT=${ISMS_LOCK_TIMEOUT:-10}
unset ISMS_DIR

fail() {
	failures=$((failures + 1))
	printf '%s: FAIL: %s\n' "$test_name" "$*" >&2
}

# run ARGS...: runs isms, keeping stdout, stderr and status in $T.
run() {
	"$ISMS" "$@" >"$T/out" 2>"$T/err"
	status=$?
	return 0
}

# expect_status N: the last run's exit status.
expect_status() {
	checks=$((checks + 1))
	if [ "$status" != "$1" ]; then
		fail "expected exit $1, got $status (stderr: $(head -c 300 "$T/err"); stdout: $(head -c 1500 "$T/out"))"
	fi
}

# expect_out TEXT / expect_err TEXT: the whole stdout / stderr.
expect_out() {
	checks=$((checks + 1))
	printf '%s\n' "$1" >"$T/expected"
	if ! cmp -s "$T/expected" "$T/out"; then
		fail "stdout differs:"
		diff -u "$T/expected" "$T/out" >&2 || true
	fi
}

expect_err() {
	checks=$((checks + 1))
	printf '%s\n' "$1" >"$T/expected"
	if ! cmp -s "$T/expected" "$T/err"; then
		fail "stderr differs:"
		diff -u "$T/expected" "$T/err" >&2 || true
	fi
}

expect_no_out() {
	checks=$((checks + 1))
	[ -s "$T/out" ] && fail "unexpected stdout: $(head -c 300 "$T/out")"
	return 0
}

expect_no_err() {
	checks=$((checks + 1))
	[ -s "$T/err" ] && fail "unexpected stderr: $(head -c 300 "$T/err")"
	return 0
}

# out_has PATTERN / err_has PATTERN: a line matching the fixed string.
out_has() {
	checks=$((checks + 1))
	grep -qF -- "$1" "$T/out" || fail "stdout lacks '$1': $(head -c 400 "$T/out")"
}

err_has() {
	checks=$((checks + 1))
	grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1': $(head -c 400 "$T/err")"
}

out_lacks() {
	checks=$((checks + 1))
	grep -qF -- "$1" "$T/out" && fail "stdout has '$1'"
	return 0
}

# same_file A B: byte-identical files.
same_file() {
	checks=$((checks + 1))
	if ! cmp -s "$1" "$2"; then
		fail "$2 differs from $1:"
		diff -u "$1" "$2" >&2 || true
	fi
}

# snapshot DIR / unchanged DIR: every file under DIR as it was.
snapshot() {
	rm -rf "$T/snap"
	cp -a "$1" "$T/snap"
}

unchanged() {
	checks=$((checks + 1))
	if ! diff -r "$T/snap" "$1" >"$T/snapdiff" 2>&1; then
		fail "files changed under $1:"
		cat "$T/snapdiff" >&2
	fi
}

# new_project DIR: an empty project; example_project DIR: Northwind.
new_project() {
	"$ISMS" init "$1" --org "Test Org" >/dev/null || fail "init $1"
}

example_project() {
	mkdir -p "$1"
	cp "$ISMS_SRC"/examples/northwind/*.yaml "$1"/
}

done_testing() {
	if [ "$failures" -ne 0 ]; then
		printf '%s: %d of %d checks failed\n' "$test_name" "$failures" "$checks" >&2
		exit 1
	fi
	printf '%s: %d checks passed\n' "$test_name" "$checks"
	exit 0
}
