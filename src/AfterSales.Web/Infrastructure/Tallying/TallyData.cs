using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Disciplining;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Tallying;

/// <summary>Loads what a month's tally is made of and works out its live lines with <see cref="TallyCalculator"/>.</summary>
public static class TallyData
{
    public const decimal DefaultMonthlyHourQuota = 120m;

    /// <summary>Corrections reach back this far (a record approved years late is a matter for a manager, not the tally).</summary>
    private const int CorrectionMonthsBack = 24;

    public static decimal HourQuota(IConfiguration configuration) => configuration.GetValue("Discipline:MonthlyHourQuota", DefaultMonthlyHourQuota);

    /// <summary>Every enabled member of staff with their first role.</summary>
    public static async Task<List<TallyEmployee>> EmployeesAsync(AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.Department })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(
            g => g.Key,
            g => g.Select(r => r.Name ?? "").OrderBy(n => Roles.All.ToList().IndexOf(n)).First(),
            StringComparer.Ordinal);
        return users.Select(u => new TallyEmployee(u.Id, u.UserName ?? u.Id, string.IsNullOrEmpty(u.FullName) ? u.UserName ?? u.Id : u.FullName, u.Department, roleOf.GetValueOrDefault(u.Id) ?? "")).ToList();
    }

    /// <summary>Closed months (a snapshot exists) and the record ids their snapshot counts.</summary>
    public static Dictionary<string, IReadOnlySet<long>> Closed(IEnumerable<MonthlyTally> closed) =>
        closed.ToDictionary(t => t.Month, t => (IReadOnlySet<long>)t.Lines.SelectMany(l => l.Records).Select(r => r.Id).ToHashSet(), StringComparer.Ordinal);

    /// <summary>Records that a closed month counted and that no longer count (overturned on appeal since).</summary>
    public static async Task<List<TallyWithdrawal>> WithdrawalsAsync(AfterSalesDbContext db, IReadOnlyList<MonthlyTally> closed, CancellationToken cancellationToken)
    {
        var counted = closed.SelectMany(t => t.Lines.SelectMany(l => l.Records.Where(r => !r.Withdrawn).Select(r => new TallyWithdrawal(l.EmployeeId, t.Month, r)))).ToList();
        var ids = counted.Select(w => w.Counted.Id).Distinct().ToList();
        var stillCounting = await db.DisciplineRecords.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && (r.Status == RecordStatus.Approved || r.Status == RecordStatus.Upheld))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var counting = stillCounting.ToHashSet();
        return counted.Where(w => !counting.Contains(w.Counted.Id)).ToList();
    }

    /// <summary>The lines of <paramref name="month"/> as the data stand now.</summary>
    public static async Task<IReadOnlyList<TallyLine>> LiveLinesAsync(AfterSalesDbContext db, CompanyClock clock, string month, decimal hourQuota, CancellationToken cancellationToken)
    {
        var first = TallyMonth.Parse(month);
        var last = TallyMonth.LastDay(month);
        var start = clock.StartOfDay(first);
        var end = clock.StartOfDay(last.AddDays(1));

        var employees = await EmployeesAsync(db, cancellationToken);
        var closed = await db.MonthlyTallies.AsNoTracking().Where(t => t.Status != TallyStatus.Draft).ToListAsync(cancellationToken);

        var work = await (from w in db.WorkOrders.AsNoTracking()
                          join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                          where w.CompletedAt >= start && w.CompletedAt < end
                          select new { w.Id, w.TicketId, t.Number, w.TechnicianId, w.CompletedAt, w.LabourHours })
            .ToListAsync(cancellationToken);
        var calls = await db.FollowUps.AsNoTracking()
            .Where(f => f.Status == FollowUpStatus.Done && f.DoneAt >= start && f.DoneAt < end)
            .ToListAsync(cancellationToken);

        var earliest = first.AddMonths(-CorrectionMonthsBack);
        var records = await db.DisciplineRecords.AsNoTracking()
            .Where(r => (r.Status == RecordStatus.Approved || r.Status == RecordStatus.Upheld) && r.FactDate >= earliest && r.FactDate <= last)
            .ToListAsync(cancellationToken);

        var counting = await Standings.CountingAsync(db, first.Year, null, cancellationToken);
        var yearToDate = counting.ToDictionary(
            c => c.Key,
            c => Ladder.Standing(c.Value.Where(r => r.Date <= last), first.Year).Score,
            StringComparer.Ordinal);

        return TallyCalculator.Compute(
            month,
            employees,
            work.Select(w => new TallyWork(w.Id, w.TicketId, w.Number, w.TechnicianId, DateOnly.FromDateTime(clock.ToLocal(w.CompletedAt!.Value).DateTime), w.LabourHours)),
            calls.Where(f => f.Score is not null).Select(f => new TallyFollowUp(f.TechnicianId, DateOnly.FromDateTime(clock.ToLocal(f.DoneAt!.Value).DateTime), f.Score!.Value)),
            records.Select(ToTally),
            Closed(closed),
            hourQuota,
            yearToDate,
            await WithdrawalsAsync(db, closed, cancellationToken));
    }

    /// <summary>Each employee's monthly ladder score over the 12 months ending with <paramref name="month"/>.</summary>
    public static async Task<(List<string> Months, Dictionary<string, int[]> Scores)> TrendAsync(AfterSalesDbContext db, string month, IReadOnlyCollection<string>? employees, CancellationToken cancellationToken)
    {
        var first = TallyMonth.Parse(month);
        var months = Enumerable.Range(0, 12).Select(i => first.AddMonths(i - 11)).ToList();
        var counting = await Standings.CountingAsync(db, months[0].Year, employees, cancellationToken);
        var scores = counting.ToDictionary(
            c => c.Key,
            c => months.Select(m => Ladder.MonthlyScore(c.Value, m.Year, m.Month)).ToArray(),
            StringComparer.Ordinal);
        return (months.Select(TallyMonth.Of).ToList(), scores);
    }

    private static TallyRecord ToTally(DisciplineRecord r) => new(
        r.Id,
        r.EmployeeId,
        r.FactDate,
        r.DecidedAt ?? r.ProposedAt,
        r.Article,
        r.RuleText,
        r.Points,
        r.CashAmount,
        r.Evidence,
        r.Links.Select(x => new TallyLink(x.Kind, x.Id, x.Label)).ToList(),
        r.ReversesRecordId);

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
