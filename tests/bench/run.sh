#!/bin/sh
# make bench: how fast isms is, measured like a library would be.
#
# For each size in BENCH_SIZES (risks; default 1000 10000 100000) the seeded
# generator (gen.c) writes a project, and each command is run BENCH_RUNS
# times (default 5, 3 at 100,000 and above); the median wall and CPU time
# and the peak resident memory of the child (getrusage, via timeit.c) are
# reported
# beside the ratio to the floor: a bare libyaml parse of the same files
# (yamlfloor.c).  Write commands run on a fresh copy of the project each
# time, outside the timing.  A command that does not exist yet (exit 2 on
# its first run) is reported as "not available", never as a failure.
#
# The table goes to stdout and, with the machine details, into BENCH_DOC
# (default docs/performance.md) between the bench markers; the rest of that
# file is left as written.  Figures are printed, never asserted: speed is
# measured here, not in the tests.  The engine benchmark runs first.
set -eu
: "${ISMS:?}" "${ENGINE_BENCH:?}" "${BENCH_GEN:?}" "${BENCH_FLOOR:?}"
: "${BENCH_TIMEIT:?}" "${BENCH_WORK:?}"
SIZES=${BENCH_SIZES:-1000 10000 100000}
DOC=${BENCH_DOC-docs/performance.md}
TODAY=2026-11-22
export NO_COLOR=1
unset ISMS_DIR

echo "== engine: scoring and Monte Carlo"
engine=$("$ENGINE_BENCH")
printf '%s\n' "$engine"

rm -rf "$BENCH_WORK"
mkdir -p "$BENCH_WORK"
table="$BENCH_WORK/table.txt"
failed=0
: >"$table"

