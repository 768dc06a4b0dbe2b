/*
 * page_office_registry.c: the back office's registry forms (producers, products, craft
 * villages: list, new, edit). The app layer does every rule and right; these pages
 * render, read forms, and hide what a role cannot do.
 */
#include "http/page_office.h"
#include "core/error.h"
#include "core/sectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================================================================== registry */

/* How a field is shown; type and required come from the entity table. */
enum reg_widget { RW_AUTO, RW_GROUP, RW_WARD, RW_PRODUCER, RW_VILLAGE };

struct reg_field {
    const char *name, *vi, *en, *hint_vi, *hint_en;
    enum reg_widget w;
};

static const struct reg_field producer_form[] = {
    {"name", "Tên chủ thể", "Name", NULL, NULL, RW_AUTO},
    {"kind", "Loại hình", "Kind", NULL, NULL, RW_AUTO},
    {"tax_code", "Mã số thuế", "Tax code", "10 chữ số, hoặc 10-3 cho chi nhánh",
     "10 digits, or 10-3 for a branch", RW_AUTO},
    {"ward_code", "Xã, phường", "Ward or commune", NULL, NULL, RW_WARD},
    {"address", "Địa chỉ", "Address", NULL, NULL, RW_AUTO},
    {"representative", "Người đại diện", "Representative", NULL, NULL, RW_AUTO},
    {"phone", "Điện thoại", "Phone", NULL, NULL, RW_AUTO},
    {"email", "E-mail", "E-mail", NULL, NULL, RW_AUTO},
    {"website", "Trang web", "Website", NULL, NULL, RW_AUTO},
    {"members", "Số thành viên", "Members", NULL, NULL, RW_AUTO},
    {"employees", "Số lao động", "Employees", NULL, NULL, RW_AUTO},
    {"founded_year", "Năm thành lập", "Founded in", NULL, NULL, RW_AUTO},
};

static const struct reg_field product_form[] = {
    {"name", "Tên sản phẩm", "Name", NULL, NULL, RW_AUTO},
    {"short_name", "Tên ngắn", "Short name", "Tối đa 40 ký tự, in trên tem",
     "Up to 40 characters, "
     "printed on stamps",
     RW_AUTO},
    {"group", "Nhóm sản phẩm", "Product group", "Theo Quyết định 148/QĐ-TTg",
     "Under Decision 148/QĐ-TTg", RW_GROUP},
    {"producer_id", "Chủ thể", "Producer", NULL, NULL, RW_PRODUCER},
    {"ward_code", "Xã, phường sản xuất", "Ward or commune of production",
     "Để trống: theo địa chỉ của chủ thể", "Empty: the producer's", RW_WARD},
    {"village_id", "Làng nghề", "Craft village", NULL, NULL, RW_VILLAGE},
    {"gtin", "Mã GTIN (mã vạch)", "GTIN (barcode)", "8, 12, 13 hoặc 14 chữ số",
     "8, 12, 13 or 14 digits", RW_AUTO},
    {"status", "Tình trạng", "Status", NULL, NULL, RW_AUTO},
    {"description", "Mô tả", "Description", NULL, NULL, RW_AUTO},
    {"story", "Câu chuyện sản phẩm", "The product's story", NULL, NULL, RW_AUTO},
};

static const struct reg_field village_form[] = {
    {"name", "Tên làng nghề", "Name", NULL, NULL, RW_AUTO},
    {"craft", "Nghề", "Craft", NULL, NULL, RW_AUTO},
    {"ward_code", "Xã, phường", "Ward or commune", NULL, NULL, RW_WARD},
    {"recognised", "Đã được công nhận làng nghề", "Recognised as a craft village", NULL, NULL,
     RW_AUTO},
    {"recognised_year", "Năm công nhận", "Recognised in", NULL, NULL, RW_AUTO},
    {"households", "Số hộ", "Households", NULL, NULL, RW_AUTO},
    {"workers", "Số lao động", "Workers", NULL, NULL, RW_AUTO},
    {"revenue_vnd", "Doanh thu (đồng/năm)", "Revenue (VND a year)", NULL, NULL, RW_AUTO},
    {"description", "Mô tả", "Description", NULL, NULL, RW_AUTO},
};

