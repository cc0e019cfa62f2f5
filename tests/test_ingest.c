/*
 * test_ingest.c - the export readers on the shared samples (field values,
 * text arrays, the missing-media phrase, the X prefix), whole-account
 * Telegram exports, folders, a generated large export, and every kind of
 * broken input with its message; then hostile exports: attachments that
 * lead out of the export, FIFOs, broken parts of a dump, huge messages.
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

#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/ingest.h"
#include "spread/ingest_internal.h"
#include "support/support.h"

#define MAX_KEPT 8

/* What the callback saw: a count and copies of the first few messages. */
typedef struct seen {
	size_t n;
	char *platform[MAX_KEPT], *channel[MAX_KEPT], *author[MAX_KEPT];
	char *posted_at[MAX_KEPT], *url[MAX_KEPT], *id[MAX_KEPT];
	char *text[MAX_KEPT], *att[MAX_KEPT];
	size_t natt[MAX_KEPT];
	char last_id[64];
} seen;

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int collect(void *ctx, const lt_message *m)
{
	seen *s = ctx;

	if (s->n < MAX_KEPT) {
		s->platform[s->n] = sdup(m->platform);
		s->channel[s->n] = sdup(m->channel);
		s->author[s->n] = sdup(m->author);
		s->posted_at[s->n] = sdup(m->posted_at);
		s->url[s->n] = sdup(m->url);
		s->id[s->n] = sdup(m->id);
		s->text[s->n] = strndup(m->text, m->text_len);
		s->att[s->n] = m->nattachments ? sdup(m->attachments[0]) : NULL;
		s->natt[s->n] = m->nattachments;
	}
	snprintf(s->last_id, sizeof(s->last_id), "%s", m->id);
	s->n++;
	return LT_OK;
}

static void seen_free(seen *s)
{
	size_t i;

	for (i = 0; i < MAX_KEPT; i++) {
		free(s->platform[i]);
		free(s->channel[i]);
		free(s->author[i]);
		free(s->posted_at[i]);
		free(s->url[i]);
		free(s->id[i]);
		free(s->text[i]);
		free(s->att[i]);
	}
	memset(s, 0, sizeof(*s));
}

/* The shared exports folder; the tests fail clearly without it. */
static const char *exports_dir(void)
{
	return ts_shared_data("exports");
}

static char *sample(const char *rel)
{
	static char path[8192];

	snprintf(path, sizeof(path), "%s/%s", exports_dir(), rel);
	return path;
}

static int read_mem(lt_source_kind kind, const char *json, seen *s,
		    lt_ingest_stats *st)
{
	return lt_ingest_memory(kind, "mem.json", "/base", json, strlen(json),
				collect, s, st);
}

/* ---------------------------------------------------------------------
 * Samples
 * ------------------------------------------------------------------- */

static void test_discord_sample(void **state)
{
	lt_source_kind kind;
	lt_ingest_stats st = {0};
	seen s = {0};

	(void)state;
	assert_int_equal(lt_ingest_detect(&kind, sample("discord-channel.json")),
			 LT_OK);
	assert_int_equal(kind, LT_SOURCE_DISCORD);
	assert_int_equal(lt_ingest_path(sample("discord-channel.json"), collect,
					&s, &st), LT_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(st.messages, 3);
	assert_int_equal(st.files, 1);
	assert_string_equal(s.platform[0], "discord");
	assert_string_equal(s.channel[0], "general");
	assert_string_equal(s.author[0], "og_user");
	assert_string_equal(s.id[0], "1080223640436727838");
	assert_string_equal(s.posted_at[0], "2023-03-01T17:02:44Z");
	assert_string_equal(s.url[0], "https://discord.com/channels/"
			    "1046107406476939264/1046107406988632064/"
			    "1080223640436727838");
	assert_string_equal(s.text[0], "new docs, don't share outside the server");
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "/general-1046107406988632064.json_Files/"
			       "IMG_2031-8F2C1.jpg"));
	assert_int_equal(s.natt[1], 0);
	assert_non_null(strstr(s.text[2], "typing it out:\nThe assessment notes"));
	seen_free(&s);
}

