namespace AfterSales.Domain.Tallies;

public enum TallyStatus
{
    /// <summary>Live: the lines are worked out from the data on every read. A month without a stored tally is a draft.</summary>
    Draft,

    /// <summary>Submitted by a department head (Manager): the lines are a snapshot from here on.</summary>
    Submitted,

    /// <summary>Checked by the admin office (Admin), never by the one who submitted.</summary>
    Checked,

    /// <summary>Published on the notice board (公示) by a manager; visible to all staff; nothing can change it.</summary>
    Published,

    /// <summary>Archived after the notice period by the admin office: only this status change is allowed on a published tally.</summary>
    Locked,
}

/// <summary>
/// The monthly tally of the whole company (the regulations: hours summary → department head review → admin review →
/// published 公示). Draft → Submitted → Checked → Published → Locked; a submitted or checked tally may be sent back
/// to draft (with a reason) to take in late data. The lines are snapshotted at submission: what is checked is what
/// is published. Once published the tally never changes (the database refuses it too); a late correction is counted
/// in the first open month (see <see cref="TallyCalculator"/>).
/// </summary>
public sealed class MonthlyTally
{
    public const int ReasonMaxLength = 500;

    private List<TallyLine> _lines = [];

    private MonthlyTally()
    {
        Month = "";
    }

    public long Id { get; private set; }

    /// <summary>yyyy-MM, unique.</summary>
    public string Month { get; private set; }

    public TallyStatus Status { get; private set; }

    public decimal HourQuota { get; private set; }

    /// <summary>The snapshot (empty while draft).</summary>
    public IReadOnlyList<TallyLine> Lines => _lines;

    /// <summary>Ids of the records the snapshot counts (empty while draft): what a later month checks for corrections.</summary>
    public long[] CountedRecordIds { get; private set; } = [];

    /// <summary>Ids of the records the snapshot takes back (counted by an earlier closed month, no longer counting).</summary>
    public long[] WithdrawnRecordIds { get; private set; } = [];

    /// <summary>Every record id on the snapshot, counted or taken back.</summary>
    public IReadOnlySet<long> SnapshotRecordIds => CountedRecordIds.Concat(WithdrawnRecordIds).ToHashSet();

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? CheckedBy { get; private set; }

    public DateTimeOffset? CheckedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? LockedBy { get; private set; }

    public DateTimeOffset? LockedAt { get; private set; }

    public string? SentBackBy { get; private set; }

