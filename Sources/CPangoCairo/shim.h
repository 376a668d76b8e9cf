#ifndef EVIDENCEKIT_CPANGOCAIRO_SHIM_H
#define EVIDENCEKIT_CPANGOCAIRO_SHIM_H
// Pango (text layout, CJK line breaking, font fallback) on Cairo (PDF surfaces): the evidence
// PDF of `evidence export` (Sources/EvidenceKit/Export/ only).
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#endif