static void test_telegram_sample(void **state)
{
	lt_source_kind kind;
	lt_ingest_stats st = {0};
	seen s = {0};

	(void)state;
	assert_int_equal(lt_ingest_detect(&kind, sample("telegram-channel")), LT_OK);
	assert_int_equal(kind, LT_SOURCE_TELEGRAM);
	assert_int_equal(lt_ingest_path(sample("telegram-channel"), collect, &s,
					&st), LT_OK);
	assert_int_equal(s.n, 4);        /* the service message is skipped */
	assert_int_equal(st.skipped, 1);
	assert_string_equal(s.platform[0], "telegram");
	assert_string_equal(s.channel[0], "Frontline Files");
	assert_string_equal(s.author[0], "Frontline Files");
	assert_string_equal(s.id[0], "2");
	/* date_unixtime, not the local `date` */
	assert_string_equal(s.posted_at[0], "2023-04-05T21:10:40Z");
	assert_null(s.url[0]);
	/* strings and entity objects, concatenated */
	assert_string_equal(s.text[0], "Slides circulating since yesterday. "
			    "Authenticity unverified. More in the thread "
			    "https://t.me/frontlinefiles/3");
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "telegram-channel/photos/"
			       "photo_1@05-04-2023_21-10-40.jpg"));
	/* "(File not included...)" means no attachment */
	assert_string_equal(s.id[2], "4");
	assert_int_equal(s.natt[2], 0);
	assert_string_equal(s.text[3], "Casualty figures on this copy differ from "
			    "the one on @osint_desk \xe2\x80\x94 someone edited "
			    "them. Compare before sharing.");
	seen_free(&s);
}

static void test_x_sample(void **state)
{
	lt_source_kind kind;
	lt_ingest_stats st = {0};
	seen s = {0};

	(void)state;
	assert_int_equal(lt_ingest_detect(&kind, sample("x-archive")), LT_OK);
	assert_int_equal(kind, LT_SOURCE_X);
	assert_int_equal(lt_ingest_path(sample("x-archive"), collect, &s, &st),
			 LT_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.platform[0], "x");
	assert_string_equal(s.id[0], "1645061217651761152");
	assert_string_equal(s.posted_at[0], "2023-04-09T12:38:14Z");
	assert_string_equal(s.url[0], "https://x.com/i/status/1645061217651761152");
	assert_non_null(strstr(s.text[0], "air defense interceptor stocks"));
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "tweets_media/1645061217651761152-"
			       "FtWz1aBXsAIexample.jpg"));
	seen_free(&s);
	/* the data file itself works too */
	assert_int_equal(lt_ingest_path(sample("x-archive/data/tweets.js"), collect,
					&s, NULL), LT_OK);
	assert_int_equal(s.n, 1);
	seen_free(&s);
}

/* ---------------------------------------------------------------------
 * Version differences, in memory
 * ------------------------------------------------------------------- */

static void test_telegram_whole_account(void **state)
{
	const char *json =
		"{\"about\":\"x\",\"personal_information\":{\"first_name\":\"A\"},"
		"\"chats\":{\"about\":\"y\",\"list\":["
		"{\"name\":\"Alice\",\"type\":\"personal_chat\",\"id\":11,"
		"\"messages\":[{\"id\":1,\"type\":\"message\",\"date\":"
		"\"2023-01-01T10:00:00\",\"date_unixtime\":\"1672567200\","
		"\"from\":\"Alice\",\"text\":\"hello\",\"text_entities\":[]}]},"
		"{\"name\":\"Leaks\",\"username\":\"leakchan\",\"type\":"
		"\"public_channel\",\"id\":12,\"messages\":["
		"{\"id\":7,\"type\":\"message\",\"date\":\"2023-01-02T10:00:00\","
		"\"from\":null,\"text\":[{\"type\":\"bold\",\"text\":\"A\"},\"B\"],"
		"\"file\":\"files/x.txt\",\"unknown_field\":{\"deep\":[1,2]}}]}]},"
		"\"left_chats\":{\"list\":[{\"name\":\"Gone\",\"messages\":["
		"{\"id\":3,\"type\":\"message\",\"date_unixtime\":\"0\",\"text\":\"\"}]}]}}";
	seen s = {0};

	(void)state;
	assert_int_equal(read_mem(LT_SOURCE_TELEGRAM, json, &s, NULL), LT_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.channel[0], "Alice");
	assert_string_equal(s.posted_at[0], "2023-01-01T10:00:00Z");
	assert_null(s.url[0]);
	assert_string_equal(s.channel[1], "Leaks");
	assert_null(s.author[1]);
	assert_string_equal(s.text[1], "AB");
	assert_string_equal(s.url[1], "https://t.me/leakchan/7");
	/* no date_unixtime: the local date, taken as UTC */
	assert_string_equal(s.posted_at[1], "2023-01-02T10:00:00Z");
	assert_string_equal(s.att[1], "/base/files/x.txt");
	assert_string_equal(s.channel[2], "Gone");
	assert_string_equal(s.posted_at[2], "1970-01-01T00:00:00Z");
	seen_free(&s);
}

