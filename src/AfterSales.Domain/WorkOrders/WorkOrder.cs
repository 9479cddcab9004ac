using AfterSales.Domain.Calendar;

namespace AfterSales.Domain.WorkOrders;

public enum WorkOrderStatus
{
    /// <summary>Dispatched; the technician has not confirmed yet.</summary>
    Assigned,

    /// <summary>The technician took it.</summary>
    Accepted,

    /// <summary>At the customer's (or the unit is on the bench).</summary>
    OnSite,

    /// <summary>Fault found; parts and hours are being recorded.</summary>
    Diagnosed,

    /// <summary>Left unfinished with a reason and the next visit agreed.</summary>
    Unfinished,

    /// <summary>Sent back to the factory; the return clock runs.</summary>
    AtFactory,

    Completed,
}

public enum TimeSlot
{
    Morning,
    Afternoon,
    Evening,
}

/// <summary>A changed appointment (a weather delay, the customer's request…), kept as history.</summary>
public sealed record AppointmentChange(DateOnly FromDate, TimeSlot FromSlot, DateOnly ToDate, TimeSlot ToSlot, string Reason, bool Weather, string CustomerToldBy, DateTimeOffset At);

/// <summary>
/// One visit job (维修单) of a ticket, owned by one technician: accept → arrive (is the unit complete and
/// untampered?) → diagnose (fault, human damage) → parts, hours and travel → completed with the customer's
/// name, drawn signature and opinion; or unfinished (reason, next visit); or returned to the factory
/// (shipment reference, return clock). The repair clock starts when the diagnosis decides parts must be replaced,
/// or when the unit goes to the factory. Charges are computed by <see cref="WorkOrderCharges"/>. Extra services sold on site
/// (<see cref="ExtraServiceLine"/>) are a separate sale: never in the repair charges, paid by the customer even in warranty.
/// </summary>
public sealed class WorkOrder : AggregateRoot
{
    public const int NoteMaxLength = 1000;
    public const int MaxSignatureBytes = 300_000;

    /// <summary>Extra services one visit can carry: a few things sold on site, not a shop.</summary>
    public const int MaxExtraServices = 10;

    // Not readonly: stored as whole JSON values.
    private List<PartLine> _parts = [];
    private List<ExtraServiceLine> _extraServices = [];
    private List<RepairClockExtension> _extensions = [];
    private List<AppointmentChange> _appointmentChanges = [];

