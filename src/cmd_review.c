/*
 * isms review: management reviews (9.3): when they were held, who took
 * part, what was considered, what was decided and the actions that
 * followed.
 *
 * The shared register verbs over reviews.yaml, plus `record`, which
 * records a review as held in one command: a new record, or a planned one
 * (record ID) whose fields are filled in.  Actions take the shape of
 * treatment actions {text, owner, due, done}; each --action is a flow
 * mapping or plain text, and on a planned review each is appended as one
 * new line, leaving the rest of the record as it was.
 */
#include "cmd_pdca.h"

#include <stdlib.h>
#include <string.h>

#include "isms/date.h"

static void actions_cell(const struct view *v, const struct project *p,
    const void *rec, struct sbuf *out)
{
	const struct review *r = rec;
	size_t open = 0, late = 0;
	const struct schema *as = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions")->sub;
	for (size_t k = 0; k < r->actions.n; k++) {
		const struct action *a = r->actions.v[k];
		open += !(rec_has(a, as, "done") && a->done);
		late += pdca_action_overdue(p, a);
	}
	if (!r->actions.n)
		return;
	sbuf_addf(out, "%zu of %zu open", open, r->actions.n);
	if (late)
		sbuf_addf(out, ", %zu overdue", late);
}

static size_t overdue_actions(const struct project *p, const struct review *r)
{
	size_t late = 0;
	for (size_t k = 0; k < r->actions.n; k++)
		late += pdca_action_overdue(p, r->actions.v[k]);
	return late;
}

static void review_json(const struct project *p, const void *rec,
    struct json_writer *w)
{
	const struct review *r = rec;
	const struct schema *as = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions")->sub;
	size_t open = 0;
	for (size_t k = 0; k < r->actions.n; k++) {
		const struct action *a = r->actions.v[k];
		open += !(rec_has(a, as, "done") && a->done);
	}
	json_kv_int(w, "actions_open", (long long)open);
	json_kv_int(w, "actions_overdue", (long long)overdue_actions(p, r));
}

static void review_show_extra(const struct project *p, const void *rec,
    struct detail *d)
{
	const struct review *r = rec;
	char day[11];
	for (size_t k = 0; k < r->actions.n; k++) {
		const struct action *a = r->actions.v[k];
		if (!pdca_action_overdue(p, a))
			continue;
		date_format(a->due, day);
		detail_addf(d, "overdue", "%s%s%s%s (due %s)", a->text,
		    a->owner ? " (" : "", a->owner ? a->owner : "",
		    a->owner ? ")" : "", day);
	}
	if (pdca_last_review(p) == r) {
		date_format(pdca_review_due(p), day);
		detail_add(d, "next review due", day);
	}
}

static bool review_filter(const struct ctx *ctx, const struct project *p,
    const void *rec)
{
	return !arg_flag(ctx, "overdue") || overdue_actions(p, rec) > 0;
}

static const struct column review_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "date", "date", NULL, false, false },
	{ "status", "status", NULL, false, false },
	{ "chair", "chair", NULL, false, true },
	{ "actions", NULL, actions_cell, false, false },
};

static const struct view review_view = {
	.coll = COL_REVIEWS,
	.cols = review_cols,
	.ncols = ARRAY_SIZE(review_cols),
	.json_extra = review_json,
	.show_extra = review_show_extra,
	.filter = review_filter,
};

/* One --action value as a flow mapping: given as {text: ..., owner: ...},
 * or plain text, which becomes {text: TEXT}. */
static void action_text(struct sbuf *out, const char *arg)
{
	const char *p = arg;
	while (*p == ' ')
		p++;
	if (*p == '{') {
		sbuf_adds(out, arg);
		return;
	}
	sbuf_adds(out, "{text: ");
	emit_string(out, arg);
	sbuf_addch(out, '}');
}

static struct isms_error *action_fields(const char *text,
    struct field_text *out, size_t max, size_t *n);

/* The --action options as the text of one list field; each item is
 * checked for keys outside the action schema, so that a new review and a
 * planned one refuse the same typo the same way. */
