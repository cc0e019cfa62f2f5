/*
 * test_ledger.c - the vault's ledger: canonical entries, sealing with one
 * signed head per transaction, proofs through proof documents checked
 * offline, verification naming each kind of tampering, the signing key,
 * the access CSV parser, proof-document parsing and the suspects query.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/investigate.h"
#include "leaktrace/ledger.h"
#include "ledger/event.h"
#include "store/vault_internal.h"
#include "support/support.h"
#include "store/sqlite_internal.h"

/* ---------------------------------------------------------------------
 * Fixtures
 * ------------------------------------------------------------------- */

static char vault_dir[256];

/* A fresh vault with `ntx` transactions of `per_tx` events each. */
static lt_vault *make_vault(int ntx, int per_tx)
{
	lt_vault *v = ts_vault(vault_dir, sizeof(vault_dir), "ledger-test");

	for (int t = 0; t < ntx; t++) {
		assert_int_equal(lt_vault_begin(v), LT_OK);
		for (int i = 0; i < per_tx; i++) {
			char detail[64];

			snprintf(detail, sizeof(detail), "{\"tx\":%d,\"i\":%d}", t, i);
			assert_int_equal(lt_ledger_event(v, "test", i % 3 ? "doc" : NULL,
							detail), LT_OK);
		}
		assert_int_equal(lt_vault_commit(v), LT_OK);
	}
	return v;
}

static void drop_vault(lt_vault *v)
{
	lt_vault_close(v);
	assert_int_equal(ts_rmdir(vault_dir), 0);
}


static lt_ledger_report *verify(lt_vault *v)
{
	lt_ledger_report *r;

	assert_int_equal(lt_ledger_verify(&r, v), LT_OK);
	return r;
}

/* ---------------------------------------------------------------------
 * Entries
 * ------------------------------------------------------------------- */

