/*
 * Calendar dates as day numbers.
 *
 * Dates are stored in registers as ISO 8601 text (2026-11-22) and compared as
 * days since 1970-01-01, which makes "overdue" a plain integer comparison and
 * keeps time zones out of every judgement.  --today fixes the reference day.
 */
#ifndef ISMS_DATE_H
#define ISMS_DATE_H

#include <stdbool.h>
#include <stddef.h>

#define DATE_NONE (-2147483647L)

/* Strict YYYY-MM-DD with a real day of month; false otherwise. */
bool date_parse(const char *s, long *days);
/* Writes YYYY-MM-DD into out (at least 11 bytes). */
void date_format(long days, char out[static 11]);
long date_from_ymd(int y, int m, int d);
void date_to_ymd(long days, int *y, int *m, int *d);
/* Adds months, clamping the day to the end of the month. */
long date_add_months(long days, int months);
/* Today in local time. */
long date_today(void);

#endif
