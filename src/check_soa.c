/*
 * isms check rules for the Statement of Applicability (6.1.3 d).
 */
#include "isms/check.h"

const struct rule soa_rules[] = {
	{ NULL, SEV_ERROR, NULL, NULL },
};
