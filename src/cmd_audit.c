/*
 * isms audit: audit programme, audits, findings (9.2, 10.2).  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_audit(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms audit is not available yet");
}

const struct command cmd_audit = {
	.name = "audit",
	.summary = "audit programme, audits, findings (9.2, 10.2)",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_audit,
	.min_args = 0,
	.max_args = -1,
};
