/*
 * isms: the program.  Global options, the command table, dispatch, and the
 * one place where errors are printed and exit codes chosen.
 *
 * Everything a command needs arrives in struct ctx; nothing below this file
 * prints to stderr or calls exit(), so the library stays usable from tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "isms/date.h"
#include "isms/fsio.h"
#include "version.h"

extern const struct command cmd_init, cmd_scope, cmd_asset, cmd_risk,
    cmd_treat, cmd_soa, cmd_audit, cmd_check, cmd_report, cmd_status,
    cmd_objective, cmd_doc, cmd_incident, cmd_metric, cmd_review,
    cmd_diff, cmd_merge_driver, cmd_git, cmd_renumber;

/* In the order of the ISMS cycle: context, assets, risk, treatment,
 * controls, audit, and the rest of the PDCA cycle; then the views over
 * all of it. */
const struct command *const commands[] = {
	&cmd_init,
	&cmd_scope,
	&cmd_asset,
	&cmd_risk,
	&cmd_treat,
	&cmd_soa,
	&cmd_audit,
	&cmd_objective,
	&cmd_doc,
	&cmd_incident,
	&cmd_metric,
	&cmd_review,
	&cmd_check,
	&cmd_report,
	&cmd_status,
	&cmd_diff,
	&cmd_renumber,
	&cmd_git,
	&cmd_merge_driver,
	NULL,
};

static const struct optspec common_opts[] = {
	{ "format", OPT_ARG, "output format" },
	{ "today", OPT_ARG, "date for due and overdue judgements (YYYY-MM-DD)" },
	{ "output", OPT_ARG, "write the output to FILE (-o)" },
	{ "no-color", 0, "no colour" },
	{ "quiet", 0, "print only what scripts need (-q)" },
	{ "help", 0, "show this help (-h)" },
	{ NULL, 0, NULL },
};

static const char main_usage[] =
    "usage: isms [-C DIR] [--today YYYY-MM-DD] [--format FMT] [--no-color] [-q]\n"
    "            COMMAND [VERB] [ARGS...]\n"
    "       isms --version | isms help [COMMAND [VERB]]\n";

static void print_error(const struct isms_error *e)
{
	char *msg = err_format(e);
	/* One line per problem; multi-line errors list several problems. */
	for (char *line = msg, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line)
			fprintf(stderr, "isms: %s\n", line);
	}
	free(msg);
}

static void help_overview(struct sbuf *out)
{
	sbuf_adds(out, main_usage);
	sbuf_adds(out, "\nCommands:\n");
	int width = 4; /* "help" */
	for (size_t i = 0; commands[i]; i++)
		if ((int)strlen(commands[i]->name) > width)
			width = (int)strlen(commands[i]->name);
	for (size_t i = 0; commands[i]; i++)
		sbuf_addf(out, "  %-*s  %s\n", width, commands[i]->name,
		    commands[i]->summary);
	sbuf_addf(out, "  %-*s  show help for a command\n", width, "help");
	sbuf_adds(out, ""
	    "\nGlobal options:\n"
	    "  -C DIR              run in DIR (also ISMS_DIR)\n"
	    "  --today YYYY-MM-DD  judge due dates as of this day\n"
	    "  --format FMT        text, json, csv, yaml, md (per command)\n"
	    "  --no-color          no colour (also NO_COLOR)\n"
	    "  -q, --quiet         print only what scripts need\n"
	    "\nSee isms(1) and 'isms help COMMAND'.\n");
}

static void opts_help(struct sbuf *out, const struct optspec *opts)
{
	for (size_t i = 0; opts && opts[i].name; i++)
		sbuf_addf(out, "  --%s%s%*s%s\n", opts[i].name,
		    opts[i].flags & OPT_ARG ? " VALUE" : "",
		    (int)(24 - strlen(opts[i].name) -
		    (opts[i].flags & OPT_ARG ? 6 : 0)) > 1 ?
		    (int)(24 - strlen(opts[i].name) -
		    (opts[i].flags & OPT_ARG ? 6 : 0)) : 1, "", opts[i].help);
}

