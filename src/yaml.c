/*
 * libyaml events to a located node tree.
 *
 * The builder keeps an explicit stack of open collections instead of
 * recursing, so hostile nesting costs no C stack; YAML_MAX_DEPTH bounds it
 * anyway because no register needs more than a handful of levels.  Children
 * are collected in a scratch vector per nesting depth and copied into the
 * arena when the collection closes; the scratch vectors are kept for the
 * next collection at the same depth, so a register of 100,000 records costs
 * a handful of mallocs for them, not one per record.  The file is parsed
 * from the buffer it was read into, which the document then keeps: no copy.
 *
 * libyaml counts columns and indexes in characters and treats CR, LF, CRLF,
 * NEL, LS and PS as line breaks; the line table below follows the same rules
 * so that a (line, column) mark maps back to the exact byte.  A UTF-8 byte
 * order mark is not handed to libyaml at all: with the encoding fixed to
 * UTF-8 it would read the mark as a character of the first line, shifting
 * that line's columns by one and breaking any block mapping that follows.
 */
#include "isms/yaml.h"

#include "isms/idmap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

struct frame {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
};

struct builder {
	struct ydoc *doc;
	struct frame stack[YAML_MAX_DEPTH + 1];
	size_t depth;
	size_t documents;
	/* Streaming (struct ystream): an item being built lives in scratch,
	 * which is emptied once the item has been handed over. */
	const struct ystream *st;
	struct arena *cur;       /* where nodes and text go now */
	struct arena scratch;
	bool in_item;
	size_t prev_end;         /* end of the last streamed item's lines */
};

