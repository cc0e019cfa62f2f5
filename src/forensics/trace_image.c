/*
 * trace_image.c - tracing a leaked figure by its image marks
 * (trace_internal.h).
 *
 * Flow: decode the picture -> its PDQ hashes (the whole picture, and the
 * figure straightened when an outline is seen) -> the image documents
 * whose original's hash (or the Word originals whose figure's hash,
 * issue/figures.h) is within IMAGE_MATCH_DISTANCE -> load each
 * original from the vault -> register the picture to it and read the
 * image slots -> keep the document whose pattern the picture carries
 * most (read/image_mark_read.h); trace.c then scores and
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
#include "render/docx.h"
#include "issue/figures.h"
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

/* Mean squared z-score of a figure's slots above which the picture is
 * taken to carry that figure's pattern (chance gives about 1). */
#define MARK_ENERGY 3.0

/* Largest picture file read whole for this. */
#define MAX_PICTURE_BYTES (64u << 20)

/* Most image documents like a picture that are read against it. */
#define MAX_FIGURES 8

/* The image documents like a picture, nearest first. */
typedef struct nearest {
	const lt_pdq_hash *hashes;
	int nhashes;
	int64_t cur;  /* the document whose hashes are walked */
	int cur_kind; /* FIGURE_IMAGE, FIGURE_WORD or FIGURE_PDF */
	int max_distance; /* farthest PDQ distance kept */
	int64_t doc[MAX_FIGURES];
	int figure[MAX_FIGURES]; /* k + 1 for figure k of a Word or PDF
				    original, 0 for an image document */
	int kind[MAX_FIGURES];
	int distance[MAX_FIGURES];
	int n;
} nearest;

/* Documents whose figures pictures are looked up among: image documents,
 * and Word and PDF originals (their figures, issue/figures.h). */
enum { FIGURE_IMAGE = 1, FIGURE_WORD = 2, FIGURE_PDF = 3 };

/* Keep figure `figure` of document `doc` at `distance` (once, the nearest
 * first). */
static void keep_figure(nearest *nr, int64_t doc, int figure, int kind,
			int distance)
{
	int i, j;

	for (i = 0; i < nr->n; i++)
		if (nr->doc[i] == doc && nr->figure[i] == figure) {
			if (distance >= nr->distance[i])
				return;
			for (j = i; j + 1 < nr->n; j++) {
				nr->doc[j] = nr->doc[j + 1];
				nr->figure[j] = nr->figure[j + 1];
				nr->kind[j] = nr->kind[j + 1];
				nr->distance[j] = nr->distance[j + 1];
			}
			nr->n--;
			break;
		}
	if (nr->n == MAX_FIGURES && distance >= nr->distance[nr->n - 1])
		return;
	i = nr->n < MAX_FIGURES ? nr->n++ : nr->n - 1;
	while (i > 0 && nr->distance[i - 1] > distance) {
		nr->doc[i] = nr->doc[i - 1];
		nr->figure[i] = nr->figure[i - 1];
		nr->kind[i] = nr->kind[i - 1];
		nr->distance[i] = nr->distance[i - 1];
		i--;
	}
	nr->doc[i] = doc;
	nr->figure[i] = figure;
	nr->kind[i] = kind;
	nr->distance[i] = distance;
}

/* One stored hash of the document walked: kept when near the picture. */
static int consider(void *ctx, const lt_store_page *p)
{
	nearest *nr = ctx;
	lt_pdq_hash h;
	int k, best = 257;

	if (p->bytes != LT_PDQ_BYTES)
		return LT_OK;
	/* an image document's own hash; a Word original's figures' */
	if ((nr->cur_kind == FIGURE_IMAGE) != (p->figure == 0))
		return LT_OK;
	memcpy(h.bytes, p->hash, LT_PDQ_BYTES);
	for (k = 0; k < nr->nhashes; k++) {
		int d = lt_pdq_distance(&h, &nr->hashes[k]);

		if (d < best)
			best = d;
	}
	if (best <= nr->max_distance)
		keep_figure(nr, nr->cur, p->figure, nr->cur_kind, best);
	return LT_OK;
}

/* The rows of the vault's image documents and Word originals (*figs,
 * their kinds in *kinds, *n; free both). */
