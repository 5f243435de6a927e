#include "CImageCodecs.h"
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// The bytes being read.
typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
} Source;

static void read_bytes(png_structp png, png_bytep out, png_size_t length) {
    Source *source = (Source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) {
        png_error(png, "the file ends early");
    }
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

static void on_error(png_structp png, png_const_charp message) {
    char *slot = (char *)png_get_error_ptr(png);
    if (slot != message) snprintf(slot, NN_MESSAGE_SIZE, "%s", message);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

int nn_png_decode(const unsigned char *data, size_t size, long max_pixels, NNImage *image, char *message) {
    memset(image, 0, sizeof *image);
    message[0] = 0;
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(message, NN_MESSAGE_SIZE, "not a PNG file");
        return 1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (!png) {
        snprintf(message, NN_MESSAGE_SIZE, "out of memory");
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    Source source = {data, size, 0};
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        if (!message[0]) snprintf(message, NN_MESSAGE_SIZE, "damaged PNG");
        image->pixels = NULL;
        return 1;
    }
    png_set_user_limits(png, 1u << 16, 1u << 16);
    png_set_chunk_malloc_max(png, 16u << 20);
    png_set_read_fn(png, &source, read_bytes);
    png_read_info(png, info);
    png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
    if (width == 0 || height == 0 || (double)width * (double)height > (double)max_pixels) {
        snprintf(message, NN_MESSAGE_SIZE, "%ux%u pixels, more than the %ld allowed",
                 (unsigned)width, (unsigned)height, max_pixels);
        png_error(png, message);
    }
    int color = png_get_color_type(png, info);
    png_set_strip_16(png);
    png_set_packing(png);
    if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8) png_set_expand_gray_1_2_4_to_8(png);
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int channels = png_get_channels(png, info);
    if (channels != 1 && channels != 3) {
        snprintf(message, NN_MESSAGE_SIZE, "unsupported PNG layout of %d channels", channels);
        png_error(png, message);
    }
    size_t stride = (size_t)width * (size_t)channels;
    pixels = malloc(stride * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (!pixels || !rows) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + y * stride;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    image->width = (int)width;
    image->height = (int)height;
    image->channels = channels;
    image->pixels = pixels;
    return 0;
}

/// The encoded bytes so far.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} Sink;

static void write_bytes(png_structp png, png_bytep bytes, png_size_t length) {
    Sink *sink = (Sink *)png_get_io_ptr(png);
    if (sink->size + length > sink->capacity) {
        size_t capacity = (sink->capacity + length) * 2;
        unsigned char *grown = realloc(sink->data, capacity);
        if (!grown) png_error(png, "out of memory");
        sink->data = grown;
        sink->capacity = capacity;
    }
    memcpy(sink->data + sink->size, bytes, length);
    sink->size += length;
}

static void flush_nothing(png_structp png) { (void)png; }

int nn_png_encode(const NNImage *image, unsigned char **out, size_t *out_size, char *message) {
    message[0] = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, on_error, on_warning);
    if (!png) return 1;
    png_infop info = png_create_info_struct(png);
    Sink sink = {NULL, 0, 0};
    if (!info || setjmp(png_jmpbuf(png))) {
        free(sink.data);
        png_destroy_write_struct(&png, info ? &info : NULL);
        return 1;
    }
    png_set_write_fn(png, &sink, write_bytes, flush_nothing);
    png_set_IHDR(png, info, (png_uint_32)image->width, (png_uint_32)image->height, 8,
                 image->channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    size_t stride = (size_t)image->width * (size_t)image->channels;
    for (int y = 0; y < image->height; y++) png_write_row(png, image->pixels + (size_t)y * stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    *out = sink.data;
    *out_size = sink.size;
    return 0;
}

void nn_image_free(void *pointer) { free(pointer); }
