/*
 * image_cmds.c - `leaktrace pdq` and `leaktrace export-hashes`
 * (image_cmds.h).
 *
 * `pdq FILE...` prints one line an image, "hash,quality,file", the hash
 * as the 64 hex digits PDQ's reference hasher prints.  A file that cannot
 * be read as an image gets a message on stderr and exit status 2, while
 * the other files are still hashed and printed.  With --register it also
 * records the image as a page of a protected document in the vault.
 *
 * `export-hashes [ID]` writes the PDQ hashes of the protected page images
 * as the CSV that ThreatExchange's hash-sharing tools exchange for PDQ
 * signals - the layout of ThreatExchange's own PDQ sample data, which
 * Hasher-Matcher-Actioner and python-threatexchange load:
 *
 *     hash,id,added_at,tags
 *     e.g. 1c40...c7f5,17,2026-01-31T12:00:00+0000,leaktrace media_type_photo page_1
 *
 * (no header row; tags separated by spaces).  Nothing in it names the
 * document or a recipient, so it can go to platforms as it is; the id
 * leads back to the page in this vault.  Hashes of quality below 50,
 * which PDQ's authors advise against matching on, are left out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/pdq.h"
#include "leaktrace/render.h"
#include "leaktrace/vault.h"
#include "image_cmds.h"

static const char *const dihedral_names[LT_PDQ_DIHEDRAL] = {
	"original", "rotate90", "rotate180", "rotate270",
	"flipx", "flipy", "flip_plus1", "flip_minus1"
};

/* A page number: a whole decimal number from 1 to 1,000,000. */
static int parse_page(const char *s, int *page)
{
	char *end;
	long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > 1000000)
		return -1;
	*page = (int)v;
	return 0;
}

/*
 * How many pages document `id` has when issued as pages: its layout on
 * A4 or on Letter, whichever has more (the paper changes the line breaks,
 * nothing else does).  LT_OK, or the library's error (LT_ENOTFOUND for an
 * unknown document).
 */
static int document_pages(lt_vault *v, const char *id, size_t *pages)
{
	static const lt_paper papers[] = { LT_PAPER_A4, LT_PAPER_LETTER };
	lt_render_options ro = {0};
	lt_layout_plan *plan;
	lt_slot_set *set;
	size_t k;
	int rc;

	*pages = 0;
	if ((rc = lt_document_slots(&set, v, id)))
		return rc;
	for (k = 0; k < sizeof(papers) / sizeof(papers[0]); k++) {
		ro.paper = papers[k];
		if ((rc = lt_layout_plan_new(&plan, set, &ro)))
			break;
		if (lt_layout_pages(plan) > *pages)
			*pages = lt_layout_pages(plan);
		lt_layout_plan_free(plan);
	}
	lt_slot_set_free(set);
	return rc;
}

/*
 * Hash one file as the options say, with the hasher that goes from file to
 * file; LT_OK or the library's error.  --fast decodes a colour JPEG's
 * luminance only, at full size (a few bits from the reference at most).
 */
static int hash_one(lt_pdq_hasher *hasher, const char *path, int fast,
		    int orient, int dihedral, lt_pdq_hash *hashes,
		    int *quality)
{
	int flags = (fast ? LT_PDQ_FAST : 0) | (orient ? LT_PDQ_ORIENT : 0);

	return lt_pdq_hasher_file(hasher, hashes,
				  dihedral ? LT_PDQ_DIHEDRAL : 1, quality,
				  path, flags);
}

/* Options of pdq and export-hashes. */
enum { OPT_FAST = 256, OPT_ORIENT, OPT_DIHEDRAL, OPT_REGISTER, OPT_COPY,
       OPT_PAGE, OPT_OUT };

