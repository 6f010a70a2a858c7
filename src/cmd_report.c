/*
 * isms report: the ISMS report for management and auditors.  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_report(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms report is not available yet");
}

const struct command cmd_report = {
	.name = "report",
	.summary = "the ISMS report for management and auditors",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_report,
	.min_args = 0,
	.max_args = -1,
};
