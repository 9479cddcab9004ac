using AfterSales.Domain.Calendar;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>Everything one work order page or its print shows: the job, its ticket, the customer and unit, the clock and the charges.</summary>
public sealed record WorkOrderView(
    WorkOrder WorkOrder,
    Ticket Ticket,
    string CustomerName,
    string? Address,
    IReadOnlyList<string> Phones,
    string? ModelName,
    string? Serial,
    DateOnly? PurchaseDate,
    int ReturnToFactoryDays,
    string TechnicianName,
    decimal DefaultHourlyRate,
    ChargeTotals Charges,
    RepairClockState? ClockState,
    int? DaysLeft)
{
    public bool InWarranty => Ticket.WarrantyStatus == WarrantyStatus.InWarranty;

    /// <summary>Out of warranty (or undetermined) with no accepted quote: work waits for the customer's consent.</summary>
    public bool WaitingForConsent => WorkOrder.IsOpen && !InWarranty && !Ticket.HasAcceptedConsent;

    public static async Task<WorkOrderView?> LoadAsync(AfterSalesDbContext db, long id, DateOnly today, WorkingCalendar calendar, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (workOrder is null)
        {
            return null;
        }

        var ticket = await db.Tickets.AsNoTracking().FirstAsync(t => t.Id == workOrder.TicketId, cancellationToken);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Phones).FirstAsync(c => c.Id == ticket.CustomerId, cancellationToken);
        var model = ticket.ProductModelId is { } modelId
            ? await db.ProductModels.AsNoTracking().Include(m => m.Category).FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken)
            : null;
        var unit = ticket.UnitId is { } unitId ? await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken) : null;
        var technician = await db.Users.AsNoTracking().Where(u => u.Id == workOrder.TechnicianId).Select(u => new { u.FullName, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        var rate = await db.TechnicianProfiles.AsNoTracking().Where(p => p.TechnicianId == workOrder.TechnicianId).Select(p => (decimal?)p.HourlyRate).FirstOrDefaultAsync(cancellationToken);
        var inWarranty = ticket.WarrantyStatus == WarrantyStatus.InWarranty;
        var clock = workOrder.Clock();
        return new WorkOrderView(
            workOrder,
            ticket,
            customer.Name,
            customer.Address,
            [.. customer.Phones.Select(p => p.Number)],
            model is null ? null : model.Code + " · " + model.Name,
            unit?.SerialNumber,
            unit?.PurchaseDate,
            model?.Category?.ReturnToFactoryDays ?? RepairClock.MaxReturnToFactoryWorkingDays,
            technician is null ? workOrder.TechnicianId : $"{technician.FullName} ({technician.UserName})",
            rate ?? 80m,
            workOrder.Charges(inWarranty, ticket.HasAcceptedConsent ? ticket.QuoteTotal : null),
            workOrder.IsOpen ? clock?.State(today, calendar) : null,
            clock?.DaysLeft(today, calendar));
    }
}
