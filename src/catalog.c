/*
 * Control catalogs: built-in ones parsed from the embedded data files,
 * project ones from catalogs/NAME.yaml.
 *
 * Built-in and project catalogs go through the same loader, so the shipped
 * data is held to the rules users' files are.  A catalog keeps the parsed
 * documents it came from and every string it hands out points into their
 * arenas: loading copies nothing, and catalog_free() releases it all.
 *
 * Lookups go through the shared id hash table (idmap.h), holding
 * positions in the record arrays.
 *
 * The mapping from an older catalog is stored twice, grouped by old id and
 * grouped by new id, so that either lookup returns a slice of one array.
 * Groups keep file order.
 */
#include "isms/catalog.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "isms/embedded.h"
#include "isms/idmap.h"
#include "isms/yaml.h"

/* Ids grouped by key: key -> ids[groups[g].start .. + groups[g].n]. */
struct grouping {
	const char **ids;
	struct { size_t start, n; } *groups;
	struct idmap index; /* key -> group number */
};

struct catalog {
	char *name;
	char *file;
	const char *title;
	bool builtin;
	struct ydoc *doc;
	struct ydoc *mapdoc;

	struct catalog_control *controls;
	size_t ncontrols;
	struct idmap control_index;

	struct catalog_clause *clauses;
	size_t nclauses;
	struct idmap clause_index;

	struct catalog_theme *themes;
	size_t nthemes;
	struct idmap theme_index;

	const char *supersedes;
	struct catalog_pair *pairs;
	size_t npairs;
	struct grouping by_old, by_new;
};

/*
 * The built-in catalogs and the data files that hold them.  The mapping
 * file belongs to the newer catalog and names the older one itself.
 */
static const struct builtin {
	const char *name;
	const char *data;
	const char *mapping;
} builtins[] = {
	{ "iso27001-2022", "iso27001-2022.yaml", "iso27001-2013-to-2022.yaml" },
	{ "iso27001-2013", "iso27001-2013.yaml", NULL },
};

static const char *const catalog_keys[] = { "version", "title", "controls",
	"clauses", NULL };
static const char *const control_keys[] = { "id", "title", "theme", NULL };
static const char *const clause_keys[] = { "id", "title", NULL };

/* What a list of records holds, for the loader and its messages. */
struct rec_kind {
	const char *what;
	const char *const *keys;
	const char *shape;
};

static const struct rec_kind control_kind = { "control", control_keys,
	"{id, title, theme}" };
static const struct rec_kind clause_kind = { "clause", clause_keys,
	"{id, title}" };

/* Id indexes: the shared idmap, holding list positions (stored plus one,
 * since the map's values cannot be NULL). */

static bool cindex_get(const struct idmap *m, const char *key, size_t *val)
{
	void *v = key ? idmap_get(m, key) : NULL;
	if (!v)
		return false;
	*val = (size_t)(uintptr_t)v - 1;
	return true;
}

/* Inserts key -> *val unless key is there; then returns false with *val
 * set to the position already stored. */
static bool cindex_put(struct idmap *m, const char *key, size_t *val)
{
	void *prev = idmap_put(m, key, (void *)(uintptr_t)(*val + 1));
	if (prev) {
		*val = (size_t)(uintptr_t)prev - 1;
		return false;
	}
	return true;
}

/* Catalog names and files. */

const char *catalog_builtin_name(size_t i)
{
	return i < ARRAY_SIZE(builtins) ? builtins[i].name : NULL;
}

static const struct builtin *find_builtin(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++)
		if (str_eq(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

bool catalog_is_builtin_name(const char *name)
{
	return name && find_builtin(name) != NULL;
}

/* A project catalog name becomes a file name: no '/', no leading dot. */
static bool valid_project_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > 100 || name[0] == '.' || name[0] == '-')
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '_'))
			return false;
	return true;
}

static struct isms_error *unknown_catalog(const char *name)
{
	struct sbuf sb = SBUF_INIT;
	const char *n;

