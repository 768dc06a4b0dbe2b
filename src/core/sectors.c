/*
 * sectors.c: the 6 sectors and 26 criteria-set groups of Decision 148/QĐ-TTg (2023),
 * from public summaries of its annex (see docs/domain.md). The criteria sets themselves
 * are data files (data/criteria/); this table only names the groups products belong to.
 */
#include "core/sectors.h"

#include <string.h>

const struct ocop_sector ocop_sectors[] = {
    {"food", "Thực phẩm", "Food"},
    {"drinks", "Đồ uống", "Drinks"},
    {"herbal", "Thảo dược", "Herbal products"},
    {"crafts", "Thủ công mỹ nghệ", "Handicrafts"},
    {"ornamental", "Sinh vật cảnh", "Flowers, ornamental plants and animals"},
    {"tourism", "Dịch vụ du lịch cộng đồng, du lịch nông thôn và điểm du lịch",
     "Community and rural tourism services"},
};
const int ocop_sectors_count = sizeof(ocop_sectors) / sizeof(ocop_sectors[0]);

const struct ocop_group ocop_groups[] = {
    {"food.fresh_produce", "food", "Rau, củ, quả, hạt tươi", "Fresh vegetables, fruit and nuts"},
    {"food.fresh_animal", "food", "Thịt, trứng, sữa, thủy sản tươi",
     "Fresh meat, eggs, milk and aquatic products"},
    {"food.rice_grain", "food", "Gạo, ngũ cốc", "Rice and grain"},
    {"food.honey_raw", "food", "Mật ong, sản phẩm khác từ mật ong; nông sản sơ chế khác",
     "Honey and other raw or pre-processed produce"},
    {"food.fast_food", "food", "Đồ ăn nhanh", "Fast food"},
    {"food.grain_processed", "food", "Chế biến từ gạo, ngũ cốc", "Made from rice and grain"},
    {"food.produce_processed", "food", "Chế biến từ rau, củ, quả, hạt",
     "Made from vegetables, fruit and nuts"},
    {"food.animal_processed", "food", "Chế biến từ thịt, trứng, sữa, thủy sản, mật ong",
     "Made from meat, eggs, milk, aquatic products or honey"},
    {"food.sauces", "food", "Tương, nước mắm, gia vị dạng lỏng",
     "Sauces, fish sauce and liquid condiments"},
    {"food.spices_other", "food", "Gia vị khác", "Other spices"},
    {"food.tea", "food", "Chè tươi, chè chế biến", "Tea"},
    {"food.herbal_tea", "food", "Trà từ thực vật khác", "Teas from other plants"},
    {"food.coffee_cocoa", "food", "Cà phê, ca cao", "Coffee and cocoa"},
    {"drinks.liquor", "drinks", "Rượu trắng", "White liquor"},
    {"drinks.alcohol_other", "drinks", "Đồ uống có cồn khác", "Other alcoholic drinks"},
    {"drinks.water", "drinks", "Nước khoáng, nước uống đóng chai",
     "Mineral and bottled water"},
    {"drinks.nonalcoholic_other", "drinks", "Đồ uống không cồn khác",
     "Other non-alcoholic drinks"},
    {"herbal.medicine", "herbal", "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
     "Functional foods and herbal medicines"},
    {"herbal.cosmetics", "herbal", "Mỹ phẩm có nguồn gốc thảo dược", "Herbal cosmetics"},
    {"herbal.oils_other", "herbal", "Tinh dầu và sản phẩm khác từ thảo dược",
     "Essential oils and other herbal products"},
    {"crafts.household", "crafts", "Đồ gia dụng, trang trí", "Household and decorative goods"},
    {"crafts.textiles", "crafts", "Vải, may mặc", "Textiles and garments"},
    {"ornamental.flowers", "ornamental", "Hoa", "Flowers"},
    {"ornamental.plants", "ornamental", "Cây cảnh", "Ornamental plants"},
    {"ornamental.animals", "ornamental", "Động vật cảnh", "Ornamental animals"},
    {"tourism.services", "tourism", "Dịch vụ du lịch cộng đồng, du lịch nông thôn, điểm du lịch",
     "Community and rural tourism services"},
};
const int ocop_groups_count = sizeof(ocop_groups) / sizeof(ocop_groups[0]);

const struct ocop_group *ocop_group_find(const char *code)
{
    for (int i = 0; i < ocop_groups_count; i++)
        if (strcmp(ocop_groups[i].code, code) == 0)
            return &ocop_groups[i];
    return NULL;
}

const struct ocop_sector *ocop_sector_find(const char *code)
{
    for (int i = 0; i < ocop_sectors_count; i++)
        if (strcmp(ocop_sectors[i].code, code) == 0)
            return &ocop_sectors[i];
    return NULL;
}
