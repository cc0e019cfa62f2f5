/*
 * main.c - the leaktrace command-line tool: a thin layer over liblt.
 *
 * Parses global options with getopt_long (--vault, --json, --help,
 * --version, accepted before or after the command; "--" ends options),
 * dispatches to one function per command (each parses its own options
 * with cli_getopt), and prints either a human-readable summary or one
 * JSON document.  Exit status: 0 the command did its job, 2 usage,
 * unusable input or a file that cannot be read or written, 3 vault
 * problem, 1 only when out of memory or on an internal error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "leaktrace/leaktrace.h"
#include "cli.h"
#include "ledger_cmds.h"
#include "image_cmds.h"
#include "verify_cmds.h"
#include "scan_cmds.h"
#include "report_cmds.h"
#include "slots_cmds.h"


static const char usage_text[] =
	"usage: leaktrace [--vault DIR] [--json] [--read-only] [--ocr-pages N]\n"
	"                 [--ocr-seconds S] COMMAND [ARGS]\n"
	"\n"
	"commands:\n"
	"  init                         create a vault\n"
	"  register FILE [--id ID] [--title T]\n"
	"                               register an original document\n"
	"  slots ID                     the marks issue would use now\n"
	"  slots ID --suggested         suggested marks: number, family, variants,\n"
	"                               reason, context and the author's decision\n"
	"  slots ID --approve N... | --reject N...\n"
	"                               decide on suggestions (N: 3, 3,5 or 3-7)\n"
	"  slots ID --approve-all [FAMILY...] | --reject-all [FAMILY...]\n"
	"                               every suggestion (of these families);\n"
	"                               refused once copies are issued\n"
	"  issue ID (--to NAME)... | --recipients FILE [--out DIR]\n"
	"        [--format txt|md|pdf|png|jpg|docx] [--paper a4|letter] [--banner TEXT]\n"
	"        [--footer] [--justify]\n"
	"                               write one marked copy per recipient;\n"
	"                               pdf and png pages are ragged right, or\n"
	"                               justified with --justify; Markdown\n"
	"                               prints as headings, lists and emphasis\n"
	"  trace FILE [--among NAME]... [--among-file FILE] | [--among-holders]\n"
	"                               tell whose copy a leaked text is; --among\n"
	"                               (one name each, or a file of one name a\n"
	"                               line) and --among-holders (who held it\n"
	"                               before its first sighting) fix the\n"
	"                               candidates before the marks are read\n"
	"  verify FILE                  genuine, altered (and what changed) or\n"
	"                               unknown\n"
	"  verify --statement STATEMENT [FILE] [--pubkey KEY]\n"
	"                               check a signed statement offline\n"
	"  attest COPY_ID [--with-recipient] [--out FILE]\n"
	"                               a signed statement about an issued copy\n"
	"  access ID --by NAME --action view|print|download [--at TIME]\n"
	"  access --import FILE         record access (CSV: time,user,action,\n"
	"                               document, with a header row)\n"
	"  log [--from SEQ] [--limit N] list the ledger's entries\n"
	"  log verify                   recompute the ledger; exit 3 if tampered\n"
	"  log --proof SEQ | --consistency A B\n"
	"                               inclusion / consistency proof (--json:\n"
	"                               a self-contained proof document)\n"
	"  log check-proof FILE --pubkey KEY\n"
	"                               check a proof offline\n"
	"  log pubkey                   the ledger's public key\n"
	"  suspects ID...               who held all these documents in time\n"
	"  scan SOURCE...               find protected documents in Discord,\n"
	"                               Telegram and X exports and folders\n"
	"  sightings [ID] [--csv]       sightings so far; --csv: takedown list\n"
	"  report [ID] [--out FILE.html]\n"
	"                               one self-contained HTML page: timeline,\n"
	"                               traced copies, altered words, takedown\n"
	"                               list (default leaktrace-report.html)\n"
	"  pdq FILE... [--fast] [--orient] [--dihedral]\n"
	"                               PDQ hash of each image: hash,quality,file\n"
	"  pdq FILE --register ID --page N [--copy COPY_ID]\n"
	"                               record an image as a protected page\n"
	"  export-hashes [ID] [--out FILE]\n"
	"                               PDQ hashes of protected pages for platforms\n"
	"                               (ThreatExchange CSV: hash,id,added_at,tags)\n"
	"\n"
	"options:\n"
	"  --vault DIR   the vault (default $LEAKTRACE_VAULT, else ./.leaktrace)\n"
	"  --json        print one JSON document on stdout\n"
	"  --read-only   open the vault read-only: nothing in it changes (trace\n"
	"                and verify are then not recorded in the ledger)\n"
	"  --ocr-pages N, --ocr-seconds S\n"
	"                OCR at most N pages or S seconds of each file (default\n"
	"                50 pages, 60 s); what is left out is reported\n"
	"  --help        this text\n"
	"  --version     print the version\n";

/* ---------------------------------------------------------------------
 * Commands
 * ------------------------------------------------------------------- */

