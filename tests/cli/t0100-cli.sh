#!/bin/sh
# The program shell: version, help from the command table, usage errors,
# project discovery (-C, ISMS_DIR, parents), exit codes.
. "$(dirname "$0")/lib.sh"

run --version
expect_status 0
out_has "isms "
run help
expect_status 0
out_has "  asset         the asset register (A.5.9)"
out_has "  check         validate every register and judge the ISMS; exit 1 on problems"
run help asset
expect_status 0
out_has "usage: isms asset VERB [ARGS...]"
out_has "  import FILE.csv"
run asset add --help
expect_status 0
out_has "usage: isms asset add --name NAME [--FIELD VALUE...]"
out_has "  --depends-on"
run help asset add
expect_status 0
out_has "Fields (--FIELD VALUE"

run frobnicate
expect_status 2
expect_err "isms: 'frobnicate' is not an isms command; see 'isms help'"
run
expect_status 2
run --bogus
expect_status 2
expect_err "isms: unknown option '--bogus'"
run --today 2026-02-30 help
expect_status 2
expect_err "isms: --today: '2026-02-30' is not a date (YYYY-MM-DD)"

# Outside a project.
mkdir "$T/empty"
cd "$T/empty" || exit 1
run asset list
expect_status 2
err_has "not an isms project (no isms.yaml here or in any parent of"

# Discovery from a subdirectory, -C and ISMS_DIR.
P=$T/p
new_project "$P"
mkdir -p "$P/sub/dir"
cd "$P/sub/dir" || exit 1
run asset add --name Laptop --owner IT
expect_status 0
expect_out "A-001"
cd "$T/empty" || exit 1
run -C "$P" asset list --format csv
expect_status 0
out_has "A-001,Laptop,,IT,,,,,0/0/0,0"
ISMS_DIR=$P run asset show A-001 --format yaml
expect_status 0
expect_out "- id: A-001
  name: Laptop
  owner: IT"
run -C "$P" asset show A-001 --format sarif
expect_status 2
err_has "format 'sarif' is not available here"
run -C "$P" asset show
expect_status 2
err_has "missing argument"
run -C "$P" asset show A-001 extra
expect_status 2
run -C "$T/nonexistent" asset list
expect_status 4

# -o writes the output to a file instead of stdout.
run -C "$P" asset list --format json -o "$T/list.json"
expect_status 0
expect_no_out
grep -q '"id": "A-001"' "$T/list.json" || fail "-o did not write the list"

done_testing
