using System.Security.Claims;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>
/// A technician's own open work orders: today's and overdue ones first (appointment passed, or repair clock
/// overdue), then the upcoming ones. The desk, dispatch and managers see every open work order with its technician.
/// </summary>
public sealed class IndexModel(ReadDbContext db, CompanyClock clock, WorkCalendar workCalendar) : PageModel
{
    public const int OfficeListLimit = 300;

    public sealed record Row(
        long Id,
        string TicketNumber,
        string CustomerName,
        string? Address,
        IReadOnlyList<string> Phones,
        string? Model,
        string Fault,
        DateOnly Date,
        TimeSlot Slot,
        WorkOrderStatus Status,
        WarrantyStatus Warranty,
        DateOnly? Deadline,
        int? DaysLeft,
        RepairClockState? ClockState,
        string Technician)
    {
        public bool Overdue(DateOnly today) => Date < today || ClockState == RepairClockState.Overdue;
    }

    public bool IsTechnicianView { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Row> Now { get; private set; } = [];

    public IReadOnlyList<Row> Upcoming { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        var calendar = await workCalendar.GetAsync(cancellationToken);
        IsTechnicianView = !await this.AllowsAsync(Policies.WorkOrderOffice);
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

        var query = db.WorkOrders.AsNoTracking().Where(w => w.Status != WorkOrderStatus.Completed);
        if (IsTechnicianView)
        {
            query = query.Where(w => w.TechnicianId == me);
        }

        var rows = await (
            from w in query
            join t in db.Tickets on w.TicketId equals t.Id
            join c in db.Customers on t.CustomerId equals c.Id
            join m in db.ProductModels on t.ProductModelId equals m.Id into models
            from m in models.DefaultIfEmpty()
            join u in db.Users on w.TechnicianId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby w.AppointmentDate, w.AppointmentSlot, w.Id
            select new
            {
                w,
                t.Number,
                t.CustomerId,
                CustomerName = c.Name,
                c.Address,
                Model = m == null ? null : m.Code + " · " + m.Name,
                t.FaultDescription,
                t.WarrantyStatus,
                Technician = u == null ? w.TechnicianId : u.FullName + " (" + u.UserName + ")",
            }).Take(OfficeListLimit).ToListAsync(cancellationToken);

        var customerIds = rows.Select(r => r.CustomerId).Distinct().ToList();
        var phones = (await db.CustomerPhones.AsNoTracking().Where(p => customerIds.Contains(p.CustomerId)).Select(p => new { p.CustomerId, p.Number }).ToListAsync(cancellationToken))
            .ToLookup(p => p.CustomerId, p => p.Number);

        var all = rows.Select(r =>
        {
            var w = r.w;
            var clockOf = w.Clock();
            var date = w.Status == WorkOrderStatus.Unfinished && w.NextVisitOn is { } next ? next : w.AppointmentDate;
            return new Row(
                w.Id, r.Number, r.CustomerName, r.Address, [.. phones[r.CustomerId]], r.Model, r.FaultDescription,
                date, w.AppointmentSlot, w.Status, r.WarrantyStatus, w.Deadline,
                clockOf?.DaysLeft(Today, calendar), clockOf?.State(Today, calendar), r.Technician);
        }).ToList();

        Now = [.. all.Where(r => r.Date <= Today || r.ClockState == RepairClockState.Overdue).OrderByDescending(r => r.Overdue(Today)).ThenBy(r => r.Date).ThenBy(r => r.Slot)];
        Upcoming = [.. all.Except(Now).OrderBy(r => r.Date).ThenBy(r => r.Slot)];
    }
}
