/*
 * demo_trace.c: the demo's trace histories, the origin and history a shopper sees after
 * scanning: Ba Vì fresh milk, Bát Tràng blue-glaze vases and Phú Nhi bánh tẻ, each with
 * the product's own events (its pasture, clay, rice and leaves) and a lot's (milking to
 * testing, shaping to inspection, wrapping to packing), on real ward codes of
 * data/vn-admin-units/units-2025.json, and one wrong event retracted with its reason. The
 * events go through the same checks and rights as real input (app__trace_add); dates follow
 * the lot's production day and a->now, so they stay recent. Facts of the crafts are
 * well known; figures and lab results are the demo's (docs/demo.md).
 */
#include "app/demo_activity.h"
#include "app/trace_internal.h"
#include "core/dates.h"
#include "core/error.h"
#include "store/stamps.h"

#include <stdio.h>
#include <string.h>

/* One event: of the product as a whole (days from today) or of its demo lot (days from the
 * lot's production day), at a time of day in Vietnam or on the day alone. */
struct demo_event {
    int of_lot, day;
    const char *time; /* "HH:MM" in Vietnam, or NULL */
    const char *kind, *ward, *place, *description;
};

static const struct demo_event milk[] = {
    {0, -540, NULL, "planting", "09700", "Vùng chăn nuôi bò sữa Ba Vì",
     "Đàn bò sữa của các hộ thành viên được chăn nuôi theo quy trình VietGAHP, ăn cỏ voi và "
     "cỏ VA06 trồng tại chỗ dưới chân núi Ba Vì."},
    {0, -200, NULL, "other", "09700", "Trạm thú y của hợp tác xã",
     "Tiêm phòng lở mồm long móng cho cả đàn; mỗi con có sổ theo dõi sức khỏe (dữ liệu mẫu)."},
    {1, 0, "05:00", "harvest", "09700", "Điểm thu gom sữa của hợp tác xã",
     "Vắt sữa bằng máy lúc sáng sớm; sữa được làm lạnh xuống 4 °C ngay tại điểm thu gom."},
    {1, 0, "09:30", "processing", "09700", "Xưởng chế biến của hợp tác xã",
     "Lọc và thanh trùng ở 75 °C trong 15 giây, làm lạnh nhanh; không thêm chất bảo quản."},
    {1, 0, "11:00", "packing", "09700", "Xưởng chế biến của hợp tác xã",
     "Đóng chai 1 lít, dán nhãn và tem OCOP."},
    {1, 0, "11:05", "packing", "09700", "Xưởng chế biến của hợp tác xã",
     "Đóng chai thủy tinh 500 ml, dán nhãn và tem OCOP; bảo quản lạnh 2–6 °C."},
    {1, 1, NULL, "quality_test", "09700", "Phòng kiểm nghiệm của hợp tác xã",
     "Kiểm nghiệm vi sinh, chất béo và đạm của mẫu lưu: đạt QCVN 5-1:2010/BYT (kết quả mẫu)."},
    {1, 1, "06:00", "shipping", "00070", "Điểm giới thiệu sản phẩm OCOP",
     "Xe lạnh chở đến các điểm bán trong nội thành Hà Nội."},
};

static const struct demo_event vase[] = {
    {0, -400, NULL, "raw_material", "10546", "Đất sét trắng Trúc Thôn",
     "Đất sét trắng Trúc Thôn được chở về làng, ngâm, lọc và ủ trong bể nhiều tháng trước khi "
     "làm cốt gốm."},
    {1, -21, NULL, "processing", "00577", "Xưởng gốm của hợp tác xã",
     "Vuốt tay trên bàn xoay, sửa cốt, rồi phơi khô tự nhiên trong bóng râm."},
    {1, -12, NULL, "processing", "00577", "Xưởng gốm của hợp tác xã",
     "Vẽ tay họa tiết men lam bằng bút lông, nhúng men."},
    {1, -6, "08:00", "processing", "00577", "Lò nung của hợp tác xã",
     "Nung trong lò ga khoảng 1.250 °C, để nguội tự nhiên trong lò hơn một ngày."},
    {1, -2, NULL, "quality_test", "00577", "Xưởng gốm của hợp tác xã",
     "Kiểm tra từng chiếc: men, vết rạn, độ kín; chiếc lỗi bị loại."},
    {1, 0, NULL, "packing", "00577", "Xưởng gốm của hợp tác xã",
     "Đóng hộp giấy có lót xốp, dán tem OCOP."},
};

static const struct demo_event banh_te[] = {
    {0, -300, NULL, "raw_material", "09574", "Phú Nhi",
     "Gạo tẻ của nông dân Sơn Tây, ngâm qua đêm rồi xay nước; nhân thịt lợn vai và mộc nhĩ."},
    {0, -300, NULL, "raw_material", "09700", "Chân núi Ba Vì",
     "Lá dong bánh tẻ hái ở chân núi Ba Vì, rửa sạch và trần nước sôi cho mềm."},
    {1, 0, "04:00", "processing", "09574", "Cơ sở làm bánh của hợp tác xã",
     "Quấy bột, gói bánh trong lá dong thành thỏi dài, buộc lạt."},
    {1, 0, "06:00", "processing", "09574", "Cơ sở làm bánh của hợp tác xã",
     "Luộc bánh khoảng 2 giờ, vớt ra để ráo."},
    {1, 0, "09:00", "packing", "09574", "Cơ sở làm bánh của hợp tác xã",
     "Đóng túi 10 chiếc, dán nhãn và tem OCOP; dùng trong 2 ngày, bảo quản mát."},
};

