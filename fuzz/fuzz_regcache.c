/*
 * Fuzz target: the register cache file (.isms.cache).
 *
 * The cache is read from the project directory before every write, so it
 * must take any bytes without harm: regcache_parse() either refuses them
 * or returns a cache whose text (regcache_format()) parses back to the
 * same text, and whose spans are in order, as the quick writer relies on.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "isms/regcache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xstrndup((const char *)data, size);
	struct regcache *rc = regcache_parse(buf, size);
	free(buf);
	if (!rc)
		return 0;
	for (int c = 0; c < COL_COUNT; c++)
		for (size_t i = 0; i < rc->coll[c].n; i++) {
			const struct rc_rec *r = &rc->coll[c].v[i];
			fuzz_assert(r->start < r->end);
			fuzz_assert(i == 0 || rc->coll[c].v[i - 1].end <= r->start);
		}
	struct sbuf once = SBUF_INIT, twice = SBUF_INIT;
	regcache_format(rc, &once);
	char *copy = xstrndup(once.buf, once.len);
	struct regcache *again = regcache_parse(copy, once.len);
	fuzz_assert(again != NULL);
	regcache_format(again, &twice);
	fuzz_assert(once.len == twice.len &&
	    memcmp(once.buf, twice.buf, once.len) == 0);
	free(copy);
	sbuf_release(&once);
	sbuf_release(&twice);
	regcache_free(again);
	regcache_free(rc);
	return 0;
}