static const struct reg_kind {
    const char *plural, *vi, *en, *new_vi, *new_en;
    const struct ocop_entity *e;
    const struct reg_field *fields;
    size_t nfields;
} reg_kinds[] = {
    {"producers", "Chủ thể OCOP", "OCOP producers", "Thêm chủ thể", "Add a producer",
     &ocop_entity_producer, producer_form, sizeof(producer_form) / sizeof(producer_form[0])},
    {"products", "Sản phẩm", "Products", "Thêm sản phẩm", "Add a product", &ocop_entity_product,
     product_form, sizeof(product_form) / sizeof(product_form[0])},
    {"villages", "Làng nghề", "Craft villages", "Thêm làng nghề", "Add a craft village",
     &ocop_entity_village, village_form, sizeof(village_form) / sizeof(village_form[0])},
};

static int reg__kind(const struct reg_kind **out, struct http_req *req)
{
    for (size_t i = 0; i < sizeof(reg_kinds) / sizeof(reg_kinds[0]); i++) {
        if (req->params[0] && strcmp(req->params[0], reg_kinds[i].plural) == 0) {
            *out = &reg_kinds[i];
            return 0;
        }
    }
    return ocop_error_set(OCOP_ENOTFOUND, "no such page");
}

/* A producer's kind or a product's status (the registry's enumerated fields). */
static const char *reg__enum_label(const char *v, int en)
{
    static const char *const statuses[][3] = {{"active", "Đang sản xuất", "Active"},
                                              {"suspended", "Tạm ngừng", "Suspended"},
                                              {"discontinued", "Ngừng sản xuất", "Discontinued"}};
    const char *name = page_name(PAGE_NAMES(page_producer_kinds), v, en);
    return name != v ? name : page_name(PAGE_NAMES(statuses), v, en); /* v: not a kind */
}

static const char *reg__group_label(const char *code, int en)
{
    const struct ocop_group *g = code ? ocop_group_find(code) : NULL;
    return g ? (en ? g->name_en : g->name_vi) : (code ? code : "");
}

/* A JSON value as form text (into tmp for numbers); "" for null. */
static const char *reg__text(char *tmp, size_t n, json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(tmp, n, "%lld", (long long)json_integer_value(v));
        return tmp;
    }
    if (json_is_true(v))
        return "1";
    return "";
}

/* ---------------------------------------------------------------- the list */

/* Each list's columns after the name (vi, en): the head and the cells' labels. */
static const char *const reg_cols[][2][5] = {
    {{"Loại hình", "Mã số thuế", "Xã, phường", "Thao tác", NULL},
     {"Kind", "Tax code", "Ward or commune", "Actions", NULL}},
    {{"Nhóm", "Chủ thể", "OCOP", "Xã, phường", "Thao tác"},
     {"Group", "Producer", "OCOP", "Ward or commune", "Actions"}},
    {{"Nghề", "Công nhận", "Xã, phường", "Thao tác", NULL},
     {"Craft", "Recognised", "Ward or commune", "Actions", NULL}},
};

static void reg__cell(struct ocop_buf *b, const char *label, const char *s)
{
    office_td(b, label, NULL);
    html_txt(b, s);
    html_raw(b, "</td>");
}

