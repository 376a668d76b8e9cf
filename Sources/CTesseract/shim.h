#ifndef EVIDENCEKIT_CTESSERACT_SHIM_H
#define EVIDENCEKIT_CTESSERACT_SHIM_H
// Tesseract's C API and Leptonica (its image library: decoding, grey, scaling, contrast).
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#endif
