/*
 * The schema-driven loader.
 *
 * schema_load() walks one YAML mapping against a schema table, storing each
 * value into the typed struct at the field's offset.  It never stops early:
 * an unknown key, a wrong type or a bad date is recorded as a fatal
 * diagnostic and the walk goes on, so `isms check` can list every problem in
 * one pass.  Scalars are interpreted only here, by the type the schema asks
 * for: an id written `5.10` is the text "5.10", never the number 5.1.
 */
#include "isms/schema.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/date.h"
#include "isms/idmap.h"

/* Numbers beyond this are refused: no register needs them and they would
 * lose precision in sums and in JSON consumers. */
#define NUM_LIMIT 1e15

const struct field *schema_field(const struct schema *s, const char *name)
{
	/* The first byte rules out most fields without a call. */
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].name[0] == name[0] &&
		    strcmp(s->fields[i].name, name) == 0)
			return &s->fields[i];
	return NULL;
}

const struct field *schema_field_arg(const struct schema *s, const char *name)
{
	char buf[64];
	size_t n = strlen(name);
	if (n >= sizeof(buf))
		return NULL;
	for (size_t i = 0; i <= n; i++)
		buf[i] = name[i] == '-' ? '_' : name[i];
	const struct field *f = schema_field(s, buf);
	if (f)
		return f;
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].singular &&
		    strcmp(s->fields[i].singular, name) == 0)
			return &s->fields[i];
	return NULL;
}

size_t schema_field_index(const struct schema *s, const struct field *f)
{
	return (size_t)(f - s->fields);
}

const struct field *schema_id_field(const struct schema *s)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i].flags & FF_ID)
			return &s->fields[i];
	return NULL;
}

bool rec_has_field(const void *rec, const struct schema *s,
    const struct field *f)
{
	const struct rec *r = rec;
	return r && (r->present >> schema_field_index(s, f) & 1);
}

bool rec_has(const void *rec, const struct schema *s, const char *name)
{
	const struct field *f = schema_field(s, name);
	return f && rec_has_field(rec, s, f);
}

const char *rec_id(const void *rec, const struct schema *s)
{
	const struct field *f = schema_id_field(s);
	if (!f || !rec_has_field(rec, s, f))
		return NULL;
	return *FIELD_PTR(rec, f, const char *);
}

const struct ynode *rec_node(const void *rec, const char *name)
{
	const struct rec *r = rec;
	const struct ynode *v = yn_get(r->node, name);
	return v ? v : r->node;
}

const struct ynode *rec_item_node(const void *rec, const char *name,
    size_t k)
{
	const struct ynode *list = rec_node(rec, name);
	if (list->kind == YN_SEQ && k < list->n)
		return list->kids[k];
	return list;
}

const char *schema_suggest(const struct schema *s, const char *key,
    char *buf, size_t size)
{
	struct closest c;
	closest_init(&c, key);
	for (size_t i = 0; i < s->nfields; i++)
		closest_try(&c, s->fields[i].name);
	if (!c.best) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, size, " (did you mean '%s'?)", c.best);
	return buf;
}

bool scalar_is_null(const struct ynode *n)
{
	return yn_is_null(n);
}

bool scalar_bool(const struct ynode *n, bool *out)
{
	if (!n || n->kind != YN_SCALAR || n->style != YS_PLAIN)
		return false;
	/* Asked of every scalar a JSON record holds: the first letter rules
	 * out nearly all. */
	char c = n->str[0];
	if (c != 't' && c != 'T' && c != 'f' && c != 'F')
		return false;
	if (!strcmp(n->str, "true") || !strcmp(n->str, "True") ||
	    !strcmp(n->str, "TRUE")) {
		*out = true;
		return true;
	}
	if (!strcmp(n->str, "false") || !strcmp(n->str, "False") ||
	    !strcmp(n->str, "FALSE")) {
		*out = false;
		return true;
	}
	return false;
}

bool parse_num(const char *s, double *out)
{
	char *end;
	/* A whole number of up to 15 digits, most of what a register holds,
	 * is exact in a double and below NUM_LIMIT: strtod would read the
	 * same value. */
	const char *d = s + (*s == '-' || *s == '+');
	long long whole = 0;
	size_t nd = 0;
	while (nd < 16 && d[nd] >= '0' && d[nd] <= '9')
		whole = whole * 10 + (d[nd++] - '0');
	if (nd && nd <= 15 && !d[nd]) {
		*out = *s == '-' ? -(double)whole : (double)whole;
		return true;
	}
	if (!*s || strchr(" \t\n", *s))
		return false;
	/* Only decimal notation: no hex, inf or nan spellings. */
	for (const char *p = s; *p; p++)
		if (!strchr("0123456789+-.eE_", *p))
			return false;
	if (strchr(s, '_'))
		return false;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v) || fabs(v) > NUM_LIMIT)
		return false;
	*out = v;
	return true;
}

