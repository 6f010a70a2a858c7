/*
 * An ISMS project: the directory holding isms.yaml and its registers.
 *
 * project_load() reads every register, parses it into located YAML trees,
 * loads typed records through the schemas, indexes every collection by id
 * and checks ids and references.  Problems go to project.diags; only I/O
 * failures are returned as errors, because `isms check` must be able to list
 * every syntax and schema problem while other commands refuse to work on a
 * project with a fatal one (project_usable()).
 *
 * A write command loads the project under the lock, computes the new text
 * of the files it changes, loads the project again from that text
 * (project_reload(), which parses only the changed registers and reuses the
 * others' trees) and writes only if that second load finds no new integrity
 * problem: the validator is the one judge of what is valid, for hand edits
 * and tool edits alike.
 */
#ifndef ISMS_PROJECT_H
#define ISMS_PROJECT_H

#include "isms/diag.h"
#include "isms/engine.h"
#include "isms/idmap.h"
#include "isms/register.h"

struct catalog;
struct assessment;
struct soa_uses;

struct regfile {
	char *path;         /* on disk */
	struct ydoc *doc;   /* NULL when absent or unparsable */
	bool exists;
	bool borrowed;      /* doc belongs to another project (project_reload) */
	/* A streamed register's text is freed once read: its hash for the
	 * register cache (regcache_hash()) is taken first. */
	bool hashed;
	uint64_t hash;
};

struct project {
	char *root;
	long today;
	struct arena arena;
	struct regfile files[REG_COUNT];
	struct diags diags;
	/* Top-level records; never NULL (empty when the file is absent). */
	struct config *config;
	struct scope *scope;
	struct assets_file *assets;
	struct risks_file *risks;
	struct treatments_file *treatments;
	struct soa_file *soa;
	struct audits_file *audits;
	struct objectives_file *objectives;
	struct documents_file *documents;
	struct incidents_file *incidents;
	struct metrics_file *metrics;
	struct reviews_file *reviews;
	struct idmap index[COL_COUNT];
	/* Effective C, I, A per asset (SPEC §1), parallel to assets->assets:
	 * the highest of its own and of every asset depending on it. */
	struct cia *effective;
	struct method *method;     /* NULL when the methodology is invalid */
	/* Factor values of each risk's rating and each treatment's residual
	 * rating as read (and checked) while loading, method_factor_count()
	 * per record, METHOD_UNRATED where left out; *_ok says the rating read
	 * cleanly.  The assessment uses them instead of reading twice. */
	double *rating_vals, *residual_vals;
	unsigned char *rating_ok, *residual_ok;
	struct catalog *catalog;   /* NULL when it could not be opened */
	/* Computed on first use by project_assessment() (assess.h). */
	struct assessment *assessment;
	/* Computed on first use by project_soa_uses() (soa.h). */
	struct soa_uses *soa_uses;
	/* Bit f: register f was loaded (project_load_only()). */
	unsigned only;
	/* Ids of collections whose register was left out, known to exist
	 * (project_load_only()); NULL or a NULL entry: none. */
	const struct id_list *known;
	/* Bit f: register f was read streamed (project_load_readonly(),
	 * project_load_editing()): records of its collections' lists keep
	 * stubs, not nodes (yaml.h, struct ystream). */
	unsigned streamed;
	bool hash_streamed;         /* their hashes are kept (regfile.hash) */
	struct idmap shared;        /* rating scalars (struct persist) */
};

/* Ids known to exist, per collection, for project_load_only(). */
struct id_list {
	const char *const *ids[COL_COUNT];   /* NULL: none known */
	size_t n[COL_COUNT];
};

struct text_override {
	enum reg_file file;
	const char *text;
	size_t len;
};

/* Finds the project root: -C DIR, else ISMS_DIR, else the current
 * directory, then each parent, until one holds isms.yaml. */
struct isms_error *project_find_root(const char *start, char **root);
struct isms_error *project_load(const char *root, long today,
    const struct text_override *ov, size_t nov, struct project **out);
/* The same for a command that only reads: records are loaded as their
 * files are parsed and their nodes are not kept (yaml.h, struct ystream),
 * which takes a fraction of the memory.  Their nodes are parsed again where
 * asked for (rec_node(), yn_full()); such a project is never edited. */
struct isms_error *project_load_readonly(const char *root, long today,
    struct project **out);
/* For a write session that edits only the registers in edits (bit f for
 * register f): the others are read streamed, as by
 * project_load_readonly(), and must not be edited. */
struct isms_error *project_load_editing(const char *root, long today,
    unsigned edits, struct project **out);
/* The same with the registers in ov read from their text, which the
 * project reads in place (it must outlive the project); the others but
 * isms.yaml count as absent. */
struct isms_error *project_load_streamed(const char *root, long today,
    const struct text_override *ov, size_t nov, struct project **out);
/* Loads only the registers whose bit (1u << f) is set in only, isms.yaml
 * always; the others count as absent, except that a reference to an id
 * known[c] lists counts as resolved (whether or not its register was
 * loaded).  For a write that cannot reach the rest (store.h,
 * session_begin_quick()): never a view of the whole project, and
 * project_find() finds only loaded records. */
struct isms_error *project_load_only(const char *root, long today,
    const struct text_override *ov, size_t nov, unsigned only,
    const struct id_list *known, struct project **out);
/* Loads base's project again with the registers in ov replaced by their
 * text; every other register reuses base's parsed document instead of
 * reading and parsing it again (base must outlive *out).  The result is
 * what project_load() with the same overrides would give: records,
 * indexes and every cross-register check are built afresh. */
struct isms_error *project_reload(const struct project *base,
    const struct text_override *ov, size_t nov, struct project **out);
void project_free(struct project *p);
/* EXIT_DATA error naming the first fatal problem, or NULL. */
struct isms_error *project_usable(const struct project *p);

struct reclist *project_list(const struct project *p, enum collection c);
void *project_find(const struct project *p, enum collection c, const char *id);
/* Index of a record in its collection's list, or -1. */
long project_index_of(const struct project *p, enum collection c,
    const void *rec);
/* The asset's value by the methodology's rule (0 without a method). */
double project_asset_value(const struct project *p, size_t asset_index);
/* Display path of a register ("assets.yaml"). */
const char *project_file_name(enum reg_file f);
/* Next free id: prefix plus at least three digits above the highest. */
char *project_next_id(const struct project *p, enum collection c);
/* The same over a list of ids (NULL entries skipped). */
char *next_id_among(const char *prefix, const char *const *ids, size_t n);

/* Records (in collection order) whose reference fields name id. */
struct referrer {
	enum collection coll;
	const void *rec;
	const char *field;
};
size_t project_referrers(const struct project *p, enum collection target,
    const char *id, struct referrer **out);

#endif
