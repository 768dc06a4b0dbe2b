/*
 * demo_data.h: the data tables of the demo generator (names, crafts, groups, figures).
 * Included by src/app/demo.c only; kept apart so the generator reads as code.
 */
#ifndef OCOP_APP_DEMO_DATA_H
#define OCOP_APP_DEMO_DATA_H

/* ------------------------------------------------------------ data tables */

/* A real craft village named in Hanoi's reporting, in today's ward (docs/demo.md). */
struct named_village {
    const char *name, *craft, *kind, *ward, *place; /* kind: a crafts[].craft */
    int year, households;
    long long revenue_bn; /* illustrative, not published */
    const char *description;
};

static const struct named_village named_villages[] = {
    {"Làng gốm Bát Tràng", "Gốm sứ", "Gốm", "00577", "Bát Tràng", 2003, 1700, 1500,
     "Làng gốm cổ bên bờ sông Hồng, trung tâm gốm sứ lớn nhất miền Bắc, điểm du lịch làng nghề."},
    {"Làng mây tre đan Phú Vinh", "Mây tre đan", "Mây tre đan", "10030", "Phú Vinh", 2002, 900, 180,
     "Làng mây tre đan lâu đời của Chương Mỹ, sản phẩm xuất khẩu đi nhiều nước."},
    {"Làng lụa Vạn Phúc", "Dệt lụa tơ tằm", "Dệt may", "09556", "Vạn Phúc", 2001, 800, 320,
     "Làng dệt lụa ven sông Nhuệ, nổi tiếng với lụa tơ tằm mềm mịn và hoa văn truyền thống."},
    {"Làng khảm trai Chuyên Mỹ", "Khảm trai", "Khảm trai", "10330", "Chuyên Mỹ", 2001, 1500, 450,
     "Vùng khảm trai, khảm ốc nổi tiếng của Phú Xuyên cũ."},
    {"Làng sơn mài Hạ Thái", "Sơn mài", "Sơn mài", "10210", "Hạ Thái", 2001, 800, 120,
     "Làng sơn mài lâu đời, được UBND tỉnh Hà Tây (cũ) công nhận làng nghề năm 2001."},
    {"Làng dệt Phùng Xá", "Dệt vải, dệt tơ sen", "Dệt may", "10441", "Phùng Xá", 2006, 400, 80,
     "Làng dệt của Mỹ Đức, nơi làm ra khăn lụa tơ sen rút từ cuống sen."},
    {"Làng thêu Quất Động", "Thêu ren", "Thêu ren", "10231", "Quất Động", 2001, 700, 150,
     "Quê hương nghề thêu gắn với ông tổ nghề Lê Công Hành."},
    {"Làng điêu khắc Sơn Đồng", "Tạc tượng, đồ thờ sơn son thếp vàng", "Mộc, chạm khắc gỗ", "09871",
     "Sơn Đồng", 2004, 1200, 400, "Làng tạc tượng và đồ thờ sơn son thếp vàng của Hoài Đức cũ."},
    {"Làng hương Xà Cầu", "Làm hương", "Làm hương", "10369", "Xà Cầu", 2008, 600, 90,
     "Làng làm hương của Ứng Hòa cũ, nổi tiếng với những bãi phơi hương đỏ rực."},
    {"Làng giò chả Ước Lễ", "Giò chả", "Giò chả", "10180", "Ước Lễ", 2006, 350, 110,
     "Làng giò chả nổi tiếng của Thanh Oai cũ."},
    {"Làng bánh tẻ Phú Nhi", "Làm bánh tẻ", "Làm bánh", "09574", "Phú Nhi", 2012, 150, 35,
     "Làng làm bánh tẻ gói lá dong của Sơn Tây."},
    {"Làng cốm Mễ Trì", "Làm cốm", "Làm cốm", "00592", "Mễ Trì", 2009, 200, 60,
     "Làng cốm lâu đời phía tây Hà Nội, giữ nghề giữa lòng đô thị."},
    {"Làng đúc đồng Đại Áng", "Đúc đồng", "Đúc đồng", "00679", "Đại Áng", 2010, 120, 70,
     "Làng đúc đồng ở Thanh Trì cũ (tên làng nghề chưa kiểm chứng, xem docs/demo.md)."},
};

