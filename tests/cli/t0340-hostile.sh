#!/bin/sh
# Hostile content (docs/security.md): huge files refused by size before
# they are read, alias bombs refused at the first anchor, NUL bytes and
# invalid UTF-8 named, CRLF and BOM files kept as they are through a
# write, formula injection neutralised in every CSV the tool writes, HTML
# and Markdown escaped, no shell anywhere, and no write through a
# symbolic link.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
cp assets.yaml "$T/assets.orig"

# A 1 GB register (sparse, so the test is cheap): refused by its size,
# reading nothing.
truncate -s 1G assets.yaml
snapshot "$P"
run asset list
expect_status 3
expect_err "isms: assets.yaml:1:1: file is 1073741824 bytes; the limit is 64 MiB"
run check
expect_status 1
out_has "assets.yaml:1:1: error: file is 1073741824 bytes; the limit is 64 MiB [yaml-syntax]"
unchanged "$P"
cp "$T/assets.orig" assets.yaml
# ... and a 1 GB CSV import, and a 1 GB catalog.
truncate -s 1G "$T/big.csv"
run asset import "$T/big.csv"
expect_status 3
expect_err "isms: $T/big.csv: file is larger than the 16777216-byte limit for a CSV import; split it into smaller files"
rm -f "$T/big.csv"
mkdir catalogs
truncate -s 1G catalogs/huge.yaml
cp isms.yaml "$T/isms.orig"
sed -i 's/^catalog: .*/catalog: huge/' isms.yaml
run check
checks=$((checks + 1))
[ "$status" -ne 0 ] || fail "a 1 GB catalog was accepted"
out_has "isms.yaml:4:10: error: catalogs/huge.yaml: file is 1073741824 bytes; the limit is 64 MiB [catalog]"
cp "$T/isms.orig" isms.yaml
rm -rf catalogs

# The billion laughs: refused at the first anchor, before any expansion.
printf 'version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nassets: *d\n' >assets.yaml
run asset list
expect_status 3
expect_err "isms: assets.yaml:2:4: anchors and aliases are not allowed (&a); write the value out"

# Deep block nesting, NUL bytes (raw and escaped), invalid UTF-8.
awk 'BEGIN { print "version: 1"; s = "assets:"; for (i = 0; i < 100; i++) { print s; s = sprintf("%*s", 2 * (i + 1), "") "k" i ":" } print s " x" }' >assets.yaml
run asset list
expect_status 3
err_has "nesting deeper than 64 levels"
printf 'version: 1\nassets:\n  - {id: A-001, name: x\000y}\n' >assets.yaml
run asset list
expect_status 3
expect_err "isms: assets.yaml:1:1: not a UTF-8 text file (control characters are not allowed at byte 42)"
printf 'version: 1\nassets:\n  - {id: A-001, name: "a\\0b"}\n' >assets.yaml
run asset list
expect_status 3
expect_err "isms: assets.yaml:3:23: value contains a NUL character"
printf 'version: 1\nassets:\n  - {id: A-001, name: caf\351}\n' >assets.yaml
run asset list
expect_status 3
expect_err "isms: assets.yaml:1:1: not a UTF-8 text file (invalid trailing UTF-8 octet at byte 45)"

# CRLF: a write keeps every line ending CRLF, edited and added lines too.
printf 'version: 1\r\nassets:\r\n  - id: A-001\r\n    name: Laptop\r\n    owner: IT\r\n' >assets.yaml
run asset set A-001 owner=Ops c=3
expect_status 0
run asset add --name Second --owner X
expect_status 0
printf 'version: 1\r\nassets:\r\n  - id: A-001\r\n    name: Laptop\r\n    owner: Ops\r\n    c: 3\r\n  - id: A-002\r\n    name: Second\r\n    owner: X\r\n' >"$T/want"
same_file "$T/want" assets.yaml
# A BOM stays at the start.
printf '\357\273\277version: 1\nassets:\n  - {id: A-001, name: BOM}\n' >assets.yaml
run asset set A-001 owner=Ops
expect_status 0
printf '\357\273\277version: 1\nassets:\n  - {id: A-001, name: BOM, owner: Ops}\n' >"$T/want"
same_file "$T/want" assets.yaml

# Formula injection: every CSV the tool writes, for cells starting with
# = + - @ tab or CR (plain numbers such as -3 stay numbers).
cp "$T/assets.orig" assets.yaml
run asset add --name "=HYPERLINK(\"http://x\",\"y\")" --owner "+SUM(1)" \
    --location "-cmd|' /C calc'!A0" --description "@evil" --c 2
