namespace AfterSales.Domain.Tallies;

/// <summary>A member of staff as the tally lists them.</summary>
public sealed record TallyEmployee(string Id, string UserName, string Name, string? Department, string Role);

/// <summary>A work order completed in the month (company date).</summary>
public sealed record TallyWork(long WorkOrderId, long TicketId, string? TicketNumber, string EmployeeId, DateOnly CompletedOn, decimal LabourHours);

/// <summary>A follow-up call done in the month with its score (1–5).</summary>
public sealed record TallyFollowUp(string EmployeeId, DateOnly DoneOn, decimal Score);

/// <summary>An employee's work orders completed in the month: how many, and their labour hours.</summary>
public sealed record TallyWorkSummary(string EmployeeId, int WorkOrders, decimal LabourHours);

/// <summary>An employee's scored follow-up calls done in the month: how many, and the sum of their scores.</summary>
public sealed record TallyCallSummary(string EmployeeId, int Calls, decimal ScoreTotal);

/// <summary>An evidence link of a record (ticket, work order, follow-up).</summary>
public sealed record TallyLink(string Kind, long Id, string Label);

/// <summary>
/// A reward or penalty record that counts (approved or upheld). <see cref="ApprovedAt"/> decides where a late
/// approval is counted: see <see cref="TallyCalculator.CountingMonth"/>.
/// </summary>
public sealed record TallyRecord(long Id, string EmployeeId, DateOnly FactDate, DateTimeOffset ApprovedAt, string Article, string RuleText, int Points, decimal CashAmount, string Evidence, IReadOnlyList<TallyLink> Links, long? ReversesRecordId = null);

/// <summary>
/// A record as counted on a line. <see cref="CorrectionOfMonth"/> is set when the record's fact month was already
/// closed when it was approved: it is counted here as a correction pointing at that month (更正：指向 …).
/// <see cref="Withdrawn"/>: the record was counted in a closed month and no longer counts (overturned on appeal);
/// this line takes it back (points and cash negated), pointing at the month that counted it.
/// </summary>
public sealed record TallyLineRecord(long Id, string Article, string RuleText, DateOnly FactDate, int Points, decimal CashAmount, string Evidence, IReadOnlyList<TallyLink> Links, string? CorrectionOfMonth, long? ReversesRecordId, bool Withdrawn = false);

/// <summary>A record a closed month counted that no longer counts: <paramref name="CountedIn"/> is that month.</summary>
public sealed record TallyWithdrawal(string EmployeeId, string CountedIn, TallyLineRecord Counted);

/// <summary>
/// One employee's line of a month: work, hours against the quota, satisfaction, rewards and penalties, cash, year-to-date score.
/// The records are on the line; the work orders behind the count and hours are listed on demand (they can run into hundreds).
/// </summary>
public sealed record TallyLine(
    string EmployeeId,
    string UserName,
    string Name,
    string? Department,
    string Role,
    int WorkOrders,
    decimal LabourHours,
    decimal HourQuota,
    int FollowUps,
    decimal? AverageSatisfaction,
    int Points,
    decimal Bonuses,
    decimal Fines,
    decimal NetCash,
    int YearToDateScore,
    IReadOnlyList<TallyLineRecord> Records)
{
    /// <summary>Labour hours as a share of the quota (0 when there is no quota).</summary>
    public decimal QuotaShare => HourQuota > 0 ? decimal.Round(LabourHours / HourQuota, 4) : 0m;
}
