namespace AfterSales.Domain.Calendar;

/// <summary>
/// Mainland China's national public holidays (法定节假日) and make-up working days (调休上班), as
/// seed data for the company calendar; an administrator can edit the calendar afterwards.
/// </summary>
/// <remarks>
/// 2026: the State Council notice on the 2026 holiday arrangements (国务院办公厅关于2026年部分节假日安排的通知).
/// 2027: PROVISIONAL. The notice was not published when this was written; the entries are the
/// statutory festival dates around the 2027 lunar dates (lunar new year 6 Feb, Dragon Boat 9 Jun,
/// Mid-Autumn 15 Sep) plus the usual Labour Day and National Day spans, with no make-up days
/// guessed. They MUST be verified against the State Council's notice when it is published and the
/// make-up working days added (<see cref="IsConfirmed"/> says which years are confirmed).
/// </remarks>
public static class ChinaPublicHolidays
{
    private static readonly DateOnly[] Holidays2026 =
    [
        .. Span(2026, 1, 1, 3),   // New Year's Day 元旦
        .. Span(2026, 2, 15, 9),  // Spring Festival 春节, 15–23 Feb
        .. Span(2026, 4, 4, 3),   // Qingming 清明节, 4–6 Apr
        .. Span(2026, 5, 1, 5),   // Labour Day 劳动节, 1–5 May
        .. Span(2026, 6, 19, 3),  // Dragon Boat 端午节, 19–21 Jun
        .. Span(2026, 9, 25, 3),  // Mid-Autumn 中秋节, 25–27 Sep
        .. Span(2026, 10, 1, 7),  // National Day 国庆节, 1–7 Oct
    ];

    private static readonly DateOnly[] MakeUpWorkingDays2026 =
    [
        new(2026, 1, 4),   // Sunday, for New Year's Day
        new(2026, 2, 14),  // Saturday, for Spring Festival
        new(2026, 2, 28),  // Saturday, for Spring Festival
        new(2026, 5, 9),   // Saturday, for Labour Day
        new(2026, 9, 20),  // Sunday, for National Day
        new(2026, 10, 10), // Saturday, for National Day
    ];

    // PROVISIONAL — verify against the State Council's 2027 notice when published.
    private static readonly DateOnly[] Holidays2027 =
    [
        new(2027, 1, 1),          // New Year's Day
        .. Span(2027, 2, 6, 7),   // Spring Festival, 6–12 Feb (lunar new year 6 Feb)
        new(2027, 4, 5),          // Qingming
        .. Span(2027, 5, 1, 5),   // Labour Day, 1–5 May
        new(2027, 6, 9),          // Dragon Boat
        new(2027, 9, 15),         // Mid-Autumn
        .. Span(2027, 10, 1, 7),  // National Day, 1–7 Oct
    ];

    /// <summary>Every holiday date known here (2026 and 2027).</summary>
    public static IReadOnlyList<DateOnly> Holidays { get; } = [.. Holidays2026, .. Holidays2027];

    /// <summary>Every make-up working day known here (2026 only so far).</summary>
    public static IReadOnlyList<DateOnly> MakeUpWorkingDays { get; } = [.. MakeUpWorkingDays2026];

    /// <summary>The calendar built from all the data above.</summary>
    public static WorkingCalendar Calendar { get; } = new(Holidays, MakeUpWorkingDays);

    /// <summary>True for years whose data follows a published State Council notice.</summary>
    public static bool IsConfirmed(int year) => year == 2026;

    private static IEnumerable<DateOnly> Span(int year, int month, int firstDay, int days) =>
        Enumerable.Range(0, days).Select(offset => new DateOnly(year, month, firstDay).AddDays(offset));
}
