/*
 * test_text.c - tests of decoding, tokenising, folding and edit distance
 * (leaktrace/text.h).
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

#include "leaktrace/buf.h"
#include "leaktrace/error.h"
#include "leaktrace/text.h"

/* Decode `len` bytes, expect success with encoding `enc` and text `want`. */
static void expect_decode(const char *data, size_t len, lt_encoding enc,
			  const char *want)
{
	lt_buf out = {0};
	lt_encoding got = (lt_encoding)-1;

	assert_int_equal(lt_text_decode(&out, data, len, &got), LT_OK);
	assert_int_equal(got, enc);
	assert_non_null(out.data);
	assert_int_equal(out.len, strlen(want));
	assert_int_equal(out.data[out.len], 0);
	assert_memory_equal(out.data, want, out.len);
	lt_buf_free(&out);
}

/* Decode, expect LT_EINPUT with `fragment` in the message, `out` intact. */
static void expect_decode_error(const char *data, size_t len,
				const char *fragment)
{
	lt_buf out = {0};

	assert_int_equal(lt_buf_puts(&out, "kept"), LT_OK);
	assert_int_equal(lt_text_decode(&out, data, len, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), fragment));
	assert_string_equal(out.data, "kept");
	lt_buf_free(&out);
}

static void test_decode_utf8(void **state)
{
	(void)state;
	expect_decode("Budget memo", 11, LT_ENC_UTF8, "Budget memo");
	expect_decode("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14,
		      LT_ENC_UTF8, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	expect_decode("", 0, LT_ENC_UTF8, "");
	/* BOM dropped, line endings kept. */
	expect_decode("\xef\xbb\xbf" "a\r\nb", 7, LT_ENC_UTF8_BOM, "a\r\nb");
	expect_decode("\xef\xbb\xbf", 3, LT_ENC_UTF8_BOM, "");
}

static void test_decode_utf16(void **state)
{
	/* "Hé€😀" */
	static const char le[] = "\xff\xfe" "H\0" "\xe9\0" "\xac\x20"
				 "\x3d\xd8\x00\xde";
	static const char be[] = "\xfe\xff" "\0H" "\0\xe9" "\x20\xac"
				 "\xd8\x3d\xde\x00";
	const char *want = "H\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";

	(void)state;
	expect_decode(le, sizeof(le) - 1, LT_ENC_UTF16LE, want);
	expect_decode(be, sizeof(be) - 1, LT_ENC_UTF16BE, want);
	expect_decode("\xff\xfe", 2, LT_ENC_UTF16LE, "");
	expect_decode("\xff\xfe\r\0\n\0", 6, LT_ENC_UTF16LE, "\r\n");
}

static void test_decode_utf16_errors(void **state)
{
	(void)state;
	expect_decode_error("\xff\xfe" "A\0B", 5, "odd number of bytes");
	/* Lone high surrogate at the end, then before a normal unit. */
	expect_decode_error("\xff\xfe" "A\0" "\x3d\xd8", 6,
			    "high surrogate at offset 4");
	expect_decode_error("\xff\xfe" "\x3d\xd8" "A\0", 6,
			    "high surrogate at offset 2");
	/* Lone low surrogate. */
	expect_decode_error("\xfe\xff" "\0A" "\0B" "\xdc\x00", 8,
			    "low surrogate at offset 6");
	expect_decode_error("\xff\xfe" "A\0\0\0", 6, "NUL character at offset 4");
}

static void test_decode_latin1(void **state)
{
	(void)state;
	expect_decode("caf\xe9", 4, LT_ENC_LATIN1, "caf\xc3\xa9");
	/* Windows-1252 quotes, euro, and an undefined byte. */
	expect_decode("\x93ok\x94 \x80 \x81", 8, LT_ENC_LATIN1,
		      "\xe2\x80\x9cok\xe2\x80\x9d \xe2\x82\xac \xef\xbf\xbd");
	/* Invalid UTF-8 of every kind falls back to Latin-1. */
	expect_decode("\xc0\xaf", 2, LT_ENC_LATIN1, "\xc3\x80\xc2\xaf");
	expect_decode("\xed\xa0\x80", 3, LT_ENC_LATIN1,
		      "\xc3\xad\xc2\xa0\xe2\x82\xac");
	expect_decode("\xf4\x90\x80\x80", 4, LT_ENC_LATIN1,
		      "\xc3\xb4\xef\xbf\xbd\xe2\x82\xac\xe2\x82\xac");
	expect_decode("ab\xc3", 3, LT_ENC_LATIN1, "ab\xc3\x83");
	expect_decode("\xa0", 1, LT_ENC_LATIN1, "\xc2\xa0");
}

static void test_decode_errors(void **state)
{
	(void)state;
	expect_decode_error("abc\0def", 7, "NUL byte at offset 3");
	expect_decode_error("\xef\xbb\xbf" "ab\xff", 6, "offset 5");
	/* BOM-less UTF-16 gets a hint. */
	expect_decode_error("H\0i\0", 4, "byte-order mark");
}

/* Write `len` bytes to a new file in `dir`; return its path (static). */
static const char *write_file(const char *dir, const char *name,
			      const void *data, size_t len)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static void test_read_file(void **state)
{
	char dir[] = "/tmp/lt_text_XXXXXX";
	char path[512];
	lt_buf out = {0};
	lt_encoding enc;

	(void)state;
	assert_non_null(mkdtemp(dir));
	strcpy(path, write_file(dir, "memo.txt", "\xff\xfe" "O\0K\0", 6));
	assert_int_equal(lt_text_read_file(&out, path, 0, &enc), LT_OK);
	assert_string_equal(out.data, "OK");
	assert_int_equal(enc, LT_ENC_UTF16LE);
	lt_buf_free(&out);

	/* Too large. */
	assert_int_equal(lt_text_read_file(&out, path, 4, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), path));
	assert_non_null(strstr(lt_error_message(), "too large"));

	/* Bad content: the message names the path and the offset. */
	strcpy(path, write_file(dir, "nul.txt", "ab\0", 3));
	assert_int_equal(lt_text_read_file(&out, path, 0, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), path));
	assert_non_null(strstr(lt_error_message(), "offset 2"));
	unlink(path);
	unlink(write_file(dir, "memo.txt", "", 0));

	/* A directory. */
	assert_int_equal(lt_text_read_file(&out, dir, 0, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "is a directory"));
	assert_non_null(strstr(lt_error_message(), dir));

	/* Missing. */
	snprintf(path, sizeof(path), "%s/missing.txt", dir);
	assert_int_equal(lt_text_read_file(&out, path, 0, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "missing.txt"));
	assert_non_null(strstr(lt_error_message(), "no such file"));
	assert_null(out.data);
	rmdir(dir);
}

