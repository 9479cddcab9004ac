using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using AfterSales.Web.Infrastructure.Tallies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Closes the months before the current one as the company would have: each month's tally submitted by a
/// manager, checked by the admin office and published by another manager (<c>seed --publish-months N</c>).
/// Oldest first, so each month's snapshot sees the months before it closed. Months already closed are left alone.
/// </summary>
public sealed class TallySeeder(AfterSalesDbContext db, CompanyClock clock, IOptions<DisciplineOptions> discipline, ILogger<TallySeeder> logger)
{
    public async Task<int> SeedAsync(int months, CancellationToken cancellationToken)
    {
        if (months <= 0)
        {
            return 0;
        }

        var managers = await db.UsersInRole(Roles.Manager).OrderBy(u => u.UserName).Select(u => u.Id).Take(2).ToListAsync(cancellationToken);
        var admin = await db.UsersInRole(Roles.Admin).OrderBy(u => u.UserName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (managers.Count < 2 || admin is null)
        {
            logger.LogWarning("Months are published by two managers and the admin office; the staff for that is missing");
            return 0;
        }

        var quota = discipline.Value.MonthlyHourQuota;
        var current = TallyMonth.Of(clock.Today);
        var closed = 0;
        for (var i = months; i >= 1; i--)
        {
            var month = TallyMonth.Of(TallyMonth.Parse(current).AddMonths(-i));
            var tally = await db.MonthlyTallies.FirstOrDefaultAsync(t => t.Month == month, cancellationToken);
            if (tally is { IsClosed: true })
            {
                continue;
            }

            if (tally is null)
            {
                tally = MonthlyTally.Start(month);
                db.MonthlyTallies.Add(tally);
            }

            var submitted = clock.StartOfDay(TallyMonth.LastDay(month).AddDays(3)).AddHours(10);
            var lines = await TallyData.LiveLinesAsync(db, clock, month, quota, cancellationToken);
            tally.Submit(managers[0], submitted, lines, quota, clock.Today);
            tally.Check(admin, submitted.AddDays(1));
            tally.Publish(managers[1], submitted.AddDays(2));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            closed++;
        }

        return closed;
    }
}
