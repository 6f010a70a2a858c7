/*
 * Score formulas: a small arithmetic language parsed once into a tree.
 *
 *   formula := sum
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/") unary)*
 *   unary   := "-" unary | primary
 *   primary := number | name | function "(" sum ("," sum)* ")" | "(" sum ")"
 *   function: min max avg coalesce
 *
 * Names are resolved to variable indices by the caller while parsing, so
 * evaluation never looks at a string.  Every node keeps the byte offset of
 * its text so that errors point at a column inside the formula.
 *
 * Variables hold values >= 0; a negative value means "not rated".  A node
 * over a missing variable is missing, except coalesce(a, b, ...), which is
 * its first argument that is not missing: that is how a methodology says
 * "the business impact when rated, else the technical one".
 *
 * expr_range() bounds a formula over the variables' ranges by interval
 * arithmetic and reports every division whose divisor can be zero, which is
 * how a methodology that could divide by zero is refused at load time.
 * Trees live in the caller's arena.
 */
#ifndef ISMS_EXPR_H
#define ISMS_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms/util.h"

#define EXPR_MAX_LEN 4096
#define EXPR_MAX_DEPTH 32
#define EXPR_MAX_VARS 64

enum expr_op {
	EX_NUM, EX_VAR, EX_NEG, EX_ADD, EX_SUB, EX_MUL, EX_DIV,
	EX_MIN, EX_MAX, EX_AVG, EX_COALESCE,
};

struct expr {
	enum expr_op op;
	double num;         /* EX_NUM */
	int var;            /* EX_VAR: the resolved index */
	size_t off;         /* byte offset of the node's text in the formula */
	size_t n;           /* operands */
	struct expr **kid;
};

struct expr_ops {
	/* Returns the index of a variable name (< EXPR_MAX_VARS), or reports
	 * the unknown name itself and returns -1. */
	int (*resolve)(void *arg, const char *name, size_t len, size_t off);
	/* Reports a problem at byte offset off of the formula. */
	void (*error)(void *arg, size_t off, const char *msg);
	void *arg;
};

struct expr_range {
	double lo, hi;
	bool may_miss; /* may evaluate to "not rated" */
};

/* Parses src; on any problem reports each through ops and returns NULL. */
struct expr *expr_parse(struct arena *a, const char *src,
    const struct expr_ops *ops);
/* Evaluates e; false when the result is missing. */
bool expr_eval(const struct expr *e, const double *vals, double *out);
/* Bounds e given each variable's range; reports (through ops) every
 * divisor that can be zero and returns false if there is one. */
bool expr_range(const struct expr *e, const struct expr_range *vars,
    const struct expr_ops *ops, struct expr_range *out);
/* The variables e reads, as a bit mask. */
uint64_t expr_vars(const struct expr *e);
bool expr_equal(const struct expr *a, const struct expr *b);

#endif