static int image_documents(int64_t **figs, int **kinds, size_t *n,
			   lt_vault *v)
{
	lt_store_doc_ref *refs = NULL;
	size_t nrefs = 0, i;
	int rc;

	*figs = NULL;
	*n = 0;
	if ((rc = lt_store_docs_list(v, &refs, &nrefs)))
		return rc;
	*kinds = malloc((nrefs + 1) * sizeof(**kinds));
	if (!(*figs = malloc((nrefs + 1) * sizeof(**figs))) || !*kinds) {
		free(*figs);
		free(*kinds);
		*figs = NULL;
		*kinds = NULL;
		lt_store_doc_refs_free(refs, nrefs);
		return lt_error_set(LT_ENOMEM, "out of memory");
	}
	for (i = 0; i < nrefs && rc == LT_OK; i++) {
		lt_document_info info;
		int64_t row;

		memset(&info, 0, sizeof(info));
		rc = lt_store_docs_info(v, refs[i].id, &info, &row);
		if (rc == LT_OK && (lt_image_doc_format(info.format) ||
				    (info.format &&
				     (!strcmp(info.format, "docx") ||
				      !strcmp(info.format, "pdf"))))) {
			(*kinds)[*n] = lt_image_doc_format(info.format)
				       ? FIGURE_IMAGE
				       : !strcmp(info.format, "docx")
				       ? FIGURE_WORD : FIGURE_PDF;
			(*figs)[(*n)++] = refs[i].rowid;
		}
		free(info.id);
		free(info.title);
		free(info.format);
		free(info.registered_at);
	}
	lt_store_doc_refs_free(refs, nrefs);
	if (rc) {
		free(*figs);
		free(*kinds);
		*figs = NULL;
		*kinds = NULL;
		*n = 0;
	}
	return rc;
}

/*
 * Read the picture against figure `figure` of document `doc` (0: an image
 * document, the figure itself; k + 1: figure k of a Word or PDF original,
 * of kind `kind`) into `c` (doc_id, symbols, n, at, total, figure,
 * reading), and the mark's energy (the mean squared z-score of its slots:
 * about 1 when the picture carries none of this figure's pattern) into
 * *energy.
 */
static int read_figure(lt_vault *v, int64_t doc, int figure, int kind,
		       const lt_image *leak, lt_image_leak *c, double *energy)
{
	lt_doc *d = NULL;
	lt_image_doc *fig = NULL;
	lt_figures *figs = NULL;
	const lt_image *orig;
	const lt_imark *grid;
	double *z = NULL;
	size_t k;
	int rc;

	*energy = 0;
	if ((rc = lt_doc_load(&d, v, NULL, doc)))
		goto out;
	if (figure == 0) {
		if ((rc = lt_image_doc_load(&fig, v, d)))
			goto out;
		orig = c->orig = fig->orig;
		fig->orig = NULL;
		grid = fig->grid;
		c->at = 0;
		c->total = grid->nslots;
		c->figure = -1;
	} else {
		if ((rc = lt_figures_load_row(&figs, v, doc, d->id,
					      kind == FIGURE_PDF ? "pdf"
								 : "docx")))
			goto out;
		if ((size_t)figure > figs->n) {
			/* the original no longer has that figure */
			rc = lt_error_set(LT_EVAULT, "vault is damaged: figure %d "
					  "of '%s' is gone", figure - 1, d->id);
			goto out;
		}
		orig = c->orig = figs->fig[figure - 1].orig;
		figs->fig[figure - 1].orig = NULL;
		grid = figs->fig[figure - 1].grid;
		c->at = figs->fig[figure - 1].at;
		c->total = figs->base + figs->slots;
		c->figure = figure - 1;
	}
	c->n = grid->nslots;
	c->symbols = malloc((c->n + 1) * sizeof(*c->symbols));
	z = malloc((c->n + 1) * sizeof(*z));
	c->doc_id = strdup(d->id);
	if (!c->symbols || !z || !c->doc_id) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = lt_imark_read(c->symbols, z, &c->reading, grid, orig, leak)))
		goto out;
	for (k = 0; k < c->n; k++)
		*energy += z[k] * z[k];
	*energy /= c->n ? (double)c->n : 1.0;
out:
	if (rc)
		lt_image_leak_clear(c);
	free(z);
	lt_figures_free(figs);
	lt_image_doc_free(fig);
	lt_doc_free(d);
	return rc;
}

void lt_image_leak_clear(lt_image_leak *l)
{
	free(l->doc_id);
	free(l->symbols);
	lt_image_free(l->orig);
	lt_image_free(l->picture);
	memset(l, 0, sizeof(*l));
}

int lt_image_leak_read(lt_image_leak *out, lt_vault *v, const void *data,
		       size_t len, const char *name, int *handled)
{
	return lt_image_leak_read_near(out, v, data, len, name,
				       IMAGE_MATCH_DISTANCE, handled);
}

