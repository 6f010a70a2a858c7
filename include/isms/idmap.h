/*
 * A hash table from id strings to records.
 *
 * Open addressing with linear probing and FNV-1a; keys are borrowed (they
 * live in the project's YAML trees).  Every lookup by id in isms goes
 * through one of these, so no command does quadratic work as registers grow.
 */
#ifndef ISMS_IDMAP_H
#define ISMS_IDMAP_H

#include <stddef.h>

struct idmap {
	const char **keys;
	void **vals;
	size_t cap, n;
};

/* Inserts key; returns the value already stored under it (not replaced),
 * or NULL when the key is new. */
void *idmap_put(struct idmap *m, const char *key, void *val);
void *idmap_get(const struct idmap *m, const char *key);
/* Makes room for n keys at once: the table a loop of n puts ends with,
 * without the rehashes on the way (a project's indexes hold 100,000s). */
void idmap_reserve(struct idmap *m, size_t n);
void idmap_release(struct idmap *m);

#endif
