/*
 * The YAML document model.
 *
 * libyaml's event stream is turned into a small tree of struct ynode, each
 * node remembering where it starts and ends in the source (1-based line and
 * column, columns counted in characters as libyaml counts them).  The source
 * text is kept beside the tree so that the writer can splice new text into
 * exactly the bytes a node occupies and leave everything else alone.
 *
 * The tree is deliberately untyped: every scalar is kept as its text, and
 * whether "5.10" is a number or an id is decided by the schema that reads
 * it, never by YAML's resolution rules.  Anchors, aliases and tags other
 * than !!str are refused (no alias bombs, no surprises), nesting is capped
 * and files above a size limit are refused before they are read.
 */
#ifndef ISMS_YAML_H
#define ISMS_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/error.h"
#include "isms/util.h"

#define YAML_MAX_DEPTH 64
#define YAML_MAX_FILE ((size_t)64 << 20)
#define YAML_MAX_SCALAR ((size_t)1 << 20)

enum yn_kind { YN_SCALAR, YN_SEQ, YN_MAP };

enum yn_style {
	YS_PLAIN,   /* unquoted: null, true, 12 resolve by the schema */
	YS_QUOTED,  /* single or double quoted: always a string */
	YS_BLOCK,   /* literal | or folded >: always a string */
	YS_STUB,    /* collections: a record kept as a struct ystub */
};

/*
 * A project of 100,000 risks holds about five million of these, and they
 * are most of its memory, so the layout is packed to 40 bytes (from 64):
 * a scalar's length is 32 bits (YAML_MAX_SCALAR bounds it), and kind,
 * style and flow share a word with the number of kids, which the file size
 * limit keeps far below YAML_MAX_KIDS.  The fields read as before; being
 * bit-fields, n, kind, style and flow cannot have their address taken.
 */
#define YAML_MAX_KIDS (((size_t)1 << 27) - 1)

struct ynode {
	const char *str;     /* scalar text, NUL-terminated */
	struct ynode **kids; /* sequence items; mapping keys and values alternate */
	uint32_t len;        /* length of str */
	unsigned n : 27;     /* number of kids (twice the pairs for a mapping) */
	unsigned kind : 2;   /* enum yn_kind */
	unsigned style : 2;  /* enum yn_style; scalars only */
	unsigned flow : 1;   /* collections written as [..] or {..} */
	unsigned line, col;  /* where the node starts */
	unsigned end_line, end_col; /* just past its last character */
};

struct ydoc {
	char *path;          /* as shown in messages, relative to the project */
	char *src;           /* the bytes read, NUL-terminated */
	size_t len;
	struct ynode *root;  /* NULL for an empty document */
	struct arena arena;
	uint32_t *lines;     /* byte offset where each line starts (the size
	                      * limits keep offsets below 4 GiB) */
	size_t nlines;
	const char *eol;     /* the file's line ending: "\n" or "\r\n" */
	int fd;              /* a streamed file, kept open; else -1 */
	struct arena reread; /* scratch for its stubs' lines (yn_get()) */
	bool src_borrowed;   /* src belongs to the caller (ydoc_parse_stream) */
};

/*
 * Streaming.  A register of 100,000 records parses into some five million
 * nodes, far more memory than the text, yet a command that only reads needs
 * each record's values, not its nodes.  So the items of the lists named in
 * a struct ystream are handed, one complete record at a time, to a callback
 * that loads them; the item's nodes and text are then freed and a stub
 * takes the item's place in its list: an empty mapping located where the
 * item was.  A diagnostic needs only that location, or the place of one of
 * its values: yn_full() then parses the record's lines again, once, and
 * returns its nodes exactly as a whole parse would have located them.
 *
 * Only the mappings in block lists directly under the top-level mapping
 * stream, each starting on a line of its own; a flow list and every other
 * node are kept as usual.
 */
struct ystub {
	struct ynode n;             /* where the record is: an empty mapping */
	const struct ystub *parent; /* of a nested record: its holder */
	const struct ydoc *doc;     /* of a list item: its document */
	const char *key;            /* its list's key, or the holder's field */
	uint32_t index;             /* nested: item of a list field, or
	                             * YSTUB_NO_INDEX for a mapping field */
	uint32_t start, end;        /* list item: the bytes of its lines */
	unsigned first_line;        /* list item: the line of its dash */
	struct ynode *full;         /* parsed again, once asked for */
	void *rec;                  /* what the callback loaded from it */
	bool verbatim;              /* set by the loader: a value is written
	                             * unusually (recout.c) */
};
#define YSTUB_NO_INDEX UINT32_MAX