static void reg__row(struct ocop_buf *b, struct http_req *req, const struct reg_kind *k, json_t *r)
{
    int en = web_en(req), c = 0;
    const char *const *col = reg_cols[k - reg_kinds][en];
    long long id = json_integer_value(json_object_get(r, "id"));
    json_t *ward = json_object_get(r, "ward");
    html_raw(b, "<tr><th scope=\"row\">");
    html_txt(b, json_string_value(json_object_get(r, "name")));
    html_raw(b, "</th>");
    if (k->e == &ocop_entity_producer) {
        reg__cell(b, col[c++], reg__enum_label(json_string_value(json_object_get(r, "kind")), en));
        reg__cell(b, col[c++], json_string_value(json_object_get(r, "tax_code")));
    } else if (k->e == &ocop_entity_product) {
        json_t *cert = json_object_get(r, "certificate");
        reg__cell(b, col[c++],
                  reg__group_label(json_string_value(json_object_get(r, "group")), en));
        reg__cell(b, col[c++],
                  json_string_value(json_object_get(json_object_get(r, "producer"), "name")));
        office_td(b, col[c++], NULL);
        if (json_is_object(cert)) {
            const char *st = json_string_value(json_object_get(cert, "status"));
            office_stars(b, req, json_integer_value(json_object_get(cert, "stars")));
            html_raw(b, " ");
            office_badge(b, st ? st : "", office_cert_status(req, st));
        }
        html_raw(b, "</td>");
    } else {
        reg__cell(b, col[c++], json_string_value(json_object_get(r, "craft")));
        reg__cell(b, col[c++],
                  json_is_true(json_object_get(r, "recognised")) ? (en ? "Yes" : "Có") : "");
    }
    reg__cell(b, col[c++], page_ward_name(ward, en));
    office_td(b, col[c], NULL);
    if (office_may(req, k->e->name, OCOP_ACT_UPDATE, r) == 0) {
        html_raw(b, "<a href=\"/office/");
        html_raw(b, k->plural);
        html_raw(b, "/");
        html_int(b, id);
        html_raw(b, "/edit");
        office_lang(b, req, 0);
        html_raw(b, "\">");
        html_raw(b, en ? "Edit" : "Sửa");
        html_raw(b, "</a>");
        if (k->e == &ocop_entity_product) {
            html_raw(b, " · <a href=\"/office/dossiers/new?product=");
            html_int(b, id);
            office_lang(b, req, 1);
            html_raw(b, "\">");
            html_raw(b, en ? "Open a dossier" : "Mở hồ sơ");
            html_raw(b, "</a> · <a href=\"/office/products/");
            html_int(b, id);
            html_raw(b, "/edit");
            office_lang(b, req, 0);
            html_raw(b, "#trace\">");
            html_raw(b, en ? "Traceability" : "Truy xuất nguồn gốc");
            html_raw(b, "</a>");
        }
    }
    ocop_error_clear();
    html_raw(b, "</td></tr>");
}

/* The records the actor looks after: its province, ward or own products. */
static int reg__items(json_t **out, struct http_req *req, const struct reg_kind *k,
                      struct ocop_filter *f)
{
    const struct ocop_actor *u = &req->app.actor;
    office_scope_filter(f, u);
    if (ocop_query_int(&f->page, &req->query, "page", 1, 1, 100000))
        f->page = 1;
    f->q = ocop_query_get(&req->query, "q");
    if (f->q && (!*f->q || strlen(f->q) > 200))
        f->q = NULL;
    if (u->role == OCOP_ROLE_PRODUCER && k->e == &ocop_entity_producer) {
        /* a producer user looks after one record: its own */
        char key[24];
        json_t *one = NULL;
        int rc;
        snprintf(key, sizeof(key), "%lld", (long long)u->producer_id);
        if ((rc = ocop_app_get(&one, &req->app, "producers", key)) != 0)
            return rc;
        *out = json_pack("{s:[o], s:i, s:i, s:i}", "items", one, "total", 1, "page", 1, "pages", 1);
        return 0;
    }
    if (u->role == OCOP_ROLE_PRODUCER && k->e != &ocop_entity_product)
        return ocop_error_set(OCOP_EFORBIDDEN, "the producer role does not keep this register");
    f->producer_id = k->e == &ocop_entity_product ? f->producer_id : 0;
    return ocop_app_list(out, &req->app, k->plural, f);
}

