/*
 * Splicing edits into register text.
 *
 * Positions come from the parser's marks (line and column) and are turned
 * into byte offsets through the document's line table.  Inserted text uses
 * the file's own line ending and the indentation of the neighbouring
 * records, so a CRLF file stays CRLF and a 4-space file stays 4-space.
 */
#include "isms/splice.h"

#include <stdlib.h>
#include <string.h>

void splice_init(struct splice *sp, const struct ydoc *doc)
{
	memset(sp, 0, sizeof(*sp));
	sp->doc = doc;
}

void splice_release(struct splice *sp)
{
	for (size_t i = 0; i < sp->n; i++)
		free(sp->v[i].text);
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
}

void splice_replace(struct splice *sp, size_t start, size_t end,
    const char *text)
{
	GROW(sp->v, sp->cap, sp->n + 1);
	sp->v[sp->n] = (struct splice_edit){ start, end, xstrdup(text), sp->n };
	sp->n++;
}

/* An edit that several operations of one session may each ask for (the
 * key of a list they all start) is made once. */
static void splice_replace_once(struct splice *sp, size_t start, size_t end,
    const char *text)
{
	for (size_t i = 0; i < sp->n; i++)
		if (sp->v[i].start == start && sp->v[i].end == end &&
		    strcmp(sp->v[i].text, text) == 0)
			return;
	splice_replace(sp, start, end, text);
}

static int edit_cmp(const void *a, const void *b)
{
	const struct splice_edit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

char *splice_apply(const struct splice *sp, size_t *len)
{
	struct sbuf out = SBUF_INIT;
	size_t pos = 0;
	struct splice_edit *v = xmalloc((sp->n ? sp->n : 1) * sizeof(*v));

	/* No edits at all is valid (unsetting a key that is not there), and
	 * memcpy and qsort must not be handed the NULL vector then. */
	if (sp->n) {
		memcpy(v, sp->v, sp->n * sizeof(*v));
		qsort(v, sp->n, sizeof(*v), edit_cmp);
	}
	for (size_t i = 0; i < sp->n; i++) {
		if (v[i].start < pos)
			continue; /* overlapping edits are a caller bug; skip */
		sbuf_add(&out, sp->doc->src + pos, v[i].start - pos);
		sbuf_adds(&out, v[i].text);
		pos = v[i].end;
	}
	sbuf_add(&out, sp->doc->src + pos, sp->doc->len - pos);
	free(v);
	return sbuf_detach(&out, len);
}

static size_t node_start(const struct ydoc *d, const struct ynode *n)
{
	return ydoc_offset(d, n->line, n->col);
}

/* Just past the last character of a node's value. */
static size_t node_end(const struct ydoc *d, const struct ynode *n)
{
	if (n->end_col <= 1 && n->end_line > n->line)
		return ydoc_line_end(d, n->end_line - 1);
	return ydoc_offset(d, n->end_line, n->end_col);
}

/* Start of the line after `line`, or the end of the file. */
static size_t next_line_start(const struct ydoc *d, unsigned line)
{
	return line < d->nlines ? d->lines[line] : d->len;
}

static size_t after_colon(const struct ydoc *d, const struct ynode *key)
{
	size_t p = node_end(d, key);
	while (p < d->len && (d->src[p] == ' ' || d->src[p] == '\t'))
		p++;
	return p < d->len && d->src[p] == ':' ? p + 1 : node_end(d, key);
}

static bool empty_value(const struct ynode *v)
{
	return v->kind == YN_SCALAR && v->style == YS_PLAIN && v->len == 0;
}

/* End of the value of a pair: where a replacement of the value stops. */
static size_t value_end(const struct ydoc *d, const struct ynode *key,
    const struct ynode *v)
{
	return empty_value(v) ? after_colon(d, key) : node_end(d, v);
}

static long pair_index(const struct ynode *map, const char *key)
{
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i);
		if (k->kind == YN_SCALAR && strcmp(k->str, key) == 0)
			return (long)i;
	}
	return -1;
}

