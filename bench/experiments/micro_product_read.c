/*
 * micro_product_read.c: in-process cost of one product read (GET /api/v1/products/{id}
 * without HTTP), by phase; each figure is the best of 7 runs of 40,000 random ids.
 * Build from the repository root against a release build's library, e.g.
 *   cc -O2 -D_GNU_SOURCE -Isrc -Ibuild-bench bench/experiments/micro_product_read.c \
 *      build-bench/libocop.a $(pkg-config --libs sqlite3 jansson libsodium) -lunistring -lcsv -lm -lpthread
 * (add what the linker asks for as libocop grows). Run:
 *   ./a.out bench/results/synthetic.db ["PRAGMA mmap_size=1073741824"]
 */
#include "store/store_internal.h"
#include "core/dates.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static struct ocop_store *st;
static long today;
static sqlite3_stmt *s;
enum { N = 40000 };

static void ph_get_dumps(void) { for (int i = 0; i < N; i++) { json_t *o; char key[16]; snprintf(key, 16, "%d", rand() % 100000 + 1); ocop_store_get(&o, st, "products", key, today); char *d = json_dumps(o, JSON_COMPACT); free(d); json_decref(o); } }
static void ph_get(void) { for (int i = 0; i < N; i++) { json_t *o; char key[16]; snprintf(key, 16, "%d", rand() % 100000 + 1); ocop_store_get(&o, st, "products", key, today); json_decref(o); } }
static void ph_step(void) { for (int i = 0; i < N; i++) { sqlite3_reset(s); sqlite3_bind_int64(s, 1, rand() % 100000 + 1); sqlite3_step(s); sqlite3_reset(s); } }
static void ph_rowjson(void) { for (int i = 0; i < N; i++) { sqlite3_reset(s); sqlite3_bind_int64(s, 1, rand() % 100000 + 1); sqlite3_step(s); json_t *o = store__row_json(s); json_decref(o); sqlite3_reset(s); } }
static void ph_rowjson_dumps(void) { for (int i = 0; i < N; i++) { sqlite3_reset(s); sqlite3_bind_int64(s, 1, rand() % 100000 + 1); sqlite3_step(s); json_t *o = store__row_json(s); char *d = json_dumps(o, JSON_COMPACT); free(d); json_decref(o); sqlite3_reset(s); } }
static void ph_steptx(void) { sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL); ph_step(); sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL); }
static void ph_pk(void) { static sqlite3_stmt *p; if (!p) sqlite3_prepare_v2(st->db, "SELECT id, name FROM products WHERE id = ?", -1, &p, NULL); for (int i = 0; i < N; i++) { sqlite3_reset(p); sqlite3_bind_int64(p, 1, rand() % 100000 + 1); sqlite3_step(p); sqlite3_reset(p); } }

static double best(void (*f)(void)) { double b = 1e9; for (int r = 0; r < 7; r++) { double t = now(); f(); t = (now() - t) / N * 1e6; if (t < b) b = t; } return b; }

int main(int argc, char **argv)
{
    today = ocop_date_today(time(NULL));
    if (ocop_store_open(&st, argv[1], 0)) return 1;
    if (argc > 2) sqlite3_exec(st->db, argv[2], NULL, NULL, NULL);
    ph_get();
    s = store__stmt(st, st->cache[st->cached - 1].sql);
    printf("us/product: get+dumps %.1f | get %.1f | step %.1f | step+row_json %.1f | step+row_json+dumps %.1f | step in one tx %.1f | 1-table pk autocommit %.1f\n",
           best(ph_get_dumps), best(ph_get), best(ph_step), best(ph_rowjson), best(ph_rowjson_dumps), best(ph_steptx), best(ph_pk));
    return 0;
}
