/*
 * leaktrace.h - the whole public API of liblt in one include.
 *
 * Embedding: the library never reads the environment, exits, prints or
 * aborts; settings come in option structures (lt_vault_options,
 * lt_ocr_options), inputs from paths or memory (lt_extract_buffer,
 * lt_trace_buffer, lt_verify_buffer, lt_document_register_buffer) and
 * issued copies can go to a caller's function (lt_issue_options.sink).
 *
 * Threads.  Every function may be called from any thread; what they
 * share is decided by the objects passed in:
 *   - An open vault (lt_vault) and everything made from it or used
 *     through it (its OCR context, a scanner, a PDQ index being filled):
 *     one thread at a time.  Threads that work at once open one vault
 *     handle each, on the same directory: SQLite lets their reads run
 *     together and makes their writes take turns (each write is one
 *     transaction; a busy vault is waited for up to the lock timeout).
 *   - An OCR context (lt_ocr) and a PDQ index (lt_pdq_index): one thread
 *     at a time; make one per thread.
 *   - Results (lt_trace_result, lt_extract, ...) are plain data owned by
 *     the caller: read them from any number of threads, free them once.
 *   - Functions given no handle (lt_extract_buffer without an OCR
 *     context, lt_tokenize, lt_pdq_hash_image, lt_statement_check, ...)
 *     share nothing between calls.
 * The library's own process-wide state (word tables, MinHash
 * coefficients, the OCR runtime's settings, Poppler's log handler) is set
 * up once, through pthread_once, and only read afterwards.
 *
 * Errors: see error.h; a handle keeps the outcome of its last call.
 */
#ifndef LEAKTRACE_H
#define LEAKTRACE_H

#define LEAKTRACE_VERSION "0.1.0"

#include "leaktrace/buf.h"
#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/extract.h"
#include "leaktrace/image.h"
#include "leaktrace/ingest.h"
#include "leaktrace/investigate.h"
#include "leaktrace/issue.h"
#include "leaktrace/ledger.h"
#include "leaktrace/ocr.h"
#include "leaktrace/report.h"
#include "leaktrace/verify.h"
#include "leaktrace/pdfcopy.h"
#include "leaktrace/pdq.h"
#include "leaktrace/scan.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"

#endif
