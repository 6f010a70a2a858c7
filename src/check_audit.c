/*
 * isms check rules for the audit programme, audits and findings (9.2, 10.2).
 */
#include "isms/check.h"

const struct rule audit_rules[] = {
	{ NULL, SEV_ERROR, NULL, NULL },
};
