#!/bin/sh
# Quick writes against full ones (make check-cache): a seeded random run of
# adds, sets, removals and hand edits on a generated project of mixed
# style (tests/bench/gen.c), applied to two copies: one written through
# the register cache, one with ISMS_CACHE=off.  Every step must print the
# same, exit the same and leave the same registers; at the end, the cache
# the quick writes kept must be the one a full load writes.  Some steps
# remove the cache or edit isms.yaml, after which the next write makes the
# cache afresh from the registers read streamed.
#
#   cache-diff.sh RISKS OPS SEED     (ISMS and BENCH_GEN in the environment)
set -u
: "${ISMS:?}" "${BENCH_GEN:?}"
risks=${1:-1000} ops=${2:-200} seed=${3:-1}
T=$(mktemp -d "${TMPDIR:-/tmp}/isms-cache-diff.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/a"
"$BENCH_GEN" "$T/a" "$risks" >/dev/null || exit 1
cp -R "$T/a" "$T/b"

awk -v n="$ops" -v seed="$seed" -v risks="$risks" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++) {
		r = int(rand() * 10)
		a = sprintf("A-%03d", int(rand() * risks / 10 * 1.2) + 1)
		k = sprintf("R-%03d", int(rand() * risks * 1.1) + 1)
		if (r == 0) print "risk add --title T" i " --asset " a \
		    " --threat x --vulnerability y --owner O --likelihood " int(rand() * 5) + 1
		else if (r == 1) print "risk set " k " title=Changed" i
		else if (r == 2) print "risk set " k " rating.likelihood=" int(rand() * 6) + 1
		else if (r == 3) print "asset set " a " owner=Owner" i
		else if (r == 4) print "asset set " a " depends_on=" sprintf("A-%03d", int(rand() * risks / 10 * 1.2) + 1)
		else if (r == 5) print "treat add --risk " k " --option modify --owner O --due 2027-01-01"
		else if (r == 6) print "risk add --id " sprintf("R-%03da", int(rand() * risks) + 1) \
		    " --title Mid" i " --asset " a " --threat x --vulnerability y --owner O --likelihood 1 --impact 1"
		else if (r == 7) print "risk set " k " review="
		else if (r == 8) print (rand() < 0.5 ? "hand" : \
		    rand() < 0.5 ? "nocache" : "config")
		else print "risk rm " k
	}
}' >"$T/ops"

# The cache a write left must be one the reader accepts: a damaged one
# would only send every later write down the full path, silently.
cache_ok() {
	[ ! -e "$1" ] || awk '
	/^coll / { prev = 0; next }
	/^[0-9]+ [0-9]+/ { if ($1 < prev || $2 <= $1) bad = 1; prev = $2; next }
	{ last = $0 }
	END { exit bad || last != "end" }' "$1"
}

i=0
fails=0
while read -r op; do
	i=$((i + 1))
	case $op in
	hand|config)
		# A hand edit the next write must notice.
		f=treatments.yaml
		[ "$op" = hand ] || f=isms.yaml
		for d in "$T/a" "$T/b"; do
			printf '# edited by hand, step %d\n' "$i" >>"$d/$f"
		done
		continue ;;
	nocache)
		rm -f "$T/a/.isms.cache"
		continue ;;
	esac
	# shellcheck disable=SC2086  # op is a list of words
	"$ISMS" -C "$T/a" --today 2026-11-22 $op >"$T/out.a" 2>&1
	sa=$?
	# shellcheck disable=SC2086
	ISMS_CACHE=off "$ISMS" -C "$T/b" --today 2026-11-22 $op >"$T/out.b" 2>&1
	sb=$?
	if [ "$sa" != "$sb" ] || ! cmp -s "$T/out.a" "$T/out.b"; then
		echo "step $i ($op): exit $sa with the cache, $sb without" >&2
		cat "$T/out.a" "$T/out.b" >&2
		fails=$((fails + 1))
		break
	fi
	for f in "$T"/b/*.yaml; do
		if ! cmp -s "$f" "$T/a/${f##*/}"; then
			echo "step $i ($op): ${f##*/} differs with the cache" >&2
			fails=$((fails + 1))
		fi
	done
	if ! cache_ok "$T/a/.isms.cache"; then
		echo "step $i ($op): the cache left would be refused" >&2
		fails=$((fails + 1))
	fi
	[ "$fails" -eq 0 ] || break
done <"$T/ops"

if [ "$fails" -eq 0 ]; then
	mkdir "$T/c"
	cp "$T"/a/*.yaml "$T/c"/
	"$ISMS" -C "$T/a" asset set A-001 owner=Last >/dev/null &&
	    ISMS_CACHE=full "$ISMS" -C "$T/c" asset set A-001 owner=Last \
	    >/dev/null &&
	    cmp -s "$T/a/.isms.cache" "$T/c/.isms.cache" ||
	    { echo "the cache the quick writes kept is not a full load's" >&2; fails=1; }
fi
[ "$fails" -eq 0 ] || exit 1
echo "cache-diff: $i steps on $risks risks (seed $seed), quick and full writes agree"
