using System.Linq.Expressions;

namespace AfterSales.Domain.Discipline;

public enum RecordStatus
{
    Proposed,
    Approved,
    Rejected,
    Appealed,
    Upheld,
    Overturned,
}

/// <summary>What a record points at as evidence: a ticket, a work order or a follow-up call.</summary>
public sealed record EvidenceLink(string Kind, long Id, string Label);

/// <summary>
/// One reward or penalty for one employee: proposed (by a person or by the system from an event), then
/// approved or rejected by someone else (the proposer never decides), then possibly appealed once by the
/// employee and decided by a manager. An approved record is never edited; a correction is a new record
/// that reverses it. The rule is copied as applied.
/// </summary>
public sealed class DisciplineRecord
{
    public const string SystemProposer = "system";

    private List<EvidenceLink> _links = [];

    private DisciplineRecord()
    {
        EmployeeId = "";
        Article = "";
        RuleText = "";
        Evidence = "";
        ProposedBy = "";
    }

    public long Id { get; private set; }

    public string EmployeeId { get; private set; }

    public long RuleId { get; private set; }

    public string Article { get; private set; }

    public string RuleText { get; private set; }

    public RuleKind Kind { get; private set; }

    public DisciplineLevel? Level { get; private set; }

    public int Points { get; private set; }

    public decimal CashAmount { get; private set; }

    public DateOnly FactDate { get; private set; }

    public string Evidence { get; private set; }

    public IReadOnlyList<EvidenceLink> Links => _links;

