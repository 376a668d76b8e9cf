#ifndef EVIDENCEKIT_CDECODERS_H
#define EVIDENCEKIT_CDECODERS_H
/*
 * The one place where EvidenceKit calls libpng, libjpeg(-turbo), libexif, qpdf, libwebp
 * (+ libwebpdemux) and giflib. libpng and libjpeg report fatal errors with longjmp, which
 * Swift cannot catch, so the setjmp lives here; every library's failures reach Swift as plain
 * status codes and messages.
 */
#include <stddef.h>
#include <stdint.h>

#define EK_MESSAGE_SIZE 256

/* ---- PNG: a push decoder, fed chunk by chunk as the file is streamed. ---- */
typedef struct ek_png_checker ek_png_checker;

/* Creates a checker that refuses images with more than max_pixels pixels. NULL on OOM. */
ek_png_checker *ek_png_checker_create(uint64_t max_pixels);
/* Feeds the next bytes. Returns 0 while the stream is sound, -1 once it is not. */
int ek_png_checker_feed(ek_png_checker *checker, const uint8_t *bytes, size_t count);
/* Ends the stream. Returns 0 if a complete, valid PNG was seen, -1 otherwise. */
int ek_png_checker_finish(ek_png_checker *checker);
uint32_t ek_png_checker_width(const ek_png_checker *checker);
uint32_t ek_png_checker_height(const ek_png_checker *checker);
/* 1 when the image was refused only because it exceeds max_pixels. */
int ek_png_checker_too_large(const ek_png_checker *checker);
/* Bytes fed after the IEND chunk (data appended to the image). */
uint64_t ek_png_checker_trailing_bytes(const ek_png_checker *checker);
/* The first error (or empty), and the first of the warnings with their count. */
const char *ek_png_checker_message(const ek_png_checker *checker);
const char *ek_png_checker_warning(const ek_png_checker *checker);
unsigned ek_png_checker_warning_count(const ek_png_checker *checker);
void ek_png_checker_destroy(ek_png_checker *checker);

/* ---- JPEG: a full entropy decode (at 1/8 scale) of an in-memory file. ---- */
typedef struct {
    int status;              /* 0 valid, -1 corrupt, -2 too large to check */
    uint32_t width;
    uint32_t height;
    unsigned warning_count;  /* libjpeg "corrupt data" warnings: any one means damage */
    uint64_t trailing_bytes; /* bytes after the EOI marker */
    int progressive;
    char message[EK_MESSAGE_SIZE];
} ek_jpeg_result;

void ek_jpeg_check(const uint8_t *bytes, size_t count, uint64_t max_pixels, ek_jpeg_result *result);

/* ---- WebP (libwebp + libwebpdemux): every frame of an in-memory file decoded. ---- */
typedef struct {
    int status;              /* 0 valid, -1 corrupt, -2 too large to check */
    uint32_t width;          /* canvas size */
    uint32_t height;
    int animated;
    int lossless;            /* the (first) bitstream is VP8L */
    uint32_t frame_count;
    uint32_t frames_decoded; /* fewer than frame_count when max_decoded_pixels ran out */
    uint64_t trailing_bytes; /* bytes after the RIFF chunk */
    uint64_t exif_offset;    /* the EXIF chunk's payload within the bytes, when exif_size > 0 */
    uint64_t exif_size;
    char message[EK_MESSAGE_SIZE];
} ek_webp_result;

/* max_pixels bounds the canvas and each frame (checked from the headers before any decoding);
 * max_decoded_pixels bounds the sum over the frames decoded (later frames: structure only). */
void ek_webp_check(const uint8_t *bytes, size_t count, uint64_t max_pixels, uint64_t max_decoded_pixels,
                   ek_webp_result *result);

/* ---- GIF (giflib): every record read, every frame's LZW codes checked against the dictionary. ---- */
typedef struct {
    int status;              /* 0 valid, -1 corrupt, -2 too large to check */
    uint32_t width;          /* logical screen size (or the refused frame's size when status is -2) */
    uint32_t height;
    uint32_t frame_count;
    uint64_t trailing_bytes; /* bytes after the trailer (0x3B) */
    char message[EK_MESSAGE_SIZE];
} ek_gif_result;

/* max_pixels bounds the logical screen and each frame (checked from the descriptors). */
void ek_gif_check(const uint8_t *bytes, size_t count, uint64_t max_pixels, ek_gif_result *result);

/* ---- EXIF (libexif): from a JPEG file or a bare "Exif\0\0" + TIFF block. ---- */
typedef struct {
    int found;                     /* 1 when an EXIF block was parsed */
    char date_time_original[32];   /* "YYYY:MM:DD HH:MM:SS" or empty */
    char offset_time_original[16]; /* "+08:00" or empty */
    char make[64];
    char model[64];
    int has_gps;                   /* latitude and longitude both present */
    char software[128];            /* IFD0 Software (0x0131) as written, or empty (credibility) */
} ek_exif_result;

void ek_exif_read(const uint8_t *bytes, size_t count, ek_exif_result *result);

/* ---- PDF (qpdf): structure, encryption and page count of an in-memory file. ---- */
typedef struct {
    int status;               /* 0 opened cleanly, 1 opened after repair (warnings), -1 unreadable,
                                 -3 encrypted with a password we do not have */
    int encrypted;
    int page_count;           /* -1 when unknown */
    unsigned warning_count;
    char version[16];
    char message[EK_MESSAGE_SIZE];
} ek_pdf_result;

void ek_pdf_check(const uint8_t *bytes, size_t count, ek_pdf_result *result);

#endif
