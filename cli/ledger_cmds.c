/*
 * ledger_cmds.c - `leaktrace log`, `access` and `suspects`: the ledger
 * through the command line (ledger_cmds.h).
 *
 * Thin wrappers over ledger.h and investigate.h: parse the command's options, call the
 * library, print a human summary or one JSON document.  Exit status as for
 * every command: 0 done, 2 usage or unusable input (including a proof that
 * does not verify), 3 vault problem (including a log that does not
 * verify).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/ledger.h"
#include "leaktrace/vault.h"
#include "cli.h"
#include "ledger_cmds.h"


/* A whole decimal number in [min, max]; 0 on success. */
static int parse_number(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int open_vault(const char *dir, lt_vault **v)
{
	return cli_open_vault(dir, v);
}

/* log and suspects only read. */
static int open_vault_read_only(const char *dir, lt_vault **v)
{
	return cli_open_vault_read_only(dir, v);
}

/* Print a JSON document the library wrote, or fail. */
static int print_json(lt_buf *doc, int rc)
{
	if (rc == LT_OK) {
		fwrite(doc->data, 1, doc->len, stdout);
		fputc('\n', stdout);
	}
	lt_buf_free(doc);
	return rc ? cli_fail(rc) : 0;
}

/* ---------------------------------------------------------------------
 * log
 * ------------------------------------------------------------------- */

static int log_list(lt_vault *v, int json, int64_t from, size_t limit)
{
	lt_event *ev;
	lt_tree_head head;
	size_t n, i;
	int rc, have_head;

	if ((rc = lt_ledger_events(&ev, &n, v, from, limit)))
		return cli_fail(rc);
	rc = lt_ledger_head(&head, v);
	have_head = rc == LT_OK;
	if (rc && rc != LT_ENOTFOUND) {
		lt_events_free(ev, n);
		return cli_fail(rc);
	}
	if (json) {
		lt_buf doc = {0};

		rc = print_json(&doc, lt_ledger_events_json(&doc, ev, n, have_head
							    ? &head : NULL));
	} else {
		for (i = 0; i < n; i++)
			printf("%6" PRId64 "  %s  %-9s %-16s %s\n", ev[i].seq, ev[i].at,
			       ev[i].kind, ev[i].document ? ev[i].document : "-",
			       cli_flat(ev[i].detail));
		if (have_head) {
			char hex[65];

			sodium_bin2hex(hex, sizeof(hex), head.root, LT_HASH_BYTES);
			printf("Signed tree head: size %" PRIu64 ", root %s, at %s\n",
			       head.size, hex, head.at);
		} else {
			printf("The ledger is empty.\n");
		}
		rc = 0;
	}
	lt_events_free(ev, n);
	return rc;
}

/* Read a whole (small) file: a proof document or a saved tree head. */
static int slurp(lt_buf *out, const char *path);

/* `log verify [--since-head FILE]`. */
static int log_verify(lt_vault *v, int json, const char *since_file)
{
	lt_ledger_report *r;
	lt_tree_head since;
	char hex[65];
	size_t i;
	int rc;

	if (since_file) {
		lt_buf text = {0};

		rc = slurp(&text, since_file);
		if (rc == LT_OK)
			rc = lt_tree_head_parse(&since, text.data ? text.data : "",
						text.len, since_file);
		lt_buf_free(&text);
		if (rc)
			return cli_fail(rc);
	}
	if ((rc = lt_ledger_verify_since(&r, v, since_file ? &since : NULL)))
		return cli_fail(rc);
	sodium_bin2hex(hex, sizeof(hex), r->root, LT_HASH_BYTES);
	if (json) {
		lt_buf doc = {0};

		print_json(&doc, lt_ledger_report_json(&doc, r));
	} else if (r->nproblems == 0) {
		printf("Ledger verified: %" PRIu64 " entries, %" PRIu64 " signed tree "
		       "heads, every one matching; root %s\n", r->entries, r->heads,
		       hex);
		if (since_file)
			printf("It extends the saved tree head of size %" PRIu64
			       " (signed %s).\n", since.size, since.at);
	}
	if (r->nproblems) {
		fprintf(stderr, "leaktrace: the ledger does NOT verify (%zu problem%s"
			"%s):\n", r->nproblems + r->problems_dropped,
			r->nproblems + r->problems_dropped == 1 ? "" : "s",
			r->problems_dropped ? ", first ones shown" : "");
		for (i = 0; i < r->nproblems && i < 20; i++)
			fprintf(stderr, "  [%s] %s\n",
				lt_ledger_problem_name(r->problems[i].kind),
				r->problems[i].message);
		rc = EXIT_VAULT;
	}
	lt_ledger_report_free(r);
	return rc;
}

static int log_proof(lt_vault *v, int json, uint64_t seq, uint64_t a, uint64_t b,
		     int consistency)
{
	lt_ledger_proof *p;
	lt_buf doc = {0};
	int rc;

	rc = consistency ? lt_ledger_prove_consistency(&p, v, a, b)
			 : lt_ledger_prove_inclusion(&p, v, (int64_t)seq);
	if (rc)
		return cli_fail(rc);
	if (json) {
		if ((rc = print_json(&doc, lt_ledger_proof_to_json(&doc, p)))) {
			lt_ledger_proof_free(p);
			return rc;
		}
	} else if (consistency) {
		printf("Consistency proof: the log of %" PRIu64 " entries (signed %s) "
		       "is a prefix of the log of %" PRIu64 " entries (signed %s); "
		       "%zu hashes.\n", p->head1.size, p->head1.at, p->head2.size,
		       p->head2.at, p->npath);
		printf("Save it with --json and check it offline with 'leaktrace log "
		       "check-proof FILE --pubkey KEY'.\n");
	} else {
		printf("Inclusion proof: entry %" PRId64 " (%s%s%s, %s) is leaf %" PRIu64
		       " of the log of %" PRIu64 " entries signed at %s; %zu hashes.\n",
		       p->event.seq, p->event.kind, p->event.document ? " of " : "",
		       p->event.document ? p->event.document : "", p->event.at,
		       p->index, p->head.size, p->head.at, p->npath);
		printf("Save it with --json and check it offline with 'leaktrace log "
		       "check-proof FILE --pubkey KEY'.\n");
	}
	lt_ledger_proof_free(p);
	return 0;
}

static int log_pubkey(lt_vault *v, int json)
{
	unsigned char pk[LT_SIGN_PUBLIC_BYTES];
	char hex[65];
	int rc;

	if ((rc = lt_ledger_public_key(pk, v)))
		return cli_fail(rc);
	sodium_bin2hex(hex, sizeof(hex), pk, sizeof(pk));
	if (json)
		return cli_emit(json_pack("{s:s, s:s}", "public_key", hex, "algorithm",
				      "Ed25519"));
	printf("%s\n", hex);
	return 0;
}

/* `log head`: the latest signed tree head, to save and check the vault
 * against later with `log verify --since-head FILE`. */
static int log_head(lt_vault *v)
{
	lt_tree_head head;
	lt_buf doc = {0};
	int rc;

	if ((rc = lt_ledger_head(&head, v)))
		return cli_fail(rc == LT_ENOTFOUND
			? lt_error_set(LT_ENOTFOUND, "the ledger is empty: no tree "
				       "head was signed yet") : rc);
	return print_json(&doc, lt_tree_head_to_json(&doc, &head));
}

static int slurp(lt_buf *out, const char *path)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return lt_error_set(LT_EINPUT, "cannot read %s: %s", path,
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > ((size_t)1 << 20)) {
			fclose(f);
			return lt_error_set(LT_EINPUT, "%s: too large for a proof "
					    "or tree head", path);
		}
		if (lt_buf_append(out, chunk, n)) {
			fclose(f);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
	}
	fclose(f);
	return LT_OK;
}