static const struct demo_trace {
    const char *product;
    const struct demo_event *events;
    int n;
    int retract; /* the index of the event retracted, or -1 */
    const char *reason;
} traces[] = {
    {"Sữa tươi thanh trùng Ba Vì", milk, (int)(sizeof(milk) / sizeof(milk[0])), 4,
     "Ghi nhầm dung tích: lô này đóng chai 500 ml (đã ghi lại đúng ngay sau)."},
    {"Bình gốm men lam vẽ tay Bát Tràng", vase, (int)(sizeof(vase) / sizeof(vase[0])), -1, NULL},
    {"Bánh tẻ Phú Nhi", banh_te, (int)(sizeof(banh_te) / sizeof(banh_te[0])), -1, NULL},
};

/* The product of that name, as the products list shows it (a new reference); NULL. */
static json_t *demo__product(struct ocop_app *a, long today, const char *name)
{
    struct ocop_filter f;
    json_t *list = NULL, *p, *found = NULL;
    size_t i;
    memset(&f, 0, sizeof(f));
    f.cert_status = f.recognised = f.candidate = -1;
    f.page = 1;
    f.per_page = 20;
    f.today = today;
    f.q = name;
    if (ocop_store_list(&list, a->st, "products", &f) != 0) {
        ocop_error_clear();
        return NULL;
    }
    json_array_foreach(json_object_get(list, "items"), i, p)
    {
        if (!found && strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
            found = json_incref(p);
    }
    json_decref(list);
    return found;
}

/* The product's newest lot on sale (not recalled), else one issued now if its certificate
 * allows stamps; *batch 0 when it has none (a lot's events are then the product's). */
static int demo__lot(int64_t *batch, long *production, struct ocop_app *a, json_t *product,
                     int (*issue)(void *, int64_t *, json_t *), void *arg)
{
    json_t *items = NULL, *b;
    const char *st =
        json_string_value(json_object_get(json_object_get(product, "certificate"), "status"));
    size_t i;
    int rc;

    *batch = 0;
    *production = -1;
    if ((rc = ocop_store_batch_list(&items, a->st,
                                    json_integer_value(json_object_get(product, "id")))) != 0)
        return rc;
    json_array_foreach(items, i, b)
    {
        if (*batch || !json_is_null(json_object_get(b, "revoked_at")))
            continue;
        *batch = json_integer_value(json_object_get(b, "id"));
        ocop_date_parse(production, json_string_value(json_object_get(b, "production_date")));
    }
    json_decref(items);
    if (*batch || !st || (strcmp(st, "valid") != 0 && strcmp(st, "expiring") != 0))
        return 0;
    if ((rc = issue(arg, batch, product)) != 0)
        return rc;
    return demo__lot(batch, production, a, product, issue, arg);
}

/* Records one product's history. */
static int demo__history(struct ocop_app *a, long today, const struct demo_trace *t,
                         int (*issue)(void *, int64_t *, json_t *), void *arg)
{
    json_t *product = demo__product(a, today, t->product), *body, *out = NULL;
    int64_t batch = 0, retract = 0;
    long production = -1;
    int rc = 0;

    if (!product)
        return 0; /* a registry without it (another units file): nothing to trace */
    if ((rc = demo__lot(&batch, &production, a, product, issue, arg)) != 0)
        goto done;
    if (!batch)
        production = today - 30; /* no lot on sale: its steps are the product's usual ones */
    for (int i = 0; i < t->n && rc == 0; i++) {
        const struct demo_event *e = &t->events[i];
        char day[11], at[40];
        ocop_date_format(day, sizeof(day), (e->of_lot ? production : today) + e->day);
        if (e->time)
            snprintf(at, sizeof(at), "%sT%s+07:00", day, e->time);
        else
            snprintf(at, sizeof(at), "%s", day);
        body = json_pack("{s:O, s:s, s:s, s:s, s:s, s:s}", "product_id",
                         json_object_get(product, "id"), "kind", e->kind, "at", at, "description",
                         e->description, "ward_code", e->ward, "place", e->place);
        if (body && e->of_lot && batch)
            json_object_set_new(body, "batch_id", json_integer(batch));
        rc = body ? app__trace_add(&out, a, body) : ocop_error_set(OCOP_ERROR, "out of memory");
        if (rc == 0 && i == t->retract)
            retract = json_integer_value(json_object_get(out, "id"));
        json_decref(out);
        json_decref(body);
        out = NULL;
    }
    if (rc == 0 && retract)
        rc = app__trace_retract(&out, a, retract, t->reason);
done:
    json_decref(out);
    json_decref(product);
    return rc;
}

int ocop_demo_trace(struct ocop_app *a, long today, int (*issue)(void *, int64_t *, json_t *),
                    void *arg)
{
    int rc = 0;
    for (size_t i = 0; i < sizeof(traces) / sizeof(traces[0]) && rc == 0; i++)
        rc = demo__history(a, today, &traces[i], issue, arg);
    return rc;
}
