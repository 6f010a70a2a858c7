/*
 * isms renumber OLD NEW: renames a record id and every reference to it,
 * in every register, in one all-or-nothing write.
 */
#include "cmd.h"

#include "isms/renumber.h"

static struct isms_error *run_renumber(struct ctx *ctx)
{
	const char *old = ctx->args.pos[0], *new_id = ctx->args.pos[1];
	struct session s;
	struct renumber_stats st;
	struct isms_error *err;
	enum collection c;

	if ((err = session_begin(&s, ctx->root, ctx->g->today)) ||
	    (err = renumber_find(s.p, old, &c)) ||
	    (err = renumber_valid_id(c, new_id)) ||
	    (err = session_renumber(&s, c, old, new_id, &st)) ||
	    (err = session_commit(&s)))
		goto out;
	if (!ctx->g->quiet) {
		sbuf_addf(&ctx->out, "%s %s -> %s: %zu reference%s",
		    coll_defs[c].noun, old, new_id, st.refs,
		    st.refs == 1 ? "" : "s");
		const char *sep = " in ";
		for (int f = 0; f < REG_COUNT; f++) {
			if (!st.files[f])
				continue;
			sbuf_addf(&ctx->out, "%s%s", sep, reg_defs[f].file);
			sep = ", ";
		}
		sbuf_addch(&ctx->out, '\n');
	}
out:
	session_end(&s);
	return err;
}

const struct command cmd_renumber = {
	.name = "renumber",
	.summary = "rename a record id and every reference to it",
	.flags = CMD_PROJECT,
	.usage = "OLD NEW",
	.run = run_renumber,
	.min_args = 2,
	.max_args = 2,
};
