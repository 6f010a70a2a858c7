/*
 * Rendering stored records exactly as the file says.  Text, enumerations
 * and dates are written from the loaded values, which are the file's text;
 * numbers and booleans from their nodes, since "1.50" and "1.5" load alike,
 * except in a streamed record (yaml.h) that wrote them all the usual way,
 * so that a listing of a large register never parses it twice.
 */
#include "isms/recout.h"

#include <string.h>

#include "isms/date.h"
#include "isms/emit.h"
#include "isms/output.h"

void recout_json_node(struct json_writer *w, const struct ynode *n)
{
	double d;
	bool b;

	switch (n->kind) {
	case YN_SCALAR:
		if (yn_is_null(n))
			json_null(w);
		else if (scalar_bool(n, &b))
			json_bool(w, b);
		else if (scalar_num(n, &d))
			json_number(w, d);
		else
			json_string(w, n->str);
		return;
	case YN_SEQ:
		json_begin_array(w);
		for (size_t i = 0; i < n->n; i++)
			recout_json_node(w, n->kids[i]);
		json_end_array(w);
		return;
	case YN_MAP:
		json_begin_object(w);
		for (size_t i = 0; i < YN_PAIRS(n); i++) {
			json_key(w, YN_KEY(n, i)->str ? YN_KEY(n, i)->str : "");
			recout_json_node(w, YN_VAL(n, i));
		}
		json_end_object(w);
		return;
	}
}

void recout_usual_text(const struct field *f, const void *rec,
    struct sbuf *out)
{
	char b[32];
	switch (f->type) {
	case FT_INT:
		sbuf_adds(out, fmt_int(*FIELD_PTR(rec, f, const long), b));
		return;
	case FT_NUM:
		sbuf_adds(out, fmt_num(*FIELD_PTR(rec, f, const double), b));
		return;
	case FT_BOOL:
		sbuf_adds(out, *FIELD_PTR(rec, f, const bool) ? "true" : "false");
		return;
	default:
		return;
	}
}

bool recout_written_usually(const struct schema *s, const void *rec,
    const struct ynode *map)
{
	struct sbuf sb = SBUF_INIT;
	bool usual = true;
	for (size_t i = 0; usual && i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if ((f->type != FT_INT && f->type != FT_NUM &&
		    f->type != FT_BOOL) || !rec_has_field(rec, s, f))
			continue;
		const struct ynode *v = yn_get(map, f->name);
		sbuf_reset(&sb);
		recout_usual_text(f, rec, &sb);
		usual = v && v->kind == YN_SCALAR && strcmp(sb.buf, v->str) == 0;
	}
	sbuf_release(&sb);
	return usual;
}

/* A scalar field's text from its loaded value, if that is the file's. */
static bool loaded_text(const struct field *f, const void *rec,
    struct sbuf *out)
{
	const struct ynode *node = ((const struct rec *)rec)->node;
	char b[11];
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
		sbuf_adds(out, *FIELD_PTR(rec, f, const char *const));
		return true;
	case FT_ENUM:
		sbuf_adds(out, f->values[*FIELD_PTR(rec, f, const int)]);
		return true;
	case FT_DATE:
		date_format(*FIELD_PTR(rec, f, const long), b);
		sbuf_adds(out, b);
		return true;
	case FT_INT:
	case FT_NUM:
	case FT_BOOL:
		if (!yn_is_stub(node) || ((const struct ystub *)node)->verbatim)
			return false;
		recout_usual_text(f, rec, out);
		return true;
	default:
		return false;
	}
}

static void json_value(struct json_writer *w, const struct field *f,
    const void *rec)
{
	char b[11];
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
		json_string(w, *FIELD_PTR(rec, f, const char *const));
		return;
	case FT_ENUM:
		json_string(w, f->values[*FIELD_PTR(rec, f, const int)]);
		return;
	case FT_DATE:
		date_format(*FIELD_PTR(rec, f, const long), b);
		json_string(w, b);
		return;
	case FT_INT:
		json_int(w, *FIELD_PTR(rec, f, long));
		return;
	case FT_NUM:
		json_number(w, *FIELD_PTR(rec, f, double));
		return;
	case FT_BOOL:
		json_bool(w, *FIELD_PTR(rec, f, bool));
		return;
	case FT_LIST: {
		const struct strlist *l = FIELD_PTR(rec, f, const struct strlist);
		json_strings(w, l->v, l->n);
		return;
	}
	case FT_MAP: {
		const void *sub = *FIELD_PTR(rec, f, void *const);
		json_begin_object(w);
		recout_json_fields(w, f->sub, sub);
		json_end_object(w);
		return;
	}
	case FT_RECLIST: {
		const struct reclist *l = FIELD_PTR(rec, f, const struct reclist);
		json_begin_array(w);
		for (size_t i = 0; i < l->n; i++) {
			json_begin_object(w);
			recout_json_fields(w, f->sub, l->v[i]);
			json_end_object(w);
		}
		json_end_array(w);
		return;
	}
	case FT_RATING:
	case FT_NODE:
		recout_json_node(w, *FIELD_PTR(rec, f, const struct ynode *const));
		return;
	}
}

void recout_json_fields(struct json_writer *w, const struct schema *s,
    const void *rec)
{
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!rec_has_field(rec, s, f))
			continue;
		json_key(w, f->name);
		json_value(w, f, rec);
	}
}

static void node_text(struct sbuf *out, const struct ynode *n)
{
	if (n->kind == YN_SCALAR)
		sbuf_adds(out, n->str);
	else
		emit_flow(out, n);
}

/* The node of a field, parsed again for a streamed record. */
static const struct ynode *field_node(const void *rec, const struct field *f)
{
	if (f->type == FT_RATING || f->type == FT_NODE)
		return *FIELD_PTR(rec, f, const struct ynode *const);
	return yn_get(((const struct rec *)rec)->node, f->name);
}

void recout_field_text(struct sbuf *out, const struct schema *s,
    const void *rec, const struct field *f)
{
	if (!rec_has_field(rec, s, f))
		return;
	if (f->type == FT_LIST) {
		const struct strlist *l = FIELD_PTR(rec, f, const struct strlist);
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				sbuf_adds(out, ", ");
			sbuf_adds(out, l->v[i]);
		}
		return;
	}
	if (!loaded_text(f, rec, out))
		node_text(out, field_node(rec, f));
}

void recout_yaml(struct sbuf *out, const struct schema *s, const void *rec)
{
	struct sbuf text = SBUF_INIT;
	bool first = true;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!rec_has_field(rec, s, f))
			continue;
		sbuf_adds(out, first ? "- " : "  ");
		first = false;
		sbuf_addf(out, "%s: ", f->name);
		sbuf_reset(&text);
		if (loaded_text(f, rec, &text)) {
			if (f->type == FT_STR || f->type == FT_TEXT ||
			    f->type == FT_ENUM)
				emit_string(out, text.buf);
			else
				emit_scalar(out, text.buf);
		} else {
			const struct ynode *node = field_node(rec, f);
			if (node->kind != YN_SCALAR)
				emit_flow(out, node);
			else
				emit_scalar(out, node->str);
		}
		sbuf_addch(out, '\n');
	}
	sbuf_release(&text);
}