/* A real product named in Hanoi's OCOP reporting; stars and years are the demo's. */
struct named_product {
    const char *name, *group, *ward;
    int village; /* index in named_villages or -1 */
    const char *producer;
    int kind; /* index in ocop_producer_kinds */
    int stars, candidate, year;
    const char *story;
};

enum { K_COOP, K_GROUP, K_ENTERPRISE, K_HOUSEHOLD };

static const struct named_product named_products[] = {
    {"Bình gốm men lam vẽ tay Bát Tràng", "crafts.household", "00577", 0, "HTX Gốm sứ Bát Tràng",
     K_COOP, 5, 0, 2023,
     "Làng gốm Bát Tràng bên bờ sông Hồng đã làm gốm hàng trăm năm. Bình men lam được vuốt "
     "tay, vẽ tay và nung theo kỹ thuật truyền thống; mỗi chiếc mang dấu tay người thợ."},
    {"Giỏ mây tre đan Phú Vinh", "crafts.household", "10030", 1, "HTX Mây tre đan Phú Vinh", K_COOP,
     5, 0, 2022,
     "Phú Vinh là làng mây tre đan lâu đời của xứ Đoài. Giỏ được đan tay từ song, mây, giang "
     "chọn lọc, xử lý chống mốc, kiểu dáng hợp thị hiếu trong nước và xuất khẩu."},
    {"Lụa tơ tằm Vạn Phúc", "crafts.textiles", "09556", 2, "HTX Lụa Vạn Phúc", K_COOP, 5, 0, 2023,
     "Lụa Vạn Phúc dệt từ tơ tằm, mềm, mịn, với hoa văn truyền thống. Làng lụa ven sông Nhuệ "
     "là điểm du lịch làng nghề quen thuộc của Hà Đông."},
    {"Tranh khảm trai Chuyên Mỹ", "crafts.household", "10330", 3,
     "Công ty TNHH Khảm trai Chuyên Mỹ", K_ENTERPRISE, 5, 0, 2024,
     "Vỏ trai, vỏ ốc được cưa, mài, cắt và gắn thủ công trên nền gỗ sơn mài thành tranh "
     "phong cảnh, chân dung; nghề khảm của Chuyên Mỹ được truyền qua nhiều thế hệ."},
    {"Tranh sơn mài Hạ Thái", "crafts.household", "10210", 4, "HTX Sơn mài Hạ Thái", K_COOP, 5, 0,
     2024,
     "Làng Hạ Thái làm sơn mài từ nhiều thế kỷ. Mỗi bức tranh qua hàng chục công đoạn bó "
     "hom, vẽ, mài và đánh bóng với nhiều lớp sơn ta, làm hoàn toàn bằng tay."},
    {"Khăn lụa tơ sen Phùng Xá", "crafts.textiles", "10441", 5, "Tổ hợp tác dệt tơ sen Phùng Xá",
     K_GROUP, 5, 0, 2023,
     "Tơ được rút thủ công từ cuống sen rồi dệt trên khung cửi. Mỗi chiếc khăn cần hàng "
     "nghìn cuống sen, là sản phẩm độc đáo của làng dệt Phùng Xá."},
    {"Trà ướp sen Tây Hồ", "food.tea", "00103", -1, "HTX Trà sen Tây Hồ", K_COOP, 4, 1, 2024,
     "Chè búp được ướp nhiều lần trong gạo hoa của sen Bách Diệp Hồ Tây theo cách làm "
     "truyền thống của người Hà Nội; mỗi cân trà cần hàng nghìn bông sen."},
    {"Bánh tẻ Phú Nhi", "food.grain_processed", "09574", 10, "HTX Bánh tẻ Phú Nhi", K_COOP, 4, 0,
     2023,
     "Bánh làm từ gạo tẻ xay nước, nhân thịt và mộc nhĩ, gói lá dong, luộc nhiều giờ; món "
     "quà quê quen thuộc của Sơn Tây."},
    {"Cốm làng Mễ Trì", "food.grain_processed", "00592", 11, "Tổ hợp tác cốm Mễ Trì", K_GROUP, 4, 1,
     2024,
     "Cốm làm từ lúa nếp non, rang và giã tay theo bí quyết của làng, giữ màu xanh và hương "
     "thơm tự nhiên, gói trong lá sen."},
    {"Giò lụa Ước Lễ", "food.animal_processed", "10180", 9, "HTX Giò chả Ước Lễ", K_COOP, 4, 1,
     2023,
     "Thịt lợn nạc tươi được giã nhuyễn, gói lá chuối và luộc chín; giò lụa Ước Lễ nổi tiếng "
     "dai, thơm, là niềm tự hào của làng nghề giò chả lâu đời."},
    {"Tranh thêu tay Quất Động", "crafts.textiles", "10231", 6, "HTX Thêu Quất Động", K_COOP, 4, 0,
     2022,
     "Quất Động là quê của nghề thêu, gắn với ông tổ nghề Lê Công Hành. Tranh được thêu hoàn "
     "toàn bằng tay với chỉ tơ nhiều màu."},
    {"Lư hương đồng Đại Áng", "crafts.household", "00679", 12, "Công ty TNHH Đúc đồng Đại Áng",
     K_ENTERPRISE, 4, 0, 2023,
     "Lư hương được đúc đồng theo khuôn đất truyền thống, chạm khắc hoa văn và hoàn thiện "
     "thủ công."},
    {"Hương trầm Xà Cầu", "crafts.household", "10369", 8, "HTX Hương Xà Cầu", K_COOP, 4, 0, 2024,
     "Hương se từ bột trầm và thảo mộc, phơi nắng tự nhiên trên những bãi hương đỏ rực của "
     "làng Xà Cầu."},
    {"Nem chua Phượng Bắc", "food.animal_processed", "09784", -1, "Hộ kinh doanh Nguyễn Văn Phượng",
     K_HOUSEHOLD, 3, 0, 2024,
     "Nem chua gói lá ổi và lá chuối, lên men tự nhiên, làm theo công thức gia đình ở vùng "
     "Đan Phượng (tên sản phẩm chưa kiểm chứng, xem docs/demo.md)."},
    {"Sữa tươi thanh trùng Ba Vì", "food.animal_processed", "09700", -1, "HTX Bò sữa Ba Vì", K_COOP,
     4, 1, 2024,
     "Sữa vắt từ đàn bò của các hộ chăn nuôi dưới chân núi Ba Vì, thanh trùng ngay trong "
     "ngày để giữ vị tươi."},
    {"Gạo J02 Ứng Hòa", "food.rice_grain", "10402", -1, "HTX Nông nghiệp Ứng Hòa", K_COOP, 4, 0,
     2023,
     "J02 là giống lúa Japonica hạt tròn, cơm dẻo, được liên kết sản xuất theo quy trình an "
     "toàn trên cánh đồng lớn."},
    {"Rau an toàn Văn Đức", "food.fresh_produce", "00577", -1, "HTX Rau an toàn Văn Đức", K_COOP, 4,
     0, 2022,
     "Vùng rau Văn Đức ven sông Hồng cung cấp rau an toàn cho nội thành, sản xuất theo quy "
     "trình VietGAP, có truy xuất nguồn gốc."},
    {"Lụa tơ tằm Mỹ Đức", "crafts.textiles", "10441", 5, "HTX Dâu tằm tơ Mỹ Đức", K_COOP, 3, 0,
     2023, "Dâu trồng trên bãi ven sông Đáy, tằm nuôi và tơ ươm tại chỗ trước khi dệt thành lụa."},
    {"Tượng gỗ sơn son thếp vàng Sơn Đồng", "crafts.household", "09871", 7,
     "HTX Điêu khắc Sơn Đồng", K_COOP, 4, 1, 2024,
     "Sơn Đồng nổi tiếng với nghề tạc tượng và đồ thờ sơn son thếp vàng, cung cấp cho đình, "
     "chùa khắp cả nước."},
};

