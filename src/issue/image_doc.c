/*
 * image_doc.c - loading an image original for work (image_doc.h): its
 * bytes from the vault, decoded, and the grid of its image slots drawn
 * from the document key.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "leaktrace/error.h"
#include "issue/image_doc.h"
#include "store/docs.h"

const lt_image_options lt_image_doc_decode = {0, 1, 0};

int lt_image_doc_format(const char *format)
{
	return format && (!strcmp(format, "png") || !strcmp(format, "jpeg"));
}

void lt_image_doc_free(lt_image_doc *g)
{
	if (!g)
		return;
	lt_image_free(g->orig);
	lt_imark_free(g->grid);
	free(g);
}

int lt_image_doc_load(lt_image_doc **out, lt_vault *v, const lt_doc *d)
{
	unsigned char key[LT_KEY_BYTES];
	lt_image_doc *g;
	lt_buf raw = {0};
	int rc;

	*out = NULL;
	if (!(g = calloc(1, sizeof(*g))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	if ((rc = lt_store_docs_original_get(v, d->rowid, &raw))) {
		if (rc == LT_ENOTFOUND)
			rc = lt_error_set(LT_EVAULT, "vault is damaged: the image "
					  "original of '%s' is missing", d->id);
		goto fail;
	}
	if ((rc = lt_image_decode(&g->orig, raw.data, raw.len, d->id,
				  &lt_image_doc_decode))) {
		rc = lt_error_set(rc == LT_ENOMEM ? rc : LT_EVAULT, "vault is "
				  "damaged: the image original of '%s' does not "
				  "decode", d->id);
		goto fail;
	}
	g->format = g->orig->format;
	lt_vault_document_key(v, d->id, key);
	rc = lt_imark_new(&g->grid, key, g->orig->width, g->orig->height);
	sodium_memzero(key, sizeof(key));
	if (rc)
		goto fail;
	lt_buf_free(&raw);
	*out = g;
	return LT_OK;
fail:
	lt_buf_free(&raw);
	lt_image_doc_free(g);
	return rc;
}

int lt_image_doc_mark(lt_buf *out, const lt_image *orig, const lt_imark *grid,
		      const uint8_t *sym, lt_image_format format, double *psnr)
{
	lt_image copy = *orig, *back = NULL;
	size_t n = (size_t)copy.width * copy.height * copy.channels;
	int rc = LT_OK, jpeg = format == LT_IMAGE_JPEG, round;
	double target = LT_IMARK_PSNR, got = 0;

	if (!(copy.pixels = malloc(n)))
		return lt_error_set(LT_ENOMEM, "out of memory");
	for (round = 0; round < 4; round++) {
		memcpy(copy.pixels, orig->pixels, n);
		lt_buf_clear(out);
		if ((rc = lt_imark_embed(&copy, grid, sym, target)) ||
		    (rc = lt_image_encode(out, &copy, jpeg ? LT_IMAGE_JPEG
							   : LT_IMAGE_PNG,
					  LT_IMAGE_DOC_JPEG_QUALITY)))
			break;
		if (!jpeg) {
			got = psnr ? lt_image_psnr(orig, &copy) : 0;
			break;
		}
		if ((rc = lt_image_decode(&back, out->data, out->len, "copy",
					  NULL)))
			break;
		got = lt_image_psnr(orig, back);
		lt_image_free(back);
		back = NULL;
		if (got >= LT_IMARK_MIN_PSNR)
			break;
		target += LT_IMARK_MIN_PSNR - got + 0.3;
	}
	free(copy.pixels);
	if (psnr)
		*psnr = got;
	return rc;
}
