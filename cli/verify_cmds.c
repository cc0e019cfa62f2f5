/*
 * verify_cmds.c - genuine, altered or unknown through the command line,
 * and signed statements about issued copies (verify_cmds.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/text.h"
#include "leaktrace/verify.h"
#include "verify_cmds.h"

#define RED "\033[1;31m"
#define GREEN "\033[1;32m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/*
 * Print `len` bytes on one line, newlines shown as spaces (other control
 * characters are escaped by the output filter, cli.h).
 */
static void put_flat(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putchar(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
}

/* A colour code when colour is on. */
static void paint(int colour, const char *sgr)
{
	if (colour)
		cli_paint(sgr);
}

/* The found words in their context, with the change highlighted. */
static void show_context(const char *text, size_t len, const lt_change *ch,
			 int colour)
{
	size_t from = ch->at > 40 ? ch->at - 40 : 0;
	size_t to = ch->at + ch->len + 40 < len ? ch->at + ch->len + 40 : len;

	/* Start and end on UTF-8 character boundaries. */
	while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
		from--;
	while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
		to++;
	printf("     in:       %s", from ? "..." : "");
	put_flat(text + from, ch->at - from);
	if (ch->original[0]) {
		paint(colour, RED);
		printf("[-%s-]", cli_flat(ch->original));
		paint(colour, RESET);
	}
	if (ch->len) {
		paint(colour, GREEN);
		printf("{+");
		put_flat(text + ch->at, ch->len);
		printf("+}");
		paint(colour, RESET);
	}
	put_flat(text + ch->at + ch->len, to - ch->at - ch->len);
	printf("%s\n", to < len ? "..." : "");
}

static void print_result(const lt_verify_result *r, const char *path,
			 const lt_buf *text)
{
	int colour = cli_colour();
	size_t i;

	if (r->verdict == LT_VERIFY_UNKNOWN) {
		printf("Verdict: unknown: %s is not a registered document.\n",
		       cli_flat(path));
		return;
	}
	printf("Document: %s\n", cli_flat(r->document));
	if (r->exact) {
		printf("Verdict: ");
		paint(colour, BOLD);
		printf("genuine");
		paint(colour, RESET);
		printf(": byte-identical to copy %s, issued to %s (its SHA-256 is "
		       "in the signed issue manifest).\n", cli_flat(r->copy),
		       cli_flat(r->recipient));
		return;
	}
	printf("Part present: %.0f%% of the document (bytes %zu-%zu of the "
	       "original); %zu words matched, %zu marks of issued copies, %zu "
	       "small differences put down to typing or OCR\n",
	       100 * r->part_share, r->part_from, r->part_to, r->words, r->marks,
	       r->noise);
	if (r->verdict == LT_VERIFY_GENUINE) {
		printf("Verdict: ");
		paint(colour, BOLD);
		printf("genuine");
		paint(colour, RESET);
		printf(": faithful to the registered document.\n");
		return;
	}
	printf("Verdict: ");
	paint(colour, RED);
	printf("altered");
	paint(colour, RESET);
	printf(": %zu change%s\n", r->nchanges, r->nchanges == 1 ? "" : "s");
	for (i = 0; i < r->nchanges; i++) {
		const lt_change *ch = &r->changes[i];

		printf("  %zu. %s at byte %zu (sure: %.0f%%)\n", i + 1,
		       lt_change_kind_name(ch->kind), ch->at, 100 * ch->confidence);
		printf("     original: \"%s\"\n     found:    \"%s\"\n",
		       cli_flat(ch->original), cli_flat(ch->found));
		if (text->data)
			show_context(text->data, text->len, ch, colour);
	}
}

static int check_statement(const cli *c, const char *statement,
			   const char *file, const char *pubkey)
{
	lt_statement_check_result res;
	lt_buf json = {0};
	int rc, good;

	if ((rc = lt_text_read_file(&json, statement, 1u << 20, NULL)))
		return cli_fail(rc);
	rc = lt_statement_check(&res, json.data ? json.data : "", json.len, pubkey,
				file);
	lt_buf_free(&json);
	if (rc)
		return cli_fail(rc);
	good = lt_statement_check_valid(&res, pubkey != NULL);
	if (c->json) {
		lt_buf out = {0};

		if ((rc = cli_emit_buf(lt_statement_check_json(&out, &res,
							       pubkey != NULL),
				       &out)))
			return rc;
	} else {
		printf("Statement about copy %s of '%s' (SHA-256 %s)\n",
		       cli_flat(res.copy), cli_flat(res.document),
		       cli_flat(res.sha256));
		printf("  signature:  %s\n", res.signature_ok ? "valid" : "INVALID");
		printf("  signer key: %s (%s)\n", cli_flat(res.public_key),
		       !pubkey ? "not checked against a trusted key: pass --pubkey"
		       : res.key_trusted ? "the trusted key" : "NOT the trusted key");
		if (res.file_matches >= 0)
			printf("  file:       %s\n", res.file_matches
			       ? "is the attested copy, byte for byte"
			       : "DIFFERS from the attested copy");
		printf("Verdict: %s\n", good ? "valid" : "not valid");
	}
	if (!good)
		fprintf(stderr, "leaktrace: %s: the statement does not hold (%s)\n",
			cli_flat(statement), !res.signature_ok ? "bad signature"
			: (pubkey && !res.key_trusted) ? "signed by another key"
			: "the file is not the attested copy");
	return good ? 0 : EXIT_USAGE;
}

/* Options of verify and attest. */
enum { OPT_STATEMENT = 256, OPT_PUBKEY, OPT_OUT, OPT_WITH_RECIPIENT };

int cli_verify(const cli *c)
{
	static const struct option opts[] = {
		{"statement", required_argument, NULL, OPT_STATEMENT},
		{"pubkey", required_argument, NULL, OPT_PUBKEY},
		{NULL, 0, NULL, 0}
	};
	const char *file = NULL, *statement = NULL, *pubkey = NULL, *bad = NULL;
	lt_verify_result *r;
	lt_vault *v;
	lt_buf text = {0};
	char **ops;
	int n, rc, got;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_STATEMENT: statement = optarg; break;
		case OPT_PUBKEY: pubkey = optarg; break;
		case ':': return cli_usage("%s needs a value", bad);
		default: return cli_usage("verify: unknown option '%s'", bad);
		}
	}
	ops = cli_operands(c, &n);
	if (n > 1)
		return cli_usage("verify takes one FILE (extra '%s')", ops[1]);
	if (n == 1)
		file = ops[0];
	if (statement)
		return check_statement(c, statement, file, pubkey);
	if (pubkey)
		return cli_usage("%s", "--pubkey goes with --statement");
	if (!file)
		return cli_usage("%s", "verify needs a FILE (or --statement FILE)");
	if ((rc = cli_open_vault(c->vault, &v)))
		return rc;
	rc = lt_verify_file(&r, v, file);
	if (rc == LT_OK)
		cli_note_not_recorded(v, "verification");
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (c->json) {
		lt_buf out = {0};

		rc = cli_emit_buf(lt_verify_result_json(&out, r), &out);
	} else {
		lt_text_read_file(&text, file, 0, NULL);
		print_result(r, file, &text);
		lt_buf_free(&text);
	}
	lt_verify_result_free(r);
	return rc;
}

