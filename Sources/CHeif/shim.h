#ifndef EVIDENCEKIT_CHEIF_SHIM_H
#define EVIDENCEKIT_CHEIF_SHIM_H
// libheif (HEIC/HEIF decoding): used only by the separate `evidence-heif-decode` process.
#include <libheif/heif.h>
#endif
