using AfterSales.Domain.Calendar;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>The company's working calendar (weekends, holidays, make-up days) as the admin keeps it, read once per request.</summary>
public sealed class WorkCalendar(AfterSalesDbContext db)
{
    private WorkingCalendar? _calendar;

    public async Task<WorkingCalendar> GetAsync(CancellationToken cancellationToken = default) =>
        _calendar ??= CalendarDay.ToCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));
}
