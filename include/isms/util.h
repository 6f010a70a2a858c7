/*
 * Memory, strings and arenas shared by every module.
 *
 * Allocation never returns NULL to the caller: the x*alloc wrappers stop the
 * program with a clear message and exit status 4, after running the cleanup
 * hooks that remove half-written temporary files.  That keeps every other
 * error path about data and I/O, not about memory.
 *
 * struct sbuf is a growable string whose buffer is never NULL and always
 * NUL-terminated, so it can be handed to printf-style functions at any time.
 *
 * struct arena owns everything loaded from one project: nodes, strings and
 * records are carved from it and released together by arena_free().
 */
#ifndef ISMS_UTIL_H
#define ISMS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>

#if defined(__GNUC__) || defined(__clang__)
#define ISMS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ISMS_NORETURN __attribute__((noreturn))
#else
#define ISMS_PRINTF(f, a)
#define ISMS_NORETURN
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) ISMS_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) ISMS_PRINTF(1, 0);
ISMS_NORETURN void out_of_memory(void);

/*
 * Fault injection, compiled in only with -DISMS_FAULTS (make check-faults):
 * ISMS_FAULT=KIND:N makes the N-th allocation, write, fsync or rename of
 * the run fail (KIND alloc, write, fsync or rename), so that every error
 * path can be driven from a test.  ISMS_FAULT_COUNTS=FILE appends how many
 * of each the run made, which tells the sweep how far to go.  In a normal
 * build fault_inject() is the constant false and costs nothing.
 */
enum fault_kind { FAULT_ALLOC, FAULT_WRITE, FAULT_FSYNC, FAULT_RENAME };
#ifdef ISMS_FAULTS
bool fault_inject(enum fault_kind k);
#else
#define fault_inject(k) false
#endif

/*
 * A hint that [p, p + n) is about to be written for the first time: faults
 * its pages in with one call (Linux's MADV_POPULATE_WRITE) instead of one
 * page fault per page as they are reached, which costs the kernel a third
 * less per page.  Only pages wholly inside the range are touched, the
 * contents are unchanged, and where the advice is missing or refused it
 * does nothing.  For large buffers that will be filled whole.
 */
void mem_prefault(void *p, size_t n);

/* Grow *v (of *cap elements of size sz) so that it holds at least need. */
void grow_array(void **v, size_t *cap, size_t need, size_t sz);
#define GROW(v, cap, need) grow_array((void **)&(v), &(cap), (need), sizeof(*(v)))

/* Called by out_of_memory() before exiting: removes temporary files. */
void atexit_cleanup_register(void (*fn)(void));

struct sbuf_sink;

struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	const struct sbuf_sink *sink;  /* see sbuf_settle() */
};

/*
 * Where a large output goes while it is being made, so that a listing of
 * 100,000 records does not hold all its text in memory.  write() takes
 * the bytes or returns false, and then they stay in the buffer.
 */
struct sbuf_sink {
	bool (*write)(void *arg, const char *p, size_t n);
	void *arg;
	size_t threshold;       /* hand over once this much is buffered */
};

extern char sbuf_empty[];
#define SBUF_INIT { sbuf_empty, 0, 0, NULL }

void sbuf_init(struct sbuf *sb);
/* Says that everything in sb so far is final: with a sink, it is handed
 * over once the buffer has grown past the sink's threshold. */
void sbuf_settle(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);
void sbuf_reset(struct sbuf *sb);
void sbuf_grow(struct sbuf *sb, size_t extra);
void sbuf_add(struct sbuf *sb, const void *data, size_t len);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addch(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) ISMS_PRINTF(2, 3);
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap) ISMS_PRINTF(2, 0);
void sbuf_addrepeat(struct sbuf *sb, char c, size_t n);
/* The n strings of v with sep between them ("a, b, c"). */
void sbuf_join(struct sbuf *sb, const char *const *v, size_t n,
    const char *sep);
/* Hands the buffer to the caller (who frees it) and leaves sb empty. */
char *sbuf_detach(struct sbuf *sb, size_t *len);

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

/* Zeroed memory aligned for any type. */
void *arena_alloc(struct arena *a, size_t n);
/* Zeroed memory aligned to align (a power of two), for many small objects
 * of a type that needs less than max_align_t. */
void *arena_alloc_align(struct arena *a, size_t n, size_t align);
/* Strings are packed byte to byte, without alignment padding. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Frees everything allocated from a, keeping its newest chunk for reuse. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

/* Text helpers. */
bool str_eq(const char *a, const char *b);
int str_cmp_null(const char *a, const char *b);
/* The items of a list written "a, b ,c" (sep ','; "a; b" with ';'): the
 * next non-empty item with the spaces around it trimmed, as *item and
 * *len; *s moves past it.  False when no item is left. */
bool str_next_item(const char **s, char sep, const char **item, size_t *len);
/* Compares ids the way people read them: "R-2" < "R-10", "5.9" < "5.10". */
int id_cmp(const char *a, const char *b);
/* Where a record with this id goes in a list of n whose ids id_at gives
 * (NULL for a record without one): before the trailing records whose ids
 * sort after it, so a list kept in id order stays so and a new highest id
 * is appended. */
size_t id_insert_index(size_t n, const char *(*id_at)(const void *ctx,
    size_t i), const void *ctx, const char *id);
/* Edit distance, capped: returns limit + 1 as soon as it is exceeded. */
size_t edit_distance(const char *a, const char *b, size_t limit);

/* The nearest candidate to a misspelt word, for "did you mean" hints:
 * at most two edits away, the first of equals.  closest_try() each
 * candidate (NULL ones are skipped); best is NULL when none is near. */
struct closest {
	const char *word;
	const char *best;
	size_t dist;
};
void closest_init(struct closest *c, const char *word);
void closest_try(struct closest *c, const char *cand);
/* Display columns of a code point on a terminal: 2 for East Asian wide
 * and emoji, 0 for combining and zero-width marks, else 1. */
unsigned cp_width(unsigned long cp);
/* Display columns of a UTF-8 string, the sum of its code points'. */
size_t utf8_width(const char *s);
bool utf8_valid(const char *s, size_t len);

#endif
