/*
 * verify_figure.h - verifying figures (verify_figure.c): a picture of a
 * registered figure, and the figures inside a Word file, compared with
 * the originals kept in the vault; verify.c calls these and records the
 * event.
 */
#ifndef LT_FORENSICS_VERIFY_FIGURE_H
#define LT_FORENSICS_VERIFY_FIGURE_H

#include <stddef.h>

#include "leaktrace/vault.h"
#include "leaktrace/verify.h"

/*
 * When the picture in data[0..len) (`name` for messages) is a registered
 * figure (trace_image.h), fill `r` (empty, not an exact copy): its
 * document, "figure-altered" changes for the regions that differ from the
 * original (read/image_mark_read.h), and the verdict (altered; genuine
 * when none and the picture was registered; unknown when it could not
 * be), and set *handled.  Otherwise *handled 0 and `r` untouched.
 */
int lt_verify_figure(lt_verify_result *r, lt_vault *v, const void *data,
		     size_t len, const char *name, int *handled);

/*
 * Compare the figures of the Word file data[0..len), found to be a copy of
 * document r->document, with its original's (issue/figures.h): each
 * region that differs is a "figure-altered" change added to `r`, and the
 * verdict becomes altered.  A document that is no Word original, or a
 * file whose package or figure part cannot be read, adds nothing.
 */
int lt_verify_docx_figures(lt_verify_result *r, lt_vault *v,
			   const void *data, size_t len);

#endif
