using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.WorkOrders;

/// <summary>
/// The technician's steps on one work order, one method per use case: visit (accept, arrive, diagnose), charges (parts,
/// extras, hours), outcome (completed with the signature, unfinished, to the factory). Each reads its input, looks up
/// what the domain needs and asks the work order; the page saves once, and the work order's events carry the effects
/// on the ticket and the follow-up call into that same save (<see cref="FieldWorkEffects"/>).
/// </summary>
public sealed class FieldSteps(AfterSalesDbContext db, CompanyClock clock, WorkCalendar workCalendar)
{
    public void Accept(WorkOrder w) => w.Accept(clock.UtcNow);

    public void Arrive(WorkOrder w, ArrivalInput input) => w.Arrive(clock.UtcNow, input.UnitComplete, input.Note);

    /// <summary>Human damage found or withdrawn re-decides the ticket's warranty as the save dispatches <see cref="HumanDamageRecorded"/>.</summary>
    public async Task DiagnoseAsync(WorkOrder w, DiagnosisInput input, CancellationToken cancellationToken) =>
        w.Diagnose(input.Fault ?? "", input.HumanDamage, clock.UtcNow, input.PartsNeeded, clock.Today, await workCalendar.GetAsync(cancellationToken));

    /// <summary>After the save: the repair (now) waits for the customer's accepted quote, e.g. because human damage made it chargeable.</summary>
    public async Task<bool> WaitsForConsentAsync(WorkOrder w, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FindAsync([w.TicketId], cancellationToken);
        return ticket is not null && ticket.WarrantyStatus != WarrantyStatus.InWarranty && !ticket.HasAcceptedConsent;
    }

    /// <summary>The ticket moves into progress (behind the consent gate) as the save dispatches <see cref="RepairWorkRecorded"/>.</summary>
    public void AddPart(WorkOrder w, PartInput input) =>
        w.AddPart(new PartLine(input.PartNumber ?? "", input.Name ?? "", input.Quantity ?? 0, input.UnitPrice ?? 0m, input.HandedToCustomer));

    public void RemovePart(WorkOrder w, int index) => w.RemovePart(index);

    /// <summary>A separate sale the customer agrees to there and then: it neither needs the repair quote's consent nor starts the repair.</summary>
    public void AddExtra(WorkOrder w, ExtraServiceInput input) => w.AddExtraService(input.Description, input.Charge ?? 0m, input.MaterialCost ?? 0m);

    public void RemoveExtra(WorkOrder w, int index) => w.RemoveExtraService(index);

    /// <summary>At the typed rate, else the technician's own, else 80 an hour; the ticket moves into progress as for a part.</summary>
    public async Task RecordLabourAsync(WorkOrder w, LabourInput input, CancellationToken cancellationToken)
    {
        var rate = input.HourlyRate ?? await db.TechnicianProfiles.Where(p => p.TechnicianId == w.TechnicianId).Select(p => (decimal?)p.HourlyRate).FirstOrDefaultAsync(cancellationToken) ?? 80m;
        w.RecordLabour(input.Hours ?? 0m, rate, input.TravelCost ?? 0m, input.TravelNote);
    }

    /// <summary>The ticket's repair is completed and its follow-up call added as the save dispatches <see cref="WorkOrderCompleted"/>.</summary>
    public void Complete(WorkOrder w, CompletionInput input) =>
        w.Complete(input.CustomerName ?? "", FieldWork.DecodeSignature(input.Signature), input.Opinion, clock.UtcNow);

    public void LeaveUnfinished(WorkOrder w, UnfinishedInput input) =>
        w.MarkUnfinished(input.Reason ?? "", input.NextVisit ?? clock.Today, clock.Today);

    /// <summary>The return clock runs the product category's working days (at most the regulation's).</summary>
    public async Task ReturnToFactoryAsync(WorkOrder w, FactoryInput input, CancellationToken cancellationToken)
    {
        var days = await db.Tickets.Where(t => t.Id == w.TicketId && t.ProductModelId != null)
            .Join(db.ProductModels, t => t.ProductModelId, m => m.Id, (_, m) => (int?)m.Category!.ReturnToFactoryDays)
            .FirstOrDefaultAsync(cancellationToken);
        w.ReturnToFactory(input.ShipmentReference ?? "", clock.Today, days ?? RepairClock.MaxReturnToFactoryWorkingDays, await workCalendar.GetAsync(cancellationToken));
    }
}
