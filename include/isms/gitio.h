/*
 * Running git (and other programs) without a shell.
 *
 * proc_run() starts a program with posix_spawnp() and an argument vector,
 * so no file name, revision or path ever passes through a shell and no
 * quoting can go wrong.  Standard input is /dev/null; standard output and
 * error are captured through pipes read together with poll(), so a chatty
 * program cannot deadlock against us.
 *
 * The git helpers read a project's registers as they were at a revision:
 * the project directory may be anywhere inside the work tree, so paths are
 * given to `git show REV:PATH` with the prefix `git rev-parse
 * --show-prefix` reports for the project directory.
 */
#ifndef ISMS_GITIO_H
#define ISMS_GITIO_H

#include <stdbool.h>

#include "isms/error.h"
#include "isms/util.h"

/* Runs argv (argv[0] looked up on PATH).  Stdout goes to out (more than
 * limit bytes is an error), the first few KiB of stderr to errout (may be
 * NULL).  *status is the exit status, 128 + the signal when killed.  An
 * error only when the program could not be run or said too much. */
struct isms_error *proc_run(const char *const argv[], struct sbuf *out,
    struct sbuf *errout, size_t limit, int *status);

/* The project directory's path inside its work tree ("" at the top, else
 * "dir/sub/"); EXIT_USAGE when dir is not inside a git work tree. */
struct isms_error *git_prefix(const char *dir, char **prefix);
/* EXIT_USAGE unless rev names a commit in the repository of dir. */
struct isms_error *git_verify_commit(const char *dir, const char *rev);
/* Which of paths (repository paths) exist at rev: exists[i]. */
struct isms_error *git_paths_exist(const char *dir, const char *rev,
    const char *const *paths, size_t n, bool *exists);
/* The content of path (a repository path) at rev. */
struct isms_error *git_show(const char *dir, const char *rev,
    const char *path, struct sbuf *out);

/* The best common ancestor of commits a and b (git merge-base). */
struct isms_error *git_merge_base(const char *dir, const char *a,
    const char *b, char **base);
/* git -C dir config KEY VALUE (the repository's own configuration). */
struct isms_error *git_config_set(const char *dir, const char *key,
    const char *value);

#endif
