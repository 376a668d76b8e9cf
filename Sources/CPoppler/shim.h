#ifndef EVIDENCEKIT_CPOPPLER_SHIM_H
#define EVIDENCEKIT_CPOPPLER_SHIM_H
// poppler-glib: PDF text layer and page rendering (through cairo image surfaces).
#include <poppler.h>
#include <cairo.h>
#endif
