using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>
/// The desk's daily check: per technician, the work orders completed or visited that day with hours, travel
/// and parts costs, the extra service income to collect, and which paper work orders were handed in. One not handed
/// in by the next working day is flagged.
/// </summary>
public sealed class DailyModel(AfterSalesDbContext db, ReadDbContext read, CompanyClock clock, WorkCalendar workCalendar, ReportDates reportDates, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Line(long Id, string TicketNumber, WorkOrderStatus Status, decimal Hours, decimal Labour, decimal Travel, decimal Parts, decimal Extra, DateTimeOffset? HandedInAt, string? HandedInTo, bool Late, uint Version)
    {
        public bool CanHandIn => HandedInAt is null && Status is WorkOrderStatus.Completed or WorkOrderStatus.Unfinished or WorkOrderStatus.AtFactory;
    }

    public sealed record TechnicianDay(string TechnicianId, string Name, IReadOnlyList<Line> Lines)
    {
        public decimal Hours => Lines.Sum(x => x.Hours);

        public decimal Labour => Lines.Sum(x => x.Labour);

        public decimal Travel => Lines.Sum(x => x.Travel);

        public decimal Parts => Lines.Sum(x => x.Parts);

        public decimal Extra => Lines.Sum(x => x.Extra);

        public int HandedIn => Lines.Count(x => x.HandedInAt is not null);
    }

    public DateOnly Date { get; private set; }

    /// <summary>The last day to hand in the day's work orders (the next working day).</summary>
    public DateOnly HandInBy { get; private set; }

    public IReadOnlyList<TechnicianDay> Technicians { get; private set; } = [];

    public async Task OnGetAsync(DateOnly? date, CancellationToken cancellationToken)
    {
        Date = await reportDates.DayAsync(date, cancellationToken);
        var calendar = await workCalendar.GetAsync(cancellationToken);
        HandInBy = calendar.NextWorkingDay(Date);
        var dayStart = clock.StartOfDay(Date);
        var dayEnd = clock.StartOfDay(Date.AddDays(1));
        var late = clock.Today > HandInBy;

        var rows = await (
            from w in read.WorkOrders.AsNoTracking()
            where (w.CompletedAt >= dayStart && w.CompletedAt < dayEnd) || (w.ArrivedAt >= dayStart && w.ArrivedAt < dayEnd)
            join t in read.Tickets on w.TicketId equals t.Id
            join u in read.Users on w.TechnicianId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby w.TechnicianId, w.Id
            select new { w, t.Number, Name = u == null ? w.TechnicianId : u.FullName + " (" + u.UserName + ")" })
            .ToListAsync(cancellationToken);

        Technicians = [.. rows.GroupBy(r => (r.w.TechnicianId, r.Name))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new TechnicianDay(g.Key.TechnicianId, g.Key.Name, [.. g.Select(r =>
            {
                var charges = r.w.Charges(inWarranty: true, acceptedQuote: null);
                return new Line(r.w.Id, r.Number, r.w.Status, r.w.LabourHours, charges.Labour, charges.Travel, charges.Parts, r.w.ExtraIncome, r.w.HandedInAt, r.w.HandedInTo, late && r.w.HandedInAt is null, r.w.Version);
            })]))];
    }

    /// <summary>The desk logs that a work order's paper was handed in; one handed in (or changed) meanwhile is refused with a line.</summary>
    public Task<IActionResult> OnPostHandInAsync(long id, uint version, DateOnly? date, CancellationToken cancellationToken) =>
        this.Change(db.WorkOrders.Where(w => w.Id == id), version)
            .IgnoringInput()
            .ConflictSays(l["WorkOrders.ChangedMeanwhile"])
            .Reload(() => OnGetAsync(date, cancellationToken))
            .Done(_ => RedirectToPage(new { date = date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }))
            .RunAsync(workOrder =>
            {
                workOrder.HandIn(clock.UtcNow, User.Identity!.Name!);
                return l["WorkOrders.HandedIn", workOrder.Id];
            }, cancellationToken);
}
