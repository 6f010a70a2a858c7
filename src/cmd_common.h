/*
 * The verbs every register command shares: add, list, show, set, rm,
 * import and export, written once over the schema and collection tables.
 *
 * A command describes how its records look in a table (columns, computed
 * values, filters) in a struct view and hands it to these functions; the
 * reading, validating, writing and printing is the same for every register.
 */
#ifndef ISMS_CMD_COMMON_H
#define ISMS_CMD_COMMON_H

#include "cmd.h"
#include "isms/json.h"
#include "isms/store.h"

struct view;

struct column {
	const char *name;       /* header, and a --sort key */
	const char *field;      /* stored field shown, or NULL */
	/* Computed cell text (when field is NULL). */
	void (*cell)(const struct view *v, const struct project *p,
	    const void *rec, struct sbuf *out);
	bool numeric;           /* right-aligned, sorted as a number */
	bool truncate;          /* free text: may be cut in text output */
};

struct view {
	enum collection coll;
	const struct column *cols;
	size_t ncols;
	/* Computed fields appended to JSON objects (list, show, export). */
	void (*json_extra)(const struct project *p, const void *rec,
	    struct json_writer *w);
	/* Extra lines for show. */
	void (*show_extra)(const struct project *p, const void *rec,
	    struct detail *d);
	/* Command-specific list filters; true keeps the record. */
	bool (*filter)(const struct ctx *ctx, const struct project *p,
	    const void *rec);
	/* Checks the list options against the loaded project before any
	 * record is filtered (an unknown --level is a usage error). */
	struct isms_error *(*prepare)(const struct ctx *ctx,
	    const struct project *p);
	/* Computed --sort keys that are not columns (score, rosi): appends
	 * the record's key text and returns true when key is one. */
	bool (*sort_key)(const struct project *p, const void *rec,
	    const char *key, struct sbuf *out);
	/* Judges a set inside its write session, before any edit, with the
	 * record as it is (the KEY=VALUE arguments are ctx->args.pos[1..]):
	 * refuses what the schema cannot express (a status moving
	 * backwards) or adds edits of its own.  NULL: no check. */
	struct isms_error *(*set_check)(struct ctx *ctx, struct session *s,
	    const void *rec);
};

/* True for the options every command takes (--format, --today, ...). */
bool opt_is_common(const char *name);

#define LIST_OPTS \
	{ "sort", OPT_ARG, "sort by a column or field (prefix - for descending)" }

struct isms_error *rec_add(struct ctx *ctx, const struct view *v);
struct isms_error *rec_list(struct ctx *ctx, const struct view *v);
struct isms_error *rec_show(struct ctx *ctx, const struct view *v);
struct isms_error *rec_set(struct ctx *ctx, const struct view *v);
struct isms_error *rec_rm(struct ctx *ctx, const struct view *v);
struct isms_error *rec_import(struct ctx *ctx, const struct view *v);
struct isms_error *rec_export(struct ctx *ctx, const struct view *v);

/* The same verbs for a verb table row whose .view says how records look:
 * { "list", ..., rec_list_verb, ..., .view = &asset_view }. */
struct isms_error *rec_add_verb(struct ctx *ctx);
struct isms_error *rec_list_verb(struct ctx *ctx);
struct isms_error *rec_show_verb(struct ctx *ctx);
struct isms_error *rec_set_verb(struct ctx *ctx);
struct isms_error *rec_rm_verb(struct ctx *ctx);
struct isms_error *rec_import_verb(struct ctx *ctx);
struct isms_error *rec_export_verb(struct ctx *ctx);

/* Adds a record built from field texts, assigning the next id when none
 * is given; on success *id is the new id (caller frees). */
struct isms_error *rec_add_fields(struct ctx *ctx, enum collection c,
    struct field_text *fields, size_t n, char **id);
/* Field texts from --FIELD options (repeated list options accumulate). */
struct isms_error *fields_from_opts(const struct ctx *ctx,
    const struct schema *s, struct field_text **fields, size_t *n);
void fields_release(struct field_text *fields, size_t n);
/* The verb's own options (not fields). */
bool is_verb_opt(const struct ctx *ctx, const char *name);
/* Leaves out the id's field text: an explicit --id is taken by
 * rec_add_fields() from the options, after checking it. */
void fields_drop_id(struct field_text *fields, size_t *n);
/* Sets one field text, replacing any earlier one for the same field. */
struct isms_error *fields_put(struct field_text **fields, size_t *n,
    const struct schema *s, const char *name, const char *value);

/*
 * CSV import, validation half: maps the header, turns every row into
 * field texts, assigns ids and checks each row against the schema, the
 * methodology and the references of p, reporting every bad row as
 * FILE:ROW (one EXIT_DATA error listing them all).  Writes nothing; on
 * success b holds the rows in id order, ready for session_add().  Apart
 * from rec_import() so that fuzz/fuzz_csv.c can drive it.
 */
struct import_row {
	unsigned row;
	char *id;
	struct field_text *fields;
	size_t n;
};

struct import_batch {
	struct import_row *rows;
	size_t n;
	long *colmap;   /* header column -> schema field index, or -1 */
	char **colkey;  /* rating key a column gives, or NULL */
	size_t ncols;
};

struct csvread;
struct isms_error *import_validate(const struct project *p,
    enum collection coll, const struct csvread *csv,
    struct import_batch *b);
void import_batch_release(struct import_batch *b);

#endif
