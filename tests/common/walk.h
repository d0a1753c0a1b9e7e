/* walk.h — recursive directory walk for tests that sweep real-world C
 * (every header under /usr/include, the project's own sources). */
#ifndef CGOC_TEST_WALK_H
#define CGOC_TEST_WALK_H

#include <stdbool.h>

/* Calls fn(path, ctx) for every regular file below dir whose name ends with
 * one of the suffixes (NULL-terminated list), in sorted order so reports are
 * deterministic. Symbolic links are not followed. */
void walk_files(const char *dir, const char *const *suffixes,
                void (*fn)(const char *path, void *ctx), void *ctx);

#endif