void help_command(struct sbuf *out, const struct command *cmd)
{
	if (!cmd->verbs) {
		sbuf_addf(out, "usage: isms %s %s\n\n%s\n", cmd->name,
		    cmd->usage ? cmd->usage : "", cmd->summary);
		if (cmd->opts && cmd->opts[0].name) {
			sbuf_adds(out, "\nOptions:\n");
			opts_help(out, cmd->opts);
		}
		return;
	}
	sbuf_addf(out, "usage: isms %s VERB [ARGS...]\n\n%s\n\nVerbs:\n",
	    cmd->name, cmd->summary);
	for (size_t i = 0; cmd->verbs[i].name; i++)
		sbuf_addf(out, "  %s %s\n      %s\n", cmd->verbs[i].name,
		    cmd->verbs[i].usage, cmd->verbs[i].summary);
	sbuf_addf(out, "\nSee 'isms %s VERB --help' and isms-%s(1).\n",
	    cmd->name, cmd->name);
}

static void field_opts_help(struct sbuf *out, const struct verb *verb)
{
	const struct schema *s = coll_defs[verb->coll].schema;
	sbuf_adds(out, "\nFields (--FIELD VALUE; lists take repeated or "
	    "comma-separated values):\n");
	for (size_t i = 0; i < s->nfields; i++) {
		const struct field *f = &s->fields[i];
		const char *name = f->singular ? f->singular : f->name;
		sbuf_addf(out, "  --%-22s %s%s\n", name,
		    f->help ? f->help : "",
		    f->flags & FF_REQUIRED && !(f->flags & FF_ID) ?
		    " (required)" : "");
	}
}

void help_verb(struct sbuf *out, const struct command *cmd,
    const struct verb *verb)
{
	sbuf_addf(out, "usage: isms %s %s %s\n\n%s\n", cmd->name, verb->name,
	    verb->usage, verb->summary);
	if (verb->opts && verb->opts[0].name) {
		sbuf_adds(out, "\nOptions:\n");
		opts_help(out, verb->opts);
	}
	if (verb->flags & VERB_FIELDS)
		field_opts_help(out, verb);
}

const char *arg_get(const struct ctx *ctx, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < ctx->args.nopt; i++)
		if (strcmp(ctx->args.opt[i].name, name) == 0)
			v = ctx->args.opt[i].value;
	return v;
}

bool arg_flag(const struct ctx *ctx, const char *name)
{
	for (size_t i = 0; i < ctx->args.nopt; i++)
		if (strcmp(ctx->args.opt[i].name, name) == 0)
			return true;
	return false;
}

struct isms_error *ctx_format(const struct ctx *ctx, unsigned allowed,
    enum out_format dflt, enum out_format *out)
{
	*out = ctx->g->format_set ? ctx->g->format : dflt;
	if (allowed & FMT_BIT(*out))
		return NULL;
	struct sbuf sb = SBUF_INIT;
	out_format_names(allowed, &sb);
	struct isms_error *e = err_new(EXIT_USAGE,
	    "%s%s%s: format '%s' is not available here (use %s)",
	    ctx->cmd->name, ctx->verb ? " " : "",
	    ctx->verb ? ctx->verb->name : "", out_format_name(*out), sb.buf);
	sbuf_release(&sb);
	return e;
}

struct isms_error *ctx_load(const struct ctx *ctx, struct project **p)
{
	struct isms_error *err = project_load_readonly(ctx->root,
	    ctx->g->today, p);
	if (err)
		return err;
	if ((err = project_usable(*p))) {
		project_free(*p);
		*p = NULL;
	}
	return err;
}

static const struct optspec *find_opt(const struct optspec *opts,
    const char *name)
{
	for (size_t i = 0; opts && opts[i].name; i++)
		if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	return NULL;
}

static bool field_option(const struct verb *verb, const char *name)
{
	return schema_field_arg(coll_defs[verb->coll].schema, name) != NULL;
}

static struct isms_error *apply_global(struct globals *g, const char *name,
    const char *value)
{
	if (strcmp(name, "format") == 0) {
		if (!out_format_parse(value, &g->format))
			return err_new(EXIT_USAGE, "unknown format '%s'", value);
		g->format_set = true;
	} else if (strcmp(name, "today") == 0) {
		if (!date_parse(value, &g->today))
			return err_new(EXIT_USAGE,
			    "--today: '%s' is not a date (YYYY-MM-DD)", value);
	} else if (strcmp(name, "output") == 0) {
		g->output = value;
	} else if (strcmp(name, "no-color") == 0) {
		g->color = false;
	} else if (strcmp(name, "quiet") == 0) {
		g->quiet = true;
	}
	return NULL;
}

