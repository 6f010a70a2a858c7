#!/bin/sh
# Mixed writers at the same time (add, set, rm): nothing lost, no
# duplicate id, the register valid.  A short run here; the full 16 x 100
# is `make check-concurrency` (tests/stress/concurrency.sh).
. "$(dirname "$0")/lib.sh"

P=$T/p
new_project "$P"
checks=$((checks + 1))
sh "$ISMS_SRC/tests/stress/concurrency.sh" "$P" 4 25 >"$T/conc.out" 2>&1 ||
    fail "concurrency: $(cat "$T/conc.out")"
done_testing
