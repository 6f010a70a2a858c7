/*
 * Allocation wrappers, growable strings, arenas and small text helpers.
 *
 * Out of memory is the one condition handled by exiting here rather than by
 * returning an error: no caller could do anything better, and keeping it out
 * of every signature keeps the error paths that matter readable.  The exit
 * still runs the registered cleanup hooks so no temporary file is left.
 */
/* madvise() and its MADV_ advice are not in POSIX; without them the arena
 * simply does not prefault. */
#define _DEFAULT_SOURCE
#include "isms/util.h"

#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char sbuf_empty[1];

#define MAX_CLEANUPS 4
static void (*cleanups[MAX_CLEANUPS])(void);
static size_t ncleanups;

void atexit_cleanup_register(void (*fn)(void))
{
	if (ncleanups < MAX_CLEANUPS)
		cleanups[ncleanups++] = fn;
}

void out_of_memory(void)
{
	static const char msg[] = "isms: out of memory\n";
	for (size_t i = 0; i < ncleanups; i++)
		cleanups[i]();
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(4);
}

#ifdef ISMS_FAULTS
static const char *const fault_names[] = { "alloc", "write", "fsync",
	"rename" };
static unsigned long fault_count[ARRAY_SIZE(fault_names)];
static int fault_kind_set = -1;
static unsigned long fault_at;

static void fault_report(void)
{
	const char *path = getenv("ISMS_FAULT_COUNTS");
	FILE *f = path && *path ? fopen(path, "a") : NULL;
	if (!f)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(fault_names); i++)
		fprintf(f, "%s %lu\n", fault_names[i], fault_count[i]);
	fclose(f);
}

bool fault_inject(enum fault_kind k)
{
	static bool ready;
	if (!ready) {
		const char *spec = getenv("ISMS_FAULT");
		ready = true;
		for (size_t i = 0; spec && i < ARRAY_SIZE(fault_names); i++) {
			size_t len = strlen(fault_names[i]);
			if (strncmp(spec, fault_names[i], len) == 0 &&
			    spec[len] == ':') {
				fault_kind_set = (int)i;
				fault_at = strtoul(spec + len + 1, NULL, 10);
			}
		}
		atexit(fault_report);
	}
	return ++fault_count[k] == fault_at && (int)k == fault_kind_set;
}
#endif

void *xmalloc(size_t n)
{
	void *p = fault_inject(FAULT_ALLOC) ? NULL : malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = fault_inject(FAULT_ALLOC) ? NULL :
	    calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = fault_inject(FAULT_ALLOC) ? NULL : realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xvasprintf(const char *fmt, va_list ap)
{
	struct sbuf sb = SBUF_INIT;
	sbuf_vaddf(&sb, fmt, ap);
	return sbuf_detach(&sb, NULL);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void grow_array(void **v, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2 / sz)
			out_of_memory();
		n *= 2;
	}
	*v = xrealloc(*v, n * sz);
	*cap = n;
}

void sbuf_init(struct sbuf *sb)
{
	sb->buf = sbuf_empty;
	sb->len = sb->cap = 0;
	sb->sink = NULL;
}

void sbuf_settle(struct sbuf *sb)
{
	const struct sbuf_sink *k = sb->sink;
	if (k && sb->len >= k->threshold && k->write(k->arg, sb->buf, sb->len)) {
		sb->len = 0;
		sb->buf[0] = '\0';
	}
}

void sbuf_release(struct sbuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	sbuf_init(sb);
}

