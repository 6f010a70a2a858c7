#!/bin/sh
# isms risk matrix and risk simulate: heat-map counts in every format,
# and the seeded Monte Carlo, deterministic for a given seed.
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
cd "$P" || exit 1
run asset add --name DB --owner CIO --c 5 --i 4 --a 3
run risk add --title A --asset A-001 --owner CIO --likelihood 4 --impact 4 --sle 1000 --aro 2
run risk add --title B --asset A-001 --owner CIO --likelihood 4 --impact 4 --sle 8000 --aro 0.5 \
	--loss '{frequency: {min: 0.1, mode: 0.5, max: 2}, magnitude: {min: 1000, mode: 5000, max: 50000}}'
run risk add --title C --asset A-001 --owner CIO --likelihood 1 --impact 2
run treat add --risk R-001 --option modify --residual-likelihood 2 --residual-aro 0.5
run treat add --risk R-002 --option modify --residual-likelihood 1 --residual-sle 4000
expect_out "T-002"

run risk matrix
expect_status 0
expect_out "Inherent risk                                                 Residual risk
                impact                                                        impact
likelihood      negligible  minor  moderate  major  severe    likelihood      negligible  minor  moderate  major  severe
almost-certain           .      .         .      .       .    almost-certain           .      .         .      .       .
likely                   .      .         .      2       .    likely                   .      .         .      .       .
possible                 .      .         .      .       .    possible                 .      .         .      .       .
unlikely                 .      .         .      .       .    unlikely                 .      .         .      1       .
rare                     .      1         .      .       .    rare                     .      1         .      1       .

Levels: low, medium (appetite), high, critical."
run risk matrix --residual
expect_out "Residual risk
                impact
likelihood      negligible  minor  moderate  major  severe
almost-certain           .      .         .      .       .
likely                   .      .         .      .       .
possible                 .      .         .      .       .
unlikely                 .      .         .      1       .
rare                     .      1         .      1       .

Levels: low, medium (appetite), high, critical."
run risk matrix --inherent --format csv
expect_status 0
head -n 3 "$T/out" >"$T/head"
printf '%s\n' "view,row,row_label,column,column_label,level,count" \
	"inherent,5,almost-certain,1,negligible,medium,0" \
	"inherent,5,almost-certain,2,minor,high,0" >"$T/want"
same_file "$T/want" "$T/head"
out_has "inherent,4,likely,4,major,high,2"
out_has "inherent,1,rare,2,minor,low,1"
out_lacks "residual,"
[ "$(wc -l <"$T/out")" -eq 26 ] || fail "matrix csv: expected 25 cells and a header"
run risk matrix --format json
expect_status 0
head -n 18 "$T/out" >"$T/head"
cat >"$T/want" <<'JSON'
{
  "method": "5x5",
  "appetite": "medium",
  "rows": "likelihood",
  "columns": "impact",
  "unrated": {
    "inherent": 0,
    "residual": 0
  },
  "cells": [
    {
      "view": "inherent",
      "row": 5,
      "row_label": "almost-certain",
      "column": 1,
      "column_label": "negligible",
      "level": "medium",
      "count": 0
JSON
same_file "$T/want" "$T/head"
[ "$(grep -c '"view": "residual"' "$T/out")" -eq 25 ] || fail "json: 25 residual cells"
run risk matrix --format md
expect_status 2

# On a terminal the cells are coloured by level (low green ... critical
# red); --no-color and NO_COLOR turn it off.  script(1) gives a terminal.
if command -v script >/dev/null 2>&1; then
	esc=$(printf '\033')
	env -u NO_COLOR script -qec "'$ISMS' risk matrix --inherent" /dev/null >"$T/tty" 2>&1
	checks=$((checks + 1))
	grep -qF "${esc}[30;42m         .${esc}[0m" "$T/tty" || fail "no green low cell on a terminal"
	grep -qF "Levels: ${esc}[30;42m low ${esc}[0m, ${esc}[30;43m medium ${esc}[0m (appetite)" "$T/tty" ||
		fail "no coloured legend on a terminal"
	env -u NO_COLOR script -qec "'$ISMS' --no-color risk matrix --inherent" /dev/null >"$T/tty" 2>&1
	grep -qF "$esc" "$T/tty" && fail "--no-color still coloured"
	script -qec "'$ISMS' risk matrix --inherent" /dev/null >"$T/tty" 2>&1
	grep -qF "$esc" "$T/tty" && fail "NO_COLOR still coloured"
fi

# A risk that cannot be scored is counted apart, not in a cell.
run risk set R-003 assets=[]
run risk set R-003 rating.impact=
run risk matrix --inherent
out_has "Inherent risk (1 not rated)"

# simulate: per risk and in total, fixed seed by default.
run risk simulate --iterations 2000
expect_status 0
expect_out "Simulated annual loss: 2000 years, seed 1.

risk   model     mean   P50    P90    P95    P99
R-001  sle-aro   2012  2000   4000   5000   6000
R-002  loss      7948     0  25078  33949  52050
total           10140  4000  27424  34529  52706"
cp "$T/out" "$T/first"
run risk simulate --iterations 2000 --seed 1
same_file "$T/first" "$T/out"
run risk simulate --iterations 2000 --seed 2
expect_status 0
cmp -s "$T/first" "$T/out" && fail "another seed gave the same figures"
# Treated: frequency scaled by residual aro / aro, magnitude by sle.
run risk simulate R-001 --iterations 2000 --treated
expect_out "Simulated annual loss: 2000 years, seed 1.

risk   model    view       mean   P50   P90   P95   P99
R-001  sle-aro  untreated  2012  2000  4000  5000  6000
R-001  sle-aro  treated     504     0  1000  2000  3000
total           untreated  2012  2000  4000  5000  6000
total           treated     504     0  1000  2000  3000"
run risk simulate R-002 --iterations 500 --seed 7 --format csv
expect_status 0
head -n 3 "$T/out" >"$T/head"
printf '%s\n' "risk,view,loss,probability" "R-002,untreated,0,0.462" \
	"R-002,untreated,1196.1225962149667,0.46" >"$T/want"
same_file "$T/want" "$T/head"
[ "$(grep -c '^R-002,untreated,' "$T/out")" -eq 32 ] || fail "csv: 32 curve points"
[ "$(grep -c '^total,untreated,' "$T/out")" -eq 32 ] || fail "csv: 32 total points"
run risk simulate R-001 --iterations 100 --format json --treated
expect_status 0
out_has '"iterations": 100,'
out_has '"seed": 1,'
out_has '"model": "sle-aro",'
out_has '"treated": {'
out_has '"lec": ['
out_has '"total": {'

run risk simulate R-003
expect_status 2
expect_err "isms: risk R-003 has no loss figures to simulate (loss, or sle and aro)"
run risk simulate R-404
expect_status 2
expect_err "isms: no risk with id 'R-404'"
run risk simulate --iterations 0
expect_status 2
run risk simulate --iterations lots
expect_status 2
expect_err "isms: --iterations: 'lots' is not a whole number from 0 to 10000000"
run risk simulate --iterations 10000001
expect_status 2
run risk simulate --format yaml
expect_status 2

# No loss figures anywhere: an empty table, not an error.
Q=$T/q
new_project "$Q"
run -C "$Q" risk simulate --iterations 10
expect_status 0
out_has "total"

done_testing
