/*
 * Records as output: JSON objects, table cells and canonical YAML.
 *
 * Stored fields are written as the file has them, typed by the schema, so an id "5.10" stays the string "5.10" in JSON and a number
 * stays a number.  Computed fields are appended by the caller after the
 * stored ones, which keeps every format's field order the schema's.
 */
#ifndef ISMS_RECOUT_H
#define ISMS_RECOUT_H

#include "isms/json.h"
#include "isms/schema.h"

/* Writes the stored fields of rec as key/value pairs of the current
 * object (the caller opens and closes it, so it can add computed ones). */
void recout_json_fields(struct json_writer *w, const struct schema *s,
    const void *rec);
/* A YAML node as JSON: plain scalars that are numbers or booleans become
 * numbers or booleans, everything else a string. */
void recout_json_node(struct json_writer *w, const struct ynode *n);
/* One field as display text: lists joined by ", ", maps in flow style;
 * "" when absent. */
void recout_field_text(struct sbuf *out, const struct schema *s,
    const void *rec, const struct field *f);
/* The usual text of a number or boolean field's value: "1.5", "true". */
void recout_usual_text(const struct field *f, const void *rec,
    struct sbuf *out);
/* Are rec's numbers and booleans written in map as recout_usual_text()
 * writes them?  Then a streamed record is shown from its values alone
 * (struct ystub.verbatim). */
bool recout_written_usually(const struct schema *s, const void *rec,
    const struct ynode *map);
/* The record in canonical block YAML ("- key: value" lines). */
void recout_yaml(struct sbuf *out, const struct schema *s, const void *rec);

#endif