/* Tokenise a NUL-terminated string. */
static lt_tokens *tok(const char *s)
{
	lt_tokens *t = NULL;

	assert_int_equal(lt_tokenize(&t, s, strlen(s)), LT_OK);
	assert_non_null(t);
	return t;
}

/* Check token i: source bytes, normalised form. */
static void expect_token(const lt_tokens *t, const char *src, size_t i,
			 const char *source, const char *norm)
{
	assert_true(i < t->n);
	assert_int_equal(t->tok[i].end - t->tok[i].start, strlen(source));
	assert_memory_equal(src + t->tok[i].start, source, strlen(source));
	assert_string_equal(lt_token_norm(t, i), norm);
	assert_int_equal(t->tok[i].norm_len, strlen(norm));
}

static void test_tokenize_basic(void **state)
{
	const char *s = "The U.S. Treasury\xe2\x80\x99s long-term plan: "
			"12,500 dollars (approx.)";
	lt_tokens *t = tok(s);

	(void)state;
	assert_int_equal(t->n, 12);
	expect_token(t, s, 0, "The", "the");
	expect_token(t, s, 1, "U", "u");
	expect_token(t, s, 2, "S", "s");
	expect_token(t, s, 3, "Treasury", "treasury");
	expect_token(t, s, 4, "s", "s");
	expect_token(t, s, 5, "long", "long");
	expect_token(t, s, 6, "term", "term");
	expect_token(t, s, 7, "plan", "plan");
	expect_token(t, s, 8, "12", "12");
	expect_token(t, s, 9, "500", "500");
	expect_token(t, s, 10, "dollars", "dollars");
	expect_token(t, s, 11, "approx", "approx");
	assert_int_equal(t->tok[0].start, 0);
	assert_int_equal(t->tok[3].start, 9);
	assert_int_equal(t->tok[4].start, 20); /* after the 3-byte apostrophe */
	assert_int_equal(t->tok[8].kind, LT_TOK_NUMBER);
	assert_int_equal(t->tok[7].kind, LT_TOK_WORD);
	/* Equal forms hash equally, different ones not. */
	assert_true(t->tok[2].hash == t->tok[4].hash);
	assert_true(t->tok[1].hash != t->tok[2].hash);
	lt_tokens_free(t);
}

