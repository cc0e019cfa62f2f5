/*
 * bench_scan.c - how fast and how lean scanning is.
 *
 * Prints (never asserts):
 *   - text messages matched per second on one core against 1,000 and
 *     10,000 registered documents (identification only: tokenise, band
 *     keys, index look-ups, alignment of candidates), on generated chat
 *     messages of which one in a thousand quotes a 50-word excerpt;
 *   - the same messages end to end through a generated DiscordChatExporter
 *     file (parsing, matching, tracing each sighting);
 *   - index build time (keys cached in the vault after the first scan) and
 *     index size;
 *   - peak resident memory of scanning a generated ~2 GB Discord export
 *     (smaller if the disk is short; deleted afterwards), in a child
 *     process so that the figure is the scan's own.
 *
 * Everything is generated from a fixed seed; run from the repository root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "bench.h"
#include "leaktrace/leaktrace.h"
#include "leaktrace/scan.h"

#define DOC_WORDS 300
#define MESSAGES 200000
#define BIG_TARGET (2ull << 30)

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static const char *const chat[] = {
	"the", "a", "to", "and", "of", "is", "it", "that", "you", "in", "for",
	"on", "this", "was", "lol", "what", "anyone", "know", "memo", "budget",
	"leak", "ministry", "report", "today", "yesterday", "server", "channel",
	"docs", "source", "fake", "real", "check", "link", "pdf", "photo",
	"office", "minister", "regional", "plans", "cost", "road", "projects",
	"think", "really", "why", "who", "posted", "share", "copy", "page",
	"numbers", "figures", "million", "percent", "staff", "meeting", "news"
};
#define NCHAT (sizeof(chat) / sizeof(chat[0]))

/* Word w of the documents' vocabulary (synthetic, 20,000 words). */
static void vocab(char *out, size_t n, unsigned w)
{
	static const char *const syl[] = {"ka", "lo", "mi", "ren", "sa", "tor",
					   "ve", "qu", "dan", "pel", "ix", "om",
					   "bre", "fa", "gi", "hu"};

	snprintf(out, n, "%s%s%s", syl[w % 16], syl[(w / 16) % 16],
		 syl[(w / 256) % 16]);
	if (w >= 4096)
		snprintf(out + strlen(out), n - strlen(out), "%s", syl[(w / 4096) % 16]);
}

/* Document d's text (deterministic from d). */
static void doc_text(lt_buf *b, unsigned d)
{
	uint64_t save = rng;
	char w[32];
	int i;

	rng = 0x9e3779b97f4a7c15ull * (d + 1);
	lt_buf_clear(b);
	for (i = 0; i < DOC_WORDS; i++) {
		vocab(w, sizeof(w), (unsigned)(next() % 20000));
		lt_buf_puts(b, w);
		lt_buf_puts(b, i % 15 == 14 ? ".\n" : " ");
	}
	rng = save;
}

static int register_docs(lt_vault *v, const char *dir, unsigned from,
			 unsigned to)
{
	char path[512], id[32];
	lt_buf b = {0};
	unsigned d;

	for (d = from; d < to; d++) {
		lt_document_info *info;
		FILE *f;

		doc_text(&b, d);
		snprintf(path, sizeof(path), "%s/doc%u.txt", dir, d);
		snprintf(id, sizeof(id), "doc%u", d);
		if (!(f = fopen(path, "w")))
			return -1;
		fwrite(b.data, 1, b.len, f);
		fclose(f);
		if (lt_document_register(&info, v, path, id, NULL)) {
			fprintf(stderr, "register: %s\n", lt_error_message());
			return -1;
		}
		lt_document_info_free(info);
		unlink(path);
	}
	lt_buf_free(&b);
	return 0;
}

/* Message i: chat, or (one in a thousand) chat around an excerpt. */
static void message(lt_buf *b, unsigned i, unsigned ndocs)
{
	unsigned n = 3 + next() % 28, k;

	lt_buf_clear(b);
	for (k = 0; k < n; k++) {
		lt_buf_puts(b, chat[next() % NCHAT]);
		lt_buf_putc(b, ' ');
	}
	if (i % 1000 == 999) {
		lt_buf doc = {0};
		const char *p;
		unsigned skip = next() % 200, words = 0;

		doc_text(&doc, (unsigned)(next() % ndocs));
		for (p = doc.data; skip && *p; p++)
			skip -= *p == ' ';
		for (; *p && words < 50; p++) {
			lt_buf_putc(b, *p == '\n' ? ' ' : *p);
			words += *p == ' ';
		}
		lt_buf_free(&doc);
	}
}

static void bench_identify(lt_scanner *s, unsigned ndocs)
{
	lt_buf b = {0};
	lt_scan_match m[4];
	size_t n, found = 0;
	double t0, t, busy = 0;
	unsigned i;

	rng = 77;
	for (i = 0; i < MESSAGES; i++) {
		message(&b, i, ndocs);
		t0 = now();
		if (lt_scanner_identify(s, b.data, b.len, m, 4, &n))
			fprintf(stderr, "identify: %s\n", lt_error_message());
		busy += now() - t0;
		found += n;
	}
	t = busy;
	printf("  identify: %u messages in %.2f s = %.0f messages/s per core "
	       "(%zu of %u planted excerpts found)\n", MESSAGES, t, MESSAGES / t,
	       found, MESSAGES / 1000);
	lt_buf_free(&b);
}

