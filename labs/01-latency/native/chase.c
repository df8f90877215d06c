/*
 * chase.c: the native reference for lab 01's pointer chase.
 *
 * It does what cachetocluster.latency.ChaseChain and the JMH PointerChaseBench do, in C, so the
 * lab can ask: is the JVM's number the machine's number? Same layout (a 32-bit int array, one node
 * at the start of every 64-byte line), same kind of order (one random cycle through all the nodes,
 * drawn with Sattolo's algorithm; this file has its own PRNG, so it is a different cycle, drawn
 * from the same distribution), same walk (p = a[p], each load needs the one before it).
 *
 * Two modes:
 *   int  p = a[p] on an int32 array: what the Java chase does. The address of a node is
 *        base + index * 4, an x86 "complex" addressing mode.
 *   ptr  p = *(void **)p: each node holds the address of the next one, like lmbench's lat_mem_rd
 *        and Chips and Cheese's asm mode. The address is in the register already ("simple"
 *        addressing). On many x86 cores an L1 hit with simple addressing takes one cycle less
 *        (4 instead of 5 on AMD Zen, for example): the L1 row is where the two modes differ.
 *
 * Timing: clock_gettime(CLOCK_MONOTONIC) around a walk unrolled 16 times; the number of hops is
 * calibrated so one round lasts at least 20 ms, and the program keeps the fastest of several
 * rounds (the least disturbed one, as lmbench and CS:APP's fcyc do).
 *
 * Output: one line per size, "bytes ns_per_load", in the order given; lines starting with '#'
 * are comments.
 *
 * Build:  gcc -O2 -o chase chase.c          (C11, nothing else)
 * Usage:  ./chase [-m int|ptr] [-H] [-r rounds] size...
 *         sizes in bytes, or with a binary suffix: 16K 256K 2M 256M
 *         -H asks the kernel for transparent huge pages (madvise), to compare with
 *            java -XX:+UseTransparentHugePages
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define LINE_BYTES 64
#define HUGE_PAGE (2u << 20)
#define MIN_ROUND_NS 20000000.0

/* splitmix64: a small, good PRNG; any decent one would do. */
static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint64_t next_random(void) {
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, bound), without modulo bias (Lemire's method). */
static uint32_t random_below(uint32_t bound) {
    uint64_t m = (uint64_t) (uint32_t) next_random() * bound;
    if ((uint32_t) m < bound) {
        uint32_t threshold = -bound % bound;
        while ((uint32_t) m < threshold) {
            m = (uint64_t) (uint32_t) next_random() * bound;
        }
    }
    return (uint32_t) (m >> 32);
}

/* Sattolo's algorithm: next[i] is the node after node i, and the nodes form one single cycle. */
static uint32_t *single_cycle(uint32_t n) {
    uint32_t *next = malloc((size_t) n * sizeof *next);
    if (next == NULL) {
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++) {
        next[i] = i;
    }
    for (uint32_t i = n - 1; i > 0; i--) {
        uint32_t j = random_below(i);
        uint32_t swap = next[i];
        next[i] = next[j];
        next[j] = swap;
    }
    return next;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec * 1e9 + (double) t.tv_nsec;
}

#define HOP16(step) step step step step step step step step step step step step step step step step

/* Walks hops (a multiple of 16) dependent loads from p; returns where it ended. */
static uint32_t walk_int(const int32_t *a, uint32_t p, size_t hops) {
    size_t q = p;
    for (size_t i = 0; i < hops; i += 16) {
        HOP16(q = (size_t) (uint32_t) a[q];)
    }
    return (uint32_t) q;
}

static void **walk_ptr(void **p, size_t hops) {
    for (size_t i = 0; i < hops; i += 16) {
        HOP16(p = (void **) *p;)
    }
    return p;
}

/* Keeps the compiler from deleting walks whose result is otherwise unused. */
static volatile uintptr_t sink;

enum mode { MODE_INT, MODE_PTR };

static void *allocate(size_t bytes, int huge) {
    size_t align = huge ? HUGE_PAGE : 4096;
    size_t rounded = (bytes + align - 1) / align * align;
    void *memory = aligned_alloc(align, rounded);
    if (memory != NULL && huge) {
        madvise(memory, rounded, MADV_HUGEPAGE); /* a hint: without THP it just has no effect */
    }
    return memory;
}

/* Builds the chain over bytes of memory, walks it, and returns the best ns per load (or < 0). */
static double measure(size_t bytes, enum mode mode, int huge, int rounds) {
    uint32_t nodes = (uint32_t) (bytes / LINE_BYTES);
    void *memory = allocate(bytes, huge);
    uint32_t *cycle = single_cycle(nodes);
    if (memory == NULL || cycle == NULL) {
        free(memory);
        free(cycle);
        return -1;
    }
    memset(memory, 0, bytes);
    int32_t *ints = memory;
    void **ptrs = memory;
    const size_t int_stride = LINE_BYTES / sizeof(int32_t);
    const size_t ptr_stride = LINE_BYTES / sizeof(void *);
    for (uint32_t node = 0; node < nodes; node++) {
        if (mode == MODE_INT) {
            ints[node * int_stride] = (int32_t) (cycle[node] * int_stride);
        } else {
            ptrs[node * ptr_stride] = &ptrs[cycle[node] * ptr_stride];
        }
    }
    free(cycle);

    uint32_t p = 0;
    void **pp = ptrs;
    size_t warm = ((size_t) nodes + 15) / 16 * 16;      /* one lap: every line once */
    size_t hops = 1u << 14;
    double best = -1;
    for (int calibrating = 1, round = 0; round < rounds; ) {
        size_t n = calibrating ? warm : hops;
        double start = now_ns();
        if (mode == MODE_INT) {
            p = walk_int(ints, p, n);
        } else {
            pp = walk_ptr(pp, n);
        }
        double elapsed = now_ns() - start;
        if (calibrating) {
            calibrating = 0;                              /* the first lap only warms up */
        } else if (elapsed < MIN_ROUND_NS) {
            hops *= 2;                                    /* too short to time well: longer */
        } else {
            double ns = elapsed / (double) n;
            if (best < 0 || ns < best) {
                best = ns;
            }
            round++;
        }
    }
    sink = (uintptr_t) p + (uintptr_t) pp;
    free(memory);
    return best;
}

static int parse_size(const char *text, size_t *bytes) {
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno != 0 || end == text || text[0] == '-') {
        return 0;
    }
    switch (*end) {
        case 'k': case 'K': value <<= 10; end++; break;
        case 'm': case 'M': value <<= 20; end++; break;
        case 'g': case 'G': value <<= 30; end++; break;
        default: break;
    }
    if (*end != '\0' || value < LINE_BYTES || value % LINE_BYTES != 0
            || value / LINE_BYTES > UINT32_MAX / (LINE_BYTES / sizeof(int32_t))) {
        return 0;
    }
    *bytes = (size_t) value;
    return 1;
}