static void test_x_versions(void **state)
{
	/* old archives: no {"tweet": ...} wrapper, "text", other prefix */
	const char *old = "window.YTD.tweet.part0 = [ {\"id_str\":\"5\","
			  "\"text\":\"old tweet\",\"created_at\":"
			  "\"Mon Jan 02 23:30:00 -0130 2017\"} ]";
	const char *bare = "[{\"tweet\":{\"id\":\"6\",\"full_text\":\"bare\"}}]";
	seen s = {0};

	(void)state;
	assert_int_equal(read_mem(LT_SOURCE_X, old, &s, NULL), LT_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "old tweet");
	assert_string_equal(s.posted_at[0], "2017-01-03T01:00:00Z");
	assert_string_equal(s.url[0], "https://x.com/i/status/5");
	seen_free(&s);
	assert_int_equal(read_mem(LT_SOURCE_X, bare, &s, NULL), LT_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "bare");
	seen_free(&s);
}

static void test_discord_versions(void **state)
{
	/* numeric ids, a DM (guild 0), fields in another order, web URLs for
	 * attachments that were not downloaded, null content */
	const char *json =
		"{\"messages\":[{\"content\":null,\"id\":42,\"author\":{\"nickname\":"
		"\"Nick\"},\"attachments\":[{\"url\":\"https://cdn.x/a.png\"}],"
		"\"timestamp\":\"2023-03-01T17:02:44+02:00\"}],"
		"\"guild\":{\"id\":\"0\",\"name\":\"Direct Messages\"},"
		"\"channel\":{\"id\":\"9\",\"name\":\"dm\"}}";
	const char *dm =
		"{\"guild\":{\"id\":\"0\"},\"channel\":{\"id\":\"9\",\"name\":\"dm\"},"
		"\"messages\":[{\"id\":\"1\",\"content\":\"x\\u0000y\\udc00z\"}]}";
	seen s = {0};

	(void)state;
	assert_int_equal(read_mem(LT_SOURCE_DISCORD, json, &s, NULL), LT_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.id[0], "42");
	assert_string_equal(s.author[0], "Nick");
	assert_string_equal(s.text[0], "");
	assert_int_equal(s.natt[0], 0);
	assert_string_equal(s.posted_at[0], "2023-03-01T15:02:44Z");
	assert_null(s.url[0]); /* channel ids came after the message */
	seen_free(&s);
	assert_int_equal(read_mem(LT_SOURCE_DISCORD, dm, &s, NULL), LT_OK);
	assert_string_equal(s.url[0], "https://discord.com/channels/@me/9/1");
	/* escaped NUL and lone surrogate made safe for the tokeniser */
	assert_int_equal(s.text[0][0], 'x');
	assert_non_null(strchr(s.text[0], 'z'));
	seen_free(&s);
}

static void test_times(void **state)
{
	char out[32];

	(void)state;
	assert_int_equal(lt_ingest_time_iso(out, "2023-03-01T17:02:44.117+00:00", 29), 0);
	assert_string_equal(out, "2023-03-01T17:02:44Z");
	assert_int_equal(lt_ingest_time_iso(out, "2023-03-01T00:30:00-05:30", 25), 0);
	assert_string_equal(out, "2023-03-01T06:00:00Z");
	assert_int_equal(lt_ingest_time_iso(out, "2023-03-01", 10), -1);
	assert_int_equal(lt_ingest_time_iso(out, "2023-13-01T00:00:00Z", 20), -1);
	assert_int_equal(lt_ingest_time_unix(out, "1680729040", 10), 0);
	assert_string_equal(out, "2023-04-05T21:10:40Z");
	assert_int_equal(lt_ingest_time_unix(out, "12a", 3), -1);
	assert_int_equal(lt_ingest_time_twitter(out, "Sun Apr 09 12:38:14 +0000 2023", 30),
			 0);
	assert_string_equal(out, "2023-04-09T12:38:14Z");
	assert_int_equal(lt_ingest_time_twitter(out, "Sun Foo 09 12:38:14 +0000 2023", 30),
			 -1);
}

