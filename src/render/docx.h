/*
 * docx.h - Word (DOCX) documents as text: the text of a package's main
 * document, and the same package written again with edits to that text.
 *
 * The text is that of the body (word/document.xml), paragraphs (body,
 * tables, text boxes) separated by a blank line, w:tab as a tab and
 * w:br/w:cr as a line break; deleted text (tracked changes) and field
 * codes are left out.  Headers, footers, footnotes and comments are not
 * part of it.  Every byte of the text that comes from a w:t element is
 * editable: lt_docx_write() replaces ranges of the text inside those
 * elements (a range running over several runs lands in the first, whose
 * formatting it then takes; the others lose its bytes), and copies every
 * other part of the package as it is, but media parts given new bytes
 * (lt_docx_write_parts(): a copy's marked figures).
 *
 * A package is read with libzip, its XML with libxml2 (no network, no
 * entity expansion), within limits that refuse a ZIP bomb: errors are
 * LT_EINPUT naming the file and what is wrong.
 *
 * Threads: a handle is used by one thread at a time (lt_docx_write()
 * changes and restores its XML tree); separate handles are independent.
 */
#ifndef LT_RENDER_DOCX_H
#define LT_RENDER_DOCX_H

#include <stddef.h>
#include <stdint.h>

#include "leaktrace/buf.h"

typedef struct lt_docx lt_docx;

/* One change to the text: bytes [start, end) become text[0..len). */
typedef struct lt_text_edit {
	uint32_t start, end;
	const char *text;
	size_t len;
} lt_text_edit;

/* The bytes look like a ZIP package (a DOCX, or another). */
int lt_docx_sniff(const void *data, size_t len);

/* Open the package in data[0..len) (copied); `name` names it in errors.
 * Free with lt_docx_free(). */
int lt_docx_open(lt_docx **out, const void *data, size_t len,
		 const char *name);
void lt_docx_free(lt_docx *d);

/* The text of the body (valid UTF-8, no NUL), and its length. */
const char *lt_docx_text(const lt_docx *d, size_t *len);

/* Whether every byte of [start, end) of the text is editable (and, for an
 * insertion, start == end, whether there is a w:t it can go into). */
int lt_docx_editable(const lt_docx *d, uint32_t start, uint32_t end);

/*
 * Write the package again into `out` with the `n` edits applied (sorted by
 * start, not overlapping, each editable: LT_EUSAGE otherwise).  Every part
 * but word/document.xml is copied as it is, in its place; the same edits
 * give the same bytes.
 */
int lt_docx_write(lt_buf *out, lt_docx *d, const lt_text_edit *edits,
		  size_t n);

/* A part of the package given new bytes (a marked figure). */
typedef struct lt_docx_part {
	const char *name; /* "word/media/image1.png" */
	const void *data;
	size_t len;
} lt_docx_part;

/*
 * As lt_docx_write(), and the `nparts` parts named in `parts` (each in the
 * package: LT_EUSAGE otherwise) get their new bytes, in their place and
 * with their time; word/document.xml cannot be given bytes this way.
 */
int lt_docx_write_parts(lt_buf *out, lt_docx *d, const lt_text_edit *edits,
			size_t n, const lt_docx_part *parts, size_t nparts);

/*
 * The names of the package's raster media parts - word/media/NAME.png,
 * .jpeg or .jpg, any case - in package order (the figures of the
 * document): *names holds *n strings; free with lt_docx_names_free().
 */
int lt_docx_media(const lt_docx *d, char ***names, size_t *n);
void lt_docx_names_free(char **names, size_t n);

/*
 * The bytes of part `part` into `out` (cleared first), at most `max`
 * uncompressed: LT_ENOTFOUND when there is no such part, LT_EINPUT when it
 * is larger, lies about its size, is damaged or encrypted.
 */
int lt_docx_part_read(const lt_docx *d, const char *part, size_t max,
		      lt_buf *out);

#endif