	for (size_t i = 0; (n = catalog_builtin_name(i)); i++)
		sbuf_addf(&sb, "%s%s", i ? ", " : "", n);
	struct isms_error *err = err_new(EXIT_DATA,
	    "unknown catalog \"%s\": not built in (%s) and no catalogs/%s.yaml",
	    name, sb.buf, name);
	sbuf_release(&sb);
	return err;
}

/* Diagnostics for the loader. */

static void problem(struct diags *d, const char *rule, const struct catalog *c,
    const struct ynode *at, const char *fmt, ...) ISMS_PRINTF(5, 6);

static void problem(struct diags *d, const char *rule, const struct catalog *c,
    const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_addv(d, SEV_ERROR, rule, c->file, at ? at->line : 1,
	    at ? at->col : 1, fmt, ap);
	va_end(ap);
	d->v[d->n - 1].fatal = true;
}

/* "unknown key "x" in WHAT" with the closest allowed key as a hint. */
static void unknown_key(struct diags *d, const struct catalog *c,
    const struct ynode *key, const char *what, const char *const *allowed)
{
	const char *best = NULL;
	size_t best_dist = 3;
	struct sbuf list = SBUF_INIT;

	for (size_t i = 0; allowed[i]; i++) {
		size_t dist = edit_distance(key->str, allowed[i], 2);
		/* "x" is 2 edits from "id" but is no typo of it. */
		if (dist < best_dist && dist < strlen(allowed[i])) {
			best = allowed[i];
			best_dist = dist;
		}
		sbuf_addf(&list, "%s%s", i ? ", " : "", allowed[i]);
	}
	if (best)
		problem(d, "unknown-key", c, key,
		    "unknown key \"%s\" in %s; did you mean \"%s\"?", key->str,
		    what, best);
	else
		problem(d, "unknown-key", c, key,
		    "unknown key \"%s\" in %s; expected %s", key->str, what,
		    list.buf);
	sbuf_release(&list);
}

static bool is_allowed(const char *key, const char *const *allowed)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(key, allowed[i]) == 0)
			return true;
	return false;
}

/*
 * The text of a scalar field, or NULL when it is absent, null or empty.
 * Ids are taken as written: a plain 5.10 is the text "5.10".
 */
static const char *field_text(struct diags *d, const struct catalog *c,
    const struct ynode *rec, const char *key, const char *what)
{
	const struct ynode *v = yn_get(rec, key);

	if (!v || yn_is_null(v))
		return NULL;
	if (v->kind != YN_SCALAR) {
		problem(d, "wrong-type", c, v, "%s %s must be text, not %s",
		    what, key, yn_kind_name(v));
		return NULL;
	}
	return v->len ? v->str : NULL;
}

/* True when key i of map repeats an earlier key (records have few keys). */
static bool repeated_key(const struct ynode *map, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (YN_KEY(map, j)->kind == YN_SCALAR &&
		    strcmp(YN_KEY(map, j)->str, YN_KEY(map, i)->str) == 0)
			return true;
	return false;
}

/*
 * Reports keys of a record that are not text, not in allowed or given
 * twice (yn_get() would silently read the first).
 */
static void check_keys(struct diags *d, const struct catalog *c,
    const struct ynode *map, const char *what, const char *const *allowed)
{
	for (size_t i = 0; i < YN_PAIRS(map); i++) {
		const struct ynode *k = YN_KEY(map, i);
		if (k->kind != YN_SCALAR)
			problem(d, "wrong-type", c, k,
			    "a key in %s must be text, not %s", what,
			    yn_kind_name(k));
		else if (!is_allowed(k->str, allowed))
			unknown_key(d, c, k, what, allowed);
		else if (repeated_key(map, i))
			problem(d, "duplicate-key", c, k,
			    "key \"%s\" appears twice in %s", k->str, what);
	}
}

/*
 * Reads one {id, title[, theme]} record.  Returns false (having reported
 * why) when it has no usable id or title.
 */
