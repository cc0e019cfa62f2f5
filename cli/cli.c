/*
 * cli.c - helpers shared by all leaktrace commands (cli.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "leaktrace/issue.h"
#include "leaktrace/ocr.h"
#include "cli.h"

int cli_exit_code(int rc)
{
	switch (rc) {
	case LT_OK: return 0;
	case LT_EUSAGE:
	case LT_EINPUT:
	case LT_EIO: /* a file to read or write: the user's to fix */
	case LT_ENOTFOUND:
	case LT_EEXISTS: return EXIT_USAGE;
	case LT_EVAULT:
	case LT_ELOCKED: return EXIT_VAULT;
	default: return 1;
	}
}

int cli_fail(int rc)
{
	fprintf(stderr, "leaktrace: %s\n", lt_error_message());
	return cli_exit_code(rc);
}

int cli_fail_message(const char *msg, int rc)
{
	fprintf(stderr, "leaktrace: %s\n", msg);
	return cli_exit_code(rc);
}

int cli_fail_vault(const lt_vault *v, int rc)
{
	return cli_fail_message(v && lt_vault_errcode(v) == rc
					? lt_vault_errmsg(v)
					: lt_error_message(),
				rc);
}

int cli_close_vault(lt_vault *v, int rc)
{
	int status = rc ? cli_fail_vault(v, rc) : 0;

	lt_vault_close(v);
	return status;
}

int cli_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "leaktrace: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see 'leaktrace --help')\n");
	return EXIT_USAGE;
}

int cli_emit(json_t *doc)
{
	if (!doc) {
		fprintf(stderr, "leaktrace: out of memory\n");
		return 1;
	}
	json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(doc);
	return 0;
}

int cli_emit_buf(int rc, lt_buf *out)
{
	if (rc == LT_OK) {
		fwrite(out->data, 1, out->len, stdout);
		fputc('\n', stdout);
	}
	lt_buf_free(out);
	return rc ? cli_fail(rc) : 0;
}

void cli_getopt_reset(void)
{
	optind = 0; /* GNU getopt: start over, at words[1] */
	opterr = 0;
}

int cli_getopt(const cli *c, const struct option *opts, const char **bad)
{
	static char short_opt[3];
	int got = getopt_long(c->argc + 1, c->words, ":", opts, NULL);

	/* Options' values are 256 and up, so a smaller optopt is an
	 * unknown short option ("-x"), which may sit in a cluster. */
	if (got == '?' && optopt > 0 && optopt < 256) {
		short_opt[0] = '-';
		short_opt[1] = (char)optopt;
		*bad = short_opt;
	} else if (got == '?' || got == ':') {
		*bad = c->words[optind - 1];
	}
	return got;
}

char **cli_operands(const cli *c, int *n)
{
	*n = c->argc + 1 - optind;
	return c->words + optind;
}

