#!/usr/bin/env python3
"""gen_products.py: a synthetic OCOP registry as an import CSV (docs/import.md columns).

Deterministic from --seed: the same seed gives the same file, byte for byte.
Product names are realistic Vietnamese (NFC, with tone marks and đ), built from
the specialities of real places; producers sit in real 2025 wards (units JSON).
Python 3 standard library only.

Usage: gen_products.py --units data/vn-admin-units/units-2025.json --rows 100000 \
           --seed 2025 --out bench/results/products.csv
"""
import argparse
import csv
import datetime
import json
import random
import sys
import unicodedata

# (group code, base names, weight, places famous for it)
# Weights are per-mille of products. "Mật ong" (honey) is tuned so that the search
# "mat ong" matches about 3% of the catalogue (~3k rows of 100k), the ARCHITECTURE
# figure for FTS5 top-20.
CATALOG = [
    ("food.fresh_produce", ["Bưởi Diễn", "Vải thiều", "Nhãn lồng", "Cam Cao Phong", "Cam sành",
                            "Xoài cát Hòa Lộc", "Thanh long ruột đỏ", "Hồng không hạt", "Na dai",
                            "Chuối tiêu hồng", "Dưa lưới", "Rau an toàn", "Măng tre Bát Độ",
                            "Su su", "Chè tươi", "Quýt đường", "Mận hậu"], 70,
     ["Lục Ngạn", "Thanh Hà", "Cao Phong", "Cái Bè", "Chợ Lách", "Mộc Châu", "Bắc Hà", "Sa Pa",
      "Yên Thế", "Đông Triều", "Bình Minh"]),
    ("food.fresh_animal", ["Gà đồi", "Trứng gà ri", "Sữa bò tươi", "Tôm sú", "Cua biển",
                           "Cá lăng", "Lợn đen bản địa", "Vịt cỏ", "Ngao", "Hàu sữa"], 45,
     ["Yên Thế", "Mộc Châu", "Cần Giờ", "Cát Hải", "Vạn Ninh", "Tiên Lãng", "Ba Vì"]),
    ("food.rice_grain", ["Gạo ST25", "Gạo nếp cái hoa vàng", "Gạo tám thơm", "Gạo lứt đỏ",
                         "Gạo séng cù", "Nếp tú lệ", "Ngô nếp", "Đậu xanh"], 60,
     ["Hải Hậu", "Kim Sơn", "Vĩnh Châu", "Bát Xát", "Đông Anh", "Tam Nông", "Kế Sách"]),
    ("food.honey_raw", ["Mật ong bạc hà", "Mật ong rừng", "Mật ong hoa nhãn", "Mật ong hoa cà phê",
                        "Mật ong keo lai", "Sáp ong"], 28,
     ["Đồng Văn", "Ba Vì", "Hương Sơn", "Yên Thế", "Buôn Ma Thuột"]),
    ("food.fast_food", ["Giò lụa", "Chả cốm", "Nem chua", "Bánh chưng", "Bánh giầy",
                        "Chả cá", "Xôi gấc đóng hộp"], 35,
     ["Ước Lễ", "Vân Đình", "Thanh Hà", "Hạ Long", "Phú Xuyên"]),
    ("food.grain_processed", ["Bánh tẻ", "Bánh đa nem", "Bánh đa kế", "Miến dong", "Bún khô",
                              "Phở khô", "Bánh cuốn", "Cốm làng Vòng", "Bánh gai", "Bánh phồng tôm",
                              "Mì gạo", "Bánh tráng"], 90,
     ["Phú Nhi", "Sơn Tây", "Đường Lâm", "Thạch Thất", "Chương Mỹ", "Tam Nông", "Kim Sơn",
      "Đan Phượng"]),
    ("food.produce_processed", ["Mứt gừng", "Ô mai mơ", "Vải sấy", "Nhãn sấy", "Chuối sấy dẻo",
                                "Hồng treo gió", "Măng khô", "Mộc nhĩ", "Nấm hương khô",
                                "Tinh bột nghệ", "Hạt điều rang muối", "Lạc rang húng lìu"], 80,
     ["Lục Ngạn", "Bắc Hà", "Sa Pa", "Đông Triều", "Chợ Lách", "Bình Minh"]),
    ("food.animal_processed", ["Ruốc thịt", "Lạp xưởng", "Thịt trâu gác bếp", "Chà bông cá",
                               "Mực khô", "Tôm khô", "Cá khô", "Sữa chua", "Pho mát"], 60,
     ["Mộc Châu", "Hạ Long", "Cát Hải", "Phan Thiết", "Cần Giờ", "Vạn Ninh", "Ba Vì"]),
    ("food.sauces", ["Nước mắm", "Nước mắm cá cơm", "Tương bần", "Tương ớt", "Mắm tôm",
                     "Mắm tép", "Nước mắm nhĩ"], 55,
     ["Phú Quốc", "Phan Thiết", "Cát Hải", "Vạn Ninh", "Sóc Trăng"]),
    ("food.spices_other", ["Muối tôm", "Hạt tiêu đen", "Quế thanh", "Hồi khô", "Ớt bột",
                           "Sả khô", "Muối vừng"], 30,
     ["Yên Bái", "Bảo Lộc", "Phú Quốc", "Vĩnh Châu"]),
    ("food.tea", ["Chè Thái Nguyên", "Chè Tân Cương", "Chè shan tuyết", "Chè búp", "Chè móc câu",
                  "Chè xanh", "Trà ô long", "Chè đinh"], 55,
     ["Tân Cương", "Mộc Châu", "Bắc Hà", "Yên Bái", "Đồng Văn"]),
    ("food.herbal_tea", ["Trà hoa vàng", "Trà atiso", "Trà dây", "Trà túi lọc giảo cổ lam",
                         "Trà hoa cúc", "Trà gừng", "Trà sen"], 35,
     ["Đà Lạt", "Ba Vì", "Sa Pa", "Tam Nông", "Hội An"]),
    ("food.coffee_cocoa", ["Cà phê rang xay", "Cà phê hạt Robusta", "Cà phê Arabica", "Ca cao bột",
                           "Sô cô la đen"], 30,
     ["Buôn Ma Thuột", "Bảo Lộc", "Đà Lạt", "Bến Tre"]),
    ("drinks.liquor", ["Rượu làng Vân", "Rượu nếp cái", "Rượu ngô men lá", "Rượu mơ",
                       "Rượu ba kích", "Rượu sim"], 35,
     ["Vân Hà", "Bắc Hà", "Kim Sơn", "Đông Anh", "Phú Quốc"]),
    ("drinks.alcohol_other", ["Rượu vang nho", "Rượu vang sim", "Bia thủ công"], 10,
     ["Đà Lạt", "Phan Thiết", "Phú Quốc"]),
    ("drinks.water", ["Nước khoáng", "Nước uống đóng chai", "Nước khoáng thiên nhiên"], 10,
     ["Hương Sơn", "Ba Vì", "Vạn Ninh"]),
    ("drinks.nonalcoholic_other", ["Nước cốt chanh leo", "Nước dừa đóng chai", "Nước ép cam",
                                   "Siro dâu tằm", "Nước mía"], 15,
     ["Bến Tre", "Cao Phong", "Đà Lạt", "Chợ Lách"]),
    ("herbal.medicine", ["Cao dược liệu", "Cao giảo cổ lam", "Đông trùng hạ thảo", "Viên nghệ mật ong",
                         "Nấm linh chi", "Sâm Ngọc Linh", "Cao atiso"], 45,
     ["Đà Lạt", "Ba Vì", "Sa Pa", "Hương Sơn"]),
    ("herbal.cosmetics", ["Xà phòng thảo dược", "Dầu gội bồ kết", "Son dưỡng sáp ong",
                          "Tinh chất nghệ", "Nước hoa hồng"], 25,
     ["Ba Vì", "Đà Lạt", "Hội An"]),
    ("herbal.oils_other", ["Tinh dầu sả chanh", "Tinh dầu quế", "Tinh dầu tràm", "Tinh dầu bưởi",
                           "Hương nhang trầm"], 25,
     ["Yên Bái", "Hương Trà", "Cần Giờ", "Bảo Lộc"]),
    ("crafts.household", ["Gốm sứ Bát Tràng", "Bình gốm men rạn", "Ấm chén gốm", "Mây tre đan",
                          "Giỏ mây tre đan", "Khay mây tre đan", "Đồ gỗ mỹ nghệ", "Tranh sơn mài",
                          "Chiếu cói", "Nón lá", "Đèn lồng", "Tượng gỗ", "Gốm Chu Đậu",
                          "Sơn mài khảm trai"], 80,
     ["Bát Tràng", "Phù Lãng", "Phú Vinh", "Chuyên Mỹ", "Kim Sơn", "Hội An", "Thường Tín",
      "Chương Mỹ", "Đồng Văn"]),
    ("crafts.textiles", ["Lụa tơ tằm", "Khăn lụa", "Thổ cẩm", "Áo dài lụa", "Vải lanh",
                         "Khăn thổ cẩm", "Túi thổ cẩm"], 30,
     ["Vạn Phúc", "Sa Pa", "Bắc Hà", "Đồng Văn", "Hội An"]),
    ("ornamental.flowers", ["Hoa đào Nhật Tân", "Hoa lan hồ điệp", "Hoa cúc", "Hoa hồng",
                            "Hoa ly"], 20,
     ["Nhật Tân", "Mê Linh", "Đà Lạt", "Sa Pa"]),
    ("ornamental.plants", ["Quất cảnh", "Cây bonsai", "Mai vàng", "Cây cảnh nghệ thuật"], 15,
     ["Nhật Tân", "Cái Bè", "Chợ Lách", "Đan Phượng"]),
    ("ornamental.animals", ["Cá Koi", "Cá cảnh", "Chim cảnh"], 5,
     ["Đông Anh", "Cái Bè"]),
    ("tourism.services", ["Du lịch cộng đồng", "Điểm du lịch làng nghề", "Homestay bản",
                          "Du lịch sinh thái miệt vườn"], 12,
     ["Đường Lâm", "Sa Pa", "Cái Bè", "Hội An", "Mộc Châu", "Bát Tràng"]),
]

