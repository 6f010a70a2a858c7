/*
 * Shared register verbs.
 *
 * Reads go through ctx_load() (refusing a project with a fatal problem);
 * writes go through a session (lock, splice, revalidate, atomic replace).
 * Output is rendered from the records' own YAML nodes plus the view's
 * computed columns, so every format shows the same values.
 */
#include "cmd_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/csvread.h"
#include "isms/engine.h"
#include "isms/recout.h"

static const char *const common_names[] = { "format", "today", "output",
	"no-color", "quiet", "help", NULL };

bool opt_is_common(const char *name)
{
	return enum_index(common_names, name) >= 0;
}

static bool is_common(const char *name)
{
	return opt_is_common(name);
}

bool is_verb_opt(const struct ctx *ctx, const char *name)
{
	const struct optspec *o = ctx->verb ? ctx->verb->opts : NULL;
	for (size_t i = 0; o && o[i].name; i++)
		if (strcmp(o[i].name, name) == 0)
			return true;
	return false;
}

void fields_release(struct field_text *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field_text_release(&fields[i]);
	free(fields);
}

void fields_drop_id(struct field_text *fields, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		if (fields[i].field->flags & FF_ID) {
			field_text_release(&fields[i]);
			fields[i] = fields[--*n];
			return;
		}
}

static struct field_text *fields_find(struct field_text *fields, size_t n,
    const struct field *f)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i].field == f)
			return &fields[i];
	return NULL;
}

struct isms_error *fields_put(struct field_text **fields, size_t *n,
    const struct schema *s, const char *name, const char *value)
{
	const struct field *f = schema_field_arg(s, name);
	if (!f)
		return err_new(EXIT_USAGE, "no field '%s' in %s", name, s->name);
	struct field_text ft, *old;
	struct isms_error *err = field_text_from_arg(f, value, &ft);
	if (err)
		return err;
	if ((old = fields_find(*fields, *n, f))) {
		field_text_release(old);
		*old = ft;
		return NULL;
	}
	*fields = xrealloc(*fields, (*n + 1) * sizeof(**fields));
	(*fields)[(*n)++] = ft;
	return NULL;
}

struct isms_error *fields_from_opts(const struct ctx *ctx,
    const struct schema *s, struct field_text **fields, size_t *n)
{
	struct isms_error *err = NULL;
	*fields = NULL;
	*n = 0;
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (is_common(o->name) || is_verb_opt(ctx, o->name))
			continue;
		const struct field *f = schema_field_arg(s, o->name);
		if (!f) {
			if (ctx->verb && (ctx->verb->flags & VERB_ANYOPTS))
				continue;
			err = err_new(EXIT_USAGE, "unknown option '--%s'",
			    o->name);
			goto fail;
		}
		struct field_text *old = fields_find(*fields, *n, f);
		if (old && f->type == FT_LIST) {
			if ((err = field_text_append(old, o->value)))
				goto fail;
			continue;
		}
		if ((err = fields_put(fields, n, s, o->name, o->value)))
			goto fail;
	}
	return NULL;
fail:
	fields_release(*fields, *n);
	*fields = NULL;
	*n = 0;
	return err;
}

struct add_job {
	enum collection c;
	const struct field_text *fields;
	size_t n;
	const char *given;
	char *id;           /* of the last attempt */
};

static struct isms_error *add_edit(struct session *s, void *arg)
{
	struct add_job *j = arg;
	const struct coll_def *cd = &coll_defs[j->c];
	const char *newid = session_new_id(s, j->c, j->given);
	struct isms_error *err;

	free(j->id);
	j->id = NULL;
	if (!newid)
		return err_new(EXIT_USAGE, "%s add: --id is required", cd->noun);
	j->id = xstrdup(newid);
	/* The id goes first; an id the caller left in fields is dropped. */
	struct field_text *tmp = xcalloc(j->n + 1, sizeof(*tmp));
	size_t tn = 1;
	if (!(err = field_text_from_arg(schema_id_field(cd->schema), newid,
	    &tmp[0]))) {
		for (size_t i = 0; i < j->n; i++)
			if (j->fields[i].field != tmp[0].field)
				tmp[tn++] = j->fields[i];
		err = session_add(s, j->c, tmp, tn, newid);
		field_text_release(&tmp[0]);
	}
	free(tmp);
	return err;
}

