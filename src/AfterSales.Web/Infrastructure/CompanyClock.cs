using AfterSales.Web.Infrastructure.Settings;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure;

/// <summary>Business dates are the company's calendar days (default Asia/Shanghai), whatever the server's zone.</summary>
public sealed class CompanyClock(TimeProvider time, IOptions<CompanyOptions> company)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(company.Value.TimeZone);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    /// <summary>The UTC instant at which <paramref name="day"/> begins in the company's zone.</summary>
    /// <summary>The start of a day, when the day lies within the instants the clock can express (not year 1 or 9999's last day east of UTC).</summary>
    public bool TryStartOfDay(DateOnly day, out DateTimeOffset start)
    {
        start = default;
        if (day.Year < 2 || day.Year > 9998)
        {
            return false;
        }

        start = StartOfDay(day);
        return true;
    }

    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