static bool read_record(struct diags *d, const struct catalog *c,
    const struct ynode *rec, const struct rec_kind *kind, const char **id,
    const char **title, const char **theme)
{
	const char *what = kind->what;

	if (rec->kind == YN_SCALAR && !yn_is_null(rec)) {
		problem(d, "wrong-type", c, rec,
		    "a %s is a mapping %s, not the text \"%s\"", what,
		    kind->shape, rec->str);
		return false;
	}
	if (rec->kind != YN_MAP) {
		problem(d, "wrong-type", c, rec, "a %s is a mapping %s, not %s",
		    what, kind->shape, yn_kind_name(rec));
		return false;
	}
	check_keys(d, c, rec, what, kind->keys);
	*id = field_text(d, c, rec, "id", what);
	*title = field_text(d, c, rec, "title", what);
	if (theme)
		*theme = field_text(d, c, rec, "theme", what);
	if (!*id) {
		if (!yn_get(rec, "id") || yn_is_scalar(yn_get(rec, "id")))
			problem(d, "missing-field", c, rec, "%s has no id",
			    what);
		return false;
	}
	if (!*title) {
		if (!yn_get(rec, "title") ||
		    yn_is_scalar(yn_get(rec, "title")))
			problem(d, "missing-field", c, rec,
			    "%s \"%s\" has no title", what, *id);
		return false;
	}
	return true;
}

static void duplicate(struct diags *d, const struct catalog *c,
    const struct ynode *rec, const char *what, const char *id,
    unsigned first_line)
{
	problem(d, "duplicate-id", c, yn_get(rec, "id"),
	    "duplicate %s id \"%s\" (first at line %u)", what, id, first_line);
}

static void count_theme(struct catalog *c, const char *theme)
{
	size_t t = c->nthemes;

	if (!theme)
		return;
	if (cindex_put(&c->theme_index, theme, &t)) {
		c->themes[t].name = theme;
		c->nthemes++;
	}
	c->themes[t].count++;
}

static void load_controls(struct diags *d, struct catalog *c,
    const struct ynode *list)
{
	size_t n = list ? list->n : 0;

	c->controls = xcalloc(n ? n : 1, sizeof(*c->controls));
	c->themes = xcalloc(n ? n : 1, sizeof(*c->themes));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *rec = list->kids[i];
		const char *id, *title, *theme;
		if (!read_record(d, c, rec, &control_kind, &id, &title,
		    &theme))
			continue;
		size_t at = c->ncontrols;
		if (!cindex_put(&c->control_index, id, &at)) {
			duplicate(d, c, rec, "control", id,
			    c->controls[at].line);
			continue;
		}
		c->controls[at] = (struct catalog_control){ id, title, theme,
			rec->line, rec->col };
		c->ncontrols++;
		count_theme(c, theme);
	}
}

static void load_clauses(struct diags *d, struct catalog *c,
    const struct ynode *list)
{
	size_t n = list ? list->n : 0;

	c->clauses = xcalloc(n ? n : 1, sizeof(*c->clauses));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *rec = list->kids[i];
		const char *id, *title;
		if (!read_record(d, c, rec, &clause_kind, &id, &title, NULL))
			continue;
		size_t at = c->nclauses;
		if (!cindex_put(&c->clause_index, id, &at)) {
			duplicate(d, c, rec, "clause", id, c->clauses[at].line);
			continue;
		}
		c->clauses[at] = (struct catalog_clause){ id, title, rec->line,
			rec->col };
		c->nclauses++;
	}
}

/* A list-valued top-level key: NULL when null, reported when not a list. */
static const struct ynode *top_list(struct diags *d, const struct catalog *c,
    const char *key, const struct rec_kind *kind)
{
	const struct ynode *v = yn_get(c->doc->root, key);

	if (!v || yn_is_null(v))
		return NULL;
	if (v->kind != YN_SEQ) {
		problem(d, "wrong-type", c, v,
		    "%s must be a list of %s records, not %s", key, kind->shape,
		    yn_kind_name(v));
		return NULL;
	}
	return v;
}