void sbuf_reset(struct sbuf *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

void sbuf_grow(struct sbuf *sb, size_t extra)
{
	if (extra >= SIZE_MAX - sb->len - 1)
		out_of_memory();
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t n = sb->cap ? sb->cap : 64;
	while (n < need)
		n = n * 2 > n ? n * 2 : need;
	if (sb->cap) {
		sb->buf = xrealloc(sb->buf, n);
	} else {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	}
	sb->cap = n;
}

void sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	sbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sbuf_adds(struct sbuf *sb, const char *s)
{
	sbuf_add(sb, s, strlen(s));
}

void sbuf_addch(struct sbuf *sb, char c)
{
	sbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

/* Formats straight into the free space when it fits (the common case, as
 * buffers grow geometrically), and only measures and retries when not. */
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	size_t room = sb->cap ? sb->cap - sb->len : 0;
	va_copy(cp, ap);
	int n = room ? vsnprintf(sb->buf + sb->len, room, fmt, cp) :
	    vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0) {
		if (sb->cap)
			sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		sbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sbuf_addrepeat(struct sbuf *sb, char c, size_t n)
{
	sbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sbuf_join(struct sbuf *sb, const char *const *v, size_t n,
    const char *sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(sb, sep);
		sbuf_adds(sb, v[i]);
	}
}

char *sbuf_detach(struct sbuf *sb, size_t *len)
{
	char *p = sb->cap ? sb->buf : xstrdup("");
	if (len)
		*len = sb->len;
	sbuf_init(sb);
	return p;
}

/*
 * Arena chunks grow geometrically so that a large project costs few
 * mallocs.  Chunks come from calloc, so memory is zero without a memset per
 * allocation (the large chunks are fresh pages the kernel has zeroed), and
 * strings are packed without padding: an allocation is aligned by rounding
 * the chunk's fill mark up, to max_align_t unless the caller asks for less
 * (the YAML tree's nodes, five million of them in a large project).
 */
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	size_t ready;   /* data[] below this is faulted in, or not to be */
	max_align_t data[];
};

void mem_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	static long page;
	if (!page)
		page = sysconf(_SC_PAGESIZE);
	if (page <= 0)
		return;
	/* Only whole pages inside the range: the advice works on pages. */
	uintptr_t mask = (uintptr_t)page - 1;
	uintptr_t b = ((uintptr_t)p + mask) & ~mask;
	uintptr_t e = ((uintptr_t)p + n) & ~mask;
	if (e > b)
		(void)madvise((void *)b, e - b, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/*
 * A large project fills its arenas with some 300 MiB that nobody touched
 * before, one page fault per 4 KiB as the parser reaches it.  Large chunks
 * are faulted in a window ahead instead, with one madvise() per window,
 * which costs the kernel less per page; the window keeps what is faulted
 * in but unused to less than a window per arena.  Where the advice does
 * not exist (or the kernel refuses it) pages fault in one by one as before.
 */
#define ARENA_WINDOW ((size_t)1 << 20)

static void arena_prefault(struct arena_chunk *c)
{
	size_t from = c->ready;
	size_t to = c->used + ARENA_WINDOW;
	c->ready = to < c->size ? to : c->size;
	mem_prefault((char *)c->data + from, c->ready - from);
}

static void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_chunk *c = a->head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (!c || at > c->size || c->size - at < n) {
		size_t size = c ? c->size * 2 : 16384;
		if (size > (size_t)8 << 20)
			size = (size_t)8 << 20;
		if (size < n)
			size = n;
		struct arena_chunk *nc = xcalloc(1, sizeof(*nc) + size);
		nc->size = size;
		nc->ready = size < 4 * ARENA_WINDOW ? size : 0;
		nc->next = c;
		a->head = c = nc;
		at = 0;
	}
	c->used = at + n;
	if (c->used > c->ready)
		arena_prefault(c);
	return (char *)c->data + at;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n ? n : 1, _Alignof(max_align_t));
}

void *arena_alloc_align(struct arena *a, size_t n, size_t align)
{
	if (!align || (align & (align - 1)) || align > _Alignof(max_align_t))
		align = _Alignof(max_align_t);
	return arena_take(a, n ? n : 1, align);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head;
	if (!c)
		return;
	/* The newest chunk is the largest: keep it, zeroed again. */
	struct arena_chunk *older = c->next;
	c->next = NULL;
	memset(c->data, 0, c->used);
	c->used = 0;
	while (older) {
		struct arena_chunk *next = older->next;
		free(older);
		older = next;
	}
}

void arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool str_next_item(const char **s, char sep, const char **item, size_t *len)
{
	while (**s) {
		const char *p = *s, *end = strchr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);
		*s = end ? end + 1 : p + n;
		while (n && *p == ' ')
			p++, n--;
		while (n && p[n - 1] == ' ')
			n--;
		if (n) {
			*item = p;
			*len = n;
			return true;
		}
	}
	return false;
}

int str_cmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int id_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			while (*a == '0' && is_digit(a[1]))
				a++;
			while (*b == '0' && is_digit(b[1]))
				b++;
			size_t la = 0, lb = 0;
			while (is_digit(a[la]))
				la++;
			while (is_digit(b[lb]))
				lb++;
			if (la != lb)
				return la < lb ? -1 : 1;
			int c = strncmp(a, b, la);
			if (c)
				return c;
			a += la;
			b += lb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	if (*a || *b)
		return *a ? 1 : -1;
	return 0;
}

size_t id_insert_index(size_t n, const char *(*id_at)(const void *ctx,
    size_t i), const void *ctx, const char *id)
{
	size_t at = n;
	for (size_t i = n; i-- > 0;) {
		const char *other = id_at(ctx, i);
		if (other && id_cmp(other, id) > 0)
			at = i;
		else if (other)
			break;
	}
	return at;
}

size_t edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0], best;
		row[0] = i;
		best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = prev + cost;
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = cur;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

/* Ranges of code points a terminal shows two columns wide (East Asian
 * Wide and Fullwidth, and the emoji blocks) or none (combining marks,
 * zero-width characters, variation selectors).  Not the whole Unicode
 * width table: the blocks that appear in names and titles. */
static const struct { unsigned long lo, hi; } wide_ranges[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F680, 0x1F6FF }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD },
	{ 0x30000, 0x3FFFD },
};
static const struct { unsigned long lo, hi; } zero_ranges[] = {
	{ 0x0300, 0x036F }, { 0x200B, 0x200F }, { 0x20D0, 0x20FF },
	{ 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
};

unsigned cp_width(unsigned long cp)
{
	for (size_t i = 0; i < ARRAY_SIZE(zero_ranges); i++)
		if (cp >= zero_ranges[i].lo && cp <= zero_ranges[i].hi)
			return 0;
	for (size_t i = 0; i < ARRAY_SIZE(wide_ranges); i++)
		if (cp >= wide_ranges[i].lo && cp <= wide_ranges[i].hi)
			return 2;
	return 1;
}

void closest_init(struct closest *c, const char *word)
{
	c->word = word;
	c->best = NULL;
	c->dist = 3;
}

void closest_try(struct closest *c, const char *cand)
{
	if (!cand)
		return;
	size_t d = edit_distance(c->word, cand, 2);
	if (d < c->dist) {
		c->dist = d;
		c->best = cand;
	}
}

size_t utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	while (*p) {
		unsigned long cp = *p;
		size_t more = 0;
		if (cp >= 0xF0)
			cp &= 0x07, more = 3;
		else if (cp >= 0xE0)
			cp &= 0x0F, more = 2;
		else if (cp >= 0xC0)
			cp &= 0x1F, more = 1;
		p++;
		for (; more && (*p & 0xC0) == 0x80; more--, p++)
			cp = cp << 6 | (*p & 0x3F);
		/* A broken sequence shows as one replacement character. */
		n += more ? 1 : cp_width(cp);
	}
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		unsigned c = *p++;
		size_t more;
		uint32_t cp;
		if (c < 0x80)
			continue;
		else if ((c & 0xE0) == 0xC0)
			more = 1, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			more = 2, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			more = 3, cp = c & 0x07;
		else
			return false;
		if ((size_t)(e - p) < more)
			return false;
		for (size_t i = 0; i < more; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) ||
		    (more == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		p += more;
	}
	return true;
}
