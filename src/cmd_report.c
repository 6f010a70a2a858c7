/*
 * isms report: the ISMS report for management and auditors, and the
 * management review input pack, as HTML or Markdown.
 *
 * The documents are built by the report module (report.h); this file
 * reads the options.  With -o FILE main() writes the document atomically,
 * and only when it was built, so a failed run never leaves half a report.
 */
#include <string.h>

#include "cmd.h"
#include "isms/report.h"

static void section_list(struct sbuf *out)
{
	for (int s = 0; s < REPORT_NSECTIONS; s++)
		sbuf_addf(out, "%s%s", s ? ", " : "", report_section_name(s));
}

/* The --section values as a mask (0: none given, i.e. everything). */
static struct isms_error *sections_from_args(const struct ctx *ctx,
    unsigned *mask)
{
	*mask = 0;
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (strcmp(o->name, "section") != 0)
			continue;
		int s = report_section_lookup(o->value);
		if (s < 0) {
			struct sbuf names = SBUF_INIT;
			section_list(&names);
			struct isms_error *e = err_new(EXIT_USAGE,
			    "--section: no section '%s' (use %s)", o->value,
			    names.buf);
			sbuf_release(&names);
			return e;
		}
		*mask |= 1u << s;
	}
	return NULL;
}

static struct isms_error *run_report(struct ctx *ctx)
{
	struct project *p = NULL;
	struct report_opts o = { 0 };
	struct isms_error *err;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_HTML) | FMT_BIT(FMT_MD),
	    FMT_HTML, &o.format)))
		return err;
	if ((err = sections_from_args(ctx, &o.sections)))
		return err;
	o.management_review = arg_flag(ctx, "management-review");
	if (o.management_review && o.sections)
		return err_new(EXIT_USAGE, "--management-review and --section "
		    "cannot be combined");
	if (!o.sections)
		o.sections = REPORT_ALL;
	if ((err = ctx_load(ctx, &p)))
		return err;
	report_build(p, &o, &ctx->out);
	project_free(p);
	return NULL;
}

static const struct optspec report_opts[] = {
	{ "section", OPT_ARG | OPT_MULTI, "only this section (repeatable): "
	    "cover, summary, heatmap, risks, treatments, soa, audit, pdca, "
	    "problems" },
	{ "management-review", 0, "the management review input pack (9.3.2)" },
	{ NULL, 0, NULL },
};

const struct command cmd_report = {
	.name = "report",
	.summary = "the ISMS report (HTML or Markdown) and the management "
	    "review pack",
	.flags = CMD_PROJECT,
	.usage = "[--format html|md] [-o FILE] [--section NAME]... "
	    "[--management-review]",
	.opts = report_opts,
	.run = run_report,
	.min_args = 0,
	.max_args = 0,
};
