/*
 * escape.c - text made safe for the report's HTML and SVG: markup
 * characters as entities, control characters and invalid UTF-8 as U+FFFD.
 */
#include <stdint.h>
#include <string.h>

#include "leaktrace/error.h"
#include "leaktrace/report.h"
#include "base/utf8.h"

int lt_html_escape(lt_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int rc = LT_OK;

	if (!s)
		return LT_OK;
	while (*p && rc == LT_OK) {
		uint32_t cp;
		size_t n = lt_utf8_decode(p, strnlen((const char *)p, 4), &cp);

		if (n == 0) {
			rc = lt_buf_puts(out, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (n > 1) {
			/* C1 controls (U+0080..U+009F) are not allowed in HTML. */
			if (cp < 0xa0)
				rc = lt_buf_puts(out, "\xef\xbf\xbd");
			else
				rc = lt_buf_append(out, p, n);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': rc = lt_buf_puts(out, "&amp;"); break;
		case '<': rc = lt_buf_puts(out, "&lt;"); break;
		case '>': rc = lt_buf_puts(out, "&gt;"); break;
		case '"': rc = lt_buf_puts(out, "&quot;"); break;
		case '\'': rc = lt_buf_puts(out, "&#39;"); break;
		case '\t':
		case '\n': rc = lt_buf_putc(out, (char)*p); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rc = lt_buf_puts(out, "\xef\xbf\xbd");
			else
				rc = lt_buf_putc(out, (char)*p);
		}
		p++;
	}
	return rc;
}