/* Raw-material zones: named places; areas are illustrative. */
static const struct {
    const char *name, *kind, *ward, *material, *certification;
    double area_ha;
    int named; /* index in named_products, or -1 */
} zones[] = {
    {"Vùng chăn nuôi bò sữa Ba Vì", "livestock", "09700", "Sữa bò tươi", "VietGAHP", 1200, 14},
    {"Vùng sản xuất rau an toàn Văn Đức", "crop", "00577", "Rau ăn lá, rau gia vị", "VietGAP", 180,
     16},
    {"Vùng lúa J02 Ứng Hòa", "crop", "10402", "Lúa Japonica J02", "VietGAP", 350, 15},
    {"Vùng sen Hồ Tây", "crop", "00103", "Sen Bách Diệp", NULL, 12, 6},
    {"Vùng chè Ba Vì", "crop", "09706", "Chè búp tươi", "VietGAP", 420, -1},
    {"Vùng dược liệu Ba Vì", "medicinal", "09694", "Cây thuốc của người Dao", NULL, 150, -1},
    {"Vùng nuôi thủy sản Ứng Hòa", "aquaculture", "10417", "Cá, tôm càng xanh", NULL, 300, -1},
};

/* Crafts of the generated villages: the village's label and its products. */
struct craft {
    const char *craft, *label, *group;
    int weight;
    const char *tpl[3];
};

