/*
 * scanlog.h: the server's scan logger. Request threads hand scans to a queue; one
 * thread writes them every second (or each 50,000 scans) on its own connection: into
 * the database when the server is quiet, and at busy times (a batch of busy_scans or
 * more) into a journal file next to the database first, copied into the database once
 * the server has been quiet for two seconds, when the journals grow past 64 MB, or at a
 * clean stop (see scanlog.c). Either way a scan is on disk within the second: a crash
 * loses at most the last second, and the next start copies what a crash left.
 */
#ifndef OCOP_APP_SCANLOG_H
#define OCOP_APP_SCANLOG_H

#include "store/stamps.h"

#include <stdatomic.h>

struct ocop_scanlog;

/* Starts the logger (after copying journals that stopped servers left): it writes every
 * flush_ms milliseconds (1000 if 0); batches of busy_scans or more go to a journal first
 * (2000 if 0, never if < 0). */
int ocop_scanlog_start(struct ocop_scanlog **out, const char *db_path, long flush_ms,
                       long busy_scans);
/* A journal (outside input: a file on disk, fuzzed by tests/fuzz/fuzz_scan_journal.c) is
 * records of OCOP_SCANLOG_RECORD bytes. Decodes the first `count` records at `records`
 * (aligned as malloc aligns) into scans[], up to the first that is not whole (a torn
 * tail, or bytes that were never a record); returns how many. The scans' verdicts point
 * into `records`, whose texts are cut at their room's end. */
#define OCOP_SCANLOG_RECORD 88
size_t ocop_scanlog_decode(struct ocop_scan *scans, void *records, size_t count);
/* Queues one scan (struct ocop_scan *). Waits (up to 2 s) only when the queue is full. */
void ocop_scanlog_push(void *log, const void *scan);
/* Writes what is queued and journaled, stops the thread, reports the totals and frees
 * the logger. */
void ocop_scanlog_stop(struct ocop_scanlog *log, long *written, long *dropped);
/* Scans logged (on disk), dropped (queue full, or a failed write) and waiting in
 * journals to be copied into the database, so far; journaled may be NULL. */
void ocop_scanlog_counts(struct ocop_scanlog *log, long *written, long *dropped,
                         long *journaled);
/* The wall-clock time (ms) before which every queued scan is in the database. */
const atomic_llong *ocop_scanlog_settled(struct ocop_scanlog *log);
/* The wall-clock time (ms) the logger last found scans in the database that it did not
 * write (another server's on the same database, within about a second); 0 if never. */
const atomic_llong *ocop_scanlog_foreign(struct ocop_scanlog *log);

#endif
