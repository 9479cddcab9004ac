using AfterSales.Domain.Tickets;

namespace AfterSales.Domain.Complaints;

/// <summary>Where a complaint came from (来人、来电、来函 at the desk, a poor follow-up call, a technician, a regional service manager).</summary>
public enum ComplaintSource
{
    Intake,
    FollowUp,
    Technician,
    RegionalManager,
}

/// <summary>The handling steps of Part 13: record → quality informed → solution proposed → agreed with the customer (or someone sent) → resolved.</summary>
public enum ComplaintStage
{
    Recorded,
    QualityInformed,
    SolutionProposed,
    Agreed,
    Resolved,
}

/// <summary>The daily sorting of complaints (the regulations' four classes).</summary>
public enum QualityClass
{
    NewProblem,
    RecurringProblem,
    BatchProblem,
    Suggestion,
}

/// <summary>
/// One entry of the complaint ledger (来人、来电、来函登记台账), whatever its source: the customer, the unit,
/// the repair it is about, what the customer wants, who handles it, and how far handling has got. A
/// complaint the handler cannot resolve within the configured time must be reported up; not doing so is
/// penalised (Part 14 §4). Quality sorts each complaint into a class, starting from the system's proposal.
/// </summary>
public sealed class Complaint
{
    public const int TextMaxLength = 2000;

    private Complaint()
    {
        Summary = "";
        HandlerId = "";
        RecordedBy = "";
    }

    public long Id { get; private set; }

    /// <summary>The complaint ticket (kind Complaint) this ledger entry belongs to.</summary>
    public long TicketId { get; private set; }

    public ComplaintSource Source { get; private set; }

    public ContactChannel Channel { get; private set; }

    public long CustomerId { get; private set; }

    public long? UnitId { get; private set; }

    public long? ProductModelId { get; private set; }

    /// <summary>The repair ticket the complaint is about, when there is one.</summary>
    public long? RelatedTicketId { get; private set; }

    /// <summary>A short fault category ("不制冷", "漏水"…) used to spot recurring and batch problems.</summary>
    public string? FaultCategory { get; private set; }

    public string Summary { get; private set; }

    public string? CustomerWants { get; private set; }

    public string HandlerId { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public ComplaintStage Stage { get; private set; }

    public DateTimeOffset? QualityInformedAt { get; private set; }

    public string? Solution { get; private set; }

    public bool PersonSent { get; private set; }

    public string? Result { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ReportedUpAt { get; private set; }

    public string? ReportedUpTo { get; private set; }

    public QualityClass? ProposedClass { get; private set; }

    public string? ProposalEvidence { get; private set; }

    public QualityClass? Class { get; private set; }

    public string? ClassifiedBy { get; private set; }

    public DateTimeOffset? ClassifiedAt { get; private set; }

    public long? QualityReportId { get; private set; }

    public uint Version { get; private set; }

    public static Complaint Record(long ticketId, ComplaintSource source, ContactChannel channel, long customerId, long? unitId, long? productModelId, long? relatedTicketId, string? faultCategory, string summary, string? customerWants, string handlerId, string recordedBy, DateTimeOffset at) => new()
    {
        TicketId = ticketId,
        Source = Enum.IsDefined(source) ? source : throw new DomainException("complaint.source", "Unknown source."),
        Channel = Enum.IsDefined(channel) ? channel : throw new DomainException("complaint.channel", "Unknown channel."),
        CustomerId = customerId > 0 ? customerId : throw new DomainException("complaint.customer_required", "A complaint needs a customer."),
        UnitId = unitId,
        ProductModelId = productModelId,
        RelatedTicketId = relatedTicketId,
        FaultCategory = Guard.Optional(faultCategory, 50),
        Summary = Guard.Required(summary, TextMaxLength, "complaint.summary"),
        CustomerWants = Guard.Optional(customerWants, TextMaxLength),
        HandlerId = Guard.Required(handlerId, 450, "complaint.handler"),
        RecordedBy = Guard.Required(recordedBy, 450, "complaint.recorded_by"),
        RecordedAt = at.ToUniversalTime(),
        Stage = ComplaintStage.Recorded,
    };

    public void InformQuality(DateTimeOffset at)
    {
        Advance(ComplaintStage.Recorded, ComplaintStage.QualityInformed);
        QualityInformedAt = at.ToUniversalTime();
    }

    public void ProposeSolution(string solution)
    {
        Expect(ComplaintStage.QualityInformed, ComplaintStage.SolutionProposed);
        Solution = Guard.Required(solution, TextMaxLength, "complaint.solution");
        Stage = ComplaintStage.SolutionProposed;
    }

    /// <summary>The customer agreed to the solution, or someone was sent to them.</summary>
    public void Agree(bool personSent)
    {
        Advance(ComplaintStage.SolutionProposed, ComplaintStage.Agreed);
        PersonSent = personSent;
    }

    /// <summary>The result and the agreement, kept.</summary>
    public void Resolve(string result, DateTimeOffset at)
    {
        Expect(ComplaintStage.Agreed);
        Result = Guard.Required(result, TextMaxLength, "complaint.result");
        ResolvedAt = at.ToUniversalTime();
        Stage = ComplaintStage.Resolved;
    }

    public void ReportUp(string to, DateTimeOffset at)
    {
        if (Stage == ComplaintStage.Resolved)
        {
            throw new DomainException("complaint.resolved", "A resolved complaint needs no reporting up.");
        }

        ReportedUpTo = Guard.Required(to, 450, "complaint.reported_to");
        ReportedUpAt ??= at.ToUniversalTime();
    }

    /// <summary>Unresolved past the allowed time and never reported up: the handler should have escalated.</summary>
    public bool ShouldHaveBeenReported(DateTimeOffset now, TimeSpan allowed) =>
        Stage != ComplaintStage.Resolved && ReportedUpAt is null && now - RecordedAt > allowed;

    /// <param name="evidence">The evidence as it is kept (the application stores a coded message, translated when shown).</param>
    public void SetProposal(QualityClass proposedClass, string evidence)
    {
        ProposedClass = proposedClass;
        // The evidence is written by the system: shorten it rather than refuse the proposal.
        evidence = evidence.Trim();
        ProposalEvidence = evidence.Length == 0 ? null : evidence.Length > TextMaxLength ? evidence[..(TextMaxLength - 1)] + "…" : evidence;
    }

    /// <summary>The quality specialist confirms the proposed class or chooses another.</summary>
    public void Classify(QualityClass qualityClass, string by, DateTimeOffset at)
    {
        Class = Enum.IsDefined(qualityClass) ? qualityClass : throw new DomainException("complaint.class", "Choose a class.");
        ClassifiedBy = Guard.Required(by, 450, "complaint.classified_by");
        ClassifiedAt = at.ToUniversalTime();
    }

    public void LinkReport(long qualityReportId) => QualityReportId = qualityReportId;

    private void Advance(ComplaintStage from, ComplaintStage to)
    {
        Expect(from);
        Stage = to;
    }

    private void Expect(params ComplaintStage[] allowed)
    {
        if (!allowed.Contains(Stage))
        {
            throw new DomainException("complaint.illegal_step", $"A complaint at stage {Stage} cannot take this step.", Stage);
        }
    }
}
