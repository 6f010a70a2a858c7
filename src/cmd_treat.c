/*
 * isms treat: the risk treatment plan (6.1.3, 8.3).  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_treat(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms treat is not available yet");
}

const struct command cmd_treat = {
	.name = "treat",
	.summary = "the risk treatment plan (6.1.3, 8.3)",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_treat,
	.min_args = 0,
	.max_args = -1,
};
