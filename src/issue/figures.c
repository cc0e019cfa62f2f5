/*
 * figures.c - the figures inside a Word or PDF original (figures.h): found
 * in the package's media or the PDF's JPEG images, keyed one by one,
 * marked for each copy, hashed at register for identification.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "leaktrace/pdq.h"
#include "issue/figures.h"
#include "issue/image_doc.h"
#include "issue/pdf_original.h"
#include "read/page_record.h"
#include "store/docs.h"

/* How a figure is decoded: as stored, full size (its pixels are written
 * back in place). */
static const lt_image_options figure_decode = {0, 0, 0};

void lt_figures_free(lt_figures *f)
{
	size_t k;

	if (!f)
		return;
	for (k = 0; k < f->n; k++) {
		free(f->fig[k].part);
		lt_image_free(f->fig[k].orig);
		lt_imark_free(f->fig[k].grid);
	}
	free(f->fig);
	free(f);
}

/* Whether the PNG in data[0..len) is transparent somewhere it could be:
 * a colour type with alpha, or a tRNS chunk before the image data. */
static int png_transparent(const unsigned char *p, size_t len)
{
	size_t at = 8;

	if (len < 26 || p[25] == 4 || p[25] == 6)
		return 1;
	while (at + 8 <= len) {
		size_t n = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 |
			   (size_t)p[at + 2] << 8 | p[at + 3];

		if (!memcmp(p + at + 4, "tRNS", 4))
			return 1;
		if (!memcmp(p + at + 4, "IDAT", 4) || n > len - at - 8)
			return 0;
		at += 12 + n;
	}
	return 0;
}

/* Figure k's own key: the document key and k, hashed. */
static void figure_key(uint8_t key[LT_KEY_BYTES],
		       const uint8_t doc_key[LT_KEY_BYTES], size_t k)
{
	unsigned char msg[32];
	size_t i;

	memcpy(msg, "leaktrace figure", 16);
	for (i = 0; i < 16; i++)
		msg[16 + i] = (unsigned char)(i < 8 ? (uint64_t)k >> (8 * i) : 0);
	crypto_generichash(key, LT_KEY_BYTES, msg, sizeof(msg), doc_key,
			    LT_KEY_BYTES);
}

/* Take the decoded figure `img` as the next figure of `f`, keyed as
 * figure f->n under `doc_key` (img is the set's from then on). */
static int add_figure(lt_figures *f, lt_image *img, char *part, size_t index,
		      const uint8_t doc_key[LT_KEY_BYTES])
{
	lt_figure *g = &f->fig[f->n];
	uint8_t key[LT_KEY_BYTES];
	int rc;

	g->orig = img;
	g->format = img->format;
	g->part = part;
	g->index = index;
	g->at = f->base + f->slots;
	f->n++;
	figure_key(key, doc_key, f->n - 1);
	rc = lt_imark_new(&g->grid, key, img->width, img->height);
	sodium_memzero(key, sizeof(key));
	if (rc == LT_OK)
		f->slots += g->grid->nslots;
	return rc;
}

/*
 * The figure in part `name`, when it is one: *img decoded (NULL when the
 * part is no figure; its decoder's complaint is dropped: such a part
 * stays unmarked).
 */
static int figure_of(lt_image **img, const lt_docx *dx, const char *name,
		     lt_buf *raw)
{
	lt_image_format fmt;
	int rc;

	*img = NULL;
	rc = lt_docx_part_read(dx, name, LT_FIGURE_MAX_BYTES, raw);
	if (rc == LT_ENOMEM)
		return rc;
	if (rc) {
		lt_error_clear();
		return LT_OK;
	}
	fmt = lt_image_detect(raw->data, raw->len);
	if (fmt == LT_IMAGE_UNKNOWN ||
	    (fmt == LT_IMAGE_PNG && png_transparent((const unsigned char *)raw->data, raw->len)))
		return LT_OK;
	rc = lt_image_decode(img, raw->data, raw->len, name, &figure_decode);
	if (rc == LT_ENOMEM)
		return rc;
	if (rc || (*img)->orientation != 1 || (*img)->scale_denom != 1 ||
	    !lt_imark_slots_for((*img)->width, (*img)->height)) {
		lt_error_clear();
		lt_image_free(*img);
		*img = NULL;
	}
	return LT_OK;
}

