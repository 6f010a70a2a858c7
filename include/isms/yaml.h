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

bool yn_is_null(const struct ynode *n);
bool yn_is_scalar(const struct ynode *n);
const char *yn_kind_name(const struct ynode *n);

#endif
