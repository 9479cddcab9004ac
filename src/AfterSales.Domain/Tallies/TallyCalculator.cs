namespace AfterSales.Domain.Tallies;

/// <summary>
/// Works out a month's lines from the field-work data and the records that count. Pure arithmetic: the caller
/// loads the data and passes in the months already closed (a tally whose lines are a snapshot).
/// <para>Where a record is counted: in its fact month, unless that month is closed and the record is not in its
/// snapshot (it was approved after the month was submitted); then in the first month after it that is still open,
/// as a correction pointing at the fact month. The fact date never changes.</para>
/// </summary>
public static class TallyCalculator
{
    /// <summary>The month in which <paramref name="record"/> is counted.</summary>
    /// <param name="closed">Closed months (yyyy-MM) with the record ids their snapshot counts.</param>
    public static string CountingMonth(TallyRecord record, IReadOnlyDictionary<string, IReadOnlySet<long>> closed)
    {
        var month = TallyMonth.Of(record.FactDate);
        if (!closed.TryGetValue(month, out var snapshot) || snapshot.Contains(record.Id))
        {
            return month;
        }

        // The first month after the fact month that is still open (closed months are finite).
        var next = TallyMonth.Next(month);
        while (closed.TryGetValue(next, out var later) && !later.Contains(record.Id))
        {
            next = TallyMonth.Next(next);
        }

        return next;
    }

    /// <summary>
    /// The month in which a withdrawal is counted: the first month after the one that counted the record that is
    /// still open, or whose snapshot already holds the withdrawal.
    /// </summary>
    public static string WithdrawalMonth(TallyWithdrawal withdrawal, IReadOnlyDictionary<string, IReadOnlySet<long>> closed)
    {
        var next = TallyMonth.Next(withdrawal.CountedIn);
        while (closed.TryGetValue(next, out var later) && !later.Contains(withdrawal.Counted.Id))
        {
            next = TallyMonth.Next(next);
        }

        return next;
    }

    /// <summary>Sums the work orders completed in <paramref name="month"/> per employee.</summary>
    public static IReadOnlyList<TallyWorkSummary> Summarise(string month, IEnumerable<TallyWork> work) =>
        work.Where(w => TallyMonth.Of(w.CompletedOn) == month)
            .GroupBy(w => w.EmployeeId, StringComparer.Ordinal)
            .Select(g => new TallyWorkSummary(g.Key, g.Count(), g.Sum(w => w.LabourHours)))
            .ToList();

    /// <summary>Sums the scored follow-up calls done in <paramref name="month"/> per employee.</summary>
    public static IReadOnlyList<TallyCallSummary> Summarise(string month, IEnumerable<TallyFollowUp> followUps) =>
        followUps.Where(f => TallyMonth.Of(f.DoneOn) == month)
            .GroupBy(f => f.EmployeeId, StringComparer.Ordinal)
            .Select(g => new TallyCallSummary(g.Key, g.Count(), g.Sum(f => f.Score)))
            .ToList();

    /// <param name="month">yyyy-MM.</param>
    /// <param name="work">The month's work per employee (see <see cref="Summarise(string, IEnumerable{TallyWork})"/>).</param>
    /// <param name="followUps">The month's scored calls per employee.</param>
    /// <param name="yearToDate">Each employee's ladder score of the year up to the end of the month.</param>
    public static IReadOnlyList<TallyLine> Compute(
        string month,
        IEnumerable<TallyEmployee> employees,
        IEnumerable<TallyWorkSummary> work,
        IEnumerable<TallyCallSummary> followUps,
        IEnumerable<TallyRecord> records,
        IReadOnlyDictionary<string, IReadOnlySet<long>> closed,
        decimal hourQuota,
        IReadOnlyDictionary<string, int> yearToDate,
        IEnumerable<TallyWithdrawal>? withdrawals = null)
    {
        TallyMonth.Parse(month);
        var workOf = work.ToLookup(w => w.EmployeeId, StringComparer.Ordinal);
        var callsOf = followUps.ToLookup(f => f.EmployeeId, StringComparer.Ordinal);
        var recordsOf = records
            .Select(r => (Record: r, Month: CountingMonth(r, closed)))
            .Where(x => x.Month == month)
            .ToLookup(x => x.Record.EmployeeId, StringComparer.Ordinal);
        var withdrawalsOf = (withdrawals ?? [])
            .Where(w => WithdrawalMonth(w, closed) == month)
            .ToLookup(
                w => w.EmployeeId,
                w => w.Counted with { Points = -w.Counted.Points, CashAmount = -w.Counted.CashAmount, CorrectionOfMonth = w.CountedIn, Withdrawn = true },
                StringComparer.Ordinal);

        return employees
            .OrderBy(e => e.Department, StringComparer.Ordinal).ThenBy(e => e.UserName, StringComparer.Ordinal)
            .Select(e =>
            {
                var jobs = workOf[e.Id].ToList();
                var calls = callsOf[e.Id].ToList();
                var callCount = calls.Sum(c => c.Calls);
                var counted = recordsOf[e.Id]
                    .OrderBy(x => x.Record.FactDate).ThenBy(x => x.Record.Id)
                    .Select(x => new TallyLineRecord(
                        x.Record.Id, x.Record.Article, x.Record.RuleText, x.Record.FactDate, x.Record.Points, x.Record.CashAmount, x.Record.Evidence, x.Record.Links,
                        TallyMonth.Of(x.Record.FactDate) == month ? null : TallyMonth.Of(x.Record.FactDate),
                        x.Record.ReversesRecordId))
                    .Concat(withdrawalsOf[e.Id])
                    .ToList();
                var bonuses = counted.Where(r => r.CashAmount > 0).Sum(r => r.CashAmount);
                var fines = -counted.Where(r => r.CashAmount < 0).Sum(r => r.CashAmount);
                return new TallyLine(
                    e.Id, e.UserName, e.Name, e.Department, e.Role,
                    jobs.Sum(w => w.WorkOrders),
                    jobs.Sum(w => w.LabourHours),
                    hourQuota,
                    callCount,
                    callCount == 0 ? null : decimal.Round(calls.Sum(c => c.ScoreTotal) / callCount, 2),
                    counted.Sum(r => r.Points),
                    bonuses,
                    fines,
                    bonuses - fines,
                    yearToDate.GetValueOrDefault(e.Id),
                    counted);
            })
            .ToList();
    }
}