static const char *short_opt(char c)
{
	switch (c) {
	case 'o':
		return "output";
	case 'q':
		return "quiet";
	case 'h':
		return "help";
	default:
		return NULL;
	}
}

static struct isms_error *parse_args(struct ctx *ctx, int argc, char **argv,
    const struct optspec *opts, unsigned vflags)
{
	struct args *a = &ctx->args;
	size_t optcap = 0;
	bool only_pos = false;

	a->pos = xcalloc((size_t)argc + 1, sizeof(*a->pos));
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		if (only_pos || arg[0] != '-' || arg[1] == '\0' ||
		    (arg[1] >= '0' && arg[1] <= '9')) {
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = true;
			continue;
		}
		char namebuf[128];
		const char *name, *value = NULL;
		if (arg[1] != '-') {
			name = short_opt(arg[1]);
			if (!name || arg[2])
				return err_new(EXIT_USAGE, "unknown option '%s'",
				    arg);
		} else {
			const char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			if (len >= sizeof(namebuf))
				len = sizeof(namebuf) - 1;
			memcpy(namebuf, arg + 2, len);
			namebuf[len] = '\0';
			name = namebuf;
			value = eq ? eq + 1 : NULL;
		}
		const struct optspec *spec = find_opt(opts, name);
		if (!spec)
			spec = find_opt(common_opts, name);
		bool takes = spec ? (spec->flags & OPT_ARG) != 0 : true;
		if (!spec && !(vflags & VERB_ANYOPTS) &&
		    !((vflags & VERB_FIELDS) && field_option(ctx->verb, name)))
			return err_new(EXIT_USAGE, "unknown option '--%s'%s%s",
			    name, ctx->verb ? " for " : "",
			    ctx->verb ? ctx->verb->name : "");
		if (takes && !value) {
			if (i + 1 >= argc)
				return err_new(EXIT_USAGE,
				    "option '--%s' needs a value", name);
			value = argv[++i];
		} else if (!takes && value) {
			return err_new(EXIT_USAGE,
			    "option '--%s' takes no value", name);
		}
		if (spec && find_opt(common_opts, spec->name) == spec) {
			struct isms_error *err = apply_global(ctx->g, name, value);
			if (err)
				return err;
		}
		GROW(a->opt, optcap, a->nopt + 1);
		a->opt[a->nopt++] = (struct argopt){
			xstrdup(spec ? spec->name : name), value };
	}
	return NULL;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static const struct verb *find_verb(const struct command *cmd,
    const char *name)
{
	for (size_t i = 0; cmd->verbs && cmd->verbs[i].name; i++)
		if (strcmp(cmd->verbs[i].name, name) == 0)
			return &cmd->verbs[i];
	return NULL;
}

static struct isms_error *run_help(struct ctx *ctx, int argc, char **argv)
{
	if (argc == 0) {
		help_overview(&ctx->out);
		return NULL;
	}
	const struct command *cmd = find_command(argv[0]);
	if (!cmd)
		return err_new(EXIT_USAGE, "no such command '%s'", argv[0]);
	ctx->cmd = cmd;
	if (argc > 1) {
		const struct verb *v = find_verb(cmd, argv[1]);
		if (!v)
			return err_new(EXIT_USAGE, "no verb '%s' in '%s'",
			    argv[1], cmd->name);
		help_verb(&ctx->out, cmd, v);
		return NULL;
	}
	help_command(&ctx->out, cmd);
	return NULL;
}

static struct isms_error *check_arg_count(const struct ctx *ctx, int min,
    int max, const char *usage)
{
	int n = (int)ctx->args.npos;
	if (n >= min && (max < 0 || n <= max))
		return NULL;
	return err_new(EXIT_USAGE, "%s: usage: isms %s%s%s %s",
	    n < min ? "missing argument" : "too many arguments",
	    ctx->cmd->name, ctx->verb ? " " : "",
	    ctx->verb ? ctx->verb->name : "", usage ? usage : "");
}

/*
 * Everything dispatch does before running a verb: finds the command and
 * the verb, parses their options with the shared parser and checks the
 * argument count.  *ready is false when nothing is left to run (help was
 * asked for).  Kept apart from running so that fuzz/fuzz_args.c can drive
 * the option parser over the real tables without touching a project.
 */
