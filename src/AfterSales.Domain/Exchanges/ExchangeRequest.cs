using AfterSales.Domain.Warranty;

namespace AfterSales.Domain.Exchanges;

/// <summary>The approval chain of Part 4 §1.4 / Part 14 §8: regional head signs, the office verifies, the general manager approves.</summary>
public enum ExchangeStep
{
    RegionalHead,
    OfficeVerification,
    GeneralManager,
}

public enum ExchangeStatus
{
    Pending,
    Returned,
    Rejected,
    Approved,
    Completed,
}

public enum StepOutcome
{
    Approved,
    Returned,
    Rejected,
}

/// <summary>How a replacement unit's warranty runs (a company rule): a new full period, or what was left of the old one.</summary>
public enum ExchangeWarrantyPolicy
{
    NewPeriod,
    RemainingPeriod,
}

public sealed record ExchangeDecision(ExchangeStep Step, StepOutcome Outcome, string By, string Comment, DateTimeOffset At);

/// <summary>
/// An exchange request (换货申请单): only for a quality problem inside warranty; the requester gives the
/// reason and evidence; three people sign in order, each approving, returning (for more information) or
/// rejecting with a comment, each step due within its time. Nobody signs their own request. On approval
/// the exchange is carried out and entered in the ledger: the old unit returned, the new unit's serial,
/// who handled it.
/// </summary>
public sealed class ExchangeRequest
{
    public const int TextMaxLength = 2000;

    private List<ExchangeDecision> _decisions = [];

    private ExchangeRequest()
    {
        Reason = "";
        RequestedBy = "";
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    public long OldUnitId { get; private set; }

    public string Reason { get; private set; }

    public string? Evidence { get; private set; }

    public string RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public ExchangeStatus Status { get; private set; }

    /// <summary>The step waiting for a signature while pending.</summary>
    public ExchangeStep CurrentStep { get; private set; }

    /// <summary>When the current step fell due (each step has its own time).</summary>
    public DateTimeOffset StepDueAt { get; private set; }

    public IReadOnlyList<ExchangeDecision> Decisions => _decisions;

    public string? NewSerialNumber { get; private set; }

    public long? NewUnitId { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public uint Version { get; private set; }

    public static ExchangeRequest Request(long ticketId, long oldUnitId, WarrantyStatus warranty, string reason, string? evidence, string requestedBy, DateTimeOffset at, TimeSpan stepTime)
    {
        if (warranty != WarrantyStatus.InWarranty)
        {
            throw new DomainException("exchange.out_of_warranty", "Out of warranty there is no exchange: the customer pays for a repair instead (Part 4 §1.1.1.3).");
        }

        return new ExchangeRequest
        {
            TicketId = ticketId,
            OldUnitId = oldUnitId,
            Reason = Guard.Required(reason, TextMaxLength, "exchange.reason"),
            Evidence = Guard.Optional(evidence, TextMaxLength),
            RequestedBy = Guard.Required(requestedBy, 450, "exchange.requested_by"),
            RequestedAt = at.ToUniversalTime(),
            Status = ExchangeStatus.Pending,
            CurrentStep = ExchangeStep.RegionalHead,
            StepDueAt = at.ToUniversalTime() + stepTime,
        };
    }

    public bool IsStepOverdue(DateTimeOffset now) => Status == ExchangeStatus.Pending && now > StepDueAt;

    /// <summary>
    /// The refusal of a person who does not hold <paramref name="step"/> (Part 14 art. 8: the regional head signs, the
    /// office verifies, the general manager approves — each step is signed by its own holder). Who holds a step is the
    /// web's access rules; the domain says what is refused.
    /// </summary>
    public static DomainException WrongSigner(ExchangeStep step) =>
        new("exchange.wrong_signer", "This step is signed by someone else.", step);

    /// <summary>The signer of the current step decides; <paramref name="stepTime"/> is the time allowed for the next step.</summary>
    public void Decide(ExchangeStep step, StepOutcome outcome, string by, string comment, DateTimeOffset at, TimeSpan stepTime)
    {
        if (Status != ExchangeStatus.Pending)
        {
            throw new DomainException("exchange.not_pending", "This request is not waiting for a signature.");
        }

        if (step != CurrentStep)
        {
            throw new DomainException("exchange.wrong_step", $"The request waits for the {CurrentStep} step.", CurrentStep);
        }

        if (by == RequestedBy)
        {
            throw new DomainException("exchange.own_request", "Nobody signs their own exchange request.");
        }

        if (_decisions.Any(d => d.By == by && d.Outcome == StepOutcome.Approved))
        {
            throw new DomainException("exchange.signed_twice", "One person signs one step of a request.");
        }

        var decision = new ExchangeDecision(step, Enum.IsDefined(outcome) ? outcome : throw new DomainException("exchange.outcome", "Approve, return or reject."),
            Guard.Required(by, 450, "exchange.by"), Guard.Required(comment, TextMaxLength, "exchange.comment"), at.ToUniversalTime());
        _decisions = [.. _decisions, decision];
        switch (outcome)
        {
            case StepOutcome.Rejected:
                Status = ExchangeStatus.Rejected;
                break;
            case StepOutcome.Returned:
                Status = ExchangeStatus.Returned;
                break;
            case StepOutcome.Approved when step == ExchangeStep.GeneralManager:
                Status = ExchangeStatus.Approved;
                break;
            default:
                CurrentStep = step + 1;
                StepDueAt = at.ToUniversalTime() + stepTime;
                break;
        }
    }

    /// <summary>A returned request, completed with what was asked, goes back to the step that returned it.</summary>
    public void Resubmit(string by, string? evidence, DateTimeOffset at, TimeSpan stepTime)
    {
        if (Status != ExchangeStatus.Returned)
        {
            throw new DomainException("exchange.not_returned", "Only a returned request is resubmitted.");
        }

        if (by != RequestedBy)
        {
            throw new DomainException("exchange.not_requester", "The requester resubmits the request.");
        }

        Evidence = Guard.Optional(evidence, TextMaxLength) ?? Evidence;
        Status = ExchangeStatus.Pending;
        StepDueAt = at.ToUniversalTime() + stepTime;
    }

    /// <summary>The exchange carried out: the old unit comes back, the new one goes out with its serial; entered in the ledger.</summary>
    public void Complete(long newUnitId, string newSerialNumber, string handledBy, DateTimeOffset at)
    {
        if (Status != ExchangeStatus.Approved)
        {
            throw new DomainException("exchange.not_approved", "An exchange is carried out only after the general manager approves it.");
        }

        NewUnitId = newUnitId;
        NewSerialNumber = Guard.Required(newSerialNumber, 64, "exchange.new_serial");
        HandledBy = Guard.Required(handledBy, 450, "exchange.handled_by");
        CompletedAt = at.ToUniversalTime();
        Status = ExchangeStatus.Completed;
    }

    /// <summary>The new unit's warranty: a new full period from the exchange day, or the old unit's remaining period.</summary>
    public static DateOnly NewUnitWarrantyStart(ExchangeWarrantyPolicy policy, DateOnly exchangeDay, DateOnly? oldPurchaseDate) => policy switch
    {
        ExchangeWarrantyPolicy.NewPeriod => exchangeDay,
        ExchangeWarrantyPolicy.RemainingPeriod => oldPurchaseDate ?? exchangeDay,
        _ => throw new DomainException("exchange.policy", "Unknown warranty policy."),
    };
}
