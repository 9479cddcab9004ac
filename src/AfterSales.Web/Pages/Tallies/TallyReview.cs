using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Tallies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>
/// The month's review flow on <c>/Tallies/{yyyy-MM}</c>: a manager submits (the lines are frozen), the admin office
/// checks, a manager publishes, the admin office locks; management may send a month back with a reason. The domain
/// decides who may do what when; each act returns the flash message.
/// </summary>
public static class TallyReview
{
    /// <summary>The month's tally to change; <paramref name="start"/>: a month nobody submitted yet is started (and added) here.</summary>
    public static async Task<MonthlyTally?> LoadAsync(AfterSalesDbContext db, string month, bool start, CancellationToken cancellationToken)
    {
        var tally = await db.MonthlyTallies.FirstOrDefaultAsync(t => t.Month == month, cancellationToken);
        if (tally is null && start)
        {
            tally = MonthlyTally.Start(month);
            db.MonthlyTallies.Add(tally);
        }

        return tally;
    }

    /// <summary>Freezes the month's lines as they are worked out now, with the hour quota in force.</summary>
    public static async Task<string> SubmitAsync(MonthlyTally tally, AfterSalesDbContext db, CompanyClock clock, string managerId, decimal quota, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var lines = await TallyData.LiveLinesAsync(db, clock, tally.Month, quota, cancellationToken);
        tally.Submit(managerId, clock.UtcNow, lines, quota, clock.Today);
        return l["Tallies.Submitted"];
    }

    public static string Check(MonthlyTally tally, string adminId, DateTimeOffset now, IStringLocalizer<SharedResource> l)
    {
        tally.Check(adminId, now);
        return l["Tallies.Checked"];
    }

    public static string Publish(MonthlyTally tally, string managerId, DateTimeOffset now, IStringLocalizer<SharedResource> l)
    {
        tally.Publish(managerId, now);
        return l["Tallies.Published"];
    }

    public static string Lock(MonthlyTally tally, string adminId, DateTimeOffset now, IStringLocalizer<SharedResource> l)
    {
        tally.Lock(adminId, now);
        return l["Tallies.Locked"];
    }

    /// <summary>Sends the month back to draft (the domain refuses when a later month is already closed).</summary>
    public static async Task<string> SendBackAsync(MonthlyTally tally, AfterSalesDbContext db, string userId, string? reason, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var closed = await db.MonthlyTallies.AsNoTracking().Where(t => t.Status != TallyStatus.Draft).Select(t => t.Month).ToListAsync(cancellationToken);
        tally.SendBack(userId, reason, closed);
        return l["Tallies.SentBack"];
    }
}