    public string ProposedBy { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    /// <summary>For automatic proposals: the event that caused it (one proposal per event).</summary>
    public string? SourceKey { get; private set; }

    public RecordStatus Status { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public string? AppealReason { get; private set; }

    public DateTimeOffset? AppealedAt { get; private set; }

    public string? AppealDecidedBy { get; private set; }

    public string? AppealDecisionNote { get; private set; }

    public long? ReversesRecordId { get; private set; }

    public uint Version { get; private set; }

    /// <summary>Counts on the ladder and in the tallies: approved, or upheld on appeal.</summary>
    public bool Counts => RecordPredicates.Counts(this);

    /// <summary>
    /// The records waiting for <paramref name="userId"/> to decide: proposals neither proposed by them nor about
    /// them, and appeals not their own. The same rule <see cref="Approve"/>, <see cref="Reject"/> and
    /// <see cref="DecideAppeal"/> enforce, as an expression a query can filter by.
    /// </summary>
    public static Expression<Func<DisciplineRecord, bool>> AwaitingDecisionBy(string userId) =>
        r => (r.Status == RecordStatus.Proposed && r.ProposedBy != userId && r.EmployeeId != userId)
             || (r.Status == RecordStatus.Appealed && r.EmployeeId != userId);

    /// <summary>Whether <paramref name="userId"/> may approve or reject this proposal (never their own, never about themselves).</summary>
    public bool MayBeDecidedBy(string userId) => Status == RecordStatus.Proposed && userId != ProposedBy && userId != EmployeeId;

    /// <summary>Whether <paramref name="userId"/> may decide the open appeal on this record (never their own).</summary>
    public bool MayAppealBeDecidedBy(string userId) => Status == RecordStatus.Appealed && userId != EmployeeId;

    /// <param name="employeeAudiences">Who the employee is for the regulations (<see cref="RuleAudiences.Of"/>): a rule
    /// outside them is refused (the daily scan passes them too, after <see cref="ProposalTriggers.ForAudience"/>). Null only
    /// where no person is known yet to check against.</param>
    public static DisciplineRecord Propose(string employeeId, DisciplineRule rule, DateOnly factDate, string evidence, IEnumerable<EvidenceLink> links, string proposedBy, DateTimeOffset at, string? sourceKey = null, decimal? cashAmount = null, IReadOnlySet<RuleAudience>? employeeAudiences = null)
    {
        if (!rule.Active)
        {
            throw new DomainException("record.rule_inactive", "This rule is no longer in use.");
        }

        if (employeeAudiences is not null && !RuleAudiences.AppliesTo(rule, employeeAudiences))
        {
            throw new DomainException(
                "record.rule_audience",
                $"Article {rule.Article} does not apply to this employee: Part 3 applies to service advisors (the desk), Part 5 to the service centre's parts sales and repair staff.",
                rule.Article);
        }

        return new DisciplineRecord
        {
            EmployeeId = Guard.Required(employeeId, 450, "record.employee"),
            RuleId = rule.Id,
            Article = rule.Article,
            RuleText = rule.TextZh,
            Kind = rule.Kind,
            Level = rule.Level,
            Points = rule.Points,
            CashAmount = cashAmount ?? rule.CashAmount,
            FactDate = factDate,
            Evidence = Guard.Required(evidence, 2000, "record.evidence"),
            _links = [.. links],
            ProposedBy = Guard.Required(proposedBy, 256, "record.proposed_by"),
            ProposedAt = at.ToUniversalTime(),
            SourceKey = Guard.Optional(sourceKey, 200),
            Status = RecordStatus.Proposed,
        };
    }

    /// <summary>A correction of an approved record: the same rule and amounts, marked as reversing it; it is proposed and decided like any record.</summary>
    /// <param name="alreadyReversed">A live reversal of this record exists (<see cref="RecordPredicates.LiveReversal"/>): a record is reversed once.</param>
    public DisciplineRecord Reverse(string reason, string proposedBy, DateTimeOffset at, DateOnly today, bool alreadyReversed = false)
    {
        if (alreadyReversed)
        {
            throw new DomainException("record.already_reversed", "A reversal of this record is already proposed or approved.");
        }

        if (!Counts)
        {
            throw new DomainException("record.reverse_not_counting", "Only an approved record is corrected by reversing it.");
        }

        if (ReversesRecordId is not null)
        {
            throw new DomainException("record.reverse_reversal", "A reversal is not reversed again; propose a new record instead.");
        }

        return new DisciplineRecord
        {
            EmployeeId = EmployeeId,
            RuleId = RuleId,
            Article = Article,
            RuleText = RuleText,
            Kind = Kind,
            Level = Level,
            Points = -Points,
            CashAmount = -CashAmount,
            FactDate = today,
            Evidence = Guard.Required(reason, 2000, "record.evidence"),
            _links = [.. _links],
            ProposedBy = Guard.Required(proposedBy, 256, "record.proposed_by"),
            ProposedAt = at.ToUniversalTime(),
            Status = RecordStatus.Proposed,
            ReversesRecordId = Id,
        };
    }

    public void Approve(string by, DateTimeOffset at, string? note = null) => Decide(RecordStatus.Approved, by, at, note);

    public void Reject(string by, DateTimeOffset at, string note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("record.reject_reason", "Say why the proposal is rejected.");
        }

        Decide(RecordStatus.Rejected, by, at, note);
    }

    /// <summary>The employee disputes an approved record, once, with a reason.</summary>
    /// <param name="reversed">A counting reversing record already annuls this one: there is nothing left to appeal
    /// (overturning it as well would give the employee the amount back twice).</param>
    public void Appeal(string employeeId, string reason, DateTimeOffset at, bool reversed = false)
    {
        if (employeeId != EmployeeId)
        {
            throw new DomainException("record.appeal_not_own", "Only the employee concerned can appeal.");
        }

        if (reversed)
        {
            throw new DomainException("record.appeal_reversed", "This record has been reversed already; there is nothing left to appeal.");
        }

        if (Status != RecordStatus.Approved || AppealedAt is not null)
        {
            throw new DomainException("record.appeal_not_allowed", "Only an approved record can be appealed, and only once.");
        }

        AppealReason = Guard.Required(reason, 2000, "record.appeal_reason");
        AppealedAt = at.ToUniversalTime();
        Status = RecordStatus.Appealed;
    }

    public void DecideAppeal(bool upheld, string by, DateTimeOffset at, string note)
    {
        if (Status != RecordStatus.Appealed)
        {
            throw new DomainException("record.no_appeal", "There is no open appeal on this record.");
        }

        if (by == EmployeeId)
        {
            throw new DomainException("record.own_appeal", "Nobody decides their own appeal.");
        }

        AppealDecidedBy = Guard.Required(by, 256, "record.decided_by");
        AppealDecisionNote = Guard.Required(note, 2000, "record.appeal_decision");
        Status = upheld ? RecordStatus.Upheld : RecordStatus.Overturned;
    }

    /// <summary>The record on the ladder (counting records only).</summary>
    public LadderRecord? ToLadder() => Counts && Level is { } level ? new LadderRecord(Id, FactDate, level, ReversesRecordId) : null;

    private void Decide(RecordStatus outcome, string by, DateTimeOffset at, string? note)
    {
        if (Status != RecordStatus.Proposed)
        {
            throw new DomainException("record.not_proposed", "Only a proposed record is approved or rejected.");
        }

        if (by == ProposedBy)
        {
            throw new DomainException("record.segregation", "Whoever proposed a record cannot decide it.");
        }

        if (by == EmployeeId)
        {
            throw new DomainException("record.own_record", "Nobody decides a record about themselves.");
        }

        DecidedBy = Guard.Required(by, 256, "record.decided_by");
        DecidedAt = at.ToUniversalTime();
        DecisionNote = Guard.Optional(note, 2000);
        Status = outcome;
    }
}