/* clang-format off */
static const struct craft crafts[] = {
    {"Mây tre đan", "Làng mây tre đan", "crafts.household", 18,
     {"Giỏ mây tre đan", "Khay mây đan", "Đèn mây tre"}},
    {"Mộc, chạm khắc gỗ", "Làng mộc", "crafts.household", 16,
     {"Tủ gỗ chạm khắc", "Bàn ghế gỗ mỹ nghệ", "Hộp gỗ chạm"}},
    {"Chế biến nông sản", "Làng nghề chế biến nông sản", "food.grain_processed", 14,
     {"Bún khô", "Miến dong", "Bánh đa nem"}},
    {"Thêu ren", "Làng thêu", "crafts.textiles", 8, {"Tranh thêu tay", "Khăn thêu ren", NULL}},
    {"Dệt may", "Làng dệt", "crafts.textiles", 8, {"Khăn lụa", "Vải dệt thủ công", "Áo dài"}},
    {"Gốm", "Làng gốm", "crafts.household", 2,
     {"Bình gốm men rạn", "Bộ ấm chén gốm", "Lọ hoa gốm men lam"}},
    {"Sơn mài", "Làng sơn mài", "crafts.household", 3, {"Tranh sơn mài", "Hộp sơn mài", NULL}},
    {"Khảm trai", "Làng khảm trai", "crafts.household", 2,
     {"Tranh khảm trai", "Hộp khảm ốc", NULL}},
    {"Làm nón", "Làng nón", "crafts.household", 3, {"Nón lá", "Nón quai thao", NULL}},
    {"Làm quạt", "Làng quạt", "crafts.household", 1, {"Quạt giấy", "Quạt lụa", NULL}},
    {"Sừng mỹ nghệ", "Làng sừng mỹ nghệ", "crafts.household", 1,
     {"Lược sừng", "Đồ sừng mỹ nghệ", NULL}},
    {"Đan bèo bồng, cói", "Làng đan cói", "crafts.household", 2,
     {"Thảm bèo bồng", "Túi cói", NULL}},
    {"Làm hương", "Làng hương", "crafts.household", 2, {"Hương trầm", "Hương quế", NULL}},
    {"Rèn", "Làng rèn", "crafts.household", 3, {"Dao rèn thủ công", "Kéo rèn", NULL}},
    {"Giò chả", "Làng giò chả", "food.animal_processed", 3, {"Giò lụa", "Chả quế", NULL}},
    {"Nấu rượu", "Làng rượu", "drinks.liquor", 4, {"Rượu nếp", "Rượu gạo", NULL}},
    {"Làm tương", "Làng tương", "food.sauces", 1, {"Tương nếp", NULL, NULL}},
    {"Sinh vật cảnh", "Làng sinh vật cảnh", "ornamental.plants", 5,
     {"Cây cảnh nghệ thuật", "Quất cảnh", NULL}},
    {"Trồng hoa", "Làng hoa", "ornamental.flowers", 3, {"Hoa đào", "Hoa hồng", NULL}},
    {"Làm bánh", "Làng bánh", "food.grain_processed", 3, {"Bánh chưng", "Bánh giầy", "Bánh tẻ"}},
    {"Làm cốm", "Làng cốm", "food.grain_processed", 0, {"Cốm", "Chả cốm", "Bánh cốm"}},
    {"Đúc đồng", "Làng đúc đồng", "crafts.household", 1,
     {"Lư hương đồng", "Tượng đồng", "Đồ thờ bằng đồng"}},
};