/* The last line a pair occupies (its value may be a block). */
static unsigned pair_last_line(const struct ynode *k, const struct ynode *v)
{
	if (empty_value(v))
		return k->end_line;
	unsigned l = yn_last_line(v);
	return l > k->line ? l : k->line;
}

static struct isms_error *add_key_flow(struct splice *sp,
    const struct ynode *map, const char *key, const char *text)
{
	const struct ydoc *d = sp->doc;
	size_t close = node_end(d, map);
	if (close == 0 || d->src[close - 1] != '}')
		return err_at(EXIT_DATA, d->path, map->line, map->col,
		    "cannot add '%s' to this mapping; edit it by hand", key);
	struct sbuf sb = SBUF_INIT;
	sbuf_addf(&sb, "%s%s: %s", map->n ? ", " : "", key, text);
	splice_replace(sp, close - 1, close - 1, sb.buf);
	sbuf_release(&sb);
	return NULL;
}

static struct isms_error *add_key_block(struct splice *sp,
    const struct ynode *map, const struct schema *s, const char *key,
    const char *text)
{
	const struct ydoc *d = sp->doc;
	const struct field *f = s ? schema_field(s, key) : NULL;
	size_t want = f ? schema_field_index(s, f) : (size_t)-1;
	long anchor = -1;

	/* After the last present key that comes before it in schema order. */
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i);
		const struct field *kf = s && k->kind == YN_SCALAR ?
		    schema_field(s, k->str) : NULL;
		if (kf && schema_field_index(s, kf) < want)
			anchor = (long)i;
	}
	if (anchor < 0)
		anchor = f ? 0 : (long)YN_PAIRS(map) - 1;
	const struct ynode *ak = YN_KEY(map, anchor), *av = YN_VAL(map, anchor);
	size_t pos = ydoc_line_end(d, pair_last_line(ak, av));
	struct sbuf sb = SBUF_INIT;
	sbuf_adds(&sb, d->eol);
	sbuf_addrepeat(&sb, ' ', YN_KEY(map, 0)->col - 1);
	/* A block value (a list on the lines below) follows the colon
	 * directly, without a trailing space. */
	sbuf_addf(&sb, "%s:%s%s", key,
	    strncmp(text, d->eol, strlen(d->eol)) == 0 ? "" : " ", text);
	splice_replace(sp, pos, pos, sb.buf);
	sbuf_release(&sb);
	return NULL;
}

struct isms_error *splice_set_key(struct splice *sp, const struct ynode *map,
    const struct schema *s, const char *key, const char *value_text)
{
	const struct ydoc *d = sp->doc;
	long i = pair_index(map, key);
	if (i >= 0) {
		const struct ynode *k = YN_KEY(map, i), *v = YN_VAL(map, i);
		struct sbuf sb = SBUF_INIT;
		sbuf_addf(&sb, " %s", value_text);
		splice_replace(sp, after_colon(d, k), value_end(d, k, v), sb.buf);
		sbuf_release(&sb);
		return NULL;
	}
	if (map->flow || map->n == 0)
		return add_key_flow(sp, map, key, value_text);
	return add_key_block(sp, map, s, key, value_text);
}

/* True when only spaces (and a "- " item marker) precede column col. */
static bool starts_line(const struct ydoc *d, const struct ynode *n)
{
	size_t p = ydoc_line_start(d, n->line), end = node_start(d, n);
	for (; p < end; p++)
		if (d->src[p] != ' ')
			return false;
	return true;
}

