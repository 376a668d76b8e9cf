#include "CDecoders.h"

uint64_t ek_work_budget(const ek_work_limits *limits, size_t count) {
    uint64_t per_byte = limits->work_per_byte, bytes = (uint64_t)count;
    if (per_byte != 0 && bytes > UINT64_MAX / per_byte) return UINT64_MAX;
    uint64_t extra = per_byte * bytes;
    return limits->max_work > UINT64_MAX - extra ? UINT64_MAX : limits->max_work + extra;
}
