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
 * row goes differs.  A reader (lt_image_reader) carries what one image
 * leaves behind for the next: the buffer the file is read into and the
 * memory of a progressive JPEG's coefficients, which libjpeg would
 * otherwise take fresh from the system - and have the kernel fault in
 * and zero, page by page - for every image.
 */
#include <errno.h>
#include <fcntl.h>
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

/* ---------------------------------------------------------------------
 * Readers: memory kept from one image to the next
 * ------------------------------------------------------------------- */

/* A reader keeps at most this much coefficient memory between images. */
#define READER_KEEP_BYTES (64UL * 1024 * 1024)

/*
 * One whole-image coefficient array of a JPEG being decoded (libjpeg's
 * "virtual block array"), all of it in the reader's arena.  libjpeg sees
 * only a pointer to it, as its opaque jvirt_barray_ptr.
 */
struct coef_array {
	JBLOCKARRAY rows;         /* NULL until realized */
	JDIMENSION blocks_per_row;
	JDIMENSION nrows;
	JDIMENSION max_access;    /* most rows one access may ask for */
	JDIMENSION first_undefined; /* rows below this have been written */
	boolean pre_zero;         /* unwritten rows read as zeros */
};

struct lt_image_reader {
	lt_buf file;              /* the last file read */
	unsigned char *arena;     /* coefficient memory */
	size_t arena_cap, arena_used;
	struct coef_array coef[MAX_COMPONENTS];
	int ncoef;
	void (*libjpeg_realize)(j_common_ptr);
};

int lt_image_reader_new(lt_image_reader **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return lt_error_set(LT_ENOMEM, "out of memory");
	return LT_OK;
}

void lt_image_reader_free(lt_image_reader *r)
{
	if (!r)
		return;
	lt_buf_free(&r->file);
	free(r->arena);
	free(r);
}

/*
 * After an image: drop memory too large to be worth keeping (one huge
 * image should not pin its size for the rest of the process).
 */
static void reader_done(lt_image_reader *r)
{
	if (r->arena_cap > READER_KEEP_BYTES) {
		free(r->arena);
		r->arena = NULL;
		r->arena_cap = 0;
	}
	if (r->file.cap > READER_KEEP_BYTES)
		lt_buf_free(&r->file);
	r->ncoef = 0;
	r->arena_used = 0;
}

/*
 * libjpeg's memory manager, three of its methods replaced: whole-image
 * coefficient arrays (which only a progressive or multi-scan JPEG needs)
 * come from the reader's arena instead of malloc.  The contract is
 * libjpeg's (libjpeg.txt, "Memory manager services"): arrays are
 * requested while decoding starts, realized all at once, then accessed a
 * strip of rows at a time, rows that were never written reading as zeros
 * when pre_zero is set.  The arrays live until the image is done; libjpeg
 * frees nothing of them, as it never saw them allocated.
 */
static jvirt_barray_ptr reader_request_coef(j_common_ptr c, int pool_id,
					    boolean pre_zero,
					    JDIMENSION blocks_per_row,
					    JDIMENSION nrows,
					    JDIMENSION max_access)
{
	lt_image_reader *r = c->client_data;
	struct coef_array *a;

	if (pool_id != JPOOL_IMAGE)
		ERREXIT1(c, JERR_BAD_POOL_ID, pool_id);
	if (r->ncoef >= MAX_COMPONENTS)
		ERREXIT(c, JERR_BAD_VIRTUAL_ACCESS);
	a = &r->coef[r->ncoef++];
	memset(a, 0, sizeof(*a));
	a->blocks_per_row = blocks_per_row;
	a->nrows = nrows;
	a->max_access = max_access;
	a->pre_zero = pre_zero;
	return (jvirt_barray_ptr)(void *)a;
}

/* Bytes of one array in the arena: its row pointers, then its blocks. */
static size_t coef_bytes(const struct coef_array *a)
{
	size_t ptrs = (size_t)a->nrows * sizeof(JBLOCKROW);

	ptrs = (ptrs + 63) & ~(size_t)63;
	return ptrs + (size_t)a->nrows * a->blocks_per_row * sizeof(JBLOCK);
}

static void reader_realize(j_common_ptr c)
{
	lt_image_reader *r = c->client_data;
	size_t need = r->arena_used, at;
	int i;
	JDIMENSION k;

	r->libjpeg_realize(c);
	for (i = 0; i < r->ncoef; i++)
		if (!r->coef[i].rows)
			need += coef_bytes(&r->coef[i]);
	if (need > r->arena_cap) {
		/* Growing moves the arena: only before anything is in it. */
		if (r->arena_used)
			ERREXIT(c, JERR_BAD_VIRTUAL_ACCESS);
		free(r->arena);
		r->arena_cap = 0;
		if (!(r->arena = malloc(need)))
			ERREXIT1(c, JERR_OUT_OF_MEMORY, 10);
		r->arena_cap = need;
	}
	at = r->arena_used;
	for (i = 0; i < r->ncoef; i++) {
		struct coef_array *a = &r->coef[i];
		size_t ptrs = ((size_t)a->nrows * sizeof(JBLOCKROW) + 63) &
			      ~(size_t)63;
		JBLOCKROW blocks;

		if (a->rows)
			continue;
		a->rows = (JBLOCKARRAY)(void *)(r->arena + at);
		blocks = (JBLOCKROW)(void *)(r->arena + at + ptrs);
		for (k = 0; k < a->nrows; k++)
			a->rows[k] = blocks + (size_t)k * a->blocks_per_row;
		at += coef_bytes(a);
	}
	r->arena_used = at;
}