struct ystream {
	const char *const *keys;    /* NULL-terminated list keys to stream */
	/* Called with each item, its nodes valid until it returns, and the
	 * stub that will replace it. */
	void (*item)(void *arg, struct ynode *item, struct ystub *stub);
	void *arg;
};

/* Parses src (copied).  On a syntax error returns it with *out NULL. */
struct isms_error *ydoc_parse(const char *path, const char *src, size_t len,
    struct ydoc **out);
/* Reads and parses a file; display is the path used in messages. */
struct isms_error *ydoc_load(const char *file, const char *display,
    struct ydoc **out);
/* Reads a whole file, refusing anything larger than limit bytes. */
struct isms_error *read_file(const char *file, const char *display,
    size_t limit, char **buf, size_t *len);
/* Parses text, streaming the items of st's lists; the document reads the
 * text in place, which must outlive it. */
struct isms_error *ydoc_parse_stream(const char *path, const char *text,
    size_t len, const struct ystream *st, struct ydoc **out);
/* As ydoc_load, streaming the items of st's lists. */
struct isms_error *ydoc_load_stream(const char *file, const char *display,
    const struct ystream *st, struct ydoc **out);
/* Frees the text of a streamed document (src and lines become NULL): its
 * stubs read their lines again from the file, which it keeps open, so
 * that a register a command only reads costs no copy of its text.  Only
 * yn_full() may be asked of it afterwards.  Does nothing for a document
 * not read from a file. */
void ydoc_drop_text(struct ydoc *doc);
void ydoc_free(struct ydoc *doc);
/* Frees the tree but keeps the text: root becomes NULL and every node and
 * scalar string of the document is gone. */
void ydoc_drop_tree(struct ydoc *doc);

/* The line ending text uses: that of its first line break ("\r\n" or
 * "\n"), which is what the writer continues (ydoc.eol). */
const char *yaml_eol(const char *text, size_t len);
/* Byte offset of a 1-based (line, col) position. */
size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col);
/* Byte offsets of the start of a line and of its line break. */
size_t ydoc_line_start(const struct ydoc *doc, unsigned line);
size_t ydoc_line_end(const struct ydoc *doc, unsigned line);
/* The line of the dash that introduces a block list item. */
unsigned ydoc_dash_line(const struct ydoc *doc, const struct ynode *item);
/* The last line that holds a character of node n. */
unsigned yn_last_line(const struct ynode *n);

/* Mapping access; NULL when absent or when map is not a mapping. */
struct ynode *yn_get(const struct ynode *map, const char *key);
struct ynode *yn_get_key(const struct ynode *map, const char *key);
#define YN_KEY(m, i) ((m)->kids[2 * (i)])
#define YN_VAL(m, i) ((m)->kids[2 * (i) + 1])
#define YN_PAIRS(m) ((size_t)(m)->n / 2)

/*
 * A hint that the subtree of n is about to be read: asks the processor to
 * start loading it.  The builder lays a subtree out in one run of memory,
 * from its node to the end of its child list (or of its text), so a loop
 * over records that hints a record or two ahead finds each one in the
 * cache instead of waiting for every node in turn.  Costs nothing where
 * the compiler has no prefetch; n may be NULL.
 */
void yn_prefetch(const struct ynode *n);

/* n itself, or for a stub the record's nodes (parsed again on first use;
 * the stub itself if its text cannot give them back). */
const struct ynode *yn_full(const struct ynode *n);
bool yn_is_stub(const struct ynode *n);
/* A stub for a record nested in a streamed one: at's location, found again
 * as parent's field key (item index of it when a list). */
struct ystub *ystub_nested(struct arena *a, const struct ystub *parent,
    const struct ynode *at, const char *key, uint32_t index);
/* A copy of the subtree n in arena a, located as n; with shared, a short
 * scalar is one node per text and style, found or added there, and then
 * located where it was first seen. */
struct idmap;
struct ynode *yn_copy(struct arena *a, const struct ynode *n,
    struct idmap *shared);

bool yn_is_null(const struct ynode *n);
bool yn_is_scalar(const struct ynode *n);
const char *yn_kind_name(const struct ynode *n);

#endif
