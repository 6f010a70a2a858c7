#!/bin/sh
# The register cache (.isms.cache) and quick writes: the same commands on
# two copies of a project, one with the cache and one without
# (ISMS_CACHE=off), print the same, exit the same and leave the same
# registers, refusals included; the cache a chain of quick writes leaves is
# the one a full load writes; hand edits (isms.yaml, risks.yaml, others),
# a damaged cache and read-only
# commands are handled as docs/performance.md says.
. "$(dirname "$0")/lib.sh"

A=$T/a
B=$T/b
example_project "$A"
example_project "$B"

# cmd ARGS...: runs isms on A (cache) and B (no cache); both results must
# agree, and are then kept as A's for the expect_* checks.
cmd() {
	"$ISMS" -C "$B" "$@" --today 2026-11-22 >"$T/b.out" 2>"$T/b.err"
	bstatus=$?
	sed "s#$B#$A#g" "$T/b.err" >"$T/b.err2"
	run -C "$A" "$@" --today 2026-11-22
	checks=$((checks + 1))
	[ "$status" = "$bstatus" ] || fail "$*: exit $status with the cache, $bstatus without"
	cmp -s "$T/out" "$T/b.out" || fail "$*: stdout differs with the cache"
	cmp -s "$T/err" "$T/b.err2" || fail "$*: stderr differs with the cache: $(cat "$T/err") / $(cat "$T/b.err2")"
}