struct isms_error *splice_remove_key(struct splice *sp,
    const struct ynode *map, const char *key)
{
	const struct ydoc *d = sp->doc;
	long i = pair_index(map, key);
	if (i < 0)
		return NULL;
	const struct ynode *k = YN_KEY(map, i), *v = YN_VAL(map, i);
	if (map->flow) {
		size_t start, end;
		if (i > 0) {
			const struct ynode *pk = YN_KEY(map, i - 1);
			start = value_end(d, pk, YN_VAL(map, i - 1));
			end = value_end(d, k, v);
		} else if (YN_PAIRS(map) > 1) {
			start = node_start(d, k);
			end = node_start(d, YN_KEY(map, 1));
		} else {
			start = node_start(d, k);
			end = value_end(d, k, v);
		}
		splice_replace(sp, start, end, "");
		return NULL;
	}
	if (!starts_line(d, k))
		return err_at(EXIT_DATA, d->path, k->line, k->col,
		    "cannot remove '%s': it shares its line with the item marker; "
		    "edit the file by hand", key);
	splice_replace(sp, ydoc_line_start(d, k->line),
	    next_line_start(d, pair_last_line(k, v)), "");
	return NULL;
}

/* Line of the "-" that introduces a block sequence item. */
static unsigned dash_line(const struct ydoc *d, const struct ynode *item)
{
	return ydoc_dash_line(d, item);
}

static size_t dash_indent(const struct ydoc *d, const struct ynode *item)
{
	unsigned line = dash_line(d, item);
	size_t start = ydoc_line_start(d, line), p = start;
	while (p < d->len && d->src[p] == ' ')
		p++;
	return p - start;
}

static const char *item_id(const struct ynode *item, const struct schema *s)
{
	const struct field *idf = schema_id_field(s);
	const struct ynode *v = idf ? yn_get(item, idf->name) : NULL;
	return v && v->kind == YN_SCALAR ? v->str : NULL;
}

struct seq_ids {
	const struct ynode *seq;
	const struct schema *s;
};

static const char *seq_id_at(const void *ctx, size_t i)
{
	const struct seq_ids *q = ctx;
	return item_id(q->seq->kids[i], q->s);
}

static size_t insert_index(const struct ynode *seq, const struct schema *s,
    const char *id)
{
	struct seq_ids q = { seq, s };
	return id_insert_index(seq->n, seq_id_at, &q, id);
}

static void record_text(struct sbuf *sb, const struct schema *s,
    const struct field_text *fields, size_t n, size_t indent, bool flow,
    const char *eol)
{
	if (flow) {
		sbuf_addrepeat(sb, ' ', indent);
		sbuf_adds(sb, "- ");
		emit_record_flow(sb, s, fields, n);
		sbuf_adds(sb, eol);
	} else {
		emit_record(sb, s, fields, n, indent, eol);
	}
}

/* True for a line holding only a comment. */
static bool comment_line(const struct ydoc *d, unsigned line)
{
	size_t p = ydoc_line_start(d, line), end = ydoc_line_end(d, line);
	while (p < end && (d->src[p] == ' ' || d->src[p] == '\t'))
		p++;
	return p < end && d->src[p] == '#';
}

static void add_to_block_seq_at(struct splice *sp, const struct ynode *seq,
    const struct schema *s, const struct field_text *fields, size_t n,
    size_t at, bool flow)
{
	const struct ydoc *d = sp->doc;
	const struct ynode *near = seq->kids[at ? at - 1 : 0];
	struct sbuf sb = SBUF_INIT;

	record_text(&sb, s, fields, n, dash_indent(d, near),
	    flow || (near->kind == YN_MAP && near->flow), d->eol);
	if (at > 0) {
		/* After the previous record's last line, so comments that lead
		 * into the next record stay with it. */
		unsigned last = yn_last_line(seq->kids[at - 1]);
		size_t pos = next_line_start(d, last);
		if (pos == d->len && (d->len == 0 || d->src[d->len - 1] != '\n')) {
			struct sbuf nl = SBUF_INIT;
			sbuf_adds(&nl, d->eol);
			sbuf_add(&nl, sb.buf, sb.len - strlen(d->eol));
			splice_replace(sp, pos, pos, nl.buf);
			sbuf_release(&nl);
		} else {
			splice_replace(sp, pos, pos, sb.buf);
		}
	} else {
		/* Before the comments that lead into the first record, as
		 * for every other record. */
		unsigned line = dash_line(d, seq->kids[0]);
		while (line > 1 && comment_line(d, line - 1))
			line--;
		size_t pos = ydoc_line_start(d, line);
		splice_replace(sp, pos, pos, sb.buf);
	}
	sbuf_release(&sb);
}