/* Products outside villages: weight per mille and name templates ("<template> <place>"). */
static const struct {
    const char *group;
    int weight;
    const char *tpl[5];
} groups[] = {
    {"food.fresh_produce", 90,
     {"Bưởi Diễn", "Rau hữu cơ", "Chuối tiêu hồng", "Nhãn chín muộn", "Nấm sò"}},
    {"food.fresh_animal", 25, {"Trứng gà sạch", "Gà Mía", "Thịt lợn thảo dược", "Cá rô đồng"}},
    {"food.rice_grain", 45, {"Gạo nếp cái hoa vàng", "Gạo tám thơm", "Gạo hữu cơ", "Gạo lứt đỏ"}},
    {"food.honey_raw", 30, {"Mật ong hoa nhãn", "Mật ong rừng", "Lạc nhân", "Đỗ xanh"}},
    {"food.fast_food", 10, {"Nem rán", "Chả cốm", "Bánh chưng"}},
    {"food.grain_processed", 110, {"Bún", "Miến dong", "Bánh đa nem", "Bánh giầy", "Mì gạo"}},
    {"food.produce_processed", 70, {"Ô mai", "Mứt sen", "Tinh bột nghệ", "Chuối sấy", "Hạt sen"}},
    {"food.animal_processed", 80, {"Giò lụa", "Chả quế", "Ruốc thịt", "Nem chua", "Sữa chua"}},
    {"food.sauces", 25, {"Tương bần", "Dấm gạo", "Nước mắm cốt"}},
    {"food.spices_other", 15, {"Bột sả", "Muối vừng", "Ớt bột"}},
    {"food.tea", 60, {"Chè xanh", "Trà ướp sen", "Chè búp khô", "Trà hoa nhài"}},
    {"food.herbal_tea", 45, {"Trà hoa vàng", "Trà xạ đen", "Trà cà gai leo", "Trà lá sen"}},
    {"food.coffee_cocoa", 8, {"Cà phê rang xay", "Ca cao nguyên chất"}},
    {"drinks.liquor", 30, {"Rượu nếp cái hoa vàng", "Rượu gạo", "Rượu men lá"}},
    {"drinks.alcohol_other", 10, {"Rượu mơ", "Rượu sim", "Rượu nếp cẩm"}},
    {"drinks.water", 8, {"Nước khoáng", "Nước uống đóng chai"}},
    {"drinks.nonalcoholic_other", 20, {"Nước ép bưởi", "Nước cốt gừng", "Sữa hạt"}},
    {"herbal.medicine", 35,
     {"Cao xạ đen", "Viên nghệ mật ong", "Thuốc tắm người Dao", "Cao ích mẫu"}},
    {"herbal.cosmetics", 20, {"Dầu gội thảo dược", "Xà phòng thảo mộc", "Kem nghệ"}},
    {"herbal.oils_other", 20, {"Tinh dầu sả chanh", "Tinh dầu bưởi", "Tinh dầu quế"}},
    {"crafts.household", 120, {"Đồ gỗ mỹ nghệ", "Mây tre đan", "Nón lá", "Quạt giấy", "Chổi chít"}},
    {"crafts.textiles", 45, {"Khăn lụa", "Áo dài", "Tranh thêu", "Túi vải thổ cẩm"}},
    {"ornamental.flowers", 20, {"Hoa đào", "Hoa lan hồ điệp", "Hoa hồng", "Hoa cúc"}},
    {"ornamental.plants", 25, {"Cây cảnh bonsai", "Quất cảnh", "Cây thế"}},
    {"ornamental.animals", 5, {"Cá cảnh", "Chim cảnh"}},
    {"tourism.services", 12,
     {"Điểm du lịch sinh thái", "Du lịch trải nghiệm nông nghiệp", "Homestay làng nghề"}},
};
/* clang-format on */

