using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Tickets;

/// <summary>
/// One customer contact and the service it leads to: intake, warranty decision, quote and consent,
/// assignment, work, closing. Status moves follow <see cref="TicketTransitions"/>; a refused move is a
/// <see cref="DomainException"/> <c>ticket.illegal_transition</c> with the statuses (from, to).
/// </summary>
/// <remarks>
/// The consent gate: while the ticket is not in warranty (out of warranty or undetermined), work starts only
/// after the customer has accepted the current quote. In warranty the customer is never charged, even if a
/// quote was recorded before the decision changed. The warranty reasons are kept as
/// <see cref="WarrantyReasonRecord"/>s (code, English text, invariant arguments) so they can be stored and
/// translated.
/// </remarks>
public sealed class Ticket
{
    public const int NumberMaxLength = 32;
    public const int FaultDescriptionMaxLength = 2000;
    public const int PreferredTimeMaxLength = 100;
    public const int AnswerMaxLength = 4000;
    public const int ReasonMaxLength = 500;
    public const int NoteMaxLength = 1000;
    public const int UserIdMaxLength = 450;

    // Not readonly: the database layer materialises these lists as whole values (JSON columns).
    private List<WarrantyReasonRecord> _warrantyReasons = [];
    private List<QuoteLine> _quoteLines = [];
    private List<RepeatCall> _repeatCalls = [];

    private Ticket()
    {
        Number = "";
        FaultDescription = "";
        CreatedBy = "";
    }

    public long Id { get; private set; }

    /// <summary>The number staff and customers quote; assigned by the caller when the ticket is created.</summary>
    public string Number { get; private set; }

    public long CustomerId { get; private set; }

    public long? UnitId { get; private set; }

    public long? ProductModelId { get; private set; }

    /// <summary>For a complaint: the repair ticket it is about.</summary>
    public long? RelatedTicketId { get; private set; }

    public ContactChannel Channel { get; private set; }

    public TicketKind Kind { get; private set; }

    public Urgency Urgency { get; private set; }

    public ServiceMode ServiceMode { get; private set; }

    public string FaultDescription { get; private set; }

    public string? PreferredTime { get; private set; }

    public decimal? EstimatedAmount { get; private set; }

    public TicketStatus Status { get; private set; }

    public WarrantyStatus WarrantyStatus { get; private set; }

    /// <summary>The last day covered by the unit's warranty (see <see cref="WarrantyDecision.ExpiresOn"/>).</summary>
    public DateOnly? WarrantyExpiresOn { get; private set; }

    public DateOnly WarrantyDecidedOn { get; private set; }

    public IReadOnlyCollection<WarrantyReasonRecord> WarrantyReasons => _warrantyReasons;

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>The answer to a consultation.</summary>
    public string? Resolution { get; private set; }

