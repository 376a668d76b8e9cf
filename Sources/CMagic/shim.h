#ifndef EVIDENCEKIT_CMAGIC_SHIM_H
#define EVIDENCEKIT_CMAGIC_SHIM_H
#include <magic.h>
#endif
