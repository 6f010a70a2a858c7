/*
 * Diagnostics: the problems found in a project, all of them.
 *
 * Loading and checking never stop at the first problem; each one is added
 * here with its place (FILE:LINE:COL), a severity and a stable rule id that
 * users can select or skip and that editors and CI systems can group by.
 * Rule ids are kebab-case string literals defined where the rule lives and
 * documented in man/isms-check.1.
 */
#ifndef ISMS_DIAG_H
#define ISMS_DIAG_H

#include "isms/util.h"
#include "isms/yaml.h"

enum severity { SEV_ERROR, SEV_WARNING };

struct diag {
	char *file;
	unsigned line, col;
	enum severity sev;
	const char *rule;  /* static string, e.g. "unknown-key" */
	char *msg;
	/* True for problems that make a register unusable (syntax, schema,
	 * duplicate ids): commands other than check refuse to run on them. */
	bool fatal;
};

struct diags {
	struct diag *v;
	size_t n, cap;
};

#define DIAGS_INIT { NULL, 0, 0 }

/* Adds a problem at node `at` (NULL: at the top of the file). */
void diag_add(struct diags *d, enum severity sev, const char *rule,
    const char *file, const struct ynode *at, const char *fmt, ...)
    ISMS_PRINTF(6, 7);
void diag_addv(struct diags *d, enum severity sev, const char *rule,
    const char *file, unsigned line, unsigned col, const char *fmt,
    va_list ap) ISMS_PRINTF(7, 0);
/* Adds a problem that stops commands other than check (exit 3). */
void diag_fatal(struct diags *d, const char *rule, const char *file,
    const struct ynode *at, const char *fmt, ...) ISMS_PRINTF(5, 6);
void diag_add_error(struct diags *d, const char *rule,
    const struct isms_error *err);
/* Sorts by file, line, column, then rule: deterministic output. */
void diags_sort(struct diags *d);
size_t diags_count(const struct diags *d, enum severity sev);
/* The first fatal problem, or NULL. */
const struct diag *diags_first_fatal(const struct diags *d);
/* Appends from's problems to to; from is left empty. */
void diags_move(struct diags *to, struct diags *from);
void diags_release(struct diags *d);
const char *severity_name(enum severity sev);

#endif