PAGE(page_office_list)
{
    const struct reg_kind *k = NULL;
    char path[64];
    struct ocop_filter f;
    struct ocop_buf b;
    json_t *list = NULL, *r;
    size_t i;
    int en = web_en(req), rc;

    if ((rc = office_query(req, "q", "page", "done")) != 0)
        return rc;
    if ((rc = reg__kind(&k, req)) != 0)
        return rc;
    snprintf(path, sizeof(path), "/office/%s", k->plural);
    /* a role that may neither add nor change these records keeps no such register */
    if (ocop_policy_role_may(&req->app.actor, k->e->name, OCOP_ACT_UPDATE) != 0 &&
        (rc = ocop_policy_role_may(&req->app.actor, k->e->name, OCOP_ACT_CREATE)) != 0)
        return rc;
    if ((rc = reg__items(&list, req, k, &f)) != 0)
        return rc;
    ocop_buf_init(&b, 4 * 1024 * 1024);
    office_open(&b, req, en ? k->en : k->vi, k->plural);
    html_raw(&b, "<div class=\"bar\"><h1>");
    html_raw(&b, en ? k->en : k->vi);
    html_raw(&b, "</h1>");
    if (ocop_policy_role_may(&req->app.actor, k->e->name, OCOP_ACT_CREATE) == 0) {
        html_raw(&b, "<a class=\"btn\" href=\"/office/");
        html_raw(&b, k->plural);
        html_raw(&b, "/new");
        office_lang(&b, req, 0);
        html_raw(&b, "\">");
        html_raw(&b, en ? k->new_en : k->new_vi);
        html_raw(&b, "</a>");
    }
    html_raw(&b, "</div>");
    ocop_error_clear();
    office_done(&b, req);
    if (!(req->app.actor.role == OCOP_ROLE_PRODUCER && k->e == &ocop_entity_producer))
        office_search(&b, req, path, "Tìm theo tên", "Search by name");
    html_raw(&b, "<p class=\"mute\">");
    html_int(&b, json_integer_value(json_object_get(list, "total")));
    html_raw(&b, en ? " records" : " bản ghi");
    html_raw(&b, "</p><div class=\"tbl\" role=\"region\" tabindex=\"0\" aria-label=\"");
    html_raw(&b, en ? k->en : k->vi);
    html_raw(&b, "\"><table class=\"cards\"><thead><tr><th scope=\"col\">");
    html_raw(&b, en ? "Name" : "Tên");
    html_raw(&b, "</th>");
    for (int c = 0; c < 5 && reg_cols[k - reg_kinds][en][c]; c++) {
        html_raw(&b, "<th scope=\"col\">");
        html_raw(&b, reg_cols[k - reg_kinds][en][c]);
        html_raw(&b, "</th>");
    }
    html_raw(&b, "</tr></thead><tbody>");
    json_array_foreach(json_object_get(list, "items"), i, r)
    {
        reg__row(&b, req, k, r);
    }
    html_raw(&b, "</tbody></table></div>");
    office_pager(&b, req, path, list);
    office_close(&b, req);
    json_decref(list);
    ocop_error_clear();
    return web_send(resp, &b);
}

/* ---------------------------------------------------------------- the form */

/* What the form's pickers offer: wards, producers and villages the actor looks after. */
struct reg_choices {
    json_t *wards, *producers, *villages;
};

static json_t *reg__list(struct http_req *req, const char *kind, struct ocop_filter *f)
{
    json_t *out = NULL;
    f->per_page = 200;
    if (ocop_app_list(&out, &req->app, kind, f) != 0) {
        ocop_error_clear();
        return NULL;
    }
    return out;
}

