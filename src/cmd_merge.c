/*
 * isms merge-driver BASE OURS THEIRS PATH: the merge driver git runs for
 * registers marked `merge=isms` in .gitattributes (see `isms git setup`),
 * as `isms merge-driver %O %A %B %P`.
 *
 * git's contract: leave the result in OURS (%A) and exit 0 for a clean
 * merge, non-zero when a person must look.  So the result is written to
 * OURS atomically in both cases (with conflict markers around the records
 * that conflict), and every case isms cannot merge by structure (a file
 * that is not a register, a side that does not parse) exits 1 with OURS
 * untouched, which git reports as a conflict.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

#include "isms/fsio.h"
#include "isms/merge.h"
#include "isms/yaml.h"

/* Anything that stops a structural merge is a conflict for git (exit 1),
 * with the reason on stderr. */
static struct isms_error *as_conflict(struct isms_error *err, const char *path)
{
	char *msg = err_format(err);
	struct isms_error *e = err_new(EXIT_PROBLEMS,
	    "%s: %s; left for a manual merge", path, msg);
	free(msg);
	err_free(err);
	return e;
}

static struct isms_error *run_merge_driver(struct ctx *ctx)
{
	const char *base = ctx->args.pos[0], *ours = ctx->args.pos[1];
	const char *theirs = ctx->args.pos[2], *path = ctx->args.pos[3];
	char *bt = NULL, *ot = NULL, *tt = NULL;
	size_t bl = 0, ol = 0, tl = 0;
	struct merge_result res = { 0 };
	struct isms_error *err = NULL;
	int f = merge_register_file(path);

	if (f < 0)
		return err_new(EXIT_PROBLEMS,
		    "%s is not an isms register; left for a manual merge", path);
	if ((err = read_file(base, "base", YAML_MAX_FILE, &bt, &bl)) ||
	    (err = read_file(ours, "ours", YAML_MAX_FILE, &ot, &ol)) ||
	    (err = read_file(theirs, "theirs", YAML_MAX_FILE, &tt, &tl)))
		goto out;
	if ((err = merge_register(f, bt, bl, ot, ol, tt, tl, &res))) {
		err = as_conflict(err, path);
		goto out;
	}
	if ((res.len != ol || memcmp(res.text, ot, ol) != 0) &&
	    (err = atomic_write(ours, path, res.text, res.len)))
		goto out;
	if (res.conflicts)
		err = err_new(EXIT_PROBLEMS,
		    "%s: %zu conflict%s marked between '<<<<<<< ours' and "
		    "'>>>>>>> theirs'", path, res.conflicts,
		    res.conflicts == 1 ? "" : "s");
out:
	free(bt);
	free(ot);
	free(tt);
	free(res.text);
	return err;
}

const struct command cmd_merge_driver = {
	.name = "merge-driver",
	.summary = "three-way merge of a register by record id (for git)",
	.flags = 0,
	.usage = "BASE OURS THEIRS PATH",
	.run = run_merge_driver,
	.min_args = 4,
	.max_args = 4,
};