static int log_check_proof(int json, const char *file, const char *key)
{
	unsigned char pk[LT_SIGN_PUBLIC_BYTES];
	lt_ledger_proof *p;
	lt_buf text = {0};
	int rc;

	if (sodium_init() < 0)
		return cli_fail(lt_error_set(LT_EINTERNAL, "libsodium failed"));
	if ((rc = lt_public_key_parse(pk, key)))
		return cli_fail(rc);
	if ((rc = slurp(&text, file))) {
		lt_buf_free(&text);
		return cli_fail(rc);
	}
	rc = lt_ledger_proof_parse(&p, text.data ? text.data : "", text.len, file);
	lt_buf_free(&text);
	if (rc)
		return cli_fail(rc);
	rc = lt_ledger_proof_check(p, pk);
	if (json) {
		json_t *doc;

		if (p->type == LT_PROOF_INCLUSION)
			doc = json_pack("{s:b, s:s, s:I, s:I, s:s, s:s?}", "valid",
					rc == LT_OK, "type", "inclusion", "seq",
					(json_int_t)p->event.seq, "tree_size",
					(json_int_t)p->head.size, "signed_at",
					p->head.at, "error",
					rc ? lt_error_message() : NULL);
		else
			doc = json_pack("{s:b, s:s, s:I, s:I, s:s?}", "valid",
					rc == LT_OK, "type", "consistency", "size1",
					(json_int_t)p->head1.size, "size2",
					(json_int_t)p->head2.size, "error",
					rc ? lt_error_message() : NULL);
		cli_emit(doc);
	} else if (rc == LT_OK) {
		if (p->type == LT_PROOF_INCLUSION)
			printf("Proof verifies: entry %" PRId64 " (%s%s%s, %s) is in "
			       "the log of %" PRIu64 " entries signed at %s.\n",
			       p->event.seq, p->event.kind,
			       p->event.document ? " of " : "",
			       p->event.document ? p->event.document : "",
			       p->event.at, p->head.size, p->head.at);
		else
			printf("Proof verifies: the log of %" PRIu64 " entries (signed "
			       "%s) is a prefix of the log of %" PRIu64 " entries "
			       "(signed %s).\n", p->head1.size, p->head1.at,
			       p->head2.size, p->head2.at);
	}
	lt_ledger_proof_free(p);
	if (rc) {
		fprintf(stderr, "leaktrace: %s: the proof does NOT verify: %s\n", file,
			lt_error_message());
		return EXIT_USAGE;
	}
	return 0;
}