same_registers() {
	for f in "$B"/*.yaml; do
		same_file "$f" "$A/$(basename "$f")"
	done
}

export ISMS_CACHE_B=off
# Read-only commands never write the cache.
run -C "$A" check --today 2026-11-22
run -C "$A" risk list --format json
[ -e "$A/.isms.cache" ] && fail "a read-only command wrote the cache"

# Wrap B's runs in ISMS_CACHE=off.
ISMS_REAL=$ISMS
ISMS="$T/isms-nocache"
printf '#!/bin/sh\ncase "$2" in %s) ISMS_CACHE=off exec "%s" "$@";; esac\nexec "%s" "$@"\n' \
    "$B" "$ISMS_REAL" "$ISMS_REAL" >"$ISMS"
chmod +x "$ISMS"

cmd asset set A-001 owner="Chief Information Officer"
expect_status 0
[ -f "$A/.isms.cache" ] || fail "a write left no cache"
[ -e "$B/.isms.cache" ] && fail "ISMS_CACHE=off wrote a cache"
head -1 "$A/.isms.cache" | grep -q '^isms-cache 1 ' || fail "cache header"
checks=$((checks + 3))

# Quick adds and sets, and every way they can be refused.
cmd risk add --title "Quick one" --asset A-001 --threat Fire --vulnerability "No sprinklers" --owner CISO --likelihood 3
expect_status 0
expect_out "R-037"
cmd risk add --id R-010a --title "In the middle" --asset A-002 --threat x --vulnerability y --owner CISO --likelihood 1 --impact 2
expect_status 0
cmd risk set R-003 title="Changed by a quick set" rating.likelihood=2
expect_status 0
cmd risk set R-004 review=
expect_status 0
cmd risk add --title "Bad asset" --asset A-999 --threat x --vulnerability y --owner CISO --likelihood 3
expect_status 3
err_has "does not exist; nothing was written"
cmd risk set R-005 rating.likelihood=9
expect_status 3
err_has "risks.yaml:"
cmd risk add --id R-001 --title Dup --asset A-001 --threat x --vulnerability y --owner CISO --likelihood 1
expect_status 3
cmd risk set R-999 title=x
expect_status 2
cmd asset set A-003 depends_on=A-001 c=4
expect_status 0
cmd asset add --name "Quick asset" --type software --owner IT
expect_status 0
cmd treat add --risk R-037 --option modify --control A.8.13 --owner CISO --due 2027-03-01
expect_status 0
cmd finding set F-001 status=closed
# Removals: refused while referenced, anywhere; else just the lines.
cmd risk rm R-001
expect_status 3
err_has "still referenced by"
cmd asset rm A-001
expect_status 3
cmd risk rm R-010a
expect_status 0
cmd risk rm R-037
expect_status 3
cmd treat rm T-013
cmd risk rm R-999
expect_status 2
cmd incident add --title "Quick incident" --severity low --reported 2026-11-20
same_registers

# The cache quick writes keep is the one a full load writes: C starts
# from A's files without a cache, and both make one more change.
C=$T/c
mkdir -p "$C"
cp "$A"/*.yaml "$C"/
"$ISMS_REAL" -C "$A" risk set R-002 owner=Ops >/dev/null || fail "set on A"
"$ISMS_REAL" -C "$C" risk set R-002 owner=Ops >/dev/null || fail "set on C"
same_file "$C/.isms.cache" "$A/.isms.cache"
same_file "$C/risks.yaml" "$A/risks.yaml"

# A hand edit anywhere: the next write loads that register whole.
printf '# reviewed by hand\n' >>"$A/scope.yaml"
printf '# reviewed by hand\n' >>"$B/scope.yaml"
cmd risk set R-002 owner="Hand edit seen"
expect_status 0
same_registers
grep -q '^file scope.yaml ' "$A/.isms.cache" || fail "cache after a hand edit"
checks=$((checks + 1))
for d in "$A" "$B"; do
	printf '  - id: R-900\n    title: Typed in by hand\n    owner: CISO\n' >>"$d/risks.yaml"
	sed 's/^    owner: /    owner: (by hand) /' "$d/assets.yaml" >"$T/assets" &&
	    cat "$T/assets" >"$d/assets.yaml"
done
cmd risk add --title "After hand edits" --asset A-003 --threat x --vulnerability y --owner CISO --likelihood 2
expect_status 0
expect_out "R-901"
cmd risk set R-001 owner="Still judged"
same_registers
# The cache those writes left is a full load's.
D=$T/d
mkdir -p "$D"
cp "$A"/*.yaml "$D"/
"$ISMS_REAL" -C "$A" risk set R-002 owner=Again >/dev/null || fail "set on A"
"$ISMS_REAL" -C "$D" risk set R-002 owner=Again >/dev/null || fail "set on D"
same_file "$D/.isms.cache" "$A/.isms.cache"
cp "$A"/*.yaml "$B"/
for d in "$A" "$B"; do
	printf '# methodology reviewed\n' >>"$d/isms.yaml"
done
cmd asset set A-003 owner="After a methodology edit"
expect_status 0
same_registers

# A damaged cache is no cache.
printf 'isms-cache 1 0.1.0\nfile isms.yaml 3 0\n' >"$A/.isms.cache"
cmd risk set R-002 owner="After damage"
expect_status 0
same_registers
tail -1 "$A/.isms.cache" | grep -qx end || fail "damaged cache not replaced"
checks=$((checks + 1))

# CRLF registers: the lines a quick write adds end as the file's do.
for d in "$A" "$B"; do
	sed 's/$/\r/' "$d/risks.yaml" >"$T/crlf" && cat "$T/crlf" >"$d/risks.yaml"
done
cmd risk set R-002 owner="Line endings"
expect_status 0
cmd risk add --title "Added to a CRLF file" --asset A-001 --threat x --vulnerability y --owner CISO --likelihood 2
expect_status 0
cmd risk set R-003 review=2027-02-01 rating.impact=3
expect_status 0
same_registers
grep -c "$(printf '\r')\$" "$A/risks.yaml" | grep -qx "$(wc -l <"$A/risks.yaml")" ||
    fail "a line without CR in the CRLF file"
checks=$((checks + 1))

# A read-only project directory: the write fails as before, no cache.
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$A"
	run -C "$A" risk set R-002 owner=Nobody
	expect_status 4
	chmod u+w "$A"
fi
ISMS=$ISMS_REAL
done_testing
