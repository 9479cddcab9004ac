using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
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
        // Whole-table figures from the counters the database keeps (DashboardCounters), not a count per request.
        var counters = await db.Database
            .SqlQuery<Counter>($"SELECT name AS \"Name\", n AS \"N\" FROM table_counts")
            .ToDictionaryAsync(c => c.Name, c => (int)c.N, cancellationToken);
        return new(
            counters.GetValueOrDefault(DashboardCounters.Customers),
            counters.GetValueOrDefault(DashboardCounters.Units),
            await db.ProductModels.CountAsync(m => !m.Discontinued, cancellationToken),
            await db.Users.CountAsync(u => !u.IsDisabled, cancellationToken),
            counters.GetValueOrDefault(DashboardCounters.UnitsWithoutProof),
            await db.Tickets.CountAsync(t => t.CreatedAt >= startOfDay, cancellationToken),
            // Spelled out (not a list parameter) so PostgreSQL can count on the dispatcher's partial index.
            await db.Tickets.CountAsync(t => (t.Status == TicketStatus.New || t.Status == TicketStatus.AwaitingQuote || t.Status == TicketStatus.Quoted || t.Status == TicketStatus.Consented) && t.ServiceMode != ServiceMode.PhoneFix, cancellationToken),
            await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < today, cancellationToken),
            await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Pending && f.DueOn <= today, cancellationToken));
    }
}
