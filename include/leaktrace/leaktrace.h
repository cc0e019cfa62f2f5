/*
 * leaktrace.h - the whole public API of liblt in one include.
 */
#ifndef LEAKTRACE_H
#define LEAKTRACE_H

#define LEAKTRACE_VERSION "0.1.0"

#include "leaktrace/buf.h"
#include "leaktrace/code.h"
#include "leaktrace/document.h"
#include "leaktrace/error.h"
#include "leaktrace/image.h"
#include "leaktrace/ingest.h"
#include "leaktrace/investigate.h"
#include "leaktrace/issue.h"
#include "leaktrace/ledger.h"
#include "leaktrace/report.h"
#include "leaktrace/verify.h"
#include "leaktrace/pdq.h"
#include "leaktrace/scan.h"
#include "leaktrace/slots.h"
#include "leaktrace/text.h"
#include "leaktrace/trace.h"
#include "leaktrace/vault.h"

#endif
