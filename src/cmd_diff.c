/*
 * isms diff [REV [REV]]: what a change does to the ISMS.
 *
 * With no revision, HEAD against the working tree; with one, REV against
 * the working tree; with two, the first against the second.  A single
 * range argument reads as git reads it: A..B is A against B, and A...B
 * is what B changed since it left A (their merge base against B), which
 * is what a pull request shows.  The project
 * may sit anywhere inside the repository: its path in the work tree comes
 * from `git rev-parse --show-prefix`.  The comparison itself is the rdiff
 * module; this file picks the two sides and the format.
 */
#include "cmd.h"

#include "isms/gitio.h"
#include "isms/rdiff.h"

#include <stdlib.h>
#include <string.h>

static const char worktree[] = "working tree";

/* One side: a revision through git, or the files on disk. */
static struct isms_error *load_side(const struct ctx *ctx, const char *prefix,
    const char *rev, struct project **p)
{
	if (!rev)
		return project_load(ctx->root, ctx->g->today, NULL, 0, p);
	return rdiff_load_rev(ctx->root, prefix, rev, ctx->g->today, p);
}

/* A..B and A...B (an empty side is HEAD), as git reads them.  *from and
 * *to point into the strings kept in owned[]. */
static struct isms_error *split_range(const char *root, const char *arg,
    char *owned[3], const char **from, const char **to)
{
	const char *dots = strstr(arg, "..");
	if (!dots)
		return NULL;
	bool three = dots[2] == '.';
	const char *rest = dots + (three ? 3 : 2);
	owned[0] = dots == arg ? xstrdup("HEAD") :
	    xstrndup(arg, (size_t)(dots - arg));
	owned[1] = xstrdup(*rest ? rest : "HEAD");
	*from = owned[0];
	*to = owned[1];
	if (!three)
		return NULL;
	struct isms_error *err = git_merge_base(root, owned[0], owned[1],
	    &owned[2]);
	if (!err)
		*from = owned[2];
	return err;
}

static struct isms_error *run_diff(struct ctx *ctx)
{
	const char *from = ctx->args.npos > 0 ? ctx->args.pos[0] : "HEAD";
	const char *to = ctx->args.npos > 1 ? ctx->args.pos[1] : NULL;
	const char *from_label = from;
	struct project *a = NULL, *b = NULL;
	struct rdiff d = { 0 };
	struct isms_error *err;
	enum out_format fmt;
	char *prefix = NULL, *owned[3] = { NULL, NULL, NULL };

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_MD) |
	    FMT_BIT(FMT_JSON), FMT_TEXT, &fmt)))
		return err;
	if ((err = git_prefix(ctx->root, &prefix)))
		goto out;
	if (ctx->args.npos == 1 &&
	    (err = split_range(ctx->root, from, owned, &from, &to)))
		goto out;
	if (owned[2])
		from_label = xasprintf("merge base of %s and %s", owned[0],
		    owned[1]);
	else if (owned[0])
		from_label = owned[0];
	if ((err = load_side(ctx, prefix, from, &a)) ||
	    (err = load_side(ctx, prefix, to, &b)))
		goto out;
	rdiff_compute(a, b, &d);
	rdiff_render(&d, fmt, from_label, to ? to : worktree, &ctx->out);
	if (arg_flag(ctx, "exit-code") && !rdiff_empty(&d))
		ctx->exit_code = 1;
out:
	rdiff_release(&d);
	project_free(a);
	project_free(b);
	if (owned[2])
		free((char *)from_label);
	for (size_t i = 0; i < 3; i++)
		free(owned[i]);
	free(prefix);
	return err;
}

static const struct optspec diff_opts[] = {
	{ "exit-code", 0, "exit 1 when there are differences, like git diff" },
	{ NULL, 0, NULL },
};

const struct command cmd_diff = {
	.name = "diff",
	.summary = "what changed between two revisions: records, scores, appetite",
	.flags = CMD_PROJECT,
	.usage = "[--format text|md|json] [--exit-code] [REV [REV] | A..B | A...B]",
	.opts = diff_opts,
	.run = run_diff,
	.min_args = 0,
	.max_args = 2,
};
