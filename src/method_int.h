/*
 * The risk methodology's internal model, shared by method.c (load, check,
 * write) and engine.c (score, rate, derive).  Everything hangs off the
 * method's own arena and is read-only once method_load() returns, so one
 * method can score from many threads.
 *
 * Invariants established by the loader:
 *  - factor and axis names are distinct identifiers; variables are numbered
 *    factors first (0..nf-1), then axes (nf..nf+nax-1), < EXPR_MAX_VARS;
 *  - every scale has 1..METHOD_MAX_SCALE levels, values ascending, >= 0;
 *  - bands (axes, and levels when banded) ascend and cover their formula's
 *    range, and no formula can divide by zero or be missing;
 *  - a method has a matrix, or banded levels and a score formula; when it
 *    has a matrix, the matrix decides the level;
 *  - appetite, derive and matrix cells are valid indices.
 */
#ifndef ISMS_METHOD_INT_H
#define ISMS_METHOD_INT_H

#include "isms/engine.h"
#include "isms/expr.h"
#include "isms/method.h"

#define METHOD_MAX_FACTORS 32
#define METHOD_MAX_AXES 8
#define METHOD_MAX_SCALE 101
#define METHOD_MAX_LEVELS 16
#define METHOD_MAX_VALUE 1000

struct mlevel {
	int value;
	const char *name;  /* NULL on a bare numeric range */
	const char *label; /* the name, or the number as text */
};

struct mfactor {
	const char *name;
	struct mlevel *lv;
	size_t n;
	bool named;    /* written as scale: {n: name}; else range: [lo, hi] */
	bool optional; /* may be left unrated (only inside coalesce()) */
};

struct mband {
	const char *name;
	double bound;
	bool below; /* value < bound, else value <= bound */
};

struct maxis {
	const char *name;
	const char *formula;
	struct expr *e;
	struct mband *band;
	size_t n;
	const char **labels; /* band names, for the grid */
};

struct mref {
	bool axis; /* else a factor */
	size_t idx;
};

struct method {
	struct arena arena;
	const char *preset;
	struct mfactor *f;
	size_t nf;
	struct maxis *ax;
	size_t nax;
	const char *score_src; /* NULL: the score is the level's ordinal */
	struct expr *score;
	struct mband *lv;      /* levels, ascending; bounds only when banded */
	size_t nl;
	bool banded;
	bool has_matrix;
	struct mref mrow, mcol;
	size_t *cell;          /* matrix: rows x columns level indices */
	size_t appetite;
	enum asset_rule asset;
	int derive;            /* factor index, or -1 */
	enum derive_from dfrom;
	/* The heat-map grid, precomputed (see method_grid()). */
	bool has_grid;
	struct mref grow, gcol;
	size_t *gcell;
	const char **flabels[METHOD_MAX_FACTORS]; /* each factor's labels */
};

/* A non-negative integer of at most 4 digits ("007" is 7). */
bool method_parse_int(const char *s, int *out);
/* The level index of value v on factor f's scale, or -1. */
int method_scale_find(const struct method *m, size_t f, double v);
/* The band of value v, or -1 when above the last. */
int method_band_find(const struct mband *b, size_t n, double v);
/* Evaluates the axes into vals[nf..nf+nax): vals must have room. */
bool method_eval_axes(const struct method *m, double *vals);
/* The number of levels of a matrix or grid axis. */
size_t method_ref_count(const struct method *m, const struct mref *r);
/* The level of the matrix axis `r` for values (axes evaluated), or -1. */
int method_ref_level(const struct method *m, const struct mref *r,
    const double *vals);

#endif
