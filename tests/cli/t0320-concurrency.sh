#!/bin/sh
# Eight writers adding 50 assets each at the same time: the lock serialises
# them, so exactly 400 distinct records appear and the register validates.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1

export ISMS_LOCK_TIMEOUT=120
for w in 1 2 3 4 5 6 7 8; do
	(
		i=0
		while [ $i -lt 50 ]; do
			"$ISMS" asset add --name "writer $w asset $i" --owner "W$w" \
			    --c 2 --i 2 --a 2 >>"$T/ids.$w" 2>>"$T/errs" || echo fail >>"$T/errs"
			i=$((i + 1))
		done
	) &
done
wait

checks=$((checks + 1))
[ -s "$T/errs" ] && fail "writers failed: $(head -5 "$T/errs")"
cat "$T"/ids.* | sort >"$T/all"
checks=$((checks + 1))
[ "$(wc -l <"$T/all")" -eq 400 ] || fail "expected 400 ids, got $(wc -l <"$T/all")"
checks=$((checks + 1))
[ "$(sort -u "$T/all" | wc -l)" -eq 400 ] || fail "ids are not distinct"
checks=$((checks + 1))
[ "$(grep -c '^  - id: A-' assets.yaml)" -eq 400 ] || fail "assets.yaml does not hold 400 records"
run check
expect_status 0
expect_no_out
run asset list --format csv
expect_status 0
checks=$((checks + 1))
[ "$(grep -c '^A-' "$T/out")" -eq 400 ] || fail "list does not show 400 assets"
# Ids were handed out in order: A-001 .. A-400, each exactly once.
i=1
while [ $i -le 400 ]; do printf 'A-%03d\n' $i; i=$((i + 1)); done >"$T/want"
same_file "$T/want" "$T/all"
checks=$((checks + 1))
ls -a | grep -q '^\.isms-tmp-' && fail "temporary files left behind"

done_testing