int cli_pdq(const cli *c)
{
	static const struct option opts[] = {
		{"fast", no_argument, NULL, OPT_FAST},
		{"orient", no_argument, NULL, OPT_ORIENT},
		{"dihedral", no_argument, NULL, OPT_DIHEDRAL},
		{"register", required_argument, NULL, OPT_REGISTER},
		{"copy", required_argument, NULL, OPT_COPY},
		{"page", required_argument, NULL, OPT_PAGE},
		{NULL, 0, NULL, 0}
	};
	const char *doc = NULL, *copy = NULL, *page_s = NULL, *bad = NULL;
	int fast = 0, orient = 0, dihedral = 0, page = 0, nfiles = 0;
	size_t pages = 0;
	int status = 0, i, rc, got;
	json_t *out = NULL, *list = NULL, *errors = NULL;
	lt_vault *v = NULL;
	lt_pdq_hasher *hasher = NULL;
	char **files;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_FAST: fast = 1; break;
		case OPT_ORIENT: orient = 1; break;
		case OPT_DIHEDRAL: dihedral = 1; break;
		case OPT_REGISTER: doc = optarg; break;
		case OPT_COPY: copy = optarg; break;
		case OPT_PAGE: page_s = optarg; break;
		case ':': return cli_usage("%s needs a value", bad);
		default: return cli_usage("pdq: unknown option '%s'", bad);
		}
	}
	files = cli_operands(c, &nfiles);
	if (nfiles == 0)
		return cli_usage("%s", "pdq needs at least one image FILE");
	if ((copy || page_s) && !doc)
		return cli_usage("%s", "pdq: --copy and --page go with "
				 "--register ID");
	if (doc) {
		if (nfiles != 1)
			return cli_usage("%s", "pdq --register takes one FILE");
		if (!page_s || parse_page(page_s, &page))
			return cli_usage("%s", "pdq --register needs --page N "
					 "(1 or more)");
		if (fast || orient || dihedral)
			return cli_usage("%s", "pdq --register hashes the page "
					 "as it is (no --fast, --orient or "
					 "--dihedral)");
		if ((rc = cli_open_vault(c->vault, &v)))
			return rc;
		if ((rc = document_pages(v, doc, &pages))) {
			lt_vault_close(v);
			return cli_fail(rc);
		}
		if ((size_t)page > pages) {
			lt_vault_close(v);
			fprintf(stderr, "leaktrace: pdq --register: '%s' has %zu "
				"page%s: --page must be from 1 to %zu (got %d)\n",
				cli_flat(doc), pages, pages == 1 ? "" : "s",
				pages, page);
			return EXIT_USAGE;
		}
	}
	if (!v && lt_pdq_hasher_new(&hasher))
		return cli_fail(LT_ENOMEM);
	if (c->json) {
		out = json_object();
		list = json_array();
		errors = json_array();
		if (!out || !list || !errors) {
			json_decref(out);
			json_decref(list);
			json_decref(errors);
			lt_vault_close(v);
			lt_pdq_hasher_free(hasher);
			fprintf(stderr, "leaktrace: out of memory\n");
			return 1;
		}
	}
	for (i = 0; i < nfiles; i++) {
		const char *a = files[i];
		lt_pdq_hash h[LT_PDQ_DIHEDRAL];
		char hex[LT_PDQ_HEX_CHARS + 1];
		int quality, k;

		if (v)
			rc = lt_pdq_register_image(v, doc, copy, page, a, h,
						   &quality);
		else
			rc = hash_one(hasher, a, fast, orient, dihedral, h,
				      &quality);
		if (rc) {
			fprintf(stderr, "leaktrace: %s\n", lt_error_message());
			if (errors)
				json_array_append_new(errors, json_pack(
					"{s:s, s:s}", "file", a, "error",
					lt_error_message()));
			if (cli_exit_code(rc) > status)
				status = cli_exit_code(rc);
			continue;
		}
		if (list) {
			json_t *o;

			lt_pdq_to_hex(&h[0], hex);
			o = json_pack("{s:s, s:s, s:i}", "file", a, "hash",
				      hex, "quality", quality);
			if (o && dihedral) {
				json_t *d = json_object();

				for (k = 0; d && k < LT_PDQ_DIHEDRAL; k++) {
					lt_pdq_to_hex(&h[k], hex);
					json_object_set_new(d, dihedral_names[k],
							    json_string(hex));
				}
				json_object_set_new(o, "dihedral", d);
			}
			json_array_append_new(list, o);
			continue;
		}
		/* Like the reference: hash,quality,file; with --dihedral the
		 * eight hashes, then quality and file. */
		for (k = 0; k < (dihedral ? LT_PDQ_DIHEDRAL : 1); k++) {
			lt_pdq_to_hex(&h[k], hex);
			printf("%s,", hex);
		}
		printf("%d,%s\n", quality, a);
	}
	lt_vault_close(v);
	lt_pdq_hasher_free(hasher);
	if (out) {
		json_object_set_new(out, "hashes", list);
		json_object_set_new(out, "errors", errors);
		if (cli_emit(out))
			return 1;
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "leaktrace: cannot write the output\n");
		return EXIT_USAGE;
	}
	return status;
}

