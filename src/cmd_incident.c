/*
 * isms incident: information security incidents, their handling and what
 * was learned from them (A.5.24-5.28).
 *
 * The shared register verbs over incidents.yaml; `add` dates the report
 * today unless --reported says otherwise, and `close` refuses to close an
 * incident without lessons learned (A.5.27), since closing is the moment
 * they are asked for.  Computed: open, overdue (past its target) and the
 * state of a personal data breach against the notification window.
 */
#include "cmd_pdca.h"

#include <stdlib.h>
#include <string.h>

#include "isms/date.h"

static void state_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	enum pdca_notice n = pdca_incident_notice(p, rec, NULL);
	bool late = pdca_incident_overdue(p, rec);
	if (late)
		sbuf_adds(out, "overdue");
	if (n == NOTICE_PENDING || n == NOTICE_LATE || n == NOTICE_MISSED)
		sbuf_addf(out, "%snotification %s", late ? ", " : "",
		    pdca_notice_name(n));
}

static void incident_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	long deadline;
	enum pdca_notice n = pdca_incident_notice(p, rec, &deadline);
	json_kv_bool(w, "open", pdca_incident_open(rec));
	json_kv_bool(w, "overdue", pdca_incident_overdue(p, rec));
	json_key(w, "notification");
	json_begin_object(w);
	json_kv_string(w, "status", pdca_notice_name(n));
	pdca_json_date(w, "deadline", deadline);
	json_end_object(w);
}

static void incident_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	long deadline;
	struct sbuf sb = SBUF_INIT;
	enum pdca_notice n = pdca_incident_notice(p, rec, &deadline);
	if (pdca_incident_overdue(p, rec))
		detail_add(d, "overdue", "yes");
	if (n != NOTICE_NONE) {
		sbuf_adds(&sb, pdca_notice_name(n));
		sbuf_adds(&sb, " (deadline ");
		pdca_cell_date(&sb, deadline);
		sbuf_addch(&sb, ')');
		detail_add(d, "notification", sb.buf);
	}
	sbuf_release(&sb);
}

static bool incident_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	if (arg_flag(ctx, "open") && !pdca_incident_open(rec))
		return false;
	return !arg_flag(ctx, "overdue") || pdca_incident_overdue(p, rec);
}

static const struct column incident_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "title", "title", NULL, false, true },
	{ "severity", "severity", NULL, false, false },
	{ "status", "status", NULL, false, false },
	{ "reported", "reported", NULL, false, false },
	{ "target", "target", NULL, false, false },
	{ "owner", "owner", NULL, false, true },
	{ "state", NULL, state_cell, false, false },
};

static const struct view incident_view = {
	.coll = COL_INCIDENTS,
	.cols = incident_cols,
	.ncols = ARRAY_SIZE(incident_cols),
	.json_extra = incident_json,
	.show_extra = incident_show_extra,
	.filter = incident_filter,
};

/* add, with the report dated today unless --reported is given, and the
 * incident open unless --status says otherwise. */
static struct isms_error *incident_report(struct ctx *ctx)
{
	const struct schema *s = coll_defs[COL_INCIDENTS].schema;
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL, day[11];
	struct isms_error *err;

	if ((err = fields_from_opts(ctx, s, &fields, &n)))
		return err;
	for (size_t i = 0; i < n; i++)
		if (fields[i].field->flags & FF_ID) {
			field_text_release(&fields[i]);
			fields[i] = fields[--n];
			break;
		}
	date_format(ctx->g->today, day);
	if ((!arg_get(ctx, "reported") &&
	    (err = fields_put(&fields, &n, s, "reported", day))) ||
	    (!arg_get(ctx, "status") &&
	    (err = fields_put(&fields, &n, s, "status", "open"))))
		goto out;
	err = rec_add_fields(ctx, COL_INCIDENTS, fields, n, &id);
	if (!err && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	return err;
}

/* close ID --lessons TEXT [--date D] */
static struct isms_error *incident_close(struct ctx *ctx)
{
	struct session s;
	struct isms_error *err;
	const char *id = ctx->args.pos[0];
	const char *lessons = arg_get(ctx, "lessons");
	char day[11];

	memset(&s, 0, sizeof(s));
	s.lock.fd = -1;
	if ((err = pdca_date_opt(ctx, "date", day)))
		return err;
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_INCIDENTS)))
		goto out;
	const struct incident *i = project_find(s.p, COL_INCIDENTS, id);
	if (!i) {
		err = err_new(EXIT_USAGE, "no incident with id '%s'", id);
		goto out;
	}
	if (!pdca_incident_open(i)) {
		err = err_new(EXIT_USAGE, "incident %s is already closed", id);
		goto out;
	}
	if ((!lessons || !*lessons) && (!i->lessons || !*i->lessons)) {
		err = err_new(EXIT_USAGE, "incident close: --lessons TEXT is "
		    "required: record what was learned (A.5.27)");
		goto out;
	}
	if ((err = session_set(&s, COL_INCIDENTS, id, "status", "closed")) ||
	    (err = session_set(&s, COL_INCIDENTS, id, "closed", day)))
		goto out;
	if (lessons && *lessons &&
	    (err = session_set(&s, COL_INCIDENTS, id, "lessons", lessons)))
		goto out;
	err = session_commit(&s);
out:
	session_end(&s);
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "open", 0, "only incidents not closed" },
	{ "overdue", 0, "only open incidents past their target date" },
	{ NULL, 0, NULL },
};

static const struct optspec close_opts[] = {
	{ "lessons", OPT_ARG, "lessons learned (required unless recorded)" },
	{ "date", OPT_ARG, "date closed (default today)" },
	{ NULL, 0, NULL },
};

static const struct verb incident_verbs[] = {
	{ "add", "--title TEXT [--reported D] [--FIELD VALUE...]",
	    "record an incident; prints its id", NULL, incident_report,
	    VERB_FIELDS, 0, 0, COL_INCIDENTS, NULL },
	{ "list", "[--severity S] [--status S] [--open] [--overdue] "
	    "[--sort KEY]", "list incidents", list_opts, rec_list_verb,
	    VERB_FIELDS, 0, 0, COL_INCIDENTS, &incident_view },
	PDCA_VERB_ROWS(incident_view, COL_INCIDENTS, "an incident", "incidents"),
	{ "close", "ID --lessons TEXT [--date D]",
	    "close an incident with its lessons learned", close_opts,
	    incident_close, 0, 1, 1, COL_INCIDENTS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_incident = {
	.name = "incident",
	.summary = "security incidents and lessons learned (A.5.24-5.28)",
	.flags = CMD_PROJECT,
	.verbs = incident_verbs,
};
