using System.Globalization;
using System.Text.Json;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// What the ticket page (<c>/Tickets/{number}</c>) shows besides its forms: the ticket with its customer, model and
/// serial, its visits with their repair clocks, and the timeline of every change read from the audit trail.
/// </summary>
public sealed record TicketFacts(
    Ticket Ticket,
    string CustomerName,
    IReadOnlyList<string> CustomerPhones,
    string? ModelName,
    string? Serial,
    IReadOnlyList<TicketFacts.VisitRow> Visits,
    IReadOnlyList<TicketFacts.TimelineEntry> Timeline,
    IReadOnlyDictionary<string, string> UserNames)
{
    /// <summary>A visit of this ticket with its repair clock as the technician and the dispatcher see it.</summary>
    public sealed record VisitRow(long Id, string Technician, DateOnly Appointment, TimeSlot Slot, WorkOrderStatus Status, RepairClockState? ClockState, DateOnly? Deadline, int? DaysLeft);

    public sealed record TimelineEntry(DateTimeOffset At, string User, string Action, IReadOnlyList<(string Field, string? Old, string? New)> Changes);

    /// <summary>The ticket numbered <paramref name="number"/>, or null when there is none.</summary>
    public static async Task<TicketFacts?> LoadAsync(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar, string number, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Number == number, cancellationToken);
        if (ticket is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().Include(c => c.Phones).FirstAsync(c => c.Id == ticket.CustomerId, cancellationToken);
        var modelName = ticket.ProductModelId is { } modelId ? await db.ProductModels.Where(m => m.Id == modelId).Select(m => m.Code + " · " + m.Name).FirstAsync(cancellationToken) : null;
        var serial = ticket.UnitId is { } unitId ? await db.Units.Where(u => u.Id == unitId).Select(u => u.SerialNumber).FirstAsync(cancellationToken) : null;

        var calendar = await workCalendar.GetAsync(cancellationToken);
        var today = clock.Today;
        var visits = (await (from w in db.WorkOrders.AsNoTracking()
                             join u in db.Users on w.TechnicianId equals u.Id
                             where w.TicketId == ticket.Id
                             orderby w.AssignedAt
                             select new { WorkOrder = w, u.FullName, u.UserName }).ToListAsync(cancellationToken))
            .Select(x =>
            {
                var running = x.WorkOrder.IsOpen ? x.WorkOrder.Clock() : null;
                return new VisitRow(x.WorkOrder.Id, x.FullName + " (" + x.UserName + ")", x.WorkOrder.AppointmentDate, x.WorkOrder.AppointmentSlot, x.WorkOrder.Status,
                    running?.State(today, calendar), x.WorkOrder.Deadline, running?.DaysLeft(today, calendar));
            }).ToList();

        var key = ticket.Id.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityName == nameof(Domain.Tickets.Ticket) && a.EntityKey == key)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var timeline = entries.Select(a => new TimelineEntry(a.At, a.UserName, a.Action, ParseChanges(a.Changes))).ToList();
        var ids = new[] { ticket.AssignedTechnicianId }.OfType<string>()
            .Concat(timeline.SelectMany(e => e.Changes).Where(c => c.Field == "AssignedTechnicianId").SelectMany(c => new[] { c.Old, c.New }).OfType<string>())
            .Distinct().ToList();
        var userNames = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        return new TicketFacts(ticket, customer.Name, [.. customer.Phones.Select(p => p.Number)], modelName, serial, visits, timeline, userNames);
    }

    private static List<(string Field, string? Old, string? New)> ParseChanges(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject()
            .Where(p => p.Name is not "id" and not "Id")
            .Select(p => (p.Name, Value(p.Value, "old"), Value(p.Value, "new")))
            .ToList();

        static string? Value(JsonElement change, string name) =>
            change.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
    }
}