expect_status 0
run asset add --name "	tabbed" --owner "@me" --description "$(printf '\rCR')"
expect_status 0
run risk add --title "=1+1" --owner "-x" --likelihood 2 --impact 2 --asset A-001
expect_status 0
run treat add --risk R-001 --option modify --owner "=owner" --rationale "+why" --control 5.1
expect_status 0
run soa generate
expect_status 0
run soa set 5.1 applicable=true "reason=@reason" owner=-own
expect_status 0
run objective add --title "=obj" --owner "+o"
expect_status 0
run doc add --title "@doc" --owner "=o"
expect_status 0
run incident add --title "-inc" --reported 2026-11-01
expect_status 0
run metric add --title "=metric" --owner "@m"
expect_status 0
run review add --date 2026-12-01 --chair "=chair"
expect_status 0
run audit plan --title "=audit" --date 2026-12-01 --lead "+lead" --scope clauses=4-10
expect_status 0
cat >"$T/csvcheck.py" <<'PY'
import csv, re, sys
bad = 0
rows = 0
for row in csv.reader(open(sys.argv[1], newline='')):
    for cell in row:
        rows += 1
        if cell and cell[0] in '=+-@\t\r' and not re.fullmatch(r'[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?', cell):
            print('unneutralised cell: %r' % cell)
            bad = 1
sys.exit(bad if rows else 2)
PY
for c in "asset export" "asset list" "risk export" "risk list" \
    "treat export" "treat list" "soa export" "soa list" \
    "objective export" "objective list" "doc export" "doc list" \
    "incident export" "incident list" "metric export" "metric list" \
    "review export" "review list" "audit list" "audit finding list"; do
	run $c --format csv
	expect_status 0
	checks=$((checks + 1))
	python3 "$T/csvcheck.py" "$T/out" >"$T/csv.err" ||
	    fail "$c --format csv: $(cat "$T/csv.err")"
done
run asset export --format csv
out_has "'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")"
out_has ",'+SUM(1),"
# The stored value is untouched: only the CSV cell is neutralised.
run asset show A-001 --format json
out_has '"name": "=HYPERLINK(\"http://x\",\"y\")"'

# HTML and Markdown reports escape what registers hold.
run asset add --name "<script>alert(1)</script>" --owner "a|b" --c 5
run report --format html
expect_status 0
out_lacks "<script>alert(1)"
run report --format md
expect_status 0
out_lacks "<script>alert(1)"

# No shell: nothing in the source hands a string to a shell; the one
# place that runs a program (gitio.c, git for diff and merge) uses
# posix_spawnp() with an argument vector.
checks=$((checks + 1))
if grep -rnE '\b(system|popen|execl|execlp|execle|wordexp)[[:space:]]*\(|/bin/sh|"sh"' \
    "$ISMS_SRC/src" "$ISMS_SRC/include" >"$T/exec"; then
	fail "the source may run a shell: $(cat "$T/exec")"
fi
checks=$((checks + 1))
[ "$(grep -rlE 'posix_spawnp?[[:space:]]*\(|\bexecv' "$ISMS_SRC/src" | sed 's,.*/,,')" = gitio.c ] ||
    fail "programs are run outside gitio.c"

# Symbolic links: a linked register is refused, and the file it points to
# is left alone; so is a linked -o output.
echo "outside" >"$T/outside.yaml"
cp assets.yaml "$T/assets.mine"
rm assets.yaml
ln -s "$T/outside.yaml" assets.yaml
run asset add --name X --owner Y
expect_status 3
rm assets.yaml
cp "$T/assets.mine" assets.yaml
ln -sf "$T/assets.mine" risks.yaml.link
cp "$T/assets.mine" "$T/target.yaml"
mv risks.yaml "$T/risks.mine"
ln -s "$T/risks.mine" risks.yaml
cp "$T/risks.mine" "$T/risks.before"
run risk set R-001 owner=Linked
expect_status 4
expect_err "isms: risks.yaml: is a symbolic link; isms does not write through links"
same_file "$T/risks.before" "$T/risks.mine"
rm risks.yaml risks.yaml.link
cp "$T/risks.mine" risks.yaml
echo "keep" >"$T/victim"
ln -s "$T/victim" report.html
run report --format html -o report.html
expect_status 4
expect_err "isms: report.html: is a symbolic link; isms does not write through links"
checks=$((checks + 1))
[ "$(cat "$T/victim")" = keep ] || fail "-o wrote through a link"
rm report.html
# A catalogs/ directory that is a link is only ever read.
mkdir "$T/cats"
printf 'version: 1\ncontrols:\n  - {id: C-1, title: One, theme: t}\n' >"$T/cats/mine.yaml"
cp "$T/cats/mine.yaml" "$T/cats.before"
ln -s "$T/cats" catalogs
run check --rule catalog
checks=$((checks + 1))
same_file "$T/cats.before" "$T/cats/mine.yaml"
[ "$(ls "$T/cats")" = mine.yaml ] || fail "isms wrote into a linked catalogs/"

done_testing
