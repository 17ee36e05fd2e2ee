#ifndef STA_CPNG_SHIM_H
#define STA_CPNG_SHIM_H
#include <png.h>
#include <string.h>

/* libpng reports errors with setjmp/longjmp, which Swift cannot do. These helpers use only the
 * simplified API (libpng >= 1.6), which catches its own longjmp and returns 0 with a message. */

/* An upper bound on the encoded size of a width x height 8-bit image with `channels` (1 = grey,
 * 3 = RGB), from libpng's PNG_IMAGE_PNG_SIZE_MAX. */
static inline size_t sta_png_size_bound(int width, int height, int channels) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    return (size_t)PNG_IMAGE_PNG_SIZE_MAX(image);
}

/* Encodes `pixels` (rows top to bottom, width*channels bytes each, no padding) as a PNG into
 * memory[*memory_bytes]. Returns 1 and sets *memory_bytes to the bytes written, or 0 and copies
 * libpng's reason into message[message_capacity]. */
static inline int sta_png_encode(int width, int height, int channels, const unsigned char *pixels,
                                 unsigned char *memory, size_t *memory_bytes,
                                 char *message, size_t message_capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    image.format = channels == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
    png_alloc_size_t bytes = (png_alloc_size_t)*memory_bytes;
    int ok = png_image_write_to_memory(&image, memory, &bytes, 0, pixels,
                                       (png_int_32)(width * channels), NULL);
    *memory_bytes = (size_t)bytes;
    if (message_capacity > 0) {
        strncpy(message, image.message, message_capacity - 1);
        message[message_capacity - 1] = '\0';
    }
    png_image_free(&image);
    return ok;
}

#endif
