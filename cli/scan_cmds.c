/*
 * scan_cmds.c - `leaktrace scan` and `leaktrace sightings`: how far a
 * document has spread, through the command line (scan_cmds.h).
 *
 * scan reads every SOURCE first and records nothing until all of them
 * have been read: broken input in any of them exits 2 naming the file and
 * position, and the vault is left exactly as it was (all-or-nothing per
 * scan run).  sightings lists what is stored; --csv is the takedown list.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "leaktrace/error.h"
#include "leaktrace/scan.h"
#include "leaktrace/vault.h"
#include "cli.h"
#include "scan_cmds.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* One sighting as the JSON of `scan` and `sightings`. */
static json_t *sighting_json(const lt_sighting *g, int with_new)
{
	json_t *o = json_object(), *t = json_object();

	if (!o || !t) {
		json_decref(o);
		json_decref(t);
		return NULL;
	}
	json_object_set_new(o, "id", g->id ? json_integer(g->id) : json_null());
	json_object_set_new(o, "document", json_string(g->document));
	json_object_set_new(o, "platform", json_string(g->platform));
	json_object_set_new(o, "channel", json_string(g->channel));
	json_object_set_new(o, "message", json_string(g->message));
	json_object_set_new(o, "author", str_or_null(g->author));
	json_object_set_new(o, "posted_at", str_or_null(g->posted_at));
	json_object_set_new(o, "url", str_or_null(g->url));
	json_object_set_new(o, "source", json_string(g->source));
	json_object_set_new(o, "attachment", str_or_null(g->attachment));
	json_object_set_new(o, "kind", json_string(g->kind));
	json_object_set_new(o, "similarity", json_real(g->similarity));
	json_object_set_new(o, "words", json_integer((json_int_t)g->words));
	json_object_set_new(o, "range", g->doc_start < 0 ? json_null()
		: json_pack("{s:I, s:I, s:I, s:I}", "first_token",
			    (json_int_t)g->doc_first, "last_token",
			    (json_int_t)g->doc_last, "start", (json_int_t)g->doc_start,
			    "end", (json_int_t)g->doc_end));
	json_object_set_new(t, "verdict", str_or_null(g->verdict));
	json_object_set_new(t, "recipient", str_or_null(g->recipient));
	json_object_set_new(t, "copy", str_or_null(g->copy));
	json_object_set_new(t, "p_false", isnan(g->p_false) ? json_null()
			    : json_real(g->p_false));
	json_object_set_new(o, "trace", t);
	if (g->verify) {
		/* The stored verdict is JSON itself: embed it as an object. */
		json_t *vj = json_loads(g->verify, 0, NULL);

		json_object_set_new(o, "verify", vj ? vj : str_or_null(g->verify));
	} else {
		json_object_set_new(o, "verify", json_null());
	}
	json_object_set_new(o, "first_seen", str_or_null(g->first_seen));
	if (with_new)
		json_object_set_new(o, "new", json_boolean(g->is_new));
	return o;
}

/* ---------------------------------------------------------------------
 * scan
 * ------------------------------------------------------------------- */

static void print_sighting(const lt_sighting *g)
{
	printf("%s %-8s %s/%s  %s  %s  %.0f%% of %zu words",
	       g->is_new ? "new " : "seen", g->platform,
	       g->channel[0] ? g->channel : "-", g->message[0] ? g->message : "-",
	       g->document, g->posted_at ? g->posted_at : "time unknown",
	       100 * g->similarity, g->words);
	if (g->recipient)
		printf("  copy of %s (%s, p_false %.2g)", g->recipient, g->copy,
		       g->p_false);
	else if (g->verdict)
		printf("  %s", g->verdict);
	putchar('\n');
}

