#!/bin/sh
# Fault injection sweep (make check-faults): for each representative write
# command, makes the n-th allocation, write, fsync or rename fail, for
# every n the command reaches, on a fresh copy of a small project.
#
# Each run must either succeed, leaving the new registers, or fail with
# exit 4 and one line "isms: ..." on stderr ("isms: out of memory" for an
# allocation), leaving the old registers.  Always: every register holds
# byte for byte its old or its new content (never torn, never partly
# written), and no temporary file is left behind.
#
# Needs ISMS pointing at a binary built with -DISMS_FAULTS.
set -u
: "${ISMS:?set ISMS to an isms built with -DISMS_FAULTS}"
T=$(mktemp -d "${TMPDIR:-/tmp}/isms-faults.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0 runs=0
export ISMS_LOCK_TIMEOUT=5

fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

sums() {
	(cd "$1" && cksum -- *.yaml) | sort -k3
}

# The project every command starts from: a few records of each kind.
P0=$T/template
"$ISMS" init --org "Faults Ltd" "$P0" >/dev/null
(
	cd "$P0" || exit 1
	"$ISMS" asset add --name Laptop --owner IT --c 2 --i 3 --a 1 >/dev/null
	"$ISMS" asset add --name "Customer database" --owner CIO --c 5 --i 4 --a 4 >/dev/null
	"$ISMS" risk add --title "Stolen laptop" --likelihood 3 --impact 3 \
	    --asset A-001 --owner CIO >/dev/null
) || exit 1
printf 'name,owner,c,i,a\nPrinter,IT,1,1,2\nBackups,Ops,4,5,5\n' >"$T/import.csv"

sweep() {
	name=$1
	shift
	# The new content, from a run without faults.
	rm -rf "$T/new"
	cp -R "$P0" "$T/new"
	"$ISMS" -C "$T/new" --today 2026-11-22 "$@" >/dev/null 2>"$T/err" ||
	    { fail "$name: fails without a fault: $(cat "$T/err")"; return; }
	"$ISMS" -C "$T/new" --today 2026-11-22 check >/dev/null
	[ $? -le 1 ] || fail "$name: the new project does not load"
	sums "$P0" >"$T/old.sums"
	sums "$T/new" >"$T/new.sums"
	cmp -s "$T/old.sums" "$T/new.sums" && fail "$name: changes nothing"
	cat "$T/old.sums" "$T/new.sums" >"$T/ok.sums"
	# How many of each operation the command makes.
	rm -rf "$T/w" "$T/counts"
	cp -R "$P0" "$T/w"
	ISMS_FAULT_COUNTS=$T/counts "$ISMS" -C "$T/w" --today 2026-11-22 "$@" \
	    >/dev/null 2>&1
	for kind in alloc write fsync rename; do
		total=$(sed -n "s/^$kind //p" "$T/counts")
		n=1 ok=0 refused=0
		while [ "$n" -le "$total" ]; do
			rm -rf "$T/w"
			cp -R "$P0" "$T/w"
			ISMS_FAULT=$kind:$n "$ISMS" -C "$T/w" --today 2026-11-22 \
			    "$@" >/dev/null 2>"$T/err"
			st=$?
			runs=$((runs + 1))
			lines=$(wc -l <"$T/err")
			if [ $st -eq 0 ]; then
				ok=$((ok + 1))
				[ "$lines" -eq 0 ] || fail "$name $kind:$n: exit 0 with: $(cat "$T/err")"
				sums "$T/w" | cmp -s - "$T/new.sums" ||
				    fail "$name $kind:$n: exit 0 but not the new registers"
			else
				refused=$((refused + 1))
				[ $st -eq 4 ] || fail "$name $kind:$n: exit $st, not 4"
				[ "$lines" -eq 1 ] && grep -q '^isms: ' "$T/err" ||
				    fail "$name $kind:$n: not one 'isms:' line: $(cat "$T/err")"
				if [ $kind = alloc ] &&
				    [ "$(cat "$T/err")" != "isms: out of memory" ]; then
					fail "$name $kind:$n: $(cat "$T/err")"
				fi
			fi
			sums "$T/w" | awk 'NR == FNR { ok[$0]; next }
			    !($0 in ok) { print "torn: " $3; bad = 1 }
			    END { exit bad }' "$T/ok.sums" - >"$T/torn" ||
			    fail "$name $kind:$n: a register is neither old nor new: $(cat "$T/torn")"
			ls -A "$T/w" | grep -q '^\.isms-tmp-' &&
			    fail "$name $kind:$n: temporary file left behind"
			n=$((n + 1))
		done
		printf '%-12s %-6s %5s faults swept: %s refused cleanly, %s succeeded\n' \
		    "$name" "$kind" "$total" "$refused" "$ok"
	done
}

sweep "asset set" asset set A-001 owner=Facilities "location=Leeds office"
sweep "risk add" risk add --title "Phishing" --likelihood 4 --impact 3 \
    --asset A-002 --owner CISO
sweep "asset import" asset import "$T/import.csv"
sweep "soa generate" soa generate
echo "faults: $runs runs, $fails failures"
[ $fails -eq 0 ]
