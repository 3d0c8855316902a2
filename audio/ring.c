/*
 * ring.c: the lock-free single-producer, single-consumer sample ring that
 * sits between the audio callback and the writer thread.
 *
 * The producer publishes samples with a release store of `head` after
 * copying them; the consumer acquires `head` before reading and releases
 * `tail` after, so each side sees the other's data complete. Counters run
 * freely and wrap with size_t arithmetic; the capacity is a power of two so
 * that masking stays correct across that wrap.
 */
#include "audio/internal.h"

#include <stdlib.h>
#include <string.h>

static size_t ring_round_up(size_t n)
{
    size_t capacity = 1;

    while (capacity < n)
        capacity <<= 1;
    return capacity;
}

int audio_ring_init(struct audio_ring *ring, size_t min_samples)
{
    size_t capacity = ring_round_up(min_samples < 2 ? 2 : min_samples);

    ring->data = calloc(capacity, sizeof *ring->data);
    if (ring->data == NULL)
        return AUDIO_ERR_IO;
    ring->capacity = capacity;
    atomic_init(&ring->head, 0);
    atomic_init(&ring->tail, 0);
    atomic_init(&ring->overruns, 0);
    return AUDIO_OK;
}

void audio_ring_free(struct audio_ring *ring)
{
    free(ring->data);
    ring->data = NULL;
    ring->capacity = 0;
}

/* Copies `count` samples in at most two pieces, starting at counter `at`. */
static void ring_copy_in(struct audio_ring *ring, size_t at,
                         const int16_t *samples, size_t count)
{
    size_t start = at & (ring->capacity - 1);
    size_t first = ring->capacity - start;

    if (first > count)
        first = count;
    memcpy(ring->data + start, samples, first * sizeof *samples);
    memcpy(ring->data, samples + first, (count - first) * sizeof *samples);
}

static void ring_copy_out(const struct audio_ring *ring, size_t at,
                          int16_t *out, size_t count)
{
    size_t start = at & (ring->capacity - 1);
    size_t first = ring->capacity - start;

    if (first > count)
        first = count;
    memcpy(out, ring->data + start, first * sizeof *out);
    memcpy(out + first, ring->data, (count - first) * sizeof *out);
}

size_t audio_ring_write(struct audio_ring *ring, const int16_t *samples,
                        size_t count)
{
    size_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);
    size_t room = ring->capacity - (head - tail);
    size_t n = count < room ? count : room;

    ring_copy_in(ring, head, samples, n);
    atomic_store_explicit(&ring->head, head + n, memory_order_release);

    if (n < count)
        atomic_fetch_add_explicit(&ring->overruns, (long)(count - n),
                                  memory_order_relaxed);
    return n;
}

size_t audio_ring_read(struct audio_ring *ring, int16_t *out, size_t max)
{
    size_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&ring->head, memory_order_acquire);
    size_t n = head - tail;

    if (n > max)
        n = max;
    ring_copy_out(ring, tail, out, n);
    atomic_store_explicit(&ring->tail, tail + n, memory_order_release);
    return n;
}

size_t audio_ring_available(struct audio_ring *ring)
{
    size_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&ring->head, memory_order_acquire);

    return head - tail;
}

long audio_ring_overruns(struct audio_ring *ring)
{
    return atomic_load_explicit(&ring->overruns, memory_order_relaxed);
}
