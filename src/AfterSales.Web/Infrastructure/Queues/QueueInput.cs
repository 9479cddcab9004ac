using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace AfterSales.Web.Infrastructure.Queues;

/// <summary>
/// What a work queue accepts from its query string. Filters are GET parameters anyone can type, so a value
/// the queue cannot use (control characters, over-long text, a date outside the calendar the company works
/// in, an unknown enum number, a broken cursor) is dropped and the page says a filter was ignored — it never
/// reaches the database.
/// </summary>
public sealed class QueueInput
{
    /// <summary>Rows on one page of every work queue.</summary>
    public const int PageSize = 50;

    /// <summary>The furthest page number shown (pages are reached by cursor; the number is only a label).</summary>
    public const int MaxPage = 1_000_000;

    public const int MaxAgeDays = 3650;

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>True when some filter value was dropped; the page shows one message for it.</summary>
    public bool Ignored { get; private set; }

    public void Ignore() => Ignored = true;

    /// <summary>Trimmed text, or null when empty; dropped when longer than <paramref name="max"/> or holding control characters.</summary>
    public string? Text(string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max || trimmed.Any(char.IsControl))
        {
            Ignored = true;
            return null;
        }

        return trimmed;
    }

    public DateOnly? Date(DateOnly? value)
    {
        if (value is { } d && (d < Earliest || d > Latest))
        {
            Ignored = true;
            return null;
        }

        return value;
    }

    public TEnum? Enum<TEnum>(TEnum? value)
        where TEnum : struct, System.Enum
    {
        if (value is { } v && !System.Enum.IsDefined(v))
        {
            Ignored = true;
            return null;
        }

        return value;
    }

    /// <summary>An age in whole days (0 … ten years), or null.</summary>
    public int? Days(int? value)
    {
        if (value is { } d && (d < 0 || d > MaxAgeDays))
        {
            Ignored = true;
            return null;
        }

        return value;
    }

    public int Page(int? value)
    {
        if (value is { } p && (p < 1 || p > MaxPage))
        {
            Ignored = true;
            return 1;
        }

        return value ?? 1;
    }

    /// <summary>A cursor "microseconds_id" after an instant and an id, as written by <see cref="After(DateTimeOffset, long)"/>.</summary>
    public (DateTimeOffset At, long Id)? InstantCursor(string? value)
    {
        if (Text(value, 64) is not { } text)
        {
            return null;
        }

        var parts = text.Split('_');
        if (parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && micros <= (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)
        {
            return (new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (micros * 10), TimeSpan.Zero), id);
        }

        Ignored = true;
        return null;
    }

    /// <summary>A cursor "yyyyMMdd_id" after a day and an id, as written by <see cref="After(DateOnly, long)"/>.</summary>
    public (DateOnly Day, long Id)? DayCursor(string? value)
    {
        if (Text(value, 64) is not { } text)
        {
            return null;
        }

        var parts = text.Split('_');
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && Date(day) is not null)
        {
            return (day, id);
        }

        Ignored = true;
        return null;
    }

    public static string After(DateTimeOffset at, long id) =>
        ((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture) + "_" + id.ToString(CultureInfo.InvariantCulture);

    public static string After(DateOnly day, long id) =>
        day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "_" + id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where a row action returns to: the queue the person was looking at (view, filters, page), never elsewhere.</summary>
public static class QueueReturn
{
    /// <summary>The query string a page's row forms carry as <c>back</c>: the one of the GET that showed them, kept across a failed post.</summary>
    public static string Of(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) ? request.QueryString.Value ?? "" : request.HasFormContentType ? request.Form["back"].ToString() : "";

    /// <summary><paramref name="path"/> (fixed by the page) with the filters of <paramref name="back"/> (minus handler and pin) and <paramref name="extra"/>.</summary>
    public static string To(string path, string? back, params KeyValuePair<string, string?>[] extra)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (back is { Length: > 1 and <= 4000 } && back[0] == '?' && !back.Any(char.IsControl))
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(back))
            {
                if (!key.Equals("handler", StringComparison.OrdinalIgnoreCase) && !key.Equals("done", StringComparison.OrdinalIgnoreCase))
                {
                    pairs.AddRange(values.Select(v => new KeyValuePair<string, string?>(key, v)));
                }
            }
        }

        pairs.AddRange(extra);
        return path + QueryString.Create(pairs).ToUriComponent();
    }
}

/// <summary>What the pager under a queue shows: the true total, which page this is, and the links on.</summary>
public sealed record QueuePager(int Total, int Page, string? NextUrl, string? FirstUrl)
{
    public int Pages => Math.Max(1, (Total + QueueInput.PageSize - 1) / QueueInput.PageSize);
}
