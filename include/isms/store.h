/*
 * Changing a project: the write session.
 *
 * A session takes the project lock, loads the project, collects edits as
 * splices per register, and on commit rebuilds the project from the edited
 * text.  The commit is refused (exit 3, nothing written) when the edited
 * project has an integrity problem the original did not have: a schema
 * error, a duplicate id, a dangling reference, a rating off the scale.  So a
 * value given on the command line is judged exactly as a hand edit would
 * be.  Files are then replaced atomically, all of them or none
 * (atomic_write_all() in fsio.h), under the lock.
 */
#ifndef ISMS_STORE_H
#define ISMS_STORE_H

#include "isms/fsio.h"
#include "isms/project.h"
#include "isms/splice.h"

struct session_nest;

struct session {
	struct lock lock;
	struct project *p;
	struct ydoc *blank[REG_COUNT];  /* stand-ins for files not yet made */
	struct splice sp[REG_COUNT];
	bool touched[REG_COUNT];
	bool locked;
	/* Set by a caller that reads nothing of p after session_commit():
	 * the edited registers' trees are freed before the revalidation
	 * parses their new text, so the two never take memory together. */
	bool drop_edited;
	/* Mappings created by dotted sets under a key that does not exist
	 * yet (action.root_cause on a finding without an action): later sets
	 * under the same key are merged into the one mapping created. */
	struct session_nest *nest;
	size_t nnest, capnest;
};

struct isms_error *session_begin(struct session *s, const char *root,
    long today);
void session_end(struct session *s);

/* Adds a record; fields must include the id (see project_next_id()). */
struct isms_error *session_add(struct session *s, enum collection c,
    const struct field_text *fields, size_t n, const char *id);
/* Sets a field, dotted for nested mappings (rating.likelihood). */
struct isms_error *session_set(struct session *s, enum collection c,
    const char *id, const char *key, const char *value);
/* Sets a top-level field of a record to YAML text already made from a
 * field_text (a list built from repeated options). */
struct isms_error *session_set_text(struct session *s, enum collection c,
    const char *id, const char *key, const char *text);
/* Removes a field (set KEY= with nothing). */
struct isms_error *session_unset(struct session *s, enum collection c,
    const char *id, const char *key);
/* Appends items to a record's list of records (measurements, actions),
 * leaving every other line of the record as it is.  Once per list and
 * session: an absent list is created by this call. */
struct isms_error *session_append(struct session *s, enum collection c,
    const char *id, const char *key, const struct record_text *items,
    size_t count);
/* Sets a dotted key under the top of register f from a command-line
 * value, as session_set() does for a record (programme.cycle_months);
 * value NULL removes the key. */
struct isms_error *session_set_file(struct session *s, enum reg_file f,
    const char *key, const char *value);
/* Sets a top-level key of a register (scope statement). */
struct isms_error *session_set_top(struct session *s, enum reg_file f,
    const char *key, const char *value_text);
/* Replaces collection c's whole list with recs, in the order given. */
struct isms_error *session_replace_list(struct session *s, enum collection c,
    const struct record_text *recs, size_t n);
struct isms_error *session_rm(struct session *s, enum collection c,
    const char *id);
/* Validates the edited project and writes every changed file. */
struct isms_error *session_commit(struct session *s);

/* The YAML node of the document a session edits for register f. */
const struct ynode *session_top(const struct session *s, enum reg_file f);

#endif