struct isms_error *rec_add_fields(struct ctx *ctx, enum collection c,
    struct field_text *fields, size_t n, char **id)
{
	struct add_job j = { c, fields, n, arg_get(ctx, "id"), NULL };
	struct quick_edit q = { c, j.given, true, false };
	struct isms_error *err = session_run(ctx->root, ctx->g->today, &q,
	    add_edit, &j);

	*id = NULL;
	if (err)
		free(j.id);
	else
		*id = j.id;
	return err;
}

struct isms_error *rec_add(struct ctx *ctx, const struct view *v)
{
	struct field_text *fields = NULL;
	size_t n = 0;
	char *id = NULL;
	struct isms_error *err;
	const struct schema *s = coll_defs[v->coll].schema;

	if ((err = fields_from_opts(ctx, s, &fields, &n)))
		return err;
	fields_drop_id(fields, &n);
	err = rec_add_fields(ctx, v->coll, fields, n, &id);
	if (!err && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "%s\n", id);
	free(id);
	fields_release(fields, n);
	return err;
}

/* Cell text of a column for a record. */
static void cell_text(const struct view *v, const struct project *p,
    const struct column *col, const void *rec, struct sbuf *out)
{
	const struct schema *s = coll_defs[v->coll].schema;
	if (col->field) {
		const struct field *f = schema_field(s, col->field);
		if (f)
			recout_field_text(out, s, rec, f);
	} else if (col->cell) {
		col->cell(v, p, rec, out);
	}
}

/* Text of a sort key: a view column or any stored field. */
static bool sort_key_text(const struct view *v, const struct project *p,
    const char *key, const void *rec, struct sbuf *out)
{
	if (v->sort_key && v->sort_key(p, rec, key, out))
		return true;
	for (size_t i = 0; i < v->ncols; i++)
		if (strcmp(v->cols[i].name, key) == 0) {
			cell_text(v, p, &v->cols[i], rec, out);
			return true;
		}
	const struct schema *s = coll_defs[v->coll].schema;
	const struct field *f = schema_field_arg(s, key);
	if (!f)
		return false;
	recout_field_text(out, s, rec, f);
	return true;
}

struct sort_item {
	const void *rec;
	char *key;
	size_t order;
	bool desc;
};

static int sort_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;
	int c;
	double dx, dy;
	bool ex = !*x->key, ey = !*y->key;
	if (ex != ey)
		return ex ? 1 : -1; /* empty values last either way */
	if (parse_num(x->key, &dx) && parse_num(y->key, &dy))
		c = dx < dy ? -1 : dx > dy;
	else
		c = id_cmp(x->key, y->key);
	if (x->desc)
		c = -c;
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Stored-field filters: --type software, --owner CIO, --asset A-001. */
static bool field_filters_match(const struct ctx *ctx, const struct schema *s,
    const void *rec)
{
	for (size_t i = 0; i < ctx->args.nopt; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (!o->value || is_common(o->name) || strcmp(o->name, "sort") == 0)
			continue;
		const struct field *f = schema_field_arg(s, o->name);
		if (!f)
			continue;
		if (!rec_has_field(rec, s, f))
			return false;
		if (f->type == FT_LIST) {
			const struct strlist *l = FIELD_PTR(rec, f,
			    const struct strlist);
			bool hit = false;
			for (size_t k = 0; k < l->n && !hit; k++)
				hit = strcmp(l->v[k], o->value) == 0;
			if (!hit)
				return false;
			continue;
		}
		struct sbuf sb = SBUF_INIT;
		recout_field_text(&sb, s, rec, f);
		bool eq = strcmp(sb.buf, o->value) == 0;
		sbuf_release(&sb);
		if (!eq)
			return false;
	}
	return true;
}

static void records_yaml(struct sbuf *out, enum collection c,
    const void *const *recs, size_t n)
{
	const struct coll_def *cd = &coll_defs[c];
	sbuf_addf(out, "version: 1\n%s:%s\n", cd->name, n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		struct sbuf rec = SBUF_INIT;
		recout_yaml(&rec, cd->schema, recs[i]);
		for (char *line = rec.buf, *next; *line; line = next) {
			next = strchr(line, '\n');
			next = next ? next + 1 : line + strlen(line);
			sbuf_adds(out, "  ");
			sbuf_add(out, line, (size_t)(next - line));
		}
		sbuf_release(&rec);
		sbuf_settle(out);
	}
}