    private WorkOrder()
    {
        TechnicianId = "";
        AssignedBy = "";
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    public string TechnicianId { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public DateOnly AppointmentDate { get; private set; }

    public TimeSlot AppointmentSlot { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    public string AssignedBy { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ArrivedAt { get; private set; }

    public bool? UnitComplete { get; private set; }

    public string? ArrivalNote { get; private set; }

    public string? Diagnosis { get; private set; }

    public bool HumanDamage { get; private set; }

    public DateTimeOffset? DiagnosedAt { get; private set; }

    public IReadOnlyList<PartLine> Parts => _parts;

    /// <summary>Extra services sold on site, a separate sale (see <see cref="ExtraServiceLine"/>).</summary>
    public IReadOnlyList<ExtraServiceLine> ExtraServices => _extraServices;

    /// <summary>What the customer paid for the extra services, on top of (and apart from) the repair charge.</summary>
    public decimal ExtraIncome => _extraServices.Sum(e => e.Charge);

    /// <summary>The extra services' income less their material cost: what the art. 30 commission is worked out on.</summary>
    public decimal ExtraNetIncome => _extraServices.Sum(e => e.NetIncome);

    public decimal LabourHours { get; private set; }

    public decimal HourlyRate { get; private set; }

    public decimal TravelCost { get; private set; }

    public string? TravelNote { get; private set; }

    public string? UnfinishedReason { get; private set; }

    public DateOnly? NextVisitOn { get; private set; }

    public string? ShipmentReference { get; private set; }

    public string? CustomerName { get; private set; }

    /// <summary>The customer's signature as drawn on the screen (PNG).</summary>
    public byte[]? Signature { get; private set; }

    public string? CustomerOpinion { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the paper work order and receipts were handed in to the desk, and to whom.</summary>
    public DateTimeOffset? HandedInAt { get; private set; }

    public string? HandedInTo { get; private set; }

    public RepairKind? ClockKind { get; private set; }

    public DateOnly? ClockStartedOn { get; private set; }

    public int ClockWorkingDays { get; private set; }

    public DateOnly? OriginalDeadline { get; private set; }

    public DateOnly? Deadline { get; private set; }

    public IReadOnlyList<RepairClockExtension> Extensions => _extensions;

    public IReadOnlyList<AppointmentChange> AppointmentChanges => _appointmentChanges;

    public uint Version { get; private set; }

    public bool IsOpen => Status is not WorkOrderStatus.Completed;

    public static WorkOrder Create(long ticketId, string technicianId, DateOnly appointmentDate, TimeSlot slot, DateTimeOffset at, string by) => new()
    {
        TicketId = ticketId,
        TechnicianId = Guard.Required(technicianId, 450, "workorder.technician"),
        AppointmentDate = appointmentDate,
        AppointmentSlot = Defined(slot),
        AssignedAt = at.ToUniversalTime(),
        AssignedBy = Guard.Required(by, 256, "workorder.assigned_by"),
        Status = WorkOrderStatus.Assigned,
    };

    public void Accept(DateTimeOffset at)
    {
        Expect(WorkOrderStatus.Assigned);
        AcceptedAt = at.ToUniversalTime();
        Status = WorkOrderStatus.Accepted;
    }

    /// <summary>At the customer: is the unit complete and untampered? Anything else goes in the note.</summary>
    public void Arrive(DateTimeOffset at, bool unitComplete, string? note)
    {
        Expect(WorkOrderStatus.Accepted, WorkOrderStatus.Unfinished);
        if (!unitComplete && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("workorder.incomplete_needs_note", "Say what is missing or tampered with; the customer must be told.");
        }

        ArrivedAt = at.ToUniversalTime();
        UnitComplete = unitComplete;
        ArrivalNote = Guard.Optional(note, NoteMaxLength);
        Status = WorkOrderStatus.OnSite;
    }

    /// <summary>
    /// The fault found, whether the user caused it, and whether parts must be replaced. Part 4 1.3.3: the technician
    /// diagnoses and decides the solution ("如订购配件后进行维修，或者返厂维修"); 1.3.3.1: "需要配件更换的仪器维修周期最长为7个
    /// 工作日". So the 7-working-day clock starts on <paramref name="today"/> when the diagnosis decides parts are needed,
    /// not when the first part is recorded (a part ordered takes days to arrive; the clock runs meanwhile). A repair
    /// done on the spot without parts to order has no clock. Diagnosing again never restarts a running clock. Human
    /// damage found or withdrawn raises <see cref="HumanDamageRecorded"/> (the ticket's warranty is decided again).
    /// </summary>
    public void Diagnose(string fault, bool humanDamage, DateTimeOffset at, bool partsNeeded, DateOnly today, WorkingCalendar calendar)
    {
        Diagnose(fault, humanDamage, at);
        if (partsNeeded && ClockKind is null)
        {
            SetClock(RepairClock.ForPartsReplacement(today, calendar));
        }
    }

    /// <summary>Whether the diagnosis decided parts must be replaced (the parts clock runs).</summary>
    public bool PartsNeeded => ClockKind == RepairKind.PartsReplacement;

    /// <summary>
    /// The fault found and whether the user caused it, no parts to order. Human damage found, confirmed or withdrawn
    /// raises <see cref="HumanDamageRecorded"/>: the ticket's warranty is decided again.
    /// </summary>
    public void Diagnose(string fault, bool humanDamage, DateTimeOffset at)
    {
        Expect(WorkOrderStatus.OnSite, WorkOrderStatus.Diagnosed);
        var diagnosis = Guard.Required(fault, NoteMaxLength, "workorder.diagnosis");
        var humanDamageBefore = HumanDamage;
        Diagnosis = diagnosis;
        HumanDamage = humanDamage;
        DiagnosedAt = at.ToUniversalTime();
        Status = WorkOrderStatus.Diagnosed;
        if (humanDamage || humanDamageBefore)
        {
            Raise(new HumanDamageRecorded(this, humanDamage, at.ToUniversalTime()));
        }
    }

    /// <summary>A part fitted (or handed over); the repair is under way on the ticket (<see cref="RepairWorkRecorded"/>).</summary>
    public void AddPart(PartLine part)
    {
        Expect(WorkOrderStatus.Diagnosed);
        var check = new WorkOrderCharges();
        check.AddPart(part);
        _parts = [.. _parts, part];
        Raise(new RepairWorkRecorded(this));
    }

    public void RemovePart(int index)
    {
        Expect(WorkOrderStatus.Diagnosed);
        if (index < 0 || index >= _parts.Count)
        {
            throw new DomainException("workorder.no_such_part", "That part line does not exist.");
        }

        _parts = [.. _parts.Where((_, i) => i != index)];
    }

    /// <summary>An extra service sold on site (a separate sale), recorded while the parts and hours are: once diagnosed.</summary>
    /// <exception cref="DomainException">See <see cref="ExtraServiceLine.Create"/>; <c>workorder.too_many_extras</c>.</exception>
    public void AddExtraService(string? description, decimal charge, decimal materialCost = 0m)
    {
        Expect(WorkOrderStatus.Diagnosed);
        var line = ExtraServiceLine.Create(description, charge, materialCost);
        if (_extraServices.Count >= MaxExtraServices)
        {
            throw new DomainException("workorder.too_many_extras", $"A work order carries at most {MaxExtraServices} extra services.", MaxExtraServices);
        }

        _extraServices = [.. _extraServices, line];
    }

    public void RemoveExtraService(int index)
    {
        Expect(WorkOrderStatus.Diagnosed);
        if (index < 0 || index >= _extraServices.Count)
        {
            throw new DomainException("workorder.no_such_extra", "That extra service line does not exist.");
        }

        _extraServices = [.. _extraServices.Where((_, i) => i != index)];
    }

    /// <summary>The hours and the travel; the repair is under way on the ticket (<see cref="RepairWorkRecorded"/>).</summary>
    public void RecordLabour(decimal hours, decimal hourlyRate, decimal travelCost, string? travelNote)
    {
        Expect(WorkOrderStatus.Diagnosed);
        var check = new WorkOrderCharges();
        if (hours > 0)
        {
            check.AddLabour(new LabourLine(hours, hourlyRate));
        }

        if (travelCost > 0)
        {
            check.AddTravel(TravelLine.Of(travelNote, travelCost));
        }

        if (hours < 0 || hourlyRate < 0 || travelCost < 0)
        {
            throw new DomainException("charges.negative_amount", "Hours and amounts cannot be negative.");
        }

        LabourHours = hours;
        HourlyRate = hourlyRate;
        TravelCost = Money.Round(travelCost);
        TravelNote = Guard.Optional(travelNote, 200);
        Raise(new RepairWorkRecorded(this));
    }

    /// <summary>Parts must be ordered: the 7-working-day clock starts from <paramref name="acceptedOn"/>.</summary>
    public void StartPartsClock(DateOnly acceptedOn, WorkingCalendar calendar)
    {
        if (ClockKind is not null)
        {
            throw new DomainException("clock.already_running", "The repair clock is already running.");
        }

        SetClock(RepairClock.ForPartsReplacement(acceptedOn, calendar));
    }

    public RepairClock? Clock() => ClockKind is { } kind && ClockStartedOn is { } started && OriginalDeadline is { } original && Deadline is { } deadline
        ? RepairClock.Restore(kind, started, ClockWorkingDays, original, deadline, _extensions)
        : null;

    /// <summary>Extends the repair period: only before the deadline and only once the customer was told.</summary>
    public void ExtendClock(DateOnly newDeadline, CustomerNotification notification, DateOnly today)
    {
        var clock = Clock() ?? throw new DomainException("clock.not_running", "No repair clock is running for this work order.");
        clock.Extend(newDeadline, notification, today);
        SetClock(clock);
    }

    /// <summary>A new date and slot (bad weather, the customer's request); the customer is told and the history kept.</summary>
    public void Reschedule(DateOnly date, TimeSlot slot, string reason, bool weather, string customerToldBy, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainException("workorder.closed", "This work order is finished.");
        }

        var change = new AppointmentChange(AppointmentDate, AppointmentSlot, date, Defined(slot), Guard.Required(reason, 200, "workorder.reschedule_reason"), weather, Guard.Required(customerToldBy, 256, "workorder.customer_told_by"), at.ToUniversalTime());
        _appointmentChanges = [.. _appointmentChanges, change];
        AppointmentDate = date;
        AppointmentSlot = slot;
    }

    public void MarkUnfinished(string reason, DateOnly nextVisit, DateOnly today)
    {
        Expect(WorkOrderStatus.OnSite, WorkOrderStatus.Diagnosed);
        if (nextVisit < today)
        {
            throw new DomainException("workorder.next_visit_past", "The next visit cannot be in the past.");
        }

        UnfinishedReason = Guard.Required(reason, NoteMaxLength, "workorder.unfinished_reason");
        NextVisitOn = nextVisit;
        Status = WorkOrderStatus.Unfinished;
    }

    /// <summary>The unit goes back to the factory: the return clock starts; the repair is under way on the ticket (<see cref="RepairWorkRecorded"/>).</summary>
    public void ReturnToFactory(string shipmentReference, DateOnly today, int factoryWorkingDays, WorkingCalendar calendar)
    {
        Expect(WorkOrderStatus.Diagnosed);
        var reference = Guard.Required(shipmentReference, 100, "workorder.shipment_reference");
        var clock = RepairClock.ForReturnToFactory(today, factoryWorkingDays, calendar);
        ShipmentReference = reference;
        SetClock(clock);
        Status = WorkOrderStatus.AtFactory;
        Raise(new RepairWorkRecorded(this));
    }

    /// <summary>
    /// The customer confirms: their name, the signature drawn on the screen, their opinion. Raises
    /// <see cref="WorkOrderCompleted"/>: the ticket's repair is completed and the follow-up call falls due.
    /// </summary>
    public void Complete(string customerName, byte[] signaturePng, string? opinion, DateTimeOffset at)
    {
        Expect(WorkOrderStatus.Diagnosed, WorkOrderStatus.AtFactory);
        if (signaturePng is null || signaturePng.Length < 100 || !IsPng(signaturePng))
        {
            throw new DomainException("workorder.signature_required", "The customer must sign on the screen.");
        }

        if (signaturePng.Length > MaxSignatureBytes)
        {
            throw new DomainException("workorder.signature_too_large", "The signature image is too large.");
        }

        CustomerName = Guard.Required(customerName, 100, "workorder.customer_name");
        Signature = signaturePng;
        CustomerOpinion = Guard.Optional(opinion, NoteMaxLength);
        CompletedAt = at.ToUniversalTime();
        Status = WorkOrderStatus.Completed;
        Raise(new WorkOrderCompleted(this, at.ToUniversalTime()));
    }

    /// <summary>The desk logs the paper work order and receipts as handed in.</summary>
    public void HandIn(DateTimeOffset at, string deskUser)
    {
        Expect(WorkOrderStatus.Completed, WorkOrderStatus.Unfinished, WorkOrderStatus.AtFactory);
        if (HandedInAt is not null)
        {
            throw new DomainException("workorder.already_handed_in", "This work order was already handed in.");
        }

        HandedInAt = at.ToUniversalTime();
        HandedInTo = Guard.Required(deskUser, 256, "workorder.handed_in_to");
    }

    /// <summary>
    /// Costs of the repair; the customer pays nothing in warranty, else the accepted quote plus agreed extras.
    /// Extra services are not in here: they are a separate sale (<see cref="ExtraIncome"/>).
    /// </summary>
    public ChargeTotals Charges(bool inWarranty, decimal? acceptedQuote)
    {
        var charges = new WorkOrderCharges();
        foreach (var part in _parts)
        {
            charges.AddPart(part);
        }

        if (LabourHours > 0)
        {
            charges.AddLabour(new LabourLine(LabourHours, HourlyRate));
        }

        if (TravelCost > 0)
        {
            charges.AddTravel(TravelLine.Of(TravelNote, TravelCost));
        }

        if (!inWarranty && acceptedQuote is { } quote)
        {
            charges.AcceptQuote(quote);
        }

        return inWarranty || acceptedQuote is not null ? charges.Totals(inWarranty) : charges.Totals(true) with { CustomerCharge = 0 };
    }

    private void SetClock(RepairClock clock)
    {
        ClockKind = clock.Kind;
        ClockStartedOn = clock.AcceptedOn;
        ClockWorkingDays = clock.AllowedWorkingDays;
        OriginalDeadline = clock.OriginalDeadline;
        Deadline = clock.Deadline;
        _extensions = [.. clock.Extensions];
    }

    private void Expect(params WorkOrderStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException("workorder.illegal_step", $"A work order that is {Status} cannot do this.", Status);
        }
    }

    private static TimeSlot Defined(TimeSlot slot) =>
        Enum.IsDefined(slot) ? slot : throw new DomainException("workorder.slot_invalid", "Choose morning, afternoon or evening.");

    private static bool IsPng(byte[] bytes) =>
        bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == 0x50 && bytes[2] == 0x4E && bytes[3] == 0x47;
}
