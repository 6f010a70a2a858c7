/*
 * isms scope: context and scope of the ISMS (clauses 4.1-4.3).
 *
 * scope.yaml holds the scope statement and five lists; each list has the
 * usual add/list/show/set/rm verbs under its own noun (isms scope issue add
 * ...), built on the shared register verbs.  `show` prints the whole
 * context as one document.
 */
#include <string.h>

#include "cmd_common.h"
#include "isms/emit.h"
#include "isms/recout.h"

static const struct column issue_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "kind", "kind", NULL, false, false },
	{ "text", "text", NULL, false, true },
};
static const struct column party_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "name", "name", NULL, false, true },
	{ "requirements", "requirements", NULL, false, true },
};
static const struct column boundary_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "kind", "kind", NULL, false, false },
	{ "name", "name", NULL, false, true },
	{ "description", "description", NULL, false, true },
};
static const struct column interface_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "name", "name", NULL, false, true },
	{ "direction", "direction", NULL, false, false },
	{ "description", "description", NULL, false, true },
};
static const struct column exclusion_cols[] = {
	{ "id", "id", NULL, false, false },
	{ "name", "name", NULL, false, true },
	{ "reason", "reason", NULL, false, true },
};

#define VIEW(c, columns) \
	{ .coll = c, .cols = columns, .ncols = ARRAY_SIZE(columns) }

static const struct view scope_views[] = {
	VIEW(COL_ISSUES, issue_cols),
	VIEW(COL_PARTIES, party_cols),
	VIEW(COL_BOUNDARIES, boundary_cols),
	VIEW(COL_INTERFACES, interface_cols),
	VIEW(COL_EXCLUSIONS, exclusion_cols),
};

static const char *const section_titles[] = {
	"Internal and external issues (4.1)",
	"Interested parties and their requirements (4.2)",
	"Boundaries (4.3)",
	"Interfaces and dependencies (4.3 c)",
	"Exclusions",
};

static void show_json(struct sbuf *out, const struct project *p)
{
	struct json_writer w;
	json_init(&w, out, true);
	json_begin_object(&w);
	json_kv_string(&w, "statement", p->scope->statement ?
	    p->scope->statement : "");
	for (size_t v = 0; v < ARRAY_SIZE(scope_views); v++) {
		enum collection c = scope_views[v].coll;
		const struct reclist *l = project_list(p, c);
		json_key(&w, coll_defs[c].name);
		json_begin_array(&w);
		for (size_t i = 0; i < l->n; i++) {
			json_begin_object(&w);
			recout_json_fields(&w, coll_defs[c].schema, l->v[i]);
			json_end_object(&w);
		}
		json_end_array(&w);
	}
	json_end_object(&w);
	json_release(&w);
}

static void show_tables(struct sbuf *out, enum out_format fmt,
    const struct project *p)
{
	const char *org = p->config->organization;
	bool md = fmt == FMT_MD;
	sbuf_addf(out, "%sScope of the ISMS%s%s\n\n", md ? "# " : "",
	    org ? " of " : "", org ? org : "");
	sbuf_addf(out, "%s\n", p->scope->statement && *p->scope->statement ?
	    p->scope->statement : "(no scope statement yet: isms scope set "
	    "statement TEXT)");
	struct sbuf cell = SBUF_INIT;
	for (size_t v = 0; v < ARRAY_SIZE(scope_views); v++) {
		const struct view *vw = &scope_views[v];
		const struct reclist *l = project_list(p, vw->coll);
		struct table *t = table_new();
		struct table_opts opts = { 60 };
		sbuf_addf(out, "\n%s%s\n\n", md ? "## " : "", section_titles[v]);
		for (size_t c = 0; c < vw->ncols; c++)
			table_add_col(t, vw->cols[c].name, ALIGN_LEFT,
			    vw->cols[c].truncate ? TABLE_TRUNCATE : 0);
		for (size_t i = 0; i < l->n; i++) {
			table_row(t);
			for (size_t c = 0; c < vw->ncols; c++) {
				sbuf_reset(&cell);
				recout_field_text(&cell, coll_defs[vw->coll].schema,
				    l->v[i], schema_field(coll_defs[vw->coll].schema,
				    vw->cols[c].field));
				table_cell(t, cell.buf);
			}
		}
		table_render(t, fmt, &opts, out);
		table_free(t);
	}
	sbuf_release(&cell);
}

