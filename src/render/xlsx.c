/* xlsx.c: placeholder; being written. */
extern int ocop__placeholder_xlsx;