int cli_export_hashes(const cli *c)
{
	const char *doc = NULL, *path = NULL;
	FILE *f = stdout;
	char *mem = NULL;
	size_t memlen = 0, rows = 0, skipped = 0;
	static const struct option opts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		{NULL, 0, NULL, 0}
	};
	const char *bad = NULL;
	lt_vault *v;
	char **ops;
	int n, rc, got;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		if (got == OPT_OUT)
			path = optarg;
		else if (got == ':')
			return cli_usage("%s needs a file", bad);
		else
			return cli_usage("export-hashes: unknown option '%s'", bad);
	}
	ops = cli_operands(c, &n);
	if (n > 1)
		return cli_usage("export-hashes takes at most one document ID "
				 "(extra '%s')", ops[1]);
	if (n == 1)
		doc = ops[0];
	if (path && !*path)
		return cli_usage("%s", "export-hashes: --out needs a file name");
	if ((rc = cli_check_output(c->vault, path, 0)))
		return rc;
	if ((rc = cli_open_vault_read_only(c->vault, &v)))
		return rc;
	/* To a file: the whole CSV first, then written atomically. */
	if (!path && !c->json)
		cli_stdout_exact(); /* the CSV, byte for byte */
	f = stdout; /* (the stream cli_stdout_exact may have put back) */
	if ((path || c->json) && !(f = open_memstream(&mem, &memlen))) {
		lt_vault_close(v);
		fprintf(stderr, "leaktrace: out of memory\n");
		return 1;
	}
	rc = lt_pdq_export_csv(v, doc, f, &rows, &skipped);
	if (f != stdout && fclose(f) != 0 && rc == LT_OK)
		rc = lt_error_set(LT_ENOMEM, "out of memory");
	if (rc == LT_OK && path)
		rc = lt_file_write_atomic(path, mem, memlen, 0666);
	if (rc) {
		/* The atomic write leaves an existing file as it was. */
		free(mem);
		return cli_close_vault(v, rc);
	}
	lt_vault_close(v);
	if (c->json) {
		json_t *o = json_pack("{s:s?, s:I, s:I}", "document", doc,
				      "exported", (json_int_t)rows,
				      "skipped_low_quality", (json_int_t)skipped);

		if (o && path)
			json_object_set_new(o, "out", json_string(path));
		else if (o)
			json_object_set_new(o, "csv", json_stringn(mem ? mem : "",
								   memlen));
		free(mem);
		return cli_emit(o);
	}
	free(mem);
	fprintf(stderr, "leaktrace: %zu hash%s exported", rows,
		rows == 1 ? "" : "es");
	if (skipped)
		fprintf(stderr, ", %zu of quality below %d left out", skipped,
			LT_PDQ_MIN_QUALITY);
	fprintf(stderr, "\n");
	return 0;
}
