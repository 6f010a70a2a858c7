/*
 * The register cache file.
 *
 * A line-oriented text file, so that a curious user can read it and a
 * damaged one is easy to refuse:
 *
 *	isms-cache 1 VERSION                          (of the isms that wrote it)
 *	file risks.yaml 35899913 9f3c0a51d2e4b877    (or "file NAME -": absent)
 *	coll risks 100000                            (or "coll NAME -": no spans)
 *	120 512 R-001                                (start, end, id; no id:
 *	...                                           "120 512")
 *	end
 *
 * Every register and every collection appears once, in table order; the
 * reader refuses anything else, including a missing "end" (a file cut short
 * by a crash), so a cache is either read whole or not at all.  An id that
 * holds a line break cannot be written this way, and its list is simply
 * kept without spans.
 */
#include "isms/regcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms/fsio.h"
#include "isms/project.h"
#include "isms/splice.h"
#include "version.h"

#define MAGIC "isms-cache 1 " ISMS_VERSION

/* Four independent multiply-xorshift lanes over 8-byte words: a few
 * milliseconds for 50 MiB.  It guards a cache against changed files, not
 * against an adversary, who could as well edit the cache itself. */
uint64_t regcache_hash(const char *s, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15u;
	uint64_t lane[4] = { 1, 2, 3, 4 }, h = len;
	size_t i = 0;

	for (; i + 32 <= len; i += 32)
		for (int j = 0; j < 4; j++) {
			uint64_t w;
			memcpy(&w, s + i + 8 * (size_t)j, sizeof(w));
			lane[j] = (lane[j] ^ w) * k;
			lane[j] ^= lane[j] >> 31;
		}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * k;
	for (int j = 0; j < 4; j++) {
		h = (h ^ lane[j]) * k;
		h ^= h >> 29;
	}
	return h;
}

void regcache_free(struct regcache *rc)
{
	if (!rc)
		return;
	for (int c = 0; c < COL_COUNT; c++)
		free(rc->coll[c].v);
	arena_free(&rc->arena);
	free(rc);
}

void regcache_set_file(struct regcache *rc, enum reg_file f,
    const char *text, size_t len)
{
	rc->file[f].exists = text != NULL;
	rc->file[f].size = text ? len : 0;
	rc->file[f].hash = text ? regcache_hash(text, len) : 0;
}

bool regcache_matches(const struct regcache *rc, enum reg_file f,
    const char *text, size_t len)
{
	const struct rc_file *rf = &rc->file[f];
	if (!text)
		return !rf->exists;
	return rf->exists && rf->size == len &&
	    rf->hash == regcache_hash(text, len);
}