static void reg__choices(struct reg_choices *c, struct http_req *req, const struct reg_kind *k)
{
    const struct ocop_actor *u = &req->app.actor;
    struct ocop_filter f;
    memset(c, 0, sizeof(*c));
    office_scope_filter(&f, u);
    f.producer_id = 0;
    if ((u->role == OCOP_ROLE_OFFICE || u->role == OCOP_ROLE_COMMUNE) && u->province_code[0]) {
        /* the province's wards; a commune officer's own ward only */
        struct ocop_filter w;
        json_t *keep, *x;
        size_t i;
        office_scope_filter(&w, u);
        w.ward_code = NULL;
        w.producer_id = 0;
        w.province_code = u->province_code;
        c->wards = reg__list(req, "wards", &w);
        if (u->role == OCOP_ROLE_COMMUNE && c->wards) {
            keep = json_array();
            json_array_foreach(json_object_get(c->wards, "items"), i, x)
            {
                if (strcmp(json_string_value(json_object_get(x, "code")), u->ward_code) == 0)
                    json_array_append(keep, x);
            }
            json_object_set_new(c->wards, "total", json_integer((json_int_t)json_array_size(keep)));
            json_object_set_new(c->wards, "items", keep);
        }
    }
    if (k->e != &ocop_entity_product)
        return;
    if (u->role == OCOP_ROLE_PRODUCER) {
        char key[24];
        json_t *one = NULL;
        snprintf(key, sizeof(key), "%lld", (long long)u->producer_id);
        if (ocop_app_get(&one, &req->app, "producers", key) == 0) {
            c->producers = json_pack("{s:[o], s:i}", "items", one, "total", 1);
            f.province_code =
                json_string_value(json_object_get(json_object_get(one, "ward"), "province_code"));
            c->villages = reg__list(req, "villages", &f);
        }
        ocop_error_clear();
        return;
    }
    c->producers = reg__list(req, "producers", &f);
    c->villages = reg__list(req, "villages", &f);
}

static void reg__choices_dispose(struct reg_choices *c)
{
    json_decref(c->wards);
    json_decref(c->producers);
    json_decref(c->villages);
}

/* A <select> of records (id or code) when there are at most 200 of them, else a text box. */
static void reg__pick(struct ocop_buf *b, struct http_req *req, struct office_in *in,
                      const struct office_err *e, json_t *list, const char *key,
                      const char *label_key, const char *hint_big)
{
    json_t *x;
    size_t i;
    char tmp[32], only[32], cur[64];
    int found = 0;
    if (!list || json_integer_value(json_object_get(list, "total")) > 200) {
        if (!in->hint)
            in->hint = hint_big;
        in->type = "text";
        in->attrs = strcmp(key, "code") == 0 ? " inputmode=\"numeric\" pattern=\"[0-9]{5}\""
                                             : " inputmode=\"numeric\" pattern=\"[0-9]+\"";
        office_input(b, req, in, e);
        return;
    }
    if (in->required && (!in->value || !*in->value) &&
        json_array_size(json_object_get(list, "items")) == 1) {
        /* one choice (a producer's own record, a commune's own ward): chosen already */
        snprintf(
            only, sizeof(only), "%s",
            reg__text(tmp, sizeof(tmp),
                      json_object_get(json_array_get(json_object_get(list, "items"), 0), key)));
        in->value = only;
    }
    office_select_open(b, req, in, e);
    if (!in->required || !in->value || !*in->value)
        office_option(b, "", in->required ? (web_en(req) ? "Choose…" : "Chọn…") : "—", in->value);
    json_array_foreach(json_object_get(list, "items"), i, x)
    {
        const char *v = reg__text(tmp, sizeof(tmp), json_object_get(x, key));
        found |= in->value && strcmp(v, in->value) == 0;
        office_option(b, v, json_string_value(json_object_get(x, label_key)), in->value);
    }
    if (!found && in->value && *in->value) {
        /* the current value lies outside the list: kept, so saving does not change it */
        snprintf(cur, sizeof(cur), "%s %s", web_en(req) ? "Current:" : "Hiện tại:", in->value);
        office_option(b, in->value, cur, in->value);
    }
    office_select_close(b, in, e);
}

