/*
 * What `isms risk` and `isms treat` share: ratings given factor by factor
 * on the command line, and the assessed figures as table cells, JSON
 * fields and show lines.
 *
 * A rating option is checked against the project's methodology before
 * anything is written, so `--likelyhood 4` is a usage error (exit 2) with
 * a hint, while the values themselves are judged by the loader exactly as
 * a hand edit would be.  Every number comes from the assessment (assess.h);
 * these functions only format it.
 */
#ifndef ISMS_CMD_RATING_H
#define ISMS_CMD_RATING_H

#include "cmd_common.h"
#include "isms/assess.h"
#include "isms/method.h"

/* The methodology of the project at ctx->root, read from isms.yaml alone
 * (EXIT_DATA when it cannot work). */
struct isms_error *rating_method(const struct ctx *ctx, struct method **m);

/*
 * Gathers rating options into the FT_RATING field `field` of schema s:
 * `--FIELD-FACTOR V` always, and `--FACTOR V` when bare is set and the name
 * is not a field of s; with quant also `--FIELD-sle` and `--FIELD-aro`.
 * Every option that is neither a field, a common or verb option, nor such
 * a rating key is a usage error.  The mapping (factor order, then sle and
 * aro) is put into fields; giving both --FIELD and factor options is a
 * usage error.
 */
struct isms_error *rating_from_opts(const struct ctx *ctx,
    const struct method *m, const struct schema *s, const char *field,
    bool bare, bool quant, struct field_text **fields, size_t *n);

/* "20 critical", or "" when the view is not scored. */
void view_cell(const struct assessment *a, const struct view_score *v,
    struct sbuf *out);
/* PREFIXscore and PREFIXlevel, null when not scored. */
void view_json(struct json_writer *w, const struct assessment *a,
    const char *prefix, const struct view_score *v);
/* The score as a sort key ("" when not scored: sorted last). */
void view_sort_score(const struct view_score *v, struct sbuf *out);
/* The level's rank as a sort key, so levels sort by severity. */
void view_sort_level(const struct view_score *v, struct sbuf *out);

/* "--level": the level index named by the option, or -1 when absent;
 * an unknown name is a usage error. */
struct isms_error *level_option(const struct ctx *ctx,
    const struct method *m, const char *opt, int *level);

#endif
