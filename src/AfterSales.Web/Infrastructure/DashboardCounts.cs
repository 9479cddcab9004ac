using AfterSales.Domain.FollowUps;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>The figures on the home page, read from the database.</summary>
public sealed class DashboardCounts(ReadDbContext db, CompanyClock clock)
{
    public sealed record Figures(int Customers, int Units, int Models, int ActiveStaff, int UnitsWithoutProof, int TicketsToday, int WaitingForVisit, int OverdueRepairs, int FollowUpsDue);

    private sealed record Counter(string Name, long N);

    public async Task<Figures> ReadAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var startOfDay = clock.StartOfDay(today);
        // Figures that would grow with history or with the queue come from the counters the database keeps
        // (DashboardCounters, WaitingCounters), not from a count per request.
        var counters = await db.Database
            .SqlQueryRaw<Counter>(CounterStripes.ReadSql)
            .ToDictionaryAsync(c => c.Name, c => c.N, cancellationToken);
        // Today's calls: at most 96 quarter-hour rows, however busy the day.
        var ticketsToday = await db.Database
            .SqlQuery<long>($"SELECT coalesce(sum(n), 0)::bigint AS \"Value\" FROM ticket_intake_counts WHERE quarter >= {startOfDay}")
            .SingleAsync(cancellationToken);
        return new(
            (int)counters.GetValueOrDefault(DashboardCounters.Customers),
            (int)counters.GetValueOrDefault(DashboardCounters.Units),
            await db.ProductModels.CountAsync(m => !m.Discontinued, cancellationToken),
            await db.Users.CountAsync(u => !u.IsDisabled, cancellationToken),
            (int)counters.GetValueOrDefault(DashboardCounters.UnitsWithoutProof),
            (int)ticketsToday,
            (int)WaitingCounters.Read(counters).Values.Sum(),
            await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < today, cancellationToken),
            await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Pending && f.DueOn <= today, cancellationToken));
    }
}
