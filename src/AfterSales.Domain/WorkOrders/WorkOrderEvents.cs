namespace AfterSales.Domain.WorkOrders;

/// <summary>
/// A diagnosis found human damage, or withdrew an earlier finding of it: the ticket's warranty is decided again
/// from the unit's facts (<see cref="FieldWorkEffects.RedecideWarranty"/>).
/// </summary>
public sealed record HumanDamageRecorded(WorkOrder WorkOrder, bool HumanDamage, DateTimeOffset At) : IDomainEvent;

/// <summary>
/// Work was recorded on the unit (a part, the hours, the return to the factory): the ticket must be in progress,
/// which for a chargeable repair needs the customer's accepted quote (<see cref="FieldWorkEffects.StartWork"/>). The
/// steps that raise it carry no time of their own: the ticket starts at the moment of the save.
/// </summary>
public sealed record RepairWorkRecorded(WorkOrder WorkOrder) : IDomainEvent;

/// <summary>
/// The customer confirmed and signed: the ticket's repair is completed and its follow-up call falls due
/// (<see cref="FieldWorkEffects.CompleteRepair"/>).
/// </summary>
public sealed record WorkOrderCompleted(WorkOrder WorkOrder, DateTimeOffset At) : IDomainEvent;