static int open_vault(const cli *c, lt_vault **v)
{
	return cli_open_vault(c->vault, v);
}

/*
 * Options of the commands in this file; each command lists those it takes
 * (an option's value is the same in every list).
 */
enum {
	OPT_ID = 256, OPT_TITLE, OPT_TO, OPT_RECIPIENTS, OPT_OUT, OPT_FORMAT,
	OPT_PAPER, OPT_BANNER, OPT_FOOTER, OPT_JUSTIFY, OPT_AMONG, OPT_AMONG_FILE,
	OPT_AMONG_HOLDERS
};

/*
 * Run cli_getopt() to its end for a command that takes no options; a
 * usage error (exit 2) for any option, else 0 and the operands.
 */
static int no_options(const cli *c, const char *name, char ***ops, int *n)
{
	static const struct option none[] = { {NULL, 0, NULL, 0} };
	const char *bad = NULL;
	char msg[64];

	*ops = NULL;
	*n = 0;
	cli_getopt_reset();
	if (cli_getopt(c, none, &bad) != -1) {
		snprintf(msg, sizeof(msg), "%s: unknown option '%%s'", name);
		return cli_usage(msg, bad);
	}
	*ops = cli_operands(c, n);
	return 0;
}

static int cmd_init(const cli *c)
{
	char **ops;
	int n, rc;

	if ((rc = no_options(c, "init", &ops, &n)))
		return rc;
	if (n > 0)
		return cli_usage("init takes no arguments (got '%s')", ops[0]);
	rc = lt_vault_init(c->vault);
	if (rc)
		return rc == LT_EEXISTS ? (cli_fail(rc), EXIT_VAULT) : cli_fail(rc);
	if (c->json)
		return cli_emit(json_pack("{s:s}", "vault", c->vault));
	printf("Created vault %s\n", c->vault);
	printf("Its key file is %s/key (mode 0600): keep it secret and backed up.\n",
	       c->vault);
	return 0;
}

