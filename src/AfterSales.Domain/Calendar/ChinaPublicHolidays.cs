namespace AfterSales.Domain.Calendar;

/// <summary>
/// Mainland China's national public holidays (法定节假日) and make-up working days (调休上班), as
/// seed data for the company calendar; an administrator can edit the calendar afterwards.
/// </summary>
/// <remarks>
/// 2025: the State Council notice on the 2025 holiday arrangements (国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
/// the first year with 除夕 and 5月2日 as statutory days): 元旦 1 Jan; 春节 28 Jan–4 Feb (work 26 Jan, 8 Feb); 清明 4–6 Apr;
/// 劳动节 1–5 May (work 27 Apr); 端午 31 May–2 Jun; 国庆节、中秋节 1–8 Oct (work 28 Sep, 11 Oct).
/// 2026: the State Council notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知).
/// 2027: PROVISIONAL. The notice was not published when this was written; the entries are the
/// statutory festival dates around the 2027 lunar dates (lunar new year 6 Feb, Dragon Boat 9 Jun,
/// Mid-Autumn 15 Sep) plus the usual Labour Day and National Day spans, with no make-up days
/// guessed. They MUST be verified against the State Council's notice when it is published and the
/// make-up working days added (<see cref="IsConfirmed"/> says which years are confirmed).
/// </remarks>
public static class ChinaPublicHolidays
{
    private static readonly (DateOnly Day, Festival Festival)[] Holidays2025 =
    [
        (new(2025, 1, 1), Festival.NewYear),               // 元旦
        .. Span(2025, 1, 28, 4, Festival.SpringFestival),  // 春节, 28 Jan (除夕)–4 Feb
        .. Span(2025, 2, 1, 4, Festival.SpringFestival),
        .. Span(2025, 4, 4, 3, Festival.Qingming),         // 清明节, 4–6 Apr
        .. Span(2025, 5, 1, 5, Festival.LabourDay),        // 劳动节, 1–5 May
        (new(2025, 5, 31), Festival.DragonBoat),           // 端午节, 31 May–2 Jun
        .. Span(2025, 6, 1, 2, Festival.DragonBoat),
        .. Span(2025, 10, 1, 5, Festival.NationalDay),     // 国庆节、中秋节, 1–8 Oct (中秋 6 Oct)
        (new(2025, 10, 6), Festival.MidAutumn),
        .. Span(2025, 10, 7, 2, Festival.NationalDay),
    ];

    private static readonly (DateOnly Day, Festival Festival)[] MakeUpWorkingDays2025 =
    [
        (new(2025, 1, 26), Festival.SpringFestival), // Sunday
        (new(2025, 2, 8), Festival.SpringFestival),  // Saturday
        (new(2025, 4, 27), Festival.LabourDay),      // Sunday
        (new(2025, 9, 28), Festival.NationalDay),    // Sunday
        (new(2025, 10, 11), Festival.NationalDay),   // Saturday
    ];

    private static readonly (DateOnly Day, Festival Festival)[] Holidays2026 =
    [
        .. Span(2026, 1, 1, 3, Festival.NewYear),          // 元旦
        .. Span(2026, 2, 15, 9, Festival.SpringFestival),  // 春节, 15–23 Feb
        .. Span(2026, 4, 4, 3, Festival.Qingming),         // 清明节, 4–6 Apr
        .. Span(2026, 5, 1, 5, Festival.LabourDay),        // 劳动节, 1–5 May
        .. Span(2026, 6, 19, 3, Festival.DragonBoat),      // 端午节, 19–21 Jun
        .. Span(2026, 9, 25, 3, Festival.MidAutumn),       // 中秋节, 25–27 Sep
        .. Span(2026, 10, 1, 7, Festival.NationalDay),     // 国庆节, 1–7 Oct
    ];

