using AfterSales.Domain.FollowUps;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.FollowUps;

/// <summary>What the desk needs in front of them to make a follow-up call: the repair, the customer and their phones, who repaired it.</summary>
public sealed record FollowUpFacts(
    FollowUp FollowUp,
    string TicketNumber,
    long CustomerId,
    string CustomerName,
    IReadOnlyList<string> Phones,
    string? Model,
    string? Diagnosis,
    string? CustomerOpinion,
    string TechnicianName,
    DateTimeOffset? CompletedAt,
    string? ComplaintNumber)
{
    /// <summary>Loads the facts of the given follow-ups in a few queries (one per table), keeping their order.</summary>
    public static async Task<IReadOnlyList<FollowUpFacts>> LoadAsync(AfterSalesDbContext db, IReadOnlyList<FollowUp> followUps, CancellationToken cancellationToken)
    {
        if (followUps.Count == 0)
        {
            return [];
        }

        var ticketIds = followUps.Select(f => f.TicketId).Concat(followUps.Select(f => f.ComplaintTicketId).OfType<long>()).Distinct().ToList();
        var tickets = await db.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Number, t.CustomerId, t.ProductModelId }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var customerIds = tickets.Values.Select(t => t.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Include(c => c.Phones).Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var modelIds = tickets.Values.Select(t => t.ProductModelId).OfType<long>().Distinct().ToList();
        var models = await db.ProductModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code + " · " + m.Name, cancellationToken);
        var workOrderIds = followUps.Select(f => f.WorkOrderId).ToList();
        var workOrders = await db.WorkOrders.AsNoTracking().Where(w => workOrderIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Diagnosis, w.CustomerOpinion, w.CompletedAt }).ToDictionaryAsync(w => w.Id, cancellationToken);
        var names = await TechnicianNames.LoadAsync(db, followUps.Select(f => f.TechnicianId), cancellationToken);

        return followUps.Select(f =>
        {
            var ticket = tickets[f.TicketId];
            var customer = customers[ticket.CustomerId];
            var workOrder = workOrders.GetValueOrDefault(f.WorkOrderId);
            return new FollowUpFacts(
                f,
                ticket.Number,
                customer.Id,
                customer.Name,
                customer.Phones.Select(p => p.Number).ToList(),
                ticket.ProductModelId is { } m ? models.GetValueOrDefault(m) : null,
                workOrder?.Diagnosis,
                workOrder?.CustomerOpinion,
                names.GetValueOrDefault(f.TechnicianId, f.TechnicianId),
                workOrder?.CompletedAt,
                f.ComplaintTicketId is { } c && tickets.TryGetValue(c, out var complaint) ? complaint.Number : null);
        }).ToList();
    }
}

/// <summary>Technicians' display names ("张三 (tech1)") by user id; an unknown id stays as it is.</summary>
public static class TechnicianNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(AfterSalesDbContext db, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
    }
}
