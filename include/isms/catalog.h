/*
 * Control catalogs: the sets of controls an SoA, a treatment or an audit
 * can name.
 *
 * A catalog is a list of controls {id, title, theme} in file order, plus
 * an optional list of management-system clauses {id, title}, both indexed
 * by id in a hash table so that checking thousands of references costs one
 * probe each.  Ids are text, always: "5.10" is never read as a number and
 * is a different control from "5.1".
 *
 * Two catalogs are built in and compiled into the binary (from data/):
 * "iso27001-2022" (Annex A, 93 controls in themes Organizational, People,
 * Physical and Technological, and clauses 4-10) and "iso27001-2013"
 * (Annex A, 114 controls under A.5 to A.18).  The 2013 -> 2022 mapping of
 * ISO/IEC 27002:2022 Annex B belongs to the newer catalog: the opened
 * iso27001-2022 answers which 2022 controls replace a 2013 one, which 2013
 * controls a 2022 one came from, and which 2022 controls are new.
 *
 * Any other name is a project catalog, catalogs/NAME.yaml under the project
 * root, in the same shape as the built-in files:
 *
 *	version: 1                # optional; only 1 is understood
 *	title: NIST CSF 2.0       # optional
 *	controls:
 *	  - {id: GV.OC-01, title: Organizational context, theme: Govern}
 *	clauses:                  # optional, {id, title} records
 *
 * Built-in names win over project files of the same name, so that
 * "iso27001-2022" means the same thing in every project.
 *
 * An opened catalog owns everything it hands out (strings, records) until
 * catalog_free(); nothing is cached between opens and the module has no
 * mutable global state, so callers keep the catalog they opened.
 */
#ifndef ISMS_CATALOG_H
#define ISMS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/diag.h"
#include "isms/error.h"

struct catalog;

struct catalog_control {
	const char *id;
	const char *title;
	const char *theme;      /* NULL when the record gives none */
	unsigned line, col;     /* where the record starts in its file */
};

struct catalog_clause {
	const char *id;
	const char *title;
	unsigned line, col;
};

struct catalog_theme {
	const char *name;
	size_t count;           /* controls with this theme */
};

/* One row of a mapping from an older catalog: old id -> new id. */
struct catalog_pair {
	const char *from;       /* id in catalog_supersedes() */
	const char *to;         /* id in this catalog */
};

/* Built-in catalog names, i = 0, 1, ...; NULL past the last one. */
const char *catalog_builtin_name(size_t i);
bool catalog_is_builtin_name(const char *name);

/*
 * Opens catalog `name`: a built-in one, else ROOT/catalogs/NAME.yaml
 * (root NULL: built-in names only).  A name that is neither is an
 * EXIT_DATA error; a project file with problems fails with the first of
 * them as FILE:LINE:COL (FILE relative to the root: catalogs/NAME.yaml).
 */
struct isms_error *catalog_open(const char *name, const char *root,
    struct catalog **out);

/*
 * As catalog_open(), for `isms check`: every problem of a project catalog
 * (YAML syntax, unknown keys, wrong types, missing id or title, duplicate
 * ids) is added to d, and the valid controls are still returned so that
 * the check can go on.  *out is NULL only when the file does not parse.
 * Returns an error only when the catalog cannot be found or read.
 */
struct isms_error *catalog_check(const char *name, const char *root,
    struct diags *d, struct catalog **out);

void catalog_free(struct catalog *c);

const char *catalog_name(const struct catalog *c);
/* The file's title: (or the name when it gives none). */
const char *catalog_title(const struct catalog *c);
/* The file as named in messages: catalogs/NAME.yaml, or the data file
 * name (iso27001-2022.yaml) for a built-in catalog. */
const char *catalog_file(const struct catalog *c);
bool catalog_is_builtin(const struct catalog *c);

/* Controls in file order. */
size_t catalog_count(const struct catalog *c);
const struct catalog_control *catalog_control(const struct catalog *c,
    size_t i);
/* The control with this exact id, or NULL. */
const struct catalog_control *catalog_find(const struct catalog *c,
    const char *id);

/* Themes in order of first appearance, each with its control count. */
size_t catalog_theme_count(const struct catalog *c);
const struct catalog_theme *catalog_theme(const struct catalog *c, size_t i);

/* Management-system clauses (4, 4.1, ... 10.2 for iso27001-2022). */
size_t catalog_clause_count(const struct catalog *c);
const struct catalog_clause *catalog_clause(const struct catalog *c,
    size_t i);
const struct catalog_clause *catalog_find_clause(const struct catalog *c,
    const char *id);

/*
 * The mapping from an older catalog, when this catalog has one
 * (iso27001-2022 maps from iso27001-2013).  Pairs are in file order; the
 * lookups return how many ids they set *ids to (0 and NULL for none).
 */
const char *catalog_supersedes(const struct catalog *c);
size_t catalog_pair_count(const struct catalog *c);
const struct catalog_pair *catalog_pair(const struct catalog *c, size_t i);
/* Old id (e.g. 2013 "8.1.3") -> the ids in this catalog that replace it. */
size_t catalog_map_to_new(const struct catalog *c, const char *old_id,
    const char *const **ids);
/* Id in this catalog (e.g. 2022 "5.10") -> the old ids it came from. */
size_t catalog_map_to_old(const struct catalog *c, const char *new_id,
    const char *const **ids);
/* True for a control of this catalog that no old control maps to (the
 * catalog must have a mapping). */
bool catalog_is_new(const struct catalog *c, const char *id);

#endif