static void load_header(struct diags *d, struct catalog *c)
{
	const struct ynode *root = c->doc->root;
	const struct ynode *v;

	check_keys(d, c, root, "a catalog", catalog_keys);
	v = yn_get(root, "version");
	if (v && !(v->kind == YN_SCALAR && strcmp(v->str, "1") == 0))
		problem(d, "bad-version", c, v,
		    "unsupported catalog version %s; this isms reads version 1",
		    v->kind == YN_SCALAR ? v->str : yn_kind_name(v));
	v = yn_get(root, "title");
	if (v && v->kind != YN_SCALAR)
		problem(d, "wrong-type", c, v, "title must be text, not %s",
		    yn_kind_name(v));
	else if (v && !yn_is_null(v) && v->len)
		c->title = v->str;
	if (!yn_get_key(root, "controls"))
		problem(d, "missing-field", c, NULL,
		    "catalog has no controls: list");
}

/* Builds the catalog from c->doc; every problem goes to d. */
static void load_catalog(struct diags *d, struct catalog *c)
{
	const struct ynode *root = c->doc->root;

	if (!root || root->kind != YN_MAP) {
		problem(d, "wrong-type", c, root,
		    "a catalog is a mapping with a controls: list, not %s",
		    root ? yn_kind_name(root) : "an empty file");
		load_controls(d, c, NULL);
		load_clauses(d, c, NULL);
		return;
	}
	load_header(d, c);
	load_controls(d, c, top_list(d, c, "controls", &control_kind));
	load_clauses(d, c, top_list(d, c, "clauses", &clause_kind));
}

/* The mapping from an older catalog. */

static void group_pairs(struct grouping *g, const struct catalog_pair *pairs,
    size_t n, bool by_new)
{
	size_t ngroups = 0;
	size_t *group_of = xcalloc(n ? n : 1, sizeof(*group_of));

	g->ids = xcalloc(n ? n : 1, sizeof(*g->ids));
	g->groups = xcalloc(n ? n : 1, sizeof(*g->groups));
	for (size_t i = 0; i < n; i++) {
		size_t at = ngroups;
		if (cindex_put(&g->index, by_new ? pairs[i].to : pairs[i].from,
		    &at))
			ngroups++;
		g->groups[at].n++;
		group_of[i] = at;
	}
	for (size_t k = 0, start = 0; k < ngroups; k++) {
		g->groups[k].start = start;
		start += g->groups[k].n;
		g->groups[k].n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = group_of[i];
		g->ids[g->groups[k].start + g->groups[k].n++] =
		    by_new ? pairs[i].from : pairs[i].to;
	}
	free(group_of);
}

static size_t grouping_find(const struct grouping *g, const char *key,
    const char *const **ids)
{
	size_t k;

	if (!cindex_get(&g->index, key, &k)) {
		*ids = NULL;
		return 0;
	}
	*ids = g->ids + g->groups[k].start;
	return g->groups[k].n;
}

static struct isms_error *bad_mapping(const char *file, const struct ynode *at)
{
	return err_at(EXIT_DATA, file, at ? at->line : 0, at ? at->col : 0,
	    "built-in mapping is damaged: expected {from: ID, to: [ID...]}");
}

static size_t count_pairs(const struct ynode *list)
{
	size_t n = 0;

	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *to = yn_get(list->kids[i], "to");
		n += to && to->kind == YN_SEQ ? to->n : 0;
	}
	return n;
}

/*
 * Reads a mapping file: from: OLD-CATALOG, mappings: [{from: ID,
 * to: [ID...]}].  It is built-in data, so any surprise is an error.
 */
static struct isms_error *load_mapping(struct catalog *c, const char *file)
{
	const struct embedded_file *ef = embedded_find(file);
	struct isms_error *err;

