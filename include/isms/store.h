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
	/* A quick session (session_begin_quick()) and whether it declined:
	 * then nothing was written and the edit needs a full session. */
	struct quick *quick;
	bool declined;
	char *new_id;          /* session_new_id() */
};

struct quick;

/* One record of collection coll edited: set or removed (id names it), or
 * added (id is the id asked for, NULL for the next free one). */
struct quick_edit {
	enum collection coll;
	const char *id;
	bool add;
	bool rm;
};

/*
 * Begins a session that loads only what the edit can reach: isms.yaml and,
 * of the edited register, the record and its neighbours as the register
 * cache (regcache.h) places them, with the cache's ids of the collections
 * the record refers to.  That is enough, because a set or an add can add
 * an integrity problem only to the record itself (its fields, its
 * references, its id, checked against the cache's ids), or to records of
 * its own kind that refer to it (asset dependency cycles: then the whole
 * register is loaded); a removal, to the records that refer to it, so the
 * registers of every collection that can refer to it are loaded whole.
 * Without a cache, or when isms.yaml changed, the cache is first made
 * afresh from the registers read streamed.  When the project has a fatal
 * problem, or the part loaded already has a problem, nothing is loaded and
 * s->declined is set; session_commit() sets it too, writing nothing, when
 * the edit would add a problem, so that the full session can report it
 * against the whole file.  ISMS_CACHE=off or =full in the environment
 * makes every session a full one.
 */
struct isms_error *session_begin_quick(struct session *s, const char *root,
    long today, const struct quick_edit *q);
/* The id of the record to add: the quick session's, else the one given,
 * else the next free one (project_next_id()); valid until session_end(). */
const char *session_new_id(struct session *s, enum collection c,
    const char *given);

/* Makes the edits of one attempt; called again for the full session when
 * the quick one declines, so it must not keep anything from a first call. */
typedef struct isms_error *(*session_fn)(struct session *s, void *arg);
/* Runs fn and commits, in a quick session when q is given and it does not
 * decline, else in a full one, which reads every register but q's
 * streamed: fn edits nothing but q's register.  fn's edits are all that is
 * done with the session, so its trees of the edited registers go before
 * the commit parses their new text (drop_edited). */
struct isms_error *session_run(const char *root, long today,
    const struct quick_edit *q, session_fn fn, void *arg);

struct isms_error *session_begin(struct session *s, const char *root,
    long today);
/* A session that edits only the registers in edits (bit f for register
 * f): the others are read streamed (project_load_editing()), which takes
 * a fraction of the memory, and editing one of them stops the program. */
struct isms_error *session_begin_editing(struct session *s, const char *root,
    long today, unsigned edits);
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
