using AfterSales.Domain;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// One open work order as dispatch handles it: a new appointment (bad weather, the customer's request) with
/// who told the customer, and an extension of the repair clock before its deadline; both histories shown.
/// </summary>
public sealed class WorkOrderModel(
    AfterSalesDbContext db,
    WorkCalendar workCalendar,
    CompanyClock clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record RescheduleCommand
    {
        public uint Version { get; init; }

        public DateOnly? Date { get; init; }

        public TimeSlot Slot { get; init; } = TimeSlot.Morning;

        public string? Reason { get; init; }

        public bool Weather { get; init; }

        public string? CustomerToldBy { get; init; }
    }

    public sealed class RescheduleValidator : AbstractValidator<RescheduleCommand>
    {
        public RescheduleValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Date).NotNull().WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.Slot).IsInEnum().WithMessage(_ => l["Domain.workorder.slot_invalid"]);
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(200).WithMessage(_ => l["Validation.TooLong", 200]);
            RuleFor(c => c.CustomerToldBy).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(256).WithMessage(_ => l["Validation.TooLong", 256]);
        }
    }

    public sealed record ExtendCommand
    {
        public uint Version { get; init; }

        public DateOnly? NewDeadline { get; init; }

        public string? CustomerToldBy { get; init; }

        public string? Note { get; init; }
    }

    public sealed class ExtendValidator : AbstractValidator<ExtendCommand>
    {
        public ExtendValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.NewDeadline).NotNull().WithMessage(_ => l["Validation.Date"]);
            RuleFor(c => c.CustomerToldBy).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(256).WithMessage(_ => l["Validation.TooLong", 256]);
            RuleFor(c => c.Note).MaximumLength(500).WithMessage(_ => l["Validation.TooLong", 500]);
        }
    }

    public WorkOrder WorkOrder { get; private set; } = null!;

    public string TicketNumber { get; private set; } = "";

    public string Technician { get; private set; } = "";

    public RepairClockState? ClockState { get; private set; }

    public int? DaysLeft { get; private set; }

    [BindProperty]
    public RescheduleCommand Reschedule { get; set; } = new();

    [BindProperty]
    public ExtendCommand Extend { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, fill: true, cancellationToken) ? Page() : NotFound();

    [ValidatesForm(nameof(Reschedule))]
    public Task<IActionResult> OnPostRescheduleAsync(long id, CancellationToken cancellationToken) =>
        Change(id, "Reschedule.", Reschedule.Version, cancellationToken).RunAsync(workOrder =>
        {
            workOrder.Reschedule(Reschedule.Date!.Value, Reschedule.Slot, Reschedule.Reason!, Reschedule.Weather, Reschedule.CustomerToldBy!, clock.UtcNow);
            return l["Dispatch.Rescheduled"];
        }, cancellationToken);

    [ValidatesForm(nameof(Extend))]
    public Task<IActionResult> OnPostExtendAsync(long id, CancellationToken cancellationToken) =>
        Change(id, "Extend.", Extend.Version, cancellationToken).RunAsync(workOrder =>
        {
            workOrder.ExtendClock(Extend.NewDeadline!.Value, new CustomerNotification(Extend.CustomerToldBy!.Trim(), clock.UtcNow, Extend.Note?.Trim() ?? ""), clock.Today);
            return l["Dispatch.Extended"];
        }, cancellationToken);

    private AggregateChange<WorkOrder> Change(long id, string prefix, uint version, CancellationToken cancellationToken) =>
        this.Change(db.WorkOrders.Where(w => w.Id == id), version)
            .ErrorsAt(error => error.Code switch
            {
                "clock.extension_not_later" => prefix + "NewDeadline",
                "clock.extension_without_notification" => prefix + "CustomerToldBy",
                _ => "",
            })
            .ConflictSays(l["Dispatch.ChangedMeanwhile"])
            .Reload(() => LoadAsync(id, fill: false, cancellationToken))
            .Done(_ => RedirectToPage(new { id }));

    private async Task<bool> LoadAsync(long id, bool fill, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workOrder is null)
        {
            return false;
        }

        WorkOrder = workOrder;
        TicketNumber = await db.Tickets.Where(t => t.Id == workOrder.TicketId).Select(t => t.Number).FirstAsync(cancellationToken);
        Technician = await db.Users.Where(u => u.Id == workOrder.TechnicianId).Select(u => u.FullName + " (" + u.UserName + ")").FirstOrDefaultAsync(cancellationToken) ?? workOrder.TechnicianId;
        var calendar = await workCalendar.GetAsync(cancellationToken);
        if (workOrder.Clock() is { } repairClock)
        {
            ClockState = repairClock.State(clock.Today, calendar);
            DaysLeft = repairClock.DaysLeft(clock.Today, calendar);
        }

        // The version always comes from the database, so a retry after a conflict works on fresh data.
        Reschedule = fill ? new RescheduleCommand { Version = workOrder.Version, Date = workOrder.AppointmentDate, Slot = workOrder.AppointmentSlot } : Reschedule with { Version = workOrder.Version };
        Extend = fill ? new ExtendCommand { Version = workOrder.Version, NewDeadline = workOrder.Deadline?.AddDays(1) } : Extend with { Version = workOrder.Version };
        ModelState.Remove("Reschedule.Version");
        ModelState.Remove("Extend.Version");
        return true;
    }
}
