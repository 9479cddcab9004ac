using System.Globalization;

namespace AfterSales.Domain.Tallies;

/// <summary>Months as the tallies name them: yyyy-MM.</summary>
public static class TallyMonth
{
    public static string Of(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParse(string? month, out DateOnly first)
    {
        first = default;
        return month is { Length: 7 }
            && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
            && first.Year is >= 2000 and <= 2100;
    }

    /// <summary>The first day of the month.</summary>
    public static DateOnly Parse(string month) =>
        TryParse(month, out var first) ? first : throw new DomainException("tally.month_invalid", "A month is written yyyy-MM.");

    public static DateOnly LastDay(string month) => Parse(month).AddMonths(1).AddDays(-1);

    public static string Next(string month) => Of(Parse(month).AddMonths(1));

    public static string Previous(string month) => Of(Parse(month).AddMonths(-1));
}
