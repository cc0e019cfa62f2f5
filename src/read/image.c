/*
 * image.c - JPEG (libjpeg) and PNG (libpng) decoding into 8-bit pixels
 * (image.h).
 *
 * Bytes in, lt_image out: the format is told by magic bytes, the declared
 * size is checked against the limits (and, for PNG, against what the file
 * could possibly hold) before any pixel memory is taken, and every
 * libjpeg/libpng failure is caught - libjpeg through an error_exit that
 * longjmps, libpng through its own setjmp - and reported as LT_EINPUT
 * naming the file.  A JPEG that ends early is an error too, not a grey
 * bottom half.  The EXIF orientation tag is read from the APP1 segment's
 * TIFF structure (IFD0, tag 0x0112), every offset bounds-checked.
 *
 * A JPEG can also be streamed row by row to a sink (image_internal.h)
 * instead of into an lt_image: the decoder is the same, only where each
 * row goes differs.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

#include "base/file.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "image_internal.h"

/* Largest image file read whole into memory. */
#define MAX_FILE_BYTES (512L * 1024 * 1024)

/* The most a deflate stream can expand (1032:1), with room to spare. */
#define DEFLATE_MAX_RATIO 1100

/* A JPEG with more warnings than this is too damaged to trust. */
#define MAX_JPEG_WARNINGS 1000

/* ---------------------------------------------------------------------
 * Formats and images
 * ------------------------------------------------------------------- */

lt_image_format lt_image_detect(const void *data, size_t len)
{
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G',
						   '\r', '\n', 0x1a, '\n'};
	const unsigned char *p = data;

	if (!p)
		return LT_IMAGE_UNKNOWN;
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return LT_IMAGE_JPEG;
	if (len >= 8 && memcmp(p, png_magic, 8) == 0)
		return LT_IMAGE_PNG;
	return LT_IMAGE_UNKNOWN;
}

const char *lt_image_format_name(lt_image_format format)
{
	switch (format) {
	case LT_IMAGE_JPEG: return "jpeg";
	case LT_IMAGE_PNG: return "png";
	default: return "unknown";
	}
}

void lt_image_free(lt_image *img)
{
	if (!img)
		return;
	free(img->pixels);
	free(img);
}

/*
 * Check a declared size against the limits; LT_OK or LT_EINPUT naming
 * `name`.
 */
static int check_size(const char *name, const char *what, long w, long h)
{
	if (w <= 0 || h <= 0)
		return lt_error_set(LT_EINPUT, "%s: %s image declares a size "
				    "of %ldx%ld pixels", name, what, w, h);
	if (w > LT_IMAGE_MAX_SIDE || h > LT_IMAGE_MAX_SIDE)
		return lt_error_set(LT_EINPUT, "%s: %s image of %ldx%ld "
				    "pixels is over the limit of %d pixels "
				    "a side", name, what, w, h,
				    LT_IMAGE_MAX_SIDE);
	if ((int64_t)w * h > LT_IMAGE_MAX_PIXELS)
		return lt_error_set(LT_EINPUT, "%s: %s image of %ldx%ld "
				    "pixels is over the limit of %ld pixels",
				    name, what, w, h, LT_IMAGE_MAX_PIXELS);
	return LT_OK;
}

/* A new image with room for w x h x channels bytes, or NULL. */
static lt_image *image_new(int w, int h, int channels)
{
	lt_image *img = calloc(1, sizeof(*img));

	if (!img)
		return NULL;
	img->pixels = malloc((size_t)w * (size_t)h * (size_t)channels);
	if (!img->pixels) {
		free(img);
		return NULL;
	}
	img->width = w;
	img->height = h;
	img->channels = channels;
	img->scale_denom = 1;
	img->orientation = 1;
	return img;
}

/* ---------------------------------------------------------------------
 * EXIF orientation
 * ------------------------------------------------------------------- */

static unsigned read16(const unsigned char *p, int little)
{
	return little ? (unsigned)p[0] | (unsigned)p[1] << 8
		      : (unsigned)p[0] << 8 | (unsigned)p[1];
}