bool parse_int(const char *s, long *out)
{
	double v;
	if (!parse_num(s, &v) || v != floor(v) || strpbrk(s, ".eE"))
		return false;
	*out = (long)v;
	return true;
}

bool scalar_num(const struct ynode *n, double *out)
{
	return n && n->kind == YN_SCALAR && n->style == YS_PLAIN &&
	    parse_num(n->str, out);
}

bool scalar_int(const struct ynode *n, long *out)
{
	return n && n->kind == YN_SCALAR && n->style == YS_PLAIN &&
	    parse_int(n->str, out);
}

int enum_index(const char *const *values, const char *s)
{
	for (int i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return i;
	return -1;
}

void enum_describe(const char *const *values, struct sbuf *out)
{
	for (size_t i = 0; values[i]; i++) {
		if (i)
			sbuf_adds(out, values[i + 1] ? ", " : " or ");
		sbuf_adds(out, values[i]);
	}
}

static void type_error(struct load_ctx *ctx, const struct field *f,
    const struct ynode *val, const char *want)
{
	if (val->kind == YN_SCALAR && !yn_is_null(val))
		diag_fatal(ctx->diags, "wrong-type", ctx->file, val,
		    "%s: expected %s, found '%.60s'", f->name, want, val->str);
	else
		diag_fatal(ctx->diags, "wrong-type", ctx->file, val,
		    "%s: expected %s, found %s", f->name, want,
		    yn_kind_name(val));
}

/* A scalar that holds text: quoted, block, or plain but not null. */
static bool text_scalar(const struct ynode *v)
{
	return v->kind == YN_SCALAR && !yn_is_null(v);
}

static bool load_text(const struct field *f, const struct ynode *v,
    void *rec, struct load_ctx *ctx)
{
	if (!text_scalar(v)) {
		type_error(ctx, f, v, f->type == FT_TEXT ? "text" : "a string");
		return false;
	}
	if (f->type == FT_STR && strpbrk(v->str, "\n\r")) {
		diag_fatal(ctx->diags, "wrong-type", ctx->file, v,
		    "%s: must be a single line", f->name);
		return false;
	}
	if ((f->flags & FF_ID) && (!v->len || strspn(v->str, " \t") ||
	    v->str[v->len - 1] == ' ')) {
		diag_fatal(ctx->diags, "bad-value", ctx->file, v,
		    "%s: an id must not be empty or padded with spaces",
		    f->name);
		return false;
	}
	*FIELD_PTR(rec, f, const char *) = v->str;
	return true;
}

static bool load_enum(const struct field *f, const struct ynode *v,
    void *rec, struct load_ctx *ctx)
{
	if (!text_scalar(v)) {
		type_error(ctx, f, v, "one of the listed values");
		return false;
	}
	int i = enum_index(f->values, v->str);
	if (i < 0) {
		struct sbuf sb = SBUF_INIT;
		enum_describe(f->values, &sb);
		diag_fatal(ctx->diags, "bad-value", ctx->file, v,
		    "%s: '%.60s' is not one of %s", f->name, v->str, sb.buf);
		sbuf_release(&sb);
		return false;
	}
	*FIELD_PTR(rec, f, int) = i;
	return true;
}

static bool load_list(const struct field *f, const struct ynode *v,
    void *rec, struct load_ctx *ctx)
{
	if (v->kind != YN_SEQ) {
		type_error(ctx, f, v, "a list");
		return false;
	}
	struct strlist *l = FIELD_PTR(rec, f, struct strlist);
	l->v = arena_alloc(ctx->arena, (v->n ? v->n : 1) * sizeof(*l->v));
	l->n = 0;
	bool ok = true;
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *it = v->kids[i];
		if (!text_scalar(it) || strpbrk(it->str, "\n\r")) {
			diag_fatal(ctx->diags, "wrong-type", ctx->file, it,
			    "%s: each item must be a one-line string, found %s",
			    f->name, yn_kind_name(it));
			ok = false;
			continue;
		}
		if (f->values && enum_index(f->values, it->str) < 0) {
			struct sbuf sb = SBUF_INIT;
			enum_describe(f->values, &sb);
			diag_fatal(ctx->diags, "bad-value", ctx->file, it,
			    "%s: '%.60s' is not one of %s", f->name, it->str,
			    sb.buf);
			sbuf_release(&sb);
			ok = false;
			continue;
		}
		l->v[l->n++] = it->str;
	}
	return ok;
}

