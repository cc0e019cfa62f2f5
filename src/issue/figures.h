/*
 * figures.h - the figures inside a Word original: its raster media
 * (PNG and JPEG parts under word/media/) large enough to carry image marks
 * (render/image_mark.h), each marked in every copy like an image original;
 * and those of a PDF original issued in its own look: its JPEG images
 * (pdfcopy.h), marked in every copy the same way, their slots after the
 * line slots.
 *
 * Figure k is the k-th such part in package order that decodes, is not
 * turned by EXIF, has no transparency (a PNG with alpha or tRNS would
 * change its look once written as plain RGB) and has the image module's
 * size; a part that lies about its size or does not decode is no figure
 * and stays unmarked.  Each figure's grid comes from a key of its own (the
 * document key and k), so no two figures share a pattern.  The figures'
 * image slots extend the document's code after its text slots: figure 0's
 * first, then figure 1's, ... (fig[k].at is figure k's first slot in the
 * extension), all decided by the original kept in the vault, so trace
 * rebuilds the same layout.
 *
 * Data flow: register -> lt_figures_docx() -> PDQ hash of each figure
 * recorded (lt_figures_register: page_hashes, figure k + 1); issue ->
 * lt_figures_load_row() -> lt_figures_write_docx() per copy; trace and
 * verify -> lt_figures_load_row() -> figure k's original and grid.
 */
#ifndef LT_ISSUE_FIGURES_H
#define LT_ISSUE_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"
#include "leaktrace/code.h"
#include "leaktrace/image.h"
#include "leaktrace/pdfcopy.h"
#include "render/docx.h"
#include "render/image_mark.h"
#include "store/vault_internal.h"

/* Largest media part read as a figure (bigger ones stay unmarked). */
#define LT_FIGURE_MAX_BYTES (32u << 20)

typedef struct lt_figure {
	char *part;            /* the package part ("word/media/image1.png") */
	lt_image *orig;        /* its pixels, as stored */
	lt_imark *grid;        /* its image slots */
	lt_image_format format;
	size_t at;             /* its first slot in the code's extension */
	size_t index;          /* a PDF's: its figure number in the plan */
} lt_figure;

typedef struct lt_figures {
	lt_figure *fig;
	size_t n;
	size_t base;           /* slots of the extension before the figures'
				  (a PDF original's line slots; 0 for Word) */
	size_t slots;          /* image slots of all the figures */
} lt_figures;

/*
 * The figures of the Word package `dx` under document key `doc_key`.
 * Always a set (maybe empty) on LT_OK; LT_ENOMEM, or LT_EINPUT when the
 * package itself cannot be read.  Free with lt_figures_free().
 */
int lt_figures_docx(lt_figures **out, const lt_docx *dx,
		    const uint8_t doc_key[LT_KEY_BYTES]);

/*
 * The figures of the PDF original planned as `plan` (its JPEG images,
 * pdfcopy.h), that take marks, keyed and laid out as a Word original's,
 * after the plan's line slots (base).  Always a set on LT_OK.
 */
int lt_figures_pdf(lt_figures **out, const lt_pdf_plan *plan,
		   const uint8_t doc_key[LT_KEY_BYTES]);

/* As lt_figures_pdf(), under the key of document `id` of vault `v`. */
int lt_figures_pdf_doc(lt_figures **out, lt_vault *v, const char *id,
		       const lt_pdf_plan *plan);

/*
 * One own-look PDF copy's figures: each figure of `f` marked with its
 * symbols sym[fig[k].at ...] (sym: the copy's codeword past the text
 * slots, line slots first) and given to `plan` for the copy it writes
 * next (lt_pdf_copy_write).
 */
int lt_figures_set_pdf(lt_pdf_plan *plan, const lt_figures *f,
		       const uint8_t *sym);

/*
 * The figures of document row `rowid` (id `id`, recorded format `format`)
 * from the original kept in the vault: those of a Word or PDF original, an
 * empty set for any other document.  LT_EVAULT when the kept original no
 * longer opens.
 */
int lt_figures_load_row(lt_figures **out, lt_vault *v, int64_t rowid,
			const char *id, const char *format);

void lt_figures_free(lt_figures *f);

/*
 * One Word copy: the package `dx` written with the text edits ed[0..ned)
 * and every figure of `f` (may be NULL: none) re-encoded in its own format
 * and size with its image symbols sym[fig[k].at ...] (the copy's codeword
 * past the text slots).  *psnr (may be NULL) gets the lowest PSNR of a
 * marked figure against its original (INFINITY when none).
 */
int lt_figures_write_docx(lt_buf *out, lt_docx *dx, const lt_text_edit *ed,
			  size_t ned, const lt_figures *f, const uint8_t *sym,
			  double *psnr);

/*
 * Record the PDQ hash of every figure of the Word or PDF original
 * (`format` "docx" or "pdf") of document row `rowid` (id `id`, kept in the vault already; inside the register
 * transaction), so that a picture of a figure alone is known as that
 * document's figure k.
 */
int lt_figures_register(lt_vault *v, int64_t rowid, const char *id,
			const char *format, const char *source);

#endif