static int cmd_register(const cli *c)
{
	static const struct option opts[] = {
		{"id", required_argument, NULL, OPT_ID},
		{"title", required_argument, NULL, OPT_TITLE},
		{NULL, 0, NULL, 0}
	};
	const char *file = NULL, *id = NULL, *title = NULL, *bad = NULL;
	lt_document_info *d;
	lt_vault *v;
	char **ops;
	int n, rc, got;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_ID: id = optarg; break;
		case OPT_TITLE: title = optarg; break;
		case ':': return cli_usage("%s needs a value", bad);
		default: return cli_usage("register: unknown option '%s'", bad);
		}
	}
	ops = cli_operands(c, &n);
	if (n > 1)
		return cli_usage("register takes one FILE (extra '%s')", ops[1]);
	if (n < 1)
		return cli_usage("%s", "register needs a FILE");
	file = ops[0];
	if (title && (rc = cli_check_text("--title", title, CLI_NAME_MAX)))
		return rc;
	if ((rc = open_vault(c, &v)))
		return rc;
	rc = lt_document_register(&d, v, file, id, title);
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (c->json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_document_info_json(&out, d), &out);
	} else if (d->image_slots && !d->figures) {
		printf("Registered '%s': a %dx%d %s figure, %zu image slots "
		       "(%.0f bits; survive print, photo, screenshot and JPEG)\n",
		       d->id, d->image_width, d->image_height, d->format,
		       d->image_slots, d->cap_image);
	} else {
		printf("Registered '%s': %zu words, %zu slots found (%zu lexical "
		       "and %zu typographic marks by default, %zu suggested)\n",
		       d->id, d->words, d->nslots, d->default_lexical_slots,
		       d->default_typographic_slots, d->suggestions);
		cli_print_capacity(d);
		printf("Code bias: %s\n", d->bias);
	}
	lt_document_info_free(d);
	return rc;
}

static int cmd_issue(const cli *c)
{
	static const struct option opts[] = {
		{"to", required_argument, NULL, OPT_TO},
		{"recipients", required_argument, NULL, OPT_RECIPIENTS},
		{"out", required_argument, NULL, OPT_OUT},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"paper", required_argument, NULL, OPT_PAPER},
		{"banner", required_argument, NULL, OPT_BANNER},
		{"footer", no_argument, NULL, OPT_FOOTER},
		{"justify", no_argument, NULL, OPT_JUSTIFY},
		{NULL, 0, NULL, 0}
	};
	const char *id = NULL, *file = NULL, *outdir = NULL, *format = NULL;
	const char *paper = NULL, *banner = NULL, *bad = NULL;
	const char **names = NULL;
	char **from_file = NULL, *defdir = NULL, **ops;
	size_t nnames = 0, nfile = 0, i;
	lt_issue_options opt = {0};
	lt_issue_result *res = NULL;
	lt_vault *v = NULL;
	int rc = 0, got, nops;

	names = calloc((size_t)c->argc + 1, sizeof(*names));
	if (!names)
		return cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_TO: names[nnames++] = optarg; break;
		case OPT_FOOTER: opt.footer = 1; break;
		case OPT_JUSTIFY: opt.justify = 1; break;
		case OPT_RECIPIENTS: file = optarg; break;
		case OPT_OUT: outdir = optarg; break;
		case OPT_PAPER: paper = optarg; break;
		case OPT_BANNER: banner = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case ':':
			rc = cli_usage("%s needs a value", bad);
			goto out;
		default:
			rc = cli_usage("issue: unknown option '%s'", bad);
			goto out;
		}
	}
	ops = cli_operands(c, &nops);
	if (nops > 1) {
		rc = cli_usage("issue takes one document ID (extra '%s')", ops[1]);
		goto out;
	}
	if (nops == 1)
		id = ops[0];
	if (!id) {
		rc = cli_usage("%s", "issue needs a document ID");
		goto out;
	}
	if (format && strcmp(format, "txt") && strcmp(format, "md") &&
	    strcmp(format, "pdf") && strcmp(format, "png") &&
	    strcmp(format, "docx") && strcmp(format, "jpg") &&
	    strcmp(format, "jpeg")) {
		rc = cli_usage("unknown --format '%s' (txt, md, pdf, png, jpg or "
			       "docx)", format);
		goto out;
	}
	if (paper && strcmp(paper, "a4") && strcmp(paper, "letter")) {
		rc = cli_usage("unknown --paper '%s' (a4 or letter)", paper);
		goto out;
	}
	if ((paper || banner || opt.footer || opt.justify) &&
	    !(format && (!strcmp(format, "pdf") || !strcmp(format, "png")))) {
		rc = cli_usage("%s", "--paper, --banner, --footer and --justify "
			       "need --format pdf or png");
		goto out;
	}
	opt.format = format;
	opt.paper = paper && !strcmp(paper, "letter") ? LT_PAPER_LETTER
						      : LT_PAPER_A4;
	opt.banner = banner;
	if (file && (rc = cli_names_add_file(&names, &nnames, &from_file,
					     &nfile, file)))
		goto out;
	if (nnames == 0) {
		rc = cli_usage("%s", "issue needs --to NAME or --recipients FILE");
		goto out;
	}
	for (i = 0; i < nnames; i++) {
		char what[512];

		if (i < nnames - nfile)
			snprintf(what, sizeof(what), "--to name");
		else
			snprintf(what, sizeof(what), "%s: recipient %zu",
				 cli_flat(file), i - (nnames - nfile) + 1);
		if (!names[i][0]) {
			rc = cli_usage("%s is empty", what);
			goto out;
		}
		if ((rc = cli_check_text(what, names[i], CLI_NAME_MAX)))
			goto out;
	}
	if (banner && (rc = cli_check_text("--banner", banner, CLI_NAME_MAX)))
		goto out;
	if (outdir && !*outdir) {
		rc = cli_usage("%s", "issue: --out needs a directory");
		goto out;
	}
	if (!outdir) {
		size_t n = strlen(id) + 16;

		if (!(defdir = malloc(n))) {
			rc = cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
			goto out;
		}
		snprintf(defdir, n, "copies/%s", id);
		outdir = defdir;
	}
	if ((rc = cli_check_output(c->vault, outdir, 1)))
		goto out;
	if ((rc = open_vault(c, &v)))
		goto out;
	if ((rc = lt_issue_ex(&res, v, id, names, nnames, outdir, &opt))) {
		rc = cli_fail_vault(v, rc);
		goto out;
	}
	if (c->json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_issue_result_json(&out, res), &out);
	} else {
		size_t again = 0;

		for (i = 0; i < res->n; i++)
			again += res->copies[i].reissued != 0;
		printf("Issued %zu cop%s of '%s' into %s/", res->n,
		       res->n == 1 ? "y" : "ies", res->document, outdir);
		if (again)
			printf(" (%zu written again for recipients who already held "
			       "one)", again);
		putchar('\n');
		for (i = 0; i < res->n && i < 20; i++)
			printf("  %s  %-30s %s\n", res->copies[i].copy,
			       cli_flat(res->copies[i].recipient),
			       cli_flat(res->copies[i].path));
		if (res->n > 20)
			printf("  ... and %zu more\n", res->n - 20);
	}
