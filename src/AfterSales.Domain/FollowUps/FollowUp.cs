using AfterSales.Domain.Calendar;

namespace AfterSales.Domain.FollowUps;

public enum FollowUpStatus
{
    Pending,
    Done,
    Unreachable,
}

/// <summary>The four-step scale of the regulation (优 / 良 / 中 / 差); the number is the score.</summary>
public enum Satisfaction
{
    Poor = 1,
    Average = 2,
    Good = 3,
    Excellent = 4,
}

public sealed record FollowUpAttempt(DateTimeOffset At, DateOnly Day, string By, bool Reached);

/// <summary>
/// The call back after every completed repair: due the next working day; an unanswered call is tried
/// again on another day, at most three times, then closed as unreachable. A reached customer rates
/// attitude, competence, speed and result; any "poor", or an average below "average", calls for a
/// complaint ticket linked to the repair.
/// </summary>
public sealed class FollowUp
{
    public const int MaxAttempts = 3;
    public const int CommentMaxLength = 2000;

    private List<FollowUpAttempt> _attempts = [];

    private FollowUp()
    {
        TechnicianId = "";
    }

    public long Id { get; private set; }

    public long TicketId { get; private set; }

    public long WorkOrderId { get; private set; }

    public string TechnicianId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public FollowUpStatus Status { get; private set; }

    public IReadOnlyList<FollowUpAttempt> Attempts => _attempts;

    public Satisfaction? Attitude { get; private set; }

    public Satisfaction? Competence { get; private set; }

    public Satisfaction? Speed { get; private set; }

    public Satisfaction? Result { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public long? ComplaintTicketId { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The average of the four scores (1 = poor … 4 = excellent), once reached.</summary>
    public decimal? Score => Attitude is { } a && Competence is { } c && Speed is { } s && Result is { } r
        ? ((int)a + (int)c + (int)s + (int)r) / 4m
        : null;

    /// <summary>Any "poor", or an average below "average", is a complaint.</summary>
    public bool CallsForComplaint =>
        Status == FollowUpStatus.Done && Score is { } score &&
        (score < (int)Satisfaction.Average || new[] { Attitude, Competence, Speed, Result }.Contains(Satisfaction.Poor));

    public static FollowUp ForCompletedRepair(long ticketId, long workOrderId, string technicianId, DateOnly completedOn, WorkingCalendar calendar) => new()
    {
        TicketId = ticketId,
        WorkOrderId = workOrderId,
        TechnicianId = technicianId,
        DueOn = calendar.NextWorkingDay(completedOn),
        Status = FollowUpStatus.Pending,
    };

    /// <summary>Nobody answered: try again the next working day, or close as unreachable after the third day.</summary>
    public void RecordNoAnswer(DateTimeOffset at, DateOnly day, string by, WorkingCalendar calendar)
    {
        EnsurePending();
        if (_attempts.Any(x => x.Day == day))
        {
            throw new DomainException("followup.same_day", "A call was already tried today; try again on another day.", day);
        }

        _attempts = [.. _attempts, new FollowUpAttempt(at.ToUniversalTime(), day, Guard.Required(by, 256, "followup.by"), false)];
        if (_attempts.Count >= MaxAttempts)
        {
            Status = FollowUpStatus.Unreachable;
            DoneAt = at.ToUniversalTime();
        }
        else
        {
            DueOn = calendar.NextWorkingDay(day);
        }
    }

    public void RecordReached(DateTimeOffset at, DateOnly day, string by, Satisfaction attitude, Satisfaction competence, Satisfaction speed, Satisfaction result, string? comment)
    {
        EnsurePending();
        foreach (var score in new[] { attitude, competence, speed, result })
        {
            if (!Enum.IsDefined(score))
            {
                throw new DomainException("followup.score_invalid", "Rate each point excellent, good, average or poor.");
            }
        }

        // Check everything before changing anything: a refused call leaves the follow-up as it was.
        var attempt = new FollowUpAttempt(at.ToUniversalTime(), day, Guard.Required(by, 256, "followup.by"), true);
        var text = Guard.Optional(comment, CommentMaxLength);
        _attempts = [.. _attempts, attempt];
        Attitude = attitude;
        Competence = competence;
        Speed = speed;
        Result = result;
        Comment = text;
        Status = FollowUpStatus.Done;
        DoneAt = at.ToUniversalTime();
    }

    public void LinkComplaint(long complaintTicketId)
    {
        if (!CallsForComplaint)
        {
            throw new DomainException("followup.no_complaint", "This follow-up does not call for a complaint.");
        }

        if (ComplaintTicketId is not null)
        {
            throw new DomainException("followup.complaint_already_linked", "A complaint ticket is already linked to this follow-up.");
        }

        ComplaintTicketId = complaintTicketId;
    }

    private void EnsurePending()
    {
        if (Status != FollowUpStatus.Pending)
        {
            throw new DomainException("followup.closed", "This follow-up call is already closed.");
        }
    }
}