/* Length of the line break at p, 0 if none. */
static size_t break_len(const unsigned char *p, const unsigned char *end)
{
	if (*p == '\n')
		return 1;
	if (*p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	if (*p == 0xC2 && p + 1 < end && p[1] == 0x85)
		return 2;
	if (*p == 0xE2 && p + 2 < end && p[1] == 0x80 &&
	    (p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

const char *yaml_eol(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;
	for (const unsigned char *p = s; p < end; p++) {
		size_t b = break_len(p, end);
		if (b)
			return *p == '\r' && b == 2 ? "\r\n" : "\n";
	}
	return "\n";
}

static void index_lines(struct ydoc *doc)
{
	const unsigned char *s = (const unsigned char *)doc->src;
	const unsigned char *end = s + doc->len;
	size_t cap = doc->len / 32 + 16;
	size_t first = 0;

	/* The byte order mark is not part of line 1 (see ydoc_parse). */
	if (doc->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		first = 3;
	doc->lines = xmalloc(cap * sizeof(*doc->lines));
	doc->lines[doc->nlines++] = (uint32_t)first;
	doc->eol = yaml_eol(doc->src, doc->len);
	for (const unsigned char *p = s + first; p < end;) {
		/* Printable ASCII (0x0E-0x7F), most of any register, never
		 * starts a line break: one compare skips it. */
		if ((unsigned char)(*p - 0x0E) < 0x72) {
			p++;
			continue;
		}
		size_t b = break_len(p, end);
		if (!b) {
			p++;
			continue;
		}
		p += b;
		if (doc->nlines == cap)
			GROW(doc->lines, cap, doc->nlines + 1);
		doc->lines[doc->nlines++] = (uint32_t)(p - s);
	}
}

size_t ydoc_line_start(const struct ydoc *doc, unsigned line)
{
	if (line == 0)
		return 0;
	if (line > doc->nlines)
		return doc->len;
	return doc->lines[line - 1];
}

size_t ydoc_line_end(const struct ydoc *doc, unsigned line)
{
	size_t p = ydoc_line_start(doc, line);
	const unsigned char *s = (const unsigned char *)doc->src;
	while (p < doc->len && !break_len(s + p, s + doc->len))
		p++;
	return p;
}

size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col)
{
	size_t p = ydoc_line_start(doc, line);
	size_t end = ydoc_line_end(doc, line);
	const unsigned char *s = (const unsigned char *)doc->src;
	for (unsigned c = 1; c < col && p < end; c++) {
		p++;
		while (p < end && (s[p] & 0xC0) == 0x80)
			p++;
	}
	if (col > 1 && p >= end)
		return end;
	return p;
}

unsigned ydoc_dash_line(const struct ydoc *d, const struct ynode *item)
{
	size_t p = ydoc_offset(d, item->line, item->col);
	while (p > 0) {
		char c = d->src[p - 1];
		if (c == '-')
			break;
		if (c != ' ' && c != '\n' && c != '\r')
			return item->line;
		p--;
	}
	unsigned line = item->line;
	while (line > 1 && ydoc_line_start(d, line) > p - 1)
		line--;
	return line;
}

unsigned yn_last_line(const struct ynode *n)
{
	/* A mark at column 1 of a later line means the node ended with the
	 * previous line break (block scalars, block collections). */
	if (n->end_col <= 1 && n->end_line > n->line)
		return n->end_line - 1;
	return n->end_line;
}

static struct isms_error *syntax_error(struct builder *b, unsigned line,
    unsigned col, const char *fmt, const char *arg)
{
	return err_at(EXIT_DATA, b->doc->path, line, col, fmt, arg);
}

static struct ynode *new_node(struct builder *b, enum yn_kind kind,
    const yaml_mark_t *start)
{
	struct ynode *n = arena_alloc_align(b->cur, sizeof(*n),
	    _Alignof(struct ynode));
	n->kind = kind;
	n->line = (unsigned)start->line + 1;
	n->col = (unsigned)start->column + 1;
	return n;
}

static void set_end(struct ynode *n, const yaml_mark_t *end)
{
	n->end_line = (unsigned)end->line + 1;
	n->end_col = (unsigned)end->column + 1;
}

static void attach(struct builder *b, struct ynode *n)
{
	if (b->depth == 0) {
		b->doc->root = n;
		return;
	}
	struct frame *f = &b->stack[b->depth - 1];
	if (f->n == f->cap)
		GROW(f->kids, f->cap, f->n + 1);
	f->kids[f->n++] = n;
}

static struct isms_error *check_props(struct builder *b, const yaml_event_t *ev,
    const yaml_char_t *anchor, const yaml_char_t *tag, bool *force_str)
{
	unsigned line = (unsigned)ev->start_mark.line + 1;
	unsigned col = (unsigned)ev->start_mark.column + 1;
	if (anchor)
		return syntax_error(b, line, col,
		    "anchors and aliases are not allowed (&%s); write the value out",
		    (const char *)anchor);
	if (tag) {
		if (strcmp((const char *)tag, YAML_STR_TAG) == 0) {
			*force_str = true;
			return NULL;
		}
		return syntax_error(b, line, col,
		    "tags are not allowed (%s); only !!str is accepted",
		    (const char *)tag);
	}
	return NULL;
}

/* Does a mapping opened now start an item of a streamed list: a block list
 * that is the value of one of the stream's keys in a block mapping at the
 * top? */
static bool streams_here(const struct builder *b)
{
	if (!b->st || b->in_item || b->depth != 2)
		return false;
	const struct frame *top = &b->stack[0], *list = &b->stack[1];
	if (top->node->kind != YN_MAP || top->node->flow ||
	    list->node->kind != YN_SEQ || list->node->flow || top->n < 2)
		return false;
	const struct ynode *key = top->kids[top->n - 2];
	if (key->kind != YN_SCALAR)
		return false;
	/* A key given twice is a problem whose second list is never loaded:
	 * only the first streams. */
	for (size_t i = 0; i + 2 < top->n; i += 2)
		if (top->kids[i]->kind == YN_SCALAR &&
		    strcmp(top->kids[i]->str, key->str) == 0)
			return false;
	for (size_t i = 0; b->st->keys[i]; i++)
		if (strcmp(key->str, b->st->keys[i]) == 0)
			return true;
	return false;
}

static struct isms_error *open_collection(struct builder *b,
    const yaml_event_t *ev, enum yn_kind kind)
{
	const yaml_char_t *anchor, *tag;
	bool flow, force = false;
	struct isms_error *err;

	if (kind == YN_SEQ) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.implicit ? NULL :
		    ev->data.sequence_start.tag;
		flow = ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	} else {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.implicit ? NULL :
		    ev->data.mapping_start.tag;
		flow = ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
	}
	if ((err = check_props(b, ev, anchor, tag, &force)))
		return err;
	if (force)
		return syntax_error(b, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "%s cannot be applied to a collection", "!!str");
	if (b->depth >= YAML_MAX_DEPTH)
		return err_at(EXIT_DATA, b->doc->path,
		    (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "nesting deeper than %d levels", YAML_MAX_DEPTH);
	if (kind == YN_MAP && streams_here(b))
		b->in_item = true, b->cur = &b->scratch;
	struct ynode *n = new_node(b, kind, &ev->start_mark);
	n->flow = flow;
	attach(b, n);
	struct frame *f = &b->stack[b->depth++];
	f->node = n;
	f->n = 0;
	return NULL;
}

/* Makes st an empty mapping located as the node it stands for. */
static void stub_at(struct ystub *st, const struct ynode *at)
{
	st->n.kind = YN_MAP;
	st->n.style = YS_STUB;
	st->n.flow = at->flow;
	st->n.line = at->line;
	st->n.col = at->col;
	st->n.end_line = at->end_line;
	st->n.end_col = at->end_col;
}

/*
 * The item is complete: the callback loads it, a stub takes its place and
 * its nodes go.  The stub remembers the item's lines so that yn_full() can
 * parse them again; lines that do not start with the item's dash, or that
 * overlap the previous item's, cannot be cut out, and such a stub keeps a
 * copy of the item's nodes instead.
 */
static void finish_item(struct builder *b, struct ynode *item)
{
	struct ydoc *d = b->doc;
	struct frame *top = &b->stack[0], *list = &b->stack[1];
	struct ystub *st = arena_alloc_align(&d->arena, sizeof(*st),
	    _Alignof(struct ystub));
	unsigned first = ydoc_dash_line(d, item);
	size_t start = ydoc_line_start(d, first);
	unsigned last = yn_last_line(item);
	size_t end = last < d->nlines ? d->lines[last] : d->len;
	size_t at = start;

	while (at < end && d->src[at] == ' ')
		at++;
	stub_at(st, item);
	st->doc = d;
	st->key = top->kids[top->n - 2]->str;
	st->index = YSTUB_NO_INDEX;
	if (start >= b->prev_end && at < end && d->src[at] == '-') {
		st->start = (uint32_t)start;
		st->end = (uint32_t)end;
		st->first_line = first;
		b->prev_end = end;
	} else {
		/* Lines that cannot be cut out (a comment after the dash):
		 * the stub keeps the record's nodes. */
		st->full = yn_copy(&d->arena, item, NULL);
	}
	b->st->item(b->st->arg, item, st);
	list->kids[list->n - 1] = &st->n;
	b->in_item = false;
	b->cur = &d->arena;
	arena_reset(&b->scratch);
}

static struct isms_error *close_collection(struct builder *b,
    const yaml_event_t *ev)
{
	struct frame *f = &b->stack[--b->depth];
	struct ynode *n = f->node;
	/* The file size limit keeps this far off; a parsed string has none. */
	if (f->n > YAML_MAX_KIDS)
		return err_at(EXIT_DATA, b->doc->path, n->line, n->col,
		    "more than %zu items in one collection", YAML_MAX_KIDS);
	n->n = (unsigned)f->n;
	if (f->n) {
		n->kids = arena_alloc_align(b->cur,
		    f->n * sizeof(*n->kids), _Alignof(struct ynode *));
		memcpy(n->kids, f->kids, f->n * sizeof(*n->kids));
	}
	/* Block collections end where the next token starts; use the end of
	 * their last child instead so trailing comments are not included. */
	if (!n->flow && n->n) {
		struct ynode *last = n->kids[n->n - 1];
		n->end_line = last->end_line;
		n->end_col = last->end_col;
	} else {
		set_end(n, &ev->end_mark);
	}
	if (b->in_item && b->depth == 2)
		finish_item(b, n);
	return NULL;
}

static bool blank_line(const struct ydoc *doc, unsigned line)
{
	size_t p = ydoc_line_start(doc, line), end = ydoc_line_end(doc, line);
	for (; p < end; p++)
		if (doc->src[p] != ' ' && doc->src[p] != '\t')
			return false;
	return true;
}

/*
 * libyaml ends a block scalar where the next token starts, past the blank
 * lines that follow it.  Those lines are not part of the value (unless a
 * keep indicator, |+, made them trailing newlines of it), and counting them
 * in would let an edit of the value swallow the blank line that separates
 * it from the next key.  So the end is pulled back to the line after its
 * last line of text, plus one line per kept trailing newline.
 */
static void trim_block_end(const struct ydoc *doc, struct ynode *n)
{
	if (n->end_col != 1 || n->end_line <= n->line)
		return;
	unsigned last = n->end_line - 1;
	while (last > n->line && blank_line(doc, last))
		last--;
	size_t kept = 0;
	while (kept < n->len && n->str[n->len - 1 - kept] == '\n')
		kept++;
	for (; kept > 1 && last < n->end_line - 1; kept--)
		last++;
	n->end_line = last + 1;
}

static struct isms_error *add_scalar(struct builder *b, const yaml_event_t *ev)
{
	bool force = false;
	struct isms_error *err;
	const yaml_char_t *tag = ev->data.scalar.plain_implicit ||
	    ev->data.scalar.quoted_implicit ? NULL : ev->data.scalar.tag;

	if ((err = check_props(b, ev, ev->data.scalar.anchor, tag, &force)))
		return err;
	size_t len = ev->data.scalar.length;
	const char *v = (const char *)ev->data.scalar.value;
	if (len > YAML_MAX_SCALAR)
		return err_at(EXIT_DATA, b->doc->path,
		    (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "value is %zu bytes long; the limit is %zu", len,
		    YAML_MAX_SCALAR);
	if (memchr(v, '\0', len))
		return syntax_error(b, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "%svalue contains a NUL character", "");
	struct ynode *n = new_node(b, YN_SCALAR, &ev->start_mark);
	set_end(n, &ev->end_mark);
	switch (ev->data.scalar.style) {
	case YAML_PLAIN_SCALAR_STYLE:
		n->style = force ? YS_QUOTED : YS_PLAIN;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = YS_BLOCK;
		break;
	default:
		n->style = YS_QUOTED;
		break;
	}
	n->str = arena_strndup(b->cur, v, len);
	n->len = (uint32_t)len;
	if (n->style == YS_BLOCK)
		trim_block_end(b->doc, n);
	attach(b, n);
	return NULL;
}

static struct isms_error *libyaml_error(struct builder *b, yaml_parser_t *p,
    size_t skipped)
{
	unsigned line = (unsigned)p->problem_mark.line + 1;
	unsigned col = (unsigned)p->problem_mark.column + 1;
	const char *problem = p->problem ? p->problem : "cannot parse";

	if (p->error == YAML_READER_ERROR)
		return err_at(EXIT_DATA, b->doc->path, 0, 0,
		    "not a UTF-8 text file (%s at byte %zu)", problem,
		    p->problem_offset + skipped);
	if (p->error == YAML_MEMORY_ERROR)
		out_of_memory();
	size_t off = ydoc_offset(b->doc, line, col);
	if (off < b->doc->len && b->doc->src[off] == '\t')
		return err_at(EXIT_DATA, b->doc->path, line, col,
		    "YAML syntax error: tab character; indent with spaces");
	if (p->context)
		return err_at(EXIT_DATA, b->doc->path, line, col,
		    "YAML syntax error: %s %s", problem, p->context);
	return err_at(EXIT_DATA, b->doc->path, line, col,
	    "YAML syntax error: %s", problem);
}

static struct isms_error *handle_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1)
			return err_at(EXIT_DATA, b->doc->path,
			    (unsigned)ev->start_mark.line + 1,
			    (unsigned)ev->start_mark.column + 1,
			    "more than one YAML document in the file");
		return NULL;
	case YAML_ALIAS_EVENT:
		return syntax_error(b, (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "anchors and aliases are not allowed (*%s); write the value out",
		    (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		return add_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, ev, YN_SEQ);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, ev, YN_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b, ev);
	default:
		return NULL;
	}
}

/* Parses src, which must hold len bytes and a NUL after them and which the
 * document takes over unless it borrows it; nodes and text go into the
 * document's arena, or into `into` when given. */
static struct isms_error *parse_owned(const char *path, char *src, size_t len,
    bool borrow, const struct ystream *st, struct arena *into,
    struct ydoc **out)
{
	struct builder b;
	struct isms_error *err = NULL;
	yaml_parser_t parser;
	yaml_event_t ev;
	bool done = false;

	*out = NULL;
	/* Line offsets are 32 bits; files are refused long before this. */
	if (len > UINT32_MAX) {
		if (!borrow)
			free(src);
		return err_at(EXIT_DATA, path, 0, 0, "text is larger than 4 GiB");
	}
	memset(&b, 0, sizeof(b));
	b.doc = xcalloc(1, sizeof(*b.doc));
	b.doc->fd = -1;
	b.doc->path = xstrdup(path);
	b.doc->src = src;
	b.doc->src_borrowed = borrow;
	b.doc->len = len;
	b.cur = into ? into : &b.doc->arena;
	b.st = st;
	index_lines(b.doc);
	size_t bom = b.doc->lines[0];

	if (!yaml_parser_initialize(&parser))
		out_of_memory();
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)b.doc->src + bom, len - bom);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !err) {
		if (!yaml_parser_parse(&parser, &ev)) {
			err = libyaml_error(&b, &parser, bom);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		err = handle_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i < ARRAY_SIZE(b.stack); i++)
		free(b.stack[i].kids);
	arena_free(&b.scratch);
	if (err) {
		ydoc_free(b.doc);
		return err;
	}
	*out = b.doc;
	return NULL;
}

struct isms_error *ydoc_parse(const char *path, const char *src, size_t len,
    struct ydoc **out)
{
	return parse_owned(path, xstrndup(src, len), len, false, NULL, NULL,
	    out);
}

struct isms_error *ydoc_parse_stream(const char *path, const char *text,
    size_t len, const struct ystream *st, struct ydoc **out)
{
	/* Never written through: the builder only reads src. */
	return parse_owned(path, (char *)text, len, true, st, NULL, out);
}

/* read_file(), keeping a regular file open in *keep when keep is given
 * (-1 otherwise). */
static struct isms_error *read_whole(const char *file, const char *display,
    size_t limit, char **buf, size_t *len, int *keep)
{
	struct stat st;
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct sbuf sb = SBUF_INIT;

	*buf = NULL;
	*len = 0;
	if (fd < 0)
		return err_errno(display, "cannot open");
	if (fstat(fd, &st) < 0) {
		close(fd);
		return err_errno(display, "cannot stat");
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return err_at(EXIT_IO, display, 0, 0, "is a directory");
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > limit) {
		close(fd);
		return err_at(EXIT_DATA, display, 0, 0,
		    "file is %lld bytes; the limit is %zu MiB",
		    (long long)st.st_size, limit >> 20);
	}
	/* A regular file is read into a buffer of its size: no doubling,
	 * no slack kept for the life of the document. */
	if (S_ISREG(st.st_mode)) {
		sbuf_grow(&sb, (size_t)st.st_size + 1);
		mem_prefault(sb.buf, (size_t)st.st_size);
	}
	for (;;) {
		if (!sb.cap || sb.cap - sb.len - 1 == 0)
			sbuf_grow(&sb, 65536);
		ssize_t n = read(fd, sb.buf + sb.len, sb.cap - sb.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			struct isms_error *err = err_errno(display, "cannot read");
			close(fd);
			sbuf_release(&sb);
			return err;
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > limit) {
			close(fd);
			sbuf_release(&sb);
			return err_at(EXIT_DATA, display, 0, 0,
			    "file is larger than the limit of %zu MiB",
			    limit >> 20);
		}
	}
	if (keep && S_ISREG(st.st_mode))
		*keep = fd;
	else
		close(fd);
	*buf = sbuf_detach(&sb, len);
	return NULL;
}

struct isms_error *read_file(const char *file, const char *display,
    size_t limit, char **buf, size_t *len)
{
	return read_whole(file, display, limit, buf, len, NULL);
}

struct isms_error *ydoc_load(const char *file, const char *display,
    struct ydoc **out)
{
	return ydoc_load_stream(file, display, NULL, out);
}

struct isms_error *ydoc_load_stream(const char *file, const char *display,
    const struct ystream *st, struct ydoc **out)
{
	char *buf;
	size_t len;
	int fd = -1;
	struct isms_error *err = read_whole(file, display, YAML_MAX_FILE, &buf,
	    &len, st ? &fd : NULL);
	*out = NULL;
	if (err)
		return err;
	err = parse_owned(display, buf, len, false, st, NULL, out);
	if (*out)
		(*out)->fd = fd;
	else if (fd >= 0)
		close(fd);
	return err;
}

void ydoc_drop_text(struct ydoc *doc)
{
	if (!doc || doc->fd < 0)
		return;
	free(doc->src);
	free(doc->lines);
	doc->src = NULL;
	doc->lines = NULL;
	doc->nlines = 0;
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	if (doc->fd >= 0)
		close(doc->fd);
	if (doc->src_borrowed)
		doc->src = NULL;
	arena_free(&doc->arena);
	arena_free(&doc->reread);
	free(doc->lines);
	free(doc->src);
	free(doc->path);
	free(doc);
}

void ydoc_drop_tree(struct ydoc *doc)
{
	if (!doc)
		return;
	arena_free(&doc->arena);
	doc->root = NULL;
}

/*
 * The index of the pair whose key is key, or -1.  Lookups by name run for
 * every record, often on trees that are no longer in the cache: the
 * length, kept in the key's node, rules out nearly every other key without
 * reading its text.
 */
static long pair_index(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return -1;
	size_t len = strlen(key);
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i);
		if (k->kind == YN_SCALAR && k->len == len &&
		    memcmp(k->str, key, len) == 0)
			return (long)i;
	}
	return -1;
}

