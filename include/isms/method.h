/*
 * The risk methodology (SPEC §2): what the `methodology:` mapping of
 * isms.yaml says, loaded, checked and written back.
 *
 * A method has named factors, each on a scale of numbered levels that may
 * carry names (`likelihood: 4` or `likelihood: likely`); optional named
 * axes, each a formula over the factors banded into levels of its own (the
 * OWASP likelihood and impact); a score formula; the risk levels, either
 * as ascending bands over the score or decided by a matrix whose rows and
 * columns are two factors or axes; an appetite level; which factor, if any,
 * a risk may leave to be derived from its assets; and how an asset's value
 * combines C, I and A.  See docs/methodology.md for the full format.
 *
 * The presets (5x5, iso27005, nist-800-30, owasp) are themselves written in
 * that format and loaded by the same code: `preset: NAME` starts from one,
 * and every other key replaces that field of it.  method_write() prints
 * the whole expanded method, which loads back to an equal method.
 *
 * A method that cannot work is refused at load time with every problem
 * reported as a fatal diagnostic (rule "methodology"), never a wrong number
 * later.  A loaded method is immutable and owns all its memory.
 */
#ifndef ISMS_METHOD_H
#define ISMS_METHOD_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/diag.h"
#include "isms/util.h"
#include "isms/yaml.h"

#define METHOD_DEFAULT_PRESET "5x5"

struct method;

enum asset_rule { ASSET_MAX, ASSET_SUM, ASSET_AVG };

/* Where a derivable factor comes from when a risk leaves it unrated. */
enum derive_from {
	DERIVE_NONE,
	DERIVE_CIA,   /* highest harmed C/I/A over the linked assets, else
	               * their value (SPEC §1) */
	DERIVE_VALUE, /* highest value of the linked assets (iso27005) */
};

/* Loads the `methodology:` node of isms.yaml (NULL or null: the default
 * 5x5 preset).  file names the YAML file in diagnostics.  Returns NULL,
 * with every problem added to d, when the method cannot work. */
struct method *method_load(const struct ynode *node, const char *file,
    struct diags *d);
/* A preset, loaded; NULL for an unknown name. */
struct method *method_preset(const char *name);
void method_free(struct method *m);

/* The preset names, in the order the documentation lists them. */
size_t method_preset_count(void);
const char *method_preset_name(size_t i);
bool method_preset_exists(const char *name);

/* Appends the whole method as YAML, `methodology:` key first, 2-space
 * indented, ready to be written into isms.yaml by `isms init`. */
void method_write(const struct method *m, struct sbuf *out);
/* True when a and b score every rating alike and write the same text. */
bool method_equal(const struct method *a, const struct method *b);

/* Level names compare without case, ' ' and '_' taken as '-'. */
bool method_name_eq(const char *a, const char *b);

/* The preset the method starts from. */
const char *method_preset_of(const struct method *m);

/* Factors, in the order the methodology lists them. */
size_t method_factor_count(const struct method *m);
const char *method_factor_name(const struct method *m, size_t f);
/* The factor called name, or -1. */
int method_factor_index(const struct method *m, const char *name);
/* Whether a rating may leave factor f out (OWASP business impact). */
bool method_factor_optional(const struct method *m, size_t f);
/* Factor f's scale: level k's number, name (NULL on a bare numeric range)
 * and label (the name, else the number as text). */
size_t method_scale_count(const struct method *m, size_t f);
int method_scale_value(const struct method *m, size_t f, size_t k);
const char *method_scale_name(const struct method *m, size_t f, size_t k);
const char *method_scale_label(const struct method *m, size_t f, size_t k);
/* Appends the values factor f accepts, for messages: "1-5 (rare,
 * unlikely, possible, likely, almost-certain)" or "an integer 0-9". */
void method_scale_describe(const struct method *m, size_t f,
    struct sbuf *out);

/* Intermediate axes (OWASP likelihood and impact). */
size_t method_axis_count(const struct method *m);
const char *method_axis_name(const struct method *m, size_t x);
const char *method_axis_formula(const struct method *m, size_t x);
size_t method_axis_band_count(const struct method *m, size_t x);
const char *method_axis_band_name(const struct method *m, size_t x,
    size_t b);

/* The score formula as written, or NULL when the score is the level's
 * ordinal (1 for the lowest level), as for matrix methods. */
const char *method_score_formula(const struct method *m);

/* Risk levels, lowest first. */
size_t method_level_count(const struct method *m);
const char *method_level_name(const struct method *m, size_t level);
/* The level called name (case and ' '/'_'/'-' insensitive), or -1. */
int method_level_index(const struct method *m, const char *name);
/* The highest level that may be retained without treatment. */
size_t method_appetite(const struct method *m);
bool method_above_appetite(const struct method *m, size_t level);

/* The factor a risk may leave to be derived from its assets (-1: none),
 * and how it is derived. */
int method_derived_factor(const struct method *m);
enum derive_from method_derive_from(const struct method *m);
enum asset_rule method_asset_rule(const struct method *m);
const char *asset_rule_name(enum asset_rule r);

/*
 * The heat map: for methods with two axes (a matrix, or banded levels over
 * exactly two required factors), the grid `risk matrix` and the report
 * draw.  Rows and columns are lowest first; cell[r * ncols + c] is the
 * level of that cell.  All pointers borrow from m.
 */
struct method_grid {
	const char *row_name, *col_name;
	size_t nrows, ncols;
	const char *const *row_labels, *const *col_labels;
	const size_t *cell;
};
/* False when the method has no two-axis grid (iso27005). */
bool method_grid(const struct method *m, struct method_grid *g);

#endif
