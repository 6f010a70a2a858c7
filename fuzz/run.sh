#!/bin/sh
# Runs each fuzz target for a bounded time: fuzz/run.sh BUILD SECONDS [NAME...]
# New inputs go to BUILD/corpus/NAME (the seeds in fuzz/corpus/NAME are
# only read); a crash, leak, timeout or sanitizer report leaves its input
# in BUILD/artifacts/ and fails the run.  The figures (executions per
# target) are printed at the end, as docs/security.md quotes them.
set -u
build=$1 seconds=$2
shift 2
targets=$*
[ -n "$targets" ] || targets=$(cd "$build/fuzz" && ls fuzz_* | grep -v '\.o$')
mkdir -p "$build/artifacts"
failed=0
summary=
for t in $targets; do
	mkdir -p "$build/corpus/$t"
	seeds=fuzz/corpus/$t
	[ -d "$seeds" ] || seeds=
	dict=
	[ -f "fuzz/$t.dict" ] && dict=-dict=fuzz/$t.dict
	log=$build/$t.log
	echo "== $t: ${seconds}s"
	if ! "$build/fuzz/$t" -max_total_time="$seconds" -timeout=20 \
	    -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="$build/artifacts/$t-" $dict \
	    "$build/corpus/$t" $seeds >"$log" 2>&1; then
		failed=1
		echo "FAILED: $t (log: $log)" >&2
		grep -A40 -E '^==[0-9]+==ERROR|runtime error|property failed|deadly signal|Timeout' "$log" | head -60 >&2
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	summary="$summary$t: ${execs:-?} executions in ${seconds}s, corpus $(ls "$build/corpus/$t" | wc -l) inputs
"
done
printf '%s' "$summary"
exit $failed
