/*
 * extract.h - from any input file to text (and, for pages, the words seen
 * with their positions): the first step of trace and verify.
 *
 * Text and Markdown are decoded (text.h).  A PDF gives its text layer
 * (Poppler), with each word's box; pages without a text layer go to OCR.
 * A PNG or JPEG photo, scan or screenshot is rectified (page found,
 * perspective corrected, deskewed, illumination flattened, binarised:
 * Leptonica) and read by Tesseract, keeping word boxes and confidences.
 * The kind of file is told by its first bytes, not its name.
 *
 * Threads: these functions share nothing between calls; an OCR context
 * passed in is used by one thread at a time (ocr.h).  Errors go to the
 * thread's last error (error.h), and to the OCR context when one is given.
 */
#ifndef LEAKTRACE_EXTRACT_H
#define LEAKTRACE_EXTRACT_H

#include <stddef.h>

#include "leaktrace/buf.h"
#include "leaktrace/render.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lt_ocr lt_ocr; /* ocr.h */

typedef enum lt_extract_kind {
	LT_EXTRACT_TEXT = 0,
	LT_EXTRACT_PDF_TEXT = 1, /* PDF text layer */
	LT_EXTRACT_OCR = 2,      /* OCR of an image or of a PDF page */
	LT_EXTRACT_DOCX = 3      /* the body text of a Word (DOCX) file */
} lt_extract_kind;

/*
 * How much OCR one file may cost.  Zero-initialise, then set what is
 * wanted: 0 in a field means its default, a negative value no limit.
 * A PDF's pages without a text layer are rendered and read one by one
 * until a limit is reached, and the rest are skipped; a page image larger
 * than `page_megapixels` is scaled down to it before it is read.  The
 * seconds are wall-clock time spent rendering, rectifying and reading,
 * checked between pages and given to Tesseract as each page's deadline
 * (a page stopped at the deadline counts as skipped).  What was skipped
 * is reported in the result (lt_extract), never silently dropped.
 */
typedef struct lt_ocr_budget {
	int pages;              /* pages read by OCR (default 50) */
	double page_megapixels; /* pixels of one page image (default 40) */
	double file_megapixels; /* pixels read in all (default 1000) */
	double seconds;         /* wall-clock seconds of OCR (default 60) */
} lt_ocr_budget;

#define LT_OCR_DEFAULT_PAGES 50
#define LT_OCR_DEFAULT_PAGE_MEGAPIXELS 40.0
#define LT_OCR_DEFAULT_FILE_MEGAPIXELS 1000.0
#define LT_OCR_DEFAULT_SECONDS 60.0

typedef struct lt_extract {
	lt_extract_kind kind;
	lt_buf text;          /* all text, UTF-8, pages separated by "\n\n" */
	lt_seen_word *words;  /* words with boxes (NULL for plain text); each
				 words[i].text is malloc'd and freed by
				 lt_extract_free() */
	size_t nwords;
	size_t pages;
	double confidence;    /* mean OCR confidence 0..1 (1 for text) */
	/* timings in seconds, for the benchmark */
	double t_rectify, t_ocr;
	/* What the OCR budget (lt_ocr_budget) let through */
	size_t ocr_pages;      /* pages read by OCR */
	size_t ocr_skipped;    /* pages not read (or stopped): over budget */
	size_t ocr_downscaled; /* page images scaled down to the pixel limit */
	const char *ocr_limit; /* the first limit reached: "pages", "pixels"
				  or "seconds" (static), NULL when none */
	double ocr_seconds;    /* wall-clock seconds spent on OCR'd pages */
	double ocr_megapixels; /* pixels of the page images read */
} lt_extract;

/* Options of lt_extract_file_ex() (zero-initialise). */
typedef struct lt_extract_options {
	lt_ocr *ocr;          /* NULL: an engine loaded for this call */
	lt_ocr_budget budget; /* when `use_budget` is set; otherwise the
				 OCR context's (ocr.h), else the defaults */
	int use_budget;
} lt_extract_options;

/* Extract the file at `path`.  LT_EINPUT with a clear message for an
 * unreadable, damaged or unsupported file.  Pages that need OCR are read
 * with an engine loaded for this call.  Free with lt_extract_free(). */
int lt_extract_file(lt_extract **out, const char *path);

/* As lt_extract_file(), reading pages that need OCR with `ocr` (NULL: an
 * engine loaded for this call). */
int lt_extract_file_ocr(lt_extract **out, const char *path, lt_ocr *ocr);

/* As lt_extract_file(), with options (`opts` may be NULL). */
int lt_extract_file_ex(lt_extract **out, const char *path,
		       const lt_extract_options *opts);

/*
 * Extract `len` bytes in memory: the same result as lt_extract_file() on a
 * file holding them.  The kind is told by the first bytes; `name` (a file
 * name or a description such as "upload 3"; NULL: "input") is used in
 * messages and, as for a file, a name ending in .pdf, .png, .jpg or .jpeg
 * whose bytes are not one is refused rather than read as text.  `ocr` as
 * for lt_extract_file_ocr().  The bytes are not kept.
 */
int lt_extract_buffer(lt_extract **out, const void *data, size_t len,
		      const char *name, lt_ocr *ocr);

void lt_extract_free(lt_extract *e);

#ifdef __cplusplus
}
#endif
#endif
