#!/bin/sh
# isms diff: a scripted series of commits in a project that sits in a
# subdirectory of its repository, compared in text, md and json against
# expected files; a register missing at a revision; the default sides;
# revisions that do not exist; outside a repository.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gitlib.sh"

E=$ISMS_SRC/tests/cli/t1000
R=$T/repo
new_repo "$R"
new_project "$R/ismsdir"
cd "$R/ismsdir" || exit 1
. "$E/series.sh"

# c1 -> c2: every kind of change and its consequences.
run diff HEAD~2 HEAD~1
expect_status 0
same_file "$E/c1-c2.txt" "$T/out"
run diff HEAD~2 HEAD~1 --format md
expect_status 0
same_file "$E/c1-c2.md" "$T/out"
run diff --format json HEAD~2 HEAD~1
expect_status 0
same_file "$E/c1-c2.json" "$T/out"

# c2 -> c3: removals.
run diff HEAD~1 HEAD
expect_status 0
same_file "$E/c2-c3.txt" "$T/out"
run diff HEAD~1 HEAD --format md
same_file "$E/c2-c3.md" "$T/out"

# Ranges as git reads them: A..B, and A...B from their merge base.
run diff HEAD~2..HEAD~1
expect_status 0
same_file "$E/c1-c2.txt" "$T/out"
git branch side HEAD~2 && git checkout -q side &&
sed -i 's/owner: CIO$/owner: Side/' assets.yaml && commit side &&
git checkout -q main || fail "git setup of a side branch"
run diff side...HEAD~1
expect_status 0
head -1 "$T/out" >"$T/got"
printf 'isms diff merge base of side and HEAD~1..HEAD~1\n' >"$T/want"
same_file "$T/want" "$T/got"
tail -n +2 "$T/out" >"$T/got"
tail -n +2 "$E/c1-c2.txt" >"$T/want"
same_file "$T/want" "$T/got"
run diff ..side --format json
expect_status 0
out_has '"from": "HEAD",'
out_has '"to": "side",'

# Default: HEAD against the working tree; one REV: REV against it.
run diff
expect_status 0
expect_out "isms diff HEAD..working tree
no changes"
run diff --exit-code
expect_status 0
sed -i 's/owner: CIO$/owner: CISO/' assets.yaml
run diff --exit-code
expect_status 1
expect_out "isms diff HEAD..working tree
0 added, 0 removed, 1 changed; 0 risks re-scored, 0 crossed the appetite; 0 SoA decisions changed; 0 findings opened, 0 closed

assets.yaml:
  ~ asset A-001  Customer DB
      owner: CIO -> CISO"
run diff HEAD~1 --format json
expect_status 0
out_has '"to": "working tree",'
out_has '"field": "owner",'

# A register that does not load is named, not shown as all removed.
cp risks.yaml "$T/risks.keep"
printf 'version: 1\nrisks: [\n' >risks.yaml
run diff
expect_status 0
out_has "warning: working tree does not load cleanly: risks.yaml:3:1: YAML syntax error: did not find expected node content while parsing a flow node"
run diff --format md
out_has "> **Warning:** working tree does not load cleanly: risks.yaml:3:1: YAML syntax error: did not find expected node content while parsing a flow node"
mv "$T/risks.keep" risks.yaml

# The same from the repository root with -C, and from a subdirectory.
cd "$R" || exit 1
run -C ismsdir diff HEAD~2 HEAD~1
same_file "$E/c1-c2.txt" "$T/out"
mkdir -p ismsdir/catalogs && cd ismsdir/catalogs || exit 1
run diff HEAD~2 HEAD~1
same_file "$E/c1-c2.txt" "$T/out"
cd "$R/ismsdir" || exit 1

# A revision before the project existed: everything is added.
empty_tree=$(git hash-object -t tree /dev/null) &&
git tag empty "$(git commit-tree -m empty "$empty_tree")" ||
fail "git setup of an empty commit"
run diff empty HEAD
expect_status 0
out_has "9 added, 0 removed, 3 changed"
out_has "  + asset A-001  Customer DB"

# Usage errors: a revision that does not exist, one that looks like an
# option, too many revisions, a format diff does not offer.
snapshot "$R/ismsdir"
run diff no-such-rev
expect_status 2
expect_err "isms: unknown revision 'no-such-rev'"
run diff -- --output=x
expect_status 2
expect_err "isms: '--output=x' is not a revision"
run diff a b c
expect_status 2
run diff --format csv
expect_status 2
err_has "format 'csv' is not available here"
unchanged "$R/ismsdir"

# Outside a git work tree.
new_project "$T/plain"
run -C "$T/plain" diff
expect_status 2
err_has "isms: the project is not in a git work tree: git: not a git repository"

done_testing