static bool load_reclist(const struct field *f, const struct ynode *v,
    void *rec, struct load_ctx *ctx)
{
	if (v->kind != YN_SEQ) {
		type_error(ctx, f, v, "a list");
		return false;
	}
	struct reclist *l = FIELD_PTR(rec, f, struct reclist);
	l->v = arena_alloc(ctx->arena, (v->n ? v->n : 1) * sizeof(*l->v));
	l->n = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct ynode *it = v->kids[i];
		if (i + 2 < v->n)
			yn_prefetch(v->kids[i + 2]);
		if (yn_is_stub(it) && ((const struct ystub *)it)->rec) {
			/* Loaded while the file streamed (yaml.h). */
			struct rec *r = ((const struct ystub *)it)->rec;
			r->index = l->n;
			l->v[l->n++] = r;
			continue;
		}
		if (it->kind != YN_MAP) {
			diag_fatal(ctx->diags, "wrong-type", ctx->file, it,
			    "%s: each item must be a mapping (a %s), found %s",
			    f->name, f->sub->name, yn_kind_name(it));
			continue;
		}
		struct rec *r = schema_load(f->sub, it, ctx);
		r->index = l->n;
		l->v[l->n++] = r;
	}
	return true;
}

bool schema_load_field(const struct field *f, const struct ynode *v,
    void *rec, struct load_ctx *ctx)
{
	long iv;
	double dv;
	bool bv;

	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
		return load_text(f, v, rec, ctx);
	case FT_INT:
		if (!scalar_int(v, &iv)) {
			type_error(ctx, f, v, "a whole number");
			return false;
		}
		*FIELD_PTR(rec, f, long) = iv;
		return true;
	case FT_NUM:
		if (!scalar_num(v, &dv)) {
			type_error(ctx, f, v, "a number");
			return false;
		}
		*FIELD_PTR(rec, f, double) = dv;
		return true;
	case FT_BOOL:
		if (!scalar_bool(v, &bv)) {
			type_error(ctx, f, v, "true or false");
			return false;
		}
		*FIELD_PTR(rec, f, bool) = bv;
		return true;
	case FT_DATE:
		if (!text_scalar(v) || !date_parse(v->str, &iv)) {
			if (text_scalar(v))
				diag_fatal(ctx->diags, "bad-date", ctx->file, v,
				    "%s: '%.60s' is not a date (YYYY-MM-DD)",
				    f->name, v->str);
			else
				type_error(ctx, f, v, "a date (YYYY-MM-DD)");
			return false;
		}
		*FIELD_PTR(rec, f, long) = iv;
		return true;
	case FT_ENUM:
		return load_enum(f, v, rec, ctx);
	case FT_LIST:
		return load_list(f, v, rec, ctx);
	case FT_MAP:
		if (v->kind != YN_MAP) {
			type_error(ctx, f, v, "a mapping");
			return false;
		}
		*FIELD_PTR(rec, f, void *) = schema_load(f->sub, v, ctx);
		return true;
	case FT_RECLIST:
		return load_reclist(f, v, rec, ctx);
	case FT_RATING:
		if (v->kind != YN_MAP) {
			type_error(ctx, f, v, "a mapping of factors");
			return false;
		}
		*FIELD_PTR(rec, f, const struct ynode *) = v;
		return true;
	case FT_NODE:
		*FIELD_PTR(rec, f, const struct ynode *) = v;
		return true;
	}
	return false;
}

