/*
 * utf8.c - decoding and encoding UTF-8 (utf8.h) over utf8proc.
 */
#include <utf8proc.h>

#include "base/utf8.h"

size_t lt_utf8_decode(const void *s, size_t len, uint32_t *cp)
{
	const unsigned char *p = s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;

	if (len == 0)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	n = utf8proc_iterate(p, len > 4 ? 4 : (utf8proc_ssize_t)len, &c);
	if (n <= 0)
		return 0;
	*cp = (uint32_t)c;
	return (size_t)n;
}

size_t lt_utf8_next(const void *s, size_t len, uint32_t *cp)
{
	size_t n = lt_utf8_decode(s, len, cp);

	if (n == 0 && len > 0) {
		*cp = 0xFFFD;
		n = 1;
	}
	return n;
}

size_t lt_utf8_invalid_at(const void *s, size_t len)
{
	const unsigned char *p = s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = lt_utf8_decode(p + i, len - i, &cp)) == 0)
			return i;
		i += n;
	}
	return len;
}

size_t lt_utf8_count(const void *s, size_t len)
{
	const unsigned char *p = s;
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += (p[i] & 0xC0) != 0x80;
	return n;
}

int lt_utf8_at_boundary(const void *s, size_t len, size_t off)
{
	const unsigned char *p = s;

	return off >= len || (p[off] & 0xC0) != 0x80;
}

size_t lt_utf8_encode(uint32_t cp, char out[4])
{
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
					    (utf8proc_uint8_t *)out);
}

int lt_utf8_put(lt_buf *b, uint32_t cp)
{
	char s[4];

	return lt_buf_append(b, s, lt_utf8_encode(cp, s));
}
