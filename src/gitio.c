/*
 * Programs run with posix_spawnp(): no shell, arguments as given.
 *
 * The child's stdout and stderr are pipes read in one poll() loop until
 * both close; then the child is reaped.  Output beyond the caller's limit
 * stops the read and kills the child, so a runaway program cannot make us
 * allocate without bound.
 */
#include "isms/gitio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "isms/yaml.h"

extern char **environ;

#define ERR_KEEP 4096

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

struct isms_error *proc_run(const char *const argv[], struct sbuf *out,
    struct sbuf *errout, size_t limit, int *status)
{
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	struct isms_error *err = NULL;
	bool fa_init = false, too_much = false;
	pid_t pid = -1;
	int rc, ws;

	*status = -1;
	if (pipe(po) < 0 || pipe(pe) < 0) {
		err = err_errno(argv[0], "cannot create a pipe");
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(po[i], F_SETFD, FD_CLOEXEC);
		fcntl(pe[i], F_SETFD, FD_CLOEXEC);
	}
	if ((rc = posix_spawn_file_actions_init(&fa)) != 0) {
		errno = rc;
		err = err_errno(argv[0], "cannot run");
		goto out;
	}
	fa_init = true;
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pe[1], STDERR_FILENO);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
	    environ);
	if (rc != 0) {
		pid = -1;
		errno = rc;
		err = err_errno(argv[0], "cannot run");
		goto out;
	}
	close_fd(&po[1]);
	close_fd(&pe[1]);
	while (po[0] >= 0 || pe[0] >= 0) {
		struct pollfd pfd[2] = { { po[0], POLLIN, 0 },
			{ pe[0], POLLIN, 0 } };
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err = err_errno(argv[0], "cannot read the output of");
			break;
		}
		for (int i = 0; i < 2; i++) {
			int *fd = i ? &pe[0] : &po[0];
			char buf[8192];
			if (*fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP |
			    POLLERR)))
				continue;
			ssize_t n = read(*fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close_fd(fd);
				continue;
			}
			if (i == 0) {
				if (out->len + (size_t)n > limit) {
					too_much = true;
					close_fd(&po[0]);
					close_fd(&pe[0]);
					kill(pid, SIGTERM);
					break;
				}
				sbuf_add(out, buf, (size_t)n);
			} else if (errout && errout->len < ERR_KEEP) {
				size_t room = ERR_KEEP - errout->len;
				sbuf_add(errout, buf, (size_t)n < room ?
				    (size_t)n : room);
			}
		}
	}
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) :
	    WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : -1;
	if (too_much && !err)
		err = err_new(EXIT_IO, "%s: output larger than %zu bytes",
		    argv[0], limit);
out:
	if (fa_init)
		posix_spawn_file_actions_destroy(&fa);
	close_fd(&po[0]);
	close_fd(&po[1]);
	close_fd(&pe[0]);
	close_fd(&pe[1]);
	return err;
}

/* The first line of git's complaint, for messages. */
static const char *first_line(struct sbuf *sb)
{
	char *nl = strchr(sb->buf, '\n');
	if (nl)
		*nl = '\0';
	char *p = sb->buf;
	if (strncmp(p, "fatal: ", 7) == 0)
		p += 7;
	return p;
}

/* Runs git -C dir ARGS...; a non-zero exit is an error of code `code`. */
static struct isms_error *git(const char *dir, const char *const *args,
    size_t nargs, struct sbuf *out, int code, const char *what)
{
	const char **argv = xcalloc(nargs + 4, sizeof(*argv));
	struct sbuf errout = SBUF_INIT;
	struct isms_error *err;
	int status;

	argv[0] = "git";
	argv[1] = "-C";
	argv[2] = dir;
	memcpy(argv + 3, args, nargs * sizeof(*argv));
	err = proc_run(argv, out, &errout, YAML_MAX_FILE, &status);
	if (!err && status != 0)
		err = err_new(code, "%s: git: %s", what, errout.len ?
		    first_line(&errout) : "failed");
	free(argv);
	sbuf_release(&errout);
	return err;
}

