/*
 * isms metric: monitoring and measurement (9.1): what is measured, how,
 * how often, by whom, and the results against a target.
 *
 * The shared register verbs over metrics.yaml, plus `record`, which
 * appends one measurement {date, value, note} to a metric: one new line in
 * the file, every other byte as it was, so the history of results reads
 * well in `git log -p`.  Computed: the latest result, whether it meets the
 * target, its trend against the one before, when the next is due and
 * whether the metric is stale (pdca.h).
 */
#include "cmd_pdca.h"

#include <string.h>

#include "isms/output.h"

static void latest_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct measurement *m = pdca_metric_latest(rec);
	char buf[32];
	if (m)
		sbuf_adds(out, fmt_num(m->value, buf));
}

static void target_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	sbuf_adds(out, pdca_target_name(pdca_metric_target(rec)));
}

static void due_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	pdca_cell_date(out, pdca_metric_next_due(rec));
}

static void state_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	if (pdca_metric_stale(p, rec))
		sbuf_adds(out, "stale");
}

static void metric_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct measurement *m = pdca_metric_latest(rec);
	enum pdca_target t = pdca_metric_target(rec);
	json_key(w, "latest");
	if (m) {
		json_begin_object(w);
		pdca_json_date(w, "date", m->date);
		json_kv_number(w, "value", m->value);
		json_end_object(w);
	} else {
		json_null(w);
	}
	if (t == TARGET_UNKNOWN)
		json_kv_null(w, "on_target");
	else
		json_kv_bool(w, "on_target", t == TARGET_MET);
	if (pdca_metric_previous(rec))
		json_kv_string(w, "trend",
		    pdca_trend_name(pdca_metric_trend(rec)));
	else
		json_kv_null(w, "trend");
	pdca_json_date(w, "next_due", pdca_metric_next_due(rec));
	json_kv_bool(w, "stale", pdca_metric_stale(p, rec));
}

static void metric_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct measurement *m = pdca_metric_latest(rec);
	struct sbuf sb = SBUF_INIT;
	char buf[32];
	if (m) {
		sbuf_adds(&sb, fmt_num(m->value, buf));
		sbuf_adds(&sb, " on ");
		pdca_cell_date(&sb, m->date);
		if (pdca_metric_target(rec) != TARGET_UNKNOWN)
			sbuf_addf(&sb, ", target %s",
			    pdca_target_name(pdca_metric_target(rec)));
		if (pdca_metric_previous(rec))
			sbuf_addf(&sb, ", %s than before",
			    pdca_metric_trend(rec) ? pdca_trend_name(
			    pdca_metric_trend(rec)) : "no different");
		detail_add(d, "latest", sb.buf);
	}
	sbuf_reset(&sb);
	pdca_cell_date(&sb, pdca_metric_next_due(rec));
	if (sb.len)
		detail_add(d, "next due", sb.buf);
	if (pdca_metric_stale(p, rec))
		detail_add(d, "stale", "yes");
	sbuf_release(&sb);
}

static bool metric_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	if (arg_flag(ctx, "stale") && !pdca_metric_stale(p, rec))
		return false;
	return !arg_flag(ctx, "below-target") ||
	    pdca_metric_target(rec) == TARGET_MISSED;
}

static const struct column metric_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "owner", "owner", NULL, false, true },
	{ "period", "period", NULL, false, false },
	{ "target", "target", NULL, true, false },
	{ "latest", NULL, latest_cell, true, false },
	{ "on-target", NULL, target_cell, false, false },
	{ "next-due", NULL, due_cell, false, false },
	{ "state", NULL, state_cell, false, false },
};

static const struct view metric_view = {
	.coll = COL_METRICS,
	.cols = metric_cols,
	.ncols = ARRAY_SIZE(metric_cols),
	.json_extra = metric_json,
	.show_extra = metric_show_extra,
	.filter = metric_filter,
};

/* record ID VALUE [--date D] [--note TEXT] */
static struct isms_error *metric_record(struct ctx *ctx)
{
	const struct schema *ms = schema_field(coll_defs[COL_METRICS].schema,
	    "measurements")->sub;
	const char *id = ctx->args.pos[0], *value = ctx->args.pos[1];
	const char *note = arg_get(ctx, "note");
	struct field_text ft[3];
	size_t n = 0;
	struct session s;
	struct isms_error *err;
	char day[11];
	double v;

	memset(&s, 0, sizeof(s));
	s.lock.fd = -1;
	memset(ft, 0, sizeof(ft));
	if (!parse_num(value, &v))
		return err_new(EXIT_USAGE, "metric record: '%s' is not a number",
		    value);
	if ((err = pdca_date_opt(ctx, "date", day)))
		return err;
	if ((err = field_text_from_arg(schema_field(ms, "date"), day,
	    &ft[n++])) ||
	    (err = field_text_from_arg(schema_field(ms, "value"), value,
	    &ft[n++])) ||
	    (note && (err = field_text_from_arg(schema_field(ms, "note"), note,
	    &ft[n++]))))
		goto out;
	struct record_text item = { ft, n };
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_METRICS)) ||
	    (err = session_append(&s, COL_METRICS, id, "measurements", &item,
	    1)))
		goto out;
	err = session_commit(&s);
out:
	session_end(&s);
	for (size_t i = 0; i < n; i++)
		field_text_release(&ft[i]);
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "stale", 0, "only metrics with no measurement in their period" },
	{ "below-target", 0, "only metrics whose latest result misses the target" },
	{ NULL, 0, NULL },
};

static const struct optspec record_opts[] = {
	{ "date", OPT_ARG, "date measured (default today)" },
	{ "note", OPT_ARG, "a remark on the result" },
	{ NULL, 0, NULL },
};

static const struct verb metric_verbs[] = {
	{ "add", "--title TEXT [--FIELD VALUE...]",
	    "add a metric; prints its id", NULL, rec_add_verb, VERB_FIELDS, 0, 0,
	    COL_METRICS, &metric_view },
	{ "list", "[--owner O] [--stale] [--below-target] [--sort KEY]",
	    "list metrics with their latest result", list_opts, rec_list_verb,
	    VERB_FIELDS, 0, 0, COL_METRICS, &metric_view },
	PDCA_VERB_ROWS(metric_view, COL_METRICS, "a metric", "metrics"),
	{ "record", "ID VALUE [--date D] [--note TEXT]",
	    "append a measurement to a metric", record_opts, metric_record, 0,
	    2, 2, COL_METRICS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_metric = {
	.name = "metric",
	.summary = "monitoring and measurement: metrics and results (9.1)",
	.flags = CMD_PROJECT,
	.verbs = metric_verbs,
};
