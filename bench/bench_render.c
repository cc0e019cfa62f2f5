/*
 * bench_render.c - rendering speed, layout capacity, how alike printed
 * copies look and how well their layout marks survive a phone photo, on
 * the sample memos.
 *
 *   build/bench/bench_render [FILE...]
 *
 * For each text (default: the memos in samples/): pages, layout slots per
 * page (layout bits per page: every slot is one binary symbol), the time
 * to make the plan, to render the whole copy as PDF and one page as PNG at
 * 150 dpi, and pages per second for each; then the time to read the PDF
 * back (text layer) and its layout marks.  Then, over COPIES copies with
 * their own variants and layout symbols read back from their PDFs
 * (tests/test_print_compare.h), set ragged right and then justified: the
 * type size, the largest difference between two copies of the same word
 * gap and of the same line distance, and the share of lines (not the last
 * of a paragraph) more than 25 % short.  Then page 1 of PHOTOS copies as issued (PNG, 150 dpi),
 * photographed with the phone-photo simulator (tests/tools/photosim.h:
 * rotation, perspective, noise, uneven light, JPEG 50, 1200 px wide:
 * 1640 px high, or LT_BENCH_PHOTO_SIDE) at blur
 * 0.5, 1.0 and 1.5 px, read by OCR: layout slots read right, wrong and
 * unread, at the default mark size and at LT_BENCH_MARK_SCALE times it
 * when that is set.  Print only.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "leaktrace/code.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/image.h"
#include "leaktrace/render.h"
#include "leaktrace/slots.h"
#include "../tests/test_print_compare.h"
#include "../tests/tools/photosim.h"

#define COPIES 20
#define PHOTOS 6
/* Long side of a photo: a portrait page photographed 1200 px wide (issue
 * 12's phone photo); LT_BENCH_PHOTO_SIDE changes it. */
#define PHOTO_SIDE 1640

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
		right += got[i] >= 0 && LT_OBS_SYMBOL(got[i]) == sym[set->n + i];
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

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A copy's symbols: variants and layout symbols drawn from `seed`. */
static void copy_symbols(uint8_t *sym, const lt_slot_set *set, size_t n,
			 uint64_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		sym[i] = (uint8_t)(i < set->n ? next(&seed) %
							set->slots[i].nvariants
					      : next(&seed) >> 20 & 1);
}

/* How alike COPIES copies look on paper, ragged or justified. */
static int bench_alike(const char *name, const lt_slot_set *set,
		       const lt_layout_plan *p, int justify)
{
	lt_render_options opt = {LT_PAPER_A4, NULL, NULL, justify};
	size_t n = set->n + lt_layout_slots(p), i, j, shorts = 0, counted = 0;
	lt_extract *e[COPIES] = {0};
	pc_copy c[COPIES];
	pc_diff d = {0};
	uint8_t *sym = malloc(n + 1);
	lt_buf pdf = {0};
	int rc = 1;

	memset(c, 0, sizeof(c));
	for (i = 0; sym && i < COPIES; i++) {
		size_t sh, cn;

		copy_symbols(sym, set, n, 7 * i + 1);
		lt_buf_clear(&pdf);
		if (lt_render_pdf(&pdf, p, set, sym, &opt) ||
		    lt_extract_buffer(&e[i], pdf.data, pdf.len, "copy.pdf",
				      NULL) ||
		    pc_copy_init(&c[i], e[i], 842) ||
		    pc_short_lines(&c[i], p, &sh, &cn))
			goto out;
		shorts += sh;
		counted += cn;
	}
	for (i = 0; i < COPIES; i++)
		for (j = i + 1; j < COPIES; j++)
			pc_compare(&c[i], &c[j], &d);
	printf("%-28s %-9s %.1f pt type on %.2f pt; %d copies: word gap "
	       "differs by at most %.3f pt, line distance by %.3f pt%s; short "
	       "lines %zu of %zu (%.1f %%)\n", name,
	       justify ? "justified" : "ragged", LT_FONT_SIZE, LT_LINE_PITCH,
	       COPIES, d.gap, d.line, d.mismatch ? " (LINES DIFFER)" : "",
	       shorts, counted, counted ? 100.0 * shorts / counted : 0.0);
	rc = 0;
out:
	for (i = 0; i < COPIES; i++) {
		pc_copy_free(&c[i]);
		lt_extract_free(e[i]);
	}
	lt_buf_free(&pdf);
	free(sym);
	return rc;
}

