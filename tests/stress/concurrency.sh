#!/bin/sh
# Concurrency: tests/stress/concurrency.sh PROJECT WRITERS OPS
#
# WRITERS processes each make OPS mixed operations on one project at the
# same time: add an asset (and remember its id), set a field on one of its
# own assets, remove one of its own assets.  Afterwards: every operation
# succeeded (the lock serialises them; ISMS_LOCK_TIMEOUT bounds the wait,
# so a deadlock would fail rather than hang), every id a writer added and
# did not remove is present with the value it last set, no removed id is
# present, no id appears twice, and the project checks clean.
set -u
: "${ISMS:?set ISMS to the isms binary}"
P=$1 writers=$2 ops=$3
cd "$P" || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/isms-conc.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ISMS_LOCK_TIMEOUT=300
start=$(date +%s)

writer() {
	w=$1 i=0
	: >"$T/live.$w"
	while [ $i -lt "$ops" ]; do
		i=$((i + 1))
		n=$(wc -l <"$T/live.$w")
		case $((i % 5)) in
		0|3)
			if [ "$n" -gt 0 ]; then
				id=$(sed -n "$(( (i % n) + 1 ))p" "$T/live.$w" | cut -d' ' -f1)
				if "$ISMS" asset set "$id" owner="W$w-$i" 2>>"$T/err.$w"; then
					sed "s/^$id .*/$id W$w-$i/" "$T/live.$w" >"$T/tmp.$w" &&
					    mv "$T/tmp.$w" "$T/live.$w"
				else
					echo "set $id failed" >>"$T/err.$w"
				fi
				continue
			fi ;;
		4)
			if [ "$n" -gt 1 ]; then
				id=$(head -1 "$T/live.$w" | cut -d' ' -f1)
				if "$ISMS" asset rm "$id" >/dev/null 2>>"$T/err.$w"; then
					sed "1d" "$T/live.$w" >"$T/tmp.$w" &&
					    mv "$T/tmp.$w" "$T/live.$w"
					echo "$id" >>"$T/removed.$w"
				else
					echo "rm $id failed" >>"$T/err.$w"
				fi
				continue
			fi ;;
		esac
		if id=$("$ISMS" asset add --name "writer $w op $i" \
		    --owner "W$w-$i" --c 1 2>>"$T/err.$w"); then
			echo "$id W$w-$i" >>"$T/live.$w"
		else
			echo "add failed" >>"$T/err.$w"
		fi
	done
}

w=0
while [ $w -lt "$writers" ]; do
	w=$((w + 1))
	writer $w &
done
wait
bad=0
cat "$T"/err.* >"$T/errs" 2>/dev/null
if [ -s "$T/errs" ]; then
	echo "operations failed:" >&2
	head -5 "$T/errs" >&2
	bad=1
fi
"$ISMS" asset list --format csv | sed 1d | cut -d, -f1 | sort >"$T/ids"
sort -u "$T/ids" | cmp -s - "$T/ids" || { echo "duplicate ids" >&2; bad=1; }
[ "$(grep -c '^  - id: ' assets.yaml)" -eq "$(wc -l <"$T/ids")" ] ||
    { echo "assets.yaml and the list disagree" >&2; bad=1; }
cat "$T"/live.* | sort >"$T/want"
"$ISMS" asset list --format csv | sed 1d | awk -F, '{ print $1 " " $4 }' |
    sort >"$T/got"
if ! cmp -s "$T/want" "$T/got"; then
	echo "records lost or changed (want < > got):" >&2
	diff "$T/want" "$T/got" | head -10 >&2
	bad=1
fi
cat "$T"/removed.* 2>/dev/null | sort >"$T/removed"
[ -z "$(comm -12 "$T/removed" "$T/ids")" ] || { echo "removed ids present" >&2; bad=1; }
"$ISMS" check >/dev/null || { echo "check fails" >&2; bad=1; }
ls -A | grep -q '^\.isms-tmp-' && { echo "temporary files left" >&2; bad=1; }
echo "concurrency: $writers writers x $ops operations in $(( $(date +%s) - start )) s; $(wc -l <"$T/ids") assets left, $(wc -l <"$T/removed") removed"
[ $bad -eq 0 ]
