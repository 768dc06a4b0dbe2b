/*
 * scanlog.h: the server's scan logger. Request threads hand scans to a queue; one
 * thread writes them in batches (every second, or 50,000 scans) on its own connection,
 * and restarts the write-ahead log when readers keep it from wrapping. A clean stop
 * writes everything queued; a crash loses at most the last second.
 */
#ifndef OCOP_APP_SCANLOG_H
#define OCOP_APP_SCANLOG_H

#include "store/stamps.h"

struct ocop_scanlog;

/* Starts the logger; it writes every flush_ms milliseconds (1000 if 0). */
int ocop_scanlog_start(struct ocop_scanlog **out, const char *db_path, long flush_ms);
/* Queues one scan (struct ocop_scan *); never blocks on the database. */
void ocop_scanlog_push(void *log, const void *scan);
/* Writes what is queued, stops the thread, reports the totals and frees the logger. */
void ocop_scanlog_stop(struct ocop_scanlog *log, long *written, long *dropped);
/* Scans written and dropped (queue full) so far. */
void ocop_scanlog_counts(struct ocop_scanlog *log, long *written, long *dropped);

#endif
