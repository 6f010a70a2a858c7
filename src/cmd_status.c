/*
 * isms status: the ISMS on one terminal screen, or as JSON for dashboards.
 *
 * All the figures come from the status module (status.h) over the project
 * and its assessment; this file only picks the format and prints.
 */
#include "cmd.h"

#include "isms/check.h"
#include "isms/status.h"

static struct isms_error *run_status(struct ctx *ctx)
{
	struct project *p = NULL;
	struct diags problems = DIAGS_INIT;
	struct status s;
	struct isms_error *err;
	enum out_format fmt;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_TEXT) | FMT_BIT(FMT_JSON),
	    FMT_TEXT, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	check_project(p, &problems);
	status_compute(p, project_assessment(p), &problems, &s);
	if (fmt == FMT_JSON)
		status_json(&s, &ctx->out);
	else
		status_text(&s, ctx->g->color, &ctx->out);
	status_release(&s);
	diags_release(&problems);
	project_free(p);
	return NULL;
}

const struct command cmd_status = {
	.name = "status",
	.summary = "one-screen dashboard: risk levels, overdue work, SoA, findings",
	.flags = CMD_PROJECT,
	.usage = "[--format text|json]",
	.run = run_status,
	.min_args = 0,
	.max_args = 0,
};
