/*
 * Rendering stored records.  Works from the YAML nodes kept on each record,
 * so what is shown is exactly what the file says.
 */
#include "isms/recout.h"

#include <string.h>

#include "isms/emit.h"

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

static void json_value(struct json_writer *w, const struct field *f,
    const void *rec, const struct ynode *node)
{
	switch (f->type) {
	case FT_STR:
	case FT_TEXT:
	case FT_ENUM:
	case FT_DATE:
		json_string(w, node->str);
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
		recout_json_node(w, node);
		return;
	}
}

void recout_json_fields(struct json_writer *w, const struct schema *s,
    const void *rec)
{
	const struct rec *r = rec;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!rec_has_field(rec, s, f))
			continue;
		json_key(w, f->name);
		json_value(w, f, rec, yn_get(r->node, f->name));
	}
}

static void node_text(struct sbuf *out, const struct ynode *n)
{
	if (n->kind == YN_SCALAR)
		sbuf_adds(out, n->str);
	else
		emit_flow(out, n);
}

void recout_field_text(struct sbuf *out, const struct schema *s,
    const void *rec, const struct field *f)
{
	const struct rec *r = rec;
	if (!rec_has_field(rec, s, f))
		return;
	const struct ynode *node = yn_get(r->node, f->name);
	if (f->type == FT_LIST) {
		const struct strlist *l = FIELD_PTR(rec, f, const struct strlist);
		for (size_t i = 0; i < l->n; i++) {
			if (i)
				sbuf_adds(out, ", ");
			sbuf_adds(out, l->v[i]);
		}
		return;
	}
	node_text(out, node);
}

void recout_yaml(struct sbuf *out, const struct schema *s, const void *rec)
{
	const struct rec *r = rec;
	bool first = true;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		if (!rec_has_field(rec, s, f))
			continue;
		sbuf_adds(out, first ? "- " : "  ");
		first = false;
		sbuf_addf(out, "%s: ", f->name);
		const struct ynode *node = yn_get(r->node, f->name);
		if (node->kind != YN_SCALAR)
			emit_flow(out, node);
		else if (f->type == FT_STR || f->type == FT_TEXT ||
		    f->type == FT_ENUM)
			emit_string(out, node->str);
		else
			emit_scalar(out, node->str);
		sbuf_addch(out, '\n');
	}
}
