/*
 * trace_image.c - tracing a leaked figure by its image marks
 * (trace_internal.h).
 *
 * Flow: decode the picture -> its PDQ hashes (the whole picture, and the
 * figure straightened when an outline is seen) -> the nearest original
 * page hash of an image document, within IMAGE_MATCH_DISTANCE -> load
 * that original from the vault -> register the picture to it and read
 * the image slots (read/image_mark_read.h); trace.c then scores and
 * bounds them as any trace.  A picture like no registered figure is left
 * to the caller (a photo of a page of text goes to OCR).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/file.h"
#include "leaktrace/image.h"
#include "leaktrace/pdq.h"
#include "forensics/trace_image.h"
#include "identify/doc.h"
#include "issue/image_doc.h"
#include "read/image_mark_read.h"
#include "store/docs.h"
#include "store/pages.h"

/*
 * Largest PDQ distance at which a picture is taken for a registered
 * figure.  Above PDQ's own 31: a photo's straightened figure keeps some
 * blur and light; a wrong figure taken here costs nothing but time, as
 * its registration then fails or its marks read as noise, which never
 * accuses anyone (the innocents' symbols are independent of it).
 */
#define IMAGE_MATCH_DISTANCE 48

/* Largest picture file read whole for this. */
#define MAX_PICTURE_BYTES (64u << 20)

/* The nearest image document to a picture's hashes. */
typedef struct nearest {
	lt_vault *v;
	const lt_pdq_hash *hashes;
	int nhashes;
	int64_t doc;  /* 0: none yet */
	int distance;
} nearest;

static int consider(void *ctx, const lt_store_page *p)
{
	nearest *nr = ctx;
	lt_pdq_hash h;
	int64_t doc = 0;
	int found = 0, k, best = 257, rc;
	lt_document_info info;
	char *id = NULL;

	if (p->bytes != LT_PDQ_BYTES)
		return LT_OK;
	memcpy(h.bytes, p->hash, LT_PDQ_BYTES);
	for (k = 0; k < nr->nhashes; k++) {
		int d = lt_pdq_distance(&h, &nr->hashes[k]);

		if (d < best)
			best = d;
	}
	if (best > IMAGE_MATCH_DISTANCE || (nr->doc && best >= nr->distance))
		return LT_OK;
	if ((rc = lt_store_pages_doc_of(nr->v, p->id, &doc, &found)) || !found)
		return rc;
	if ((rc = lt_store_docs_describe(nr->v, doc, &id, NULL)))
		return rc == LT_ENOTFOUND ? LT_OK : rc;
	memset(&info, 0, sizeof(info));
	{
		int64_t row;

		rc = lt_store_docs_info(nr->v, id, &info, &row);
	}
	if (rc == LT_OK && lt_image_doc_format(info.format)) {
		nr->doc = doc;
		nr->distance = best;
	}
	free(id);
	free(info.id);
	free(info.title);
	free(info.format);
	free(info.registered_at);
	return rc == LT_ENOTFOUND ? LT_OK : rc;
}

void lt_image_leak_clear(lt_image_leak *l)
{
	free(l->doc_id);
	free(l->symbols);
	memset(l, 0, sizeof(*l));
}

int lt_image_leak_read(lt_image_leak *out, lt_vault *v, const void *data,
		       size_t len, const char *name, int *handled)
{
	lt_pdq_hash hashes[2];
	nearest nr = {0};
	lt_image *leak = NULL;
	lt_doc *d = NULL;
	lt_image_doc *fig = NULL;
	int nh = 0, rc;

	memset(out, 0, sizeof(*out));
	*handled = 0;
	if (lt_image_detect(data, len) == LT_IMAGE_UNKNOWN)
		return LT_OK;
	/* a picture that does not decode is left to the extractor, which
	 * says what is wrong with it */
	if (lt_image_decode(&leak, data, len, name ? name : "picture",
			    &lt_image_doc_decode) != LT_OK) {
		lt_error_clear();
		return LT_OK;
	}
	if ((rc = lt_imark_figure_hashes(hashes, &nh, leak)))
		goto out;
	nr.v = v;
	nr.hashes = hashes;
	nr.nhashes = nh;
	if ((rc = lt_store_pages_each(v, 0, consider, &nr)) || !nr.doc)
		goto out;
	*handled = 1;
	if ((rc = lt_doc_load(&d, v, NULL, nr.doc)) ||
	    (rc = lt_image_doc_load(&fig, v, d)))
		goto out;
	out->distance = nr.distance;
	out->n = fig->grid->nslots;
	if (!(out->symbols = malloc((out->n + 1) * sizeof(*out->symbols))) ||
	    !(out->doc_id = strdup(d->id))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	rc = lt_imark_read(out->symbols, NULL, &out->reading, fig->grid,
			   fig->orig, leak);
out:
	if (rc)
		lt_image_leak_clear(out);
	lt_image_doc_free(fig);
	lt_doc_free(d);
	lt_image_free(leak);
	return rc;
}

int lt_image_leak_file(lt_image_leak *out, lt_vault *v, const char *path,
		       int *handled)
{
	unsigned char head[16];
	lt_buf data = {0};
	size_t n = 0;
	FILE *f;
	int rc;

	memset(out, 0, sizeof(*out));
	*handled = 0;
	if (!(f = fopen(path, "rb")))
		return LT_OK; /* the extractor says why */
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (lt_image_detect(head, n) == LT_IMAGE_UNKNOWN)
		return LT_OK;
	if (lt_file_read(&data, path, MAX_PICTURE_BYTES) != LT_OK) {
		lt_error_clear();
		lt_buf_free(&data);
		return LT_OK;
	}
	rc = lt_image_leak_read(out, v, data.data, data.len, path, handled);
	lt_buf_free(&data);
	return rc;
}