static int usage(const char *program) {
    fprintf(stderr, "usage: %s [-m int|ptr] [-H] [-r rounds] size...\n"
                    "  size: bytes, a multiple of %d, optionally with K, M or G (binary)\n",
            program, LINE_BYTES);
    return 2;
}

int main(int argc, char **argv) {
    enum mode mode = MODE_INT;
    int huge = 0;
    int rounds = 5;
    int first = 1;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "-m") == 0 && first + 1 < argc) {
            const char *name = argv[++first];
            if (strcmp(name, "int") == 0) {
                mode = MODE_INT;
            } else if (strcmp(name, "ptr") == 0) {
                mode = MODE_PTR;
            } else {
                return usage(argv[0]);
            }
        } else if (strcmp(argv[first], "-H") == 0) {
            huge = 1;
        } else if (strcmp(argv[first], "-r") == 0 && first + 1 < argc) {
            rounds = atoi(argv[++first]);
            if (rounds < 1) {
                return usage(argv[0]);
            }
        } else {
            return usage(argv[0]);
        }
    }
    if (first == argc) {
        return usage(argv[0]);
    }
    size_t sizes[argc];
    for (int i = first; i < argc; i++) {
        if (!parse_size(argv[i], &sizes[i])) {
            fprintf(stderr, "%s: bad size '%s'\n", argv[0], argv[i]);
            return usage(argv[0]);
        }
    }
    printf("# mode %s%s, best of %d rounds, bytes ns_per_load\n",
           mode == MODE_INT ? "int" : "ptr", huge ? ", huge pages" : "", rounds);
    fflush(stdout);
    for (int i = first; i < argc; i++) {
        double ns = measure(sizes[i], mode, huge, rounds);
        if (ns < 0) {
            fprintf(stderr, "%s: cannot allocate %zu bytes\n", argv[0], sizes[i]);
            return 1;
        }
        printf("%zu %.3f\n", sizes[i], ns);
        fflush(stdout);
    }
    return 0;
}
