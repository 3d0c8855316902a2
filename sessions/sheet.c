/*
 * The review sheet: the key points a reviewer ticks, the four rubric
 * scores and the one-line note, edited key by key.
 *
 * The session's review phase (through machine.c) and `mockinterview
 * review` (review.c) both drive a sheet with these functions, so a key
 * means the same thing in both. A sheet can start blank or from an
 * earlier assessment; either way it is only stored once touched, so
 * passing over a question never rewrites what someone else said.
 *
 * The note is a mode of its own, entered with e or Tab and left with
 * Enter (keep) or Esc (undo this edit). Inside it every character is
 * text (UTF-8, up to REVIEW_NOTE_MAX bytes); outside it no character is,
 * so the caller's one-letter commands and a note can never be mistaken
 * for each other.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int tickable(int key_points)
{
    if (key_points < 0)
        return 0;
    return key_points < REVIEW_MAX_POINTS ? key_points : REVIEW_MAX_POINTS;
}

void review_sheet_start(struct review_sheet *sheet, int key_points)
{
    memset(sheet, 0, sizeof *sheet);
    sheet->step = REVIEW_COVERED;
    sheet->key_points = tickable(key_points);
}

/*
 * Notes longer than the sheet holds are cut at a character boundary; a
 * control code (a journal is hostile input) becomes a space, so the note
 * can be drawn as it is.
 */
static void fill_note(struct review_sheet *sheet, const char *note)
{
    size_t length = note ? strlen(note) : 0;

    if (length >= sizeof sheet->note) {
        length = sizeof sheet->note - 1;
        while (length > 0 && ((unsigned char)note[length] & 0xc0) == 0x80)
            length--;
    }
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)note[i];

        sheet->note[i] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    sheet->note[length] = '\0';
    sheet->note_length = length;
}

void review_sheet_fill(struct review_sheet *sheet, int key_points,
                       const struct journal_assessment *from)
{
    review_sheet_start(sheet, key_points);
    if (!from)
        return;
    for (int d = 0; d < REPORT_DIMENSIONS; d++)
        if (from->scores[d] >= 1 && from->scores[d] <= 5)
            sheet->scores[d] = from->scores[d];
    for (int i = 0; from->covered && i < sheet->key_points; i++)
        sheet->covered[i] = from->covered[i];
    fill_note(sheet, from->notes);
}

bool review_sheet_typing(const struct review_sheet *sheet)
{
    return sheet->step == REVIEW_NOTE;
}

static bool opens_note(int key)
{
    return key == '\t' || key == 'e';
}

/* Keeps the note as it is now, so Esc can undo just this edit. */
static void open_note(struct review_sheet *sheet)
{
    memcpy(sheet->note_kept, sheet->note, sheet->note_length + 1);
    sheet->note_kept_length = sheet->note_length;
    sheet->touched_kept = sheet->touched;
    sheet->step = REVIEW_NOTE;
    sheet->note_full = false;
}

/* Esc: the note goes back to what it was when e opened it. */
static void cancel_note(struct review_sheet *sheet)
{
    memcpy(sheet->note, sheet->note_kept, sheet->note_kept_length + 1);
    sheet->note_length = sheet->note_kept_length;
    sheet->touched = sheet->touched_kept;
    sheet->step = REVIEW_DONE;
}

/*
 * A letter outside the note does nothing but earn a hint on screen; Esc
 * and the other named keys are no letters.
 */
static void note_stray(struct review_sheet *sheet, int key)
{
    sheet->stray_text = (key >= 'a' && key <= 'z') ||
                        (key >= 'A' && key <= 'Z') ||
                        (key >= 0xa0 && key <= 0x10ffff);
}

/* 1-9 tick points one to nine, 0 the tenth; Enter goes on to scores. */
static void on_covered_key(struct review_sheet *sheet, int key)
{
    int index = -1;

    if (key >= '1' && key <= '9')
        index = key - '1';
    else if (key == '0')
        index = 9;
    if (index >= 0 && index < sheet->key_points) {
        sheet->covered[index] = !sheet->covered[index];
        sheet->touched = true;
    } else if (key == MACHINE_KEY_ENTER) {
        sheet->step = REVIEW_SCORES;
    } else if (opens_note(key)) {
        open_note(sheet);
    } else {
        note_stray(sheet, key);
    }
}

/*
 * Enter keeps the score shown (none on a blank sheet); 0 or - clears it.
 * The fourth score ends the sheet: the note is only ever opened on
 * purpose, so what is typed after scoring is never silently text.
 */