static const char *keep_text(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void persist_nested(const struct schema *s, void *rec,
    const struct persist *to, const struct ystub *parent, const char *key,
    uint32_t index)
{
	struct rec *r = rec;
	schema_persist(s, rec, to, ystub_nested(to->arena, parent, r->node, key,
	    index));
}

/* The item of seq that rec was read from, counted from *from on. */
static uint32_t item_of(const struct ynode *seq, const void *rec, size_t *from)
{
	const struct ynode *node = ((const struct rec *)rec)->node;
	for (; seq && *from < seq->n; (*from)++)
		if (seq->kids[*from] == node)
			return (uint32_t)(*from)++;
	return YSTUB_NO_INDEX;
}

void schema_persist(const struct schema *s, void *rec,
    const struct persist *to, struct ystub *st)
{
	struct arena *a = to->arena;
	struct rec *r = rec;
	const struct ynode *map = r->node;

	r->node = &st->n;
	/* Every pointer a field may hold, given or not: a list whose items
	 * were partly bad is kept but not marked present. */
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		switch (f->type) {
		case FT_STR:
		case FT_TEXT: {
			const char **v = FIELD_PTR(rec, f, const char *);
			*v = keep_text(a, *v);
			break;
		}
		case FT_LIST: {
			struct strlist *l = FIELD_PTR(rec, f, struct strlist);
			for (size_t k = 0; k < l->n; k++)
				l->v[k] = keep_text(a, l->v[k]);
			break;
		}
		case FT_MAP: {
			void *sub = *FIELD_PTR(rec, f, void *);
			if (sub)
				persist_nested(f->sub, sub, to, st, f->name,
				    YSTUB_NO_INDEX);
			break;
		}
		case FT_RECLIST: {
			struct reclist *l = FIELD_PTR(rec, f, struct reclist);
			const struct ynode *seq = yn_get(map, f->name);
			size_t from = 0;
			for (size_t k = 0; k < l->n; k++)
				persist_nested(f->sub, l->v[k], to, st, f->name,
				    item_of(seq, l->v[k], &from));
			break;
		}
		case FT_RATING:
		case FT_NODE: {
			const struct ynode **v = FIELD_PTR(rec, f,
			    const struct ynode *);
			if (*v)
				*v = yn_copy(a, *v, f->type == FT_RATING ?
				    to->shared : NULL);
			break;
		}
		default:
			break;
		}
	}
}

static void unknown_key(const struct schema *s, const struct ynode *k,
    struct load_ctx *ctx)
{
	char hint[96];
	diag_fatal(ctx->diags, "unknown-key", ctx->file, k,
	    "unknown key '%.60s' in %s%s", k->str, s->name,
	    schema_suggest(s, k->str, hint, sizeof(hint)));
}

/*
 * This runs once per record of every register, so it avoids rescanning the
 * mapping and allocating per record: `seen` has bit i set once a key naming
 * fields[i] has been met, which answers both "is this key a duplicate" and
 * "is this required field present" without a string compare.  Unknown keys
 * (rare, but a hostile file may hold many) go into a hash table made only
 * when the first one appears, so duplicates are found in linear time in a
 * mapping of any size.
 */
void *schema_load(const struct schema *s, const struct ynode *map,
    struct load_ctx *ctx)
{
	struct rec *r = arena_alloc(ctx->arena, s->size);
	uint64_t seen = 0;
	struct idmap unknown = { 0 };
	r->node = map;
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i), *v = YN_VAL(map, i);
		if (k->kind != YN_SCALAR) {
			diag_fatal(ctx->diags, "wrong-type", ctx->file, k,
			    "keys must be plain names, found %s",
			    yn_kind_name(k));
			continue;
		}
		const struct field *f = schema_field(s, k->str);
		uint64_t bit = f ? (uint64_t)1 << schema_field_index(s, f) : 0;
		bool dup = f ? (seen & bit) != 0 :
		    idmap_put(&unknown, k->str, (void *)k) != NULL;
		seen |= bit;
		if (dup) {
			diag_fatal(ctx->diags, "duplicate-key", ctx->file, k,
			    "key '%.60s' appears twice in this %s", k->str,
			    s->name);
			continue;
		}
		if (!f) {
			unknown_key(s, k, ctx);
			continue;
		}
		/* An explicit null means "not given" for optional fields. */
		if (yn_is_null(v) && !(f->flags & FF_REQUIRED))
			continue;
		if (schema_load_field(f, v, r, ctx))
			r->present |= (uint64_t)1 << schema_field_index(s, f);
	}
	idmap_release(&unknown);
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if ((f->flags & FF_REQUIRED) && !(seen >> i & 1))
			diag_fatal(ctx->diags, "missing-field", ctx->file, map,
			    "%s%s%s has no '%s'", s->name,
			    rec_id(r, s) ? " " : "",
			    rec_id(r, s) ? rec_id(r, s) : "", f->name);
	}
	return r;
}
