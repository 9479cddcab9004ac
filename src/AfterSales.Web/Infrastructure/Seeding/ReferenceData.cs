using AfterSales.Domain.Calendar;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>
/// Data every installation needs, demo or not: the national holiday calendar (public holidays and
/// make-up working days) for the years the product knows, added once per year; the reward and penalty
/// rule catalog of the regulations, added once. The admin edits both after.
/// </summary>
public sealed class ReferenceData(AfterSalesDbContext db, ILogger<ReferenceData> logger)
{
    public async Task EnsureCalendarAsync(CancellationToken cancellationToken = default)
    {
        var known = (await db.CalendarDays.Select(d => d.Day.Year).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var day in ChinaPublicHolidays.Holidays.Where(d => !known.Contains(d.Year)))
        {
            db.CalendarDays.Add(new CalendarDay(day, CalendarDayKind.Holiday, ChinaPublicHolidays.FestivalOf(day) is { } festival ? ChinaPublicHolidays.ChineseName(festival) : "法定节假日"));
            added++;
        }

        foreach (var day in ChinaPublicHolidays.MakeUpWorkingDays.Where(d => !known.Contains(d.Year)))
        {
            db.CalendarDays.Add(new CalendarDay(day, CalendarDayKind.MakeUpWorkday, ChinaPublicHolidays.FestivalOf(day) is { } festival ? ChinaPublicHolidays.ChineseName(festival) + ChinaPublicHolidays.MakeUpSuffix : "调休上班"));
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added {Count} days of the national holiday calendar", added);
        }
    }

    public async Task EnsureRuleCatalogAsync(CancellationToken cancellationToken = default)
    {
        if (await db.DisciplineRules.AnyAsync(cancellationToken))
        {
            return;
        }

        db.DisciplineRules.AddRange(RuleCatalogSeed.Rules());
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Added the reward and penalty rule catalog");
    }
}
