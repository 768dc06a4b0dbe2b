/* chart.c: placeholder; being written. */
extern int ocop__placeholder_chart;