int lt_cli_log(const char *vault, int json, int argc, char **argv)
{
	const char *from = NULL, *limit = NULL, *proof = NULL, *key = NULL, *val;
	const char *sub = NULL, *file = NULL, *ca = NULL, *cb = NULL;
	const char *since = NULL;
	uint64_t seq = 0, a = 0, b = 0, nfrom = 1, nlimit = 0;
	lt_vault *v;
	int i, r, rc;

	for (i = 0; i < argc; i++) {
		if ((r = cli_take_opt(argc, argv, &i, "--from", &from)) ||
		    (r = cli_take_opt(argc, argv, &i, "--limit", &limit)) ||
		    (r = cli_take_opt(argc, argv, &i, "--proof", &proof)) ||
		    (r = cli_take_opt(argc, argv, &i, "--pubkey", &key)) ||
		    (r = cli_take_opt(argc, argv, &i, "--since-head", &since))) {
			if (r < 0)
				return cli_usage("%s needs a value", argv[i]);
			continue;
		}
		if (!strcmp(argv[i], "--consistency")) {
			if (i + 2 >= argc)
				return cli_usage("%s", "--consistency needs two tree sizes A B");
			ca = argv[++i];
			cb = argv[++i];
			continue;
		}
		val = argv[i];
		if (val[0] == '-' && val[1])
			return cli_usage("log: unknown option '%s'", val);
		if (!sub && (!strcmp(val, "verify") || !strcmp(val, "check-proof") ||
			     !strcmp(val, "pubkey") || !strcmp(val, "head"))) {
			sub = val;
		} else if (sub && !strcmp(sub, "check-proof") && !file) {
			file = val;
		} else {
			return cli_usage("log: unexpected argument '%s' (log [verify "
				     "[--since-head FILE] | head | pubkey | "
				     "check-proof FILE --pubkey KEY])", val);
		}
	}
	if (from && parse_number(from, 1, INT64_MAX, &nfrom))
		return cli_usage("--from needs an entry number (got '%s')", from);
	if (limit && parse_number(limit, 1, SIZE_MAX, &nlimit))
		return cli_usage("--limit needs a positive number (got '%s')", limit);
	if (proof && parse_number(proof, 1, INT64_MAX, &seq))
		return cli_usage("--proof needs an entry number as 'leaktrace log' shows "
			     "it (got '%s')", proof);
	if (ca && (parse_number(ca, 1, INT64_MAX, &a) ||
		   parse_number(cb, 1, INT64_MAX, &b)))
		return cli_usage("%s", "--consistency needs two tree sizes A B with "
			     "0 < A <= B");
	if (ca && a > b)
		return cli_usage("%s", "--consistency needs A <= B");
	if ((proof != NULL) + (ca != NULL) + (sub != NULL) > 1)
		return cli_usage("%s", "log: give one of verify, head, pubkey, "
			     "check-proof, --proof, --consistency");
	if (since && !(sub && !strcmp(sub, "verify")))
		return cli_usage("%s", "--since-head belongs to 'log verify' (a tree "
			     "head saved from 'leaktrace log head')");
	if (key && !(sub && !strcmp(sub, "check-proof")))
		return cli_usage("%s", "--pubkey belongs to 'log check-proof FILE'");
	if (sub && !strcmp(sub, "check-proof")) {
		if (!file)
			return cli_usage("%s", "log check-proof needs a proof FILE");
		if (!key)
			return cli_usage("%s", "log check-proof needs --pubkey KEY (64 hex "
				     "digits or a file, from 'leaktrace log "
				     "pubkey')");
		return log_check_proof(json, file, key);
	}
	if ((from || limit) && (sub || proof || ca))
		return cli_usage("%s", "--from and --limit are for listing entries");
	/* Only `log pubkey` may write (a new vault's first key pair). */
	if ((rc = sub && strcmp(sub, "verify") && strcmp(sub, "head")
			  ? open_vault(vault, &v)
			  : open_vault_read_only(vault, &v)))
		return rc;
	if (sub && !strcmp(sub, "verify"))
		rc = log_verify(v, json, since);
	else if (sub && !strcmp(sub, "head"))
		rc = log_head(v);
	else if (sub)
		rc = log_pubkey(v, json);
	else if (proof || ca)
		rc = log_proof(v, json, seq, a, b, ca != NULL);
	else
		rc = log_list(v, json, (int64_t)nfrom, (size_t)nlimit);
	lt_vault_close(v);
	return rc;
}

