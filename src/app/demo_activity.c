/* demo_activity.c: placeholder; being written. */
extern int ocop__placeholder_demo_activity;
