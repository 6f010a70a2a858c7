/*
 * Ratings on the command line and assessed figures as output, shared by
 * isms risk and isms treat (see cmd_rating.h).
 */
#include "cmd_rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/emit.h"
#include "isms/engine.h"

struct isms_error *rating_method(const struct ctx *ctx, struct method **m)
{
	char *path = xasprintf("%s/isms.yaml", ctx->root);
	struct ydoc *doc = NULL;
	struct diags d = DIAGS_INIT;
	struct isms_error *err = ydoc_load(path, "isms.yaml", &doc);

	*m = NULL;
	if (!err) {
		*m = method_load(doc->root ? yn_get(doc->root, "methodology") :
		    NULL, "isms.yaml", &d);
		if (!*m)
			err = err_new(EXIT_DATA, "isms.yaml: the risk methodology "
			    "cannot work; run 'isms check'");
	}
	diags_release(&d);
	ydoc_free(doc);
	free(path);
	return err;
}

/* The factor names of m, for messages. */
static void factor_names(const struct method *m, struct sbuf *out)
{
	for (size_t f = 0; f < method_factor_count(m); f++)
		sbuf_addf(out, "%s%s", f ? ", " : "", method_factor_name(m, f));
}

/* Slot of a rating key: a factor index, or nf for sle, nf + 1 for aro;
 * -1 when it is none of them. */
static int rating_slot(const struct method *m, const char *key, bool quant)
{
	int f = method_factor_index(m, key);
	if (f >= 0)
		return f;
	if (quant && strcmp(key, "sle") == 0)
		return (int)method_factor_count(m);
	if (quant && strcmp(key, "aro") == 0)
		return (int)method_factor_count(m) + 1;
	return -1;
}

/* The rating key an option names: "--residual-likelihood" with field
 * "residual" is "likelihood"; with bare, "--likelihood" is too. */
static char *rating_key(const char *opt, const char *field, bool bare)
{
	char *name = xstrdup(opt);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	size_t len = strlen(field);
	if (strncmp(name, field, len) == 0 && name[len] == '_' && name[len + 1]) {
		memmove(name, name + len + 1, strlen(name + len + 1) + 1);
		return name;
	}
	if (bare)
		return name;
	free(name);
	return NULL;
}

static struct isms_error *unknown_option(const struct ctx *ctx,
    const struct method *m, const char *opt, const char *field, bool bare)
{
	struct sbuf names = SBUF_INIT, hint = SBUF_INIT;
	char *key = rating_key(opt, field, true);
	struct closest near;
	closest_init(&near, key);
	for (size_t f = 0; f < method_factor_count(m); f++)
		closest_try(&near, method_factor_name(m, f));
	if (near.best)
		sbuf_addf(&hint, "; did you mean '--%s%s%s'?",
		    bare ? "" : field, bare ? "" : "-", near.best);
	if (bare)
		sbuf_adds(&names, "a factor of ");
	else
		sbuf_addf(&names, "--%s-FACTOR with a factor of ", field);
	sbuf_adds(&names, "the methodology (");
	factor_names(m, &names);
	sbuf_addch(&names, ')');
	struct isms_error *e = err_new(EXIT_USAGE,
	    "unknown option '--%s' for %s: not a %s field nor %s%s", opt,
	    ctx->verb->name, coll_defs[ctx->verb->coll].noun, names.buf,
	    hint.buf);
	sbuf_release(&names);
	sbuf_release(&hint);
	free(key);
	return e;
}

struct isms_error *rating_from_opts(const struct ctx *ctx,
    const struct method *m, const struct schema *s, const char *field,
    bool bare, bool quant, struct field_text **fields, size_t *n)
{
	size_t nf = method_factor_count(m), nslots = nf + 2;
	const char **vals = xcalloc(nslots, sizeof(*vals));
	struct isms_error *err = NULL;
	struct sbuf text = SBUF_INIT;
	bool any = false;

	for (size_t i = 0; i < ctx->args.nopt && !err; i++) {
		const struct argopt *o = &ctx->args.opt[i];
		if (opt_is_common(o->name) || is_verb_opt(ctx, o->name) ||
		    schema_field_arg(s, o->name))
			continue;
		char *key = rating_key(o->name, field, bare);
		int slot = key ? rating_slot(m, key, quant) : -1;
		if (slot < 0)
			err = unknown_option(ctx, m, o->name, field, bare);
		else if (vals[slot])
			err = err_new(EXIT_USAGE, "--%s given more than once",
			    o->name);
		else
			vals[slot] = o->value;
		any |= slot >= 0;
		free(key);
	}
	if (err || !any)
		goto out;
	for (size_t k = 0; k < *n; k++)
		if (strcmp((*fields)[k].field->name, field) == 0) {
			err = err_new(EXIT_USAGE, "give --%s or its factors one "
			    "by one, not both", field);
			goto out;
		}
	sbuf_addch(&text, '{');
	for (size_t k = 0; k < nslots; k++) {
		if (!vals[k])
			continue;
		if (text.len > 1)
			sbuf_adds(&text, ", ");
		sbuf_addf(&text, "%s: ", k < nf ? method_factor_name(m, k) :
		    k == nf ? "sle" : "aro");
		emit_scalar(&text, vals[k]);
	}
	sbuf_addch(&text, '}');
	err = fields_put(fields, n, s, field, text.buf);
out:
	sbuf_release(&text);
	free(vals);
	return err;
}

void view_cell(const struct assessment *a, const struct view_score *v,
    struct sbuf *out)
{
	char buf[32];
	if (v->scored)
		sbuf_addf(out, "%s %s", fmt_num(v->score, buf),
		    assess_level_name(a, v));
}

void view_json(struct json_writer *w, const struct assessment *a,
    const char *prefix, const struct view_score *v)
{
	char key[64];
	/* Once per view of every record listed: no printf. */
	size_t n = strlen(prefix);
	if (n > sizeof(key) - sizeof("score"))
		n = sizeof(key) - sizeof("score");
	memcpy(key, prefix, n);
	memcpy(key + n, "score", sizeof("score"));
	if (v->scored)
		json_kv_number(w, key, v->score);
	else
		json_kv_null(w, key);
	memcpy(key + n, "level", sizeof("level"));
	if (v->scored)
		json_kv_string(w, key, assess_level_name(a, v));
	else
		json_kv_null(w, key);
}

void view_sort_score(const struct view_score *v, struct sbuf *out)
{
	char buf[32];
	if (v->scored)
		sbuf_adds(out, fmt_num(v->score, buf));
}

void view_sort_level(const struct view_score *v, struct sbuf *out)
{
	if (v->scored)
		sbuf_addf(out, "%zu", v->level);
}

struct isms_error *level_option(const struct ctx *ctx,
    const struct method *m, const char *opt, int *level)
{
	const char *name = arg_get(ctx, opt);
	*level = -1;
	if (!name || !m)
		return NULL;
	*level = method_level_index(m, name);
	if (*level >= 0)
		return NULL;
	struct sbuf names = SBUF_INIT;
	for (size_t l = 0; l < method_level_count(m); l++)
		sbuf_addf(&names, "%s%s", l ? ", " : "", method_level_name(m, l));
	struct isms_error *e = err_new(EXIT_USAGE,
	    "--%s: no level '%s' in the methodology (%s)", opt, name,
	    names.buf);
	sbuf_release(&names);
	return e;
}