static void on_score_key(struct review_sheet *sheet, int key)
{
    if (key == MACHINE_KEY_BACKSPACE && sheet->score_index > 0) {
        sheet->score_index--;
        return;
    }
    if (key >= '1' && key <= '5') {
        sheet->scores[sheet->score_index++] = key - '0';
        sheet->touched = true;
    } else if (key == '0' || key == '-') {
        sheet->touched |= sheet->scores[sheet->score_index] != 0;
        sheet->scores[sheet->score_index++] = 0;
    } else if (key == MACHINE_KEY_ENTER) {
        sheet->score_index++;
    } else if (opens_note(key)) {
        open_note(sheet);
        return;
    } else {
        note_stray(sheet, key);
    }
    if (sheet->score_index >= REPORT_DIMENSIONS)
        sheet->step = REVIEW_DONE;
}

/* A note filled from the journal may hold UTF-8: drop whole characters. */
static void drop_last_character(struct review_sheet *sheet)
{
    size_t at = sheet->note_length;

    if (at == 0)
        return;
    while (at > 1 && ((unsigned char)sheet->note[at - 1] & 0xc0) == 0x80)
        at--;
    at--;
    sheet->note[at] = '\0';
    sheet->note_length = at;
    sheet->touched = true;
}

/* Text: no control code (C0, DEL, C1), no surrogate, nothing past U+10FFFF. */
static bool is_text(int key)
{
    if (key < 0x20 || (key >= 0x7f && key < 0xa0))
        return false;
    return key < 0xd800 || (key > 0xdfff && key <= 0x10ffff);
}

/* A code point as UTF-8 into out (4 bytes); returns the bytes used. */
static size_t utf8_encode(int cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Whole characters only: one that does not fit is refused, and said so. */
static void append_character(struct review_sheet *sheet, int cp)
{
    char bytes[4];
    size_t n = utf8_encode(cp, bytes);

    if (sheet->note_length + n > REVIEW_NOTE_MAX) {
        sheet->note_full = true;
        return;
    }
    memcpy(sheet->note + sheet->note_length, bytes, n);
    sheet->note_length += n;
    sheet->note[sheet->note_length] = '\0';
    sheet->touched = true;
}

static void on_note_key(struct review_sheet *sheet, int key)
{
    if (key == MACHINE_KEY_ENTER) {
        sheet->step = REVIEW_DONE;
    } else if (key == MACHINE_KEY_ESCAPE) {
        cancel_note(sheet);
    } else if (key == MACHINE_KEY_BACKSPACE) {
        drop_last_character(sheet);
        sheet->note_full = false;
    } else if (is_text(key)) {
        append_character(sheet, key);
    }
}

static void on_done_key(struct review_sheet *sheet, int key)
{
    if (opens_note(key))
        open_note(sheet);
    else
        note_stray(sheet, key);
}

void review_sheet_key(struct review_sheet *sheet, int key)
{
    sheet->stray_text = false;
    switch (sheet->step) {
    case REVIEW_COVERED: on_covered_key(sheet, key); break;
    case REVIEW_SCORES: on_score_key(sheet, key); break;
    case REVIEW_NOTE: on_note_key(sheet, key); break;
    case REVIEW_DONE: on_done_key(sheet, key); break;
    }
}

const struct journal_assessment *review_sheet_source(
    const struct journal_question *question, const char *who)
{
    for (size_t i = 0; i < question->assessment_count; i++)
        if (strcmp(question->assessments[i].who, who) == 0)
            return &question->assessments[i];
    if (question->assessment_count == 0)
        return NULL;
    return &question->assessments[question->assessment_count - 1];
}

int review_sheet_store(const struct review_sheet *sheet,
                       struct journal_question *question, const char *who)
{
    struct journal_assessment *a;
    char *note = NULL;

    if (!sheet->touched)
        return 0;
    if (sheet->note_length > 0 && !(note = strdup(sheet->note))) {
        errno = ENOMEM;
        return -1;
    }
    a = journal_assessment_for(question, who);
    if (!a) {
        free(note);
        return -1;
    }
    memcpy(a->scores, sheet->scores, sizeof a->scores);
    for (size_t i = 0; a->covered && i < question->key_points.count; i++)
        a->covered[i] = i < REVIEW_MAX_POINTS && sheet->covered[i];
    free(a->notes);
    a->notes = note;
    return 1;
}

const char *review_who_label(const char *who)
{
    if (strcmp(who, "self") == 0)
        return "Self review";
    if (strcmp(who, "partner") == 0)
        return "Partner review";
    return "Review";
}
