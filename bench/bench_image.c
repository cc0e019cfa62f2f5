/*
 * bench_image.c - the image channel's figures: PSNR of issued copies,
 * seconds to issue 100 copies of a 1000 x 700 figure and to trace one
 * copy file, and how often a simulated phone photo of one copy names its
 * recipient (and how often anyone else) among 100 recipients, at blur 1.0
 * and 1.5 px.  Prints figures only; asserts nothing.
 *
 * The figure is the test figure (tests/tools/figure.h); the photos come
 * from the phone-photo simulator (tests/tools/photosim.h) with its
 * defaults (5 degrees turned, 15 degrees of perspective, noise 6, light
 * falling 40%, JPEG 50, 1200 px) but for the blur.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "leaktrace/buf.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "leaktrace/issue.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"
#include "render/image_mark.h"
#include "../tests/tools/figure.h"
#include "../tests/tools/photosim.h"

#define COPIES 100
#define PHOTOS 10

static void check(int rc, const char *what)
{
	if (rc) {
		fprintf(stderr, "bench_image: %s: %s\n", what, lt_error_message());
		exit(1);
	}
}

/* Mean and lowest PSNR of the issued copies in `r` against `orig`. */
static void copies_psnr(const lt_image *orig, const lt_issue_result *r,
			double *mean, double *lowest)
{
	lt_image *copy;
	size_t i;

	*mean = 0;
	*lowest = 1e9;
	for (i = 0; i < r->n; i++) {
		double p;

		check(lt_image_load(&copy, r->copies[i].path, NULL), "load");
		p = lt_image_psnr(orig, copy);
		*mean += p / r->n;
		if (p < *lowest)
			*lowest = p;
		lt_image_free(copy);
	}
}

int main(void)
{
	char dir[] = "/tmp/leaktrace-bench-image.XXXXXX", path[512];
	static const double blurs[2] = {1.0, 1.5};
	lt_vault *v;
	lt_document_info *info;
	lt_issue_result *res;
	lt_trace_result *tr;
	lt_image *fig, *copy;
	lt_buf png = {0};
	char *list[COPIES];
	double t0, t_issue, t_trace, psnr_min, psnr_sum;
	size_t i, b;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/vault", dir);
	check(lt_vault_init(path), "init");
	check(lt_vault_open(&v, path), "open");
	if (!(fig = figure_draw(1000, 700, 1)))
		return 1;
	check(lt_image_encode(&png, fig, LT_IMAGE_PNG, 0), "encode");
	check(lt_document_register_buffer(&info, v, png.data, png.len,
					  "figure.png", "figure", NULL),
	      "register");
	printf("image: %dx%d figure, %zu image slots (%.0f bits)\n",
	       info->image_width, info->image_height, info->image_slots,
	       info->cap_image);
	lt_document_info_free(info);
	for (i = 0; i < COPIES; i++) {
		list[i] = malloc(32);
		snprintf(list[i], 32, "Recipient %zu", i);
	}
	snprintf(path, sizeof(path), "%s/copies", dir);
	t0 = now();
	check(lt_issue_ex(&res, v, "figure", (const char *const *)list, COPIES,
			  path, NULL), "issue");
	t_issue = now() - t0;
	printf("image: issue %d PNG copies: %.2f s (%.1f ms a copy)\n", COPIES,
	       t_issue, t_issue * 1e3 / COPIES);
	copies_psnr(fig, res, &psnr_sum, &psnr_min);
	printf("image: PSNR of the copies against the original: mean %.2f dB, "
	       "lowest %.2f dB\n", psnr_sum, psnr_min);
	t0 = now();
	check(lt_trace_file(&tr, v, res->copies[37].path), "trace");
	t_trace = now() - t0;
	printf("image: trace one copy file: %.0f ms, %zu of %zu slots read, "
	       "verdict %s, %s\n", t_trace * 1e3, tr->slots_observed,
	       tr->slots_total, lt_verdict_name(tr->verdict),
	       tr->nsuspects && tr->suspects[0].accused
	       ? tr->suspects[0].recipient : "nobody accused");
	lt_trace_result_free(tr);

	for (b = 0; b < 2; b++) {
		size_t named = 0, wrong = 0, bits = 0, seen_min = (size_t)-1;
		double t_photo = 0;

		for (i = 0; i < PHOTOS; i++) {
			size_t who = (i * 37 + b * 11) % COPIES, k;
			photosim_options o;
			lt_buf jpg = {0};

			photosim_defaults(&o, 100 + i + 50 * b);
			o.blur = blurs[b];
			check(lt_image_load(&copy, res->copies[who].path, NULL),
			      "load");
			check(photosim_make(&jpg, copy, &o), "photosim");
			lt_image_free(copy);
			t0 = now();
			check(lt_trace_buffer(&tr, v, jpg.data, jpg.len,
					      "photo.jpg"), "trace photo");
			t_photo += now() - t0;
			for (k = 0; k < tr->nsuspects; k++) {
				if (!tr->suspects[k].accused)
					continue;
				if (!strcmp(tr->suspects[k].recipient, list[who]))
					named++;
				else
					wrong++;
			}
			bits += tr->slots_observed;
			if (tr->slots_observed < seen_min)
				seen_min = tr->slots_observed;
			lt_trace_result_free(tr);
			lt_buf_free(&jpg);
		}
		printf("image: photos at blur %.1f among %d recipients: named "
		       "%zu/%d, wrong %zu, slots read mean %.0f (lowest %zu), "
		       "%.0f ms a trace\n", blurs[b], COPIES, named, PHOTOS,
		       wrong, (double)bits / PHOTOS, seen_min,
		       t_photo * 1e3 / PHOTOS);
	}
	{
		/* a JPEG original (registered last: a look-alike figure
		 * makes trace read both): its JPEG copies carry the JPEG's
		 * own loss */
		lt_issue_result *rj;
		lt_buf jpg = {0};
		lt_image *orig;

		check(lt_image_encode(&jpg, fig, LT_IMAGE_JPEG, 90), "encode");
		check(lt_image_decode(&orig, jpg.data, jpg.len, "figure.jpg",
				      NULL), "decode");
		check(lt_document_register_buffer(&info, v, jpg.data, jpg.len,
						  "figure.jpg", "figure-jpeg",
						  NULL), "register jpeg");
		lt_document_info_free(info);
		snprintf(path, sizeof(path), "%s/jpeg-copies", dir);
		check(lt_issue_ex(&rj, v, "figure-jpeg",
				  (const char *const *)list, 10, path, NULL),
		      "issue jpeg");
		copies_psnr(orig, rj, &psnr_sum, &psnr_min);
		printf("image: PSNR of 10 JPEG copies of a JPEG original (quality "
		       "90): mean %.2f dB, lowest %.2f dB\n", psnr_sum, psnr_min);
		lt_issue_result_free(rj);
		lt_image_free(orig);
		lt_buf_free(&jpg);
	}
	lt_issue_result_free(res);
	for (i = 0; i < COPIES; i++)
		free(list[i]);
	lt_image_free(fig);
	lt_buf_free(&png);
	lt_vault_close(v);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	return system(path) ? 1 : 0;
}