PACKS = ["hộp 500g", "túi 1kg", "chai 500ml", "hũ 200g", "gói 250g", "hộp quà", "loại đặc biệt",
         "loại 1", "cao cấp", "truyền thống", "hữu cơ", "đóng hộp", "túi zip 300g", "can 2 lít",
         "bộ 6 món", "size lớn", "hút chân không", "sấy lạnh"]
BRANDS = ["Hương Quê", "Đất Việt", "Tâm Đức", "Phúc Lộc", "An Khang", "Hồng Đào", "Thiên Phú",
          "Quê Hương", "Đồng Quê", "Minh Đạt", "Sen Việt", "Làng Xưa", "Bảo Ngọc", "Đại Phát",
          "Thịnh Vượng", "Xanh Sạch", "Ngọc Lan", "Hạnh Phúc", "Thanh Bình", "Việt Đức"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Lương", "Trịnh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Xuân", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương",
         "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng",
         "Trang", "Tuấn", "Vân", "Yến", "Đông", "Điệp", "Độ", "Khoa"]
TRADES = {"food": "Nông sản", "drinks": "Đồ uống", "herbal": "Dược liệu", "crafts": "Làng nghề",
          "ornamental": "Sinh vật cảnh", "tourism": "Du lịch"}
KINDS = [("cooperative", 40), ("cooperative_group", 10), ("enterprise", 30), ("household", 20)]
COLUMNS = ["producer_name", "producer_kind", "producer_tax_code", "producer_ward_code",
           "producer_address", "product_name", "product_group", "certificate_number",
           "decision_number", "decision_date", "stars", "score"]


