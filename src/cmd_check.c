/*
 * isms check: every rule of every register in one pass.
 *
 * Prints nothing and exits 0 when the project is clean; otherwise one line
 * per problem, FILE:LINE:COL: severity: message [rule-id], sorted by place,
 * and exit 1 (warnings alone do not fail unless --strict).  Paths are
 * relative to the current directory so editors and CI annotations find the
 * files.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "isms/check.h"
#include "isms/json.h"

static bool selected(const struct ctx *ctx, const char *rule)
{
	bool any_rule = false, hit = false;
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (strcmp(o->name, "skip") == 0 && strcmp(o->value, rule) == 0)
			return false;
		if (strcmp(o->name, "rule") == 0) {
			any_rule = true;
			hit |= strcmp(o->value, rule) == 0;
		}
	}
	return !any_rule || hit;
}

static struct isms_error *check_rule_names(const struct ctx *ctx)
{
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if ((strcmp(o->name, "skip") == 0 || strcmp(o->name, "rule") == 0)
		    && !rule_find(o->value))
			return err_new(EXIT_USAGE,
			    "--%s: no rule '%s' (see isms-check(1))", o->name,
			    o->value);
	}
	return NULL;
}

/* The project root as seen from the current directory, with a trailing
 * slash, or "" when they are the same. */
static char *path_prefix(const char *root)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return xasprintf("%s/", root);
	size_t n = strlen(cwd);
	if (strcmp(root, cwd) == 0)
		return xstrdup("");
	if (strncmp(root, cwd, n) == 0 && root[n] == '/')
		return xasprintf("%s/", root + n + 1);
	return xasprintf("%s/", root);
}

static void print_text(struct sbuf *out, const struct diags *d,
    const char *prefix)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		sbuf_addf(out, "%s%s:%u:%u: %s: %s [%s]\n", prefix, g->file,
		    g->line, g->col, severity_name(g->sev), g->msg, g->rule);
	}
}

static void print_json(struct sbuf *out, const struct diags *d,
    const char *prefix)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_int(&w, "errors", (long long)diags_count(d, SEV_ERROR));
	json_kv_int(&w, "warnings", (long long)diags_count(d, SEV_WARNING));
	json_key(&w, "problems");
	json_begin_array(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		char *file = xasprintf("%s%s", prefix, g->file);
		json_begin_object(&w);
		json_kv_string(&w, "file", file);
		json_kv_int(&w, "line", g->line);
		json_kv_int(&w, "column", g->col);
		json_kv_string(&w, "severity", severity_name(g->sev));
		json_kv_string(&w, "rule", g->rule);
		json_kv_string(&w, "message", g->msg);
		json_end_object(&w);
		free(file);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_release(&w);
}

static struct isms_error *run_check(struct ctx *ctx)
{
	struct project *p = NULL;
	struct diags all = DIAGS_INIT, shown = DIAGS_INIT;
	struct isms_error *err;
	enum out_format fmt;
	char *prefix = NULL;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON),
	    FMT_TEXT, &fmt)))
		return err;
	if ((err = check_rule_names(ctx)))
		return err;
	if ((err = project_load(ctx->root, ctx->g->today, NULL, 0, &p)))
		return err;
	check_project(p, &all);
	for (size_t i = 0; i < all.n; i++) {
		if (!selected(ctx, all.v[i].rule))
			continue;
		GROW(shown.v, shown.cap, shown.n + 1);
		shown.v[shown.n++] = all.v[i];
		all.v[i].file = all.v[i].msg = NULL;
	}
	prefix = path_prefix(ctx->root);
	if (fmt == FMT_JSON)
		print_json(&ctx->out, &shown, prefix);
	else
		print_text(&ctx->out, &shown, prefix);
	size_t errors = diags_count(&shown, SEV_ERROR);
	if (errors || (arg_flag(ctx, "strict") && shown.n))
		ctx->exit_code = EXIT_PROBLEMS;
	free(prefix);
	diags_release(&all);
	diags_release(&shown);
	project_free(p);
	return NULL;
}

static const struct optspec check_opts[] = {
	{ "rule", OPT_ARG | OPT_MULTI, "check only this rule (repeatable)" },
	{ "skip", OPT_ARG | OPT_MULTI, "do not check this rule (repeatable)" },
	{ "strict", 0, "warnings fail too" },
	{ NULL, 0, NULL },
};

const struct command cmd_check = {
	.name = "check",
	.summary = "validate every register and judge the ISMS; exit 1 on problems",
	.flags = CMD_PROJECT,
	.usage = "[--rule ID]... [--skip ID]... [--strict] [--format text|json]",
	.opts = check_opts,
	.run = run_check,
	.min_args = 0,
	.max_args = 0,
};