static struct isms_error *action_items(const struct ctx *ctx,
    struct field_text *all)
{
	const struct field *f = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions");
	struct sbuf sb = SBUF_INIT;
	struct isms_error *err;
	bool any = false;

	memset(all, 0, sizeof(*all));
	sbuf_addch(&sb, '[');
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		if (strcmp(ctx->args.opt[i].name, "action") != 0)
			continue;
		if (any)
			sbuf_adds(&sb, ", ");
		action_text(&sb, ctx->args.opt[i].value);
		any = true;
	}
	sbuf_addch(&sb, ']');
	err = any ? field_text_from_arg(f, sb.buf, all) : NULL;
	sbuf_release(&sb);
	for (size_t k = 0; !err && k < all->nitems; k++) {
		struct field_text item[4];
		size_t n = 0;
		err = action_fields(all->items[k], item, ARRAY_SIZE(item), &n);
		while (n)
			field_text_release(&item[--n]);
	}
	if (err)
		field_text_release(all);
	return err;
}

/* One action's flow mapping as field texts of the action schema, so that
 * it is written in the style of the list it joins.  Keys outside the
 * schema are refused here, since a field text cannot carry them. */
static struct isms_error *action_fields(const char *text,
    struct field_text *out, size_t max, size_t *n)
{
	const struct schema *as = schema_field(coll_defs[COL_REVIEWS].schema,
	    "actions")->sub;
	struct ydoc *doc = NULL;
	struct isms_error *err;

	*n = 0;
	if ((err = ydoc_parse("--action", text, strlen(text), &doc)))
		return err;
	const struct ynode *map = doc->root;
	if (!map || map->kind != YN_MAP) {
		err = err_new(EXIT_USAGE, "--action: expected {text: ..., "
		    "owner: ..., due: ...}");
		goto out;
	}
	for (size_t i = 0; i < YN_PAIRS(map) && !err; i++) {
		const struct ynode *k = YN_KEY(map, i);
		const struct field *f = k->kind == YN_SCALAR ?
		    schema_field(as, k->str) : NULL;
		if (!f || *n == max) {
			err = err_new(EXIT_USAGE, "--action: unknown key '%s' "
			    "(text, owner, due, done)", k->kind == YN_SCALAR ?
			    k->str : "?");
			break;
		}
		struct sbuf sb = SBUF_INIT;
		emit_flow(&sb, YN_VAL(map, i));
		out[*n] = (struct field_text){ f, sbuf_detach(&sb, NULL), NULL,
			0 };
		(*n)++;
	}
out:
	ydoc_free(doc);
	return err;
}

/* Appends every --action to review id, each written in the style of the
 * list it joins. */
static struct isms_error *append_actions(struct session *s, const char *id,
    const struct field_text *actions)
{
	enum { MAXKEYS = 4 };
	size_t count = actions->nitems;
	struct field_text *ft = xcalloc(count * MAXKEYS, sizeof(*ft));
	struct record_text *items = xcalloc(count, sizeof(*items));
	struct isms_error *err = NULL;

	for (size_t k = 0; k < count && !err; k++) {
		items[k].fields = &ft[k * MAXKEYS];
		err = action_fields(actions->items[k], &ft[k * MAXKEYS], MAXKEYS,
		    &items[k].n);
	}
	if (!err)
		err = session_append(s, COL_REVIEWS, id, "actions", items, count);
	for (size_t k = 0; k < count * MAXKEYS; k++)
		field_text_release(&ft[k]);
	free(ft);
	free(items);
	return err;
}

/* record: a new review, held. */
static struct isms_error *record_new(struct ctx *ctx, const char *day,
    struct field_text *fields, size_t n, struct field_text *actions)
{
	const struct schema *s = coll_defs[COL_REVIEWS].schema;
	struct isms_error *err = NULL;
	char *id = NULL;