struct isms_error *dispatch_parse(struct ctx *ctx, int argc, char **argv,
    bool *ready)
{
	struct isms_error *err;
	const struct command *cmd;

	*ready = false;
	if (argc == 0) {
		help_overview(&ctx->out);
		return err_new(EXIT_USAGE, "no command given");
	}
	if (strcmp(argv[0], "help") == 0)
		return run_help(ctx, argc - 1, argv + 1);
	if (!(cmd = find_command(argv[0])))
		return err_new(EXIT_USAGE,
		    "'%s' is not an isms command; see 'isms help'", argv[0]);
	ctx->cmd = cmd;
	argc--, argv++;
	if (cmd->verbs) {
		if (argc == 0 || strcmp(argv[0], "--help") == 0 ||
		    strcmp(argv[0], "-h") == 0) {
			help_command(&ctx->out, cmd);
			return argc == 0 ? err_new(EXIT_USAGE,
			    "%s: missing verb", cmd->name) : NULL;
		}
		if (!(ctx->verb = find_verb(cmd, argv[0])))
			return err_new(EXIT_USAGE,
			    "'%s' is not a verb of 'isms %s'; see 'isms help %s'",
			    argv[0], cmd->name, cmd->name);
		argc--, argv++;
		err = parse_args(ctx, argc, argv, ctx->verb->opts,
		    ctx->verb->flags);
	} else {
		err = parse_args(ctx, argc, argv, cmd->opts, 0);
	}
	if (err)
		return err;
	if (arg_flag(ctx, "help")) {
		if (ctx->verb)
			help_verb(&ctx->out, cmd, ctx->verb);
		else
			help_command(&ctx->out, cmd);
		return NULL;
	}
	if (ctx->verb)
		err = check_arg_count(ctx, ctx->verb->min_args,
		    ctx->verb->max_args, ctx->verb->usage);
	else
		err = check_arg_count(ctx, cmd->min_args, cmd->max_args,
		    cmd->usage);
	*ready = err == NULL;
	return err;
}

static struct isms_error *dispatch(struct ctx *ctx, int argc, char **argv)
{
	struct isms_error *err;
	bool ready;

	if ((err = dispatch_parse(ctx, argc, argv, &ready)) || !ready)
		return err;
	if (ctx->cmd->flags & CMD_PROJECT) {
		err = project_find_root(ctx->g->dir, &ctx->root);
		if (err && ctx->verb && (ctx->verb->flags & VERB_NOPROJECT)) {
			err_free(err);
			err = NULL;
		}
		if (err)
			return err;
	}
	return ctx->verb ? ctx->verb->run(ctx) : ctx->cmd->run(ctx);
}

/* Global options come before the command.  Returns the index of the
 * command word, -1 for --version, -2 for --help. */
int parse_globals(struct globals *g, int argc, char **argv,
    struct isms_error **err)
{
	int i = 1;
	*err = NULL;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-C") == 0 || strcmp(a, "--today") == 0 ||
		    strcmp(a, "--format") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "--output") == 0) {
			if (i + 1 >= argc) {
				*err = err_new(EXIT_USAGE, "option '%s' needs a value",
				    a);
				return i;
			}
			const char *v = argv[++i];
			if (strcmp(a, "-C") == 0)
				g->dir = v;
			else if ((*err = apply_global(g, a[1] == '-' ? a + 2 :
			    "output", v)))
				return i;
		} else if (strncmp(a, "--today=", 8) == 0 ||
		    strncmp(a, "--format=", 9) == 0) {
			char name[8];
			size_t n = (size_t)(strchr(a, '=') - a - 2);
			snprintf(name, sizeof(name), "%.*s", (int)n, a + 2);
			if ((*err = apply_global(g, name, strchr(a, '=') + 1)))
				return i;
		} else if (strcmp(a, "--no-color") == 0) {
			g->color = false;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			g->quiet = true;
		} else if (strcmp(a, "--version") == 0) {
			return -1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			return -2;
		} else {
			*err = err_new(EXIT_USAGE, "unknown option '%s'", a);
			return i;
		}
	}
	return i;
}

