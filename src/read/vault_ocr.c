/*
 * vault_ocr.c - the OCR context of an open vault, made when first needed:
 * the vault (store/) keeps it but never calls the reading stage itself.
 */
#include "leaktrace/error.h"
#include "read/vault_ocr.h"

lt_ocr *lt_vault_ocr(lt_vault *v)
{
	lt_ocr_options o = {0};

	if (v->ocr)
		return v->ocr;
	o.tessdata = v->tessdata;
	o.budget = v->ocr_budget;
	if (lt_ocr_new(&v->own_ocr, &o) != LT_OK) {
		lt_error_clear();
		return NULL;
	}
	v->free_ocr = lt_ocr_free;
	v->ocr = v->own_ocr;
	return v->ocr;
}