static struct isms_error *scope_show(struct ctx *ctx)
{
	struct project *p = NULL;
	enum out_format fmt;
	struct isms_error *err = ctx_format(ctx, FMT_BIT(FMT_TEXT) |
	    FMT_BIT(FMT_JSON) | FMT_BIT(FMT_MD), FMT_TEXT, &fmt);
	if (err || (err = ctx_load(ctx, &p)))
		return err;
	if (fmt == FMT_JSON)
		show_json(&ctx->out, p);
	else
		show_tables(&ctx->out, fmt, p);
	project_free(p);
	return NULL;
}

static struct isms_error *scope_set(struct ctx *ctx)
{
	struct session s;
	struct isms_error *err;
	struct sbuf text = SBUF_INIT;

	if (strcmp(ctx->args.pos[0], "statement") != 0)
		return err_new(EXIT_USAGE,
		    "scope set: only 'statement' can be set; lists have their "
		    "own verbs (isms scope issue add ...)");
	emit_string(&text, ctx->args.pos[1]);
	if (!(err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << REG_SCOPE)) &&
	    !(err = session_set_top(&s, REG_SCOPE, "statement", text.buf)))
		err = session_commit(&s);
	session_end(&s);
	sbuf_release(&text);
	return err;
}

/* isms scope NOUN VERB ...: shift the sub-verb off the arguments. */
static struct isms_error *scope_list_verb(struct ctx *ctx)
{
	const struct view *v = ctx->verb->view;
	const char *sub = ctx->args.pos[0];
	struct isms_error *(*fn)(struct ctx *, const struct view *) = NULL;
	size_t want_min = 0, want_max = 0;

	if (strcmp(sub, "add") == 0)
		fn = rec_add;
	else if (strcmp(sub, "list") == 0)
		fn = rec_list;
	else if (strcmp(sub, "show") == 0)
		fn = rec_show, want_min = want_max = 1;
	else if (strcmp(sub, "set") == 0)
		fn = rec_set, want_min = 2, want_max = (size_t)-1;
	else if (strcmp(sub, "rm") == 0)
		fn = rec_rm, want_min = want_max = 1;
	else if (strcmp(sub, "import") == 0)
		fn = rec_import, want_min = want_max = 1;
	else if (strcmp(sub, "export") == 0)
		fn = rec_export;
	if (!fn)
		return err_new(EXIT_USAGE, "scope %s: no verb '%s' (add, list, "
		    "show, set, rm, import, export)", ctx->verb->name, sub);
	ctx->args.pos++;
	ctx->args.npos--;
	struct isms_error *err = NULL;
	if (ctx->args.npos < want_min || ctx->args.npos > want_max)
		err = err_new(EXIT_USAGE, "scope %s %s: wrong number of "
		    "arguments; see 'isms help scope %s'", ctx->verb->name, sub,
		    ctx->verb->name);
	else
		err = fn(ctx, v);
	ctx->args.pos--;
	ctx->args.npos++;
	return err;
}

static const struct optspec list_opts[] = {
	LIST_OPTS,
	{ NULL, 0, NULL },
};

#define SUBVERB(noun, coll, view, what) \
	{ noun, "add --FIELD VALUE... | list | show ID | set ID KEY=VALUE... " \
	    "| rm ID | import FILE.csv | export", what, list_opts, \
	    scope_list_verb, VERB_FIELDS, 1, -1, coll, &view }

static const struct verb scope_verbs[] = {
	{ "show", "[--format text|md|json]",
	    "the scope statement and the whole context", NULL, scope_show, 0,
	    0, 0, COL_ISSUES, NULL },
	{ "set", "statement TEXT", "set the scope statement (4.3)", NULL,
	    scope_set, 0, 2, 2, COL_ISSUES, NULL },
	SUBVERB("issue", COL_ISSUES, scope_views[0],
	    "internal and external issues (4.1)"),
	SUBVERB("party", COL_PARTIES, scope_views[1],
	    "interested parties and their requirements (4.2)"),
	SUBVERB("boundary", COL_BOUNDARIES, scope_views[2],
	    "units, locations, processes and systems in scope (4.3)"),
	SUBVERB("interface", COL_INTERFACES, scope_views[3],
	    "interfaces and dependencies on activities outside (4.3 c)"),
	SUBVERB("exclusion", COL_EXCLUSIONS, scope_views[4],
	    "what is excluded from the scope, with the reason"),
	{ NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, NULL },
};

const struct command cmd_scope = {
	.name = "scope",
	.summary = "context, interested parties and scope (4.1-4.3)",
	.flags = CMD_PROJECT,
	.verbs = scope_verbs,
};
