/*
 * isms init: start a project.
 *
 * Writes isms.yaml with the chosen preset's methodology spelled out in
 * full (so a new user sees the scales and bands and can edit them) and an
 * empty register for each file, or with --example the bundled Northwind
 * Health project.  It never overwrites: if any file it would write already
 * exists, nothing is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "isms/embedded.h"
#include "isms/emit.h"
#include "isms/fsio.h"
#include "isms/method.h"

struct newfile {
	const char *name;
	char *text;
};

static const char *const empty_registers[][2] = {
	{ "scope.yaml", "# Context and scope of the ISMS (ISO/IEC 27001 4.1-4.3).\n"
	    "version: 1\nstatement: \"\"\nissues: []\nparties: []\n"
	    "boundaries: []\ninterfaces: []\nexclusions: []\n" },
	{ "assets.yaml", "# Asset register (A.5.9).\nversion: 1\nassets: []\n" },
	{ "risks.yaml", "# Risk register (6.1.2, 8.2).\nversion: 1\nrisks: []\n" },
	{ "treatments.yaml", "# Risk treatment plan (6.1.3, 8.3).\nversion: 1\n"
	    "treatments: []\n" },
	{ "soa.yaml", "# Statement of applicability (6.1.3 d).\nversion: 1\n"
	    "catalog: iso27001-2022\ncontrols: []\n" },
	{ "audits.yaml", "# Audit programme, audits and findings (9.2, 10.2).\n"
	    "version: 1\nprogramme: {objectives: [], cycle_months: 36}\n"
	    "audits: []\nfindings: []\n" },
	{ "objectives.yaml", "# Information security objectives and plans (6.2).\n"
	    "version: 1\nobjectives: []\n" },
	{ "documents.yaml", "# Documented information (7.5).\nversion: 1\n"
	    "documents: []\n" },
	{ "incidents.yaml", "# Information security incidents (A.5.24-5.28).\n"
	    "version: 1\nincidents: []\n" },
	{ "metrics.yaml", "# Monitoring and measurement (9.1).\nversion: 1\n"
	    "metrics: []\n" },
	{ "reviews.yaml", "# Management reviews (9.3).\nversion: 1\n"
	    "reviews: []\n" },
};

static struct isms_error *config_text(const char *org, const char *preset,
    char **out)
{
	struct method *m = method_preset(preset);
	struct sbuf sb = SBUF_INIT;
	if (!m) {
		struct sbuf names = SBUF_INIT;
		for (size_t i = 0; i < method_preset_count(); i++)
			sbuf_addf(&names, "%s%s", i ? ", " : "",
			    method_preset_name(i));
		struct isms_error *e = err_new(EXIT_USAGE,
		    "--preset: no preset '%s' (choose %s)", preset, names.buf);
		sbuf_release(&names);
		return e;
	}
	sbuf_adds(&sb, "# The ISMS: organisation, control catalog and risk "
	    "methodology (6.1.2 a-b).\nversion: 1\norganization: ");
	emit_string(&sb, org);
	sbuf_adds(&sb, "\ncatalog: iso27001-2022\n");
	method_write(m, &sb);
	method_free(m);
	*out = sbuf_detach(&sb, NULL);
	return NULL;
}

static struct isms_error *make_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? NULL :
		    err_at(EXIT_IO, dir, 0, 0, "exists and is not a directory");
	if (mkdir(dir, 0777) < 0)
		return err_errno(dir, "cannot create the project directory");
	return NULL;
}

static size_t collect_files(const struct ctx *ctx, struct newfile *files,
    struct isms_error **err)
{
	size_t n = 0;
	*err = NULL;
	if (arg_flag(ctx, "example")) {
		static const char *const names[] = { "isms.yaml", "scope.yaml",
			"assets.yaml", "risks.yaml", "treatments.yaml",
			"soa.yaml", "audits.yaml", "objectives.yaml",
			"documents.yaml", "incidents.yaml", "metrics.yaml",
			"reviews.yaml" };
		for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
			char *key = xasprintf("examples/northwind/%s", names[i]);
			const struct embedded_file *f = embedded_find(key);
			free(key);
			if (f)
				files[n++] = (struct newfile){ names[i],
					xstrndup(f->data, f->len) };
		}
		return n;
	}
	const char *org = arg_get(ctx, "org");
	const char *preset = arg_get(ctx, "preset");
	char *text = NULL;
	if ((*err = config_text(org ? org : "My Organisation",
	    preset ? preset : "5x5", &text)))
		return 0;
	files[n++] = (struct newfile){ "isms.yaml", text };
	for (size_t i = 0; i < ARRAY_SIZE(empty_registers); i++)
		files[n++] = (struct newfile){ empty_registers[i][0],
			xstrdup(empty_registers[i][1]) };
	return n;
}

/* The lock file exists from the start, so that a refused write leaves the
 * directory exactly as it was; git is told to ignore it and any temporary
 * file an interrupted write might leave. */
static struct isms_error *ignore_runtime_files(const char *dir)
{
	static const char ignore[] = ".isms.lock\n.isms.cache\n.isms-tmp-*\n";
	struct isms_error *err = NULL;
	char *lock = xasprintf("%s/.isms.lock", dir);
	char *gi = xasprintf("%s/.gitignore", dir);
	if (access(lock, F_OK) != 0)
		err = atomic_write(lock, ".isms.lock", "", 0);
	if (!err && access(gi, F_OK) != 0)
		err = atomic_write(gi, ".gitignore", ignore, sizeof(ignore) - 1);
	free(lock);
	free(gi);
	return err;
}

static struct isms_error *run_init(struct ctx *ctx)
{
	const char *dir = ctx->args.npos ? ctx->args.pos[0] :
	    ctx->g->dir ? ctx->g->dir : ".";
	struct newfile files[REG_COUNT];
	struct isms_error *err = NULL;
	size_t n = collect_files(ctx, files, &err);

	if (err)
		return err;
	if ((err = make_dir(dir)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, files[i].name);
		bool exists = access(path, F_OK) == 0;
		free(path);
		if (exists) {
			err = err_at(EXIT_USAGE, files[i].name, 0, 0,
			    "already exists in %s; init writes only new projects",
			    dir);
			goto out;
		}
	}
	for (size_t i = 0; i < n && !err; i++) {
		char *path = xasprintf("%s/%s", dir, files[i].name);
		err = atomic_write(path, files[i].name, files[i].text,
		    strlen(files[i].text));
		free(path);
	}
	if (!err)
		err = ignore_runtime_files(dir);
	if (!err && !ctx->g->quiet)
		sbuf_addf(&ctx->out, "Initialised %sisms project in %s\n",
		    arg_flag(ctx, "example") ? "example " : "", dir);
out:
	for (size_t i = 0; i < n; i++)
		free(files[i].text);
	return err;
}

static const struct optspec init_opts[] = {
	{ "org", OPT_ARG, "organisation name" },
	{ "preset", OPT_ARG, "methodology: 5x5, iso27005, nist-800-30 or owasp" },
	{ "example", 0, "write the Northwind Health worked example" },
	{ NULL, 0, NULL },
};

const struct command cmd_init = {
	.name = "init",
	.summary = "create a project: isms.yaml and empty registers",
	.usage = "[DIR] [--org NAME] [--preset NAME] [--example]",
	.opts = init_opts,
	.run = run_init,
	.min_args = 0,
	.max_args = 1,
};
