using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure;

/// <summary>The figures on the home page, read from the database.</summary>
public sealed class DashboardCounts(AfterSalesDbContext db, CompanyClock clock)
{
    public sealed record Figures(int Customers, int Units, int Models, int ActiveStaff, int UnitsWithoutProof, int TicketsToday, int WaitingForVisit, int OverdueRepairs, int FollowUpsDue);

    public async Task<Figures> ReadAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var startOfDay = clock.StartOfDay(today);
        return new(
            await db.Customers.CountAsync(cancellationToken),
            await db.Units.CountAsync(cancellationToken),
            await db.ProductModels.CountAsync(m => !m.Discontinued, cancellationToken),
            await db.Users.CountAsync(u => !u.IsDisabled, cancellationToken),
            await db.Units.CountAsync(u => !u.HasProofOfPurchase, cancellationToken),
            await db.Tickets.CountAsync(t => t.CreatedAt >= startOfDay, cancellationToken),
            // Spelled out (not a list parameter) so PostgreSQL can count on the dispatcher's partial index.
            await db.Tickets.CountAsync(t => (t.Status == TicketStatus.New || t.Status == TicketStatus.AwaitingQuote || t.Status == TicketStatus.Quoted || t.Status == TicketStatus.Consented) && t.ServiceMode != ServiceMode.PhoneFix, cancellationToken),
            await db.WorkOrders.CountAsync(w => w.Status != WorkOrderStatus.Completed && w.Deadline < today, cancellationToken),
            await db.FollowUps.CountAsync(f => f.Status == FollowUpStatus.Pending && f.DueOn <= today, cancellationToken));
    }
}
