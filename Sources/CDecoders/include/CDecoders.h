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

/* What a checker concluded. Swift imports this as a closed enum (`ek_status.valid`, ...), so a
 * switch over it names every case instead of `case -2:`. */
typedef enum __attribute__((enum_extensibility(closed))) ek_status {
    ek_status_valid = 0,        /* the file decoded cleanly */
    ek_status_repaired = 1,     /* PDF only: opened after qpdf repaired its structure (warnings) */
    ek_status_corrupt = -1,     /* damaged, truncated or undecodable: the message says where */
    ek_status_too_large = -2,   /* refused from its headers: more pixels than max_pixels */
    ek_status_password = -3,    /* PDF only: encrypted with a password we do not have */
    ek_status_not_run = -4,     /* the checker could not start (out of memory, the library refused
                                   to initialise): nothing is known about the file */
    ek_status_work_limit = -5,  /* stopped when the work budget ran out (too many scans, frames,
                                   objects): the file is neither known good nor known bad */
} ek_status;

/* Bounds on the work one file may cost a decoder, so that a small hostile file cannot take
 * seconds of CPU. `work` is counted in pixels decoded (a JPEG scan over a component counts its
 * pixels again, an animation counts every frame): a file may spend `max_work` plus
 * `work_per_byte` for each of its bytes. Zero in a count field means "no limit". */
typedef struct {
    uint64_t max_pixels;     /* images with more pixels are refused from their headers */
    uint64_t max_work;       /* the allowance every file gets */
    uint64_t work_per_byte;  /* the allowance per byte of the file */
    uint32_t max_scans;      /* JPEG: progressive scans (libjpeg-turbo's tools refuse > 500) */
    uint32_t max_frames;     /* GIF, WebP: frames (images) in one animation */
    uint32_t max_objects;    /* PDF: objects in the cross-reference table */
    uint32_t max_pages;      /* PDF: pages counted (the page tree is walked to count them) */
} ek_work_limits;

/* The work a file of `count` bytes may spend under `limits` (saturating). */
uint64_t ek_work_budget(const ek_work_limits *limits, size_t count);

/* ---- PNG: a push decoder, fed chunk by chunk as the file is streamed. ---- */
typedef struct ek_png_checker ek_png_checker;

/* Creates a checker that refuses images with more than max_pixels pixels, and images whose
 * decoding would cost more than the work budget of a file of expected_size bytes (libpng's own
 * limits bound the stored ancillary chunks and their memory). NULL when it cannot be created
 * (out of memory): the caller must report that the check did not run. */
ek_png_checker *ek_png_checker_create(const ek_work_limits *limits, uint64_t expected_size);
/* Feeds the next bytes. Returns 0 while the stream is sound, -1 once it is not. */
int ek_png_checker_feed(ek_png_checker *checker, const uint8_t *bytes, size_t count);
/* Ends the stream. Returns 0 if a complete, valid PNG was seen, -1 otherwise. */
int ek_png_checker_finish(ek_png_checker *checker);
uint32_t ek_png_checker_width(const ek_png_checker *checker);
uint32_t ek_png_checker_height(const ek_png_checker *checker);
/* ek_status_too_large or ek_status_work_limit when the image was refused for a limit,
 * ek_status_corrupt when it is damaged, ek_status_valid otherwise (call after finish). */
ek_status ek_png_checker_status(const ek_png_checker *checker);
/* Bytes fed after the IEND chunk (data appended to the image). */
uint64_t ek_png_checker_trailing_bytes(const ek_png_checker *checker);
/* The first error (or empty), and the first of the warnings with their count. */
const char *ek_png_checker_message(const ek_png_checker *checker);
const char *ek_png_checker_warning(const ek_png_checker *checker);
unsigned ek_png_checker_warning_count(const ek_png_checker *checker);
void ek_png_checker_destroy(ek_png_checker *checker);

/* ---- JPEG: a full entropy decode (at 1/8 scale) of an in-memory file. ---- */
typedef struct {
    ek_status status;        /* valid, corrupt, too_large, work_limit (scans or work), not_run */
    uint32_t width;
    uint32_t height;
    unsigned warning_count;  /* libjpeg "corrupt data" warnings: the first one ends the decode */
    uint32_t scans;          /* scans read (progressive files have several) */
    uint64_t trailing_bytes; /* bytes after the EOI marker */
    int progressive;
    char message[EK_MESSAGE_SIZE];
} ek_jpeg_result;

/* libjpeg's progress monitor counts the scans and the pixels each one decodes; the decode stops
 * with ek_status_work_limit past max_scans or the work budget. */
void ek_jpeg_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_jpeg_result *result);

