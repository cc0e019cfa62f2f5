/*
 * verify_figure.c - is a figure faithful to its original (verify_figure.h)?
 *
 * Flow: the picture is found among the registered figures by PDQ and
 * registered to the original (trace_image.c, read/image_mark_read.h) ->
 * lt_imark_changes() maps what differs beyond the marks, JPEG and a
 * photo's noise -> one "figure-altered" change a region.  A Word file's
 * figures: each media part of the file against the same part of the
 * original, registered the same way (a part re-encoded at its own size
 * registers at once).
 */
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "leaktrace/error.h"
#include "forensics/trace_image.h"
#include "forensics/verify_figure.h"
#include "issue/figures.h"
#include "read/image_mark_read.h"
#include "render/docx.h"
#include "store/docs.h"

/*
 * Largest PDQ distance at which verify takes a picture for a registered
 * figure: further than trace (an edit moves the hash; 50 bits for a dark
 * box over 1% of a chart), still far from chance (unrelated pictures lie
 * about 128 apart); a picture that does not register to the figure it is
 * taken for is unknown, never altered.
 */
#define VERIFY_MATCH_DISTANCE 72

/* Add one change a region of figure `figure` to `r`. */
static int add_regions(lt_verify_result *r, int figure,
		       const lt_imark_region *g, size_t n)
{
	size_t cap = r->nchanges, i;
	int rc;

	for (i = 0; i < n; i++) {
		lt_change *c;

		if ((rc = LT_ARRAY_GROW(r->changes, cap, r->nchanges + 1)))
			return rc;
		c = &r->changes[r->nchanges];
		memset(c, 0, sizeof(*c));
		c->kind = LT_CHANGE_FIGURE_ALTERED;
		c->original = strdup("");
		c->found = strdup("");
		if (!c->original || !c->found) {
			free(c->original);
			free(c->found);
			return lt_error_set(LT_ENOMEM, "out of memory");
		}
		r->nchanges++;
		c->figure = figure;
		c->region[0] = g[i].x0;
		c->region[1] = g[i].y0;
		c->region[2] = g[i].x1;
		c->region[3] = g[i].y1;
		/* far above the threshold: sure */
		c->confidence = g[i].level > 44.0 ? 0.99 : 0.9;
	}
	return LT_OK;
}

int lt_verify_figure(lt_verify_result *r, lt_vault *v, const void *data,
		     size_t len, const char *name, int *handled)
{
	lt_image_leak leak;
	lt_imark_region *g = NULL;
	size_t n = 0;
	int rc;

	*handled = 0;
	if ((rc = lt_image_leak_read_near(&leak, v, data, len, name,
					  VERIFY_MATCH_DISTANCE, handled)) ||
	    !*handled)
		goto out;
	if (!(r->document = strdup(leak.doc_id))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if (!leak.reading.aligned) {
		r->verdict = LT_VERIFY_UNKNOWN;
		goto out;
	}
	if ((rc = lt_imark_changes(&g, &n, leak.orig, leak.picture,
				   &leak.reading)) ||
	    (rc = add_regions(r, leak.figure < 0 ? 0 : leak.figure, g, n)))
		goto out;
	r->part_share = leak.reading.coverage;
	r->verdict = n ? LT_VERIFY_ALTERED : LT_VERIFY_GENUINE;
out:
	free(g);
	lt_image_leak_clear(&leak);
	return rc;
}

/* Compare figure `fig` (number k) with its part in the Word file `dx`. */
static int compare_part(lt_verify_result *r, const lt_docx *dx,
			const lt_figure *fig, int k, size_t *altered)
{
	lt_buf raw = {0};
	lt_image *pic = NULL;
	lt_imark_region *g = NULL;
	lt_imark_reading rd;
	int16_t *sym = NULL;
	size_t n = 0;
	int rc;

	if ((rc = lt_docx_part_read(dx, fig->part, LT_FIGURE_MAX_BYTES, &raw)) ||
	    (rc = lt_image_decode(&pic, raw.data, raw.len, fig->part, NULL))) {
		/* a part gone or broken is no figure to compare */
		if (rc != LT_ENOMEM) {
			lt_error_clear();
			rc = LT_OK;
		}
		goto out;
	}
	if (!(sym = malloc((fig->grid->nslots + 1) * sizeof(*sym)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = lt_imark_read(sym, NULL, &rd, fig->grid, fig->orig, pic)) ||
	    (rc = lt_imark_changes(&g, &n, fig->orig, pic, &rd)) ||
	    (rc = add_regions(r, k, g, n)))
		goto out;
	*altered += n;
out:
	free(g);
	free(sym);
	lt_image_free(pic);
	lt_buf_free(&raw);
	return rc;
}

int lt_verify_docx_figures(lt_verify_result *r, lt_vault *v,
			   const void *data, size_t len)
{
	lt_document_info info;
	lt_figures *f = NULL;
	lt_docx *dx = NULL;
	int64_t row = 0;
	size_t k, altered = 0;
	int rc;

	if (!r->document)
		return LT_OK;
	memset(&info, 0, sizeof(info));
	if ((rc = lt_store_docs_info(v, r->document, &info, &row)))
		goto out;
	if (!info.format || strcmp(info.format, "docx"))
		goto out;
	if ((rc = lt_figures_load_row(&f, v, row, r->document, info.format)))
		goto out;
	if (!f->n)
		goto out;
	if (lt_docx_open(&dx, data, len, "file") != LT_OK) {
		lt_error_clear();
		goto out;
	}
	for (k = 0; k < f->n && rc == LT_OK; k++)
		rc = compare_part(r, dx, &f->fig[k], (int)k, &altered);
	if (rc == LT_OK && altered)
		r->verdict = LT_VERIFY_ALTERED;
out:
	lt_docx_free(dx);
	lt_figures_free(f);
	free(info.id);
	free(info.title);
	free(info.format);
	free(info.registered_at);
	return rc;
}