# The commands, by label.  Each is run with -C DIR --today; "floor" is the
# libyaml parse.  Write commands carry "w" and get a fresh copy per run,
# of a project written to once before, so that it has its register cache
# (.isms.cache), as any project in use does.  The "(no cache file)" rows
# are the same writes on a copy without it, as on a fresh clone; the
# "(full load)" rows take the path of writes the cache cannot serve,
# with ISMS_CACHE=off.
COMMANDS="floor check list report add set addnew setnew addfull setfull soa"
cmd_kind() {
	case $1 in add|set|addnew|setnew|addfull|setfull|soa) echo w ;;
	*) echo r ;; esac
}
# fresh_copy LABEL DIR: the project for one run of LABEL.
fresh_copy() {
	rm -rf "$2"
	cp -R "$src" "$2"
	case $1 in addnew|setnew) rm -f "$2/.isms.cache" ;; esac
}
cmd_name() {
	case $1 in
	floor) echo "libyaml parse (floor)" ;;
	check) echo "isms check" ;;
	list) echo "isms risk list --format json" ;;
	report) echo "isms report --format html" ;;
	add) echo "isms risk add" ;;
	set) echo "isms asset set" ;;
	addnew) echo "isms risk add (no cache file)" ;;
	setnew) echo "isms asset set (no cache file)" ;;
	addfull) echo "isms risk add (full load)" ;;
	setfull) echo "isms asset set (full load)" ;;
	soa) echo "isms soa generate" ;;
	esac
}
# run_cmd LABEL DIR OUT: one timed run appended to OUT.
run_cmd() {
	d=$2
	i="$ISMS -C $d --today $TODAY"
	add="risk add --title Benchmark --asset A-001 --owner CISO --likelihood 2 --impact 2"
	set="asset set A-001 owner=Benchmark"
	case $1 in
	floor) "$BENCH_TIMEIT" "$3" "$BENCH_FLOOR" "$d"/*.yaml ;;
	check) "$BENCH_TIMEIT" "$3" $i check ;;
	list) "$BENCH_TIMEIT" "$3" $i risk list --format json ;;
	report) "$BENCH_TIMEIT" "$3" $i report --format html ;;
	add|addnew) "$BENCH_TIMEIT" "$3" $i $add ;;
	set|setnew) "$BENCH_TIMEIT" "$3" $i $set ;;
	addfull) "$BENCH_TIMEIT" "$3" env ISMS_CACHE=off $i $add ;;
	setfull) "$BENCH_TIMEIT" "$3" env ISMS_CACHE=off $i $set ;;
	soa) "$BENCH_TIMEIT" "$3" $i soa generate ;;
	esac
}

# median FILE: the medians of the wall (column 1) and CPU (column 4)
# times, the largest peak RSS (column 2, KiB) and the last exit status.
median() {
	awk '{ print $4 }' "$1" | sort -n >"$1.cpu"
	sort -n "$1" | awk -v cpuf="$1.cpu" '
	    { t[NR] = $1; if ($2 > m) m = $2; s = $3 }
	    END { k = 0; while ((getline c < cpuf) > 0) cpu[++k] = c
		mid = int((NR + 1) / 2)
		printf "%.6f %d %d %.6f\n", t[mid], m, s, cpu[mid] }'
}

# bench_project LABEL DIR RUNS: times every command on DIR.
bench_project() {
	label=$1 runs=$3
	src="$BENCH_WORK/base"
	rm -rf "$src"
	cp -R "$2" "$src"
	"$ISMS" -C "$src" --today "$TODAY" asset set A-001 description="Primed" \
	    >/dev/null || echo "bench: the priming write failed" >&2
	bytes=$(cat "$src"/*.yaml | wc -c | tr -d ' ')
	floor=
	for c in $COMMANDS; do
		res="$BENCH_WORK/res"
		: >"$res"
		d="$BENCH_WORK/run"
		fresh_copy "$c" "$d"
		run_cmd "$c" "$d" "$res"   # warm-up, and is the command there?
		status=$(awk '{ s = $3 } END { print s }' "$res")
		if [ "$status" = 2 ] || [ "$status" = 127 ]; then
			echo "$label $c - - - $bytes na - -" >>"$table"
			printf '  %-32s not available\n' "$(cmd_name "$c")"
			continue
		fi
		: >"$res"
		k=0
		while [ "$k" -lt "$runs" ]; do
			[ "$(cmd_kind "$c")" = w ] && fresh_copy "$c" "$d"
			run_cmd "$c" "$d" "$res"
			k=$((k + 1))
		done
		set -- $(median "$res")
		t=$1 rss=$2 st=$3 cpu=$4
		[ "$c" = floor ] && floor=$t && floorcpu=$cpu
		ok=ok
		case $c:$st in
		check:0|check:1|*:0) ;;
		*) ok="exit $st"; failed=$((failed + 1)) ;;
		esac
		echo "$label $c $t $rss $floor $bytes $ok $cpu $floorcpu" >>"$table"
		printf '  %-32s %8.3f s %8.3f s CPU %8.1f MiB %s\n' \
		    "$(cmd_name "$c")" "$t" "$cpu" \
		    "$(echo "$rss" | awk '{ print $1 / 1024 }')" \
		    "$([ "$ok" = ok ] || echo "($ok)")"
	done
	rm -rf "$BENCH_WORK/run" "$src"
}

echo "== example: examples/northwind"
bench_project example "${ISMS_SRC:-.}/examples/northwind" 5
for n in $SIZES; do
	echo "== $n risks"
	p="$BENCH_WORK/p$n"
	mkdir -p "$p"
	"$BENCH_GEN" "$p" "$n"
	runs=${BENCH_RUNS:-5}
	[ "$n" -ge 100000 ] && runs=${BENCH_RUNS:-3}
	bench_project "$n" "$p" "$runs"
	rm -rf "$p"
done

# The Markdown report: one table per project, then the per-record slope.
report="$BENCH_WORK/report.md"
awk -v sizes="$SIZES" '
function name(c) {
	if (c == "floor") return "libyaml parse (floor)"
	if (c == "check") return "`isms check`"
	if (c == "list") return "`isms risk list --format json`"
	if (c == "report") return "`isms report --format html`"
	if (c == "add") return "`isms risk add`"
	if (c == "set") return "`isms asset set`"
	if (c == "addnew") return "`isms risk add` (no cache file)"
	if (c == "setnew") return "`isms asset set` (no cache file)"
	if (c == "addfull") return "`isms risk add` (full load)"
	if (c == "setfull") return "`isms asset set` (full load)"
	return "`isms soa generate`"
}
{
	key = $1 SUBSEP $2
	t[key] = $3; rss[key] = $4; fl[$1] = $5 != "-" && $5 != "" ? $5 : fl[$1]
	bytes[$1] = $6; st[key] = $7; cpu[key] = $8
	if ($9 != "-" && $9 != "") fc[$1] = $9
	if (!($1 in seen)) { seen[$1] = 1; order[++np] = $1 }
	if (!($2 in cseen)) { cseen[$2] = 1; cmds[++nc] = $2 }
}
END {
	for (i = 1; i <= np; i++) {
		p = order[i]
		title = p == "example" ? "Bundled example (examples/northwind)" : p " risks"
		printf "### %s (registers: %.1f MiB)\n\n", title, bytes[p] / 1048576
		print "| command | wall time | CPU time | peak RSS | RSS / registers | wall / floor | CPU / floor |"
		print "|---|---:|---:|---:|---:|---:|---:|"
		for (j = 1; j <= nc; j++) {
			c = cmds[j]; k = p SUBSEP c
			if (st[k] == "na") { printf "| %s | not available | | | | | |\n", name(c); continue }
			note = st[k] == "ok" ? "" : " (" st[k] ")"
			ratio = fl[p] > 0 ? sprintf("%.2f×", t[k] / fl[p]) : "-"
			cratio = fc[p] > 0 ? sprintf("%.2f×", cpu[k] / fc[p]) : "-"
			printf "| %s%s | %.1f ms | %.1f ms | %.1f MiB | %.1f× | %s | %s |\n", name(c), note,
			    t[k] * 1000, cpu[k] * 1000, rss[k] / 1024, rss[k] * 1024 / bytes[p], ratio, cratio
		}
		print ""
	}
	n = split(sizes, sz, " ")
	if (n >= 2) {
		a = sz[1]; b = sz[n]
		printf "### Time per record, %d to %d risks\n\n", a, b
		print "Wall time per risk at each end, and the slope (t(" b ") − t(" a ")) ÷ (" b " − " a ")"
		print "in µs per risk; a slope close to the per-risk time means linear cost."
		print ""
		printf "| command | µs/risk at %d | µs/risk at %d | slope µs/risk | CPU slope µs/risk |\n", a, b
		print "|---|---:|---:|---:|---:|"
		for (j = 1; j <= nc; j++) {
			c = cmds[j]; ka = a SUBSEP c; kb = b SUBSEP c
			if (st[ka] == "na" || st[kb] == "na" || !(ka in t) || !(kb in t)) continue
			printf "| %s | %.2f | %.2f | %.2f | %.2f |\n", name(c), t[ka] * 1e6 / a,
			    t[kb] * 1e6 / b, (t[kb] - t[ka]) * 1e6 / (b - a),
			    (cpu[kb] - cpu[ka]) * 1e6 / (b - a)
		}
		print ""
	}
}' "$table" >"$report"
echo
cat "$report"

# BENCH_STRICT=1 (the CI check): a command that exists but failed fails
# the run; the figures themselves never do.
if [ -n "${BENCH_STRICT:-}" ] && [ "$failed" -gt 0 ]; then
	echo "bench: $failed command(s) failed" >&2
	exit 1
fi
[ -n "$DOC" ] || exit 0
# Machine details and the engine figures, then splice into DOC.
machine="$BENCH_WORK/machine.md"
{
	cpu=$(sed -n "s/^model name[[:space:]]*: //p" /proc/cpuinfo 2>/dev/null | head -1)
	echo "Measured $(date -u +%Y-%m-%d) on $(uname -sm) (${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') CPUs, $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null) RAM),"
	echo "$(${BENCH_CC:-cc} --version 2>/dev/null | head -1), $("$ISMS" --version 2>/dev/null | head -1), libyaml $(pkg-config --modversion yaml-0.1 2>/dev/null || echo '?')."
	echo "Sizes: $SIZES risks; median of ${BENCH_RUNS:-5} runs (${BENCH_RUNS:-3} at 100,000 and above)."
	echo
	echo "Engine benchmark:"
	echo
	printf '%s\n' "$engine" | sed 's/^/    /'
	echo
	cat "$report"
} >"$machine"
if [ ! -f "$DOC" ]; then
	printf '# Performance\n\n<!-- bench:begin -->\n<!-- bench:end -->\n' >"$DOC"
fi
awk -v gen="$machine" '
/<!-- bench:begin -->/ { print; while ((getline l < gen) > 0) print l; skip = 1; next }
/<!-- bench:end -->/ { skip = 0 }
!skip' "$DOC" >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
echo "wrote $DOC"