out:
	lt_issue_result_free(res);
	lt_vault_close(v);
	lt_names_free(from_file, nfile);
	free(names);
	free(defdir);
	return rc;
}

/* trace's human summary of the candidate set (when not everyone). */
static void print_among(const lt_trace_result *r)
{
	const lt_suspect *o = &r->outside_best;

	if (r->among == LT_AMONG_ALL || !r->document)
		return;
	printf("Candidates (%s, %zu): %s\n", lt_among_basis_name(r->among),
	       r->ncandidates,
	       r->among_reason ? cli_flat(r->among_reason) : "");
	printf("  only their %zu cop%s can be accused", r->candidate_copies,
	       r->candidate_copies == 1 ? "y" : "ies");
	if (r->outside)
		printf("; the %zu other cop%s scored, never accused", r->outside,
		       r->outside == 1 ? "y is" : "ies are");
	putchar('\n');
	if (o->recipient)
		printf("  best outside the set: %s copy %s  score %7.2f  p_false "
		       "among all %.3g (not accused)\n", cli_flat(o->recipient),
		       o->copy, o->score, o->p_false);
}

static int cmd_trace(const cli *c)
{
	static const struct option opts[] = {
		{"among", required_argument, NULL, OPT_AMONG},
		{"among-file", required_argument, NULL, OPT_AMONG_FILE},
		{"among-holders", no_argument, NULL, OPT_AMONG_HOLDERS},
		{NULL, 0, NULL, 0}
	};
	lt_trace_options opt = {0};
	lt_trace_result *r = NULL;
	lt_vault *v = NULL;
	const char **names = NULL, *bad = NULL, *file = NULL;
	char **from_file = NULL;
	size_t i, nnames = 0, nfile = 0;
	char **ops;
	int n, rc = 0, o, holders = 0;

	if (!(names = calloc((size_t)c->argc + 1, sizeof(*names))))
		return cli_fail(lt_error_set(LT_ENOMEM, "out of memory"));
	cli_getopt_reset();
	while ((o = cli_getopt(c, opts, &bad)) != -1) {
		switch (o) {
		case OPT_AMONG:
			if ((rc = cli_check_text("--among name", optarg,
						 CLI_NAME_MAX)))
				goto out;
			if (!optarg[0]) {
				rc = cli_usage("%s", "--among needs a recipient name");
				goto out;
			}
			names[nnames++] = optarg;
			break;
		case OPT_AMONG_FILE:
			if (file) {
				rc = cli_usage("%s", "--among-file given twice");
				goto out;
			}
			file = optarg;
			break;
		case OPT_AMONG_HOLDERS:
			holders = 1;
			break;
		case ':':
			rc = cli_usage("trace: option '%s' needs a value", bad);
			goto out;
		default:
			rc = cli_usage("trace: unknown option '%s'", bad);
			goto out;
		}
	}
	ops = cli_operands(c, &n);
	if (n != 1) {
		rc = cli_usage("%s", "trace needs exactly one FILE");
		goto out;
	}
	if (holders && (nnames || file)) {
		rc = cli_usage("%s", "trace: --among-holders or --among, not both");
		goto out;
	}
	if (file) {
		if ((rc = cli_names_add_file(&names, &nnames, &from_file,
					     &nfile, file)))
			goto out;
		if (nfile == 0) {
			rc = cli_usage("--among-file %s names nobody", cli_flat(file));
			goto out;
		}
	}
	opt.among = names;
	opt.namong = nnames;
	if (holders)
		opt.among_fn = lt_among_holders;
	if ((rc = open_vault(c, &v)))
		goto out;
	rc = lt_trace_file_ex(&r, v, ops[0], &opt);
	if (rc == LT_OK)
		cli_note_not_recorded(v, "trace");
	if ((rc = cli_close_vault(v, rc)))
		goto out;
	if (holders && r->document && !r->first_sighting)
		fprintf(stderr, "leaktrace: note: --among-holders: %s\n",
			r->among_reason ? cli_flat(r->among_reason) : "");
	if (r->ocr_skipped)
		fprintf(stderr, "leaktrace: warning: %s: %zu page%s not read by "
			"OCR (over the %s budget; %zu read)\n", cli_flat(ops[0]),
			r->ocr_skipped, r->ocr_skipped == 1 ? "" : "s",
			r->ocr_limit ? r->ocr_limit : "OCR", r->ocr_pages);
	if (r->ocr_downscaled)
		fprintf(stderr, "leaktrace: warning: %s: %zu page image%s scaled "
			"down to the OCR pixel budget before reading\n",
			cli_flat(ops[0]), r->ocr_downscaled,
			r->ocr_downscaled == 1 ? "" : "s");
	if (c->json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_trace_result_json(&out, r), &out);
	} else {
		if (!r->document) {
			printf("No registered document found in %s.\n",
			       cli_flat(ops[0]));
		} else {
			if (r->image_distance || r->image_aligned ||
			    r->image_observed) {
				printf("Document: %s (a figure: PDQ distance %d, "
				       "%s)\n", r->document, r->image_distance,
				       r->image_aligned
				       ? "registered to the original"
				       : "not registered");
				print_among(r);
				printf("Marks: %zu of %zu image slots read, %.1f "
				       "bits; ", r->image_observed,
				       r->slots_total, r->bits);
			} else {
				printf("Document: %s (%.0f%% of the leak's words "
				       "matched; it shows %.0f%% of the "
				       "document)\n", r->document,
				       100 * r->similarity, 100 * r->coverage);
				print_among(r);
				printf("Marks: %zu of %zu slots read (%zu lexical, "
				       "%zu typographic, %zu layout), %.1f bits; ",
				       r->slots_observed, r->slots_total,
				       r->lexical_observed,
				       r->typographic_observed,
				       r->layout_observed, r->bits);
			}
			if (r->among == LT_AMONG_ALL)
				printf("%.1f bits needed among %zu recipients\n",
				       r->bits_needed, r->recipients);
			else
				printf("%.1f bits needed among %zu candidate "
				       "cop%s (%.1f among all %zu)\n",
				       r->bits_needed, r->candidate_copies,
				       r->candidate_copies == 1 ? "y" : "ies",
				       r->bits_needed_all, r->recipients);
			for (i = 0; i < r->nsuspects; i++) {
				const lt_suspect *s = &r->suspects[i];

				if (!s->accused && i >= 3)
					break;
				printf("  %s %-30s copy %s  score %7.2f  p_false %.3g\n",
				       s->accused ? "ACCUSED " : "         ",
				       cli_flat(s->recipient), s->copy, s->score,
				       s->p_false);
			}
			printf("Verdict: %s\n", lt_verdict_name(r->verdict));
		}
		if (r->explanation)
			printf("%s\n", r->explanation);
	}
