/*
 * vault_ocr.h - the OCR context pages read through a vault use.
 */
#ifndef LT_READ_VAULT_OCR_H
#define LT_READ_VAULT_OCR_H

#include "leaktrace/ocr.h"
#include "store/vault_internal.h"

/*
 * The context given in the vault's options, else the vault's own, made at
 * the first call (with the options' tessdata) and freed when the vault
 * closes.  NULL when it cannot be made: readers then make one for the
 * call.  Used by the vault's thread, as the vault is.
 */
lt_ocr *lt_vault_ocr(lt_vault *v);

#endif