static struct ynode *stub_pair(const struct ynode *map, const char *key,
    bool want_key);

struct ynode *yn_get_key(const struct ynode *map, const char *key)
{
	if (yn_is_stub(map))
		return stub_pair(map, key, true);
	long i = pair_index(map, key);
	return i < 0 ? NULL : YN_KEY(map, i);
}

struct ynode *yn_get(const struct ynode *map, const char *key)
{
	if (yn_is_stub(map))
		return stub_pair(map, key, false);
	long i = pair_index(map, key);
	return i < 0 ? NULL : YN_VAL(map, i);
}

/* A subtree larger than this is not a record; its start is enough. */
#define PREFETCH_MAX 8192

void yn_prefetch(const struct ynode *n)
{
#if defined(__GNUC__) || defined(__clang__)
	if (!n)
		return;
	/* An empty collection (a stub is one) has no child list. */
	uintptr_t at = (uintptr_t)n, end = n->kind == YN_SCALAR ?
	    (uintptr_t)(n->str + n->len) :
	    n->kids ? (uintptr_t)(n->kids + n->n) : at;
	/* A subtree that crossed into a new arena chunk is not one run. */
	if (end <= at || end - at > PREFETCH_MAX)
		end = at + 1;
	for (; at < end; at += 64)
		__builtin_prefetch((const void *)at);
#else
	(void)n;
#endif
}

