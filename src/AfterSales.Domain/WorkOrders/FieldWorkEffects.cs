using AfterSales.Domain.Calendar;
using AfterSales.Domain.Customers;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// What a technician's steps do beyond the work order: the reactions to its events, one rule each. The database
/// layer's handlers only load what a rule needs and save what it changed, in the same transaction as the step.
/// </summary>
public static class FieldWorkEffects
{
    /// <summary>
    /// Human damage found (or withdrawn) on site: the warranty is decided again from the unit's facts as the
    /// technician found them (<see cref="Ticket.RedecideWarranty"/>: now chargeable without an accepted quote, work
    /// stops and the ticket waits for a quote; the unit's warranty expiry on record stays).
    /// </summary>
    public static void RedecideWarranty(HumanDamageRecorded recorded, Ticket ticket, ProductModel? model, Unit? unit, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        EnsureSameTicket(recorded.WorkOrder, ticket);
        ticket.RedecideWarranty(UnitWarranty.Decide(model, unit?.PurchaseDate, unit?.HasProofOfPurchase ?? false, unit?.SerialNumber, today, recorded.HumanDamage));
    }

    /// <summary>
    /// Parts, hours or a return to the factory recorded: the ticket is in progress, handed back to the work order's
    /// technician first if it went back for a quote (<see cref="Ticket.EnsureWorkStarted"/>); a chargeable repair
    /// without the customer's accepted quote is refused, and with it the step.
    /// </summary>
    public static void StartWork(RepairWorkRecorded recorded, Ticket ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        EnsureSameTicket(recorded.WorkOrder, ticket);
        ticket.EnsureWorkStarted(recorded.WorkOrder.TechnicianId, now);
    }

    /// <summary>
    /// The customer signed: the ticket's repair is completed (started first if it was not, behind the consent gate)
    /// and the follow-up call every repair gets is due the next working day after <paramref name="completedOn"/>.
    /// </summary>
    /// <returns>The follow-up call to add.</returns>
    public static FollowUp CompleteRepair(WorkOrderCompleted completed, Ticket ticket, DateOnly completedOn, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(ticket);
        var workOrder = completed.WorkOrder;
        EnsureSameTicket(workOrder, ticket);
        ticket.EnsureWorkStarted(workOrder.TechnicianId, completed.At);
        ticket.Complete(completed.At);
        return FollowUp.ForCompletedRepair(ticket.Id, workOrder.Id, workOrder.TechnicianId, completedOn, calendar);
    }

    private static void EnsureSameTicket(WorkOrder workOrder, Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Id != workOrder.TicketId)
        {
            throw new ArgumentException($"Work order {workOrder.Id} belongs to ticket {workOrder.TicketId}, not {ticket.Id}.", nameof(ticket));
        }
    }
}