/* A DiscordChatExporter file of `count` messages (~`pad` bytes each). */
static int write_export(const char *path, unsigned count, unsigned ndocs,
			size_t pad, uint64_t max_bytes)
{
	FILE *f = fopen(path, "w");
	lt_buf b = {0};
	json_t *js;
	unsigned i;
	uint64_t written = 0;
	char *padding;

	if (!f || !(padding = malloc(pad + 1)))
		return -1;
	memset(padding, 'x', pad);
	padding[pad] = '\0';
	fprintf(f, "{\"guild\":{\"id\":\"1\",\"name\":\"G\"},\"channel\":{\"id\":"
		"\"2\",\"name\":\"general\"},\"messages\":[\n");
	rng = 77;
	for (i = 0; i < count && (!max_bytes || written < max_bytes); i++) {
		char *text;
		int n;

		message(&b, i, ndocs);
		js = json_stringn(b.data, b.len);
		text = json_dumps(js, JSON_ENCODE_ANY);
		n = fprintf(f, "%s{\"id\":\"%u\",\"type\":\"Default\",\"timestamp\":"
			    "\"2023-03-01T17:02:44.117+00:00\",\"content\":%s,"
			    "\"author\":{\"id\":\"%u\",\"name\":\"user%u\",\"roles\":"
			    "[],\"avatarUrl\":\"https://cdn.example/%s\"},"
			    "\"attachments\":[],\"reactions\":[]}\n", i ? "," : "",
			    i, text, i % 977, i % 977, padding);
		written += n > 0 ? (uint64_t)n : 0;
		free(text);
		json_decref(js);
	}
	fprintf(f, "]}\n");
	free(padding);
	lt_buf_free(&b);
	return fclose(f) == 0 ? (int)i : -1;
}

static void bench_export(lt_scanner *s, const char *dir, unsigned ndocs)
{
	char path[512];
	double t0, t;
	int n;

	snprintf(path, sizeof(path), "%s/export.json", dir);
	if ((n = write_export(path, MESSAGES, ndocs, 0, 0)) < 0)
		return;
	t0 = now();
	if (lt_scanner_scan(s, path))
		fprintf(stderr, "scan: %s\n", lt_error_message());
	t = now() - t0;
	printf("  end to end (Discord JSON, tracing each sighting): %d messages "
	       "in %.2f s = %.0f messages/s per core\n", n, t, n / t);
	unlink(path);
}

static void bench_docs(const char *vdir, const char *tmp, unsigned ndocs)
{
	lt_vault *v;
	lt_scanner *s;
	double t0, t1;

	if (lt_vault_open(&v, vdir)) {
		fprintf(stderr, "%s\n", lt_error_message());
		return;
	}
	t0 = now();
	if (lt_scanner_open(&s, v)) {
		fprintf(stderr, "%s\n", lt_error_message());
		lt_vault_close(v);
		return;
	}
	t1 = now() - t0;
	lt_scanner_commit(s); /* caches the band keys */
	lt_scanner_free(s);
	t0 = now();
	lt_scanner_open(&s, v);
	printf("%u documents: index built in %.2f s, %.2f s from the cache\n",
	       ndocs, t1, now() - t0);
	bench_identify(s, ndocs);
	bench_export(s, tmp, ndocs);
	lt_scanner_free(s);
	lt_vault_close(v);
}

/* Scan a big export in a child; print its peak RSS. */
static void bench_memory(const char *vdir, const char *tmp, unsigned ndocs)
{
	struct statvfs fs;
	struct rusage ru;
	char path[512];
	uint64_t target = BIG_TARGET, avail;
	double t0;
	pid_t pid;
	int status, n;

	snprintf(path, sizeof(path), "%s/big.json", tmp);
	if (statvfs(tmp, &fs) == 0) {
		avail = (uint64_t)fs.f_bavail * fs.f_frsize;
		if (avail / 2 < target) {
			target = avail / 2;
			printf("disk is short: writing %.2f GB instead of 2 GB\n",
			       target / 1e9);
		}
	}
	t0 = now();
	n = write_export(path, UINT32_MAX, ndocs, 700, target);
	if (n < 0) {
		printf("could not write the big export\n");
		unlink(path);
		return;
	}
	printf("big export: %d messages, %.2f GB written in %.1f s\n", n,
	       target / 1e9, now() - t0);
	fflush(stdout);
	t0 = now();
	if ((pid = fork()) == 0) {
		lt_vault *v;
		lt_scanner *s;
		int rc = lt_vault_open(&v, vdir) || lt_scanner_open(&s, v) ||
			 lt_scanner_scan(s, path);

		if (rc)
			fprintf(stderr, "%s\n", lt_error_message());
		_exit(rc ? 1 : 0);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		unlink(path);
		return;
	}
	printf("  scanned in %.1f s (%s); peak resident memory %.1f MB\n",
	       now() - t0, WIFEXITED(status) && !WEXITSTATUS(status) ? "ok"
								 : "FAILED",
	       ru.ru_maxrss / 1024.0);
	unlink(path);
}

int main(void)
{
	char tmp[] = "/tmp/lt-bench-scan-XXXXXX", vdir[600], cmd[700];
	lt_vault *v;
	double t0;

	if (!mkdtemp(tmp))
		return 1;
	snprintf(vdir, sizeof(vdir), "%s/vault", tmp);
	if (lt_vault_init(vdir) || lt_vault_open(&v, vdir)) {
		fprintf(stderr, "%s\n", lt_error_message());
		return 1;
	}
	t0 = now();
	if (register_docs(v, tmp, 0, 1000))
		return 1;
	printf("registered 1,000 documents of %d words in %.1f s\n", DOC_WORDS,
	       now() - t0);
	lt_vault_close(v);
	bench_docs(vdir, tmp, 1000);
	lt_vault_open(&v, vdir);
	t0 = now();
	if (register_docs(v, tmp, 1000, 10000))
		return 1;
	printf("registered 9,000 more in %.1f s\n", now() - t0);
	lt_vault_close(v);
	bench_docs(vdir, tmp, 10000);
	bench_memory(vdir, tmp, 10000);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : 1;
}