static uint32_t read32(const unsigned char *p, int little)
{
	return little ? (uint32_t)p[0] | (uint32_t)p[1] << 8 |
				(uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
		      : (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
				(uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/*
 * The orientation (1..8) in an APP1 segment's payload, or 1 when the
 * segment is not EXIF, has no orientation tag, or holds a value out of
 * range.  Never reads outside p[0..n).
 */
__attribute__((noinline))
static int exif_orientation(const unsigned char *p, size_t n)
{
	uint32_t ifd;
	unsigned count, i;
	int little;

	if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
		return 1;
	p += 6;
	n -= 6;
	if (p[0] == 'I' && p[1] == 'I')
		little = 1;
	else if (p[0] == 'M' && p[1] == 'M')
		little = 0;
	else
		return 1;
	if (read16(p + 2, little) != 42)
		return 1;
	ifd = read32(p + 4, little);
	if (ifd < 8 || ifd > n - 2)
		return 1;
	count = read16(p + ifd, little);
	for (i = 0; i < count; i++) {
		size_t e = (size_t)ifd + 2 + (size_t)i * 12;
		unsigned tag, type, v;

		if (e + 12 > n)
			break;
		tag = read16(p + e, little);
		if (tag != 0x0112)
			continue;
		type = read16(p + e + 2, little);
		if (type != 3 || read32(p + e + 4, little) != 1)
			return 1;
		v = read16(p + e + 8, little);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* ---------------------------------------------------------------------
 * JPEG
 * ------------------------------------------------------------------- */

/* libjpeg's error manager, extended with a way out and what we hold. */
struct jpeg_ctx {
	struct jpeg_error_mgr pub;
	jmp_buf jmp;
	char msg[JMSG_LENGTH_MAX];
	int warnings;
	int orientation;
	lt_image *img;        /* freed on failure */
	unsigned char *row;   /* CMYK row buffer, freed always */
	unsigned char *line;  /* a streamed row, freed always */
	int sink_rc;          /* what the sink returned */
};

/* Fatal libjpeg error: keep the message, jump back to jpeg_decode. */
static void jpeg_on_error(j_common_ptr c)
{
	struct jpeg_ctx *x = (struct jpeg_ctx *)c->err;

	c->err->format_message(c, x->msg);
	longjmp(x->jmp, 1);
}

/*
 * libjpeg's messages: trace messages are ignored; warnings are counted,
 * and a premature end of data (libjpeg would pad the image with grey) is
 * fatal.
 */
static void jpeg_on_message(j_common_ptr c, int level)
{
	struct jpeg_ctx *x = (struct jpeg_ctx *)c->err;

	if (level >= 0)
		return;
	if (c->err->msg_code == JWRN_JPEG_EOF) {
		snprintf(x->msg, sizeof(x->msg), "the data ends early "
			 "(truncated file)");
		longjmp(x->jmp, 1);
	}
	if (++x->warnings > MAX_JPEG_WARNINGS) {
		snprintf(x->msg, sizeof(x->msg), "too many damaged parts");
		longjmp(x->jmp, 1);
	}
}

/* The scale denominator (1, 2, 4, 8) for a w x h JPEG and min_side. */
static int jpeg_scale(long w, long h, int min_side)
{
	static const int denoms[] = {8, 4, 2};
	size_t i;

	if (min_side <= 0)
		return 1;
	for (i = 0; i < sizeof(denoms) / sizeof(denoms[0]); i++) {
		long d = denoms[i];

		if ((w + d - 1) / d >= min_side && (h + d - 1) / d >= min_side)
			return (int)d;
	}
	return 1;
}

/*
 * Decode a JPEG into a new image (*out), or, when `sink` is not NULL, row
 * by row into the sink (out unused).
 */
static int jpeg_decode(lt_image **out, const unsigned char *data, size_t len,
		       const char *name, const lt_image_options *opt,
		       const lt_image_rows *sink)
{
	struct jpeg_decompress_struct ci;
	struct jpeg_ctx x;
	jpeg_saved_marker_ptr m;
	int rc, channels;
	long w, h;

	memset(&x, 0, sizeof(x));
	memset(&ci, 0, sizeof(ci));
	ci.err = jpeg_std_error(&x.pub);
	x.pub.error_exit = jpeg_on_error;
	x.pub.emit_message = jpeg_on_message;
	if (setjmp(x.jmp)) {
		jpeg_destroy_decompress(&ci);
		lt_image_free(x.img);
		free(x.row);
		free(x.line);
		if (x.sink_rc)
			return x.sink_rc;
		return lt_error_set(LT_EINPUT, "%s: not a readable JPEG "
				    "image: %s", name, x.msg);
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, data, (unsigned long)len);
	jpeg_save_markers(&ci, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(&ci, TRUE);

	w = (long)ci.image_width;
	h = (long)ci.image_height;
	if ((rc = check_size(name, "JPEG", w, h))) {
		jpeg_destroy_decompress(&ci);
		return rc;
	}
	x.orientation = 1;
	for (m = ci.marker_list; m; m = m->next) {
		if (m->marker == JPEG_APP0 + 1 &&
		    (x.orientation = exif_orientation(m->data,
						      m->data_length)) != 1)
			break;
	}

	switch (ci.jpeg_color_space) {
	case JCS_GRAYSCALE:
		ci.out_color_space = JCS_GRAYSCALE;
		channels = 1;
		break;
	case JCS_CMYK:
	case JCS_YCCK:
		ci.out_color_space = JCS_CMYK;
		channels = 3;
		break;
	default:
		/* JPEG's Y is the usual 0.299/0.587/0.114 luminance: when
		 * that is all the caller wants, libjpeg can skip the colour
		 * components' inverse DCT, upsampling and conversion. */
		if (opt && opt->luminance && ci.jpeg_color_space == JCS_YCbCr) {
			ci.out_color_space = JCS_GRAYSCALE;
			channels = 1;
		} else {
			ci.out_color_space = JCS_RGB;
			channels = 3;
		}
		break;
	}
	ci.scale_num = 1;
	ci.scale_denom = (unsigned)jpeg_scale(w, h, opt ? opt->min_side : 0);
	jpeg_start_decompress(&ci);
	if ((int)ci.output_components != (ci.out_color_space == JCS_CMYK ? 4
									  : channels) ||
	    ci.output_width == 0 || ci.output_height == 0) {
		snprintf(x.msg, sizeof(x.msg), "unexpected decoder output");
		longjmp(x.jmp, 1);
	}
	if (sink) {
		x.line = malloc((size_t)ci.output_width * (size_t)channels);
		if (x.line && (x.sink_rc = sink->size(sink->ctx,
						      (int)ci.output_width,
						      (int)ci.output_height,
						      channels)))
			longjmp(x.jmp, 1);
	} else {
		x.img = image_new((int)ci.output_width, (int)ci.output_height,
				  channels);
	}
	if (ci.out_color_space == JCS_CMYK && (x.img || x.line))
		x.row = malloc((size_t)ci.output_width * 4);
	if ((!x.img && !x.line) ||
	    (ci.out_color_space == JCS_CMYK && !x.row)) {
		jpeg_destroy_decompress(&ci);
		lt_image_free(x.img);
		free(x.row);
		free(x.line);
		return lt_error_set(LT_ENOMEM, "%s: out of memory decoding "
				    "a %ldx%ld JPEG image", name, w, h);
	}
	while (ci.output_scanline < ci.output_height) {
		int y = (int)ci.output_scanline;
		unsigned char *dst = x.line ? x.line :
			x.img->pixels + (size_t)y * (size_t)x.img->width *
						(size_t)channels;
		JSAMPROW row = x.row ? x.row : dst;

		jpeg_read_scanlines(&ci, &row, 1);
		if (x.row) {
			/* Adobe CMYK is stored inverted: 255 means no ink. */
			unsigned i;

			for (i = 0; i < ci.output_width; i++) {
				unsigned k = x.row[4 * i + 3];

				dst[3 * i] = (unsigned char)(x.row[4 * i] * k / 255);
				dst[3 * i + 1] = (unsigned char)(x.row[4 * i + 1] * k / 255);
				dst[3 * i + 2] = (unsigned char)(x.row[4 * i + 2] * k / 255);
			}
		}
		if (x.line && (x.sink_rc = sink->row(sink->ctx, y, dst)))
			longjmp(x.jmp, 1);
	}
	jpeg_finish_decompress(&ci);
	if (x.line) {
		jpeg_destroy_decompress(&ci);
		free(x.row);
		free(x.line);
		return LT_OK;
	}
	x.img->format = LT_IMAGE_JPEG;
	x.img->file_width = (int)w;
	x.img->file_height = (int)h;
	x.img->scale_denom = (int)ci.scale_denom;
	x.img->orientation = x.orientation;
	jpeg_destroy_decompress(&ci);
	free(x.row);
	*out = x.img;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * PNG
 * ------------------------------------------------------------------- */

struct png_ctx {
	jmp_buf jmp;
	char msg[256];
	const unsigned char *data;
	size_t len, pos;
	lt_image *img;          /* freed on failure */
	png_bytep *rows;        /* freed always */
};

static void png_on_error(png_structp p, png_const_charp msg)
{
	struct png_ctx *x = png_get_error_ptr(p);

	snprintf(x->msg, sizeof(x->msg), "%s", msg ? msg : "error");
	longjmp(x->jmp, 1);
}

static void png_on_warning(png_structp p, png_const_charp msg)
{
	(void)p;
	(void)msg;
}

/* libpng's reader over the bytes in memory; running out is an error. */
static void png_read_bytes(png_structp p, png_bytep out, png_size_t n)
{
	struct png_ctx *x = png_get_io_ptr(p);

	if (n > x->len - x->pos)
		png_error(p, "the data ends early (truncated file)");
	memcpy(out, x->data + x->pos, n);
	x->pos += n;
}

static int png_decode(lt_image **out, const unsigned char *data, size_t len,
		      const char *name)
{
	/* Everything changed between setjmp and longjmp lives in x. */
	struct png_ctx x;
	png_structp p;
	png_infop info;
	png_uint_32 w, h;
	int depth, type, channels, rc;
	size_t rowbytes, i;
	uint64_t raw;

	memset(&x, 0, sizeof(x));
	x.data = data;
	x.len = len;
	p = png_create_read_struct(PNG_LIBPNG_VER_STRING, &x, png_on_error,
				   png_on_warning);
	if (!p)
		return lt_error_set(LT_ENOMEM, "%s: out of memory", name);
	info = png_create_info_struct(p);
	if (!info) {
		png_destroy_read_struct(&p, NULL, NULL);
		return lt_error_set(LT_ENOMEM, "%s: out of memory", name);
	}
	if (setjmp(x.jmp)) {
		png_destroy_read_struct(&p, &info, NULL);
		lt_image_free(x.img);
		free(x.rows);
		return lt_error_set(LT_EINPUT, "%s: not a readable PNG image: "
				    "%s", name, x.msg);
	}
	png_set_read_fn(p, &x, png_read_bytes);
	png_set_user_limits(p, LT_IMAGE_MAX_SIDE, LT_IMAGE_MAX_SIDE);
	png_set_chunk_malloc_max(p, 16L * 1024 * 1024);
	png_read_info(p, info);

	w = png_get_image_width(p, info);
	h = png_get_image_height(p, info);
	depth = png_get_bit_depth(p, info);
	type = png_get_color_type(p, info);
	if ((rc = check_size(name, "PNG", (long)w, (long)h))) {
		png_destroy_read_struct(&p, &info, NULL);
		return rc;
	}
	/*
	 * A PNG's pixels are deflated; deflate cannot expand more than about
	 * 1032 times, so a file declaring far more pixel bytes than that
	 * lies about its size.  Refuse it before allocating.
	 */
	raw = (uint64_t)h * (1 + ((uint64_t)w * png_get_channels(p, info) *
				   (uint64_t)depth + 7) / 8);
	if (raw / DEFLATE_MAX_RATIO > len) {
		png_destroy_read_struct(&p, &info, NULL);
		return lt_error_set(LT_EINPUT, "%s: PNG image declares %ux%u "
				    "pixels but the file of %zu bytes cannot "
				    "hold them (damaged or forged header)",
				    name, (unsigned)w, (unsigned)h, len);
	}

	if (depth == 16)
		png_set_strip_16(p);
	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(p);
	if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
		png_set_expand_gray_1_2_4_to_8(p);
	if (type & PNG_COLOR_MASK_ALPHA)
		png_set_strip_alpha(p);
	png_set_interlace_handling(p);
	png_read_update_info(p, info);

	channels = png_get_channels(p, info);
	rowbytes = png_get_rowbytes(p, info);
	if ((channels != 1 && channels != 3) ||
	    rowbytes != (size_t)w * (size_t)channels) {
		snprintf(x.msg, sizeof(x.msg), "unsupported pixel layout");
		longjmp(x.jmp, 1);
	}
	x.img = image_new((int)w, (int)h, channels);
	x.rows = x.img ? malloc((size_t)h * sizeof(*x.rows)) : NULL;
	if (!x.rows) {
		png_destroy_read_struct(&p, &info, NULL);
		lt_image_free(x.img);
		return lt_error_set(LT_ENOMEM, "%s: out of memory decoding a "
				    "%ux%u PNG image", name, (unsigned)w,
				    (unsigned)h);
	}
	for (i = 0; i < h; i++)
		x.rows[i] = x.img->pixels + i * rowbytes;
	png_read_image(p, x.rows);
	png_read_end(p, NULL);
	png_destroy_read_struct(&p, &info, NULL);
	free(x.rows);
	x.img->format = LT_IMAGE_PNG;
	x.img->file_width = (int)w;
	x.img->file_height = (int)h;
	*out = x.img;
	return LT_OK;
}

/* ---------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------- */

int lt_image_decode(lt_image **out, const void *data, size_t len,
		    const char *name, const lt_image_options *opt)
{
	int rc;

	*out = NULL;
	if (!name)
		name = "image";
	switch (lt_image_detect(data, len)) {
	case LT_IMAGE_JPEG:
		rc = jpeg_decode(out, data, len, name, opt, NULL);
		break;
	case LT_IMAGE_PNG:
		rc = png_decode(out, data, len, name);
		break;
	default:
		if (len == 0)
			return lt_error_set(LT_EINPUT, "%s: empty file, not "
					    "an image", name);
		return lt_error_set(LT_EINPUT, "%s: not a JPEG or PNG image "
				    "(unrecognised first bytes)", name);
	}
	if (rc == LT_OK && opt && opt->apply_orientation &&
	    (rc = lt_image_apply_orientation(*out))) {
		lt_image_free(*out);
		*out = NULL;
	}
	return rc;
}

/*
 * Read the whole file at `path` into `data` (an lt_buf the caller frees).
 * A file that cannot be opened is LT_EIO here (image.h).
 */
static int read_file(const char *path, lt_buf *data)
{
	struct stat st;

	if (!path || access(path, R_OK) != 0 ||
	    (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
		return lt_error_set(LT_EIO, "%s: cannot open",
				    path ? path : "(null)");
	return lt_file_read(data, path, MAX_FILE_BYTES);
}

int lt_image_load(lt_image **out, const char *path,
		  const lt_image_options *opt)
{
	lt_buf data = {0};
	int rc;

	*out = NULL;
	if ((rc = read_file(path, &data))) {
		lt_buf_free(&data);
		return rc;
	}
	rc = lt_image_decode(out, data.data, data.len, path, opt);
	lt_buf_free(&data);
	return rc;
}

int lt_image_stream_file(const char *path, const lt_image_options *opt,
			 const lt_image_rows *sink)
{
	lt_buf data = {0};
	lt_image *img;
	size_t row;
	int rc, y;

	if ((rc = read_file(path, &data))) {
		lt_buf_free(&data);
		return rc;
	}
	if (lt_image_detect(data.data, data.len) == LT_IMAGE_JPEG &&
	    !(opt && opt->apply_orientation)) {
		rc = jpeg_decode(&img, (const unsigned char *)data.data,
				 data.len, path, opt, sink);
		lt_buf_free(&data);
		return rc;
	}
	rc = lt_image_decode(&img, data.data, data.len, path, opt);
	lt_buf_free(&data);
	if (rc)
		return rc;
	row = (size_t)img->width * (size_t)img->channels;
	rc = sink->size(sink->ctx, img->width, img->height, img->channels);
	for (y = 0; !rc && y < img->height; y++)
		rc = sink->row(sink->ctx, y, img->pixels + (size_t)y * row);
	lt_image_free(img);
	return rc;
}

int lt_image_apply_orientation(lt_image *img)
{
	int o = img->orientation, w = img->width, h = img->height;
	int c = img->channels, ow, oh, x, y, k;
	unsigned char *dst;

	if (img->oriented || o <= 1 || o > 8)
		return LT_OK;
	ow = o >= 5 ? h : w;
	oh = o >= 5 ? w : h;
	if (!(dst = malloc((size_t)w * (size_t)h * (size_t)c)))
		return lt_error_set(LT_ENOMEM, "out of memory orienting an "
				    "image");
	for (y = 0; y < oh; y++) {
		for (x = 0; x < ow; x++) {
			int sx, sy;
			const unsigned char *s;
			unsigned char *d = dst + ((size_t)y * ow + x) * c;

			switch (o) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			default: sx = w - 1 - y; sy = x; break;
			}
			s = img->pixels + ((size_t)sy * w + sx) * c;
			for (k = 0; k < c; k++)
				d[k] = s[k];
		}
	}
	free(img->pixels);
	img->pixels = dst;
	img->width = ow;
	img->height = oh;
	img->oriented = 1;
	return LT_OK;
}
