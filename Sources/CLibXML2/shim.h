#ifndef S3CHECK_CLIBXML2_SHIM_H
#define S3CHECK_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; importing ICU's types next to Foundation's fails clean builds
// with "'UErrorCode' has different definitions in different modules".
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// xmlFree is a mutable global function pointer, which Swift 6 rejects as not concurrency-safe.
static inline void s3_xmlFree(void *pointer) { xmlFree(pointer); }

// Some libxml2 2.9 messages bypass the structured handler and go to the variadic generic
// handler; Swift cannot define a variadic C function, so the no-op lives here.
static void s3_ignoreGenericError(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void s3_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, s3_ignoreGenericError);
    xmlThrDefSetGenericErrorFunc(NULL, s3_ignoreGenericError);
}

#endif