	if (actions->field) {
		fields = xrealloc(fields, (n + 1) * sizeof(*fields));
		fields[n++] = *actions;
		memset(actions, 0, sizeof(*actions));
	}
	if ((err = fields_put(&fields, &n, s, "status", "held")) ||
	    (err = fields_put(&fields, &n, s, "date", day)))
		goto out;
	err = rec_add_fields(ctx, COL_REVIEWS, fields, n, &id);
	if (!err && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
out:
	free(id);
	fields_release(fields, n);
	return err;
}

/* record ID: a planned (or held) review gets the fields given, is marked
 * held, and gains the actions.  A planned review is dated day (today
 * unless --date); one already held keeps its date unless --date is
 * given. */
static struct isms_error *record_existing(struct ctx *ctx, const char *id,
    const char *day, struct field_text *fields, size_t n,
    struct field_text *actions)
{
	struct session s;
	struct isms_error *err;

	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_REVIEWS)))
		goto out;
	const struct review *r = project_find(s.p, COL_REVIEWS, id);
	if (!r) {
		err = err_new(EXIT_USAGE, "no review with id '%s'", id);
		goto out;
	}
	bool held = rec_has(r, coll_defs[COL_REVIEWS].schema, "status") &&
	    r->status == MR_HELD;
	if ((!held || arg_get(ctx, "date")) &&
	    (err = fields_put(&fields, &n, coll_defs[COL_REVIEWS].schema,
	    "date", day)))
		goto out;
	for (size_t i = 0; i < n && !err; i++)
		err = session_set_text(&s, COL_REVIEWS, id, fields[i].field->name,
		    fields[i].text);
	if (!err)
		err = session_set(&s, COL_REVIEWS, id, "status", "held");
	if (!err && actions->nitems)
		err = append_actions(&s, id, actions);
	if (!err)
		err = session_commit(&s);
out:
	session_end(&s);
	fields_release(fields, n);
	return err;
}

static struct isms_error *review_record(struct ctx *ctx)
{
	const struct schema *s = coll_defs[COL_REVIEWS].schema;
	struct field_text *fields = NULL, actions;
	size_t n = 0;
	struct isms_error *err;
	char day[11];

	memset(&actions, 0, sizeof(actions));
	if ((err = pdca_date_opt(ctx, "date", day)))
		return err;
	if ((err = fields_from_opts(ctx, s, &fields, &n)))
		return err;
	for (size_t i = 0; i < n; i++)
		if (fields[i].field->flags & FF_ID) {
			field_text_release(&fields[i]);
			fields[i] = fields[--n];
			break;
		}
	if ((err = action_items(ctx, &actions))) {
		fields_release(fields, n);
		return err;
	}
	err = ctx->args.npos ?
	    record_existing(ctx, ctx->args.pos[0], day, fields, n, &actions) :
	    record_new(ctx, day, fields, n, &actions);
	field_text_release(&actions);
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ "overdue", 0, "only reviews with an overdue action" },
	{ NULL, 0, NULL },
};

static const struct optspec record_opts[] = {
	{ "action", OPT_ARG | OPT_MULTI,
	    "an action: '{text: ..., owner: ..., due: ...}' or text" },
	{ NULL, 0, NULL },
};

static const struct verb review_verbs[] = {
	{ "add", "--date D [--status planned] [--FIELD VALUE...]",
	    "add a review (planned or held); prints its id", NULL, rec_add_verb,
	    VERB_FIELDS, 0, 0, COL_REVIEWS, &review_view },
	{ "list", "[--status S] [--overdue] [--sort KEY]",
	    "list management reviews", list_opts, rec_list_verb, VERB_FIELDS, 0,
	    0, COL_REVIEWS, &review_view },
	PDCA_VERB_ROWS(review_view, COL_REVIEWS, "a review", "reviews"),
	{ "record", "[ID] [--date D] [--chair C] --attendee A... --input TEXT... "
	    "--decision TEXT... --action ACTION...",
	    "record a review as held: a new one, or the planned review ID",
	    record_opts, review_record, VERB_FIELDS, 0, 1, COL_REVIEWS, NULL },
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_review = {
	.name = "review",
	.summary = "management reviews, decisions and actions (9.3)",
	.flags = CMD_PROJECT,
	.verbs = review_verbs,
};
