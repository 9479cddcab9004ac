using System.Globalization;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure;

/// <summary>
/// The day a report (daily sheet, weekly report, quality summary) shows: the one asked for when it lies within the
/// years the working calendar covers (always including this year), else today with a message at the top of the page.
/// </summary>
public sealed class ReportDates(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l, IHttpContextAccessor http)
{
    public async Task<DateOnly> DayAsync(DateOnly? requested, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        if (requested is not { } day)
        {
            return today;
        }

        var first = await db.CalendarDays.MinAsync(d => (DateOnly?)d.Day, cancellationToken);
        var last = await db.CalendarDays.MaxAsync(d => (DateOnly?)d.Day, cancellationToken);
        var fromYear = Math.Min(first?.Year ?? today.Year, today.Year);
        var toYear = Math.Max(last?.Year ?? today.Year, today.Year);
        if (day.Year >= fromYear && day.Year <= toYear)
        {
            return day;
        }

        if (http.HttpContext is { } context)
        {
            InputPolicy.Note(context, l["Reports.DateOutsideCalendar", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), fromYear, toYear]);
        }

        return today;
    }
}