static JBLOCKARRAY reader_access_coef(j_common_ptr c, jvirt_barray_ptr ptr,
				      JDIMENSION start, JDIMENSION n,
				      boolean writable)
{
	struct coef_array *a = (struct coef_array *)(void *)ptr;
	JDIMENSION end = start + n, from, k;

	if (!a->rows || end > a->nrows || end < start || n > a->max_access)
		ERREXIT(c, JERR_BAD_VIRTUAL_ACCESS);
	if (a->first_undefined < end) {
		if (a->first_undefined < start) {
			/* A writer may not skip rows. */
			if (writable)
				ERREXIT(c, JERR_BAD_VIRTUAL_ACCESS);
			from = start;
		} else {
			from = a->first_undefined;
		}
		if (writable)
			a->first_undefined = end;
		if (a->pre_zero) {
			for (k = from; k < end; k++)
				memset(a->rows[k], 0, (size_t)a->blocks_per_row *
						      sizeof(JBLOCK));
		} else if (!writable) {
			ERREXIT(c, JERR_BAD_VIRTUAL_ACCESS);
		}
	}
	return a->rows + start;
}

/* Have decompressor `ci` take its coefficient arrays from reader `r`. */
static void reader_attach(lt_image_reader *r, j_decompress_ptr ci)
{
	r->ncoef = 0;
	r->arena_used = 0;
	ci->client_data = r;
	r->libjpeg_realize = ci->mem->realize_virt_arrays;
	ci->mem->request_virt_barray = reader_request_coef;
	ci->mem->realize_virt_arrays = reader_realize;
	ci->mem->access_virt_barray = reader_access_coef;
}

/*
 * Decode a JPEG into a new image (*out), or, when `sink` is not NULL, row
 * by row into the sink (out unused);
 * with a reader `rd` (may be NULL), from its memory.
 */
static int jpeg_decode(lt_image **out, const unsigned char *data, size_t len,
		       const char *name, const lt_image_options *opt,
		       const lt_image_rows *sink, lt_image_reader *rd)
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
	if (rd)
		reader_attach(rd, &ci);
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
		rc = jpeg_decode(out, data, len, name, opt, NULL, NULL);
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
 * Read the whole file at `path` into `data` (an lt_buf the caller frees;
 * its contents are replaced, its storage reused).  A regular file is read
 * with one read of its size into a buffer of that size.  A file that
 * cannot be opened is LT_EIO here (image.h).
 */
static int read_file(const char *path, lt_buf *data)
{
	struct stat st;
	size_t size, got = 0;
	int fd, rc = LT_OK;

	lt_buf_clear(data);
	if (!path || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return lt_error_set(LT_EIO, "%s: cannot open",
				    path ? path : "(null)");
	if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
		close(fd);
		return lt_error_set(LT_EIO, "%s: cannot open", path);
	}
	if (!S_ISREG(st.st_mode)) {
		/* A pipe or device: read as it comes. */
		close(fd);
		return lt_file_read(data, path, MAX_FILE_BYTES);
	}
	if ((uint64_t)st.st_size > MAX_FILE_BYTES) {
		close(fd);
		return lt_error_set(LT_EINPUT, "%s: too large (%llu bytes, "
				    "limit %ld)", path,
				    (unsigned long long)st.st_size,
				    MAX_FILE_BYTES);
	}
	size = (size_t)st.st_size;
	if ((rc = lt_buf_reserve(data, size))) {
		close(fd);
		return rc;
	}
	while (got < size) {
		ssize_t n = read(fd, data->data + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = lt_error_set(LT_EIO, "%s: read error: %s", path,
					  strerror(errno));
			break;
		}
		if (n == 0)
			break;  /* it shrank: decode what there is */
		got += (size_t)n;
	}
	close(fd);
	data->len = got;
	data->data[got] = '\0';
	return rc;
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

/* Hand a decoded image to a sink row by row. */
static int image_to_sink(const lt_image *img, const lt_image_rows *sink)
{
	size_t row = (size_t)img->width * (size_t)img->channels;
	int rc, y;

	rc = sink->size(sink->ctx, img->width, img->height, img->channels);
	for (y = 0; !rc && y < img->height; y++)
		rc = sink->row(sink->ctx, y, img->pixels + (size_t)y * row);
	return rc;
}

int lt_image_reader_stream_file(lt_image_reader *r, const char *path,
				const lt_image_options *opt,
				const lt_image_rows *sink)
{
	lt_image *img;
	int rc;

	if ((rc = read_file(path, &r->file)))
		goto done;
	if (lt_image_detect(r->file.data, r->file.len) == LT_IMAGE_JPEG &&
	    !(opt && opt->apply_orientation)) {
		rc = jpeg_decode(&img, (const unsigned char *)r->file.data,
				 r->file.len, path, opt, sink, r);
		goto done;
	}
	if ((rc = lt_image_decode(&img, r->file.data, r->file.len, path,
				  opt)))
		goto done;
	rc = image_to_sink(img, sink);
	lt_image_free(img);
done:
	reader_done(r);
	return rc;
}

int lt_image_stream_file(const char *path, const lt_image_options *opt,
			 const lt_image_rows *sink)
{
	lt_image_reader *r;
	int rc;

	if ((rc = lt_image_reader_new(&r)))
		return rc;
	rc = lt_image_reader_stream_file(r, path, opt, sink);
	lt_image_reader_free(r);
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
