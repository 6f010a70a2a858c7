#!/bin/sh
# Regenerates the seed corpora in fuzz/corpus/ from examples/ and from
# inputs the tests use: fuzz/seed.sh ISMS-BINARY.  The seeds are small
# files committed with the targets; the fuzzer's own finds stay in
# build-fuzz/corpus/.
set -eu
ISMS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
C=fuzz/corpus
rm -rf "$C"
mkdir -p $C/fuzz_register $C/fuzz_project $C/fuzz_csv $C/fuzz_method \
    $C/fuzz_splice $C/fuzz_args $C/fuzz_regcache
N=examples/northwind
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Registers, good and hostile.
for f in $N/*.yaml examples/minimal/isms.yaml; do
	cp "$f" "$C/fuzz_register/$(basename "$(dirname "$f")")-$(basename "$f")"
done
printf 'version: 1\nbase: &b {name: x}\nassets:\n  - *b\n' >$C/fuzz_register/alias
printf 'version: 1\r\nassets:\r\n  - id: A-001\r\n    name: CRLF\r\n' >$C/fuzz_register/crlf
printf '\357\273\277version: 1\nassets:\n  - {id: A-001, name: BOM}\n' >$C/fuzz_register/bom
printf 'version: 1\nassets: [[[[[[[[[[[[[[[[{a: [b]}]]]]]]]]]]]]]]]]\n' >$C/fuzz_register/deep
printf 'version: 1\nassets:\n  - {id: "A-\\0001", name: "x\\u0000y"}\n' >$C/fuzz_register/nul
printf 'version: 1\nrisks:\n  - {id: R-001, title: T, rating: {likelihood: 9, impact: x}, identified: 2026-02-30}\n' >$C/fuzz_register/risk-bad

# A project with one register replaced: the first byte picks it (in
# register.h order), the second the outputs (0xE_: HTML report, 0xF_:
# Markdown report).
i=0
for f in isms scope assets risks treatments soa audits objectives \
    documents incidents metrics reviews; do
	{ printf "\\$(printf %03o $i)\\000"; cat $N/$f.yaml; } >$C/fuzz_project/$f
	i=$((i + 1))
done
{ printf '\003\340'; cat $N/risks.yaml; } >$C/fuzz_project/risks-html
{ printf '\004\360'; cat $N/treatments.yaml; } >$C/fuzz_project/treatments-md
{ printf '\000\000'; printf 'version: 1\norganization: X\nmethodology:\n  preset: owasp\n'; } >$C/fuzz_project/owasp
{ printf '\000\000'; printf 'version: 1\norganization: X\nmethodology:\n  preset: iso27005\n'; } >$C/fuzz_project/iso27005

# CSV imports: the first byte picks the collection (register.h order).
"$ISMS" init --example "$tmp/p" >/dev/null
i=0
for c in issues parties boundaries interfaces exclusions assets risks treatments \
    controls audits findings objectives documents incidents metrics reviews; do
	case $c in
	assets) cmd="asset export" ;;
	risks) cmd="risk export" ;;
	treatments) cmd="treat export" ;;
	controls) cmd="soa export" ;;
	objectives) cmd="objective export" ;;
	documents) cmd="doc export" ;;
	incidents) cmd="incident export" ;;
	metrics) cmd="metric export" ;;
	reviews) cmd="review export" ;;
	*) cmd= ;;
	esac
	if [ -n "$cmd" ]; then
		{ printf "\\$(printf %03o $i)"; "$ISMS" -C "$tmp/p" $cmd --format csv | head -6; } >$C/fuzz_csv/$c
	fi
	i=$((i + 1))
done
printf '\005name,owner,c,i,a,type\nLaptop,IT,2,3,1,hardware\n"=cmd|x",@SUM(1),+1,-1,3,hardware\n' >$C/fuzz_csv/assets-formula
printf '\006title,likelihood,impact,assets,owner\nRansomware,4,5,A-001;A-002,CIO\n' >$C/fuzz_csv/risks-factors

# Methodologies (even first byte) and formulas (odd first byte).
for p in 5x5 iso27005 nist-800-30 owasp; do
	"$ISMS" init --preset $p "$tmp/m-$p" >/dev/null
	{ printf '\000'; cat "$tmp/m-$p/isms.yaml"; } >$C/fuzz_method/preset-$p
done
{ printf '\000'; sed -n '/^methodology:/,$p' $N/isms.yaml; } >$C/fuzz_method/northwind
n=0
for e in 'likelihood * impact' 'asset_value + threat + vulnerability' \
    'avg(skill_level, motive, opportunity, size)' 'max(likelihood, impact) / (1 + min(threat, 2))' \
    '-(likelihood - -impact) * 2.5e0' 'coalesce(threat, vulnerability, 1)' 'likelihood / (impact - impact)'; do
	printf '\001%s' "$e" >$C/fuzz_method/formula-$n
	n=$((n + 1))
done

# Splice: a register, 0xFF, then operations (see fuzz_splice.c).
{ cat $N/assets.yaml; printf '\377\000\001\002\005Hello\001\003\004x # y\002\005\003O\047s\003\001\004\001\005\002'; } >$C/fuzz_splice/northwind
{ printf 'version: 1\nassets: []\n\377'; printf '\000\050\001\003a: b\002'; } >$C/fuzz_splice/empty
printf '\000\001\002\003[a]\004\000\001\002\003\004\005\001\002' >$C/fuzz_splice/ops-only

# Command lines, NUL-separated (after "isms").
args() { printf '%s\0' "$@" | head -c -1; }
args -C /nonexistent --today 2026-11-22 asset list --format csv --sort name >$C/fuzz_args/list
args risk add --title T --likelihood 4 --impact 5 --asset A-001,A-002 --cia c --id R-009 >$C/fuzz_args/risk-add
args asset set A-001 c=5 'depends_on=[A-002]' rating.likelihood=4 >$C/fuzz_args/set
args --format=json check --rule owner-missing --skip audit-stale -o out.json >$C/fuzz_args/check
args help risk add >$C/fuzz_args/help
args treat accept R-001 --approved-by CIO --expires 2027-01-01 -- -x >$C/fuzz_args/accept
args soa generate --help >$C/fuzz_args/soa
args report --format html --section risks -o r.html >$C/fuzz_args/report
args audit finding add --audit AU-001 --type minor --ref 8.8 >$C/fuzz_args/finding

# Register caches: what a write leaves on the example and on a new project.
mkdir "$tmp/rc-example"
cp $N/*.yaml "$tmp/rc-example/"
"$ISMS" -C "$tmp/rc-example" asset set A-001 owner=Seed >/dev/null
cp "$tmp/rc-example/.isms.cache" $C/fuzz_regcache/northwind
"$ISMS" init "$tmp/rc-new" >/dev/null
"$ISMS" -C "$tmp/rc-new" asset add --name Laptop --owner IT >/dev/null
cp "$tmp/rc-new/.isms.cache" $C/fuzz_regcache/init