static void test_tokenize_unicode(void **state)
{
	/* Precomposed and decomposed accents, a ligature, Greek, full-width
	 * digits, a soft hyphen inside a word, an en dash between words. */
	const char *s = "D\xc3\xa9j\xc3\xa0 vu\xcc\x88 \xef\xac\x81nance "
			"\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 "
			"\xef\xbc\x91\xef\xbc\x92 " "infor\xc2\xadmation "
			"2019\xe2\x80\x93" "2020 \xc3\x89" "COLE";
	lt_tokens *t = tok(s);

	(void)state;
	assert_int_equal(t->n, 9);
	expect_token(t, s, 0, "D\xc3\xa9j\xc3\xa0", "deja");
	expect_token(t, s, 1, "vu\xcc\x88", "vu");
	expect_token(t, s, 2, "\xef\xac\x81nance", "finance");
	expect_token(t, s, 3, "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",
		     "\xce\xb1\xce\xb8\xce\xb7\xce\xbd\xce\xb1");
	expect_token(t, s, 4, "\xef\xbc\x91\xef\xbc\x92", "12");
	expect_token(t, s, 5, "infor\xc2\xadmation", "information");
	expect_token(t, s, 6, "2019", "2019");
	expect_token(t, s, 7, "2020", "2020");
	expect_token(t, s, 8, "\xc3\x89" "COLE", "ecole");
	assert_int_equal(t->tok[4].kind, LT_TOK_NUMBER);
	assert_true(t->tok[8].flags & LT_TOKF_CAPITAL);
	assert_true(t->tok[0].flags & LT_TOKF_CAPITAL);
	assert_false(t->tok[1].flags & LT_TOKF_CAPITAL);
	lt_tokens_free(t);
}

static void test_tokenize_flags(void **state)
{
	const char *s = "  First paragraph here.\nStill first.\n\n"
			"Second one\r\n \t\r\nthird one\n- \n\n* fourth "
			"\xe2\x80\xa9" "fifth";
	lt_tokens *t = tok(s);
	size_t i;
	const uint8_t want[] = {
		LT_TOKF_CAPITAL | LT_TOKF_PARA_START, 0, 0, LT_TOKF_CAPITAL, 0,
		LT_TOKF_CAPITAL | LT_TOKF_PARA_START, 0,
		LT_TOKF_PARA_START, 0, LT_TOKF_PARA_START, LT_TOKF_PARA_START
	};

	(void)state;
	assert_int_equal(t->n, sizeof(want));
	for (i = 0; i < t->n; i++)
		assert_int_equal(t->tok[i].flags, want[i]);
	lt_tokens_free(t);
}

static void test_tokenize_edges(void **state)
{
	lt_tokens *t = tok("");
	char *big;
	size_t i;

	(void)state;
	assert_int_equal(t->n, 0);
	assert_string_equal(lt_token_norm(t, 0), "");
	lt_tokens_free(t);
	t = tok(" ,.;\xe2\x80\x94 ");
	assert_int_equal(t->n, 0);
	lt_tokens_free(t);
	/* A stray combining mark alone is a token with an empty form. */
	t = tok(" \xcc\x81 ");
	assert_int_equal(t->n, 1);
	assert_string_equal(lt_token_norm(t, 0), "");
	lt_tokens_free(t);
	/* A huge run is cut into pieces that cover it. */
	big = malloc(5000);
	assert_non_null(big);
	memset(big, 'a', 4999);
	big[4999] = '\0';
	t = tok(big);
	assert_true(t->n >= 5);
	assert_int_equal(t->tok[0].start, 0);
	for (i = 1; i < t->n; i++)
		assert_int_equal(t->tok[i].start, t->tok[i - 1].end);
	assert_int_equal(t->tok[t->n - 1].end, 4999);
	lt_tokens_free(t);
	free(big);
	/* Invalid UTF-8 does not crash (bytes separate tokens). */
	t = tok("ab\xff" "cd\xc3");
	assert_int_equal(t->n, 2);
	lt_tokens_free(t);
	lt_tokens_free(NULL);
}

/* Fold and compare. */
static void expect_fold(const char *in, unsigned flags, const char *want)
{
	lt_buf out = {0};

	assert_int_equal(lt_text_fold(&out, in, strlen(in), flags), LT_OK);
	assert_non_null(out.data);
	assert_string_equal(out.data, want);
	lt_buf_free(&out);
}