void ctx_release(struct ctx *ctx)
{
	for (size_t i = 0; i < ctx->args.nopt; i++)
		free((char *)ctx->args.opt[i].name);
	free(ctx->args.opt);
	free(ctx->args.pos);
	free(ctx->root);
	sbuf_release(&ctx->out);
	memset(&ctx->args, 0, sizeof(ctx->args));
	ctx->root = NULL;
}

/*
 * A command's output is written only once the command has succeeded, so
 * that a failure never leaves half a listing on stdout.  What a command
 * settles (sbuf_settle()) beyond a mebibyte waits in an unlinked temporary
 * file instead of memory: a JSON listing of 100,000 risks is 70 MB.  If
 * the file cannot be made or written, the text simply stays in memory.
 */
struct spill {
	const struct globals *g;
	int fd;           /* the file, removed once made; -1 until then */
	off_t size;       /* bytes written whole; only these are copied */
	bool broken;
};

static struct spill spill = { NULL, -1, 0, false };

/* Output to a file (-o, parsed with the command's options) is replaced
 * atomically from memory. */
static bool to_file(const struct globals *g)
{
	return g->output && strcmp(g->output, "-") != 0;
}

/* A file in TMPDIR (else /tmp) that nobody else can open. */
static int spill_open(void)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/isms-out-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	free(path);
	return fd;
}

static bool spill_write(void *arg, const char *p, size_t n)
{
	struct spill *s = arg;
	if (to_file(s->g))
		return false;
	if (!s->broken && s->fd < 0 && (s->fd = spill_open()) < 0)
		s->broken = true;
	for (size_t done = 0; !s->broken && done < n;) {
		ssize_t w = pwrite(s->fd, p + done, n - done,
		    s->size + (off_t)done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			s->broken = true;
		else
			done += (size_t)w;
	}
	if (s->broken)
		return false;
	s->size += (off_t)n;
	return true;
}

static const struct sbuf_sink spill_sink = { spill_write, &spill, 1 << 20 };

static bool spill_copy(const struct spill *s, FILE *to)
{
	char buf[65536];
	for (off_t at = 0; at < s->size;) {
		size_t want = s->size - at < (off_t)sizeof(buf) ?
		    (size_t)(s->size - at) : sizeof(buf);
		ssize_t r = pread(s->fd, buf, want, at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || fwrite(buf, 1, (size_t)r, to) != (size_t)r)
			return false;
		at += r;
	}
	return true;
}

static struct isms_error *emit_output(struct ctx *ctx)
{
	if (to_file(ctx->g))
		return atomic_write(ctx->g->output, ctx->g->output,
		    ctx->out.buf, ctx->out.len);
	if (spill.size && !spill_copy(&spill, stdout))
		return err_errno("stdout", "cannot write");
	if (ctx->out.len && fwrite(ctx->out.buf, 1, ctx->out.len, stdout) !=
	    ctx->out.len)
		return err_errno("stdout", "cannot write");
	if (fflush(stdout) != 0 && errno != EPIPE)
		return err_errno("stdout", "cannot write");
	return NULL;
}

int main(int argc, char **argv)
{
	struct globals g = { 0 };
	struct ctx ctx = { 0 };
	struct isms_error *err = NULL;
	int code = 0;

	g.today = date_today();
	g.format = FMT_TEXT;
	g.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	ctx.g = &g;
	sbuf_init(&ctx.out);

	int first = parse_globals(&g, argc, argv, &err);
	if (first == -1) {
		printf("isms %s\n", ISMS_VERSION);
		return 0;
	}
	if (first == -2) {
		help_overview(&ctx.out);
		fputs(ctx.out.buf, stdout);
		sbuf_release(&ctx.out);
		return 0;
	}
	spill.g = &g;
	ctx.out.sink = &spill_sink;
	if (!err)
		err = dispatch(&ctx, argc - first, argv + first);
	if (!err || err->code == EXIT_USAGE) {
		struct isms_error *werr = err ? NULL : emit_output(&ctx);
		if (err && ctx.out.len)
			fputs(ctx.out.buf, stderr);
		if (werr)
			err = werr;
	}
	if (err) {
		print_error(err);
		code = err->code;
		err_free(err);
	} else {
		code = ctx.exit_code;
	}
	ctx_release(&ctx);
	if (spill.fd >= 0)
		close(spill.fd);
	return code;
}
