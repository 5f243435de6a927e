#include "CImageCodecs.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/// libjpeg's error manager with a place to jump back to.
typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf back;
    char *message;
} Errors;

static void on_error(j_common_ptr info) {
    Errors *errors = (Errors *)info->err;
    char text[JMSG_LENGTH_MAX];
    (*info->err->format_message)(info, text);
    snprintf(errors->message, NN_MESSAGE_SIZE, "%s", text);
    longjmp(errors->back, 1);
}

static void on_message(j_common_ptr info, int level) {
    (void)info;
    (void)level;
}

/// Progressive files of very many scans take quadratic time: refuse more than this many.
enum { maximum_scans = 500 };

static void on_progress(j_common_ptr info) {
    j_decompress_ptr decoder = (j_decompress_ptr)info;
    if (decoder->input_scan_number > maximum_scans) {
        Errors *errors = (Errors *)info->err;
        snprintf(errors->message, NN_MESSAGE_SIZE, "more than %d scans", maximum_scans);
        longjmp(errors->back, 1);
    }
}

int nn_jpeg_decode(const unsigned char *data, size_t size, long max_pixels, NNImage *image, char *message) {
    memset(image, 0, sizeof *image);
    message[0] = 0;
    struct jpeg_decompress_struct decoder;
    struct jpeg_progress_mgr progress;
    Errors errors;
    unsigned char *volatile pixels = NULL;
    decoder.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = on_error;
    errors.manager.emit_message = on_message;
    errors.message = message;
    if (setjmp(errors.back)) {
        free(pixels);
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    jpeg_create_decompress(&decoder);
    progress.progress_monitor = on_progress;
    decoder.progress = &progress;
    decoder.mem->max_memory_to_use = 512L << 20;
    jpeg_mem_src(&decoder, data, (unsigned long)size);
    jpeg_read_header(&decoder, TRUE);
    if ((double)decoder.image_width * (double)decoder.image_height > (double)max_pixels) {
        snprintf(message, NN_MESSAGE_SIZE, "%ux%u pixels, more than the %ld allowed",
                 (unsigned)decoder.image_width, (unsigned)decoder.image_height, max_pixels);
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    switch (decoder.jpeg_color_space) {
    case JCS_GRAYSCALE:
        decoder.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        snprintf(message, NN_MESSAGE_SIZE, "CMYK JPEG files are not supported");
        jpeg_destroy_decompress(&decoder);
        return 1;
    default:
        decoder.out_color_space = JCS_RGB;
    }
    jpeg_start_decompress(&decoder);
    int channels = decoder.output_components;
    size_t stride = (size_t)decoder.output_width * (size_t)channels;
    pixels = malloc(stride * decoder.output_height);
    if (!pixels) {
        snprintf(message, NN_MESSAGE_SIZE, "out of memory");
        jpeg_destroy_decompress(&decoder);
        return 1;
    }
    while (decoder.output_scanline < decoder.output_height) {
        JSAMPROW row = pixels + (size_t)decoder.output_scanline * stride;
        jpeg_read_scanlines(&decoder, &row, 1);
    }
    jpeg_finish_decompress(&decoder);
    image->width = (int)decoder.output_width;
    image->height = (int)decoder.output_height;
    image->channels = channels;
    image->pixels = pixels;
    jpeg_destroy_decompress(&decoder);
    return 0;
}

int nn_jpeg_encode(const NNImage *image, int quality, unsigned char **out, size_t *out_size, char *message) {
    struct jpeg_compress_struct encoder;
    Errors errors;
    unsigned char *volatile buffer = NULL;
    unsigned long length = 0;
    encoder.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = on_error;
    errors.manager.emit_message = on_message;
    errors.message = message;
    message[0] = 0;
    if (setjmp(errors.back)) {
        jpeg_destroy_compress(&encoder);
        free(buffer);
        return 1;
    }
    jpeg_create_compress(&encoder);
    unsigned char *target = NULL;
    jpeg_mem_dest(&encoder, &target, &length);
    encoder.image_width = (JDIMENSION)image->width;
    encoder.image_height = (JDIMENSION)image->height;
    encoder.input_components = image->channels;
    encoder.in_color_space = image->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&encoder);
    jpeg_set_quality(&encoder, quality, TRUE);
    jpeg_start_compress(&encoder, TRUE);
    size_t stride = (size_t)image->width * (size_t)image->channels;
    while (encoder.next_scanline < encoder.image_height) {
        JSAMPROW row = image->pixels + (size_t)encoder.next_scanline * stride;
        jpeg_write_scanlines(&encoder, &row, 1);
    }
    jpeg_finish_compress(&encoder);
    jpeg_destroy_compress(&encoder);
    *out = target;
    *out_size = length;
    return 0;
}
