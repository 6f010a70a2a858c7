/*
 * Writing YAML text in the canonical style.
 *
 * New values are written on one line each: strings plain when YAML would
 * read them back as the same string and nothing else, double-quoted with
 * escapes otherwise; lists and small maps in flow style ([a, b], {k: v}).
 * New records are written in block style, keys in schema order, 2-space
 * indentation.  Every piece of text produced here parses back, through the
 * loader, to the value it was made from.
 */
#ifndef ISMS_EMIT_H
#define ISMS_EMIT_H

#include "isms/schema.h"

/* True when s can be written as a plain scalar in flow context and reads
 * back as exactly s (not null, a bool, a number or a date). */
bool yaml_plain_safe(const char *s, bool as_string);
/* A string value: plain when safe, else double-quoted. */
void emit_string(struct sbuf *out, const char *s);
/* A scalar whose type the schema decides (numbers, dates, enum names):
 * plain when it is a safe plain scalar, else double-quoted. */
void emit_scalar(struct sbuf *out, const char *s);
/* A parsed node in flow style, keeping each scalar's quoting. */
void emit_flow(struct sbuf *out, const struct ynode *n);

/* The text of one field of a new or changed record. */
struct field_text {
	const struct field *field;
	char *text;      /* one-line YAML value */
	char **items;    /* FT_RECLIST: one flow mapping per item */
	size_t nitems;
};

/* Turns a command-line value into YAML text for field f.  Lists take
 * comma-separated items or YAML flow syntax; maps take flow syntax.  Type
 * errors are left to the validator, which sees the text as a hand edit. */
struct isms_error *field_text_from_arg(const struct field *f, const char *arg,
    struct field_text *out);
/* Appends one more item to a list field's text (repeated --asset flags). */
struct isms_error *field_text_append(struct field_text *ft, const char *arg);
void field_text_release(struct field_text *ft);

/* A block-style record: "- key: value" lines in schema order. */
void emit_record(struct sbuf *out, const struct schema *s,
    const struct field_text *fields, size_t n, size_t dash_indent,
    const char *eol);
/* A flow-style record: {key: value, ...} in schema order. */
void emit_record_flow(struct sbuf *out, const struct schema *s,
    const struct field_text *fields, size_t n);

#endif