int lt_image_leak_read_near(lt_image_leak *out, lt_vault *v,
			    const void *data, size_t len, const char *name,
			    int max_distance, int *handled)
{
	lt_pdq_hash hashes[2];
	nearest nr = {0};
	lt_image *leak = NULL;
	int64_t *figs = NULL;
	int *kinds = NULL;
	size_t nfigs = 0, f;
	double best = -1e9;
	int nh = 0, rc, i;

	memset(out, 0, sizeof(*out));
	*handled = 0;
	if (lt_image_detect(data, len) == LT_IMAGE_UNKNOWN)
		return LT_OK;
	/* no figure registered: nothing to look at here */
	if ((rc = image_documents(&figs, &kinds, &nfigs, v)) || nfigs == 0)
		goto out;
	/* a picture that does not decode is left to the extractor, which
	 * says what is wrong with it */
	if (lt_image_decode(&leak, data, len, name ? name : "picture",
			    &lt_image_doc_decode) != LT_OK) {
		lt_error_clear();
		goto out;
	}
	if ((rc = lt_imark_figure_hashes(hashes, &nh, leak)))
		goto out;
	nr.hashes = hashes;
	nr.nhashes = nh;
	nr.max_distance = max_distance;
	for (f = 0; f < nfigs && rc == LT_OK; f++) {
		nr.cur = figs[f];
		nr.cur_kind = kinds[f];
		rc = lt_store_pages_each(v, figs[f], consider, &nr);
	}
	if (rc || !nr.n)
		goto out;
	*handled = 1;
	/*
	 * Several figures may look alike (one chart registered twice, as PNG
	 * and as JPEG): each is read, and the one whose own pattern the
	 * picture carries most strongly is taken; when none carries its
	 * pattern beyond chance, the one the picture fits best.  That choice
	 * looks at the documents' patterns and originals only, never at a
	 * recipient's symbols, so an innocent's symbols stay independent of
	 * it and the bound holds.
	 */
	for (i = 0; i < nr.n; i++) {
		lt_image_leak cand = {0};
		double energy, key;

		if ((rc = read_figure(v, nr.doc[i], nr.figure[i], nr.kind[i],
				      leak, &cand, &energy)))
			break;
		cand.distance = nr.distance[i];
		/* chance gives a mean squared z-score of about 1 */
		key = energy > MARK_ENERGY ? energy
					   : cand.reading.fit - 1.0;
		if (key > best) {
			best = key;
			lt_image_leak_clear(out);
			*out = cand;
		} else {
			lt_image_leak_clear(&cand);
		}
	}
	if (rc == LT_OK && *handled) {
		out->picture = leak;
		leak = NULL;
	}
out:
	if (rc)
		lt_image_leak_clear(out);
	free(figs);
	free(kinds);
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

int lt_image_leak_docx(int16_t **obs, size_t *total, size_t *observed,
		       lt_vault *v, const lt_doc *d, const void *pkg,
		       size_t len)
{
	lt_figures *figs = NULL;
	lt_docx *dx = NULL;
	lt_buf raw = {0};
	size_t k, i;
	int rc;

	*obs = NULL;
	*total = *observed = 0;
	{
		lt_document_info info;
		int64_t row;
		int word;

		memset(&info, 0, sizeof(info));
		rc = lt_store_docs_info(v, d->id, &info, &row);
		word = rc == LT_OK && info.format && !strcmp(info.format, "docx");
		free(info.id);
		free(info.title);
		free(info.format);
		free(info.registered_at);
		if (rc || !word)
			return rc;
	}
	if ((rc = lt_figures_load_row(&figs, v, d->rowid, d->id, "docx")) ||
	    !figs->slots)
		goto out;
	if (lt_docx_open(&dx, pkg, len, d->id) != LT_OK) {
		lt_error_clear();
		goto out;
	}
	if (!(*obs = malloc(figs->slots * sizeof(**obs)))) {
		rc = lt_error_set(LT_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < figs->slots; i++)
		(*obs)[i] = -1;
	*total = figs->slots;
	for (k = 0; k < figs->n && rc == LT_OK; k++) {
		const lt_figure *g = &figs->fig[k];
		lt_image *pic = NULL;

		/* a figure missing or broken in the file is unread */
		if (lt_docx_part_read(dx, g->part, LT_FIGURE_MAX_BYTES,
				      &raw) != LT_OK ||
		    lt_image_decode(&pic, raw.data, raw.len, g->part,
				    NULL) != LT_OK) {
			lt_error_clear();
			continue;
		}
		rc = lt_imark_read(*obs + g->at, NULL, NULL, g->grid, g->orig,
				   pic);
		lt_image_free(pic);
	}
	for (i = 0; i < *total; i++)
		*observed += (*obs)[i] >= 0;
out:
	if (rc) {
		free(*obs);
		*obs = NULL;
		*total = *observed = 0;
	}
	lt_buf_free(&raw);
	lt_docx_free(dx);
	lt_figures_free(figs);
	return rc;
}