static void add_to_block_seq(struct splice *sp, const struct ynode *seq,
    const struct schema *s, const struct field_text *fields, size_t n,
    const char *id)
{
	add_to_block_seq_at(sp, seq, s, fields, n, insert_index(seq, s, id),
	    false);
}

static void add_to_flow_seq_at(struct splice *sp, const struct ynode *seq,
    const struct schema *s, const struct field_text *fields, size_t n,
    size_t at)
{
	const struct ydoc *d = sp->doc;
	struct sbuf sb = SBUF_INIT;

	if (at < seq->n) {
		emit_record_flow(&sb, s, fields, n);
		sbuf_adds(&sb, ", ");
		size_t pos = node_start(d, seq->kids[at]);
		splice_replace(sp, pos, pos, sb.buf);
	} else {
		sbuf_adds(&sb, ", ");
		emit_record_flow(&sb, s, fields, n);
		size_t pos = node_end(d, seq->kids[seq->n - 1]);
		splice_replace(sp, pos, pos, sb.buf);
	}
	sbuf_release(&sb);
}

static void add_to_flow_seq(struct splice *sp, const struct ynode *seq,
    const struct schema *s, const struct field_text *fields, size_t n,
    const char *id)
{
	add_to_flow_seq_at(sp, seq, s, fields, n, insert_index(seq, s, id));
}

/* Records are added to and replaced in a block mapping at the top of the
 * file; anything else is refused the same way by both. */
static bool block_top(const struct ynode *top)
{
	return top && top->kind == YN_MAP && !top->flow;
}

static struct isms_error *top_error(const struct ydoc *d)
{
	return err_at(EXIT_DATA, d->path, 1, 1,
	    "expected a block mapping at the top of the file");
}

struct isms_error *splice_add_record(struct splice *sp, const struct ynode *top,
    const char *list_key, const struct schema *s,
    const struct field_text *fields, size_t n, const char *id)
{
	const struct ydoc *d = sp->doc;
	long i = top ? pair_index(top, list_key) : -1;
	struct sbuf sb = SBUF_INIT;

	if (!block_top(top))
		return top_error(d);
	if (i >= 0) {
		const struct ynode *k = YN_KEY(top, i), *v = YN_VAL(top, i);
		if (v->kind == YN_SEQ && v->n && !v->flow) {
			add_to_block_seq(sp, v, s, fields, n, id);
			return NULL;
		}
		if (v->kind == YN_SEQ && v->n) {
			add_to_flow_seq(sp, v, s, fields, n, id);
			return NULL;
		}
		if (!(v->kind == YN_SEQ || yn_is_null(v)))
			return err_at(EXIT_DATA, d->path, v->line, v->col,
			    "'%s' must be a list", list_key);
		/* An empty list ([] or nothing): start a block list under it.
		 * The old value is removed by one edit and each record is
		 * inserted after it by its own, so that several records added
		 * in one session all land, in the order they were added. */
		size_t start = after_colon(d, k), end = value_end(d, k, v);
		splice_replace_once(sp, start, end, "");
		sbuf_adds(&sb, d->eol);
		record_text(&sb, s, fields, n, k->col - 1 + 2, false, d->eol);
		sb.len -= strlen(d->eol);
		sb.buf[sb.len] = '\0';
		splice_replace(sp, end, end, sb.buf);
		sbuf_release(&sb);
		return NULL;
	}
	/* No such list yet: append it at the end of the file, the key once
	 * however many records are added. */
	if (d->len && d->src[d->len - 1] != '\n')
		sbuf_adds(&sb, d->eol);
	sbuf_addf(&sb, "%s:%s", list_key, d->eol);
	splice_replace_once(sp, d->len, d->len, sb.buf);
	sbuf_reset(&sb);
	record_text(&sb, s, fields, n, 2, false, d->eol);
	splice_replace(sp, d->len, d->len, sb.buf);
	sbuf_release(&sb);
	return NULL;
}