static void test_fold(void **state)
{
	(void)state;
	expect_fold("\xe2\x80\x9cIt\xe2\x80\x99s\xe2\x80\x9d \xe2\x80\x98ok"
		    "\xe2\x80\x99 \xe2\x80\x9e\xe2\x80\x9f\xe2\x80\x9a\xe2\x80"
		    "\x9b\xe2\x80\xb2\xe2\x80\xb3",
		    LT_FOLD_PUNCT, "\"It's\" 'ok' \"\"'''\"");
	expect_fold("a\xe2\x80\x93" "b\xe2\x80\x94" "c--d---e\xe2\x88\x92" "1 "
		    "f\xe2\x80\x90g\xe2\x80\x91h\xe2\x80\x92i\xe2\x80\x95j",
		    LT_FOLD_PUNCT, "a-b-c-d-e-1 f-g-h-i-j");
	expect_fold("wait\xe2\x80\xa6", LT_FOLD_PUNCT, "wait...");
	expect_fold("  a\xc2\xa0\xc2\xa0" "b\xe2\x80\xaf" "c\xe2\x80\x87" ""
		    "d\xe2\x80\x89\xe2\x80\x8a" "e\t\r\nf  ",
		    LT_FOLD_SPACE, "a b c d e f");
	expect_fold("in\xe2\x80\x8bvis\xe2\x80\x8c" "ib\xe2\x80\x8dle\xe2\x81\xa0"
		    "\xef\xbb\xbf!", LT_FOLD_SPACE, "invisible!");
	expect_fold("\xe2\x80\x83\n\n", LT_FOLD_SPACE, "");
	expect_fold("Stra\xc3\x9f" "e \xc3\x89T\xc3\x89", LT_FOLD_CASE,
		    "strasse \xc3\xa9t\xc3\xa9");
	expect_fold("Caf\xc3\xa9 na\xc3\xafve", LT_FOLD_MARKS, "Cafe naive");
	expect_fold("\xe2\x80\x9c" "Caf\xc3\xa9\xe2\x80\x9d \xe2\x80\x94  X",
		    LT_FOLD_CASE | LT_FOLD_PUNCT | LT_FOLD_SPACE | LT_FOLD_MARKS,
		    "\"cafe\" - x");
	/* No flags: unchanged. */
	expect_fold("A \xe2\x80\x9c" "b\xe2\x80\x9d", 0, "A \xe2\x80\x9c" "b\xe2\x80\x9d");
	/* Invalid input is not a crash. */
	expect_fold("A\xff", LT_FOLD_CASE, "a\xef\xbf\xbd");
	expect_fold("", LT_FOLD_SPACE | LT_FOLD_CASE, "");
}

static void test_edit_distance(void **state)
{
	char a[300], b[300];

	(void)state;
	assert_int_equal(lt_edit_distance("kitten", 6, "sitting", 7, 10), 3);
	assert_int_equal(lt_edit_distance("kitten", 6, "sitting", 7, 2), 3);
	assert_int_equal(lt_edit_distance("kitten", 6, "sitting", 7, 3), 3);
	assert_int_equal(lt_edit_distance("", 0, "abc", 3, 10), 3);
	assert_int_equal(lt_edit_distance("abc", 3, "", 0, 1), 2);
	assert_int_equal(lt_edit_distance("same", 4, "same", 4, 0), 0);
	assert_int_equal(lt_edit_distance("same", 4, "sane", 4, 0), 1);
	assert_int_equal(lt_edit_distance("ab", 2, "ba", 2, 5), 2);
	/* Code points, not bytes. */
	assert_int_equal(lt_edit_distance("caf\xc3\xa9", 5, "cafe", 4, 5), 1);
	assert_int_equal(lt_edit_distance("\xe2\x82\xac", 3, "$", 1, 5), 1);
	/* Far apart: early exit gives limit+1. */
	assert_int_equal(lt_edit_distance("department", 10, "xyzxyzxyzx", 10,
					  2), 3);
	assert_int_equal(lt_edit_distance("department", 10, "apartment", 9,
					  (size_t)-1), 2);
	/* Long strings (heap rows). */
	memset(a, 'x', 299);
	memcpy(b, a, 299);
	a[299] = b[299] = '\0';
	b[150] = 'y';
	b[10] = 'z';
	assert_int_equal(lt_edit_distance(a, 299, b, 299, 5), 2);
	assert_int_equal(lt_edit_distance(a, 299, b, 298, 5), 3);
	assert_int_equal(lt_edit_distance(a, 299, b, 299, 1), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_utf8),
		cmocka_unit_test(test_decode_utf16),
		cmocka_unit_test(test_decode_utf16_errors),
		cmocka_unit_test(test_decode_latin1),
		cmocka_unit_test(test_decode_errors),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_tokenize_basic),
		cmocka_unit_test(test_tokenize_unicode),
		cmocka_unit_test(test_tokenize_flags),
		cmocka_unit_test(test_tokenize_edges),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_edit_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
