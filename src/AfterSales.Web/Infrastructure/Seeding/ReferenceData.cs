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

        // Each year the product knows is official (its State Council notice was published) or provisional until an admin confirms it.
        var tracked = (await db.CalendarYears.Select(y => y.Year).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var year in ChinaPublicHolidays.Years.Where(y => !tracked.Contains(y)))
        {
            db.CalendarYears.Add(CalendarYear.Seeded(year, ChinaPublicHolidays.IsConfirmed(year)));
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Added {Count} days and years of the national holiday calendar", added);
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