struct isms_error *splice_replace_list(struct splice *sp,
    const struct ynode *top, const char *list_key, const struct schema *s,
    const struct record_text *recs, size_t n)
{
	const struct ydoc *d = sp->doc;
	long i = top ? pair_index(top, list_key) : -1;
	struct sbuf sb = SBUF_INIT;

	if (!block_top(top))
		return top_error(d);
	if (i < 0) {
		if (d->len && d->src[d->len - 1] != '\n')
			sbuf_adds(&sb, d->eol);
		sbuf_addf(&sb, "%s:%s", list_key, n ? d->eol : " []");
		if (!n)
			sbuf_adds(&sb, d->eol);
		for (size_t r = 0; r < n; r++)
			record_text(&sb, s, recs[r].fields, recs[r].n, 2, false,
			    d->eol);
		splice_replace(sp, d->len, d->len, sb.buf);
		sbuf_release(&sb);
		return NULL;
	}
	const struct ynode *k = YN_KEY(top, i), *v = YN_VAL(top, i);
	size_t start = after_colon(d, k);
	/* A block list ends with its last item's last line: comments that
	 * follow it belong to what comes next. */
	size_t end = v->kind == YN_SEQ && v->n && !v->flow ?
	    ydoc_line_end(d, yn_last_line(v)) : value_end(d, k, v);
	if (!n)
		sbuf_adds(&sb, " []");
	for (size_t r = 0; r < n; r++) {
		sbuf_adds(&sb, d->eol);
		record_text(&sb, s, recs[r].fields, recs[r].n, k->col - 1 + 2,
		    false, d->eol);
		sb.len -= strlen(d->eol);
		sb.buf[sb.len] = '\0';
	}
	splice_replace(sp, start, end, sb.buf);
	sbuf_release(&sb);
	return NULL;
}

struct isms_error *splice_remove_item(struct splice *sp,
    const struct ynode *top, const char *list_key, size_t index)
{
	const struct ydoc *d = sp->doc;
	long i = pair_index(top, list_key);
	if (i < 0)
		return err_new(EXIT_DATA, "%s: no list '%s'", d->path, list_key);
	const struct ynode *k = YN_KEY(top, i), *seq = YN_VAL(top, i);
	if (seq->kind != YN_SEQ || index >= seq->n)
		return err_new(EXIT_DATA, "%s: no item %zu in '%s'", d->path,
		    index, list_key);
	if (seq->n == 1) {
		/* The list becomes empty: say so explicitly. */
		size_t start = after_colon(d, k);
		size_t end = seq->flow ? node_end(d, seq) :
		    ydoc_line_end(d, yn_last_line(seq));
		splice_replace(sp, start, end, " []");
		return NULL;
	}
	const struct ynode *item = seq->kids[index];
	if (seq->flow) {
		size_t start, end;
		if (index > 0) {
			start = node_end(d, seq->kids[index - 1]);
			end = node_end(d, item);
		} else {
			start = node_start(d, item);
			end = node_start(d, seq->kids[1]);
		}
		splice_replace(sp, start, end, "");
		return NULL;
	}
	splice_replace(sp, ydoc_line_start(d, dash_line(d, item)),
	    next_line_start(d, yn_last_line(item)), "");
	return NULL;
}

void splice_set_node(struct splice *sp, const struct ynode *n,
    const char *text)
{
	splice_replace(sp, node_start(sp->doc, n), node_end(sp->doc, n), text);
}