out:
	lt_trace_result_free(r);
	lt_names_free(from_file, nfile);
	free(names);
	return rc;
}

/* The ledger's commands (ledger_cmds.c). */
static int cmd_log(const cli *c)
{
	return lt_cli_log(c->vault, c->json, c->argc, c->argv);
}

static int cmd_access(const cli *c)
{
	return lt_cli_access(c->vault, c->json, c->argc, c->argv);
}

static int cmd_suspects(const cli *c)
{
	return lt_cli_suspects(c->vault, c->json, c->argc, c->argv);
}

/* ---------------------------------------------------------------------
 * Dispatch
 * ------------------------------------------------------------------- */

static const struct command {
	const char *name;
	int (*run)(const cli *c);
} commands[] = {
	{"init", cmd_init},
	{"register", cmd_register},
	{"slots", cli_slots},
	{"issue", cmd_issue},
	{"trace", cmd_trace},
	{"verify", cli_verify},
	{"attest", cli_attest},
	{"log", cmd_log},
	{"access", cmd_access},
	{"suspects", cmd_suspects},
	{"scan", cli_scan},
	{"sightings", cli_sightings},
	{"report", cli_report},
	{"pdq", cli_pdq},
	{"export-hashes", cli_export_hashes},
};

/* The global options, accepted before or after the command. */
enum { OPT_VAULT = 256, OPT_JSON, OPT_HELP, OPT_VERSION, OPT_READ_ONLY,
       OPT_OCR_PAGES, OPT_OCR_SECONDS };

