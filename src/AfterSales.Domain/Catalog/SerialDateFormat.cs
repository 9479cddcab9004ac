using System.Globalization;

namespace AfterSales.Domain.Catalog;

/// <summary>
/// Where a product model's serial numbers carry the manufacture date: <see cref="Pattern"/> read from the
/// zero-based character index <see cref="Start"/>. Stored as the compact text <c>"Start:Pattern"</c>,
/// e.g. <c>"2:yyMM"</c> (see <see cref="Parse"/> and <see cref="ToString"/>).
/// </summary>
/// <remarks>
/// Month-only patterns decode to the 1st of the month. A two-digit year <c>yy</c> means 20yy when yy &lt; 80,
/// else 19yy (serials from 1980–1999 stay readable; 2080 is far off).
/// </remarks>
public sealed record SerialDateFormat
{
    /// <summary>The patterns a model may declare.</summary>
    public static readonly IReadOnlyList<string> Patterns = ["yyMM", "yyyyMM", "yyMMdd", "yyyyMMdd"];

    private const int TwoDigitYearPivot = 80;

    public SerialDateFormat(int start, string pattern)
    {
        if (start < 0 || !Patterns.Contains(pattern, StringComparer.Ordinal))
        {
            throw new DomainException(
                "catalog.serial_date_format_invalid",
                $"'{start}:{pattern}' is not a serial date format; use START:PATTERN with PATTERN one of {string.Join(", ", Patterns)}.",
                $"{start}:{pattern}");
        }

        Start = start;
        Pattern = pattern;
    }

    public int Start { get; }

    public string Pattern { get; }

    /// <summary>
    /// Reads the compact text form (<c>"2:yyMM"</c>). Blank ⇒ <c>null</c> (the model's serials carry no date);
    /// anything else that is not a valid format ⇒ <see cref="DomainException"/> <c>catalog.serial_date_format_invalid</c>.
    /// </summary>
    public static SerialDateFormat? Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            return null;
        }

        var parts = spec.Trim().Split(':');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            throw new DomainException(
                "catalog.serial_date_format_invalid",
                $"'{spec}' is not a serial date format; use START:PATTERN, e.g. 2:yyMM.",
                spec);
        }

        return new SerialDateFormat(start, parts[1]);
    }

    /// <summary>
    /// Decodes the manufacture date from <paramref name="serial"/>. False when the serial is too short,
    /// the characters are not ASCII digits, or they do not make a real date.
    /// </summary>
    public bool TryDecode(string? serial, out DateOnly date)
    {
        date = default;
        if (serial is null || serial.Length - Pattern.Length < Start)
        {
            return false;
        }

        var digits = serial.AsSpan(Start, Pattern.Length);
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var yearLength = Pattern.StartsWith("yyyy", StringComparison.Ordinal) ? 4 : 2;
        var year = Number(digits[..yearLength]);
        if (yearLength == 2)
        {
            year += year < TwoDigitYearPivot ? 2000 : 1900;
        }

        var month = Number(digits.Slice(yearLength, 2));
        var day = Pattern.EndsWith("dd", StringComparison.Ordinal) ? Number(digits.Slice(yearLength + 2, 2)) : 1;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The compact text form stored in the catalog, e.g. <c>"2:yyMM"</c>.</summary>
    public override string ToString() => $"{Start.ToString(CultureInfo.InvariantCulture)}:{Pattern}";

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
