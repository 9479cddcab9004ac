using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatching;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// The dispatcher's board: tickets waiting for a visit (most urgent, then oldest, first), each technician's
/// load today, and open work orders with their repair clocks; managers also see the overdue list.
/// </summary>
public sealed class IndexModel(AfterSalesDbContext db, WorkCalendar workCalendar, CompanyClock clock) : PageModel
{
    public const int MaxRows = 200;

    private static readonly Urgency[] UrgencyOrder = [Urgency.Emergency, Urgency.High, Urgency.Normal, Urgency.Low];

    private sealed record WaitingRow(long Id, string Number, string Customer, string? Model, string? Category, Urgency Urgency, WarrantyStatus WarrantyStatus, TicketStatus Status, DateTimeOffset CreatedAt);

    public sealed record WaitingTicket(long Id, string Number, string Customer, string? Model, string? Category, Urgency Urgency, WarrantyStatus Warranty, TicketStatus Status, DateTimeOffset CreatedAt, DateOnly? Deadline, int? DaysLeft);

    public sealed record TechnicianLoad(string Id, string Name, string UserName, int Position, IReadOnlyList<string> Skills, int OpenJobs, int Limit, int AppointmentsToday, TechnicianStatusToday Status);

    public sealed record OpenWorkOrder(long Id, long TicketId, string TicketNumber, string Technician, WorkOrderStatus Status, DateOnly AppointmentDate, TimeSlot Slot, DateOnly? Deadline, int? DaysLeft, RepairClockState? ClockState);

    public IReadOnlyList<WaitingTicket> Waiting { get; private set; } = [];

    public IReadOnlyList<TechnicianLoad> Technicians { get; private set; } = [];

    public IReadOnlyList<OpenWorkOrder> WorkOrders { get; private set; } = [];

    public IReadOnlyList<OpenWorkOrder> Overdue { get; private set; } = [];

    public bool IsManager { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        IsManager = User.IsInRole(Roles.Manager);
        var calendar = await workCalendar.GetAsync(cancellationToken);

        // Most urgent first, then oldest: one indexed read per urgency level (ix_tickets_waiting), so the
        // board stays fast however many tickets the company has.
        var waiting = new List<WaitingRow>();
        foreach (var urgency in UrgencyOrder)
        {
            if (waiting.Count >= MaxRows)
            {
                break;
            }

            waiting.AddRange(await (from t in db.Tickets.AsNoTracking()
                                    where t.Urgency == urgency
                                        && DispatchService.DispatchableStatuses.Contains(t.Status)
                                        && DispatchService.VisitKinds.Contains(t.Kind)
                                        && t.ServiceMode != ServiceMode.PhoneFix
                                        && !db.WorkOrders.Any(w => w.TicketId == t.Id && w.Status != WorkOrderStatus.Completed)
                                    join c in db.Customers on t.CustomerId equals c.Id
                                    from m in db.ProductModels.Where(m => m.Id == t.ProductModelId).DefaultIfEmpty()
                                    from k in db.ProductCategories.Where(k => m != null && k.Id == m.CategoryId).DefaultIfEmpty()
                                    orderby t.CreatedAt
                                    select new WaitingRow(t.Id, t.Number, c.Name, m == null ? null : m.Code + " · " + m.Name, k == null ? null : k.Code, t.Urgency, t.WarrantyStatus, t.Status, t.CreatedAt))
                .Take(MaxRows - waiting.Count)
                .ToListAsync(cancellationToken));
        }

        var ids = waiting.Select(w => w.Id).ToList();
        var deadlines = (await db.WorkOrders.AsNoTracking()
                .Where(w => ids.Contains(w.TicketId) && w.Deadline != null)
                .Select(w => new { w.TicketId, w.Deadline, w.AssignedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(w => w.TicketId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.AssignedAt).First().Deadline);
        Waiting = [.. waiting.Select(w =>
        {
            var deadline = deadlines.GetValueOrDefault(w.Id);
            return new WaitingTicket(w.Id, w.Number, w.Customer, w.Model, w.Category, w.Urgency, w.WarrantyStatus, w.Status, w.CreatedAt, deadline, deadline is { } d ? calendar.WorkingDaysBetween(Today, d) : null);
        })];

        var today = Today;
        var users = await (from p in db.TechnicianProfiles.AsNoTracking()
                           join u in db.Users on p.TechnicianId equals u.Id
                           where !u.IsDisabled
                           orderby p.Position
                           select new { p.TechnicianId, u.FullName, u.UserName, p.Position, p.Skills, p.OpenJobLimit })
            .ToListAsync(cancellationToken);
        var open = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Status != WorkOrderStatus.Completed)
            .GroupBy(w => w.TechnicianId)
            .Select(g => new { g.Key, Count = g.Count(), Today = g.Count(w => w.AppointmentDate == today) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);
        var absences = await db.Availability.AsNoTracking().Where(a => a.From <= today && today <= a.To).ToListAsync(cancellationToken);
        Technicians = [.. users.Select(u => new TechnicianLoad(
            u.TechnicianId,
            u.FullName,
            u.UserName ?? "",
            u.Position,
            u.Skills,
            open.GetValueOrDefault(u.TechnicianId)?.Count ?? 0,
            u.OpenJobLimit,
            open.GetValueOrDefault(u.TechnicianId)?.Today ?? 0,
            StatusOf(absences.Where(a => a.TechnicianId == u.TechnicianId))))];

        var names = users.ToDictionary(u => u.TechnicianId, u => u.FullName.Length > 0 ? u.FullName : u.UserName ?? u.TechnicianId);
        var orders = await (from w in db.WorkOrders.AsNoTracking()
                            where w.Status != WorkOrderStatus.Completed
                            join t in db.Tickets on w.TicketId equals t.Id
                            orderby w.Deadline == null, w.Deadline, w.AppointmentDate
                            select new { w, t.Number })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        WorkOrders = [.. orders.Select(x =>
        {
            var c = x.w.Clock();
            return new OpenWorkOrder(x.w.Id, x.w.TicketId, x.Number, names.GetValueOrDefault(x.w.TechnicianId, x.w.TechnicianId), x.w.Status, x.w.AppointmentDate, x.w.AppointmentSlot, x.w.Deadline, c?.DaysLeft(today, calendar), c?.State(today, calendar));
        })];
        Overdue = [.. WorkOrders.Where(w => w.ClockState == RepairClockState.Overdue)];
    }

    public static TechnicianStatusToday StatusOf(IEnumerable<AvailabilityEntry> entries)
    {
        var list = entries.ToList();
        return list.Any(a => a.Kind == AvailabilityKind.Leave) ? TechnicianStatusToday.OnLeave
            : list.Any(a => a.Kind == AvailabilityKind.OffDuty) ? TechnicianStatusToday.OffDuty
            : TechnicianStatusToday.Available;
    }
}