/* ---------------------------------------------------------------------
 * Broken input
 * ------------------------------------------------------------------- */

/* Reading must fail with LT_EINPUT and a message holding `what`. */
static void broken(lt_source_kind kind, const char *json, const char *what)
{
	seen s = {0};
	int rc = read_mem(kind, json, &s, NULL);

	if (rc != LT_EINPUT || !strstr(lt_error_message(), what) ||
	    !strstr(lt_error_message(), "mem.json: byte "))
		fail_msg("input %s: rc %d, message '%s', wanted '%s'", json, rc,
			 lt_error_message(), what);
	seen_free(&s);
}

static void test_broken_inputs(void **state)
{
	(void)state;
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"id\":\"1\",\"content\":\"ab",
	       "truncated JSON");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"id\":\"1\"}", "truncated JSON");
	broken(LT_SOURCE_DISCORD, "", "empty");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":\"\xff\xfe\"}]}",
	       "invalid UTF-8");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":12}]}",
	       "\"content\" must be a string");
	broken(LT_SOURCE_DISCORD, "{\"messages\":{\"a\":1}}",
	       "\"messages\" must be an array");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[\"hello\"]}",
	       "a message must be a JSON object");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"author\":\"bob\"}]}",
	       "\"author\" must be an object");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"attachments\":{}}]}",
	       "\"attachments\" must be an array");
	broken(LT_SOURCE_DISCORD, "[1,2]", "is a JSON object");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"id\":\"1\",}]}",
	       "malformed JSON");
	broken(LT_SOURCE_DISCORD, "{\"a\":1} {\"b\":2}", "malformed JSON");
	broken(LT_SOURCE_TELEGRAM, "{\"messages\":[{\"id\":1,\"text\":5}]}",
	       "\"text\" must be a string or an array");
	broken(LT_SOURCE_TELEGRAM, "{\"messages\":[{\"id\":1,\"text\":[7]}]}",
	       "a part of \"text\" must be a string or an object");
	broken(LT_SOURCE_TELEGRAM, "{\"messages\":[{\"id\":{},\"text\":\"\"}]}",
	       "\"id\" must be a number");
	broken(LT_SOURCE_X, "hello = [", "not an X archive");
	broken(LT_SOURCE_X, "window.YTD.tweets.part0 = [ {\"tweet\":{\"id_str\":",
	       "truncated JSON");
	broken(LT_SOURCE_X, "window.YTD.tweets.part0 = {}", "JSON array");
	broken(LT_SOURCE_X, "[{\"tweet\":[]}]", "\"tweet\" must be an object");
	broken(LT_SOURCE_X, "[{\"tweet\":{\"full_text\":1}}]",
	       "tweet text must be a string");
	/* cut inside an escape or a UTF-8 sequence: still "truncated" */
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":\"ab\\u00",
	       "truncated JSON");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":\"ab\\u",
	       "truncated JSON");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":\"ab\\",
	       "truncated JSON");
	broken(LT_SOURCE_DISCORD, "{\"messages\":[{\"content\":\"ab\xc3",
	       "truncated JSON");
}

static void test_broken_names_line(void **state)
{
	seen s = {0};

	(void)state;
	assert_int_equal(read_mem(LT_SOURCE_DISCORD, "{\n\"messages\": [\n{\"content\""
				  ": 3}\n]}", &s, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "(line 3)"));
	seen_free(&s);
}

static void test_deep_nesting(void **state)
{
	char json[400];
	seen s = {0};
	int i;

	(void)state;
	strcpy(json, "{\"messages\":[{\"x\":");
	for (i = 0; i < 100; i++)
		strcat(json, "[");
	assert_int_equal(read_mem(LT_SOURCE_DISCORD, json, &s, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "nested deeper"));
	seen_free(&s);
}

static int stop_at_two(void *ctx, const lt_message *m)
{
	(void)m;
	if (++*(int *)ctx == 2)
		return lt_error_set(LT_EUSAGE, "enough");
	return LT_OK;
}

static void test_callback_stops(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(lt_ingest_path(sample("discord-channel.json"), stop_at_two,
					&n, NULL), LT_EUSAGE);
	assert_int_equal(n, 2);
}

/* ---------------------------------------------------------------------
 * Files on disk: generated exports and folders
 * ------------------------------------------------------------------- */

static char scratch[160];

