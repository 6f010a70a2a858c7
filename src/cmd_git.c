/*
 * isms git setup: makes git merge registers with `isms merge-driver`.
 *
 * Two things are needed, and both are idempotent here: one line per
 * register in the project's .gitattributes (`assets.yaml merge=isms`,
 * relative to the project directory, added only when missing so the file
 * never fills with duplicates), and the driver in the repository's git
 * configuration.  git itself is run as a program, never through a shell.
 * The driver command *is* run by git through a shell, so a --program path
 * is single-quoted there.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "isms/fsio.h"
#include "isms/gitio.h"
#include "isms/register.h"
#include "isms/yaml.h"

/* True when text has a line that is exactly want, spaces aside. */
static bool has_line(const char *text, const char *want)
{
	size_t wl = strlen(want);
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *s = p;
		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r'))
			len--;
		if (len == wl && memcmp(s, want, wl) == 0)
			return true;
		p = e ? e + 1 : p + strlen(p);
	}
	return false;
}

/* A word for a POSIX shell: as is when plain, else single-quoted. */
static void shell_word(struct sbuf *out, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_-./+:@%") == strlen(s)) {
		sbuf_adds(out, s);
		return;
	}
	sbuf_addch(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sbuf_adds(out, "'\\''");
		else
			sbuf_addch(out, *s);
	}
	sbuf_addch(out, '\'');
}

/* Appends to the project's file name every line of want it lacks, under
 * a heading comment the first time. */
static struct isms_error *add_lines(const char *root, const char *name,
    const char *heading, char *const *want, size_t n, size_t *added)
{
	char *path = xasprintf("%s/%s", root, name);
	char *old = NULL;
	size_t len = 0;
	struct sbuf text = SBUF_INIT;
	struct isms_error *err = NULL;

	*added = 0;
	if (access(path, F_OK) == 0 &&
	    (err = read_file(path, name, YAML_MAX_FILE, &old, &len)))
		goto out;
	if (old)
		sbuf_add(&text, old, len);
	for (size_t i = 0; i < n; i++) {
		if (has_line(text.buf, want[i]))
			continue;
		if (text.len && text.buf[text.len - 1] != '\n')
			sbuf_addch(&text, '\n');
		if (!*added && !has_line(text.buf, heading))
			sbuf_addf(&text, "%s\n", heading);
		sbuf_addf(&text, "%s\n", want[i]);
		(*added)++;
	}
	if (*added)
		err = atomic_write(path, name, text.buf, text.len);
out:
	free(path);
	free(old);
	sbuf_release(&text);
	return err;
}

static struct isms_error *write_attributes(const char *root, size_t *added)
{
	char *lines[REG_COUNT];
	for (int f = 0; f < REG_COUNT; f++)
		lines[f] = xasprintf("%s merge=isms", reg_defs[f].file);
	struct isms_error *err = add_lines(root, ".gitattributes",
	    "# isms registers: merged record by record (isms git setup)",
	    lines, REG_COUNT, added);
	for (int f = 0; f < REG_COUNT; f++)
		free(lines[f]);
	return err;
}

/* The lock, the register cache and interrupted writes' temporary files
 * are the working copy's own, never history. */
static struct isms_error *write_ignores(const char *root, size_t *added)
{
	static char *const lines[] = { ".isms.lock", ".isms.cache",
		".isms-tmp-*" };
	return add_lines(root, ".gitignore",
	    "# isms working files (isms git setup)", lines,
	    ARRAY_SIZE(lines), added);
}

static struct isms_error *git_setup(struct ctx *ctx)
{
	const char *program = arg_get(ctx, "program");
	struct sbuf driver = SBUF_INIT;
	struct isms_error *err;
	char *prefix = NULL;
	size_t added, ignored;

	/* Refuse early, before touching anything, outside a work tree. */
	if ((err = git_prefix(ctx->root, &prefix)))
		goto out;
	shell_word(&driver, program ? program : "isms");
	sbuf_adds(&driver, " merge-driver %O %A %B %P");
	if ((err = write_attributes(ctx->root, &added)) ||
	    (err = write_ignores(ctx->root, &ignored)) ||
	    (err = git_config_set(ctx->root, "merge.isms.name",
	    "isms register merge")) ||
	    (err = git_config_set(ctx->root, "merge.isms.driver", driver.buf)))
		goto out;
	if (!ctx->g->quiet) {
		sbuf_addf(&ctx->out, "%s.gitattributes: %zu line%s added\n",
		    prefix, added, added == 1 ? "" : "s");
		sbuf_addf(&ctx->out, "%s.gitignore: %zu line%s added\n",
		    prefix, ignored, ignored == 1 ? "" : "s");
		sbuf_addf(&ctx->out, "git config merge.isms.driver: %s\n",
		    driver.buf);
	}
out:
	free(prefix);
	sbuf_release(&driver);
	return err;
}

static const struct optspec setup_opts[] = {
	{ "program", OPT_ARG,
	    "isms command git runs as the driver (default: isms on PATH)" },
	{ NULL, 0, NULL },
};

static const struct verb git_verbs[] = {
	{ "setup", "[--program PATH]",
	    "write .gitattributes lines and the git config for the merge driver",
	    setup_opts, git_setup, 0, 0, 0, 0, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_git = {
	.name = "git",
	.summary = "set up git to merge registers record by record",
	.flags = CMD_PROJECT,
	.verbs = git_verbs,
};
