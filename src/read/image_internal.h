/*
 * image_internal.h - decoding an image row by row, for readers that need
 * only some of its rows (the PDQ hash of a large picture samples 512 of
 * them) and should not hold the whole decoded image in memory.
 */
#ifndef LEAKTRACE_IMAGE_INTERNAL_H
#define LEAKTRACE_IMAGE_INTERNAL_H

#include "leaktrace/image.h"

/*
 * Receives an image as it is decoded.  `size` is called once, before any
 * row, with the decoded size and channels (1 or 3, as lt_image); `row` is
 * called for rows 0, 1, ... height-1 in turn with width * channels bytes,
 * valid during the call only.  Either returns LT_OK to go on, or an error
 * code (after lt_error_set) that stops decoding and is returned.
 */
typedef struct lt_image_rows {
	int (*size)(void *ctx, int width, int height, int channels);
	int (*row)(void *ctx, int y, const unsigned char *pixels);
	void *ctx;
} lt_image_rows;

/*
 * A reader decodes one image file after another, keeping the memory one
 * image needed - the file's bytes, a progressive JPEG's coefficients - for
 * the next instead of taking it from the system (and having it faulted
 * in and zeroed) again.  At most 64 MB of each is kept between images.
 * One reader must not be used by two threads at once.
 */
typedef struct lt_image_reader lt_image_reader;

/* A new reader (LT_OK or LT_ENOMEM); free with lt_image_reader_free. */
int lt_image_reader_new(lt_image_reader **out);
void lt_image_reader_free(lt_image_reader *r);

/* As lt_image_stream_file, with the reader's memory. */
int lt_image_reader_stream_file(lt_image_reader *r, const char *path,
				const lt_image_options *opt,
				const lt_image_rows *sink);

/*
 * Read the image file at `path` and hand it to `sink` row by row, as
 * lt_image_load would decode it with `opt`.  A JPEG is streamed from the
 * decoder without the whole image in memory; a PNG, or a JPEG whose EXIF
 * orientation is to be applied, is decoded whole first.  Errors as
 * lt_image_load, or the sink's.
 */
int lt_image_stream_file(const char *path, const lt_image_options *opt,
			 const lt_image_rows *sink);

#endif