long regcache_find(const struct regcache *rc, enum collection c,
    const char *id)
{
	const struct rc_coll *cl = &rc->coll[c];
	for (size_t i = 0; i < cl->n; i++)
		if (cl->v[i].id && strcmp(cl->v[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* A streamed item (yaml.h) knows its lines, and its record its id. */
static bool stub_span(const struct ynode *item, const struct schema *s,
    struct arena *ids, size_t prev_end, struct rc_rec *out)
{
	const struct ystub *st = (const struct ystub *)item;
	const char *id = st->rec ? rec_id(st->rec, s) : NULL;
	if (!st->rec || st->end <= st->start || st->start < prev_end ||
	    (id && strpbrk(id, "\r\n")))
		return false;
	*out = (struct rc_rec){ id ? arena_strdup(ids, id) : NULL, st->start,
		st->end };
	return true;
}

bool regcache_spans(const struct ydoc *d, enum collection c,
    struct arena *ids, struct rc_rec **out, size_t *n)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct ynode *seq = d ? yn_get(d->root, cd->name) : NULL;
	const struct field *idf = schema_id_field(cd->schema);
	size_t prev_end = 0;
	struct rc_rec *v;

	*out = NULL;
	*n = 0;
	if (!seq || seq->kind != YN_SEQ || seq->flow || !seq->n || !idf)
		return false;
	v = xcalloc(seq->n, sizeof(*v));
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *item = seq->kids[i];
		if (yn_is_stub(item)) {
			if (!stub_span(item, cd->schema, ids, prev_end, &v[i]))
				goto none;
			prev_end = v[i].end;
			continue;
		}
		const struct ynode *id = yn_get(item, idf->name);
		size_t start, end;
		/* In a streamed document, whose text is gone, only stubs. */
		if (item->kind != YN_MAP || !d->src)
			goto none;
		splice_item_lines(d, item, &start, &end);
		if (start < prev_end || end <= start ||
		    d->src[start + splice_item_indent(d, item)] != '-')
			goto none;
		if (id && (id->kind != YN_SCALAR || strpbrk(id->str, "\r\n")))
			goto none;
		v[i] = (struct rc_rec){ id ? arena_strdup(ids, id->str) : NULL,
			start, end };
		prev_end = end;
	}
	*out = v;
	*n = seq->n;
	return true;
none:
	free(v);
	return false;
}

void regcache_splice(struct regcache *rc, enum reg_file f, size_t start,
    size_t end, size_t len, enum collection c, const struct rc_rec *v,
    size_t n)
{
	for (int k = 0; k < COL_COUNT; k++) {
		struct rc_coll *cl = &rc->coll[k];
		if (coll_defs[k].file != f)
			continue;
		size_t first = cl->n, past = cl->n;
		for (size_t i = 0; i < cl->n; i++) {
			if (cl->v[i].start >= start && first == cl->n)
				first = i;
			if (cl->v[i].start >= end) {
				past = i;
				break;
			}
		}
		for (size_t i = past; i < cl->n; i++) {
			cl->v[i].start = cl->v[i].start - end + start + len;
			cl->v[i].end = cl->v[i].end - end + start + len;
		}
		if ((int)c != k)
			continue;
		/* The records inside the edited bytes give way to v. */
		size_t keep = cl->n - past;
		struct rc_rec *nv = xcalloc(first + n + keep + 1, sizeof(*nv));
		memcpy(nv, cl->v, first * sizeof(*nv));
		for (size_t i = 0; i < n; i++)
			nv[first + i] = (struct rc_rec){ v[i].id ?
				arena_strdup(&rc->arena, v[i].id) : NULL,
				v[i].start, v[i].end };
		memcpy(nv + first + n, cl->v + past, keep * sizeof(*nv));
		free(cl->v);
		cl->v = nv;
		cl->n = first + n + keep;
		cl->block = cl->n > 0;
	}
}

void regcache_respan(struct regcache *rc, const struct project *p,
    enum reg_file f)
{
	const struct ydoc *d = p->files[f].doc;
	if (d && !d->src && p->files[f].hashed)
		rc->file[f] = (struct rc_file){ true, d->len, p->files[f].hash };
	else
		regcache_set_file(rc, f, d ? d->src : NULL, d ? d->len : 0);
	for (int c = 0; c < COL_COUNT; c++) {
		struct rc_coll *cl = &rc->coll[c];
		if (coll_defs[c].file != f)
			continue;
		free(cl->v);
		cl->block = regcache_spans(d, c, &rc->arena, &cl->v, &cl->n);
	}
}

struct regcache *regcache_from_project(const struct project *p)
{
	struct regcache *rc = xcalloc(1, sizeof(*rc));
	for (int f = 0; f < REG_COUNT; f++)
		regcache_respan(rc, p, f);
	return rc;
}

static char *cache_path(const char *root)
{
	return xasprintf("%s/%s", root, REGCACHE_FILE);
}

void regcache_format(const struct regcache *rc, struct sbuf *out)
{
	sbuf_adds(out, MAGIC "\n");
	for (int f = 0; f < REG_COUNT; f++) {
		const struct rc_file *rf = &rc->file[f];
		if (rf->exists)
			sbuf_addf(out, "file %s %zu %016llx\n", reg_defs[f].file,
			    rf->size, (unsigned long long)rf->hash);
		else
			sbuf_addf(out, "file %s -\n", reg_defs[f].file);
	}
	for (int c = 0; c < COL_COUNT; c++) {
		const struct rc_coll *cl = &rc->coll[c];
		if (!cl->block) {
			sbuf_addf(out, "coll %s -\n", coll_defs[c].name);
			continue;
		}
		sbuf_addf(out, "coll %s %zu\n", coll_defs[c].name, cl->n);
		for (size_t i = 0; i < cl->n; i++)
			sbuf_addf(out, "%zu %zu%s%s\n", cl->v[i].start,
			    cl->v[i].end, cl->v[i].id ? " " : "",
			    cl->v[i].id ? cl->v[i].id : "");
	}
	sbuf_adds(out, "end\n");
}

void regcache_write(const char *root, const struct regcache *rc)
{
	struct sbuf sb = SBUF_INIT;
	char *path = cache_path(root);

	regcache_format(rc, &sb);
	err_free(atomic_write(path, REGCACHE_FILE, sb.buf, sb.len));
	sbuf_release(&sb);
	free(path);
}

/* A cursor over the cache text; every reader returns false on anything
 * unexpected and the whole cache is then dropped. */
struct cursor {
	char *p, *end;
};

/* The next line, NUL-terminated in place. */
static char *next_line(struct cursor *cur)
{
	if (cur->p >= cur->end)
		return NULL;
	char *line = cur->p;
	char *nl = memchr(line, '\n', (size_t)(cur->end - line));
	if (!nl)
		return NULL;
	*nl = '\0';
	cur->p = nl + 1;
	return line;
}

static bool read_size(char **s, size_t *out)
{
	char *end;
	if (**s < '0' || **s > '9')
		return false;
	unsigned long long v = strtoull(*s, &end, 10);
	if (end == *s || v > SIZE_MAX)
		return false;
	*out = (size_t)v;
	*s = end;
	return true;
}

/* "PREFIX NAME " at the start of line; returns what follows. */
static char *after_name(char *line, const char *prefix, const char *name)
{
	size_t pl = strlen(prefix), nl = strlen(name);
	if (strncmp(line, prefix, pl) || strncmp(line + pl, name, nl) ||
	    line[pl + nl] != ' ')
		return NULL;
	return line + pl + nl + 1;
}

static bool read_file_line(struct cursor *cur, struct rc_file *rf,
    const char *name)
{
	char *line = next_line(cur), *s, *end;
	if (!line || !(s = after_name(line, "file ", name)))
		return false;
	if (strcmp(s, "-") == 0)
		return true;
	if (!read_size(&s, &rf->size) || *s++ != ' ' || strlen(s) != 16)
		return false;
	rf->hash = strtoull(s, &end, 16);
	rf->exists = true;
	return *end == '\0';
}

static bool read_record(struct cursor *cur, struct regcache *rc,
    struct rc_rec *r)
{
	char *s = next_line(cur);
	if (!s || !read_size(&s, &r->start) || *s++ != ' ' ||
	    !read_size(&s, &r->end) || r->end <= r->start)
		return false;
	if (*s == ' ')
		r->id = arena_strdup(&rc->arena, s + 1);
	else if (*s)
		return false;
	return true;
}

static bool read_coll(struct cursor *cur, struct regcache *rc,
    enum collection c)
{
	struct rc_coll *cl = &rc->coll[c];
	char *line = next_line(cur), *s;
	size_t n;

	if (!line || !(s = after_name(line, "coll ", coll_defs[c].name)))
		return false;
	if (strcmp(s, "-") == 0)
		return true;
	/* Each record takes at least four bytes of the file. */
	if (!read_size(&s, &n) || *s || !n ||
	    n > (size_t)(cur->end - cur->p) / 4)
		return false;
	cl->v = xcalloc(n, sizeof(*cl->v));
	for (size_t i = 0; i < n; i++)
		if (!read_record(cur, rc, &cl->v[i]) ||
		    (i && cl->v[i].start < cl->v[i - 1].end))
			return false;
	cl->n = n;
	cl->block = true;
	return true;
}

struct regcache *regcache_read(const char *root)
{
	char *path = cache_path(root), *buf = NULL;
	size_t len;
	struct isms_error *err = read_file(path, REGCACHE_FILE, YAML_MAX_FILE,
	    &buf, &len);

	free(path);
	if (err) {
		err_free(err);
		return NULL;
	}
	struct regcache *rc = regcache_parse(buf, len);
	free(buf);
	return rc;
}

struct regcache *regcache_parse(char *buf, size_t len)
{
	struct cursor cur = { buf, buf + len };
	struct regcache *rc = xcalloc(1, sizeof(*rc));
	char *line;

	if (!(line = next_line(&cur)) || strcmp(line, MAGIC) != 0)
		goto bad;
	for (int f = 0; f < REG_COUNT; f++)
		if (!read_file_line(&cur, &rc->file[f], reg_defs[f].file))
			goto bad;
	for (int c = 0; c < COL_COUNT; c++)
		if (!read_coll(&cur, rc, c))
			goto bad;
	if (!(line = next_line(&cur)) || strcmp(line, "end") != 0 ||
	    cur.p != cur.end)
		goto bad;
	return rc;
bad:
	regcache_free(rc);
	return NULL;
}