static int setup(void **state)
{
	(void)state;
	return ts_tmpdir(scratch, sizeof(scratch), "ingest");
}

static int teardown(void **state)
{
	(void)state;
	return ts_rmdir(scratch);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_generated_discord(void **state)
{
	char path[256];
	lt_ingest_stats st = {0};
	seen s = {0};
	FILE *f;
	int i;

	(void)state;
	snprintf(path, sizeof(path), "%s/big.json", scratch);
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "{\"guild\":{\"id\":\"1\",\"name\":\"G\"},\"channel\":{\"id\":"
		"\"2\",\"name\":\"c\"},\"messages\":[\n");
	for (i = 0; i < 50000; i++)
		fprintf(f, "%s{\"id\":\"%d\",\"type\":\"Default\",\"timestamp\":"
			"\"2023-03-01T17:02:44.117+00:00\",\"content\":\"message "
			"number %d with some words in it\",\"author\":{\"id\":\"7\","
			"\"name\":\"user%d\",\"roles\":[]},\"attachments\":[],"
			"\"reactions\":[]}\n", i ? "," : "", i, i, i % 100);
	fprintf(f, "],\"messageCount\":50000}\n");
	fclose(f);
	assert_int_equal(lt_ingest_path(path, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 50000);
	assert_string_equal(s.last_id, "49999");
	assert_string_equal(s.author[3], "user3");
	seen_free(&s);
	/* the same file cut short */
	assert_int_equal(truncate(path, 1000000), 0);
	assert_int_equal(lt_ingest_path(path, collect, &s, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "big.json: byte "));
	assert_non_null(strstr(lt_error_message(), "truncated JSON"));
	seen_free(&s);
}

static void test_folder(void **state)
{
	char dir[256], path[300];
	lt_ingest_stats st = {0};
	lt_source_kind kind;
	seen s = {0};

	(void)state;
	snprintf(dir, sizeof(dir), "%s/dump", scratch);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/sub", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/a.txt", dir);
	write_file(path, "alpha text");
	snprintf(path, sizeof(path), "%s/sub/b.md", dir);
	write_file(path, "# beta");
	snprintf(path, sizeof(path), "%s/sub/c.bin", dir);
	write_file(path, "zzz");
	snprintf(path, sizeof(path), "%s/photo.jpg", dir);
	write_file(path, "not really a jpeg");
	snprintf(path, sizeof(path), "%s/other.json", dir);
	write_file(path, "{\"neither\":1}");
	assert_int_equal(lt_ingest_detect(&kind, dir), LT_OK);
	assert_int_equal(kind, LT_SOURCE_FOLDER);
	assert_int_equal(lt_ingest_path(dir, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(st.skipped, 2);
	assert_string_equal(s.platform[0], "file");
	assert_string_equal(s.id[0], "a.txt");
	assert_string_equal(s.channel[0], ".");
	assert_string_equal(s.text[0], "alpha text");
	assert_non_null(s.posted_at[0]);
	assert_string_equal(s.id[1], "photo.jpg");
	assert_int_equal(s.natt[1], 1);
	assert_string_equal(s.text[1], "");
	assert_string_equal(s.id[2], "sub/b.md");
	assert_string_equal(s.channel[2], "sub");
	seen_free(&s);
	/* a JSON file of no known shape given directly is an error */
	assert_int_equal(lt_ingest_path(path, collect, &s, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "no known export format"));
	seen_free(&s);
	assert_int_equal(lt_ingest_path("/nonexistent/x.json", collect, &s, NULL),
			 LT_EINPUT);
}

/* ---------------------------------------------------------------------
 * Hostile exports
 * ------------------------------------------------------------------- */

/* The notices a reader gave: how many, and the last one. */
typedef struct notices {
	size_t n;
	char last[1024];
} notices;

static void on_notice(void *ctx, const char *what)
{
	notices *t = ctx;

	t->n++;
	snprintf(t->last, sizeof(t->last), "%s", what);
}

static void make_dir(const char *fmt, const char *a)
{
	char path[512];

	snprintf(path, sizeof(path), fmt, scratch, a);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void put(const char *rel, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	write_file(path, text);
}

static void link_to(const char *target, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	assert_int_equal(symlink(target, path), 0);
}

static void fifo(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	assert_int_equal(mkfifo(path, 0600), 0);
}

/*
 * An export names files outside itself: by "..", by an absolute path,
 * through a symbolic link (to a file or to a folder on the way), or a
 * FIFO.  Only the file inside is handed on; the rest is refused, counted
 * and named, and a missing file is passed on as a path.
 */
static void test_attachments_confined(void **state)
{
	char json[4096], base[300], secret[300];
	lt_ingest_stats st = {0};
	notices nt = {0};
	seen s = {0};

	(void)state;
	make_dir("%s/conf%s", "");
	make_dir("%s/conf/%s", "exp");
	make_dir("%s/conf/%s", "exp/files");
	make_dir("%s/conf/%s", "outside");
	put("conf/outside/secret.txt", "the investigator's own copy");
	put("conf/exp/files/ok.txt", "inside");
	link_to("../../outside/secret.txt", "conf/exp/files/link.txt");
	link_to("../outside", "conf/exp/media");
	fifo("conf/exp/files/pipe.txt");
	snprintf(base, sizeof(base), "%s/conf/exp", scratch);
	snprintf(secret, sizeof(secret), "%s/conf/outside/secret.txt", scratch);
	st.notice = on_notice;
	st.notice_ctx = &nt;
	snprintf(json, sizeof(json),
		 "{\"name\":\"c\",\"messages\":["
		 "{\"id\":1,\"text\":\"a\",\"file\":\"files/ok.txt\"},"
		 "{\"id\":2,\"text\":\"b\",\"file\":\"../outside/secret.txt\"},"
		 "{\"id\":3,\"text\":\"c\",\"photo\":\"%s\"},"
		 "{\"id\":4,\"text\":\"d\",\"file\":\"files/link.txt\"},"
		 "{\"id\":5,\"text\":\"e\",\"file\":\"media/secret.txt\"},"
		 "{\"id\":6,\"text\":\"f\",\"file\":\"files/pipe.txt\"},"
		 "{\"id\":7,\"text\":\"g\",\"file\":\"files/../../outside/secret.txt\"},"
		 "{\"id\":8,\"text\":\"h\",\"file\":\"./files/missing.txt\"}]}",
		 secret);
	assert_int_equal(lt_ingest_memory(LT_SOURCE_TELEGRAM, "tg.json", base, json,
					  strlen(json), collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 8);
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "/exp/files/ok.txt"));
	for (int i = 1; i < 7; i++)
		assert_int_equal(s.natt[i], 0);
	assert_int_equal(s.natt[7], 1); /* missing: the scanner counts it */
	assert_int_equal(st.refused, 6);
	assert_int_equal(nt.n, 6);
	assert_non_null(strstr(nt.last, "tg.json: attachment \"files/../../outside"));
	assert_non_null(strstr(nt.last, "refused"));
	seen_free(&s);

	/* Discord: an absolute url and a "..". */
	memset(&st, 0, sizeof(st));
	snprintf(json, sizeof(json),
		 "{\"guild\":{\"id\":\"1\"},\"channel\":{\"id\":\"2\"},\"messages\":["
		 "{\"id\":\"1\",\"content\":\"x\",\"attachments\":[{\"url\":\"%s\"},"
		 "{\"url\":\"../outside/secret.txt\"},{\"url\":\"files/ok.txt\"}]}]}",
		 secret);
	assert_int_equal(lt_ingest_memory(LT_SOURCE_DISCORD, "d.json", base, json,
					  strlen(json), collect, &s, &st), LT_OK);
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "/exp/files/ok.txt"));
	assert_int_equal(st.refused, 2);
	seen_free(&s);
	/* Without a folder the names are still checked. */
	memset(&st, 0, sizeof(st));
	assert_int_equal(lt_ingest_memory(LT_SOURCE_DISCORD, "d.json", NULL, json,
					  strlen(json), collect, &s, &st), LT_OK);
	assert_int_equal(s.natt[0], 1);
	assert_string_equal(s.att[0], "files/ok.txt");
	assert_int_equal(st.refused, 2);
	seen_free(&s);
}

