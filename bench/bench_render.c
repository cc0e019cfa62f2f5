/*
 * bench_render.c - rendering speed and layout capacity on the sample memos.
 *
 *   build/bench/bench_render [FILE...]
 *
 * For each text (default: the memos in samples/): pages, layout slots per
 * page (layout bits per page: every slot is one binary symbol), the time
 * to make the plan, to render the whole copy as PDF and one page as PNG at
 * 150 dpi, and pages per second for each; then the time to read the PDF
 * back (text layer) and its layout marks.  Print only.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench_file(const char *path)
{
	lt_buf text = {0}, pdf = {0}, png = {0};
	lt_slot_set *set = NULL;
	lt_layout_plan *plan = NULL;
	lt_extract *e = NULL;
	uint8_t *sym = NULL;
	int16_t *got = NULL;
	char tmp[] = "/tmp/bench-render-XXXXXX";
	double t0, t_plan, t_pdf, t_png, t_read;
	size_t i, n, pages, slots, right = 0;
	const int reps = 5;
	int r, fd, rc = 1;

	if (lt_text_read_file(&text, path, 0, NULL) ||
	    lt_slots_find(&set, text.data, text.len))
		goto out;
	t0 = now();
	if (lt_layout_plan_new(&plan, set, NULL))
		goto out;
	t_plan = now() - t0;
	pages = lt_layout_pages(plan);
	slots = lt_layout_slots(plan);
	n = set->n + slots;
	if (!(sym = calloc(n + 1, 1)) || !(got = calloc(slots + 1, sizeof(*got))))
		goto out;
	for (i = set->n; i < n; i++)
		sym[i] = (uint8_t)((i * 2654435761u) >> 7 & 1);
	t0 = now();
	for (r = 0; r < reps; r++) {
		lt_buf_clear(&pdf);
		if (lt_render_pdf(&pdf, plan, set, sym, NULL))
			goto out;
	}
	t_pdf = (now() - t0) / reps;
	t0 = now();
	for (r = 0; r < reps; r++) {
		lt_buf_clear(&png);
		if (lt_render_png(&png, plan, set, sym, NULL, 0, 150))
			goto out;
	}
	t_png = (now() - t0) / reps;
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	if (write(fd, pdf.data, pdf.len) != (ssize_t)pdf.len) {
		close(fd);
		goto out;
	}
	close(fd);
	t0 = now();
	if (lt_extract_file(&e, tmp) ||
	    lt_layout_read(got, plan, set, e->words, e->nwords))
		goto out;
	t_read = now() - t0;
	for (i = 0; i < slots; i++)
		right += got[i] == sym[set->n + i];
	printf("%-28s %2zu pages %4zu layout bits (%5.1f/page)  plan %5.1f ms  "
	       "pdf %6.1f ms (%5.1f pages/s)  png@150 %6.1f ms/page (%5.1f "
	       "pages/s)  read pdf %5.1f ms, %zu/%zu marks\n",
	       strrchr(path, '/') ? strrchr(path, '/') + 1 : path, pages, slots,
	       (double)slots / pages, t_plan * 1e3, t_pdf * 1e3, pages / t_pdf,
	       t_png * 1e3, 1 / t_png, t_read * 1e3, right, slots);
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "%s: %s\n", path, lt_error_message());
	unlink(tmp);
	lt_extract_free(e);
	lt_layout_plan_free(plan);
	lt_slot_set_free(set);
	lt_buf_free(&text);
	lt_buf_free(&pdf);
	lt_buf_free(&png);
	free(sym);
	free(got);
	return rc;
}

int main(int argc, char **argv)
{
	glob_t g;
	size_t i;
	int rc = 0;

	if (argc > 1) {
		for (i = 1; i < (size_t)argc; i++)
			rc |= bench_file(argv[i]);
		return rc;
	}
	if (glob("samples/memo-*", 0, NULL, &g) != 0) {
		fprintf(stderr, "no samples: run from the repository root\n");
		return 1;
	}
	for (i = 0; i < g.gl_pathc; i++)
		rc |= bench_file(g.gl_pathv[i]);
	globfree(&g);
	return rc;
}