    private static readonly (DateOnly Day, Festival Festival)[] MakeUpWorkingDays2026 =
    [
        (new(2026, 1, 4), Festival.NewYear),         // Sunday
        (new(2026, 2, 14), Festival.SpringFestival), // Saturday
        (new(2026, 2, 28), Festival.SpringFestival), // Saturday
        (new(2026, 5, 9), Festival.LabourDay),       // Saturday
        (new(2026, 9, 20), Festival.NationalDay),    // Sunday
        (new(2026, 10, 10), Festival.NationalDay),   // Saturday
    ];

    // PROVISIONAL — verify against the State Council's 2027 notice when published.
    private static readonly (DateOnly Day, Festival Festival)[] Holidays2027 =
    [
        (new(2027, 1, 1), Festival.NewYear),
        .. Span(2027, 2, 6, 7, Festival.SpringFestival),  // 6–12 Feb (lunar new year 6 Feb)
        (new(2027, 4, 5), Festival.Qingming),
        .. Span(2027, 5, 1, 5, Festival.LabourDay),       // 1–5 May
        (new(2027, 6, 9), Festival.DragonBoat),
        (new(2027, 9, 15), Festival.MidAutumn),
        .. Span(2027, 10, 1, 7, Festival.NationalDay),    // 1–7 Oct
    ];

    /// <summary>Every holiday date known here (2025, 2026 and 2027).</summary>
    public static IReadOnlyList<DateOnly> Holidays { get; } = [.. Holidays2025.Select(h => h.Day), .. Holidays2026.Select(h => h.Day), .. Holidays2027.Select(h => h.Day)];

    /// <summary>Every make-up working day known here (2025 and 2026; 2027's are not guessed).</summary>
    public static IReadOnlyList<DateOnly> MakeUpWorkingDays { get; } = [.. MakeUpWorkingDays2025.Select(m => m.Day), .. MakeUpWorkingDays2026.Select(m => m.Day)];

    /// <summary>The years this data covers.</summary>
    public static IReadOnlyList<int> Years { get; } = [2025, 2026, 2027];

    /// <summary>The festival a known holiday or make-up working day belongs to (null for any other day).</summary>
    public static Festival? FestivalOf(DateOnly day) =>
        Holidays2025.Concat(Holidays2026).Concat(Holidays2027).Concat(MakeUpWorkingDays2025).Concat(MakeUpWorkingDays2026)
            .Where(h => h.Day == day).Select(h => (Festival?)h.Festival).FirstOrDefault();

    /// <summary>The festival's Chinese name, as the calendar keeps it (春节, 国庆节 …).</summary>
    public static string ChineseName(Festival festival) => festival switch
    {
        Festival.NewYear => "元旦",
        Festival.SpringFestival => "春节",
        Festival.Qingming => "清明节",
        Festival.LabourDay => "劳动节",
        Festival.DragonBoat => "端午节",
        Festival.MidAutumn => "中秋节",
        _ => "国庆节",
    };

    /// <summary>The festival a stored calendar name stands for: its Chinese name, or that name followed by 调休 (the make-up day for it).</summary>
    public static Festival? FestivalNamed(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.EndsWith(MakeUpSuffix, StringComparison.Ordinal))
        {
            trimmed = trimmed[..^MakeUpSuffix.Length];
        }

        return Enum.GetValues<Festival>().Where(f => ChineseName(f) == trimmed).Select(f => (Festival?)f).FirstOrDefault();
    }

    /// <summary>What a make-up working day is called after its festival: 春节调休.</summary>
    public const string MakeUpSuffix = "调休";

    /// <summary>The calendar built from all the data above.</summary>
    public static WorkingCalendar Calendar { get; } = new(Holidays, MakeUpWorkingDays);

    /// <summary>True for years whose data follows a published State Council notice (2025, 2026); 2027 is provisional.</summary>
    public static bool IsConfirmed(int year) => year is 2025 or 2026;

    private static IEnumerable<(DateOnly, Festival)> Span(int year, int month, int firstDay, int days, Festival festival) =>
        Enumerable.Range(0, days).Select(offset => (new DateOnly(year, month, firstDay).AddDays(offset), festival));
}