static void records_json(struct sbuf *out, const struct view *v,
    const struct project *p, const void *const *recs, size_t n)
{
	struct json_writer w;
	const struct schema *s = coll_defs[v->coll].schema;
	json_init(&w, out, true);
	json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		if (i + 2 < n)
			yn_prefetch(((const struct rec *)recs[i + 2])->node);
		json_begin_object(&w);
		recout_json_fields(&w, s, recs[i]);
		if (v->json_extra)
			v->json_extra(p, recs[i], &w);
		json_end_object(&w);
		sbuf_settle(out);
	}
	json_end_array(&w);
	json_release(&w);
}

static void records_table(struct sbuf *out, enum out_format fmt,
    const struct view *v, const struct project *p, const void *const *recs,
    size_t n)
{
	struct table *t = table_new();
	struct table_opts opts = { 48 };
	struct sbuf cell = SBUF_INIT;
	for (size_t c = 0; c < v->ncols; c++)
		table_add_col(t, v->cols[c].name,
		    v->cols[c].numeric ? ALIGN_RIGHT : ALIGN_LEFT,
		    v->cols[c].truncate ? TABLE_TRUNCATE : 0);
	for (size_t i = 0; i < n; i++) {
		table_row(t);
		for (size_t c = 0; c < v->ncols; c++) {
			sbuf_reset(&cell);
			cell_text(v, p, &v->cols[c], recs[i], &cell);
			table_cell(t, cell.buf);
		}
	}
	table_render(t, fmt, &opts, out);
	sbuf_release(&cell);
	table_free(t);
}

static struct isms_error *sort_records(const struct ctx *ctx,
    const struct view *v, const struct project *p, const void **recs,
    size_t n)
{
	const char *key = arg_get(ctx, "sort");
	if (!key)
		return NULL;
	bool desc = *key == '-';
	if (desc)
		key++;
	struct sort_item *items = xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		struct sbuf sb = SBUF_INIT;
		if (!sort_key_text(v, p, key, recs[i], &sb)) {
			sbuf_release(&sb);
			for (size_t k = 0; k < i; k++)
				free(items[k].key);
			free(items);
			return err_new(EXIT_USAGE, "--sort: no column or field '%s'",
			    key);
		}
		items[i] = (struct sort_item){ recs[i], sbuf_detach(&sb, NULL), i,
			desc };
	}
	qsort(items, n, sizeof(*items), sort_cmp);
	for (size_t i = 0; i < n; i++) {
		recs[i] = items[i].rec;
		free(items[i].key);
	}
	free(items);
	return NULL;
}

static void render_records(struct ctx *ctx, enum out_format fmt,
    const struct view *v, const struct project *p, const void **recs,
    size_t n)
{
	switch (fmt) {
	case FMT_JSON:
		records_json(&ctx->out, v, p, recs, n);
		break;
	case FMT_YAML:
		records_yaml(&ctx->out, v->coll, recs, n);
		break;
	default:
		records_table(&ctx->out, fmt, v, p, recs, n);
		break;
	}
}

struct isms_error *rec_list(struct ctx *ctx, const struct view *v)
{
	struct project *p = NULL;
	struct isms_error *err;
	enum out_format fmt;
	const void **recs = NULL;
	size_t n = 0;