/* Layout slots read back from phone photos of page 1. */
static int bench_photos(const char *name, const lt_slot_set *set,
			lt_layout_plan *p, double scale)
{
	static const double blurs[] = {0.5, 1.0, 1.5};
	size_t n = set->n + lt_layout_slots(p), slots = lt_layout_slots(p);
	uint8_t *sym = malloc(n + 1);
	int16_t *got = malloc((slots + 1) * sizeof(*got));
	double ls = p->line_shift, wsh = p->word_shift;
	const char *env = getenv("LT_BENCH_PHOTO_SIDE");
	int side = env && atoi(env) >= 400 ? atoi(env) : PHOTO_SIDE;
	size_t b, k, i;
	int rc = 1;

	p->line_shift *= scale;
	p->word_shift *= scale;
	for (b = 0; sym && got && b < 3; b++) {
		size_t right = 0, wrong = 0, unread = 0;

		for (k = 0; k < PHOTOS; k++) {
			lt_buf png = {0}, jpeg = {0};
			lt_image *img = NULL;
			lt_image_options io = {0};
			lt_extract *e = NULL;
			photosim_options o;

			copy_symbols(sym, set, n, 1000 + 31 * k);
			io.luminance = 1;
			photosim_defaults(&o, 50 + k);
			o.blur = blurs[b];
			o.rotate = (double)(k % 11) - 5;
			o.perspective = (double)(k * 3 % 16);
			o.noise = 3;
			o.light = 0.3;
			o.max_side = side;
			if (lt_render_png(&png, p, set, sym, NULL, 0, 150) ||
			    lt_image_decode(&img, png.data, png.len, "page.png",
					    &io) ||
			    photosim_make(&jpeg, img, &o) ||
			    lt_extract_buffer(&e, jpeg.data, jpeg.len, "p.jpg",
					      NULL) ||
			    lt_layout_read(got, p, set, e->words, e->nwords)) {
				lt_buf_free(&png);
				lt_buf_free(&jpeg);
				lt_image_free(img);
				lt_extract_free(e);
				goto out;
			}
			for (i = 0; i < slots; i++) {
				if (got[i] < 0)
					unread++;
				else if (LT_OBS_SYMBOL(got[i]) == sym[set->n + i])
					right++;
				else
					wrong++;
			}
			lt_buf_free(&png);
			lt_buf_free(&jpeg);
			lt_image_free(img);
			lt_extract_free(e);
		}
		printf("%-28s photos %d px high, blur %.1f, marks %.2f/%.2f pt: "
		       "layout slots right %zu, wrong %zu, unread %zu of %zu "
		       "(%d photos)\n", name, side, blurs[b], p->line_shift,
		       p->word_shift, right, wrong, unread, slots * PHOTOS,
		       PHOTOS);
		fflush(stdout);
	}
	rc = 0;
out:
	p->line_shift = ls;
	p->word_shift = wsh;
	free(sym);
	free(got);
	return rc;
}

static int bench_print(const char *path)
{
	lt_buf text = {0};
	lt_slot_set *set = NULL;
	lt_layout_plan *plan = NULL;
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *env = getenv("LT_BENCH_MARK_SCALE");
	int rc = 1;

	if (lt_text_read_file(&text, path, 0, NULL) ||
	    lt_slots_find(&set, text.data, text.len) ||
	    lt_layout_plan_new(&plan, set, NULL) ||
	    bench_alike(name, set, plan, 0) ||
	    bench_alike(name, set, plan, 1) ||
	    bench_photos(name, set, plan, 1.0) ||
	    (env && atof(env) > 0 && bench_photos(name, set, plan, atof(env))))
		goto out;
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "%s: %s\n", path, lt_error_message());
	lt_layout_plan_free(plan);
	lt_slot_set_free(set);
	lt_buf_free(&text);
	return rc;
}

int main(int argc, char **argv)
{
	glob_t g;
	size_t i;
	int rc = 0;

	if (argc > 1) {
		for (i = 1; i < (size_t)argc; i++)
			rc |= bench_file(argv[i]) | bench_print(argv[i]);
		return rc;
	}
	if (glob("samples/memo-*", 0, NULL, &g) != 0) {
		fprintf(stderr, "no samples: run from the repository root\n");
		return 1;
	}
	for (i = 0; i < g.gl_pathc; i++)
		rc |= bench_file(g.gl_pathv[i]);
	for (i = 0; i < g.gl_pathc; i++)
		rc |= bench_print(g.gl_pathv[i]);
	globfree(&g);
	return rc;
}