static void reg__enum(struct ocop_buf *b, struct http_req *req, struct office_in *in,
                      const struct office_err *e, const struct ocop_field *fd)
{
    office_select_open(b, req, in, e);
    if (!in->value || !*in->value)
        office_option(b, "", web_en(req) ? "Choose…" : "Chọn…", "");
    if (fd->type == OCOP_F_GROUP) {
        for (int s = 0; s < ocop_sectors_count; s++) {
            html_raw(b, "<optgroup label=\"");
            html_attr(b, web_en(req) ? ocop_sectors[s].name_en : ocop_sectors[s].name_vi);
            html_raw(b, "\">");
            for (int g = 0; g < ocop_groups_count; g++)
                if (strcmp(ocop_groups[g].sector, ocop_sectors[s].code) == 0)
                    office_option(b, ocop_groups[g].code,
                                  web_en(req) ? ocop_groups[g].name_en : ocop_groups[g].name_vi,
                                  in->value);
            html_raw(b, "</optgroup>");
        }
    } else {
        for (int v = 0; fd->values[v]; v++)
            office_option(b, fd->values[v], reg__enum_label(fd->values[v], web_en(req)), in->value);
    }
    office_select_close(b, in, e);
}

static void reg__field(struct ocop_buf *b, struct http_req *req, const struct reg_kind *k,
                       const struct reg_field *rf, const char *value, const struct office_err *e,
                       struct reg_choices *c)
{
    const struct ocop_field *fd = ocop_entity_field(k->e, rf->name);
    int en = web_en(req);
    struct office_in in = {rf->name,
                           en ? rf->en : rf->vi,
                           "text",
                           value,
                           (fd->flags & OCOP_FF_REQUIRED) != 0,
                           en ? rf->hint_en : rf->hint_vi,
                           NULL,
                           0};
    char attrs[96];

    switch (rf->w) {
    case RW_WARD:
        reg__pick(b, req, &in, e, c->wards, "code", en ? "full_name_en" : "full_name",
                  en ? "A 5-digit ward code" : "Mã xã, phường 5 chữ số");
        return;
    case RW_PRODUCER:
        reg__pick(b, req, &in, e, c->producers, "id", "name",
                  en ? "The producer's number" : "Số hiệu của chủ thể");
        return;
    case RW_VILLAGE:
        reg__pick(b, req, &in, e, c->villages, "id", "name",
                  en ? "The craft village's number" : "Số hiệu của làng nghề");
        return;
    case RW_GROUP:
        reg__enum(b, req, &in, e, fd);
        return;
    default:
        break;
    }
    switch (fd->type) {
    case OCOP_F_ENUM:
        reg__enum(b, req, &in, e, fd);
        return;
    case OCOP_F_MTEXT:
        in.type = "textarea";
        snprintf(attrs, sizeof(attrs), " maxlength=\"%lld\"", fd->max);
        in.attrs = attrs;
        break;
    case OCOP_F_INT:
        in.type = "number";
        snprintf(attrs, sizeof(attrs), " min=\"%lld\" max=\"%lld\" step=\"1\"", fd->min, fd->max);
        in.attrs = attrs;
        break;
    case OCOP_F_BOOL:
        in.type = "checkbox";
        break;
    case OCOP_F_EMAIL:
        in.type = "email";
        in.attrs = " autocomplete=\"email\"";
        break;
    case OCOP_F_PHONE:
        in.type = "tel";
        in.attrs = " autocomplete=\"tel\"";
        break;
    case OCOP_F_URL:
        in.type = "url";
        snprintf(attrs, sizeof(attrs), " maxlength=\"%lld\" autocomplete=\"url\"", fd->max);
        in.attrs = attrs;
        break;
    case OCOP_F_TEXT:
        if (fd->max) {
            snprintf(attrs, sizeof(attrs), " maxlength=\"%lld\"", fd->max);
            in.attrs = attrs;
        }
        break;
    default:
        in.attrs = " inputmode=\"numeric\"";
        break;
    }
    office_input(b, req, &in, e);
}

/*
 * The new or edit form. Values come from `rec` (the record, on a first edit) or from
 * the posted form (after an error). id 0: a new record.
 */
