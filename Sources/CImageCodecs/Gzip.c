#include "CImageCodecs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int nn_gunzip(const unsigned char *data, size_t size, size_t max_output, unsigned char **out, size_t *out_size, char *message) {
    message[0] = 0;
    *out = NULL;
    *out_size = 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 16 + MAX_WBITS: a gzip header and trailer, checked.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        snprintf(message, NN_MESSAGE_SIZE, "zlib could not start");
        return 1;
    }
    size_t capacity = size * 4 + 1024;
    if (capacity > max_output + 1) capacity = max_output + 1;
    unsigned char *buffer = malloc(capacity);
    size_t length = 0;
    stream.next_in = (unsigned char *)data;
    stream.avail_in = size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)size;
    size_t fed = stream.avail_in;
    int status = Z_OK;
    while (buffer) {
        if (length == capacity) {
            if (capacity > max_output) {
                snprintf(message, NN_MESSAGE_SIZE, "inflates to more than %zu bytes", max_output);
                status = Z_BUF_ERROR;
                break;
            }
            size_t grown = capacity * 2 > max_output + 1 ? max_output + 1 : capacity * 2;
            unsigned char *bigger = realloc(buffer, grown);
            if (!bigger) break;
            buffer = bigger;
            capacity = grown;
        }
        size_t room = capacity - length;
        stream.next_out = buffer + length;
        stream.avail_out = room > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)room;
        unsigned before = stream.avail_out;
        if (stream.avail_in == 0 && fed < size) {
            size_t rest = size - fed;
            stream.avail_in = rest > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)rest;
            fed += stream.avail_in;
        }
        status = inflate(&stream, Z_NO_FLUSH);
        length += before - stream.avail_out;
        if (status == Z_STREAM_END) {
            // Another member may follow (gzip files may be concatenated).
            if (stream.avail_in == 0 && fed == size) break;
            if (inflateReset(&stream) != Z_OK) break;
            status = Z_OK;
            continue;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0 && fed == size) {
            snprintf(message, NN_MESSAGE_SIZE, "the gzip stream ends early");
            break;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            snprintf(message, NN_MESSAGE_SIZE, "damaged gzip data (%s)", stream.msg ? stream.msg : "zlib error");
            break;
        }
    }
    inflateEnd(&stream);
    if (!buffer) {
        snprintf(message, NN_MESSAGE_SIZE, "out of memory");
        return 1;
    }
    if (status != Z_STREAM_END) {
        if (!message[0]) snprintf(message, NN_MESSAGE_SIZE, "damaged gzip data");
        free(buffer);
        return 1;
    }
    *out = buffer;
    *out_size = length;
    return 0;
}
