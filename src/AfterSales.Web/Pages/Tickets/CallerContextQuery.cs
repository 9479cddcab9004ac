using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>What the intake form shows beside itself once the caller is chosen.</summary>
public static class CallerContextQuery
{
    /// <summary>At most this many of the caller's open tickets are shown beside the form.</summary>
    public const int OpenTicketsShown = 10;

    /// <summary>At most this many of the unit's last tickets (visits) are shown beside the form.</summary>
    public const int UnitVisitsShown = 5;

    /// <summary>One of the caller's open tickets, or one of the unit's last visits, as the side panel shows it.</summary>
    public sealed record ContextTicket(string Number, string Status, string StatusText, string UrgencyText, string KindText, string CreatedAt, string Fault, long? UnitId, string? Unit, int RepeatCalls, bool Open, string? Visit);

    public sealed record CallerContext(IReadOnlyList<ContextTicket> OpenTickets, IReadOnlyList<ContextTicket> UnitVisits);

    /// <summary>
    /// Beside the form once the caller is chosen: their open tickets (newest first, at most
    /// <see cref="OpenTicketsShown"/>, through the (customer_id, created_at) index) and the chosen unit's last
    /// <see cref="UnitVisitsShown"/> tickets with their latest visit (through (unit_id, created_at)).
    /// </summary>
    public static async Task<CallerContext> LoadAsync(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l, long customerId, long? unitId, CancellationToken cancellationToken)
    {
        var final = new[] { TicketStatus.Completed, TicketStatus.Closed, TicketStatus.Declined, TicketStatus.Cancelled };
        var open = await (from t in db.Tickets.AsNoTracking()
                          where t.CustomerId == customerId && !final.Contains(t.Status)
                          orderby t.CreatedAt descending
                          select new ContextRow(t.Number, t.Status, t.Urgency, t.Kind, t.CreatedAt, t.FaultDescription, t.UnitId, t.RepeatCallCount, t.Id))
                         .Take(OpenTicketsShown).ToListAsync(cancellationToken);
        var visits = unitId is { } unit
            ? await (from t in db.Tickets.AsNoTracking()
                     where t.UnitId == unit && t.CustomerId == customerId
                     orderby t.CreatedAt descending
                     select new ContextRow(t.Number, t.Status, t.Urgency, t.Kind, t.CreatedAt, t.FaultDescription, t.UnitId, t.RepeatCallCount, t.Id))
                    .Take(UnitVisitsShown).ToListAsync(cancellationToken)
            : [];

        var unitIds = open.Select(t => t.UnitId).Concat(visits.Select(t => t.UnitId)).OfType<long>().Distinct().ToList();
        var units = await (from u in db.Units.AsNoTracking()
                           join m in db.ProductModels.AsNoTracking() on u.ProductModelId equals m.Id
                           where unitIds.Contains(u.Id)
                           select new { u.Id, Label = m.Code + " · " + u.SerialNumber }).ToDictionaryAsync(u => u.Id, u => u.Label, cancellationToken);
        var ticketIds = visits.Select(v => v.Id).ToList();
        var lastVisits = (await (from w in db.WorkOrders.AsNoTracking()
                                 join u in db.Users on w.TechnicianId equals u.Id
                                 where ticketIds.Contains(w.TicketId)
                                 select new { w.TicketId, w.AssignedAt, w.AppointmentDate, w.Status, u.FullName }).ToListAsync(cancellationToken))
            .GroupBy(w => w.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.AssignedAt).First());

        ContextTicket View(ContextRow t)
        {
            var visit = lastVisits.GetValueOrDefault(t.Id);
            return new ContextTicket(
                t.Number,
                t.Status.ToString(),
                l["Status." + t.Status],
                l["Urgency." + t.Urgency],
                l["Kind." + t.Kind],
                clock.ToLocal(t.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                l.Show(t.Fault) is var fault && fault.Length > 80 ? fault[..80] + "…" : fault,
                t.UnitId,
                t.UnitId is { } u ? units.GetValueOrDefault(u) : null,
                t.RepeatCalls,
                t.Status is not (TicketStatus.Completed or TicketStatus.Closed or TicketStatus.Declined or TicketStatus.Cancelled),
                visit is null ? null : visit.AppointmentDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " · " + visit.FullName + " · " + l["WorkOrders.Status." + visit.Status]);
        }

        return new CallerContext(open.Select(View).ToList(), visits.Select(View).ToList());
    }

    private sealed record ContextRow(string Number, TicketStatus Status, Urgency Urgency, TicketKind Kind, DateTimeOffset CreatedAt, string Fault, long? UnitId, int RepeatCalls, long Id);
}
