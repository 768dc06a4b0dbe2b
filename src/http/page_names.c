/* page_names.c: the Vietnamese and English names pages show for stored codes. */
#include "http/pages.h"

#include <string.h>

const char *const page_cert_statuses[5][3] = {{"valid", "Còn hiệu lực", "Valid"},
                                              {"expiring", "Sắp hết hạn", "Expiring soon"},
                                              {"expired", "Đã hết hạn", "Expired"},
                                              {"revoked", "Đã bị thu hồi", "Revoked"},
                                              {"superseded", "Đã được thay thế", "Superseded"}};

const char *const page_producer_kinds[4][3] = {
    {"cooperative", "Hợp tác xã", "Cooperative"},
    {"cooperative_group", "Tổ hợp tác", "Cooperative group"},
    {"enterprise", "Doanh nghiệp", "Enterprise"},
    {"household", "Hộ sản xuất, kinh doanh", "Household business"}};

const char *const page_dossier_kinds[3][3] = {{"new", "Đánh giá lần đầu", "New"},
                                              {"renewal", "Đánh giá lại", "Renewal"},
                                              {"upgrade", "Nâng hạng sao", "Upgrade"}};

const char *const page_roles[6][3] = {{"admin", "Quản trị", "Administrator"},
                                      {"office", "Văn phòng OCOP", "OCOP office"},
                                      {"commune", "Cán bộ xã", "Commune officer"},
                                      {"council", "Thành viên hội đồng", "Council member"},
                                      {"producer", "Chủ thể", "Producer"},
                                      {"sales", "Điểm bán", "Sales point"}};

const char *page_name(const char *const (*t)[3], size_t n, const char *code, int en)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(code, t[i][0]) == 0)
            return t[i][en ? 2 : 1];
    return code ? code : "";
}
