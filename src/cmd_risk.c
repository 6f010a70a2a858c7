/*
 * isms risk: the risk register (6.1.2, 8.2).  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_risk(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms risk is not available yet");
}

const struct command cmd_risk = {
	.name = "risk",
	.summary = "the risk register (6.1.2, 8.2)",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_risk,
	.min_args = 0,
	.max_args = -1,
};
