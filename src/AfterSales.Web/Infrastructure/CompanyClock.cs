namespace AfterSales.Web.Infrastructure;

/// <summary>Business dates are the company's calendar days (default Asia/Shanghai), whatever the server's zone.</summary>
public sealed class CompanyClock(TimeProvider time, IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Company:TimeZone"] ?? "Asia/Shanghai");

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