int cli_scan(const cli *c)
{
	const char *vault = c->vault;
	int json = c->json, argc = c->argc;
	char **argv = c->argv;
	const lt_sighting *found;
	const lt_scan_stats *st;
	lt_scanner *s = NULL;
	lt_vault *v;
	size_t n, i, fresh = 0;
	json_t *doc, *arr;
	int rc, status;

	if (argc < 1)
		return cli_usage("%s", "scan needs at least one SOURCE");
	for (i = 0; i < (size_t)argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("scan: unknown option '%s'", argv[i]);
	if ((rc = cli_vault_open(&v, vault)))
		return cli_fail(rc);
	if ((rc = lt_scanner_open(&s, v)))
		goto out;
	for (i = 0; i < (size_t)argc; i++)
		if ((rc = lt_scanner_scan(s, argv[i])))
			goto out;
	if ((rc = lt_scanner_commit(s)))
		goto out;
	found = lt_scanner_sightings(s, &n);
	st = lt_scanner_stats(s);
	for (i = 0; i < n; i++)
		fresh += found[i].is_new;
	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, sighting_json(&found[i], 1));
		doc = json_pack("{s:o, s:{s:I, s:I, s:I, s:I, s:I}, s:I}",
				"sightings", arr, "scanned", "messages",
				(json_int_t)st->messages, "files",
				(json_int_t)st->files, "skipped",
				(json_int_t)st->skipped, "attachments",
				(json_int_t)st->attachments, "attachments_skipped",
				(json_int_t)st->attachments_skipped, "new",
				(json_int_t)fresh);
		rc = cli_emit(doc) ? LT_ENOMEM : LT_OK;
	} else {
		printf("Scanned %zu messages in %zu files against %zu documents "
		       "(%zu skipped; %zu attachments, %zu not examined).\n",
		       st->messages, st->files, lt_scanner_documents(s), st->skipped,
		       st->attachments, st->attachments_skipped);
		printf("%zu sightings, %zu new.\n", n, fresh);
		for (i = 0; i < n; i++)
			print_sighting(&found[i]);
	}
out:
	if (rc == LT_ENOMEM && json)
		status = 1;
	else if (rc && s && lt_scanner_errcode(s) == rc)
		status = cli_fail_message(lt_scanner_errmsg(s), rc);
	else
		status = rc ? cli_fail_vault(v, rc) : 0;
	lt_scanner_free(s);
	lt_vault_close(v);
	return status;
}

/* ---------------------------------------------------------------------
 * sightings
 * ------------------------------------------------------------------- */

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(const char *s, int last)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else {
		fputs(s, stdout);
	}
	putchar(last ? '\n' : ',');
}

static void print_csv(const lt_sighting *g, size_t n)
{
	size_t i;

	printf("platform,channel,message,url,author,posted_at,document,"
	       "recipient,copy,first_seen\n");
	for (i = 0; i < n; i++) {
		csv_field(g[i].platform, 0);
		csv_field(g[i].channel, 0);
		csv_field(g[i].message, 0);
		csv_field(g[i].url, 0);
		csv_field(g[i].author, 0);
		csv_field(g[i].posted_at, 0);
		csv_field(g[i].document, 0);
		csv_field(g[i].recipient, 0);
		csv_field(g[i].copy, 0);
		csv_field(g[i].first_seen, 1);
	}
}

int cli_sightings(const cli *c)
{
	const char *vault = c->vault;
	int json = c->json, argc = c->argc;
	char **argv = c->argv;
	const char *id = NULL;
	lt_sighting *g;
	lt_vault *v;
	size_t n, i;
	int csv = 0, rc;
	json_t *arr;

	for (i = 0; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--csv"))
			csv = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("sightings: unknown option '%s'", argv[i]);
		else if (id)
			return cli_usage("sightings takes at most one ID (extra '%s')",
				     argv[i]);
		else
			id = argv[i];
	}
	if ((rc = cli_vault_open(&v, vault)))
		return cli_fail(rc);
	rc = lt_sightings_list(&g, &n, v, id);
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (csv) {
		print_csv(g, n);
	} else if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, sighting_json(&g[i], 0));
		rc = cli_emit(json_pack("{s:o, s:o}", "document", id ? json_string(id)
				    : json_null(), "sightings", arr));
	} else {
		printf("%zu sightings%s%s\n", n, id ? " of " : "", id ? id : "");
		for (i = 0; i < n; i++)
			printf("%-20s %-8s %-20s %-20s %s %s\n",
			       g[i].posted_at ? g[i].posted_at : "-", g[i].platform,
			       g[i].channel[0] ? g[i].channel : "-",
			       g[i].message[0] ? g[i].message : "-",
			       g[i].url ? g[i].url : g[i].source,
			       g[i].recipient ? g[i].recipient : "");
	}
	lt_sightings_free(g, n);
	return rc;
}