    public string? ResolvedBy { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>The lines of the current quote (empty when none was recorded).</summary>
    public IReadOnlyCollection<QuoteLine> QuoteLines => _quoteLines;

    public decimal? QuoteTotal { get; private set; }

    public DateTimeOffset? QuotedAt { get; private set; }

    public string? QuotedBy { get; private set; }

    /// <summary>The customer's answer to the current quote; cleared when a new quote is recorded.</summary>
    public Consent? Consent { get; private set; }

    /// <summary>The user id of the technician who holds the ticket.</summary>
    public string? AssignedTechnicianId { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the ticket became final: closed, declined or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>How many times the customer called again about this ticket while it was open (催修).</summary>
    public int RepeatCallCount { get; private set; }

    /// <summary>The repeat calls, oldest first.</summary>
    public IReadOnlyCollection<RepeatCall> RepeatCalls => _repeatCalls;

    /// <summary>Still waiting for the service the customer asked for: not final and not yet completed.</summary>
    public bool IsOpen => !IsFinal && Status != TicketStatus.Completed;

    public bool HasAcceptedConsent => Consent is { Accepted: true } && _quoteLines.Count > 0;

    public bool IsFinal => TicketTransitions.IsFinal(Status);

    /// <summary>
    /// What the customer pays: nothing in warranty (whatever quote exists), otherwise the total of the quote
    /// the customer accepted (nothing until they accept one).
    /// </summary>
    public decimal ChargeToCustomer =>
        WarrantyStatus == WarrantyStatus.InWarranty || !HasAcceptedConsent ? 0m : QuoteTotal ?? 0m;

    /// <summary>Set once from the intake form: a second submit of the same form finds this ticket instead of making another.</summary>
    public Guid? IntakeKey { get; private set; }

    public static Ticket Create(string number, TicketIntake intake, WarrantyDecision warranty, DateTimeOffset createdAt, string createdBy, Guid? intakeKey = null)
    {
        if (intake.CustomerId <= 0)
        {
            throw new DomainException("ticket.customer_required", "A ticket needs a customer.");
        }

        if (intake.EstimatedAmount < 0)
        {
            throw new DomainException("ticket.estimate_negative", "The estimated amount cannot be negative.", intake.EstimatedAmount.Value);
        }

        var ticket = new Ticket
        {
            Number = Guard.Required(number, NumberMaxLength, "ticket.number"),
            CustomerId = intake.CustomerId,
            UnitId = intake.UnitId,
            ProductModelId = intake.ProductModelId,
            RelatedTicketId = intake.RelatedTicketId,
            Channel = Defined(intake.Channel, "ticket.channel"),
            Kind = Defined(intake.Kind, "ticket.kind"),
            Urgency = Defined(intake.Urgency, "ticket.urgency"),
            ServiceMode = Defined(intake.ServiceMode, "ticket.service_mode"),
            FaultDescription = Guard.Required(intake.FaultDescription, FaultDescriptionMaxLength, "ticket.fault_description"),
            PreferredTime = Guard.Optional(intake.PreferredTime, PreferredTimeMaxLength),
            EstimatedAmount = intake.EstimatedAmount is { } estimate ? Money.Round(estimate) : null,
            Status = TicketStatus.New,
            CreatedAt = createdAt.ToUniversalTime(),
            CreatedBy = Guard.Required(createdBy, UserIdMaxLength, "ticket.created_by"),
            IntakeKey = intakeKey,
        };
        ticket.ApplyWarranty(warranty);
        return ticket;
    }

    /// <summary>From the second repeat call on, each repeat call raises the urgency one level.</summary>
    public const int RepeatCallsBeforeEscalation = 1;

    /// <summary>
    /// The customer called again about this open ticket (催修) instead of a new ticket being opened: the call is
    /// kept and counted. The second repeat call (the third call about the problem) raises the urgency one
    /// level, and so does each one after it, up to <see cref="Urgency.Emergency"/>; urgency is never lowered.
    /// A call from an intake form already counted (same <paramref name="intakeKey"/>) changes nothing.
    /// Returns false when nothing changed.
    /// </summary>
    public bool RecordRepeatCall(DateTimeOffset at, string by, string? note, Guid? intakeKey = null)
    {
        if (!IsOpen)
        {
            throw new DomainException("ticket.repeat_call_not_open", $"The ticket is {Status}: a repeat call is recorded only on an open ticket.", Status);
        }

        if (intakeKey is { } key && key != Guid.Empty && _repeatCalls.Exists(c => c.IntakeKey == key))
        {
            return false;
        }

        var call = new RepeatCall(
            at.ToUniversalTime(),
            Guard.Required(by, UserIdMaxLength, "ticket.repeat_call_by"),
            Guard.Optional(note, NoteMaxLength),
            intakeKey is { } k && k != Guid.Empty ? k : null);

        // A new list: the JSON column is compared as a whole value.
        _repeatCalls = [.. _repeatCalls, call];
        RepeatCallCount++;
        if (RepeatCallCount > RepeatCallsBeforeEscalation && Urgency < Urgency.Emergency)
        {
            Urgency++;
        }

        return true;
    }

    public bool CanMoveTo(TicketStatus to) => TicketTransitions.IsAllowed(Status, to);

    /// <summary>A consultation is answered and closed at once (New → Closed).</summary>
    public void CloseWithAnswer(string answer, DateTimeOffset at, string by)
    {
        EnsureCanMoveTo(TicketStatus.Closed);
        if (Kind != TicketKind.Consultation)
        {
            throw new DomainException("ticket.not_consultation", "Only a consultation is closed with an answer.", Kind);
        }

        if (Status != TicketStatus.New)
        {
            throw IllegalTransition(TicketStatus.Closed);
        }

        var resolution = Guard.Required(answer, AnswerMaxLength, "ticket.answer");
        ResolvedBy = Guard.Required(by, UserIdMaxLength, "ticket.resolved_by");
        Resolution = resolution;
        ClosedAt = at.ToUniversalTime();
        Status = TicketStatus.Closed;
    }

    /// <summary>
    /// The customer's unit was exchanged (an approved exchange request, carried out): the ticket is closed
    /// with the exchange as its resolution — from New (nothing was repaired) or after a completed visit.
    /// </summary>
    public void CloseByExchange(string resolution, DateTimeOffset at, string by)
    {
        if (Status is not (TicketStatus.New or TicketStatus.Completed))
        {
            throw IllegalTransition(TicketStatus.Closed);
        }

        if (WarrantyStatus != WarrantyStatus.InWarranty)
        {
            throw new DomainException("ticket.exchange_out_of_warranty", "Only a unit in warranty is exchanged.");
        }

        Resolution = Guard.Required(resolution, AnswerMaxLength, "ticket.resolution");
        ResolvedBy = Guard.Required(by, UserIdMaxLength, "ticket.resolved_by");
        ClosedAt = at.ToUniversalTime();
        Status = TicketStatus.Closed;
    }

    /// <summary>An out-of-warranty (or undetermined) repair waits for a quote (New → AwaitingQuote).</summary>
    public void RequestQuote()
    {
        EnsureCanMoveTo(TicketStatus.AwaitingQuote);
        if (Status != TicketStatus.New)
        {
            throw IllegalTransition(TicketStatus.AwaitingQuote);
        }

        EnsureChargeable();
        Status = TicketStatus.AwaitingQuote;
    }

    /// <summary>
    /// Records (or revises) the quote; any earlier consent is cleared, the customer answers again.
    /// A ticket held by a technician stays Assigned (quoted on site); otherwise it becomes Quoted.
    /// </summary>
    public void RecordQuote(Quote quote, DateTimeOffset at, string by)
    {
        var to = Status == TicketStatus.Assigned ? TicketStatus.Assigned : TicketStatus.Quoted;
        EnsureCanMoveTo(to);
        EnsureChargeable();
        QuotedBy = Guard.Required(by, UserIdMaxLength, "ticket.quoted_by");
        _quoteLines.Clear();
        _quoteLines.AddRange(quote.Lines);
        QuoteTotal = quote.Total;
        QuotedAt = at.ToUniversalTime();
        Consent = null;
        Status = to;
    }

    /// <summary>
    /// Records the customer's answer to the current quote. Accepted: Quoted → Consented (a ticket held by a
    /// technician stays Assigned). Declined: the ticket ends as Declined.
    /// </summary>
    public void RecordConsent(ConsentMethod method, bool accepted, string recordedBy, DateTimeOffset at, string? note = null)
    {
        if (!Enum.IsDefined(method))
        {
            throw new DomainException("consent.method_invalid", "Choose how the customer answered.");
        }

        var to = !accepted ? TicketStatus.Declined
            : Status == TicketStatus.Assigned ? TicketStatus.Assigned
            : TicketStatus.Consented;
        EnsureCanMoveTo(to);
        if (QuoteTotal is not { } total)
        {
            throw new DomainException("ticket.quote_required", "Record a quote before the customer's answer to it.");
        }

        var when = at.ToUniversalTime();
        Consent = new Consent(
            Defined(method, "ticket.consent_method"),
            accepted,
            Guard.Required(recordedBy, UserIdMaxLength, "ticket.consent_recorded_by"),
            when,
            Guard.Optional(note, NoteMaxLength),
            total);
        if (!accepted)
        {
            ClosedAt = when;
        }

        Status = to;
    }

    /// <summary>Gives the ticket to a technician (or to another one while it is Assigned).</summary>
    public void Assign(string technicianId, DateTimeOffset at)
    {
        EnsureCanMoveTo(TicketStatus.Assigned);
        AssignedTechnicianId = Guard.Required(technicianId, UserIdMaxLength, "ticket.technician");
        AssignedAt = at.ToUniversalTime();
        Status = TicketStatus.Assigned;
    }

    /// <summary>Assigned → InProgress; refused while the customer has not accepted a quote for a chargeable repair.</summary>
    public void StartWork(DateTimeOffset at)
    {
        EnsureCanMoveTo(TicketStatus.InProgress);
        if (WarrantyStatus != WarrantyStatus.InWarranty && !HasAcceptedConsent)
        {
            throw new DomainException(
                "ticket.consent_required",
                "This repair is not in warranty: work starts only after the customer accepts the quote.",
                WarrantyStatus);
        }

        StartedAt = at.ToUniversalTime();
        Status = TicketStatus.InProgress;
    }

    /// <summary>
    /// Makes sure the ticket is in progress before parts, hours or a result are recorded on its work order. A ticket
    /// that went back for a quote (human damage found) and was since accepted, or is now in warranty again, is handed
    /// back to the work order's technician first. Already in progress: nothing changes. Out of warranty without an
    /// accepted quote the consent gate refuses (<c>ticket.consent_required</c>); a completed or final ticket refuses
    /// with <c>ticket.illegal_transition</c>.
    /// </summary>
    public void EnsureWorkStarted(string technicianId, DateTimeOffset at)
    {
        if (Status == TicketStatus.InProgress)
        {
            return;
        }

        if (Status != TicketStatus.Assigned && CanMoveTo(TicketStatus.Assigned))
        {
            Assign(technicianId, at);
        }

        StartWork(at);
    }

    public void Complete(DateTimeOffset at)
    {
        EnsureCanMoveTo(TicketStatus.Completed);
        CompletedAt = at.ToUniversalTime();
        Status = TicketStatus.Completed;
    }

    /// <summary>Completed → Closed. A new consultation is closed with <see cref="CloseWithAnswer"/> instead.</summary>
    public void Close(DateTimeOffset at)
    {
        EnsureCanMoveTo(TicketStatus.Closed);
        if (Status != TicketStatus.Completed)
        {
            throw new DomainException("ticket.answer_required", "A ticket that was not worked on is closed with an answer (consultations only) or cancelled.");
        }

        ClosedAt = at.ToUniversalTime();
        Status = TicketStatus.Closed;
    }

    /// <summary>
    /// The desk or dispatch sets how soon the customer needs help, up or down, with a written reason (kept in the
    /// ticket's timeline). Only while the ticket is open: a completed or final ticket keeps the urgency it was served with.
    /// </summary>
    /// <returns>The change as made (from, to, trimmed reason), for the timeline.</returns>
    /// <exception cref="DomainException"><c>ticket.urgency_not_open</c>, <c>ticket.urgency_unchanged</c>, <c>field.invalid</c>, <c>field.required</c>/<c>field.too_long</c> for the reason.</exception>
    public UrgencyChange ChangeUrgency(Urgency to, string? reason)
    {
        var target = Defined(to, "ticket.urgency");
        if (!IsOpen)
        {
            throw new DomainException("ticket.urgency_not_open", $"The ticket is {Status}: its urgency no longer changes.", Status);
        }

        if (target == Urgency)
        {
            throw new DomainException("ticket.urgency_unchanged", $"The ticket is already {Urgency}.", Urgency);
        }

        var why = Guard.Required(reason, ReasonMaxLength, "ticket.urgency_reason");
        var change = new UrgencyChange(Urgency, target, why);
        Urgency = target;
        return change;
    }

    /// <summary>Cancels an open ticket (anything before Completed) with a reason.</summary>
    public void Cancel(string reason, DateTimeOffset at)
    {
        EnsureCanMoveTo(TicketStatus.Cancelled);
        CancellationReason = Guard.Required(reason, ReasonMaxLength, "ticket.cancellation_reason");
        ClosedAt = at.ToUniversalTime();
        Status = TicketStatus.Cancelled;
    }

    /// <summary>
    /// Replaces the warranty decision (new facts such as human damage found on site, proof shown later, or a
    /// supervisor override). Now in warranty: a ticket still waiting on a quote or consent goes back to New,
    /// ready to dispatch, and the customer is charged nothing. Now chargeable without an accepted quote: work in
    /// progress stops and the ticket goes back to AwaitingQuote. Refused once the ticket is final.
    /// Human damage voids the cover of this repair, not the unit's warranty period: when the new decision is for
    /// human damage, the expiry already on record stays (the decision found on site may know no date, e.g. a unit
    /// without a model or purchase date); it is taken from the decision only when none was known.
    /// </summary>
    public void RedecideWarranty(WarrantyDecision decision)
    {
        if (IsFinal)
        {
            throw new DomainException("ticket.final", $"The ticket is {Status}; its warranty decision can no longer change.", Status);
        }

        var expiryOnRecord = WarrantyExpiresOn;
        ApplyWarranty(decision);
        if (expiryOnRecord is not null && decision.Reasons.Any(r => r.Code == WarrantyCodes.HumanDamage))
        {
            WarrantyExpiresOn = expiryOnRecord;
        }

        if (WarrantyStatus == WarrantyStatus.InWarranty
            && Status is TicketStatus.AwaitingQuote or TicketStatus.Quoted or TicketStatus.Consented)
        {
            Status = TicketStatus.New;
        }
        else if (WarrantyStatus != WarrantyStatus.InWarranty && !HasAcceptedConsent && Status == TicketStatus.InProgress)
        {
            Status = TicketStatus.AwaitingQuote;
        }
    }

    private void ApplyWarranty(WarrantyDecision decision)
    {
        WarrantyStatus = decision.Status;
        WarrantyExpiresOn = decision.ExpiresOn;
        WarrantyDecidedOn = decision.DecidedOn;
        _warrantyReasons.Clear();
        _warrantyReasons.AddRange(decision.Reasons.Select(WarrantyReasonRecord.From));
    }

    private void EnsureChargeable()
    {
        if (WarrantyStatus == WarrantyStatus.InWarranty)
        {
            throw new DomainException("ticket.in_warranty_no_charge", "This repair is in warranty: the customer is not charged, so there is nothing to quote.");
        }
    }

    private void EnsureCanMoveTo(TicketStatus to)
    {
        if (!CanMoveTo(to))
        {
            throw IllegalTransition(to);
        }
    }

    private DomainException IllegalTransition(TicketStatus to) =>
        new("ticket.illegal_transition", $"A ticket cannot move from {Status} to {to}.", Status, to);

    private static T Defined<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new DomainException("field.invalid", $"{field} has an unknown value '{value}'.", field);
}