static const struct option global_options[] = {
	{"vault", required_argument, NULL, OPT_VAULT},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{"read-only", no_argument, NULL, OPT_READ_ONLY},
	{"ocr-pages", required_argument, NULL, OPT_OCR_PAGES},
	{"ocr-seconds", required_argument, NULL, OPT_OCR_SECONDS},
	{NULL, 0, NULL, 0}
};

static int run(int argc, char **argv)
{
	cli c = {0};
	const char *cmd = NULL;
	char **words;
	int n = 1, help = 0, got, at, pushed = 0, ocr_pages = 0;
	double ocr_seconds = 0;
	size_t k;

	c.vault = getenv("LEAKTRACE_VAULT");
	if (!c.vault || !*c.vault)
		c.vault = ".leaktrace";
	if (!(words = calloc((size_t)argc + 2, sizeof(*words))))
		return 1;
	/*
	 * getopt_long in argument order ("-"): the first operand is the
	 * command, global options are taken wherever they are, and every
	 * other argument (the command's options and operands) is kept in
	 * order for the command.  "--" ends the options for both.
	 */
	opterr = 0;
	for (at = 1; (got = getopt_long(argc, argv, "-:", global_options,
					NULL)) != -1; at = optind) {
		switch (got) {
		case OPT_JSON:
			c.json = 1;
			break;
		case OPT_HELP:
			help = 1;
			break;
		case OPT_READ_ONLY:
			cli_set_read_only(1);
			break;
		case OPT_OCR_PAGES:
		case OPT_OCR_SECONDS: {
			char *end;
			double x;

			errno = 0;
			x = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(x > 0) ||
			    x > (got == OPT_OCR_PAGES ? 100000 : 86400) ||
			    (got == OPT_OCR_PAGES && x != (int)x)) {
				char msg[160];

				snprintf(msg, sizeof(msg), "%s needs %s (got '%.40s')",
					 got == OPT_OCR_PAGES ? "--ocr-pages"
							      : "--ocr-seconds",
					 got == OPT_OCR_PAGES
					 ? "a whole number of pages from 1 to 100000"
					 : "a number of seconds above 0, at most 86400",
					 optarg);
				free(words);
				return cli_usage("%s", msg);
			}
			if (got == OPT_OCR_PAGES)
				ocr_pages = (int)x;
			else
				ocr_seconds = x;
			break;
		}
		case OPT_VERSION:
			printf("leaktrace %s\n", LEAKTRACE_VERSION);
			free(words);
			return 0;
		case OPT_VAULT:
			if (!*optarg) {
				free(words);
				return cli_usage("%s", "--vault needs a directory "
						 "(got an empty name)");
			}
			c.vault = optarg;
			break;
		case ':':
			free(words);
			if (optopt == OPT_OCR_PAGES || optopt == OPT_OCR_SECONDS)
				return cli_usage("%s needs a number",
						 optopt == OPT_OCR_PAGES ? "--ocr-pages"
									 : "--ocr-seconds");
			return cli_usage("%s", "--vault needs a directory");
		case 1:
			if (!cmd && optarg[0] != '-')
				cmd = optarg;
			else
				words[n++] = optarg;
			break;
		default: /* "-h", or the command's own option, kept once */
			if (!strcmp(argv[at], "-h"))
				help = 1;
			else if (at > pushed) {
				words[n++] = argv[at];
				pushed = at;
			}
			break;
		}
	}
	if (optind > 1 && !strcmp(argv[optind - 1], "--")) {
		if (!cmd && optind < argc)
			cmd = argv[optind++];
		words[n++] = "--";
		while (optind < argc)
			words[n++] = argv[optind++];
	}
	cli_set_ocr_budget(ocr_pages, ocr_seconds);
	cli_output_init(c.json);
	if (help || !cmd) {
		fputs(usage_text, help ? stdout : stderr);
		free(words);
		return help ? 0 : EXIT_USAGE;
	}
	words[0] = (char *)cmd;
	c.argc = n - 1;
	c.argv = words + 1;
	c.words = words;
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (!strcmp(cmd, commands[k].name)) {
			int rc = commands[k].run(&c);

			free(words);
			return rc;
		}
	}
	free(words);
	return cli_usage("unknown command '%s'", cmd);
}

int main(int argc, char **argv)
{
	int rc = run(argc, argv);

	/* Output that could not be written is a failed command, like a copy
	 * that could not be written (exit 2). */
	if (cli_output_finish() && rc == 0) {
		fprintf(stderr, "leaktrace: cannot write the output\n");
		rc = EXIT_USAGE;
	}
	return rc;
}
