/*
 * Open-addressing hash table; the capacity is a power of two kept at most
 * half full so probes stay short.
 */
#include "isms/idmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/util.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static void rehash(struct idmap *m, size_t cap)
{
	const char **keys = xcalloc(cap, sizeof(*keys));
	void **vals = xcalloc(cap, sizeof(*vals));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = hash(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
}

void *idmap_put(struct idmap *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap)
		rehash(m, m->cap ? m->cap * 2 : 16);
	size_t j = hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	return NULL;
}

void idmap_reserve(struct idmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;
	while (cap < 2 * n)
		cap *= 2;
	if (cap > m->cap)
		rehash(m, cap);
}

void *idmap_get(const struct idmap *m, const char *key)
{
	if (!m->cap || !key)
		return NULL;
	size_t j = hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

void idmap_release(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