/* ---------------------------------------------------------------------
 * access
 * ------------------------------------------------------------------- */

int lt_cli_access(const char *vault, int json, int argc, char **argv)
{
	const char *id = NULL, *by = NULL, *action = NULL, *at = NULL, *file = NULL;
	lt_vault *v;
	size_t count = 0;
	int i, r, rc;

	for (i = 0; i < argc; i++) {
		if ((r = cli_take_opt(argc, argv, &i, "--by", &by)) ||
		    (r = cli_take_opt(argc, argv, &i, "--action", &action)) ||
		    (r = cli_take_opt(argc, argv, &i, "--at", &at)) ||
		    (r = cli_take_opt(argc, argv, &i, "--import", &file))) {
			if (r < 0)
				return cli_usage("%s needs a value", argv[i]);
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("access: unknown option '%s'", argv[i]);
		if (id)
			return cli_usage("access takes one document ID (extra '%s')",
				     argv[i]);
		id = argv[i];
	}
	if (file) {
		if (id || by || action || at)
			return cli_usage("%s", "access --import FILE takes no document, "
				     "--by, --action or --at (the file has them)");
	} else {
		if (!id)
			return cli_usage("%s", "access needs a document ID (or --import "
				     "FILE)");
		if (!by || !*by)
			return cli_usage("%s", "access needs --by NAME");
		if ((rc = cli_check_text("--by", by, CLI_NAME_MAX)))
			return rc;
		if (!action)
			return cli_usage("%s", "access needs --action view|print|download");
		if (!lt_access_action_valid(action))
			return cli_usage("unknown --action '%s' (view, print or download)",
				     action);
		if (at && lt_iso8601_valid(at))
			return cli_usage("--at '%s' is not an ISO 8601 time (like "
				     "2026-01-31T12:00:00Z)", at);
	}
	if ((rc = open_vault(vault, &v)))
		return rc;
	if (file) {
		rc = lt_access_import(&count, v, file);
	} else {
		rc = lt_access_record(v, id, by, action, at);
		count = 1;
	}
	lt_vault_close(v);
	if (rc)
		return cli_fail(rc);
	if (json) {
		if (file)
			return cli_emit(json_pack("{s:s, s:I}", "imported", file, "events",
					      (json_int_t)count));
		return cli_emit(json_pack("{s:s, s:s, s:s, s:s?}", "document", id, "by",
				      by, "action", action, "at", at));
	}
	if (file)
		printf("Recorded %zu access event%s from %s\n", count,
		       count == 1 ? "" : "s", file);
	else
		printf("Recorded: %s %s '%s'%s%s\n", cli_flat(by), action, id,
		       at ? " at " : "",
		       at ? at : "");
	return 0;
}

/* ---------------------------------------------------------------------
 * suspects
 * ------------------------------------------------------------------- */

static void print_suspect(const lt_ledger_suspect *s)
{
	printf("  %s%s%s\n", s->recipient, s->excluded ? ": " : "",
	       s->excluded ? s->excluded : "");
	for (size_t i = 0; i < s->nholdings; i++) {
		const lt_holding *h = &s->holdings[i];

		printf("      %-16s copy %s issued %s", h->document, h->copy,
		       h->issued_at);
		for (size_t k = 0; k < h->naccesses; k++)
			printf("%s%s %s (entry %" PRId64 ")", k ? ", " : "; ",
			       h->accesses[k].action, h->accesses[k].at,
			       h->accesses[k].seq);
		putchar('\n');
	}
}

int lt_cli_suspects(const char *vault, int json, int argc, char **argv)
{
	lt_suspects_result *r;
	lt_vault *v;
	size_t i;
	int rc;

	if (argc == 0)
		return cli_usage("%s", "suspects needs one or more document IDs");
	for (i = 0; i < (size_t)argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return cli_usage("suspects: unknown option '%s'", argv[i]);
	if ((rc = open_vault_read_only(vault, &v)))
		return rc;
	rc = lt_suspects(&r, v, (const char *const *)argv, (size_t)argc);
	lt_vault_close(v);
	if (rc)
		return cli_fail(rc);
	if (json) {
		lt_buf doc = {0};

		rc = print_json(&doc, lt_suspects_json(&doc, r));
	} else {
		for (i = 0; i < r->ndocuments; i++)
			printf("%s: %zu holder%s, %zu access event%s, first sighting %s\n",
			       r->documents[i].document, r->documents[i].holders,
			       r->documents[i].holders == 1 ? "" : "s",
			       r->documents[i].access_events,
			       r->documents[i].access_events == 1 ? "" : "s",
			       r->documents[i].first_sighting
				       ? r->documents[i].first_sighting : "unknown");
		printf("Note: %s.\n", r->note);
		printf("%zu suspect%s held %s in time:\n", r->nsuspects,
		       r->nsuspects == 1 ? "" : "s",
		       r->ndocuments == 1 ? "the document" : "all the documents");
		for (i = 0; i < r->nsuspects; i++)
			print_suspect(&r->suspects[i]);
		if (r->nexcluded) {
			printf("Held them all but excluded:\n");
			for (i = 0; i < r->nexcluded; i++)
				print_suspect(&r->excluded[i]);
		}
		rc = 0;
	}
	lt_suspects_result_free(r);
	return rc;
}
