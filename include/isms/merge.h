/*
 * Three-way merge of one register file by record id: the library side of
 * `isms merge-driver`, which git runs with the common ancestor (base), our
 * version and their version of a register.
 *
 * The result is our text with their changes spliced in, so every byte our
 * side has (comments, formatting, quoting) stays unless their change is to
 * exactly that value.  Records are matched by id in each list of the
 * collection table; other top-level keys (the scope statement, the SoA
 * catalog, the audit programme) are merged as whole values.
 *
 *   - a record added on either side is kept; theirs is copied with its own
 *     lines (re-indented to ours) at its place in id order;
 *   - a record changed on both sides is merged key by key, nested mappings
 *     (a rating, a corrective action) key by key too;
 *   - a record deleted on one side and unchanged on the other is deleted;
 *   - both sides adding the same new id with different content keep both
 *     records, and `isms check` reports the duplicate id with both places;
 *   - a real conflict (one value changed differently on each side, or
 *     deleted on one side and changed on the other) is written as
 *     "<<<<<<< ours" / "=======" / ">>>>>>> theirs" around that record
 *     alone (around that top-level key for other keys), and counted.
 *
 * Lists that are not plain block sequences of records with ids (a flow
 * list [..], an item without an id) are merged as one value.  Values are
 * compared by their canonical flow text (emit_flow()), so a record only
 * re-indented on one side is not a change.
 */
#ifndef ISMS_MERGE_H
#define ISMS_MERGE_H

#include "isms/register.h"

struct merge_result {
	char *text;       /* the merged file (caller frees) */
	size_t len;
	size_t conflicts; /* records and keys written with conflict markers */
};

/* The register a path names by its base name, or -1. */
int merge_register_file(const char *path);

/* Merges the three texts of register f.  An error (EXIT_DATA, located)
 * when one of them is not a YAML mapping that can be merged by structure;
 * the caller then leaves the merge to a person. */
struct isms_error *merge_register(enum reg_file f, const char *base,
    size_t blen, const char *ours, size_t olen, const char *theirs,
    size_t tlen, struct merge_result *out);

#endif
