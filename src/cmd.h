/*
 * The command table and what every command gets.
 *
 * Each subcommand lives in src/cmd_NAME.c and exports one const struct
 * command; main.c collects them in commands[] and that table alone drives
 * dispatch, `isms help` and every --help text.  A command with verbs lists
 * them in its own table.  Options are declared in the tables and parsed by
 * one shared parser before a verb runs, so unknown flags, missing values
 * and missing arguments are usage errors (exit 2) everywhere alike.
 *
 * A verb prints by appending to ctx->out; main writes it to stdout (or to
 * -o FILE, atomically) only when the verb succeeds, so a failed command
 * never leaves half a report behind.
 */
#ifndef ISMS_CMD_H
#define ISMS_CMD_H

#include "isms/error.h"
#include "isms/output.h"
#include "isms/project.h"

struct globals {
	const char *dir;      /* -C DIR */
	long today;           /* --today, else the local date */
	enum out_format format;
	bool format_set;
	bool color;           /* colour on stdout */
	bool quiet;
	const char *output;   /* -o FILE */
};

#define OPT_ARG   0x1u  /* takes a value */
#define OPT_MULTI 0x2u  /* may be repeated (values accumulate) */

struct optspec {
	const char *name;     /* long name without "--" */
	unsigned flags;
	const char *help;
};

struct argopt {
	const char *name;
	const char *value;    /* NULL for a flag */
};

struct args {
	char **pos;
	size_t npos;
	struct argopt *opt;
	size_t nopt;
};

struct ctx;
struct view;

#define VERB_FIELDS   0x1u  /* accepts --FIELD VALUE for its collection */
#define VERB_ANYOPTS  0x2u  /* accepts any --NAME VALUE (checked by the verb) */
/* Of a CMD_PROJECT command, runs outside a project too (ctx->root NULL). */
#define VERB_NOPROJECT 0x4u

struct verb {
	const char *name;
	const char *usage;    /* arguments after the verb */
	const char *summary;
	const struct optspec *opts;
	struct isms_error *(*run)(struct ctx *ctx);
	unsigned flags;
	int min_args, max_args; /* positional arguments; max -1 = any */
	int coll;             /* collection it works on (VERB_FIELDS) */
	/* For the shared register verbs (rec_*_verb in cmd_common.h): how
	 * the collection's records look. */
	const struct view *view;
};

#define CMD_PROJECT 0x1u      /* runs inside a project */

struct command {
	const char *name;
	const char *summary;
	unsigned flags;
	const struct verb *verbs; /* NULL-name terminated, or NULL */
	/* For commands without verbs: */
	const char *usage;
	const struct optspec *opts;
	struct isms_error *(*run)(struct ctx *ctx);
	int min_args, max_args;
};

struct ctx {
	struct globals *g;
	const struct command *cmd;
	const struct verb *verb;
	struct args args;
	struct sbuf out;
	char *root;               /* project root when CMD_PROJECT */
	int exit_code;            /* set by check: 1 when problems were found */
};

extern const struct command *const commands[];

/* Option access. */
const char *arg_get(const struct ctx *ctx, const char *name);
bool arg_flag(const struct ctx *ctx, const char *name);
/* The output format, checked against what the verb supports. */
struct isms_error *ctx_format(const struct ctx *ctx, unsigned allowed,
    enum out_format dflt, enum out_format *out);
/* Loads the project read-only and refuses one with a fatal problem. */
struct isms_error *ctx_load(const struct ctx *ctx, struct project **p);

/* The program's own steps (main.c), callable without running a command
 * so that fuzz/fuzz_args.c can drive the option parser: global options
 * (returns the index of the command word, -1 for --version, -2 for
 * --help), then the command, verb, options and argument count (*ready is
 * false when only help was asked for). */
int parse_globals(struct globals *g, int argc, char **argv,
    struct isms_error **err);
struct isms_error *dispatch_parse(struct ctx *ctx, int argc, char **argv,
    bool *ready);
/* Frees what parsing and running left in ctx (not ctx->g). */
void ctx_release(struct ctx *ctx);

/* Help text generated from the tables. */
void help_command(struct sbuf *out, const struct command *cmd);
void help_verb(struct sbuf *out, const struct command *cmd,
    const struct verb *verb);

#endif
