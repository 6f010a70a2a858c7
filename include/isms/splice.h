/*
 * Byte-preserving edits of a parsed register.
 *
 * A splice is a set of replacements of byte ranges of one document's
 * source.  The operations below compute those ranges from node positions so
 * that changing a field touches only that field's value, adding a key adds
 * one line inside its record, removing a record removes only its lines, and
 * every other byte of the file (comments, blank lines, hand formatting,
 * quoting style) is copied through unchanged.
 */
#ifndef ISMS_SPLICE_H
#define ISMS_SPLICE_H

#include "isms/emit.h"

struct splice_edit {
	size_t start, end;
	char *text;
	size_t seq;   /* insertions at one place keep the order they were made */
};

struct splice {
	const struct ydoc *doc;
	struct splice_edit *v;
	size_t n, cap;
};

void splice_init(struct splice *sp, const struct ydoc *doc);
void splice_release(struct splice *sp);
void splice_replace(struct splice *sp, size_t start, size_t end,
    const char *text);
/* The edited text (caller frees); edits must not overlap. */
char *splice_apply(const struct splice *sp, size_t *len);

/* Sets key of mapping map to value_text (one-line YAML), adding the key in
 * schema order when absent. */
struct isms_error *splice_set_key(struct splice *sp, const struct ynode *map,
    const struct schema *s, const char *key, const char *value_text);
struct isms_error *splice_remove_key(struct splice *sp,
    const struct ynode *map, const char *key);
/* Inserts a record into top[list_key], in id order, in the style of its
 * neighbours (block records, or flow mappings as list items). */
struct isms_error *splice_add_record(struct splice *sp, const struct ynode *top,
    const char *list_key, const struct schema *s,
    const struct field_text *fields, size_t n, const char *id);
/* One record's field texts, for operations that write several. */
struct record_text {
	const struct field_text *fields;
	size_t n;
};

/* Replaces the whole list top[list_key] with these records, in block
 * style and in the order given (a migration that rebuilds a list).  Keys
 * and comments outside the list stay; comments inside it go with it. */
struct isms_error *splice_replace_list(struct splice *sp,
    const struct ynode *top, const char *list_key, const struct schema *s,
    const struct record_text *recs, size_t n);
/* Appends items to the list field f (an FT_RECLIST) of the record map of
 * schema s, after its last item; creates the list when absent. */
struct isms_error *splice_append_items(struct splice *sp,
    const struct ynode *map, const struct schema *s, const struct field *f,
    const struct record_text *items, size_t count);
/* Removes item index of top[list_key]. */
struct isms_error *splice_remove_item(struct splice *sp,
    const struct ynode *top, const char *list_key, size_t index);

/* Replaces the bytes of one node (a scalar id, a list item) with text. */
void splice_set_node(struct splice *sp, const struct ynode *n,
    const char *text);

/* Whole lines of the source, for edits that work on lines (the merge
 * driver's conflict markers, copying a record from another version). */
/* The lines of a block sequence item: from the line of its "-" to the
 * start of the line after its last line (or the end of the file). */
void splice_item_lines(const struct ydoc *d, const struct ynode *item,
    size_t *start, size_t *end);
/* Columns before the "-" of a block sequence item. */
size_t splice_item_indent(const struct ydoc *d, const struct ynode *item);
/* The lines of a mapping pair, key line to the last line of its value. */
void splice_pair_lines(const struct ydoc *d, const struct ynode *key,
    const struct ynode *val, size_t *start, size_t *end);
/* Where a record with this id goes in a non-empty block sequence of
 * records: the start of the line of the first item whose id sorts after
 * it, else just after the last item, as splice_add_record() places it. */
size_t splice_record_pos(const struct ydoc *d, const struct ynode *seq,
    const struct schema *s, const char *id);

#endif