struct isms_error *git_prefix(const char *dir, char **prefix)
{
	static const char *const args[] = { "rev-parse", "--show-prefix" };
	struct sbuf out = SBUF_INIT;
	struct isms_error *err = git(dir, args, ARRAY_SIZE(args), &out,
	    EXIT_USAGE, "the project is not in a git work tree");
	*prefix = NULL;
	if (err) {
		sbuf_release(&out);
		return err;
	}
	while (out.len && (out.buf[out.len - 1] == '\n' ||
	    out.buf[out.len - 1] == '\r'))
		out.buf[--out.len] = '\0';
	*prefix = sbuf_detach(&out, NULL);
	return NULL;
}

struct isms_error *git_verify_commit(const char *dir, const char *rev)
{
	char *spec = xasprintf("%s^{commit}", rev);
	const char *const args[] = { "rev-parse", "--verify", "--quiet",
		"--end-of-options", spec };
	struct sbuf out = SBUF_INIT;
	struct isms_error *err = NULL;
	/* A revision that looks like an option is never one. */
	if (rev[0] == '-' || !rev[0])
		err = err_new(EXIT_USAGE, "'%s' is not a revision", rev);
	else if ((err = git(dir, args, ARRAY_SIZE(args), &out, EXIT_USAGE,
	    rev))) {
		err_free(err);
		err = err_new(EXIT_USAGE, "unknown revision '%s'", rev);
	}
	free(spec);
	sbuf_release(&out);
	return err;
}

struct isms_error *git_paths_exist(const char *dir, const char *rev,
    const char *const *paths, size_t n, bool *exists)
{
	const char **args = xcalloc(n + 6, sizeof(*args));
	struct sbuf out = SBUF_INIT;
	struct isms_error *err;
	size_t k = 0;

	args[k++] = "ls-tree";
	args[k++] = "-z";
	args[k++] = "--full-tree";
	args[k++] = "--name-only";
	args[k++] = rev;
	args[k++] = "--";
	memcpy(args + k, paths, n * sizeof(*args));
	err = git(dir, args, k + n, &out, EXIT_IO, rev);
	for (size_t i = 0; i < n; i++)
		exists[i] = false;
	for (size_t pos = 0; !err && pos < out.len;) {
		const char *name = out.buf + pos;
		for (size_t i = 0; i < n; i++)
			if (strcmp(name, paths[i]) == 0)
				exists[i] = true;
		pos += strlen(name) + 1;
	}
	free(args);
	sbuf_release(&out);
	return err;
}

struct isms_error *git_show(const char *dir, const char *rev,
    const char *path, struct sbuf *out)
{
	char *spec = xasprintf("%s:%s", rev, path);
	const char *const args[] = { "show", "--no-textconv", spec };
	struct isms_error *err = git(dir, args, ARRAY_SIZE(args), out, EXIT_IO,
	    spec);
	free(spec);
	return err;
}

struct isms_error *git_config_set(const char *dir, const char *key,
    const char *value)
{
	const char *const args[] = { "config", "--", key, value };
	struct sbuf out = SBUF_INIT;
	struct isms_error *err = git(dir, args, ARRAY_SIZE(args), &out, EXIT_IO,
	    key);
	sbuf_release(&out);
	return err;
}

struct isms_error *git_merge_base(const char *dir, const char *a,
    const char *b, char **base)
{
	const char *const args[] = { "merge-base", "--end-of-options", a, b };
	struct sbuf out = SBUF_INIT;
	struct isms_error *err;

	*base = NULL;
	if ((err = git_verify_commit(dir, a)) || (err = git_verify_commit(dir, b)))
		return err;
	if ((err = git(dir, args, ARRAY_SIZE(args), &out, EXIT_USAGE, "merge-base"))) {
		sbuf_release(&out);
		err_free(err);
		return err_new(EXIT_USAGE, "%s and %s have no common ancestor", a, b);
	}
	while (out.len && (out.buf[out.len - 1] == '\n' || out.buf[out.len - 1] == '\r'))
		out.buf[--out.len] = '\0';
	*base = sbuf_detach(&out, NULL);
	return NULL;
}
