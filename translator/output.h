/* output.h — writing the result so that a failed run never leaves a
 * truncated or half-written file: the text goes to a temporary file in the
 * destination's directory, which is renamed over the destination only when
 * complete. "-" writes to standard output. */
#ifndef CGOC_OUTPUT_H
#define CGOC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

bool output_write(const char *path, const char *data, size_t len);

#endif
