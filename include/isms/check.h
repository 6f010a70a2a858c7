/*
 * The rules of `isms check`.
 *
 * Every problem isms can report has a stable rule id listed in rules[]:
 * those found while loading (syntax, schema, ids, references) and those
 * that judge the ISMS itself (owners, treatments, reviews, audits).  The
 * table is the single list that --rule/--skip, the documentation in
 * isms-check(1) and the JUnit output (one test case per rule) all use.
 */
#ifndef ISMS_CHECK_H
#define ISMS_CHECK_H

#include "isms/project.h"

struct rule {
	const char *id;
	enum severity severity;
	const char *summary;
	/* NULL for rules applied while loading. */
	void (*run)(const struct project *p, struct diags *out);
};

extern const struct rule rules[];

const struct rule *rule_find(const char *id);
/* Runs every rule on a loaded project; the load's own problems are
 * copied in first.  The result is sorted. */
void check_project(const struct project *p, struct diags *out);

#endif