/* Words in producer names, by sector (same order as ocop_sectors). */
static const char *const coop_words[][3] = {
    {"Nông nghiệp", "Dịch vụ nông nghiệp", "Nông nghiệp sạch"},
    {"Sản xuất đồ uống", "Rượu truyền thống", "Nông nghiệp"},
    {"Dược liệu", "Thảo dược", "Nông nghiệp"},
    {"Thủ công mỹ nghệ", "Tiểu thủ công nghiệp", "Mây tre đan"},
    {"Hoa và cây cảnh", "Sinh vật cảnh", "Nông nghiệp"},
    {"Du lịch cộng đồng", "Dịch vụ du lịch", "Nông nghiệp sinh thái"},
};
static const char *const firm_words[][3] = {
    {"Thực phẩm", "Nông sản", "Chế biến thực phẩm"},
    {"Đồ uống", "Thực phẩm", "Nông sản"},
    {"Dược liệu", "Thảo dược", "Mỹ phẩm thiên nhiên"},
    {"Thủ công mỹ nghệ", "Mỹ nghệ", "Thương mại"},
    {"Hoa cây cảnh", "Nông nghiệp", "Thương mại"},
    {"Du lịch sinh thái", "Du lịch và Dịch vụ", "Lữ hành"},
};
static const char *const firm_forms[] = {"Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV"};
static const char *const brands[] = {
    "Hưng Thịnh", "Phú Gia",  "An Phát",   "Thành Đạt",  "Minh Châu",   "Hoàng Long", "Việt Xanh",
    "Tâm An",     "Đại Phát", "Bảo Ngọc",  "Kim Ngân",   "Mai Anh",     "Hồng Hà",    "Trường Sơn",
    "Thiên Phúc", "Nam Việt", "Đức Thành", "Hòa Bình",   "Xuân Mai",    "Quang Minh", "Tân Tiến",
    "Gia Huy",    "Ngọc Lan", "Phúc Lộc",  "An Khang",   "Thịnh Vượng", "Bình An",    "Hải Đăng",
    "Đông Sơn",   "Mộc Lan",  "Việt Hưng", "Hà Thành",   "Kinh Bắc",    "Sông Hồng",  "Tản Viên",
    "Lộc Phát",   "Minh Tâm", "Sen Vàng",  "Thăng Long", "Đồng Xanh"};