	if ((err = ctx_format(ctx, FMT_LIST_FORMATS, FMT_TEXT, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	if (v->prepare && (err = v->prepare(ctx, p))) {
		project_free(p);
		return err;
	}
	const struct reclist *l = project_list(p, v->coll);
	const struct schema *s = coll_defs[v->coll].schema;
	recs = xcalloc(l->n ? l->n : 1, sizeof(*recs));
	for (size_t i = 0; i < l->n; i++) {
		if (!field_filters_match(ctx, s, l->v[i]))
			continue;
		if (v->filter && !v->filter(ctx, p, l->v[i]))
			continue;
		recs[n++] = l->v[i];
	}
	if (!(err = sort_records(ctx, v, p, recs, n)))
		render_records(ctx, fmt, v, p, recs, n);
	free(recs);
	project_free(p);
	return err;
}

static struct isms_error *find_record(const struct project *p,
    enum collection c, const char *id, const void **rec)
{
	*rec = project_find(p, c, id);
	if (!*rec)
		return err_new(EXIT_USAGE, "no %s with id '%s'",
		    coll_defs[c].noun, id);
	return NULL;
}

struct isms_error *rec_show(struct ctx *ctx, const struct view *v)
{
	struct project *p = NULL;
	struct isms_error *err;
	enum out_format fmt;
	const void *rec;
	const struct schema *s = coll_defs[v->coll].schema;

	if ((err = ctx_format(ctx, FMT_LIST_FORMATS, FMT_TEXT, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	if ((err = find_record(p, v->coll, ctx->args.pos[0], &rec)))
		goto out;
	if (fmt == FMT_JSON) {
		struct json_writer w;
		json_init(&w, &ctx->out, true);
		json_begin_object(&w);
		recout_json_fields(&w, s, rec);
		if (v->json_extra)
			v->json_extra(p, rec, &w);
		json_end_object(&w);
		json_release(&w);
	} else if (fmt == FMT_YAML) {
		recout_yaml(&ctx->out, s, rec);
	} else {
		struct detail *d = detail_new();
		struct sbuf sb = SBUF_INIT;
		for (size_t i = 0; i < s->nfields; i++) {
			if (!rec_has_field(rec, s, &s->fields[i]))
				continue;
			sbuf_reset(&sb);
			recout_field_text(&sb, s, rec, &s->fields[i]);
			detail_add(d, s->fields[i].name, sb.buf);
		}
		if (v->show_extra)
			v->show_extra(p, rec, d);
		detail_render(d, fmt, &ctx->out);
		sbuf_release(&sb);
		detail_free(d);
	}
out:
	project_free(p);
	return err;
}

/* Order of KEY=VALUE pairs: schema order, so that keys added to a record
 * in one command land in canonical order. */
struct set_pair {
	char *key;
	const char *value;
	size_t rank;
	size_t order;
};

static int set_pair_cmp(const void *a, const void *b)
{
	const struct set_pair *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static struct isms_error *parse_pairs(const struct ctx *ctx,
    const struct schema *s, struct set_pair *pairs, size_t *n)
{
	*n = 0;
	for (size_t i = 1; i < ctx->args.npos; i++) {
		const char *pair = ctx->args.pos[i];
		const char *eq = strchr(pair, '=');
		if (!eq || eq == pair)
			return err_new(EXIT_USAGE, "'%s' is not KEY=VALUE", pair);
		char *key = xstrndup(pair, (size_t)(eq - pair));
		for (char *k = key; *k && *k != '.'; k++)
			if (*k == '-')
				*k = '_';
		char *dot = strchr(key, '.');
		if (dot)
			*dot = '\0';
		const struct field *f = schema_field(s, key);
		if (dot)
			*dot = '.';
		pairs[(*n)++] = (struct set_pair){ key, eq + 1,
			f ? schema_field_index(s, f) : s->nfields, i };
	}
	qsort(pairs, *n, sizeof(*pairs), set_pair_cmp);
	return NULL;
}

struct set_job {
	struct ctx *ctx;
	const struct view *v;
	const struct set_pair *pairs;
	size_t n;
};

static struct isms_error *set_edit(struct session *s, void *arg)
{
	const struct set_job *j = arg;
	const char *id = j->ctx->args.pos[0];
	const void *rec = project_find(s->p, j->v->coll, id);
	struct isms_error *err = NULL;

	if (rec && j->v->set_check && (err = j->v->set_check(j->ctx, s, rec)))
		return err;
	for (size_t i = 0; i < j->n && !err; i++)
		err = *j->pairs[i].value ?
		    session_set(s, j->v->coll, id, j->pairs[i].key,
		    j->pairs[i].value) :
		    session_unset(s, j->v->coll, id, j->pairs[i].key);
	return err;
}

struct isms_error *rec_set(struct ctx *ctx, const struct view *v)
{
	struct isms_error *err;
	struct set_pair *pairs = xcalloc(ctx->args.npos, sizeof(*pairs));
	size_t n = 0;

	if (!(err = parse_pairs(ctx, coll_defs[v->coll].schema, pairs, &n))) {
		/* A view's own check may look anywhere in the project. */
		struct quick_edit q = { v->coll, ctx->args.pos[0], false, false };
		struct set_job j = { ctx, v, pairs, n };
		err = session_run(ctx->root, ctx->g->today,
		    v->set_check ? NULL : &q, set_edit, &j);
	}
	for (size_t i = 0; i < ctx->args.npos; i++)
		free(pairs[i].key);
	free(pairs);
	return err;
}

static struct isms_error *referenced_error(const struct project *p,
    enum collection c, const char *id, const struct referrer *refs, size_t n)
{
	struct sbuf sb = SBUF_INIT;
	for (size_t i = 0; i < n && i < 10; i++) {
		const struct coll_def *rd = &coll_defs[refs[i].coll];
		sbuf_addf(&sb, "%s%s %s (%s)", i ? ", " : "", rd->noun,
		    rec_id(refs[i].rec, rd->schema), refs[i].field);
	}
	if (n > 10)
		sbuf_addf(&sb, " and %zu more", n - 10);
	struct isms_error *e = err_new(EXIT_DATA,
	    "%s %s is still referenced by %s; remove those references first",
	    coll_defs[c].noun, id, sb.buf);
	sbuf_release(&sb);
	(void)p;
	return e;
}

struct rm_job {
	enum collection c;
	const char *id;
};

static struct isms_error *rm_edit(struct session *s, void *arg)
{
	const struct rm_job *j = arg;
	struct referrer *refs = NULL;
	struct isms_error *err;

	if (!project_find(s->p, j->c, j->id))
		return err_new(EXIT_USAGE, "no %s with id '%s'",
		    coll_defs[j->c].noun, j->id);
	size_t n = project_referrers(s->p, j->c, j->id, &refs);
	err = n ? referenced_error(s->p, j->c, j->id, refs, n) :
	    session_rm(s, j->c, j->id);
	free(refs);
	return err;
}

struct isms_error *rec_rm(struct ctx *ctx, const struct view *v)
{
	struct rm_job j = { v->coll, ctx->args.pos[0] };
	struct quick_edit q = { v->coll, j.id, false, true };
	return session_run(ctx->root, ctx->g->today, &q, rm_edit, &j);
}

struct isms_error *rec_export(struct ctx *ctx, const struct view *v)
{
	struct project *p = NULL;
	struct isms_error *err;
	enum out_format fmt;
	const struct schema *s = coll_defs[v->coll].schema;

	if ((err = ctx_format(ctx, FMT_BIT(FMT_CSV) | FMT_BIT(FMT_JSON) |
	    FMT_BIT(FMT_YAML) | FMT_BIT(FMT_MD), FMT_CSV, &fmt)))
		return err;
	if ((err = ctx_load(ctx, &p)))
		return err;
	const struct reclist *l = project_list(p, v->coll);
	if (fmt == FMT_JSON || fmt == FMT_YAML) {
		render_records(ctx, fmt, v, p, (const void **)l->v, l->n);
		project_free(p);
		return NULL;
	}
	/* Every stored field, lists joined with "; " as import reads them. */
	struct table *t = table_new();
	struct sbuf cell = SBUF_INIT;
	for (size_t i = 0; i < s->nfields; i++)
		table_add_col(t, s->fields[i].name, ALIGN_LEFT, 0);
	for (size_t r = 0; r < l->n; r++) {
		table_row(t);
		for (size_t i = 0; i < s->nfields; i++) {
			const struct field *f = &s->fields[i];
			sbuf_reset(&cell);
			if (f->type == FT_LIST && rec_has_field(l->v[r], s, f)) {
				const struct strlist *sl = FIELD_PTR(l->v[r], f,
				    const struct strlist);
				sbuf_join(&cell, sl->v, sl->n, "; ");
			} else {
				recout_field_text(&cell, s, l->v[r], f);
			}
			table_cell(t, cell.buf);
		}
	}
	table_render(t, fmt, NULL, &ctx->out);
	sbuf_release(&cell);
	table_free(t);
	project_free(p);
	return NULL;
}

/*
 * CSV import.  Each row is turned into the YAML text a hand edit would
 * add and checked on its own against the schema, the ids already present
 * and the other rows, so every bad row can be reported with its row
 * number; only when no row is bad is anything added, through one session
 * and one commit (all or nothing).
 */

static void row_error(struct sbuf *errs, const char *file, unsigned row,
    const char *fmt, ...) ISMS_PRINTF(4, 5);

static void row_error(struct sbuf *errs, const char *file, unsigned row,
    const char *fmt, ...)
{
	va_list ap;
	if (errs->len)
		sbuf_addch(errs, '\n');
	sbuf_addf(errs, "%s:%u: ", file, row);
	va_start(ap, fmt);
	sbuf_vaddf(errs, fmt, ap);
	va_end(ap);
}

static struct isms_error *list_from_cell(const struct field *f,
    const char *cell, struct field_text *out)
{
	/* "a; b" in a cell: items may themselves contain commas. */
	struct sbuf sb = SBUF_INIT;
	sbuf_addch(&sb, '[');
	const char *cur = cell, *p;
	size_t len;
	bool first = true;
	while (str_next_item(&cur, ';', &p, &len)) {
		char *item = xstrndup(p, len);
		if (!first)
			sbuf_adds(&sb, ", ");
		emit_string(&sb, item);
		free(item);
		first = false;
	}
	sbuf_addch(&sb, ']');
	memset(out, 0, sizeof(*out));
	out->field = f;
	out->text = sbuf_detach(&sb, NULL);
	return NULL;
}

/* Rating flags as the loader reads each rating field (project.c): a
 * risk's rating may leave the derivable factor out; a residual rating any
 * factor, and may carry sle and aro. */
static unsigned rating_flags(const struct field *f)
{
	return strcmp(f->name, "residual") == 0 ?
	    RATING_PARTIAL | RATING_QUANT : RATING_DERIVABLE;
}

static void check_row_schema(const struct schema *s, const struct method *m,
    struct import_row *r, const char *file, struct sbuf *errs)
{
	struct sbuf text = SBUF_INIT;
	struct ydoc *doc = NULL;
	struct arena arena = { 0 };
	struct diags d = DIAGS_INIT;
	emit_record_flow(&text, s, r->fields, r->n);
	struct isms_error *err = ydoc_parse(file, text.buf, text.len, &doc);
	if (err) {
		row_error(errs, file, r->row, "%s", err->msg);
		err_free(err);
		goto out;
	}
	struct load_ctx ctx = { file, &arena, &d };
	schema_load(s, doc->root, &ctx);
	for (size_t i = 0; m && i < s->nfields; i++) {
		const struct ynode *rn = yn_get(doc->root, s->fields[i].name);
		if (s->fields[i].type == FT_RATING && rn)
			method_rating(m, rn, file, rating_flags(&s->fields[i]),
			    NULL, &d);
	}
	for (size_t i = 0; i < d.n; i++)
		row_error(errs, file, r->row, "%s", d.v[i].msg);
out:
	diags_release(&d);
	arena_free(&arena);
	ydoc_free(doc);
	sbuf_release(&text);
}

static void check_row_refs(const struct project *p, enum collection c,
    const struct import_row *rows, size_t nrows, const struct import_row *r,
    const struct csvread *csv, const long *colmap, struct sbuf *errs)
{
	const struct schema *s = coll_defs[c].schema;
	const struct csvread_row *cr = NULL;
	for (size_t i = 1; i < csv->nrows; i++)
		if (csv->rows[i].row == r->row)
			cr = &csv->rows[i];
	for (size_t col = 0; cr && col < cr->nfields; col++) {
		if (colmap[col] < 0)
			continue;
		const struct field *f = &s->fields[colmap[col]];
		int target = f->ref ? coll_lookup(f->ref) : -1;
		if (target < 0)
			continue;
		const char *cur = csv_unneutralise_formula(cr->fields[col]);
		const char *item;
		size_t len;
		while (str_next_item(&cur, ';', &item, &len)) {
			char *tok = xstrndup(item, len);
			bool known = project_find(p, target, tok) != NULL;
			for (size_t k = 0; k < nrows && target == (int)c; k++)
				known |= str_eq(rows[k].id, tok);
			if (!known)
				row_error(errs, csv->name, r->row,
				    "%s '%s' does not exist", f->name, tok);
			free(tok);
		}
	}
}

static int row_id_cmp(const void *a, const void *b)
{
	const struct import_row *x = a, *y = b;
	return id_cmp(x->id, y->id);
}

/*
 * A column that gives one key of a rating field: "rating.likelihood" or
 * "residual_aro", or a bare factor name ("likelihood") when the record has
 * one rating field.  Returns the field and sets *key (caller frees).
 */
static const struct field *rating_column(const struct schema *s,
    const struct method *m, const char *name, char **key)
{
	const struct field *only = NULL;
	size_t nrating = 0;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		size_t len = strlen(f->name);
		if (f->type != FT_RATING)
			continue;
		nrating++;
		only = f;
		if (strncmp(name, f->name, len) == 0 &&
		    (name[len] == '.' || name[len] == '_') && name[len + 1]) {
			*key = xstrdup(name + len + 1);
			return f;
		}
	}
	if (nrating == 1 && m && method_factor_index(m, name) >= 0) {
		*key = xstrdup(name);
		return only;
	}
	return NULL;
}

static struct isms_error *map_header(const struct csvread *csv,
    const struct schema *s, const struct method *m, long *colmap,
    char **colkey)
{
	const struct csvread_row *h = &csv->rows[0];
	struct sbuf errs = SBUF_INIT;
	for (size_t i = 0; i < h->nfields; i++) {
		char *name = xstrdup(h->fields[i]);
		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		const struct field *f = schema_field_arg(s, name);
		if (!f)
			f = rating_column(s, m, name, &colkey[i]);
		colmap[i] = f ? (long)schema_field_index(s, f) : -1;
		if (!f) {
			char hint[96];
			row_error(&errs, csv->name, h->row,
			    "unknown column '%s'%s", h->fields[i],
			    schema_suggest(s, name, hint, sizeof(hint)));
		}
		for (size_t k = 0; f && k < i; k++)
			if (colmap[k] == colmap[i] && (!colkey[k] ||
			    !colkey[i] || strcmp(colkey[k], colkey[i]) == 0))
				row_error(&errs, csv->name, h->row,
				    "column '%s' appears twice", h->fields[i]);
		free(name);
	}
	if (!errs.len)
		return NULL;
	struct isms_error *e = err_new(EXIT_DATA, "%s", errs.buf);
	sbuf_release(&errs);
	return e;
}

/* The rating keys of a row, gathered per field into flow mappings. */
static void add_rating_maps(const struct schema *s, struct sbuf *maps,
    struct import_row *r, const char *file, struct sbuf *errs)
{
	for (size_t i = 0; i < s->nfields; i++) {
		if (!maps[i].len)
			continue;
		const struct field *f = &s->fields[i];
		bool whole = false;
		for (size_t k = 0; k < r->n; k++)
			whole |= r->fields[k].field == f;
		if (whole) {
			row_error(errs, file, r->row, "%s is given both as a "
			    "column and by its keys; use one or the other",
			    f->name);
			continue;
		}
		sbuf_addch(&maps[i], '}');
		r->fields[r->n++] = (struct field_text){ .field = f,
			.text = sbuf_detach(&maps[i], NULL) };
	}
}

static void build_row(const struct schema *s, const struct csvread *csv,
    size_t ri, const long *colmap, char *const *colkey, struct import_row *r,
    struct sbuf *errs)
{
	const struct csvread_row *cr = &csv->rows[ri];
	const struct csvread_row *h = &csv->rows[0];
	r->row = cr->row;
	if (cr->nfields != h->nfields) {
		row_error(errs, csv->name, cr->row,
		    "%zu fields where the header has %zu", cr->nfields,
		    h->nfields);
		return;
	}
	struct sbuf *maps = xcalloc(s->nfields, sizeof(*maps));
	for (size_t i = 0; i < s->nfields; i++)
		sbuf_init(&maps[i]);
	r->fields = xcalloc(cr->nfields + 1, sizeof(*r->fields));
	for (size_t c = 0; c < cr->nfields; c++) {
		const char *cell = csv_unneutralise_formula(cr->fields[c]);
		if (colmap[c] < 0 || !*cell)
			continue;
		const struct field *f = &s->fields[colmap[c]];
		if (colkey[c]) {
			struct sbuf *mb = &maps[colmap[c]];
			sbuf_adds(mb, mb->len ? ", " : "{");
			emit_string(mb, colkey[c]);
			sbuf_adds(mb, ": ");
			emit_scalar(mb, cell);
			continue;
		}
		struct isms_error *err = f->type == FT_LIST ?
		    list_from_cell(f, cell, &r->fields[r->n]) :
		    field_text_from_arg(f, cell, &r->fields[r->n]);
		if (err) {
			row_error(errs, csv->name, cr->row, "%s", err->msg);
			err_free(err);
			continue;
		}
		if (f->flags & FF_ID)
			r->id = xstrdup(cell);
		r->n++;
	}
	add_rating_maps(s, maps, r, csv->name, errs);
	for (size_t i = 0; i < s->nfields; i++)
		sbuf_release(&maps[i]);
	free(maps);
}

static void assign_ids(const struct project *p, enum collection c,
    struct import_row *rows, size_t n, struct sbuf *errs, const char *file)
{
	const struct coll_def *cd = &coll_defs[c];
	char *next = project_next_id(p, c);
	long num = 0;
	if (next)
		parse_int(next + strlen(cd->prefix), &num);
	free(next);
	for (size_t i = 0; i < n; i++) {
		struct import_row *r = &rows[i];
		if (r->id) {
			long v;
			if (strncmp(r->id, cd->prefix, strlen(cd->prefix)) == 0 &&
			    *cd->prefix && parse_int(r->id + strlen(cd->prefix), &v) &&
			    v >= num)
				num = v + 1;
			continue;
		}
		if (!*cd->prefix) {
			row_error(errs, file, r->row, "no id given");
			continue;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct import_row *r = &rows[i];
		if (r->id || !*cd->prefix)
			continue;
		r->id = xasprintf("%s%03ld", cd->prefix, num++);
		r->fields[r->n] = (struct field_text){ 0 };
		field_text_from_arg(schema_id_field(cd->schema), r->id,
		    &r->fields[r->n]);
		r->n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].id)
			continue;
		if (project_find(p, c, rows[i].id))
			row_error(errs, file, rows[i].row,
			    "%s %s already exists", cd->noun, rows[i].id);
		for (size_t k = 0; k < i; k++)
			if (rows[k].id && strcmp(rows[k].id, rows[i].id) == 0)
				row_error(errs, file, rows[i].row,
				    "id %s is also on an earlier row",
				    rows[i].id);
	}
}

struct isms_error *import_validate(const struct project *p,
    enum collection coll, const struct csvread *csv,
    struct import_batch *b)
{
	const struct coll_def *cd = &coll_defs[coll];
	struct sbuf errs = SBUF_INIT;
	struct isms_error *err = NULL;

	memset(b, 0, sizeof(*b));
	if (csv->nrows == 0)
		return err_at(EXIT_DATA, csv->name, 0, 0, "no header row");
	b->ncols = csv->rows[0].nfields;
	b->colmap = xcalloc(b->ncols + 1, sizeof(*b->colmap));
	b->colkey = xcalloc(b->ncols + 1, sizeof(*b->colkey));
	/* The methodology says which columns are rating factors. */
	if ((err = map_header(csv, cd->schema, p->method, b->colmap,
	    b->colkey)))
		return err;
	b->n = csv->nrows - 1;
	b->rows = xcalloc(b->n ? b->n : 1, sizeof(*b->rows));
	for (size_t i = 0; i < b->n; i++)
		build_row(cd->schema, csv, i + 1, b->colmap, b->colkey,
		    &b->rows[i], &errs);
	if (!errs.len)
		assign_ids(p, coll, b->rows, b->n, &errs, csv->name);
	for (size_t i = 0; i < b->n && b->rows[i].fields; i++) {
		check_row_schema(cd->schema, p->method, &b->rows[i], csv->name,
		    &errs);
		check_row_refs(p, coll, b->rows, b->n, &b->rows[i], csv,
		    b->colmap, &errs);
	}
	if (errs.len)
		err = err_new(EXIT_DATA, "%s", errs.buf);
	else
		qsort(b->rows, b->n, sizeof(*b->rows), row_id_cmp);
	sbuf_release(&errs);
	return err;
}

void import_batch_release(struct import_batch *b)
{
	for (size_t i = 0; i < b->n && b->rows; i++) {
		fields_release(b->rows[i].fields, b->rows[i].n);
		free(b->rows[i].id);
	}
	free(b->rows);
	free(b->colmap);
	for (size_t i = 0; b->colkey && i < b->ncols; i++)
		free(b->colkey[i]);
	free(b->colkey);
	memset(b, 0, sizeof(*b));
}

struct isms_error *rec_import(struct ctx *ctx, const struct view *v)
{
	const struct coll_def *cd = &coll_defs[v->coll];
	struct csvread *csv = NULL;
	struct session s;
	struct isms_error *err = NULL;
	struct import_batch b = { 0 };
	const char *path = ctx->args.pos[0];

	memset(&s, 0, sizeof(s));
	s.lock.fd = -1;
	if ((err = csvread_file(path, path, 0, &csv)))
		goto out;
	if (csv->nrows == 0) {
		err = err_at(EXIT_DATA, path, 0, 0, "no header row");
		goto out;
	}
	if ((err = session_begin_editing(&s, ctx->root, ctx->g->today,
	    1u << coll_defs[v->coll].file)))
		goto out;
	if ((err = import_validate(s.p, v->coll, csv, &b)))
		goto out;
	for (size_t i = 0; i < b.n && !err; i++)
		err = session_add(&s, v->coll, b.rows[i].fields, b.rows[i].n,
		    b.rows[i].id);
	if (!err)
		err = session_commit(&s);
	if (!err && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "imported %zu %s\n", b.n,
		    b.n == 1 ? cd->noun : cd->name);
out:
	import_batch_release(&b);
	session_end(&s);
	csvread_free(csv);
	return err;
}

#define VERB_OF(name) \
	struct isms_error *rec_##name##_verb(struct ctx *ctx) \
	{ \
		return rec_##name(ctx, ctx->verb->view); \
	}

VERB_OF(add)
VERB_OF(list)
VERB_OF(show)
VERB_OF(set)
VERB_OF(rm)
VERB_OF(import)
VERB_OF(export)
