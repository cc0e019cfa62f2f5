/*
 * test_threads.c - liblt in a multi-threaded server: eight threads at once
 * trace, verify, read a page image by OCR and hash it (PDQ) against one
 * vault, each through its own vault handle and OCR context as vault.h and
 * ocr.h allow, and each must get its own right answer.  `make test` also
 * runs it built with ThreadSanitizer, which must report nothing.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/leaktrace.h"
#include "leaktrace/extract.h"
#include "leaktrace/image.h"
#include "leaktrace/ocr.h"

#ifndef THREADS
#define THREADS 8
#endif
#define PAGE_DPI 75.0

static const char *const names[THREADS] = {
	"Alice Ames", "Bob Burns", "Carol Cole", "Dan Dorr",
	"Erin East", "Fred Fogg", "Gail Gunn", "Hugo Hale",
};

/* What the set-up made, read (never written) by every thread. */
static char vault_dir[300];
static lt_buf copies[THREADS]; /* each recipient's copy (txt) */
static lt_buf page;            /* page 1 of Alice's copy (png) */

/* What each thread found. */
typedef struct job {
	int index;
	const char *failed; /* what went wrong, or NULL */
	char why[300];      /* the thread's last error then */
	char ocr_text[4096];
	lt_pdq_hash hash;
} job;

static int failures;

#define CHECK(j, cond)                                                     \
	do {                                                               \
		if (!(cond)) {                                             \
			(j)->failed = #cond;                               \
			snprintf((j)->why, sizeof (j)->why, "%s",          \
				 lt_error_message());                      \
			goto out;                                          \
		}                                                          \
	} while (0)

static int keep_copy(void *ctx, const char *name, const void *data,
		     size_t len, const char *format)
{
	lt_buf *into = ctx;
	size_t i;

	(void)name;
	if (!strcmp(format, "png")) {
		/* Pages come in order: keep the first. */
		return into->len ? 0 : lt_buf_append(into, data, len);
	}
	for (i = 0; i < THREADS; i++)
		if (copies[i].len == 0)
			return lt_buf_append(&copies[i], data, len);
	return 1;
}

/* A vault with a document issued to eight recipients, Alice's copy also
 * as page images (their PDQ hashes recorded). */
static int set_up(const char *dir)
{
	lt_issue_options opt = {0};
	lt_document_info *info;
	lt_issue_result *r;
	lt_vault *v;
	int rc;

	snprintf(vault_dir, sizeof vault_dir, "%s/vault", dir);
	if ((rc = lt_vault_init(vault_dir)) ||
	    (rc = lt_vault_open(&v, vault_dir)))
		return rc;
	if ((rc = lt_document_register(&info, v, "samples/memo-budget.txt",
				       "budget", NULL)))
		goto out;
	lt_document_info_free(info);
	if ((rc = lt_document_register(&info, v, "samples/memo-audit.txt",
				       "audit", NULL)))
		goto out;
	lt_document_info_free(info);
	opt.format = "txt";
	opt.sink = keep_copy;
	opt.sink_ctx = NULL;
	if ((rc = lt_issue_ex(&r, v, "budget", names, THREADS, NULL, &opt)))
		goto out;
	lt_issue_result_free(r);
	opt.format = "png";
	opt.dpi = PAGE_DPI;
	opt.sink_ctx = &page;
	if ((rc = lt_issue_ex(&r, v, "budget", names, 1, NULL, &opt)))
		goto out;
	lt_issue_result_free(r);
out:
	if (rc)
		fprintf(stderr, "set-up: %s\n", lt_vault_errmsg(v));
	lt_vault_close(v);
	return rc;
}