static const char *const hamlets[] = {
    "An Lạc",       "Phú Mỹ",     "Yên Thái",   "Đông Lao",   "Vĩnh Lộc",   "Thượng Hiệp",
    "Hạ Hiệp",      "Cao Xá",     "Văn Xá",     "Phú Đa",     "Tràng Cát",  "Đại Đồng",
    "Hòa Xá",       "Kim Lũ",     "Thụy Ứng",   "Nhân Hiền",  "Đa Ngưu",    "Tân Hòa",
    "Phượng Nghĩa", "Lưu Xá",     "Thanh Lãng", "Đông Cao",   "Trung Hòa",  "Mai Trang",
    "Đào Xá",       "Trạch Xá",   "Phú Túc",    "Lam Điền",   "Hữu Văn",    "Xuân Nộn",
    "Đông Phù",     "Kim Quan",   "Yên Khê",    "Bình Đà",    "Cự Đà",      "Chàng Sơn",
    "Hữu Bằng",     "Phú Yên",    "Đồng Tâm",   "Vân Hà",     "Liên Hà",    "Tam Hiệp",
    "Phú Thịnh",    "Canh Hoạch", "Tiên Lữ",    "Đỗ Xá",      "Vân Từ",     "Ninh Xá",
    "Hoàng Xá",     "Thượng Lâm", "Phù Lưu",    "Đại Định",   "Song Khê",   "Quan Nhân",
    "Dương Liễu",   "Minh Khai",  "Thôn Đoài",  "Thôn Đông",  "Yên Trường", "Hoa Sơn",
    "Kim Bài",      "Thanh Mai",  "Cổ Đô",      "Vạn Thắng",  "Tích Giang", "Phụng Thượng",
    "Thanh Đa",     "Đường Lâm",  "Mông Phụ",   "Cam Lâm",    "Tây Đằng",   "Vật Lại",
    "Ba Trại",      "Tản Lĩnh",   "Vân Hòa",    "Minh Quang", "Hợp Thanh",  "An Mỹ",
    "Lê Thanh",     "Đại Hưng",   "Xuy Xá",     "Thượng Mỗ",  "Liên Trung", "Tiến Xuân",
    "Yên Bình",     "Đông Xuân",  "Phú Mãn",    "Nam Hồng",   "Kim Nỗ",     "Uy Nỗ",
    "Vân Nội",      "Thụy Lâm",   "Liên Hồng",  "Tự Lập",     "Thanh Lâm"};
static const char *const families[] = {"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần",  "Trần",
                                       "Lê",     "Lê",     "Phạm",   "Hoàng",  "Vũ",    "Phan",
                                       "Đỗ",     "Bùi",    "Đặng",   "Ngô",    "Dương", "Đinh",
                                       "Đào",    "Trịnh",  "Lý",     "Đoàn",   "Lưu",   "Tạ"};
static const char *const middles[2][7] = {
    {"Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Tiến"},
    {"Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương"}};
static const char *const givens[2][16] = {
    {"Hùng", "Dũng", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Trung", "Cường", "Hòa", "Bình",
     "Khánh", "Phúc", "Thành", "Hưng"},
    {"Lan", "Hương", "Hoa", "Mai", "Hà", "Thủy", "Nga", "Hạnh", "Hằng", "Loan", "Yến", "Thảo",
     "Liên", "Huyền", "Dung", "Vân"}};
static const char *const phone_prefixes[] = {"090", "091", "094", "096", "097", "098", "086",
                                             "032", "033", "035", "038", "039", "083", "088"};
static const char *const revoke_reasons[] = {
    "Vi phạm an toàn thực phẩm",
    "Sản phẩm không duy trì chất lượng như hồ sơ đánh giá",
    "Sử dụng nhãn, logo OCOP không đúng quy định",
    "Chủ thể ngừng sản xuất sản phẩm",
};

/* Decision rounds: the province's rating decisions per year (month, day). */
static const int batches[7][4][2] = {
    {{8, 30}, {11, 15}, {12, 27}, {0, 0}}, {{6, 30}, {10, 9}, {12, 25}, {0, 0}},
    {{5, 14}, {9, 24}, {12, 29}, {0, 0}},  {{6, 17}, {10, 21}, {12, 28}, {0, 0}},
    {{1, 13}, {5, 26}, {9, 22}, {12, 22}}, {{4, 26}, {9, 20}, {12, 27}, {0, 0}},
    {{3, 28}, {6, 27}, {7, 25}, {0, 0}},
};
/* Central (five-star) recognition decisions, 2022-2024. */
static const int central_days[3][2] = {{12, 20}, {11, 30}, {12, 10}};
/* Share of products by year of their latest rating (more in recent years). */
static const int year_weights[7] = {5, 8, 11, 14, 18, 23, 21};


#endif
