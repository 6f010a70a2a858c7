#!/bin/sh
# Crash safety: tests/stress/kill.sh PROJECT KILLS
#
# Starts a writer (`asset set A-001 name=vN`, or `risk add` on every third
# round) in the background, SIGKILLs it after a random delay between 0 and
# about 3 ms, and then checks that every register still loads (`isms check`
# reports no yaml-syntax problem) and that A-001's name is the old value or
# the new one.  Leftover .isms-tmp-* files are expected after SIGKILL (no
# code runs); check must report them as stale-temp-file warnings, and the
# next writer must not mind them.  Prints the figures docs/security.md
# quotes.
set -u
: "${ISMS:?set ISMS to the isms binary}"
P=$1 kills=$2
cd "$P" || exit 1
T=$(mktemp -d "${TMPDIR:-/tmp}/isms-kill.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ISMS_LOCK_TIMEOUT=10
bad=0 old=0 new=0 risks=0 temps=0
name=v0
"$ISMS" asset set A-001 name=$name >/dev/null || exit 1
# Delays in microseconds, from a fixed seed so a failure can be replayed.
awk -v n="$kills" 'BEGIN { srand(8); for (i = 0; i < n; i++)
    printf "%d.%06d\n", 0, int(rand() * rand() * 3000) }' >"$T/delays"
i=0
while read -r delay; do
	i=$((i + 1))
	if [ $((i % 3)) -eq 0 ]; then
		"$ISMS" risk add --title "Kill $i" --likelihood 2 --impact 2 \
		    --asset A-001 >/dev/null 2>&1 &
	else
		"$ISMS" asset set A-001 name=v$i >/dev/null 2>&1 &
	fi
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	"$ISMS" check --format json >"$T/check" 2>&1
	if grep -q '"rule": *"yaml-syntax"' "$T/check"; then
		echo "kill $i: a register does not load:" >&2
		cat "$T/check" >&2
		bad=$((bad + 1))
	fi
	got=$("$ISMS" asset show A-001 --format json 2>&1 |
	    sed -n 's/^ *"name": *"\(.*\)",*$/\1/p')
	if [ $((i % 3)) -eq 0 ]; then
		[ "$got" = "$name" ] || { echo "kill $i: name '$got', want '$name'" >&2; bad=$((bad + 1)); }
		grep -q "title: Kill $i\$" risks.yaml && risks=$((risks + 1))
	elif [ "$got" = "v$i" ]; then
		new=$((new + 1))
		name=v$i
	elif [ "$got" = "$name" ]; then
		old=$((old + 1))
	else
		echo "kill $i: name '$got', want '$name' or 'v$i'" >&2
		bad=$((bad + 1))
	fi
done <"$T/delays"
temps=$(ls -A | grep -c '^\.isms-tmp-')
warned=$("$ISMS" check 2>/dev/null | grep -c '\[stale-temp-file\]')
[ "$warned" -eq "$temps" ] || { echo "check warned about $warned of $temps temporary files" >&2; bad=$((bad + 1)); }
# A writer does not mind them, and leaves none of its own.
"$ISMS" asset set A-001 name=final >/dev/null || bad=$((bad + 1))
[ "$(ls -A | grep -c '^\.isms-tmp-')" -eq "$temps" ] || bad=$((bad + 1))
"$ISMS" check --skip stale-temp-file >/dev/null || { echo "check fails after the kills" >&2; bad=$((bad + 1)); }
echo "kills: $kills survived: $((kills - bad)); set kept old $old, new $new; risk add completed $risks; stale temp files $temps"
[ $bad -eq 0 ]
