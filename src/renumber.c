/*
 * Renumbering: find the id's collection, then splice the new id into the
 * record and into each reference the schema walk finds.
 */
#include "isms/renumber.h"

#include <string.h>

#include "isms/emit.h"

/* Fields that name SoA controls without a `ref` (they may name catalog
 * controls the SoA does not list yet, so the loader does not check them),
 * as dotted paths from the record. */
static const struct {
	enum collection coll;
	const char *path;
} control_refs[] = {
	{ COL_TREATMENTS, "controls" },
	{ COL_FINDINGS, "ref" },
	{ COL_AUDITS, "scope.controls" },
};

struct isms_error *renumber_find(const struct project *p, const char *id,
    enum collection *c)
{
	int found = -1;
	for (int k = 0; k < COL_COUNT; k++) {
		if (!project_find(p, k, id))
			continue;
		if (found >= 0)
			return err_new(EXIT_USAGE,
			    "'%s' is both %s and %s id; rename it by hand", id,
			    coll_defs[found].noun, coll_defs[k].noun);
		found = k;
	}
	if (found < 0)
		return err_new(EXIT_USAGE, "no record has the id '%s'", id);
	*c = found;
	return NULL;
}

struct isms_error *renumber_valid_id(enum collection c, const char *id)
{
	const struct coll_def *cd = &coll_defs[c];
	size_t len = strlen(id), plen = strlen(cd->prefix);
	bool ok = len > 0 && len <= 64 && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") == len &&
	    strchr(".-_", id[0]) == NULL;

	if (!ok)
		return err_new(EXIT_USAGE, "'%s' is not a valid id (letters, "
		    "digits, '.', '_' and '-', starting with a letter or digit)",
		    id);
	if (plen && (len <= plen || strncmp(id, cd->prefix, plen) != 0))
		return err_new(EXIT_USAGE, "'%s' is not a valid %s id (it must "
		    "start with %s)", id, cd->noun, cd->prefix);
	return NULL;
}

struct renamer {
	struct session *s;
	const char *old;
	char *text;           /* the new id as YAML */
	struct renumber_stats *st;
};

static void rename_node(struct renamer *rn, enum reg_file f,
    const struct ynode *n)
{
	if (!n || n->kind != YN_SCALAR || strcmp(n->str, rn->old) != 0)
		return;
	splice_set_node(&rn->s->sp[f], n, rn->text);
	rn->s->touched[f] = true;
	rn->st->files[f] = true;
	rn->st->refs++;
}

/* A reference value: one id, or a list of them. */
static void rename_value(struct renamer *rn, enum reg_file f,
    const struct ynode *v)
{
	if (v && v->kind == YN_SEQ)
		for (size_t i = 0; i < v->n; i++)
			rename_node(rn, f, v->kids[i]);
	else
		rename_node(rn, f, v);
}

/* Every field of a record (and of its nested records) that refers to
 * the target collection. */
static void walk(struct renamer *rn, enum reg_file f, const struct schema *s,
    const struct ynode *map, const char *target)
{
	if (!map || map->kind != YN_MAP)
		return;
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *fd = &s->fields[i];
		const struct ynode *v = yn_get(map, fd->name);
		if (!v)
			continue;
		if (fd->ref && strcmp(fd->ref, target) == 0)
			rename_value(rn, f, v);
		if (fd->type == FT_MAP)
			walk(rn, f, fd->sub, v, target);
		if (fd->type == FT_RECLIST && v->kind == YN_SEQ)
			for (size_t k = 0; k < v->n; k++)
				walk(rn, f, fd->sub, v->kids[k], target);
	}
}

static const struct ynode *follow(const struct ynode *n, const char *path)
{
	char buf[64];
	while (n && *path) {
		size_t len = strcspn(path, ".");
		if (len >= sizeof(buf))
			return NULL;
		memcpy(buf, path, len);
		buf[len] = '\0';
		n = yn_get(n, buf);
		path += len + (path[len] == '.');
	}
	return n;
}

struct isms_error *session_renumber(struct session *s, enum collection c,
    const char *old, const char *new_id, struct renumber_stats *st)
{
	const struct coll_def *cd = &coll_defs[c];
	const struct rec *r = project_find(s->p, c, old);
	struct sbuf text = SBUF_INIT;

	memset(st, 0, sizeof(*st));
	if (!r)
		return err_new(EXIT_USAGE, "no %s with id '%s'", cd->noun, old);
	if (project_find(s->p, c, new_id))
		return err_new(EXIT_DATA, "%s %s already exists", cd->noun,
		    new_id);
	emit_string(&text, new_id);
	struct renamer rn = { s, old, text.buf, st };
	rename_node(&rn, cd->file, rec_node(r, schema_id_field(cd->schema)->name));
	st->refs = 0;   /* the record itself is not a reference */
	for (int k = 0; k < COL_COUNT; k++) {
		const struct reclist *l = project_list(s->p, k);
		for (size_t i = 0; i < l->n; i++)
			walk(&rn, coll_defs[k].file, coll_defs[k].schema,
			    ((const struct rec *)l->v[i])->node, cd->name);
	}
	for (size_t k = 0; c == COL_CONTROLS && k < ARRAY_SIZE(control_refs);
	    k++) {
		enum collection rc = control_refs[k].coll;
		const struct reclist *l = project_list(s->p, rc);
		for (size_t i = 0; i < l->n; i++)
			rename_value(&rn, coll_defs[rc].file, follow(
			    ((const struct rec *)l->v[i])->node,
			    control_refs[k].path));
	}
	sbuf_release(&text);
	return NULL;
}
