#include "CDecoders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libexif/exif-data.h>

static void copy_value(ExifData *data, ExifIfd ifd, ExifTag tag, char *out, size_t size) {
    ExifEntry *entry = exif_content_get_entry(data->ifd[ifd], tag);
    if (!entry) return;
    char buffer[256];
    memset(buffer, 0, sizeof buffer);
    exif_entry_get_value(entry, buffer, sizeof buffer - 1);
    /* Trim trailing spaces some cameras pad with. */
    size_t n = strlen(buffer);
    while (n > 0 && (buffer[n - 1] == ' ' || buffer[n - 1] == '\0')) buffer[--n] = '\0';
    snprintf(out, size, "%s", buffer);
}

/* Degrees from a GPS coordinate (three rationals: degrees, minutes, seconds) and its reference
 * letter; 0 when it cannot be read. */
static int read_coordinate(ExifData *data, ExifTag tag, ExifTag ref_tag, char negative, double *out) {
    ExifEntry *entry = exif_content_get_entry(data->ifd[EXIF_IFD_GPS], tag);
    if (!entry || entry->format != EXIF_FORMAT_RATIONAL || entry->components < 3 || !entry->data ||
        entry->size < 24) return 0;
    ExifByteOrder order = exif_data_get_byte_order(data);
    double value = 0, scale = 1;
    for (int i = 0; i < 3; i++) {
        ExifRational part = exif_get_rational(entry->data + 8 * i, order);
        if (part.denominator == 0) { if (part.numerator == 0) { scale *= 60; continue; } return 0; }
        value += ((double)part.numerator / part.denominator) / scale;
        scale *= 60;
    }
    ExifEntry *ref = exif_content_get_entry(data->ifd[EXIF_IFD_GPS], ref_tag);
    if (ref && ref->data && ref->size >= 1 && (ref->data[0] == negative || ref->data[0] == negative + 32)) value = -value;
    if (value < -180 || value > 180) return 0;
    *out = value;
    return 1;
}

void ek_exif_read(const uint8_t *bytes, size_t count, ek_exif_result *r) {
    memset(r, 0, sizeof *r);
    ExifData *data = exif_data_new();
    if (!data) return;
    /* Read only: never "fix" the data to the specification. */
    exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(data, bytes, (unsigned int)(count > 0xffffffffu ? 0xffffffffu : count));
    int any = 0;
    for (int i = 0; i < EXIF_IFD_COUNT; i++) {
        if (data->ifd[i] && data->ifd[i]->count > 0) any = 1;
    }
    if (any) {
        r->found = 1;
        copy_value(data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, r->date_time_original,
                   sizeof r->date_time_original);
        copy_value(data, EXIF_IFD_EXIF, (ExifTag)0x9011, r->offset_time_original,
                   sizeof r->offset_time_original);
        copy_value(data, EXIF_IFD_0, EXIF_TAG_MAKE, r->make, sizeof r->make);
        copy_value(data, EXIF_IFD_0, EXIF_TAG_MODEL, r->model, sizeof r->model);
        copy_value(data, EXIF_IFD_0, EXIF_TAG_SOFTWARE, r->software, sizeof r->software);
        ExifContent *gps = data->ifd[EXIF_IFD_GPS];
        if (gps && exif_content_get_entry(gps, (ExifTag)EXIF_TAG_GPS_LATITUDE) &&
            exif_content_get_entry(gps, (ExifTag)EXIF_TAG_GPS_LONGITUDE)) {
            r->has_gps = 1;
            r->has_position = read_coordinate(data, (ExifTag)EXIF_TAG_GPS_LATITUDE, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF, 'S', &r->latitude) &&
                              read_coordinate(data, (ExifTag)EXIF_TAG_GPS_LONGITUDE, (ExifTag)EXIF_TAG_GPS_LONGITUDE_REF, 'W', &r->longitude) &&
                              r->latitude >= -90 && r->latitude <= 90;
        }
        copy_value(data, EXIF_IFD_EXIF, (ExifTag)0xA431, r->body_serial, sizeof r->body_serial);
    }
    exif_data_unref(data);
}

/* The EXIF block of a PNG (eXIf chunk) or WebP (EXIF chunk) file: its offset and size within
 * `bytes`, or 0 when it has none. A JPEG is handed to libexif whole (it finds the APP1 itself). */
static int webp_exif_block(const uint8_t *bytes, size_t count, size_t *offset, size_t *size) {
    if (count < 12 || memcmp(bytes, "RIFF", 4) != 0 || memcmp(bytes + 8, "WEBP", 4) != 0) return 0;
    size_t at = 12;
    /* One pass over the chunk headers: at most count / 8 steps. */
    while (at + 8 <= count) {
        uint32_t length = (uint32_t)bytes[at + 4] | (uint32_t)bytes[at + 5] << 8 | (uint32_t)bytes[at + 6] << 16 |
                          (uint32_t)bytes[at + 7] << 24;
        if (length > count - at - 8) return 0;
        if (memcmp(bytes + at, "EXIF", 4) == 0) {
            *offset = at + 8;
            *size = length;
            return 1;
        }
        at += 8 + (size_t)length + (length & 1);
    }
    return 0;
}

int ek_exif_orientation(const uint8_t *bytes, size_t count, ek_image_format format) {
    static const uint8_t header[6] = {'E', 'x', 'i', 'f', 0, 0};
    if (!bytes || count < 4) return 0;
    const uint8_t *block = bytes;
    size_t block_count = count;
    uint8_t *prefixed = NULL;
    if (format != ek_image_jpeg) {
        size_t offset = 0, size = 0;
        int found = format == ek_image_png ? ek_png_exif_block(bytes, count, &offset, &size)
                                           : webp_exif_block(bytes, count, &offset, &size);
        if (!found || size < 8 || size > 0xffffu * 16u) return 0;
        if (size >= 6 && memcmp(bytes + offset, header, 6) == 0) {
            block = bytes + offset;
            block_count = size;
        } else {
            /* The chunk holds a bare TIFF block: libexif wants the "Exif\0\0" header in front. */
            prefixed = malloc(size + 6);
            if (!prefixed) return 0;
            memcpy(prefixed, header, 6);
            memcpy(prefixed + 6, bytes + offset, size);
            block = prefixed;
            block_count = size + 6;
        }
    }
    int orientation = 0;
    ExifData *data = exif_data_new();
    if (data) {
        exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
        exif_data_load_data(data, block, (unsigned int)(block_count > 0xffffffffu ? 0xffffffffu : block_count));
        ExifEntry *entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
        if (entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1 && entry->data && entry->size >= 2) {
            ExifShort value = exif_get_short(entry->data, exif_data_get_byte_order(data));
            if (value >= 1 && value <= 8) orientation = value;
        }
        exif_data_unref(data);
    }
    free(prefixed);
    return orientation;
}