	if (!ef)
		return err_new(EXIT_DATA, "built-in file %s is missing", file);
	if ((err = ydoc_parse(file, ef->data, ef->len, &c->mapdoc)))
		return err;
	const struct ynode *root = c->mapdoc->root;
	const struct ynode *from = yn_get(root, "from");
	const struct ynode *list = yn_get(root, "mappings");
	if (!yn_is_scalar(from) || !list || list->kind != YN_SEQ)
		return bad_mapping(file, root);
	c->supersedes = from->str;
	c->pairs = xcalloc(count_pairs(list) + 1, sizeof(*c->pairs));
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *old = yn_get(list->kids[i], "from");
		const struct ynode *to = yn_get(list->kids[i], "to");
		if (!yn_is_scalar(old) || !to || to->kind != YN_SEQ)
			return bad_mapping(file, list->kids[i]);
		for (size_t j = 0; j < to->n; j++) {
			if (!yn_is_scalar(to->kids[j]))
				return bad_mapping(file, to->kids[j]);
			c->pairs[c->npairs++] = (struct catalog_pair){
				old->str, to->kids[j]->str };
		}
	}
	group_pairs(&c->by_old, c->pairs, c->npairs, false);
	group_pairs(&c->by_new, c->pairs, c->npairs, true);
	return NULL;
}

/* Opening. */

static struct catalog *catalog_new(const char *name, const char *file,
    bool builtin)
{
	struct catalog *c = xcalloc(1, sizeof(*c));

	c->name = xstrdup(name);
	c->file = xstrdup(file);
	c->builtin = builtin;
	return c;
}

/*
 * Built-in data is checked by the same loader as users' files; a problem
 * there is a bug in this program, reported rather than ignored.
 */
static struct isms_error *open_builtin(const struct builtin *b,
    struct catalog **out)
{
	struct catalog *c = catalog_new(b->name, b->data, true);
	const struct embedded_file *ef = embedded_find(b->data);
	struct diags d = DIAGS_INIT;
	struct isms_error *err = NULL;

	if (!ef) {
		err = err_new(EXIT_DATA, "built-in file %s is missing", b->data);
		goto out;
	}
	if ((err = ydoc_parse(b->data, ef->data, ef->len, &c->doc)))
		goto out;
	load_catalog(&d, c);
	if (d.n) {
		err = err_at(EXIT_DATA, d.v[0].file, d.v[0].line, d.v[0].col,
		    "built-in catalog %s is damaged: %s", b->name, d.v[0].msg);
		goto out;
	}
	if (b->mapping && (err = load_mapping(c, b->mapping)))
		goto out;
out:
	diags_release(&d);
	if (err) {
		catalog_free(c);
		c = NULL;
	}
	*out = c;
	return err;
}

/*
 * Finds and reads ROOT/catalogs/NAME.yaml.  A YAML syntax error is returned
 * in *syntax (with *out NULL) so that check can list it with the rest;
 * other problems go to d.
 */
static struct isms_error *open_project(const char *name, const char *root,
    struct diags *d, struct isms_error **syntax, struct catalog **out)
{
	char *display = NULL, *path = NULL, *buf = NULL;
	size_t len;
	struct stat st;
	struct catalog *c = NULL;
	struct isms_error *err = NULL;

	*syntax = NULL;
	if (!root || !valid_project_name(name)) {
		err = unknown_catalog(name);
		goto out;
	}
	display = xasprintf("catalogs/%s.yaml", name);
	path = xasprintf("%s/%s", root, display);
	if (stat(path, &st) < 0 && (errno == ENOENT || errno == ENOTDIR)) {
		err = unknown_catalog(name);
		goto out;
	}
	if ((err = read_file(path, display, YAML_MAX_FILE, &buf, &len)))
		goto out;
	c = catalog_new(name, display, false);
	if ((*syntax = ydoc_parse(display, buf, len, &c->doc)))
		goto out;
	load_catalog(d, c);
out:
	if (err || *syntax) {
		catalog_free(c);
		c = NULL;
	}
	free(buf);
	free(path);
	free(display);
	*out = c;
	return err;
}

struct isms_error *catalog_check(const char *name, const char *root,
    struct diags *d, struct catalog **out)
{
	const struct builtin *b = find_builtin(name);
	struct isms_error *syntax = NULL, *err;

