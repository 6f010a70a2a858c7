/*
 * isms check rules for risks and treatments (6.1.2, 6.1.3, 8.2, 8.3).
 */
#include "isms/check.h"

const struct rule risk_rules[] = {
	{ NULL, SEV_ERROR, NULL, NULL },
};
