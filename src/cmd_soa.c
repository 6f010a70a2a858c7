/*
 * isms soa: control catalogs and the Statement of Applicability (6.1.3 d).  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_soa(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms soa is not available yet");
}

const struct command cmd_soa = {
	.name = "soa",
	.summary = "control catalogs and the Statement of Applicability (6.1.3 d)",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_soa,
	.min_args = 0,
	.max_args = -1,
};
