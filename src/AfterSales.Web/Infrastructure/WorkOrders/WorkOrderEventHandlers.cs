using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.WorkOrders;

/// <summary>Human damage found or withdrawn: the ticket's warranty is decided again (<see cref="FieldWorkEffects.RedecideWarranty"/>).</summary>
public sealed class HumanDamageRecordedHandler(CompanyClock clock) : DomainEventReaction<HumanDamageRecorded>
{
    protected override async Task HandleAsync(HumanDamageRecorded domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstAsync(t => t.Id == domainEvent.WorkOrder.TicketId, cancellationToken);
        var model = ticket.ProductModelId is { } m ? await db.ProductModels.AsNoTracking().FirstOrDefaultAsync(x => x.Id == m, cancellationToken) : null;
        var unit = ticket.UnitId is { } u ? await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == u, cancellationToken) : null;
        FieldWorkEffects.RedecideWarranty(domainEvent, ticket, model, unit, DateOnly.FromDateTime(clock.ToLocal(domainEvent.At).DateTime));
    }
}

/// <summary>Parts, hours or a return to the factory recorded: the ticket is in progress (<see cref="FieldWorkEffects.StartWork"/>).</summary>
public sealed class RepairWorkRecordedHandler(CompanyClock clock) : DomainEventReaction<RepairWorkRecorded>
{
    protected override async Task HandleAsync(RepairWorkRecorded domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstAsync(t => t.Id == domainEvent.WorkOrder.TicketId, cancellationToken);
        FieldWorkEffects.StartWork(domainEvent, ticket, clock.UtcNow);
    }
}

/// <summary>The customer signed: the ticket's repair is completed and its follow-up call is added (<see cref="FieldWorkEffects.CompleteRepair"/>).</summary>
public sealed class WorkOrderCompletedHandler(CompanyClock clock, WorkCalendar workCalendar) : DomainEventReaction<WorkOrderCompleted>
{
    protected override async Task HandleAsync(WorkOrderCompleted domainEvent, AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FirstAsync(t => t.Id == domainEvent.WorkOrder.TicketId, cancellationToken);
        var completedOn = DateOnly.FromDateTime(clock.ToLocal(domainEvent.At).DateTime);
        db.FollowUps.Add(FieldWorkEffects.CompleteRepair(domainEvent, ticket, completedOn, await workCalendar.GetAsync(cancellationToken)));
    }
}
