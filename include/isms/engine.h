/*
 * The risk-scoring engine: pure functions of a loaded method (method.h)
 * and the numbers handed in.  No I/O, no globals, nothing allocated on the
 * scoring path, so scoring a million risks is a loop.
 *
 * A rating is an array of doubles, one per factor in the method's order
 * (method_factor_count()); METHOD_UNRATED marks a factor left out.  Values
 * are scale numbers: method_parse_value() turns "4" or "likely" into 4.
 *
 * Impact derivation (SPEC §1): an asset's effective C, I, A are computed by
 * the asset register; method_derive() takes those of the risk's linked
 * assets and returns the highest harmed property (cia mask), or with no
 * mask the highest asset value, snapped to the derived factor's scale:
 * rounded half up to an integer, capped at the scale's ends, and on a
 * scale with gaps the highest level not above it.  It also says which
 * asset and property supplied the value, so `risk show` can explain it.
 */
#ifndef ISMS_ENGINE_H
#define ISMS_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/diag.h"
#include "isms/method.h"
#include "isms/yaml.h"

#define METHOD_UNRATED (-1.0)
/* Rule id of rating diagnostics. */
#define RULE_RATING "rating"

/* Parses one rating value for factor f: the level's number or its name
 * (case, ' ', '_' and '-' insensitive).  False when not on the scale. */
bool method_parse_value(const struct method *m, size_t f, const char *text,
    double *out);

enum rating_flags {
	RATING_DERIVABLE = 1, /* the derived factor may be left out */
	RATING_PARTIAL = 2,   /* any factor may be left out (a residual
	                       * rating that inherits the rest) */
	RATING_QUANT = 4,     /* ignore sle, aro and loss keys (residual:) */
};

/*
 * Reads a `rating:` mapping: every value must be on its factor's scale,
 * every key a factor (unknown ones get a did-you-mean hint), every required
 * factor present unless flags allow, and optional factors inside one
 * coalesce() argument rated all or none.  Problems are added to d as fatal
 * diagnostics with rule "rating".  vals (may be NULL) receives the values,
 * METHOD_UNRATED where left out.  True when there was no problem.
 */
bool method_rating(const struct method *m, const struct ynode *rating,
    const char *file, unsigned flags, double *vals, struct diags *d);

/* Scores a complete rating: score and level index (0 = lowest).  False
 * when a required factor is unrated or a value is not on its scale.
 * Methods without a score formula score the level's ordinal (1..n). */
bool method_score(const struct method *m, const double *vals, double *score,
    size_t *level);

/* Axis x's value for a rating and its band index (OWASP: likelihood
 * 4.375, band medium); false when it cannot be computed. */
bool method_axis_value(const struct method *m, size_t x, const double *vals,
    double *value, size_t *band);
/* The grid cell a rating falls in (see method_grid()). */
bool method_grid_cell(const struct method *m, const double *vals,
    size_t *row, size_t *col);

/* An asset's value from its effective C, I, A by the method's rule. */
double method_asset_value(const struct method *m, int c, int i, int a);

enum { CIA_C = 1, CIA_I = 2, CIA_A = 4 };

struct cia {
	int c, i, a;
};

struct derivation {
	double raw;   /* the highest property or value, before snapping */
	double value; /* on the derived factor's scale */
	size_t asset; /* index into the assets array that supplied it */
	char prop;    /* 'c', 'i', 'a', or 0 when it is the asset value */
};

/* Derives the method's derivable factor from the linked assets' effective
 * values; mask is CIA_* bits of the properties the risk harms (0: none
 * given).  False when the method derives nothing or n == 0. */
bool method_derive(const struct method *m, const struct cia *assets,
    size_t n, unsigned mask, struct derivation *out);

#endif