static void test_entry_format(void **state)
{
	lt_event e = {42, "2026-01-31T12:00:00Z", "issue", "memo", "{\"a\":1}"};
	lt_event none = {7, "t", "trace", NULL, "{}"}, back;
	lt_buf b = {0};

	(void)state;
	assert_int_equal(lt_event_entry(&b, &e), LT_OK);
	assert_string_equal(b.data, "leaktrace event v1\nseq 42\n"
			    "at 20:2026-01-31T12:00:00Z\nkind 5:issue\n"
			    "document 4:memo\ndetail 7:{\"a\":1}\n");
	assert_int_equal(lt_event_entry_parse(&back, b.data, b.len), LT_OK);
	assert_int_equal(back.seq, 42);
	assert_string_equal(back.document, "memo");
	assert_string_equal(back.detail, "{\"a\":1}");
	lt_event_clear(&back);
	lt_buf_clear(&b);
	assert_int_equal(lt_event_entry(&b, &none), LT_OK);
	assert_non_null(strstr(b.data, "document -\n"));
	assert_int_equal(lt_event_entry_parse(&back, b.data, b.len), LT_OK);
	assert_null(back.document);
	lt_event_clear(&back);
	/* Every strict prefix and every extension is refused. */
	for (size_t n = 0; n < b.len; n++)
		assert_int_equal(lt_event_entry_parse(&back, b.data, n), LT_EINPUT);
	lt_buf_putc(&b, '\n');
	assert_int_equal(lt_event_entry_parse(&back, b.data, b.len), LT_EINPUT);
	lt_buf_free(&b);
	{
		static const char *const bad[] = {
			"leaktrace event v1\nseq 07\nat 1:a\nkind 1:k\ndocument -\ndetail 2:{}\n",
			"leaktrace event v1\nseq 0\nat 1:a\nkind 1:k\ndocument -\ndetail 2:{}\n",
			"leaktrace event v1\nseq 1\nat 2:a\nkind 1:k\ndocument -\ndetail 2:{}\n",
			"leaktrace event v1\nseq 1\nat 1:a\nkind 1:k\ndocument 99999999999999999999:x\ndetail 2:{}\n",
			"leaktrace event v2\nseq 1\nat 1:a\nkind 1:k\ndocument -\ndetail 2:{}\n",
			"leaktrace event v1\nseq 1\nat 1:a\nkind -\ndocument -\ndetail 2:{}\n",
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			assert_int_equal(lt_event_entry_parse(&back, bad[i],
							      strlen(bad[i])),
					 LT_EINPUT);
	}
}

/* ---------------------------------------------------------------------
 * Sealing, proofs
 * ------------------------------------------------------------------- */

/* Prove, write the document, parse it back, check it offline. */
static void roundtrip_inclusion(lt_vault *v, int64_t seq,
				const unsigned char pk[32])
{
	lt_ledger_proof *p, *q;
	lt_buf doc = {0};

	assert_int_equal(lt_ledger_prove_inclusion(&p, v, seq), LT_OK);
	assert_int_equal(lt_ledger_proof_to_json(&doc, p), LT_OK);
	assert_int_equal(lt_ledger_proof_parse(&q, doc.data, doc.len, "p.json"),
			 LT_OK);
	assert_int_equal(lt_ledger_proof_check(q, pk), LT_OK);
	assert_int_equal(q->event.seq, seq);
	/* Altering the entry or the index is caught. */
	q->entry.data[q->entry.len - 3] ^= 1;
	assert_int_equal(lt_ledger_proof_check(q, pk), LT_EINPUT);
	q->entry.data[q->entry.len - 3] ^= 1;
	q->index ^= 1;
	assert_int_not_equal(lt_ledger_proof_check(q, pk), LT_OK);
	lt_ledger_proof_free(p);
	lt_ledger_proof_free(q);
	lt_buf_free(&doc);
}

static void test_seal_and_prove(void **state)
{
	lt_vault *v = make_vault(13, 5); /* 65 events, 13 heads */
	unsigned char pk[32], other[32];
	lt_ledger_report *r;
	lt_ledger_proof *p;
	lt_tree_head h;
	struct stat sb;
	char path[300];

	(void)state;
	assert_int_equal(lt_ledger_head(&h, v), LT_OK);
	assert_int_equal(h.size, 65);
	assert_int_equal(lt_ledger_public_key(pk, v), LT_OK);
	assert_int_equal(lt_tree_head_verify(&h, pk), LT_OK);
	snprintf(path, sizeof(path), "%s/signing.key", vault_dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	r = verify(v);
	assert_int_equal(r->nproblems, 0);
	assert_int_equal(r->entries, 65);
	assert_int_equal(r->heads, 13);
	assert_memory_equal(r->root, h.root, 32);
	lt_ledger_report_free(r);
	for (int64_t seq = 1; seq <= 65; seq++)
		roundtrip_inclusion(v, seq, pk);
	assert_int_equal(lt_ledger_prove_inclusion(&p, v, 66), LT_ENOTFOUND);
	/* Consistency between every pair of signed sizes. */
	for (uint64_t a = 5; a <= 65; a += 5)
		for (uint64_t b = a; b <= 65; b += 5) {
			lt_ledger_proof *q;
			lt_buf doc = {0};

			assert_int_equal(lt_ledger_prove_consistency(&p, v, a, b), LT_OK);
			assert_int_equal(lt_ledger_proof_to_json(&doc, p), LT_OK);
			assert_int_equal(lt_ledger_proof_parse(&q, doc.data, doc.len,
							       "c.json"), LT_OK);
			assert_int_equal(lt_ledger_proof_check(q, pk), LT_OK);
			memcpy(other, pk, 32);
			other[0] ^= 1;
			assert_int_equal(lt_ledger_proof_check(q, other), LT_EINPUT);
			lt_ledger_proof_free(p);
			lt_ledger_proof_free(q);
			lt_buf_free(&doc);
		}
	assert_int_equal(lt_ledger_prove_consistency(&p, v, 3, 65), LT_ENOTFOUND);
	assert_non_null(strstr(lt_error_message(), "nearest signed size"));
	drop_vault(v);
}

static void test_one_signature_per_transaction(void **state)
{
	lt_vault *v = make_vault(1, 10000);
	lt_ledger_report *r;
	unsigned char pk[32];

	(void)state;
	r = verify(v);
	assert_int_equal(r->nproblems, 0);
	assert_int_equal(r->entries, 10000);
	assert_int_equal(r->heads, 1);
	lt_ledger_report_free(r);
	assert_int_equal(lt_ledger_public_key(pk, v), LT_OK);
	roundtrip_inclusion(v, 1, pk);
	roundtrip_inclusion(v, 4097, pk);
	roundtrip_inclusion(v, 10000, pk);
	/* A rolled-back transaction leaves no leaf and no head. */
	assert_int_equal(lt_vault_begin(v), LT_OK);
	assert_int_equal(lt_ledger_event(v, "test", NULL, "{}"), LT_OK);
	lt_vault_rollback(v);
	/* An event outside a transaction is sealed on its own. */
	assert_int_equal(lt_ledger_event(v, "test", NULL, "{}"), LT_OK);
	r = verify(v);
	assert_int_equal(r->nproblems, 0);
	assert_int_equal(r->entries, 10001);
	assert_int_equal(r->heads, 2);
	lt_ledger_report_free(r);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Tampering
 * ------------------------------------------------------------------- */

/* The first problem is of `kind` and names `seq` (or head `size`). */
static void expect_problem(lt_vault *v, lt_ledger_problem_kind kind, int64_t seq,
			   uint64_t size)
{
	lt_ledger_report *r = verify(v);

	if (r->nproblems == 0)
		fail_msg("tampering not detected (expected %s)",
			 lt_ledger_problem_name(kind));
	print_message("    detected: [%s] %s\n",
		      lt_ledger_problem_name(r->problems[0].kind),
		      r->problems[0].message);
	assert_int_equal(r->problems[0].kind, kind);
	if (seq)
		assert_int_equal(r->problems[0].seq, seq);
	if (size)
		assert_int_equal(r->problems[0].size, size);
	lt_ledger_report_free(r);
}

static void test_tamper_changed(void **state)
{
	lt_vault *v = make_vault(4, 10);
	lt_ledger_proof *p;

	(void)state;
	ts_sql(v, "UPDATE events SET detail='{\"tx\":9}' WHERE seq=17");
	expect_problem(v, LT_PROBLEM_CHANGED, 17, 0);
	assert_int_equal(lt_ledger_prove_inclusion(&p, v, 17), LT_EVAULT);
	drop_vault(v);
	v = make_vault(4, 10);
	ts_sql(v, "UPDATE events SET at='2020-01-01T00:00:00Z' WHERE seq=1");
	expect_problem(v, LT_PROBLEM_CHANGED, 1, 0);
	drop_vault(v);
}

static void test_tamper_deleted(void **state)
{
	lt_vault *v = make_vault(4, 10);

	(void)state;
	ts_sql(v, "DELETE FROM events WHERE seq=23");
	expect_problem(v, LT_PROBLEM_DELETED, 23, 0);
	drop_vault(v);
	/* The last entry deleted. */
	v = make_vault(4, 10);
	ts_sql(v, "DELETE FROM events WHERE seq=40");
	expect_problem(v, LT_PROBLEM_DELETED, 40, 0);
	drop_vault(v);
}

static void test_tamper_reordered(void **state)
{
	lt_vault *v = make_vault(4, 10);

	(void)state;
	ts_sql(v, "UPDATE events SET seq=-1 WHERE seq=11;"
	       "UPDATE events SET seq=11 WHERE seq=12;"
	       "UPDATE events SET seq=12 WHERE seq=-1");
	expect_problem(v, LT_PROBLEM_REORDERED, 11, 0);
	drop_vault(v);
}

static void test_tamper_forged_head(void **state)
{
	lt_vault *v = make_vault(4, 10);

	(void)state;
	ts_sql(v, "UPDATE ledger_heads SET root=randomblob(32) WHERE size=20");
	expect_problem(v, LT_PROBLEM_HEAD_FORGED, 0, 20);
	drop_vault(v);
	v = make_vault(4, 10);
	ts_sql(v, "UPDATE ledger_heads SET at='2030-01-01T00:00:00Z' WHERE size=40");
	expect_problem(v, LT_PROBLEM_HEAD_FORGED, 0, 40);
	drop_vault(v);
}

static void test_tamper_rewritten_hashes(void **state)
{
	lt_vault *v = make_vault(4, 10);
	lt_buf entry = {0};
	lt_event e = {5, NULL, "test", "doc", "{\"forged\":true}"};
	sqlite3_stmt *st;
	lt_hash leaf;
	char at[32] = "";

	(void)state;
	/* Change entry 5 and rewrite its leaf hash to match: only the
	 * signed heads can tell. */
	assert_int_equal(lt_vault_prepare(v, &st, "SELECT at FROM events WHERE "
						  "seq=5"), LT_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(at, sizeof(at), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	e.at = at;
	lt_event_entry(&entry, &e);
	lt_merkle_leaf_hash(leaf, entry.data, entry.len);
	ts_sql(v, "UPDATE events SET detail='{\"forged\":true}' WHERE seq=5");
	assert_int_equal(lt_vault_prepare(v, &st, "UPDATE ledger_leaves SET hash=? "
						  "WHERE idx=4"), LT_OK);
	sqlite3_bind_blob(st, 1, leaf, 32, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	{
		lt_ledger_report *r = verify(v);
		int head = 0;

		for (size_t i = 0; i < r->nproblems; i++)
			if (r->problems[i].kind == LT_PROBLEM_HEAD_MISMATCH &&
			    r->problems[i].size == 10)
				head = 1;
		assert_true(head);
		lt_ledger_report_free(r);
	}
	lt_buf_free(&entry);
	drop_vault(v);
}

static void test_signing_key(void **state)
{
	lt_vault *v = make_vault(1, 1);
	char path[300], cmd[1000];

	(void)state;
	snprintf(path, sizeof(path), "%s/signing.key", vault_dir);
	/* Lost: nothing more can be logged, and the message says why. */
	snprintf(cmd, sizeof(cmd), "mv '%s' '%s.bak'", path, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(lt_vault_begin(v), LT_OK);
	assert_int_equal(lt_ledger_event(v, "test", NULL, "{}"), LT_OK);
	assert_int_equal(lt_vault_commit(v), LT_EVAULT);
	assert_non_null(strstr(lt_error_message(), "missing"));
	/* Readable by others: refused. */
	snprintf(cmd, sizeof(cmd), "mv '%s.bak' '%s' && chmod 644 '%s'", path, path,
		 path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(lt_ledger_event(v, "test", NULL, "{}"), LT_EVAULT);
	assert_non_null(strstr(lt_error_message(), "0600"));
	/* Replaced by another key: refused, and verify names it. */
	unlink(path);
	{
		unsigned char pk[32], sk[64];
		FILE *f;

		crypto_sign_keypair(pk, sk);
		f = fopen(path, "wb");
		assert_non_null(f);
		fwrite(sk, 1, 64, f);
		fclose(f);
		chmod(path, 0600);
	}
	assert_int_equal(lt_ledger_event(v, "test", NULL, "{}"), LT_EVAULT);
	assert_non_null(strstr(lt_error_message(), "does not belong"));
	expect_problem(v, LT_PROBLEM_KEY, 0, 0);
	drop_vault(v);
}

/* ---------------------------------------------------------------------
 * Parsers
 * ------------------------------------------------------------------- */

static void test_csv(void **state)
{
	static const char good[] =
		"\xef\xbb\xbfId,Time,User,Action,Document,Note\r\n"
		"1,2026-01-02T10:00:00Z,Alice,VIEW,memo,\"said \"\"hi\"\", then left\"\r\n"
		"\r\n"
		"2, 2026-01-02 11:00:00+01:00 ,\"Bob, Jr.\",print,memo,\"two\nlines\"\n"
		"3,2026-01-03T09:30Z,Carol,download,plan,\n";
	static const struct {
		const char *csv, *expect;
	} bad[] = {
		{"", "f.csv: empty file"},
		{"time,user,action\n", "f.csv:1: the header has no 'document'"},
		{"time,user,action,document,time\n", "f.csv:1: column 'time' appears twice"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,A,edit,m\n",
		 "f.csv:2: action 'edit'"},
		{"time,user,action,document\nyesterday,A,view,m\n", "f.csv:2: time"},
		{"time,user,action,document\n2026-13-02T10:00:00Z,A,view,m\n", "f.csv:2: time"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,A,view\n",
		 "f.csv:2: 3 fields where the header has 4"},
		{"time,user,action,document\n\n\n2026-01-02T10:00:00Z,\"A,view,m\n",
		 "f.csv:4: a quoted field is never closed"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,\"A\"x,view,m\n",
		 "f.csv:2: text after a closing quote"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,A\"b,view,m\n",
		 "f.csv:2: stray quote"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,,view,m\n",
		 "f.csv:2: empty 'user'"},
		{"time,user,action,document\n2026-01-02T10:00:00Z,\xff\xfe,view,m\n",
		 "f.csv:2: 'user' is not clean UTF-8"},
	};
	lt_access_row *rows;
	size_t n;

	(void)state;
	assert_int_equal(lt_access_csv_parse(&rows, &n, good, sizeof(good) - 1,
					     "f.csv"), LT_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].action, "view");
	assert_string_equal(rows[0].user, "Alice");
	assert_int_equal(rows[0].line, 2);
	assert_string_equal(rows[1].user, "Bob, Jr.");
	assert_string_equal(rows[1].time, "2026-01-02 11:00:00+01:00");
	assert_int_equal(rows[1].line, 4);
	assert_int_equal(rows[2].line, 6);
	assert_string_equal(rows[2].document, "plan");
	lt_access_rows_free(rows, n);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(lt_access_csv_parse(&rows, &n, bad[i].csv,
						     strlen(bad[i].csv), "f.csv"),
				 LT_EINPUT);
		if (!strstr(lt_error_message(), bad[i].expect))
			fail_msg("csv case %zu: got '%s', wanted '%s'", i,
				 lt_error_message(), bad[i].expect);
	}
	{
		static const char nul[] = "time,user,action,document\n2026\0";

		assert_int_equal(lt_access_csv_parse(&rows, &n, nul, sizeof(nul) - 1,
						     "f.csv"), LT_EINPUT);
		assert_non_null(strstr(lt_error_message(), "f.csv:2: NUL"));
	}
}

static void test_proof_parse_errors(void **state)
{
	static const struct {
		const char *doc, *expect;
	} bad[] = {
		{"", "not a JSON proof document"},
		{"[1]", "a proof document is a JSON object"},
		{"{\"format\":\"x\"}", "field 'format'"},
		{"{\"format\":\"leaktrace-proof-v1\",\"type\":\"z\"}", "field 'type'"},
		{"{\"format\":\"leaktrace-proof-v1\",\"type\":\"inclusion\"}",
		 "field 'public_key'"},
		{"{\"format\":\"leaktrace-proof-v1\",\"type\":\"inclusion\","
		 "\"public_key\":\"00\"}", "field 'public_key' must be 64 hex"},
		{"{\"format\":\"leaktrace-proof-v1\",\"type\":\"consistency\","
		 "\"public_key\":\"0000000000000000000000000000000000000000000000000000000000000000\","
		 "\"size1\":-1}", "field 'size1'"},
		{"{\"format\":\"leaktrace-proof-v1\",\"type\":\"inclusion\","
		 "\"public_key\":\"0000000000000000000000000000000000000000000000000000000000000000\","
		 "\"index\":1,\"tree_size\":2,\"leaf_hash\":\"zz\"}", "field 'leaf_hash'"},
		{"{\"format\":\"leaktrace-proof-v1\",\"format\":\"x\"}", "duplicate"},
	};
	lt_ledger_proof *p;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(lt_ledger_proof_parse(&p, bad[i].doc,
						       strlen(bad[i].doc), "p.json"),
				 LT_EINPUT);
		if (!strstr(lt_error_message(), bad[i].expect))
			fail_msg("proof case %zu: got '%s', wanted '%s'", i,
				 lt_error_message(), bad[i].expect);
	}
}

/* ---------------------------------------------------------------------
 * Access and suspects (documents and copies made by hand)
 * ------------------------------------------------------------------- */

static void add_document(lt_vault *v, int rowid, const char *id)
{
	char q[600];

	snprintf(q, sizeof(q),
		 "INSERT INTO documents(rowid, id, format, registered_at, words, "
		 "nslots, lexical_slots, typographic_slots, bias, cap_lexical, "
		 "cap_typographic, slots) VALUES(%d, '%s', 'txt', "
		 "'2026-01-01T00:00:00Z', 1, 1, 1, 0, 'uniform', 1, 0, x'');"
		 "INSERT INTO code_blocks(rowid, doc, count, nslots, symbols) "
		 "VALUES(%d, %d, 3, 1, x'');", rowid, id, rowid, rowid);
	ts_sql(v, q);
}

static void add_copy(lt_vault *v, int doc, int recipient, const char *issued)
{
	char q[400];

	snprintf(q, sizeof(q), "INSERT INTO copies(id, doc, recipient, block, "
		 "block_index, format, issued_at) VALUES('c%d-%d', %d, %d, %d, 0, "
		 "'txt', '%s')", doc, recipient, doc, recipient, doc, issued);
	ts_sql(v, q);
}

static void test_suspects(void **state)
{
	lt_vault *v = make_vault(0, 0);
	const char *both[] = {"memo", "plan"}, *one[] = {"memo"};
	lt_suspects_result *r;
	size_t n;
	char csv[300];
	FILE *f;

	(void)state;
	add_document(v, 1, "memo");
	add_document(v, 2, "plan");
	ts_sql(v, "INSERT INTO recipients(rowid, name) VALUES(1,'Alice'),(2,'Bob'),"
	       "(3,'Carol')");
	add_copy(v, 1, 1, "2026-01-01T10:00:00Z");
	add_copy(v, 1, 2, "2026-01-01T10:00:00Z");
	add_copy(v, 1, 3, "2026-01-05T10:00:00Z");
	add_copy(v, 2, 1, "2026-01-01T10:00:00Z");
	add_copy(v, 2, 3, "2026-01-01T10:00:00Z");

	/* No sightings, no access: every holder of both. */
	assert_int_equal(lt_suspects(&r, v, both, 2), LT_OK);
	assert_int_equal(r->sightings_known, 0);
	assert_int_equal(r->nsuspects, 2);
	assert_string_equal(r->suspects[0].recipient, "Alice");
	assert_string_equal(r->suspects[1].recipient, "Carol");
	assert_int_equal(r->suspects[0].nholdings, 2);
	assert_string_equal(r->suspects[0].holdings[1].copy, "c2-1");
	assert_non_null(strstr(r->note, "unknown"));
	lt_suspects_result_free(r);

	/* A sightings table: memo first seen on Jan 3, so Carol's copy came
	 * too late. */
	ts_sql(v, "INSERT INTO sightings(doc, platform, source, kind, similarity, "
	       "first_seen, posted_at) VALUES"
	       "(1, 'discord', 'a.json', 'text', 1, '2026-01-05T00:00:00Z', "
	       "'2026-01-04T00:00:00Z'),"
	       "(1, 'telegram', 'b.json', 'text', 1, '2026-01-05T00:00:00Z', "
	       "'2026-01-03T00:00:00Z')");
	assert_int_equal(lt_suspects(&r, v, both, 2), LT_OK);
	assert_int_equal(r->sightings_known, 1);
	assert_string_equal(r->documents[0].first_sighting, "2026-01-03T00:00:00Z");
	assert_null(r->documents[1].first_sighting);
	assert_int_equal(r->nsuspects, 1);
	assert_string_equal(r->suspects[0].recipient, "Alice");
	assert_int_equal(r->nexcluded, 1);
	assert_string_equal(r->excluded[0].recipient, "Carol");
	assert_non_null(strstr(r->excluded[0].excluded, "first sighting"));
	lt_suspects_result_free(r);

	/* Access events: only Bob opened memo before it was seen. */
	assert_int_equal(lt_access_record(v, "memo", "Bob", "print",
					  "2026-01-02T09:00:00Z"), LT_OK);
	snprintf(csv, sizeof(csv), "%s/audit.csv", vault_dir);
	f = fopen(csv, "w");
	assert_non_null(f);
	fputs("time,user,action,document\n"
	      "2026-01-03T12:00:00Z,Alice,view,memo\n", f);
	fclose(f);
	assert_int_equal(lt_access_import(&n, v, csv), LT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(lt_suspects(&r, v, one, 1), LT_OK);
	assert_int_equal(r->documents[0].access_events, 2);
	assert_int_equal(r->nsuspects, 1);
	assert_string_equal(r->suspects[0].recipient, "Bob");
	assert_int_equal(r->suspects[0].holdings[0].naccesses, 1);
	assert_string_equal(r->suspects[0].holdings[0].accesses[0].action, "print");
	assert_int_equal(r->nexcluded, 2);
	lt_suspects_result_free(r);

	/* Import errors: all or nothing, file:line named. */
	f = fopen(csv, "w");
	assert_non_null(f);
	fputs("time,user,action,document\n"
	      "2026-01-03T12:00:00Z,Alice,view,memo\n"
	      "2026-01-03T12:00:00Z,Alice,view,nosuchdoc\n", f);
	fclose(f);
	assert_int_equal(lt_access_import(&n, v, csv), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "audit.csv:3: no document "
					       "'nosuchdoc'"));
	assert_int_equal(lt_access_record(v, "nosuchdoc", "A", "view", NULL),
			 LT_ENOTFOUND);
	assert_int_equal(lt_access_record(v, "memo", "A", "edit", NULL), LT_EUSAGE);
	assert_int_equal(lt_suspects(&r, v, one, 1), LT_OK);
	assert_int_equal(r->documents[0].access_events, 2);
	lt_suspects_result_free(r);
	{
		const char *unknown[] = {"memo", "nosuchdoc"};

		assert_int_equal(lt_suspects(&r, v, unknown, 2), LT_ENOTFOUND);
	}
	{
		/* The log itself is sound, but the documents, copies and
		 * sightings made by hand above have no events: 2 + 5 + 2. */
		lt_ledger_report *rep = verify(v);

		assert_int_equal(rep->entries, 2);
		assert_int_equal(rep->nproblems, 9);
		for (size_t i = 0; i < rep->nproblems; i++)
			assert_int_equal(rep->problems[i].kind, LT_PROBLEM_UNLOGGED);
		assert_non_null(strstr(rep->problems[0].message, "document memo"));
		assert_non_null(strstr(rep->problems[2].message, "copy c1-1 of memo "
						      "(to Alice"));
		assert_non_null(strstr(rep->problems[7].message, "sighting 1 of "
						      "memo (on discord"));
		lt_ledger_report_free(rep);
	}
	drop_vault(v);
}

/* Access times in any ISO 8601 form are stored as UTC "...Z", so that the
 * suspects query compares them with the first sighting as instants. */
static void test_access_time_forms(void **state)
{
	lt_vault *v = make_vault(0, 0);
	const char *one[] = {"memo"};
	lt_suspects_result *r;
	lt_event *ev;
	size_t n;
	char csv[300];
	FILE *f;

	(void)state;
	add_document(v, 1, "memo");
	ts_sql(v, "INSERT INTO recipients(rowid, name) VALUES(1,'Alice'),(2,'Bob'),"
	       "(3,'Carol')");
	add_copy(v, 1, 1, "2023-02-01T00:00:00Z");
	add_copy(v, 1, 2, "2023-02-01T00:00:00Z");
	add_copy(v, 1, 3, "2023-02-01T00:00:00Z");
	ts_sql(v, "INSERT INTO sightings(doc, platform, source, kind, similarity, "
	       "first_seen, posted_at) VALUES(1, 'discord', 'a.json', 'text', 1, "
	       "'2023-03-02T00:00:00Z', '2023-03-01T09:30:00Z')");
	/* 09:00 UTC, before the sighting; Bob's 10:00 UTC is after it. */
	assert_int_equal(lt_access_record(v, "memo", "Alice", "view",
					  "2023-03-01t10:00:00+0100"), LT_OK);
	assert_int_equal(lt_access_record(v, "memo", "Bob", "view",
					  "2023-03-01T10:00:00Z"), LT_OK);
	snprintf(csv, sizeof(csv), "%s/audit.csv", vault_dir);
	f = fopen(csv, "w");
	assert_non_null(f);
	fputs("time,user,action,document\n"
	      "\"2023-03-01 08:15:00,5\",Carol,print,memo\n", f);
	fclose(f);
	assert_int_equal(lt_access_import(&n, v, csv), LT_OK);
	assert_int_equal(lt_ledger_events(&ev, &n, v, 1, 0), LT_OK);
	assert_int_equal(n, 3);
	assert_non_null(strstr(ev[0].detail, "\"accessed_at\":\"2023-03-01T09:00:00Z\""));
	assert_non_null(strstr(ev[2].detail, "\"accessed_at\":\"2023-03-01T08:15:00Z\""));
	lt_events_free(ev, n);

	assert_int_equal(lt_suspects(&r, v, one, 1), LT_OK);
	assert_string_equal(r->documents[0].first_sighting, "2023-03-01T09:30:00Z");
	assert_int_equal(r->nsuspects, 2);
	assert_string_equal(r->suspects[0].recipient, "Alice");
	assert_string_equal(r->suspects[0].holdings[0].accesses[0].at,
			    "2023-03-01T09:00:00Z");
	assert_string_equal(r->suspects[1].recipient, "Carol");
	assert_int_equal(r->nexcluded, 1);
	assert_string_equal(r->excluded[0].recipient, "Bob");
	lt_suspects_result_free(r);
	drop_vault(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_format),
		cmocka_unit_test(test_seal_and_prove),
		cmocka_unit_test(test_one_signature_per_transaction),
		cmocka_unit_test(test_tamper_changed),
		cmocka_unit_test(test_tamper_deleted),
		cmocka_unit_test(test_tamper_reordered),
		cmocka_unit_test(test_tamper_forged_head),
		cmocka_unit_test(test_tamper_rewritten_hashes),
		cmocka_unit_test(test_signing_key),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_proof_parse_errors),
		cmocka_unit_test(test_suspects),
		cmocka_unit_test(test_access_time_forms),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
