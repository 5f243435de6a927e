// PNG and JPEG decoding and encoding through libpng and libjpeg-turbo, and gzip through zlib. Both libraries report
// errors by longjmp, which Swift cannot catch: these functions catch them and return a message.
#ifndef NNDASH_CIMAGECODECS_H
#define NNDASH_CIMAGECODECS_H
#include <stddef.h>

/// A decoded image: rows top to bottom, `channels` (1 grey or 3 RGB) bytes per pixel. `pixels`
/// is malloc'd; release it with nn_image_free.
typedef struct {
    int width;
    int height;
    int channels;
    unsigned char *pixels;
} NNImage;

/// The size of the message buffers below.
#define NN_MESSAGE_SIZE 160

/// Decodes a PNG of at most `max_pixels` pixels: palette and low bit depths expanded, 16-bit
/// samples cut to their high byte, alpha dropped (as Pillow's convert("RGB") and convert("L")).
/// Returns 0 on success; otherwise 1 with `message` set.
int nn_png_decode(const unsigned char *data, size_t size, long max_pixels, NNImage *image, char *message);

/// Decodes a baseline or progressive JPEG of at most `max_pixels` pixels (grey or RGB; CMYK
/// refused) with libjpeg's default (accurate integer) DCT. Returns 0 on success, 1 with a message.
int nn_jpeg_decode(const unsigned char *data, size_t size, long max_pixels, NNImage *image, char *message);

/// Encodes `image` as PNG (quality ignored) or JPEG of `quality` 1-100 into a malloc'd buffer
/// `*out` of `*out_size` bytes (release with nn_image_free). Returns 0 on success, 1 with a message.
int nn_png_encode(const NNImage *image, unsigned char **out, size_t *out_size, char *message);
int nn_jpeg_encode(const NNImage *image, int quality, unsigned char **out, size_t *out_size, char *message);

/// Inflates the gzip stream (members one after another) of `size` bytes into a malloc'd
/// buffer `*out` of `*out_size` bytes, refusing output over `max_output` bytes. Returns 0 on
/// success, 1 with a message.
int nn_gunzip(const unsigned char *data, size_t size, size_t max_output, unsigned char **out, size_t *out_size, char *message);

/// Frees memory these functions allocated.
void nn_image_free(void *pointer);

#endif