int lt_figures_docx(lt_figures **out, const lt_docx *dx,
		    const uint8_t doc_key[LT_KEY_BYTES])
{
	lt_figures *f;
	lt_buf raw = {0};
	char **names = NULL;
	size_t n = 0, i;
	int rc;

	*out = NULL;
	if (!(f = calloc(1, sizeof(*f))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_docx_media(dx, &names, &n)))
		goto fail;
	if (n && !(f->fig = calloc(n, sizeof(*f->fig)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		lt_image *img;

		if ((rc = figure_of(&img, dx, names[i], &raw)))
			goto fail;
		if (!img)
			continue;
		rc = add_figure(f, img, names[i], i, doc_key);
		names[i] = NULL;
		if (rc)
			goto fail;
	}
	lt_docx_names_free(names, n);
	lt_buf_free(&raw);
	*out = f;
	return LT_OK;
fail:
	lt_docx_names_free(names, n);
	lt_buf_free(&raw);
	lt_figures_free(f);
	return rc;
}

int lt_figures_pdf(lt_figures **out, const lt_pdf_plan *plan,
		   const uint8_t doc_key[LT_KEY_BYTES])
{
	size_t n = lt_pdf_plan_figures(plan), i;
	lt_figures *f;
	int rc = LT_OK;

	*out = NULL;
	if (!(f = calloc(1, sizeof(*f))) ||
	    (n && !(f->fig = calloc(n, sizeof(*f->fig))))) {
		free(f);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	f->base = lt_pdf_plan_slots(plan);
	for (i = 0; i < n && rc == LT_OK; i++) {
		size_t len, page;
		const unsigned char *jpeg = lt_pdf_plan_figure(plan, i, &len,
								&page);
		char name[64];
		lt_image *img = NULL;
		char *part;

		snprintf(name, sizeof(name), "page %zu image %zu", page + 1, i);
		if (lt_image_detect(jpeg, len) != LT_IMAGE_JPEG ||
		    (rc = lt_image_decode(&img, jpeg, len, name,
					  &figure_decode)) ||
		    img->orientation != 1 ||
		    !lt_imark_slots_for(img->width, img->height)) {
			/* no figure: it stays as it is */
			if (rc != LT_ENOMEM) {
				lt_error_clear();
				rc = LT_OK;
			}
			lt_image_free(img);
			continue;
		}
		if (!(part = strdup(name))) {
			lt_image_free(img);
			rc = lt_error_set(LT_ENOMEM, "out of memory");
			break;
		}
		rc = add_figure(f, img, part, i, doc_key);
	}
	if (rc) {
		lt_figures_free(f);
		return rc;
	}
	*out = f;
	return LT_OK;
}

int lt_figures_pdf_doc(lt_figures **out, lt_vault *v, const char *id,
		       const lt_pdf_plan *plan)
{
	uint8_t key[LT_KEY_BYTES];
	int rc;

	lt_vault_document_key(v, id, key);
	rc = lt_figures_pdf(out, plan, key);
	sodium_memzero(key, sizeof(key));
	return rc;
}

int lt_figures_set_pdf(lt_pdf_plan *plan, const lt_figures *f,
		       const uint8_t *sym)
{
	lt_buf jpeg = {0};
	size_t k;
	int rc = LT_OK;

	for (k = 0; f && k < f->n && rc == LT_OK; k++) {
		const lt_figure *g = &f->fig[k];

		if ((rc = lt_image_doc_mark(&jpeg, g->orig, g->grid, sym + g->at,
					    LT_IMAGE_JPEG, NULL)) == LT_OK)
			rc = lt_pdf_plan_set_figure(plan, g->index, jpeg.data,
						    jpeg.len);
	}
	lt_buf_free(&jpeg);
	return rc;
}

int lt_figures_load_row(lt_figures **out, lt_vault *v, int64_t rowid,
			const char *id, const char *format)
{
	uint8_t key[LT_KEY_BYTES];
	lt_docx *dx = NULL;
	lt_buf raw = {0};
	int rc;

	*out = NULL;
	if (format && !strcmp(format, "pdf")) {
		lt_pdf_plan *plan = NULL;

		if ((rc = lt_pdf_original_plan(&plan, NULL, v, rowid, id)))
			return rc;
		if (!plan)
			return lt_error_set(LT_EVAULT, "vault is damaged: the PDF "
					    "original of '%s' is missing", id);
		rc = lt_figures_pdf_doc(out, v, id, plan);
		lt_pdf_plan_free(plan);
		return rc;
	}
	if (!format || strcmp(format, "docx")) {
		if (!(*out = calloc(1, sizeof(**out))))
			return lt_error_set(LT_ENOMEM, "out of memory");
		return LT_OK;
	}
	if ((rc = lt_store_docs_original_get(v, rowid, &raw)) ||
	    (rc = lt_docx_open(&dx, raw.data, raw.len, id))) {
		if (rc != LT_ENOMEM)
			rc = lt_error_set(LT_EVAULT, "vault is damaged: the Word "
					  "original of '%s' is missing or does "
					  "not open", id);
		goto out;
	}
	lt_vault_document_key(v, id, key);
	rc = lt_figures_docx(out, dx, key);
	sodium_memzero(key, sizeof(key));
out:
	lt_docx_free(dx);
	lt_buf_free(&raw);
	return rc;
}

int lt_figures_write_docx(lt_buf *out, lt_docx *dx, const lt_text_edit *ed,
			  size_t ned, const lt_figures *f, const uint8_t *sym,
			  double *psnr)
{
	lt_docx_part *parts = NULL;
	lt_buf *bufs = NULL;
	size_t k;
	int rc = LT_OK;

	if (psnr)
		*psnr = INFINITY;
	if (f && f->n && (!(parts = calloc(f->n, sizeof(*parts))) ||
			  !(bufs = calloc(f->n, sizeof(*bufs))))) {
		free(parts);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (k = 0; f && k < f->n && rc == LT_OK; k++) {
		const lt_figure *g = &f->fig[k];
		double got;

		if ((rc = lt_image_doc_mark(&bufs[k], g->orig, g->grid,
					    sym + g->at, g->format,
					    psnr ? &got : NULL)))
			break;
		if (psnr && got < *psnr)
			*psnr = got;
		parts[k] = (lt_docx_part){g->part, bufs[k].data, bufs[k].len};
	}
	if (rc == LT_OK)
		rc = lt_docx_write_parts(out, dx, ed, ned, parts,
					 f ? f->n : 0);
	for (k = 0; bufs && k < f->n; k++)
		lt_buf_free(&bufs[k]);
	free(bufs);
	free(parts);
	return rc;
}

int lt_figures_register(lt_vault *v, int64_t rowid, const char *id,
			const char *format, const char *source)
{
	lt_figures *f = NULL;
	size_t k;
	int rc, quality;

	if ((rc = lt_figures_load_row(&f, v, rowid, id, format)))
		return rc;
	for (k = 0; k < f->n && rc == LT_OK; k++) {
		lt_pdq_hash hash;

		/* a figure is upright as stored (figure_of), as a picture of
		 * it is hashed (trace_image.c) */
		if ((rc = lt_pdq_hash_image(&hash, 1, &quality,
					    f->fig[k].orig)) == LT_OK)
			rc = lt_figure_hash_record(v, rowid, (int)k, hash.bytes,
						   quality, source);
	}
	lt_figures_free(f);
	return rc;
}
