/*
 * Register schemas: one table per record type says which keys exist, their
 * types, allowed values, references and the canonical key order.
 *
 * The same tables drive everything that touches a record: the loader that
 * fills typed structs and reports every problem with its place, the writer
 * that emits new records in a fixed key order, `add --FIELD VALUE` and
 * `set KEY=VALUE` argument handling, CSV import headers, and JSON export.
 * So a field is declared once and behaves the same everywhere.
 *
 * Every record struct starts with struct rec; the loader stores each value
 * at the field's offset and sets the field's bit in rec.present, so "absent"
 * and "zero" are never confused (an ISO 27005 asset value may be 0).
 */
#ifndef ISMS_SCHEMA_H
#define ISMS_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/diag.h"
#include "isms/yaml.h"

enum ftype {
	FT_STR,     /* one-line text */
	FT_TEXT,    /* free text, may span lines */
	FT_INT,     /* integer */
	FT_NUM,     /* finite number */
	FT_BOOL,    /* true | false */
	FT_DATE,    /* YYYY-MM-DD, stored as a day number */
	FT_ENUM,    /* one of field.values, stored as its index */
	FT_LIST,    /* list of strings */
	FT_MAP,     /* nested record of field.sub */
	FT_RECLIST, /* list of records of field.sub */
	FT_RATING,  /* methodology factors by name: checked by the engine */
	FT_NODE,    /* kept as a YAML node, checked elsewhere */
};

#define FF_REQUIRED 0x1u /* must be present */
#define FF_ID       0x2u /* the record's id */
#define FF_FLOWITEM 0x4u /* FT_RECLIST items are written in flow style */

struct schema;

struct field {
	const char *name;
	enum ftype type;
	unsigned flags;
	size_t off;                 /* where the value lives in the struct */
	const char *const *values;  /* FT_ENUM: NULL-terminated choices */
	const struct schema *sub;   /* FT_MAP, FT_RECLIST */
	const char *ref;            /* collection an id (or each list item) names */
	const char *singular;       /* add flag for a list: --asset for assets */
	const char *help;           /* one line for --help and docs */
};

struct schema {
	const char *name;           /* "asset": used in messages */
	size_t size;                /* sizeof the record struct */
	const struct field *fields;
	size_t nfields;
};

struct rec {
	const struct ynode *node;   /* the mapping the record was read from,
	                             * or its stub (yaml.h): use rec_node() */
	uint64_t present;           /* bit i: fields[i] was given */
	size_t index;               /* position in its list */
};

struct strlist {
	const char **v;
	size_t n;
};

struct reclist {
	void **v;
	size_t n;
};

struct load_ctx {
	const char *file;
	struct arena *arena;
	struct diags *diags;
};

/* Reads map into a new record of schema s, reporting every problem. */
void *schema_load(const struct schema *s, const struct ynode *map,
    struct load_ctx *ctx);
/* Where schema_persist() puts what a record keeps.  Ratings are kept for
 * their values alone: their scalars are shared through `shared` (yn_copy),
 * so only a rating's mapping costs memory, and their places are those of
 * the record's nodes, parsed again (rec_node(rec, "rating")). */
struct persist {
	struct arena *arena;
	struct idmap *shared;
};

/* Makes a record loaded from a streamed item (yaml.h) independent of the
 * item's nodes, which are about to be freed: its text is copied and its
 * node, and those of the records nested in it, become stubs found again
 * through st. */
void schema_persist(const struct schema *s, void *rec,
    const struct persist *to, struct ystub *st);
/* Checks a single value node against a field and stores it in rec. */
bool schema_load_field(const struct field *f, const struct ynode *val,
    void *rec, struct load_ctx *ctx);

const struct field *schema_field(const struct schema *s, const char *name);
/* The field a command-line name stands for: its name, with '-' for '_',
 * or its singular (--asset for assets). */
const struct field *schema_field_arg(const struct schema *s, const char *name);
size_t schema_field_index(const struct schema *s, const struct field *f);
const struct field *schema_id_field(const struct schema *s);
bool rec_has(const void *rec, const struct schema *s, const char *name);
bool rec_has_field(const void *rec, const struct schema *s,
    const struct field *f);
/* The record's id, or NULL when it has none. */
const char *rec_id(const void *rec, const struct schema *s);
/* The field's value node in the record's mapping, or the mapping itself;
 * for a streamed record, parsed again from the file (yn_get()). */
const struct ynode *rec_node(const void *rec, const char *name);

/* The k-th item of a list field's node, else the field's node, else the
 * mapping; for a message, so looked up only once one is needed. */
const struct ynode *rec_item_node(const void *rec, const char *name,
    size_t k);

#define FIELD_PTR(rec, f, type) ((type *)((char *)(rec) + (f)->off))

/* "did you mean 'name'?" for an unknown key, or "" */
const char *schema_suggest(const struct schema *s, const char *key,
    char *buf, size_t size);
/* Resolves a plain scalar as the given type (null, bool, numbers). */
bool scalar_is_null(const struct ynode *n);
bool scalar_bool(const struct ynode *n, bool *out);
bool scalar_int(const struct ynode *n, long *out);
bool scalar_num(const struct ynode *n, double *out);
bool parse_num(const char *s, double *out);
bool parse_int(const char *s, long *out);
int enum_index(const char *const *values, const char *s);
/* "a, b or c" */
void enum_describe(const char *const *values, struct sbuf *out);

#endif