    public string? SentBackReason { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The lines are a snapshot (submitted or later).</summary>
    public bool IsClosed => Status != TallyStatus.Draft;

    /// <summary>Published or locked: visible to all, changed by nothing.</summary>
    public bool IsPublished => Status is TallyStatus.Published or TallyStatus.Locked;

    public decimal TotalBonuses => _lines.Sum(l => l.Bonuses);

    /// <summary>
    /// Who sees which lines: managers and the admin office every line at every stage; everyone every line once the
    /// month is published (公示); otherwise only their own line. <paramref name="tally"/> null: a month never submitted.
    /// </summary>
    public static bool SeesEveryLine(MonthlyTally? tally, bool managerOrAdminOffice) => managerOrAdminOffice || tally is { IsPublished: true };

    /// <summary>Whether one line (<paramref name="ownLine"/>: the viewer's own) may be seen, drill-down included.</summary>
    public static bool MaySeeLine(MonthlyTally? tally, bool managerOrAdminOffice, bool ownLine) => ownLine || SeesEveryLine(tally, managerOrAdminOffice);

    public decimal TotalFines => _lines.Sum(l => l.Fines);

    public decimal TotalNetCash => _lines.Sum(l => l.NetCash);

    public static MonthlyTally Start(string month)
    {
        TallyMonth.Parse(month);
        return new MonthlyTally { Month = month, Status = TallyStatus.Draft };
    }

    /// <summary>The department head submits the month: the lines worked out now become the snapshot.</summary>
    public void Submit(string by, DateTimeOffset at, IEnumerable<TallyLine> lines, decimal hourQuota, DateOnly today)
    {
        Require(TallyStatus.Draft, "tally.submit_not_draft", "Only a draft month is submitted.");
        if (today <= TallyMonth.LastDay(Month))
        {
            throw new DomainException("tally.month_not_over", "A month is submitted once it is over.");
        }

        _lines = [.. lines];
        CountedRecordIds = [.. _lines.SelectMany(l => l.Records).Where(r => !r.Withdrawn).Select(r => r.Id).Distinct().Order()];
        WithdrawnRecordIds = [.. _lines.SelectMany(l => l.Records).Where(r => r.Withdrawn).Select(r => r.Id).Distinct().Order()];
        HourQuota = hourQuota;
        SubmittedBy = Guard.Required(by, 450, "tally.by");
        SubmittedAt = at.ToUniversalTime();
        Status = TallyStatus.Submitted;
        SentBackBy = null;
        SentBackReason = null;
    }

    /// <summary>The admin office checks the submitted snapshot; whoever submitted does not check.</summary>
    public void Check(string by, DateTimeOffset at)
    {
        Require(TallyStatus.Submitted, "tally.check_not_submitted", "Only a submitted month is checked.");
        if (by == SubmittedBy)
        {
            throw new DomainException("tally.segregation", "Whoever submitted a month does not check it.");
        }

        CheckedBy = Guard.Required(by, 450, "tally.by");
        CheckedAt = at.ToUniversalTime();
        Status = TallyStatus.Checked;
    }

    /// <summary>A manager publishes the checked month (公示). From now on nothing changes.</summary>
    public void Publish(string by, DateTimeOffset at)
    {
        Require(TallyStatus.Checked, "tally.publish_not_checked", "Only a checked month is published.");
        PublishedBy = Guard.Required(by, 450, "tally.by");
        PublishedAt = at.ToUniversalTime();
        Status = TallyStatus.Published;
    }

    /// <summary>The admin office archives a published month after the notice period.</summary>
    public void Lock(string by, DateTimeOffset at)
    {
        Require(TallyStatus.Published, "tally.lock_not_published", "Only a published month is locked.");
        LockedBy = Guard.Required(by, 450, "tally.by");
        LockedAt = at.ToUniversalTime();
        Status = TallyStatus.Locked;
    }

    /// <summary>A submitted or checked month goes back to draft (live lines) with a reason, e.g. to take in a late record.</summary>
    /// <param name="closedMonths">The months (yyyy-MM) already closed: once a later month is closed it may have counted
    /// this month's late records as corrections, so this month stays as submitted (a further correction goes into the next open month).</param>
    public void SendBack(string by, string? reason, IEnumerable<string>? closedMonths = null)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("tally.reason_required", "Say why the month is sent back.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            throw new DomainException("tally.reason_too_long", "The reason is too long.");
        }

        if (Status is not (TallyStatus.Submitted or TallyStatus.Checked))
        {
            throw new DomainException("tally.send_back_not_allowed", "Only a submitted or checked month is sent back.");
        }

        if ((closedMonths ?? []).FirstOrDefault(m => string.CompareOrdinal(m, Month) > 0) is { } later)
        {
            throw new DomainException("tally.later_month_closed", $"{later} is already submitted; {Month} can no longer be sent back.", later, Month);
        }

        SentBackReason = Guard.Required(reason, ReasonMaxLength, "tally.reason");
        SentBackBy = Guard.Required(by, 450, "tally.by");
        _lines = [];
        CountedRecordIds = [];
        WithdrawnRecordIds = [];
        SubmittedBy = null;
        SubmittedAt = null;
        CheckedBy = null;
        CheckedAt = null;
        Status = TallyStatus.Draft;
    }

    private void Require(TallyStatus expected, string code, string message)
    {
        if (Status != expected)
        {
            throw new DomainException(code, message);
        }
    }
}
