/* sign_rate.c: libsodium's raw Ed25519 signing rate on N threads (the ceiling for
 * issuance). Usage: sign_rate THREADS SECONDS. Prints signatures per second. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned char sk[crypto_sign_SECRETKEYBYTES];
static double seconds;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *run(void *p)
{
    unsigned char sig[64], msg[64] = "ocop-stamp/1|06291041500213|L2026-11|0000000000000000000G";
    long *n = p;
    double end = now() + seconds;
    while (now() < end) {
        for (int i = 0; i < 256; i++) {
            msg[40] = (unsigned char)i;
            crypto_sign_detached(sig, NULL, msg, 58, sk);
        }
        *n += 256;
    }
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    unsigned char pk[32];
    pthread_t t[64];
    long counts[64] = {0}, total = 0;
    seconds = argc > 2 ? atof(argv[2]) : 3;
    if (sodium_init() < 0 || threads < 1 || threads > 64)
        return 1;
    crypto_sign_keypair(pk, sk);
    for (int i = 0; i < threads; i++)
        pthread_create(&t[i], NULL, run, &counts[i]);
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        total += counts[i];
    }
    printf("%.0f\n", total / seconds);
    return 0;
}
