#ifndef CONCEPTGRAPH_CLIBXML2_SHIM_H
#define CONCEPTGRAPH_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own copy
// ("'UErrorCode' has different definitions in different modules") on clean builds.
// Nothing here needs libxml2's ICU API, so hide it before the public headers load.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

// xmlFree is a macro-like global function pointer Swift cannot call directly.
static inline void cg_xml_free(void *p) { xmlFree(p); }
#endif