/* ---- WebP (libwebp + libwebpdemux): every frame of an in-memory file decoded. ---- */
typedef struct {
    ek_status status;        /* valid, corrupt, too_large, work_limit (frames), not_run */
    uint32_t width;          /* canvas size */
    uint32_t height;
    int animated;
    int lossless;            /* the (first) bitstream is VP8L */
    uint32_t frame_count;
    uint32_t frames_decoded; /* fewer than frame_count when the work budget ran out */
    uint64_t trailing_bytes; /* bytes after the RIFF chunk */
    uint64_t exif_offset;    /* the EXIF chunk's payload within the bytes, when exif_size > 0 */
    uint64_t exif_size;
    char message[EK_MESSAGE_SIZE];
} ek_webp_result;

/* max_pixels bounds the canvas and each frame (checked from the headers before any decoding);
 * the work budget bounds the sum over the frames decoded (later frames: structure only);
 * more than max_frames frames is ek_status_work_limit. */
void ek_webp_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_webp_result *result);

/* ---- GIF (giflib): every record read, every frame's LZW codes checked against the dictionary. ---- */
typedef struct {
    ek_status status;        /* valid, corrupt, too_large, work_limit (frames), not_run */
    uint32_t width;          /* logical screen size (or the refused frame's size when too_large) */
    uint32_t height;
    uint32_t frame_count;
    uint64_t trailing_bytes; /* bytes after the trailer (0x3B) */
    char message[EK_MESSAGE_SIZE];
} ek_gif_result;

/* max_pixels bounds the logical screen and each frame (checked from the descriptors); more than
 * max_frames frames is ek_status_work_limit. */
void ek_gif_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_gif_result *result);

/* ---- EXIF (libexif): from a JPEG file or a bare "Exif\0\0" + TIFF block. ---- */
typedef struct {
    int found;                     /* 1 when an EXIF block was parsed */
    char date_time_original[32];   /* "YYYY:MM:DD HH:MM:SS" or empty */
    char offset_time_original[16]; /* "+08:00" or empty */
    char make[64];
    char model[64];
    int has_gps;                   /* latitude and longitude both present */
    char software[128];            /* IFD0 Software (0x0131) as written, or empty (credibility) */
    int has_position;              /* latitude and longitude readable as numbers (below) */
    double latitude;               /* degrees, north positive (GPSLatitude + GPSLatitudeRef) */
    double longitude;              /* degrees, east positive (GPSLongitude + GPSLongitudeRef) */
    char body_serial[64];          /* EXIF BodySerialNumber (0xA431) as written, or empty */
} ek_exif_result;

void ek_exif_read(const uint8_t *bytes, size_t count, ek_exif_result *result);

/* ---- Location removal (libexif, libwebpmux): a copy without the EXIF GPS IFD. ---- */
typedef enum __attribute__((enum_extensibility(closed))) ek_image_format {
    ek_image_jpeg = 1,
    ek_image_png = 2,
    ek_image_webp = 3,
} ek_image_format;

typedef struct {
    ek_status status;   /* valid (bytes set when something was removed), corrupt, not_run */
    unsigned removed;   /* GPS entries removed; 0 means the file had none (bytes stay NULL) */
    uint8_t *bytes;     /* the new file, malloc'd: release with ek_strip_result_free */
    size_t count;
    char message[EK_MESSAGE_SIZE];
} ek_strip_result;

/* Writes into `result` a copy of the in-memory photo without its GPS IFD: only the EXIF block
 * (JPEG APP1, PNG eXIf, WebP EXIF) is re-serialised, every other byte is kept. */
void ek_strip_location(const uint8_t *bytes, size_t count, ek_image_format format, ek_strip_result *result);
void ek_strip_result_free(ek_strip_result *result);
/* The EXIF Orientation (IFD0 tag 0x0112, a SHORT) of an in-memory photo: 1..8 as written, or 0
 * when there is no EXIF block, no such entry, or its value is not 1..8. JPEG: the first APP1
 * "Exif" segment (libexif walks the APPn segments); PNG: the eXIf chunk; WebP: the EXIF chunk.
 * The work is one pass over the segment or chunk headers plus libexif's parse of one block. */
int ek_exif_orientation(const uint8_t *bytes, size_t count, ek_image_format format);
/* The payload of a PNG's eXIf chunk (a bare TIFF block): 1 and its offset and size, or 0. */
int ek_png_exif_block(const uint8_t *bytes, size_t count, size_t *offset, size_t *size);

/* ---- PDF (qpdf): structure, encryption and page count of an in-memory file. ---- */
typedef struct {
    ek_status status;         /* valid (opened cleanly), repaired (opened after repair: warnings),
                                 corrupt, password (encrypted with a password we do not have),
                                 work_limit (too many objects or pages), not_run */
    int encrypted;
    int page_count;           /* -1 when unknown */
    unsigned warning_count;
    char version[16];
    char message[EK_MESSAGE_SIZE];
} ek_pdf_result;

/* More than max_objects objects, or a page tree of more than max_pages pages, is
 * ek_status_work_limit (the page count then stays -1). */
void ek_pdf_check(const uint8_t *bytes, size_t count, const ek_work_limits *limits, ek_pdf_result *result);

#endif
