/* sectors.h: OCOP product sectors and criteria-set groups (Decision 148/QĐ-TTg 2023). */
#ifndef OCOP_CORE_SECTORS_H
#define OCOP_CORE_SECTORS_H

struct ocop_group {
    const char *code;      /* "food.grain_processed" */
    const char *sector;    /* "food" */
    const char *name_vi;
    const char *name_en;
};

struct ocop_sector {
    const char *code;
    const char *name_vi;
    const char *name_en;
};

extern const struct ocop_sector ocop_sectors[];
extern const int ocop_sectors_count;
extern const struct ocop_group ocop_groups[];
extern const int ocop_groups_count;

const struct ocop_group *ocop_group_find(const char *code);
const struct ocop_sector *ocop_sector_find(const char *code);

#endif