void splice_item_lines(const struct ydoc *d, const struct ynode *item,
    size_t *start, size_t *end)
{
	*start = ydoc_line_start(d, dash_line(d, item));
	*end = next_line_start(d, yn_last_line(item));
}

size_t splice_item_indent(const struct ydoc *d, const struct ynode *item)
{
	return dash_indent(d, item);
}

void splice_pair_lines(const struct ydoc *d, const struct ynode *key,
    const struct ynode *val, size_t *start, size_t *end)
{
	*start = ydoc_line_start(d, key->line);
	*end = next_line_start(d, pair_last_line(key, val));
}

size_t splice_record_pos(const struct ydoc *d, const struct ynode *seq,
    const struct schema *s, const char *id)
{
	size_t at = insert_index(seq, s, id);
	if (at < seq->n)
		return ydoc_line_start(d, dash_line(d, seq->kids[at]));
	return next_line_start(d, yn_last_line(seq->kids[seq->n - 1]));
}

/*
 * Appending to a list inside a record (a metric's measurements, a review's
 * actions).  Items go after the last one, so nothing else moves: into a
 * flow list as flow items, into a block list as block items like their
 * neighbour's, except that a list whose field asks for flow items
 * (FF_FLOWITEM) always gains one line per item.  An absent or empty list
 * becomes a block list of flow items under its key, or a flow list inside
 * a flow record.  All items are appended in one call, because an absent
 * list can be created only once.
 */
static void items_text(struct sbuf *sb, const struct ydoc *d, bool flow,
    size_t indent, const struct schema *item,
    const struct record_text *items, size_t count)
{
	if (flow)
		sbuf_addch(sb, '[');
	for (size_t k = 0; k < count; k++) {
		if (flow) {
			if (k)
				sbuf_adds(sb, ", ");
		} else {
			sbuf_adds(sb, d->eol);
			sbuf_addrepeat(sb, ' ', indent);
			sbuf_adds(sb, "- ");
		}
		emit_record_flow(sb, item, items[k].fields, items[k].n);
	}
	if (flow)
		sbuf_addch(sb, ']');
}

struct isms_error *splice_append_items(struct splice *sp,
    const struct ynode *map, const struct schema *s, const struct field *f,
    const struct record_text *items, size_t count)
{
	const struct ydoc *d = sp->doc;
	const struct schema *item = f->sub;
	const char *key = f->name;
	struct sbuf sb = SBUF_INIT;
	struct isms_error *err = NULL;

	if (!map || map->kind != YN_MAP)
		return err_at(EXIT_DATA, d->path, map ? map->line : 1,
		    map ? map->col : 1, "expected a mapping");
	if (!count)
		return NULL;
	long i = pair_index(map, key);
	if (i >= 0) {
		const struct ynode *k = YN_KEY(map, i), *v = YN_VAL(map, i);
		if (v->kind == YN_SEQ && v->n) {
			for (size_t j = 0; j < count; j++)
				if (v->flow)
					add_to_flow_seq_at(sp, v, item,
					    items[j].fields, items[j].n, v->n);
				else
					add_to_block_seq_at(sp, v, item,
					    items[j].fields, items[j].n, v->n,
					    (f->flags & FF_FLOWITEM) != 0);
			return NULL;
		}
		if (!(v->kind == YN_SEQ || yn_is_null(v)))
			return err_at(EXIT_DATA, d->path, v->line, v->col,
			    "'%s' must be a list", key);
		if (map->flow)
			sbuf_addch(&sb, ' ');
		items_text(&sb, d, map->flow, k->col - 1 + 2, item, items,
		    count);
		splice_replace(sp, after_colon(d, k), value_end(d, k, v), sb.buf);
		sbuf_release(&sb);
		return NULL;
	}
	bool flow = map->flow || map->n == 0;
	items_text(&sb, d, flow, flow ? 0 : YN_KEY(map, 0)->col - 1 + 2, item,
	    items, count);
	err = splice_set_key(sp, map, s, key, sb.buf);
	sbuf_release(&sb);
	return err;
}