static void reg__form(struct ocop_buf *b, struct http_req *req, const struct reg_kind *k,
                      int64_t id, json_t *rec, const struct office_err *e)
{
    struct reg_choices c;
    char tmp[32], title[1024];
    int en = web_en(req);

    reg__choices(&c, req, k);
    if (id) {
        const char *name =
            rec ? json_string_value(json_object_get(rec, "name")) : web_field(req, "name");
        snprintf(title, sizeof(title), "%s: %s", en ? "Edit" : "Sửa", name ? name : "");
    } else
        snprintf(title, sizeof(title), "%s", en ? k->new_en : k->new_vi);
    office_open(b, req, title, k->plural);
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1>");
    office_done(b, req);
    office_err_summary(b, req, e, "record", 0);
    html_raw(b, "<p class=\"mute\"><span class=\"req\" aria-hidden=\"true\">*</span> ");
    html_raw(b, en ? "required" : "bắt buộc");
    html_raw(b, "</p><form method=\"post\" action=\"/office/");
    html_raw(b, k->plural);
    if (id) {
        html_raw(b, "/");
        html_int(b, id);
        html_raw(b, "/edit");
    } else {
        html_raw(b, "/new");
    }
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    html_raw(b, "<div class=\"cols\">");
    for (size_t i = 0; i < k->nfields; i++) {
        const struct reg_field *rf = &k->fields[i];
        const char *v = rec ? reg__text(tmp, sizeof(tmp), json_object_get(rec, rf->name))
                            : web_field(req, rf->name);
        if (!rec && !e && strcmp(rf->name, "status") == 0)
            v = "active"; /* a new product is in production */
        reg__field(b, req, k, rf, v ? v : "", e, &c);
    }
    html_raw(b, "</div><p class=\"bar\"><button type=\"submit\">");
    html_raw(b, id ? (en ? "Save changes" : "Lưu thay đổi") : (en ? "Create" : "Tạo mới"));
    html_raw(b, "</button> <a href=\"/office/");
    html_raw(b, k->plural);
    office_lang(b, req, 0);
    html_raw(b, "\">");
    html_raw(b, en ? "Cancel" : "Hủy");
    html_raw(b, "</a></p></form>");
    if (id && k->e == &ocop_entity_product && rec)
        office_trace_section(b, req, id, rec, e);
    office_close(b, req);
    reg__choices_dispose(&c);
    ocop_error_clear();
}

/*
 * The JSON body from the posted form: numbers as integers, check boxes as booleans,
 * empty boxes left out (new) or cleared with null (edit, when they held a value).
 * An edit sends only what changed. Nothing is refused here: a number that is not one goes
 * on as text, for validation to name. Returns a new object.
 */
static json_t *reg__body(struct http_req *req, const struct reg_kind *k, json_t *before)
{
    json_t *body = json_object();
    char tmp[32];

    for (size_t i = 0; i < k->nfields; i++) {
        const struct ocop_field *fd = ocop_entity_field(k->e, k->fields[i].name);
        const char *v = web_field(req, fd->name), *old = NULL;
        json_t *val = NULL;
        if (before)
            old = reg__text(tmp, sizeof(tmp), json_object_get(before, fd->name));
        if (fd->type == OCOP_F_BOOL) {
            int on = v && *v;
            if (!before || on != json_is_true(json_object_get(before, fd->name)))
                json_object_set_new(body, fd->name, json_boolean(on));
            continue;
        }
        if (!v)
            v = "";
        if (old && strcmp(old, v) == 0)
            continue;
        if (!*v) {
            if (before)
                json_object_set_new(body, fd->name, json_null());
            continue;
        }
        /* a number that does not parse goes on as text: validation then names it with
         * every other field at fault */
        if ((fd->type == OCOP_F_INT || fd->type == OCOP_F_REF) &&
            office_int_field(&val, fd->name, v, INT64_MIN + 1, INT64_MAX) != 0)
            ocop_error_clear();
        json_object_set_new(body, fd->name, val ? val : json_string(v));
    }
    return body;
}

static int reg__get(json_t **rec, struct http_req *req, const struct reg_kind *k, int64_t *id)
{
    char key[24];
    int rc;
    if ((rc = http_param_id(id, req, 1)) != 0)
        return rc;
    snprintf(key, sizeof(key), "%lld", (long long)*id);
    if ((rc = ocop_app_get(rec, &req->app, k->plural, key)) != 0)
        return rc;
    /* someone who may not change this record does not get its form */
    if ((rc = office_may(req, k->e->name, OCOP_ACT_UPDATE, *rec)) != 0) {
        json_decref(*rec);
        *rec = NULL;
    }
    return rc;
}

