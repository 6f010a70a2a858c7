#!/bin/sh
# make bench: the engine benchmark (scoring and simulation speed).  Figures
# are printed, never asserted: speed is measured here, not in the tests.
set -eu
: "${ENGINE_BENCH:?}"
echo "== engine: scoring and Monte Carlo"
"$ENGINE_BENCH"
