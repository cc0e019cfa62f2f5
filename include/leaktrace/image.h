/*
 * image.h - decoding JPEG and PNG images into 8-bit pixels.
 *
 * Photos and screenshots reach leaktrace from platform exports and from
 * the command line; this module turns their bytes into a plain pixel
 * buffer (RGB or luminance, 8 bits a sample, row-major) for hashing
 * (pdq.h) and, later, OCR.  The format is told by the file's magic bytes,
 * never by its name.  Every decoder failure - truncated data, a header that
 * lies about the size, a size over the limits, bytes that are no image at
 * all - becomes LT_EINPUT with a message naming the file and what is wrong;
 * no input crashes the process.
 *
 * JPEG files may be decoded at a reduced scale (1/2, 1/4 or 1/8, done by
 * libjpeg inside its inverse DCT, which is far cheaper than decoding at
 * full size and scaling down) when the caller says how many pixels a side
 * it needs.  The EXIF orientation of a JPEG is read and reported; it is
 * applied to the pixels only when the caller asks.
 */
#ifndef LEAKTRACE_IMAGE_H
#define LEAKTRACE_IMAGE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Limits on what a file may declare; larger images are refused. */
#define LT_IMAGE_MAX_SIDE 20000
#define LT_IMAGE_MAX_PIXELS 100000000L

typedef enum lt_image_format {
	LT_IMAGE_UNKNOWN = 0,
	LT_IMAGE_JPEG,
	LT_IMAGE_PNG
} lt_image_format;

/*
 * A decoded image.  `pixels` holds height rows of width * channels bytes
 * (channels 1: luminance; 3: R, G, B), owned by the image and released by
 * lt_image_free().
 */
typedef struct lt_image {
	int width;             /* pixels a row, as decoded */
	int height;            /* rows, as decoded */
	int channels;          /* 1 or 3 */
	unsigned char *pixels; /* height * width * channels bytes */
	lt_image_format format;
	int file_width;        /* the size the file declares */
	int file_height;
	int scale_denom;       /* 1, 2, 4 or 8: decoded at 1/scale_denom */
	int orientation;       /* EXIF orientation 1..8 (1 when absent or
				  invalid), as it was in the file */
	int oriented;          /* 1 when the orientation has been applied */
} lt_image;

/* How to decode; a zeroed struct (or NULL) means full size, as stored. */
typedef struct lt_image_options {
	/*
	 * When > 0, a JPEG may be decoded at the smallest scale 1/2, 1/4 or
	 * 1/8 whose both sides are still at least min_side pixels.  PNG is
	 * always decoded at full size.
	 */
	int min_side;
	/* Apply the EXIF orientation (rotate/flip the pixels upright). */
	int apply_orientation;
	/*
	 * Luminance is enough: a colour JPEG may then be decoded to its
	 * luminance (Y) channel only (channels 1), which is faster.  PNG and
	 * other JPEG colour spaces are decoded as usual.
	 */
	int luminance;
} lt_image_options;

/* The format of `data` by its magic bytes (LT_IMAGE_UNKNOWN if neither). */
lt_image_format lt_image_detect(const void *data, size_t len);

/* A short name of a format: "jpeg", "png" or "unknown". */
const char *lt_image_format_name(lt_image_format format);

/*
 * Decode `len` bytes of a JPEG or PNG image.  `name` (the file name, or a
 * description such as "attachment 3") is used in error messages only.
 * On success *out is a new image, released with lt_image_free().
 * Errors: LT_EINPUT (not an image, damaged, over the limits), LT_ENOMEM.
 */
int lt_image_decode(lt_image **out, const void *data, size_t len,
		    const char *name, const lt_image_options *opt);

/*
 * Read and decode the image file at `path` (LT_EIO when it cannot be read;
 * otherwise as lt_image_decode).
 */
int lt_image_load(lt_image **out, const char *path,
		  const lt_image_options *opt);

/*
 * Rotate and flip the pixels so that the image stands as its EXIF
 * orientation says it should be shown; sets `oriented`.  Does nothing when
 * the orientation is 1 or already applied.  LT_OK or LT_ENOMEM (the image
 * is then unchanged).
 */
int lt_image_apply_orientation(lt_image *img);

/* Release an image (NULL is fine). */
void lt_image_free(lt_image *img);

#ifdef __cplusplus
}
#endif
#endif
