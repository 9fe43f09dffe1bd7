/*
 * Spins on one core for the given seconds, reading CLOCK_MONOTONIC back to back, and counts the gaps between two
 * reads. On an otherwise quiet machine a gap of a tenth of a millisecond or more is time this thread was not run:
 * by the guest's own scheduler (perf sched shows who ran instead) or by the host's, which the guest cannot see.
 * bench/hiccup.py runs it on each core alone, then on both at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 10;
    long long end = now_ns() + (long long) (seconds * 1e9), last = now_ns();
    long long over_100us = 0, over_1ms = 0, over_2ms = 0, longest = 0, lost = 0;
    for (;;) {
        long long t = now_ns(), gap = t - last;
        last = t;
        if (t > end) {
            break;
        }
        if (gap > 100000) {
            over_100us++;
            lost += gap;
        }
        over_1ms += gap > 1000000;
        over_2ms += gap > 2000000;
        if (gap > longest) {
            longest = gap;
        }
    }
    /* one line, read by hiccup.py: gaps over 0.1 ms, over 1 ms, over 2 ms, the longest (ms), the share of time lost */
    printf("%lld %lld %lld %.3f %.4f\n", over_100us, over_1ms, over_2ms, longest / 1e6, lost / (seconds * 1e9));
    return 0;
}
