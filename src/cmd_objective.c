/*
 * isms objective: information security objectives and the plans to
 * achieve them (6.2).
 *
 * The shared register verbs over objectives.yaml; what is particular is
 * the computed `overdue` (past its due date and still planned or in
 * progress, pdca.h), and, in `show`, the latest result of each metric that
 * measures the objective, so its progress can be read in one place.
 */
#include "cmd_pdca.h"

#include "isms/date.h"
#include "isms/output.h"

static void state_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	if (pdca_objective_overdue(p, rec))
		sbuf_adds(out, "overdue");
}

static void objective_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	json_kv_bool(w, "overdue", pdca_objective_overdue(p, rec));
}

static void objective_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct objective *o = rec;
	char v[32], t[32], day[11];
	if (pdca_objective_overdue(p, o))
		detail_add(d, "overdue", "yes");
	for (size_t k = 0; k < o->metrics.n; k++) {
		const struct metric *m = project_find(p, COL_METRICS,
		    o->metrics.v[k]);
		const struct measurement *last = m ? pdca_metric_latest(m) : NULL;
		if (!last) {
			detail_addf(d, "result", "%s: no measurement yet",
			    o->metrics.v[k]);
			continue;
		}
		date_format(last->date, day);
		fmt_num(last->value, v);
		if (rec_has(m, coll_defs[COL_METRICS].schema, "target"))
			detail_addf(d, "result", "%s: %s on %s (target %s)",
			    m->id, v, day, fmt_num(m->target, t));
		else
			detail_addf(d, "result", "%s: %s on %s", m->id, v, day);
	}
}

static bool objective_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	return !arg_flag(ctx, "overdue") || pdca_objective_overdue(p, rec);
}

static const struct column objective_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "owner", "owner", NULL, false, true },
	{ "due", "due", NULL, false, false },
	{ "status", "status", NULL, false, false },
	{ "state", NULL, state_cell, false, false },
};

static const struct view objective_view = {
	.coll = COL_OBJECTIVES,
	.cols = objective_cols,
	.ncols = ARRAY_SIZE(objective_cols),
	.json_extra = objective_json,
	.show_extra = objective_show_extra,
	.filter = objective_filter,
};

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "overdue", 0, "only objectives past their due date, not achieved" },
	{ NULL, 0, NULL },
};

static const struct verb objective_verbs[] = {
	{ "add", "--title TEXT [--FIELD VALUE...]",
	    "add an objective; prints its id", NULL, rec_add_verb,
	    VERB_FIELDS, 0, 0, COL_OBJECTIVES, &objective_view },
	{ "list", "[--status S] [--owner O] [--overdue] [--sort KEY]",
	    "list objectives", list_opts, rec_list_verb, VERB_FIELDS, 0, 0,
	    COL_OBJECTIVES, &objective_view },
	PDCA_VERB_ROWS(objective_view, COL_OBJECTIVES, "an objective",
	    "objectives"),
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_objective = {
	.name = "objective",
	.summary = "security objectives and plans to achieve them (6.2)",
	.flags = CMD_PROJECT,
	.verbs = objective_verbs,
};
