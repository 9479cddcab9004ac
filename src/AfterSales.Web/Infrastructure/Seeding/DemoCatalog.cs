namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>The demo company's product families and models (appliances, instruments, vehicles).</summary>
public static class DemoCatalog
{
    public sealed record Category(string Code, string Name, int WarrantyMonths, int ReturnToFactoryDays, Model[] Models);

    /// <summary>A model; <paramref name="SerialPrefix"/> starts its serial numbers, followed by yyMM when <paramref name="DatedSerial"/>.</summary>
    public sealed record Model(string Code, string Name, int WarrantyMonths, string SerialPrefix, bool DatedSerial);

    public static readonly Category[] Categories =
    [
        new("AC", "空调", 12, 12,
        [
            new("KFR-35GW", "挂壁式空调 KFR-35GW 1.5匹", 12, "KF", true),
            new("KFR-72LW", "立柜式空调 KFR-72LW 3匹", 12, "KL", true),
            new("KFR-26GW", "变频挂机 KFR-26GW 大1匹", 12, "KG", true),
        ]),
        new("FR", "冰箱", 12, 12,
        [
            new("BCD-470", "对开门冰箱 BCD-470", 12, "BD", true),
            new("BCD-218", "三门冰箱 BCD-218", 12, "BT", true),
        ]),
        new("WM", "洗衣机", 12, 10,
        [
            new("XQG100", "滚筒洗衣机 XQG100", 12, "XG", true),
            new("XQB80", "波轮洗衣机 XQB80", 12, "XB", false),
        ]),
        new("WH", "热水器", 24, 10,
        [
            new("JSQ25", "燃气热水器 JSQ25-13", 24, "JS", true),
            new("DSZF60", "电热水器 DSZF-60", 24, "DS", false),
        ]),
        new("AN", "分析仪器", 12, 15,
        [
            new("UV-2600", "紫外可见分光光度计 UV-2600", 12, "UV", false),
            new("GC-7890", "气相色谱仪 GC-7890", 12, "GC", false),
            new("PH-3C", "台式酸度计 PHS-3C", 12, "PH", true),
        ]),
        new("MI", "检测仪表", 18, 15,
        [
            new("DM-6000", "数字万用表 DM-6000", 18, "DM", true),
            new("OS-1102", "数字示波器 OS-1102", 18, "OS", false),
        ]),
        new("LT", "轻型卡车", 36, 15,
        [
            new("QL1040", "轻卡 QL1040 柴油版", 36, "LQ", true),
            new("QL1041EV", "纯电轻卡 QL1041EV", 36, "LE", true),
        ]),
        new("EB", "电动自行车", 12, 10,
        [
            new("TDT-48", "电动自行车 TDT-48V", 12, "TD", true),
        ]),
    ];

    /// <summary>Serial date spec for models whose serials carry yyMM right after the two-letter prefix.</summary>
    public static string? SerialSpec(Model model) => model.DatedSerial ? "2:yyMM" : null;
}
