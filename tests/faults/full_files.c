/* LD_PRELOAD: fopen of FULL_DIR/<name> for writing, where <name> starts with one of the
 * colon-separated FULL_FILES, opens /dev/full instead: every write to it fails with ENOSPC,
 * as on a full disk. TensorFlow's POSIX file system writes through fopen. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef FILE *(*fopen_fn)(const char *, const char *);

static int is_full(const char *path, const char *mode) {
    const char *dir = getenv("FULL_DIR"), *files = getenv("FULL_FILES");
    size_t n;
    if (!dir || !files || !path || !mode || (mode[0] != 'w' && mode[0] != 'a')) return 0;
    n = strlen(dir);
    if (strncmp(path, dir, n) != 0 || path[n] != '/') return 0;
    path += n + 1;
    while (*files) {
        const char *end = strchr(files, ':');
        size_t len = end ? (size_t)(end - files) : strlen(files);
        if (len && strncmp(path, files, len) == 0) return 1;
        if (!end) break;
        files = end + 1;
    }
    return 0;
}

static FILE *open_or_full(const char *name, const char *path, const char *mode) {
    fopen_fn real = (fopen_fn)dlsym(RTLD_NEXT, name);
    return real(is_full(path, mode) ? "/dev/full" : path, mode);
}

FILE *fopen(const char *path, const char *mode) { return open_or_full("fopen", path, mode); }
FILE *fopen64(const char *path, const char *mode) { return open_or_full("fopen64", path, mode); }