bool yn_is_stub(const struct ynode *n)
{
	return n && n->kind == YN_MAP && n->style == YS_STUB;
}

static void shift_lines(struct ynode *n, unsigned by)
{
	n->line += by;
	n->end_line += by;
	for (size_t i = 0; n->kind != YN_SCALAR && i < n->n; i++)
		shift_lines(n->kids[i], by);
}

/* Bytes [at, at + n) of the document's text, from the file it was read
 * from once the text is gone (ydoc_drop_text()). */
static bool add_text(struct sbuf *sb, const struct ydoc *d, size_t at,
    size_t n)
{
	if (d->src) {
		sbuf_add(sb, d->src + at, n);
		return true;
	}
	if (d->fd < 0)
		return false;
	sbuf_grow(sb, n);
	for (size_t done = 0; done < n;) {
		ssize_t r = pread(d->fd, sb->buf + sb->len + done, n - done,
		    (off_t)(at + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		done += (size_t)r;
	}
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return true;
}

/* A streamed item's lines parsed again under their list's key into a,
 * moved to where they are in the file; NULL if they do not give back the
 * item. */
static struct ynode *reparse_item(const struct ystub *st, struct arena *a)
{
	const struct ydoc *d = st->doc;
	struct sbuf sb = SBUF_INIT;
	struct ydoc *tmp;
	struct ynode *item = NULL;

	if (!d || st->end <= st->start || st->first_line < 2)
		return NULL;
	sbuf_addf(&sb, "%s:%s", st->key, d->eol);
	if (!add_text(&sb, d, st->start, st->end - st->start)) {
		sbuf_release(&sb);
		return NULL;
	}
	size_t len;
	char *text = sbuf_detach(&sb, &len);
	struct isms_error *err = parse_owned(d->path, text, len, false, NULL, a,
	    &tmp);
	if (err) {
		err_free(err);
		return NULL;
	}
	const struct ynode *seq = yn_get(tmp->root, st->key);
	if (seq && seq->kind == YN_SEQ && seq->n == 1)
		item = seq->kids[0];
	if (item)
		shift_lines(item, st->first_line - 2);
	if (item && (item->kind != YN_MAP || item->line != st->n.line ||
	    item->col != st->n.col))
		item = NULL;
	ydoc_free(tmp);
	return item;
}

/* The record st stands for, parsed again into a: a list item's lines, or
 * its holder's for a nested record; NULL when they do not give it back. */
static const struct ynode *reread(const struct ystub *st, struct arena *a)
{
	if (st->full)
		return st->full != &st->n ? st->full : NULL;
	if (!st->parent)
		return reparse_item(st, a);
	const struct ynode *holder = reread(st->parent, a);
	const struct ynode *v = holder ? yn_get(holder, st->key) : NULL;
	if (v && st->index != YSTUB_NO_INDEX)
		v = v->kind == YN_SEQ && st->index < v->n ? v->kids[st->index] :
		    NULL;
	return v && v->kind == YN_MAP ? v : NULL;
}

/* The document a stub's lines are read from, whose arenas keep what is
 * asked of it: its users only read it, and these are caches. */
static struct ydoc *stub_doc(const struct ystub *st)
{
	while (st->parent)
		st = st->parent;
	return (struct ydoc *)st->doc;
}

const struct ynode *yn_full(const struct ynode *n)
{
	if (!yn_is_stub(n))
		return n;
	struct ystub *st = (struct ystub *)n;
	if (!st->full) {
		struct ydoc *d = stub_doc(st);
		const struct ynode *full = d ? reread(st, &d->arena) : NULL;
		st->full = (struct ynode *)(full ? full : n);
	}
	return st->full;
}

/*
 * A pair of a stub's record.  Unless the whole record was asked for
 * (yn_full()), its lines are parsed into a scratch arena and only the
 * pair's key or value is kept, copied: a problem reported in each of
 * 100,000 records costs a node apiece, not a record.
 */
static struct ynode *stub_pair(const struct ynode *map, const char *key,
    bool want_key)
{
	const struct ystub *st = (const struct ystub *)map;
	struct ydoc *d = stub_doc(st);
	const struct ynode *rec = st->full ? st->full :
	    d ? reread(st, &d->reread) : NULL;
	long i = rec && rec != map ? pair_index(rec, key) : -1;
	struct ynode *got = i < 0 ? NULL :
	    want_key ? YN_KEY(rec, i) : YN_VAL(rec, i);
	if (got && !st->full)
		got = yn_copy(&d->arena, got, NULL);
	if (d)
		arena_reset(&d->reread);
	return got;
}

struct ystub *ystub_nested(struct arena *a, const struct ystub *parent,
    const struct ynode *at, const char *key, uint32_t index)
{
	struct ystub *st = arena_alloc_align(a, sizeof(*st),
	    _Alignof(struct ystub));
	stub_at(st, at);
	st->parent = parent;
	st->key = key;
	st->index = index;
	return st;
}

/* The node for a scalar's text and style in shared, added if new; NULL
 * for a long text, which is copied instead. */
static struct ynode *shared_scalar(struct arena *a, const struct ynode *n,
    struct idmap *shared)
{
	char key[64];
	if (n->len + 2 > sizeof(key))
		return NULL;
	key[0] = (char)('0' + n->style);
	memcpy(key + 1, n->str, n->len + 1);
	struct ynode *c = idmap_get(shared, key);
	if (!c) {
		c = yn_copy(a, n, NULL);
		idmap_put(shared, arena_strdup(a, key), c);
	}
	return c;
}

struct ynode *yn_copy(struct arena *a, const struct ynode *n,
    struct idmap *shared)
{
	struct ynode *c;
	if (n->kind == YN_SCALAR && shared && (c = shared_scalar(a, n, shared)))
		return c;
	c = arena_alloc_align(a, sizeof(*c), _Alignof(struct ynode));
	*c = *n;
	if (n->kind == YN_SCALAR) {
		c->str = arena_strndup(a, n->str, n->len);
		return c;
	}
	if (n->n) {
		c->kids = arena_alloc_align(a, n->n * sizeof(*c->kids),
		    _Alignof(struct ynode *));
		for (size_t i = 0; i < n->n; i++)
			c->kids[i] = yn_copy(a, n->kids[i], shared);
	}
	return c;
}

bool yn_is_scalar(const struct ynode *n)
{
	return n && n->kind == YN_SCALAR;
}

bool yn_is_null(const struct ynode *n)
{
	if (!n)
		return true;
	if (n->kind != YN_SCALAR || n->style != YS_PLAIN)
		return false;
	/* Every scalar is asked this; the length settles most at once. */
	if (n->len != 0 && n->len != 1 && n->len != 4)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
	    strcmp(n->str, "NULL") == 0;
}

const char *yn_kind_name(const struct ynode *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case YN_SEQ:
		return "a list";
	case YN_MAP:
		return "a mapping";
	default:
		return yn_is_null(n) ? "null" : "a scalar";
	}
}