/* An X tweet id is spliced into a file name: it must be digits, and the
 * media folder must not be a link out of the archive. */
static void test_x_media_confined(void **state)
{
	const char *evil = "[{\"tweet\":{\"id_str\":\"../../../outside/budget\","
		"\"full_text\":\"t\",\"extended_entities\":{\"media\":[{"
		"\"media_url\":\"http://pbs/officer-6.txt\"}]}}}]";
	const char *good = "[{\"tweet\":{\"id_str\":\"42\",\"full_text\":\"t\","
		"\"extended_entities\":{\"media\":[{\"media_url_https\":"
		"\"https://pbs/a.jpg\"}]}}}]";
	char data[300], moved[320];
	lt_ingest_stats st = {0};
	notices nt = {0};
	seen s = {0};

	(void)state;
	make_dir("%s/xc%s", "");
	make_dir("%s/xc/%s", "outside");
	make_dir("%s/xc/%s", "arch");
	make_dir("%s/xc/%s", "arch/data");
	make_dir("%s/xc/%s", "arch/data/tweets_media");
	put("xc/outside/budget-officer-6.txt", "someone's copy");
	put("xc/arch/data/tweets_media/42-a.jpg", "jpeg");
	snprintf(data, sizeof(data), "%s/xc/arch/data", scratch);
	st.notice = on_notice;
	st.notice_ctx = &nt;
	assert_int_equal(lt_ingest_memory(LT_SOURCE_X, "tweets.js", data, evil,
					  strlen(evil), collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.natt[0], 0);
	assert_int_equal(st.refused, 1);
	assert_non_null(strstr(nt.last, "must be digits"));
	seen_free(&s);
	assert_int_equal(lt_ingest_memory(LT_SOURCE_X, "tweets.js", data, good,
					  strlen(good), collect, &s, &st), LT_OK);
	assert_int_equal(s.natt[0], 1);
	assert_non_null(strstr(s.att[0], "tweets_media/42-a.jpg"));
	seen_free(&s);
	/* tweets_media itself a link to a folder outside */
	snprintf(data, sizeof(data), "%s/xc/arch/data/tweets_media", scratch);
	snprintf(moved, sizeof(moved), "%s2", data);
	assert_int_equal(rename(data, moved), 0);
	link_to("../../outside", "xc/arch/data/tweets_media");
	put("xc/outside/42-a.jpg", "outside jpeg");
	snprintf(data, sizeof(data), "%s/xc/arch/data", scratch);
	memset(&st, 0, sizeof(st));
	assert_int_equal(lt_ingest_memory(LT_SOURCE_X, "tweets.js", data, good,
					  strlen(good), collect, &s, &st), LT_OK);
	assert_int_equal(s.natt[0], 0);
	assert_int_equal(st.refused, 1);
	seen_free(&s);
}

/* FIFOs never block a read: not as account.js, not in a folder, not
 * through the file reader. */
static void test_fifos_refused(void **state)
{
	char path[300];
	lt_ingest_stats st = {0};
	lt_buf b = {0};
	seen s = {0};

	(void)state;
	alarm(30); /* a hang fails the test instead of blocking it */
	make_dir("%s/ff%s", "");
	make_dir("%s/ff/%s", "data");
	put("ff/data/tweets.js", "window.YTD.tweets.part0 = [{\"tweet\":"
	    "{\"id_str\":\"1\",\"full_text\":\"hello\"}}]");
	fifo("ff/data/account.js");
	fifo("ff/pipe.txt");
	put("ff/note.txt", "a note");
	snprintf(path, sizeof(path), "%s/ff/data/account.js", scratch);
	assert_int_equal(lt_file_read(&b, path, 0), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "account.js: not a regular "
			       "file (a FIFO"));
	lt_buf_free(&b);
	snprintf(path, sizeof(path), "%s/ff", scratch);
	assert_int_equal(lt_ingest_path(path, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 1);
	assert_null(s.author[0]);
	seen_free(&s);
	/* the same files as a plain folder: the FIFO is refused */
	snprintf(path, sizeof(path), "%s/ff/data/tweets.js", scratch);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/ff", scratch);
	assert_int_equal(lt_ingest_path(path, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.id[0], "note.txt");
	assert_int_equal(st.refused, 2);
	seen_free(&s);
	alarm(0);
}

/* A dump with a broken export, a branch too deep and a symbolic link:
 * each passed over and counted, the rest read. */
static void test_dump_passes_over(void **state)
{
	char path[8192], dir[300];
	lt_ingest_stats st = {0};
	notices nt = {0};
	seen s = {0};
	int i, n = 0;

	(void)state;
	make_dir("%s/dump2%s", "");
	put("dump2/a.txt", "first");
	put("dump2/broken.json", "{\"guild\":{\"id\":\"1\"},\"channel\":{\"id\":"
	    "\"2\"},\"messages\":[{\"id\":\"1\",\"content\":\"cut");
	make_dir("%s/dump2/%s", "z");
	put("dump2/z/last.txt", "last");
	link_to("../a.txt", "dump2/z/link.txt");
	snprintf(path, sizeof(path), "%s/dump2/deep", scratch);
	assert_int_equal(mkdir(path, 0700), 0);
	for (i = 0; i < 70; i++) {
		strcat(path, "/d");
		assert_int_equal(mkdir(path, 0700), 0);
	}
	strcat(path, "/x.txt");
	write_file(path, "too deep");
	snprintf(dir, sizeof(dir), "%s/dump2", scratch);
	st.notice = on_notice;
	st.notice_ctx = &nt;
	assert_int_equal(lt_ingest_path(dir, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.id[0], "a.txt");
	assert_string_equal(s.id[1], "z/last.txt");
	assert_int_equal(st.unreadable, 2);
	assert_int_equal(st.refused, 1);
	assert_int_equal(nt.n, 3);
	seen_free(&s);
	/* the broken export given directly is still an error */
	snprintf(path, sizeof(path), "%s/dump2/broken.json", scratch);
	assert_int_equal(lt_ingest_path(path, collect, &s, NULL), LT_EINPUT);
	assert_non_null(strstr(lt_error_message(), "broken.json: byte "));
	seen_free(&s);
	/* the callback's own error still stops the walk */
	assert_int_equal(lt_ingest_path(dir, stop_at_two, &n, NULL), LT_EUSAGE);
	assert_int_equal(n, 2);
}

/* One huge message: its text is cut to LT_INGEST_MAX_TEXT, counted. */
static void test_huge_message_cut(void **state)
{
	size_t big = LT_INGEST_MAX_TEXT + (1u << 20), i, len;
	char *json = malloc(big + 256);
	lt_ingest_stats st = {0};
	notices nt = {0};
	seen s = {0};

	(void)state;
	assert_non_null(json);
	len = (size_t)sprintf(json, "{\"messages\":[{\"id\":\"9\",\"content\":\"");
	for (i = 0; i < big; i += 2) { /* two-byte characters: a cut must not
					  split one */
		json[len++] = '\xc3';
		json[len++] = '\xa9';
	}
	len += (size_t)sprintf(json + len, "\"},{\"id\":\"10\",\"content\":"
			       "\"small\"}]}");
	st.notice = on_notice;
	st.notice_ctx = &nt;
	assert_int_equal(lt_ingest_memory(LT_SOURCE_DISCORD, "big.json", NULL,
					  json, len, collect, &s, &st), LT_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(strlen(s.text[0]), LT_INGEST_MAX_TEXT);
	assert_string_equal(s.text[1], "small");
	assert_int_equal(st.truncated, 1);
	assert_non_null(strstr(nt.last, "big.json: message \"9\": text of "));
	assert_non_null(strstr(nt.last, "cut to the first 8 MiB"));
	seen_free(&s);
	free(json);
	/* Telegram text arrays are cut the same way */
	json = malloc(2 * big + 256);
	assert_non_null(json);
	len = (size_t)sprintf(json, "{\"messages\":[{\"id\":1,\"text\":[\"");
	memset(json + len, 'a', big);
	len += big;
	len += (size_t)sprintf(json + len, "\",{\"type\":\"bold\",\"text\":\"");
	memset(json + len, 'b', big);
	len += big;
	len += (size_t)sprintf(json + len, "\"}]}]}");
	memset(&st, 0, sizeof(st));
	assert_int_equal(lt_ingest_memory(LT_SOURCE_TELEGRAM, "t.json", NULL,
					  json, len, collect, &s, &st), LT_OK);
	assert_int_equal(strlen(s.text[0]), LT_INGEST_MAX_TEXT);
	assert_int_equal(st.truncated, 1);
	seen_free(&s);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_discord_sample),
		cmocka_unit_test(test_telegram_sample),
		cmocka_unit_test(test_x_sample),
		cmocka_unit_test(test_telegram_whole_account),
		cmocka_unit_test(test_x_versions),
		cmocka_unit_test(test_discord_versions),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_broken_inputs),
		cmocka_unit_test(test_broken_names_line),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_generated_discord),
		cmocka_unit_test(test_folder),
		cmocka_unit_test(test_attachments_confined),
		cmocka_unit_test(test_x_media_confined),
		cmocka_unit_test(test_fifos_refused),
		cmocka_unit_test(test_dump_passes_over),
		cmocka_unit_test(test_huge_message_cut),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