int cli_attest(const cli *c)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, OPT_OUT},
		{"with-recipient", no_argument, NULL, OPT_WITH_RECIPIENT},
		{NULL, 0, NULL, 0}
	};
	const char *copy = NULL, *outfile = NULL, *bad = NULL;
	int n, rc, got, with_recipient = 0;
	lt_buf out = {0};
	lt_vault *v;
	char **ops;

	cli_getopt_reset();
	while ((got = cli_getopt(c, opts, &bad)) != -1) {
		switch (got) {
		case OPT_OUT: outfile = optarg; break;
		case OPT_WITH_RECIPIENT: with_recipient = 1; break;
		case ':': return cli_usage("%s needs a value", bad);
		default: return cli_usage("attest: unknown option '%s'", bad);
		}
	}
	ops = cli_operands(c, &n);
	if (n > 1)
		return cli_usage("attest takes one COPY_ID (extra '%s')", ops[1]);
	if (n == 1)
		copy = ops[0];
	if (!copy)
		return cli_usage("%s", "attest needs a COPY_ID");
	if (outfile && !*outfile)
		return cli_usage("%s", "attest: --out needs a file name");
	if ((rc = cli_check_output(c->vault, outfile, 0)))
		return rc;
	if ((rc = cli_open_vault(c->vault, &v)))
		return rc;
	rc = lt_attest(&out, v, copy, with_recipient);
	if ((rc = cli_close_vault(v, rc)))
		return rc;
	if (outfile) {
		if ((rc = lt_buf_putc(&out, '\n')) ||
		    (rc = lt_file_write_atomic(outfile, out.data, out.len,
					       0666))) {
			lt_buf_free(&out);
			return cli_fail(rc);
		}
		if (!c->json)
			printf("Wrote the signed statement about copy %s to %s\n", copy,
			       outfile);
		else
			cli_emit(json_pack("{s:s, s:s}", "copy", copy, "statement",
					   outfile));
	} else {
		cli_stdout_exact(); /* the statement, byte for byte */
		puts(out.data);
	}
	lt_buf_free(&out);
	return 0;
}