def fold(s):
    """Lower-case, tone marks off, đ -> d (as core/text.c's ocop_text_fold)."""
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def load_wards(path):
    with open(path, encoding="utf-8") as f:
        provinces = json.load(f)
    wards = []
    for p in provinces:
        for w in p["Wards"]:
            wards.append((w["Code"], w["Name"], w["FullName"], p["FullName"]))
    wards.sort()
    return wards


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def producer_name(rng, kind, thing, place):
    if kind == "cooperative":
        return f"Hợp tác xã {rng.choice(['', 'Nông nghiệp ', 'Dịch vụ '])}{thing} {place}".replace("  ", " ")
    if kind == "cooperative_group":
        return f"Tổ hợp tác {thing} {place}"
    if kind == "enterprise":
        form = rng.choice(["Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV"])
        return f"{form} {rng.choice(BRANDS)} {place}"
    return f"Hộ kinh doanh {person(rng)}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--units", required=True)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    wards = load_wards(args.units)
    by_name = {}
    for w in wards:
        by_name.setdefault(w[1], []).append(w)
    groups = [c for c in CATALOG]
    gweights = [c[2] for c in CATALOG]
    kinds, kweights = zip(*KINDS)

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    wr = csv.writer(out, lineterminator="\n")
    wr.writerow(COLUMNS)
    rows = 0
    producer_no = 0
    cert_no = 0
    while rows < args.rows:
        group, bases, _, places = rng.choices(groups, gweights)[0]
        place = rng.choice(places)
        # specialities mostly come from the place they are named after
        if place in by_name and rng.random() < 0.7:
            ward = rng.choice(by_name[place])
        else:
            ward = rng.choice(wards)
        kind = rng.choices(kinds, kweights)[0]
        pname = producer_name(rng, kind, TRADES[group.split(".")[0]], place)
        producer_no += 1
        tax = f"{(1000000000 + producer_no * 7919) % 10**10:010d}"
        address = f"Thôn {rng.randint(1, 12)}, {ward[2]}, {ward[3]}"
        # a producer has 1 to 4 certified products, mostly of its own group
        names = set()
        for _ in range(rng.choices([1, 2, 3, 4], [55, 25, 12, 8])[0]):
            if rows >= args.rows:
                break
            base = rng.choice(bases)
            name = base
            if place not in base and rng.random() < 0.6:
                name = f"{base} {place}"
            if rng.random() < 0.5:
                name = f"{name} {rng.choice(PACKS)}"
            if rng.random() < 0.3:
                name = f"{name} {rng.choice(BRANDS)}"
            if name in names:
                name = f"{name} mẫu {len(names) + 1}"
            names.add(name)
            cert_no += 1
            year = rng.choice([2021, 2022, 2023, 2023, 2024, 2024, 2025, 2025, 2026])
            d = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(0, 320))
            stars = rng.choices([3, 4, 5], [60, 35, 5])[0]
            score = {3: rng.uniform(50, 69.9), 4: rng.uniform(70, 89.9), 5: rng.uniform(90, 98)}[stars]
            wr.writerow([pname, kind, tax, ward[0], address, name, group,
                         f"OCOP-{year}-{cert_no:06d}", f"{rng.randint(100, 4999)}/QĐ-UBND",
                         d.isoformat(), stars, f"{score:.1f}"])
            rows += 1
    if out is not sys.stdout:
        out.close()
    print(f"gen_products: {rows} products of {producer_no} producers (seed {args.seed})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
