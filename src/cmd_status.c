/*
 * isms status: one-screen dashboard.  (Not yet built.)
 */
#include "cmd.h"

static struct isms_error *run_status(struct ctx *ctx)
{
	return err_new(EXIT_USAGE, "isms status is not available yet");
}

const struct command cmd_status = {
	.name = "status",
	.summary = "one-screen dashboard",
	.flags = CMD_PROJECT,
	.usage = "",
	.run = run_status,
	.min_args = 0,
	.max_args = -1,
};
