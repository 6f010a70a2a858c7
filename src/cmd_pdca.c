/*
 * Helpers of the PDCA register commands (see cmd_pdca.h).  This file
 * exports no command of its own.
 */
#include "cmd_pdca.h"

#include "isms/date.h"

struct isms_error *pdca_date_opt(const struct ctx *ctx, const char *name,
    char out[static 11])
{
	const char *v = arg_get(ctx, name);
	long day = ctx->g->today;
	if (v && !date_parse(v, &day))
		return err_new(EXIT_USAGE, "--%s: '%s' is not a date (YYYY-MM-DD)",
		    name, v);
	date_format(day, out);
	return NULL;
}

void pdca_cell_date(struct sbuf *out, long date)
{
	char buf[11];
	if (date == DATE_NONE)
		return;
	date_format(date, buf);
	sbuf_adds(out, buf);
}
