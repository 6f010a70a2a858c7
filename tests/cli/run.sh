#!/bin/sh
# Runs every CLI test (tests/cli/t*.sh) against $ISMS; fails if any fails.
dir=$(dirname "$0")
failed=0
total=0
for t in "$dir"/t*.sh; do
	total=$((total + 1))
	if ! sh "$t"; then
		failed=$((failed + 1))
		echo "FAILED: $t" >&2
	fi
done
echo "cli: $((total - failed)) of $total test scripts passed"
[ "$failed" -eq 0 ]