	if (b)
		return open_builtin(b, out);
	err = open_project(name, root, d, &syntax, out);
	if (syntax) {
		diag_add_error(d, "yaml-syntax", syntax);
		err_free(syntax);
	}
	return err;
}

struct isms_error *catalog_open(const char *name, const char *root,
    struct catalog **out)
{
	const struct builtin *b = find_builtin(name);
	struct diags d = DIAGS_INIT;
	struct isms_error *syntax = NULL, *err;

	if (b)
		return open_builtin(b, out);
	if ((err = open_project(name, root, &d, &syntax, out)))
		goto out;
	if (syntax) {
		err = syntax;
		goto out;
	}
	diags_sort(&d);
	const struct diag *first = diags_first_fatal(&d);
	if (first) {
		err = err_at(EXIT_DATA, first->file, first->line, first->col,
		    "%s", first->msg);
		catalog_free(*out);
		*out = NULL;
	}
out:
	diags_release(&d);
	return err;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	idmap_release(&c->control_index);
	idmap_release(&c->clause_index);
	idmap_release(&c->theme_index);
	idmap_release(&c->by_old.index);
	idmap_release(&c->by_new.index);
	free(c->by_old.ids);
	free(c->by_old.groups);
	free(c->by_new.ids);
	free(c->by_new.groups);
	free(c->pairs);
	free(c->themes);
	free(c->clauses);
	free(c->controls);
	ydoc_free(c->mapdoc);
	ydoc_free(c->doc);
	free(c->file);
	free(c->name);
	free(c);
}

/* Accessors. */

const char *catalog_name(const struct catalog *c)
{
	return c->name;
}

const char *catalog_title(const struct catalog *c)
{
	return c->title ? c->title : c->name;
}

const char *catalog_file(const struct catalog *c)
{
	return c->file;
}

bool catalog_is_builtin(const struct catalog *c)
{
	return c->builtin;
}

size_t catalog_count(const struct catalog *c)
{
	return c->ncontrols;
}

const struct catalog_control *catalog_control(const struct catalog *c,
    size_t i)
{
	return i < c->ncontrols ? &c->controls[i] : NULL;
}

const struct catalog_control *catalog_find(const struct catalog *c,
    const char *id)
{
	size_t i;

	return cindex_get(&c->control_index, id, &i) ? &c->controls[i] : NULL;
}

size_t catalog_theme_count(const struct catalog *c)
{
	return c->nthemes;
}

const struct catalog_theme *catalog_theme(const struct catalog *c, size_t i)
{
	return i < c->nthemes ? &c->themes[i] : NULL;
}

size_t catalog_clause_count(const struct catalog *c)
{
	return c->nclauses;
}

const struct catalog_clause *catalog_clause(const struct catalog *c,
    size_t i)
{
	return i < c->nclauses ? &c->clauses[i] : NULL;
}

const struct catalog_clause *catalog_find_clause(const struct catalog *c,
    const char *id)
{
	size_t i;

	return cindex_get(&c->clause_index, id, &i) ? &c->clauses[i] : NULL;
}

const char *catalog_supersedes(const struct catalog *c)
{
	return c->supersedes;
}

size_t catalog_pair_count(const struct catalog *c)
{
	return c->npairs;
}

const struct catalog_pair *catalog_pair(const struct catalog *c, size_t i)
{
	return i < c->npairs ? &c->pairs[i] : NULL;
}

size_t catalog_map_to_new(const struct catalog *c, const char *old_id,
    const char *const **ids)
{
	return grouping_find(&c->by_old, old_id, ids);
}

size_t catalog_map_to_old(const struct catalog *c, const char *new_id,
    const char *const **ids)
{
	return grouping_find(&c->by_new, new_id, ids);
}

bool catalog_is_new(const struct catalog *c, const char *id)
{
	const char *const *ids;

	return c->supersedes && catalog_find(c, id) &&
	    catalog_map_to_old(c, id, &ids) == 0;
}