static void *work(void *arg)
{
	job *j = arg;
	int i = j->index, other = (i + 1) % THREADS;
	lt_trace_result *t = NULL;
	lt_verify_result *vr = NULL;
	lt_extract *e = NULL;
	lt_image *img = NULL;
	lt_pdq_index *ix = NULL;
	lt_pdq_match *m = NULL;
	lt_ocr *ocr = NULL;
	lt_vault *v = NULL;
	char name[32];
	size_t n = 0;
	int quality;

	/* One vault handle and one OCR context per thread. */
	CHECK(j, lt_ocr_new(&ocr, NULL) == LT_OK);
	CHECK(j, lt_vault_open(&v, vault_dir) == LT_OK);

	/* Trace this thread's recipient's copy. */
	CHECK(j, lt_trace_buffer(&t, v, copies[i].data, copies[i].len,
				 "leak.txt") == LT_OK);
	CHECK(j, t->verdict == LT_VERDICT_IDENTIFIED);
	CHECK(j, !strcmp(t->document, "budget"));
	CHECK(j, t->suspects[0].accused);
	CHECK(j, !strcmp(t->suspects[0].recipient, names[i]));

	/* Verify another recipient's copy: exact, and whose. */
	CHECK(j, lt_verify_buffer(&vr, v, copies[other].data,
				  copies[other].len, NULL) == LT_OK);
	CHECK(j, vr->verdict == LT_VERIFY_GENUINE && vr->exact);
	CHECK(j, !strcmp(vr->recipient, names[other]));

	/* A failure is this thread's vault's, with this thread's name. */
	snprintf(name, sizeof name, "upload-%d.pdf", i);
	lt_trace_result_free(t);
	t = NULL;
	CHECK(j, lt_trace_buffer(&t, v, "not a PDF", 9, name) == LT_EINPUT);
	CHECK(j, lt_vault_errcode(v) == LT_EINPUT);
	CHECK(j, strstr(lt_vault_errmsg(v), name) != NULL);
	CHECK(j, strstr(lt_error_message(), name) != NULL);

	/* Read the page image by OCR. */
	CHECK(j, lt_extract_buffer(&e, page.data, page.len, "page.png", ocr) ==
		 LT_OK);
	CHECK(j, e->kind == LT_EXTRACT_OCR && e->nwords > 50);
	snprintf(j->ocr_text, sizeof j->ocr_text, "%s", e->text.data);

	/* Hash it and find it among the vault's page hashes. */
	CHECK(j, lt_image_decode(&img, page.data, page.len, "page.png",
				 NULL) == LT_OK);
	CHECK(j, lt_pdq_hash_image(&j->hash, 1, &quality, img) == LT_OK);
	CHECK(j, lt_pdq_index_new(&ix) == LT_OK);
	CHECK(j, lt_pdq_index_load(ix, v, "budget") == LT_OK);
	CHECK(j, lt_pdq_index_search(ix, &j->hash, 31, &m, &n) == LT_OK);
	CHECK(j, n >= 1);
out:
	free(m);
	lt_pdq_index_free(ix);
	lt_image_free(img);
	lt_extract_free(e);
	lt_verify_result_free(vr);
	lt_trace_result_free(t);
	lt_vault_close(v);
	lt_ocr_free(ocr);
	return NULL;
}

int main(void)
{
	char dir[] = "/tmp/lt-threads-test.XXXXXX", cmd[400];
	pthread_t th[THREADS];
	job jobs[THREADS];
	int i;

	if (!mkdtemp(dir))
		return 1;
	if (set_up(dir) != LT_OK || page.len == 0) {
		fprintf(stderr, "set-up failed\n");
		return 1;
	}
	memset(jobs, 0, sizeof jobs);
	for (i = 0; i < THREADS; i++) {
		jobs[i].index = i;
		if (pthread_create(&th[i], NULL, work, &jobs[i]) != 0) {
			fprintf(stderr, "cannot start thread %d\n", i);
			return 1;
		}
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < THREADS; i++) {
		if (jobs[i].failed) {
			fprintf(stderr, "thread %d: failed: %s (%s)\n", i,
				jobs[i].failed, jobs[i].why);
			failures++;
			continue;
		}
		/* Every thread read and hashed the same page alike. */
		if (strcmp(jobs[i].ocr_text, jobs[0].ocr_text) ||
		    lt_pdq_distance(&jobs[i].hash, &jobs[0].hash) != 0) {
			fprintf(stderr, "thread %d: page read differently\n", i);
			failures++;
		}
	}
	for (i = 0; i < THREADS; i++)
		lt_buf_free(&copies[i]);
	lt_buf_free(&page);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		failures++;
	printf("%d threads: %s\n", THREADS, failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