int cli_take_opt(int argc, char **argv, int *i, const char *name,
		 const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

/* LEAKTRACE_LOCK_TIMEOUT_MS as lt_vault_options takes it: 0 (the default)
 * when unset or not a number from 0 to 600000; -1 (do not wait) for 0. */
static int lock_timeout_from_env(void)
{
	const char *s = getenv("LEAKTRACE_LOCK_TIMEOUT_MS");
	long ms;
	char *end;

	if (!s || !*s)
		return 0;
	ms = strtol(s, &end, 10);
	if (*end || ms < 0 || ms > 600000)
		return 0;
	return ms == 0 ? -1 : (int)ms;
}

/* --read-only: every command opens the vault read-only. */
static int force_read_only;

void cli_set_read_only(int on)
{
	force_read_only = on;
}

int cli_read_only(void)
{
	return force_read_only;
}

/* --ocr-pages, --ocr-seconds: the OCR budget of each file (0: default). */
static int ocr_pages;
static double ocr_seconds;

void cli_set_ocr_budget(int pages, double seconds)
{
	ocr_pages = pages;
	ocr_seconds = seconds;
}

void cli_ocr_budget(lt_ocr_budget *out)
{
	memset(out, 0, sizeof(*out));
	out->pages = ocr_pages;
	out->seconds = ocr_seconds;
}

static int vault_open(lt_vault **v, const char *dir, int read_only)
{
	lt_vault_options opts = {0};
	lt_ocr_options ocr = {0};

	opts.lock_timeout_ms = lock_timeout_from_env();
	opts.read_only = read_only || force_read_only;
	ocr.tessdata = getenv("TESSDATA_PREFIX");
	ocr.budget.pages = ocr_pages;
	ocr.budget.seconds = ocr_seconds;
	opts.ocr_options = &ocr;
	return lt_vault_open_ex(v, dir, &opts);
}

int cli_vault_open(lt_vault **v, const char *dir)
{
	return vault_open(v, dir, 0);
}

int cli_vault_open_read_only(lt_vault **v, const char *dir)
{
	return vault_open(v, dir, 1);
}

int cli_open_vault(const char *dir, lt_vault **v)
{
	int rc = cli_vault_open(v, dir);

	return rc ? cli_fail(rc) : 0;
}

int cli_open_vault_read_only(const char *dir, lt_vault **v)
{
	int rc = cli_vault_open_read_only(v, dir);

	return rc ? cli_fail(rc) : 0;
}

void cli_note_not_recorded(const lt_vault *v, const char *what)
{
	if (v && lt_vault_read_only(v))
		fprintf(stderr, "leaktrace: vault opened read-only: this %s is not "
			"recorded\n", what);
}

int cli_colour(void)
{
	return isatty(STDOUT_FILENO);
}

/* ---------------------------------------------------------------------
 * Output paths
 * ------------------------------------------------------------------- */

/*
 * `path` made absolute and canonical: the longest part of it that exists
 * resolved with realpath (symbolic links followed), the rest - not there
 * yet, so no links - appended with "." and ".." worked out by hand, as
 * mkdir -p and open would take them.  Malloc'd; NULL when out of memory
 * or when not even "/" or the working directory resolves.
 */
static char *resolve_path(const char *path)
{
	char *full, *tail, *real = NULL, *out, *p, *comp, *save = NULL;
	size_t n;

	if (path[0] == '/') {
		full = strdup(path);
	} else {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return NULL;
		n = strlen(cwd) + strlen(path) + 2;
		full = malloc(n);
		if (full)
			snprintf(full, n, "%s/%s", cwd, path);
		free(cwd);
	}
	if (!full)
		return NULL;
	tail = calloc(1, strlen(full) + 2);
	if (!tail) {
		free(full);
		return NULL;
	}
	/* Cut components off the end until what is left exists. */
	while (!(real = realpath(full[0] ? full : "/", NULL))) {
		p = strrchr(full, '/');
		if (!p) {
			free(full);
			free(tail);
			return NULL;
		}
		memmove(tail + strlen(p), tail, strlen(tail) + 1);
		memcpy(tail, p, strlen(p));
		*p = '\0';
	}
	free(full);
	out = malloc(strlen(real) + strlen(tail) + 2);
	if (!out) {
		free(real);
		free(tail);
		return NULL;
	}
	strcpy(out, real);
	free(real);
	for (comp = strtok_r(tail, "/", &save); comp;
	     comp = strtok_r(NULL, "/", &save)) {
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			p = strrchr(out, '/');
			if (p)
				p[p == out] = '\0'; /* never above "/" */
			continue;
		}
		if (strcmp(out, "/"))
			strcat(out, "/");
		strcat(out, comp);
	}
	free(tail);
	return out;
}

/* `path` (canonical) is `dir` (canonical) or inside it. */
static int path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (!strcmp(dir, "/"))
		return 1;
	return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

int cli_names_add_file(const char ***names, size_t *n, char ***from_file,
		       size_t *nfile, const char *file)
{
	const char **grown;
	size_t i;
	int rc;

	if ((rc = lt_recipients_read_file(from_file, nfile, file)))
		return cli_fail(rc);
	grown = realloc(*names, (*n + *nfile + 1) * sizeof(**names));
	if (!grown)
		return cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
	*names = grown;
	for (i = 0; i < *nfile; i++)
		(*names)[(*n)++] = (*from_file)[i];
	return 0;
}

int cli_check_output(const char *vault, const char *path, int is_dir)
{
	char *vreal, *where = NULL, *parent = NULL, *slash;
	int inside = 0;

	if (!path || !*path)
		return 0;
	if (!(vreal = realpath(vault, NULL)))
		return 0; /* no vault: nothing to overwrite, and opening it fails */
	/*
	 * A file is written to a temporary name in its directory and renamed
	 * over the last component, so where it lands is its directory,
	 * resolved, and its name; a directory (issue --out DIR) is where the
	 * files go.  Either way the whole path resolved, final link
	 * followed, is checked too: nothing that ends in the vault passes.
	 */
	where = resolve_path(path);
	if (!is_dir && (parent = strdup(path))) {
		char *rp, *joined;
		const char *base;

		slash = strrchr(parent, '/');
		base = path + (slash ? slash - parent + 1 : 0);
		if (slash)
			*(slash == parent ? slash + 1 : slash) = '\0';
		rp = resolve_path(slash ? parent : ".");
		if (rp && (joined = malloc(strlen(rp) + strlen(base) + 2))) {
			sprintf(joined, "%s/%s", rp, base);
			inside = path_within(joined, vreal);
			free(joined);
		}
		free(rp);
		free(parent);
	}
	if (where)
		inside |= path_within(where, vreal);
	free(where);
	if (inside)
		fprintf(stderr, "leaktrace: refusing to write '%s': it is inside "
			"the vault %s, where it could replace the vault's key "
			"or database; write it outside the vault\n",
			cli_flat(path), vreal);
	free(vreal);
	return inside ? EXIT_USAGE : 0;
}