PAGE(page_office_new)
{
    const struct reg_kind *k = NULL;
    struct ocop_buf b;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = reg__kind(&k, req)) != 0 ||
        (rc = ocop_policy_role_may(&req->app.actor, k->e->name, OCOP_ACT_CREATE)) != 0)
        return rc;
    ocop_buf_init(&b, 4 * 1024 * 1024);
    reg__form(&b, req, k, 0, NULL, NULL);
    return web_send(resp, &b);
}

PAGE(page_office_create)
{
    const struct reg_kind *k = NULL;
    struct office_err e = {0};
    struct ocop_buf b;
    json_t *body = NULL, *out = NULL;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = reg__kind(&k, req)) != 0 ||
        (rc = ocop_policy_role_may(&req->app.actor, k->e->name, OCOP_ACT_CREATE)) != 0)
        return rc;
    body = reg__body(req, k, NULL);
    rc = ocop_app_create(&out, &req->app, k->e, body);
    json_decref(body);
    if (rc == 0) {
        rc = office_redirect(resp, req, "/office/%s?done=created", k->plural);
        json_decref(out);
        return rc;
    }
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "record", 0);
    ocop_buf_init(&b, 4 * 1024 * 1024);
    reg__form(&b, req, k, 0, NULL, &e);
    return office_send(resp, &b, 422);
}

PAGE(page_office_edit)
{
    const struct reg_kind *k = NULL;
    struct ocop_buf b;
    json_t *rec = NULL;
    int64_t id;
    int rc;

    if ((rc = office_query(req, "done", NULL, NULL)) != 0)
        return rc;
    if ((rc = reg__kind(&k, req)) != 0 || (rc = reg__get(&rec, req, k, &id)) != 0)
        return rc;
    ocop_buf_init(&b, 4 * 1024 * 1024);
    reg__form(&b, req, k, id, rec, NULL);
    json_decref(rec);
    return web_send(resp, &b);
}

PAGE(page_office_update)
{
    const struct reg_kind *k = NULL;
    struct office_err e = {0};
    struct ocop_buf b;
    json_t *before = NULL, *body = NULL, *out = NULL;
    int64_t id;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = reg__kind(&k, req)) != 0 || (rc = reg__get(&before, req, k, &id)) != 0)
        return rc;
    body = reg__body(req, k, before);
    rc = ocop_app_update(&out, &req->app, k->e, id, body);
    json_decref(body);
    json_decref(out);
    if (rc == 0) {
        json_decref(before);
        return office_redirect(resp, req, "/office/%s?done=updated", k->plural);
    }
    if (rc != OCOP_EINVALID) {
        json_decref(before);
        return rc;
    }
    office_err_capture(&e, req, "record", 0);
    ocop_buf_init(&b, 4 * 1024 * 1024);
    reg__form(&b, req, k, id, NULL, &e);
    json_decref(before);
    return office_send(resp, &b, 422);
}

int office_product_page(struct http_resp *resp, struct http_req *req, int64_t id,
                        const struct office_err *e)
{
    const struct reg_kind *k = NULL;
    struct ocop_buf b;
    json_t *rec = NULL;
    char key[24];
    int rc;

    for (size_t i = 0; i < sizeof(reg_kinds) / sizeof(reg_kinds[0]); i++)
        if (reg_kinds[i].e == &ocop_entity_product)
            k = &reg_kinds[i];
    snprintf(key, sizeof(key), "%lld", (long long)id);
    if ((rc = ocop_app_get(&rec, &req->app, k->plural, key)) != 0)
        return rc;
    if ((rc = office_may(req, k->e->name, OCOP_ACT_UPDATE, rec)) != 0) {
        json_decref(rec);
        return rc;
    }
    ocop_buf_init(&b, 4 * 1024 * 1024);
    reg__form(&b, req, k, id, rec, e);
    json_decref(rec);
    return office_send(resp, &b, 422);
}
