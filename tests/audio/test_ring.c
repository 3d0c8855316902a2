/*
 * test_ring.c: the single-producer, single-consumer sample ring: capacity
 * rounding, wrap-around, overrun counting, and a producer and a consumer
 * on two threads passing two million samples without losing or reordering
 * one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sched.h>

#include "audio/internal.h"

static void test_ring_rounds_capacity_up(void **state)
{
    struct audio_ring ring;

    (void)state;
    assert_int_equal(audio_ring_init(&ring, 1000), AUDIO_OK);
    assert_int_equal(ring.capacity, 1024);
    assert_int_equal(audio_ring_available(&ring), 0);
    audio_ring_free(&ring);

    assert_int_equal(audio_ring_init(&ring, 4096), AUDIO_OK);
    assert_int_equal(ring.capacity, 4096);
    audio_ring_free(&ring);
}

static void test_ring_wraps_around(void **state)
{
    struct audio_ring ring;
    int16_t in[8], out[8];

    (void)state;
    assert_int_equal(audio_ring_init(&ring, 8), AUDIO_OK);

    /* Move the indices to 5, so the next 7 samples straddle the end. */
    for (int i = 0; i < 5; i++)
        in[i] = (int16_t)(100 + i);
    assert_int_equal(audio_ring_write(&ring, in, 5), 5);
    assert_int_equal(audio_ring_read(&ring, out, 8), 5);
    assert_int_equal(out[4], 104);

    for (int i = 0; i < 7; i++)
        in[i] = (int16_t)(-200 - i);
    assert_int_equal(audio_ring_write(&ring, in, 7), 7);
    assert_int_equal(audio_ring_available(&ring), 7);
    assert_int_equal(audio_ring_read(&ring, out, 3), 3);
    assert_int_equal(audio_ring_read(&ring, out + 3, 8), 4);
    for (int i = 0; i < 7; i++)
        assert_int_equal(out[i], -200 - i);
    assert_int_equal(audio_ring_overruns(&ring), 0);
    audio_ring_free(&ring);
}

static void test_ring_counts_overruns(void **state)
{
    struct audio_ring ring;
    int16_t in[12], out[12];

    (void)state;
    for (int i = 0; i < 12; i++)
        in[i] = (int16_t)i;
    assert_int_equal(audio_ring_init(&ring, 8), AUDIO_OK);

    assert_int_equal(audio_ring_write(&ring, in, 10), 8);
    assert_int_equal(audio_ring_overruns(&ring), 2);
    assert_int_equal(audio_ring_write(&ring, in, 3), 0);
    assert_int_equal(audio_ring_overruns(&ring), 5);

    /* The oldest samples are kept; the late ones were dropped. */
    assert_int_equal(audio_ring_read(&ring, out, 12), 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(out[i], i);

    assert_int_equal(audio_ring_write(&ring, in + 8, 4), 4);
    assert_int_equal(audio_ring_read(&ring, out, 12), 4);
    assert_int_equal(out[0], 8);
    assert_int_equal(out[3], 11);
    audio_ring_free(&ring);
}

#define STREAM_SAMPLES 2000000L

struct producer {
    struct audio_ring *ring;
    long dropped;                /* samples the ring refused */
};

/* The n-th sample of the stream: a 16-bit counter that wraps. */
static int16_t stream_sample(long n)
{
    return (int16_t)(uint16_t)(n & 0xffff);
}

/* Writes the stream in uneven blocks, resending what the ring refused. */
static void *producer_run(void *arg)
{
    struct producer *p = arg;
    int16_t block[97];
    long next = 0;
    size_t size = 1;

    while (next < STREAM_SAMPLES) {
        size_t n = size;
        size_t done;

        if ((long)n > STREAM_SAMPLES - next)
            n = (size_t)(STREAM_SAMPLES - next);
        for (size_t i = 0; i < n; i++)
            block[i] = stream_sample(next + (long)i);
        done = audio_ring_write(p->ring, block, n);
        p->dropped += (long)(n - done);
        next += (long)done;
        size = size % 97 + 1;
        if (done < n)
            sched_yield();
    }
    return NULL;
}

static void test_ring_threads_keep_every_sample_in_order(void **state)
{
    struct audio_ring ring;
    struct producer p;
    pthread_t thread;
    int16_t out[61];
    long got = 0, wrong = 0;

    (void)state;
    assert_int_equal(audio_ring_init(&ring, 256), AUDIO_OK);
    p.ring = &ring;
    p.dropped = 0;
    assert_int_equal(pthread_create(&thread, NULL, producer_run, &p), 0);

    while (got < STREAM_SAMPLES) {
        size_t n = audio_ring_read(&ring, out, 61);

        for (size_t i = 0; i < n; i++)
            wrong += out[i] != stream_sample(got + (long)i);
        got += (long)n;
        if (n == 0)
            sched_yield();
    }
    pthread_join(thread, NULL);

    assert_int_equal(wrong, 0);
    assert_int_equal(got, STREAM_SAMPLES);
    assert_int_equal(audio_ring_available(&ring), 0);
    assert_int_equal(audio_ring_overruns(&ring), p.dropped);
    audio_ring_free(&ring);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_rounds_capacity_up),
        cmocka_unit_test(test_ring_wraps_around),
        cmocka_unit_test(test_ring_counts_overruns),
        cmocka_unit_test(test_ring_threads_keep_every_sample_in_order),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
