# Helpers for the CLI tests that build real git repositories: sourced
# after lib.sh.  git runs with a private HOME and no system configuration,
# so the tester's own settings (a merge.conflictStyle, a default branch
# name, hooks) cannot change what the tests see.

export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org
export GIT_AUTHOR_DATE="2026-11-22T10:00:00Z" GIT_COMMITTER_DATE="2026-11-22T10:00:00Z"
export GIT_CONFIG_NOSYSTEM=1 HOME="$T/home"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"

# new_repo DIR: an empty repository on branch main.
new_repo() {
	mkdir -p "$1" && git -C "$1" init -q -b main . &&
	git -C "$1" config user.email tester@example.org &&
	git -C "$1" config user.name Tester ||
	fail "cannot create a git repository in $1"
}

# commit MESSAGE: commits everything under the current directory.
commit() {
	git add -A . && git commit -qm "$1" || fail "commit $1"
}
