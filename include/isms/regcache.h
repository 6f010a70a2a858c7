/*
 * The register cache: what a write needs to know about registers it does
 * not parse.
 *
 * libyaml needs most of a second for 50 MiB of registers, so a one-record
 * `add` or `set` on a group-wide project cannot afford to load it whole.
 * After every successful write the session leaves in .isms.cache a summary
 * of the project it has just validated: the size and a 64-bit hash of each
 * register's bytes, and for each collection kept as a block list the id and
 * the lines (byte span) of every record.  The next write reads the
 * registers' bytes, which is cheap; a register whose hash matches is
 * exactly the one summarised, so the write can edit one record's lines and
 * validate only what that edit can reach, loading whole just the registers
 * that changed since (store.h, session_begin_quick()).  A changed
 * isms.yaml, or a missing or corrupt cache, means the full load, which
 * writes a fresh summary.  Like git's index the file is only ever a cache:
 * never trusted without the hashes, never required, never committed
 * (`isms init` lists it in .gitignore).
 */
#ifndef ISMS_REGCACHE_H
#define ISMS_REGCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/register.h"
#include "isms/util.h"
#include "isms/yaml.h"

#define REGCACHE_FILE ".isms.cache"

struct project;

/* One record of a block list: the lines from its "-" to the start of the
 * line after its last line.  id is NULL for a record without one. */
struct rc_rec {
	const char *id;
	size_t start, end;
};

struct rc_coll {
	bool block;        /* a non-empty block list whose spans are known */
	struct rc_rec *v;
	size_t n;
};

struct rc_file {
	bool exists;
	size_t size;
	uint64_t hash;
};

struct regcache {
	struct rc_file file[REG_COUNT];
	struct rc_coll coll[COL_COUNT];
	struct arena arena;    /* the ids */
};

/* A 64-bit hash of the bytes, the same on every platform. */
uint64_t regcache_hash(const char *s, size_t len);

/* The summary of a loaded, usable project (every register parsed). */
struct regcache *regcache_from_project(const struct project *p);
/* Renews what rc says of register f from p, which loaded it whole. */
void regcache_respan(struct regcache *rc, const struct project *p,
    enum reg_file f);
/* The cache of the project at root, or NULL when there is none or it
 * cannot be read whole: a cache that cannot be trusted is no cache. */
struct regcache *regcache_read(const char *root);
/* The cache file's text, and back: NULL for anything but a whole, well
 * formed cache (buf is changed in place). */
void regcache_format(const struct regcache *rc, struct sbuf *out);
struct regcache *regcache_parse(char *buf, size_t len);
/* Replaces the cache at root; a failure only costs the next write its
 * shortcut, so it is not reported. */
void regcache_write(const char *root, const struct regcache *rc);
void regcache_free(struct regcache *rc);

/* True when file f's bytes (NULL when absent) are those summarised. */
bool regcache_matches(const struct regcache *rc, enum reg_file f,
    const char *text, size_t len);
/* Records the new bytes of file f. */
void regcache_set_file(struct regcache *rc, enum reg_file f,
    const char *text, size_t len);
/* The spans of list c in document d when it is a non-empty block list of
 * mappings, each starting its own lines (ids copied into ids); false, and
 * no spans, for any other list. */
bool regcache_spans(const struct ydoc *d, enum collection c,
    struct arena *ids, struct rc_rec **out, size_t *n);
/* After bytes [start, end) of file f became len bytes holding records
 * v[0..n) of collection c (in the new file's offsets): the records of c
 * that were there give way to v and every later span of f moves. */
void regcache_splice(struct regcache *rc, enum reg_file f, size_t start,
    size_t end, size_t len, enum collection c, const struct rc_rec *v,
    size_t n);
/* Index of the record with this id in collection c, or -1. */
long regcache_find(const struct regcache *rc, enum collection c,
    const char *id);

#endif
