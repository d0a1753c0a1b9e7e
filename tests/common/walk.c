/* walk.c — see walk.h. */
#define _GNU_SOURCE
#include "walk.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool has_suffix(const char *name, const char *const *suffixes)
{
    size_t len = strlen(name);
    for (; *suffixes; suffixes++) {
        size_t n = strlen(*suffixes);
        if (len >= n && strcmp(name + len - n, *suffixes) == 0)
            return true;
    }
    return false;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

void walk_files(const char *dir, const char *const *suffixes,
                void (*fn)(const char *path, void *ctx), void *ctx)
{
    struct dirent **entries;
    int n = scandir(dir, &entries, NULL, by_name);
    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && strcmp(name, "node_modules") != 0) {
            char *path;
            if (asprintf(&path, "%s/%s", dir, name) >= 0) {
                struct stat st;
                if (lstat(path, &st) == 0) {
                    if (S_ISDIR(st.st_mode))
                        walk_files(path, suffixes, fn, ctx);
                    else if (S_ISREG(st.st_mode) && has_suffix(name, suffixes))
                        fn(path, ctx);
                }
                free(path);
            }
        }
        free(entries[i]);
    }
    free(entries);
}
