/*
 * Renaming a record id everywhere: the record itself and every reference
 * to it in every register.
 *
 * References are found through the schemas: every field whose `ref` names
 * the record's collection, at any depth (nested maps, lists of records),
 * list items included, so a register added later with `ref` fields is
 * covered without a change here.  SoA control ids are also named by
 * fields that point at the catalog rather than at the SoA (treatments'
 * `controls`, findings' `ref`, audits' `scope.controls`); those are listed
 * here.  Each rename is a splice of just the id scalar, so every other
 * byte of every file stays, and the edits go into a write session, whose
 * commit validates the result and writes all changed files or none.
 */
#ifndef ISMS_RENUMBER_H
#define ISMS_RENUMBER_H

#include "isms/store.h"

/* The collection holding a record with this id: EXIT_USAGE when none
 * does, or when ids of several collections match. */
struct isms_error *renumber_find(const struct project *p, const char *id,
    enum collection *c);

/* Whether id may be given to a record of collection c: letters, digits,
 * '.', '_' and '-', starting with a letter or digit, and the collection's
 * id prefix (A-, R-, ...) when it has one. */
struct isms_error *renumber_valid_id(enum collection c, const char *id);

struct renumber_stats {
	size_t refs;                 /* references rewritten */
	bool files[REG_COUNT];       /* registers changed */
};

/* Adds to the session the edits that rename old to new_id in collection
 * c and in every reference.  Refuses (EXIT_DATA) when new_id exists. */
struct isms_error *session_renumber(struct session *s, enum collection c,
    const char *old, const char *new_id, struct renumber_stats *st);

#endif
