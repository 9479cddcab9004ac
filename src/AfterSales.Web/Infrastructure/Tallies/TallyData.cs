using System.Globalization;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Tallies;

/// <summary>Loads what a month's tally is made of and works out its live lines with <see cref="TallyCalculator"/>.</summary>
public static class TallyData
{
    /// <summary>Corrections reach back this far (a record approved years late is a matter for a manager, not the tally).</summary>
    private const int CorrectionMonthsBack = 24;

    /// <summary>Every enabled member of staff with their first role.</summary>
    public static async Task<List<TallyEmployee>> EmployeesAsync(AfterSalesDbContext db, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled)
            .Select(u => new { u.Id, u.UserName, u.FullName, u.Department })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(
            g => g.Key,
            g => g.Select(r => r.Name ?? "").OrderBy(n => Roles.All.ToList().IndexOf(n)).First(),
            StringComparer.Ordinal);
        return users.Select(u => new TallyEmployee(u.Id, u.UserName ?? u.Id, string.IsNullOrEmpty(u.FullName) ? u.UserName ?? u.Id : u.FullName, u.Department, roleOf.GetValueOrDefault(u.Id) ?? "")).ToList();
    }

    /// <summary>A closed month (a snapshot exists) as later months need it: the ids its snapshot counts and takes back.</summary>
    public sealed record ClosedMonth(string Month, long[] Counted, long[] Withdrawn);

    /// <summary>Closed months from <paramref name="fromMonth"/> up to (not including) <paramref name="beforeMonth"/>; the snapshots themselves are not read.</summary>
    public static Task<List<ClosedMonth>> ClosedAsync(AfterSalesDbContext db, string fromMonth, string beforeMonth, CancellationToken cancellationToken)
    {
        var months = new List<string>();
        for (var m = fromMonth; string.CompareOrdinal(m, beforeMonth) < 0; m = TallyMonth.Next(m))
        {
            months.Add(m);
        }

        return db.MonthlyTallies.AsNoTracking()
            .Where(t => t.Status != TallyStatus.Draft && months.Contains(t.Month))
            .Select(t => new ClosedMonth(t.Month, t.CountedRecordIds, t.WithdrawnRecordIds))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The lines of <paramref name="month"/> as the data stand now.</summary>
    /// <remarks>
    /// Built for thousands of staff and millions of work orders: work and satisfaction are summed per employee in
    /// the database (covering indexes), the ladder reads only what it needs, and earlier months are read as id
    /// arrays rather than as snapshots. Only this month's records and the few late corrections are read whole.
    /// </remarks>
    public static async Task<IReadOnlyList<TallyLine>> LiveLinesAsync(AfterSalesDbContext db, CompanyClock clock, string month, decimal hourQuota, CancellationToken cancellationToken)
    {
        var first = TallyMonth.Parse(month);
        var last = TallyMonth.LastDay(month);
        var (start, end) = Bounds(clock, month);
        var earliest = first.AddMonths(-CorrectionMonthsBack);

        var employees = await EmployeesAsync(db, cancellationToken);
        var closedMonths = await ClosedAsync(db, TallyMonth.Of(earliest), month, cancellationToken);
        var closed = closedMonths.ToDictionary(c => c.Month, c => (IReadOnlySet<long>)c.Counted.Concat(c.Withdrawn).ToHashSet(), StringComparer.Ordinal);

        var work = await db.WorkOrders.AsNoTracking()
            .Where(w => w.CompletedAt >= start && w.CompletedAt < end)
            .GroupBy(w => w.TechnicianId)
            .Select(g => new TallyWorkSummary(g.Key, g.Count(), g.Sum(w => w.LabourHours)))
            .ToListAsync(cancellationToken);
        var calls = await CallsAsync(db, start, end, cancellationToken);

        // This month's records, and records of earlier closed months that their snapshot does not hold (approved
        // late: corrections). The database finds those against the snapshots' id arrays; only they are read whole.
        var lateIds = closed.Count == 0 ? [] : await LateRecordIdsAsync(db, earliest, first, closed.Keys.ToArray(), cancellationToken);

        var records = await db.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.Counting)
            .Where(r => ((r.FactDate >= first && r.FactDate <= last) || lateIds.Contains(r.Id)))
            .ToListAsync(cancellationToken);

        var counting = await Standings.CountingAsync(db, first.Year, null, cancellationToken);
        var yearToDate = counting.ToDictionary(
            c => c.Key,
            c => Ladder.Standing(c.Value.Where(r => r.Date <= last), first.Year).Score,
            StringComparer.Ordinal);
        var withdrawals = await WithdrawalsAsync(db, closedMonths, cancellationToken);

        return TallyCalculator.Compute(
            month,
            employees,
            work,
            calls,
            records.Select(ToTally),
            closed,
            hourQuota,
            yearToDate,
            withdrawals);
    }

    /// <summary>
    /// Counting records with a fact date in [<paramref name="from"/>, <paramref name="before"/>) whose fact month is
    /// one of <paramref name="closedMonths"/> but whose snapshot does not hold them: approved after the month was
    /// submitted. The database compares them with the snapshots' id arrays (a hash anti-join), so only the few late
    /// ones come back.
    /// </summary>
    private static async Task<List<long>> LateRecordIdsAsync(AfterSalesDbContext db, DateOnly from, DateOnly before, string[] closedMonths, CancellationToken cancellationToken)
    {
        const string sql = """
            with snapshot as (
                select t.month, x.id
                from monthly_tallies t cross join lateral unnest(t.counted_record_ids || t.withdrawn_record_ids) as x(id)
                where t.status <> 'Draft' and t.month = any(@months))
            select r.id from discipline_records r
            where r.fact_date >= @from and r.fact_date < @before and r.status in ('Approved', 'Upheld')
              and to_char(r.fact_date, 'YYYY-MM') = any(@months)
              and not exists (select 1 from snapshot s where s.id = r.id and s.month = to_char(r.fact_date, 'YYYY-MM'))
            """;
        var ids = new List<long>();
        await ReadAsync(
            db,
            sql,
            command =>
            {
                command.Parameters.AddWithValue("months", closedMonths);
                command.Parameters.AddWithValue("from", from);
                command.Parameters.AddWithValue("before", before);
            },
            reader => ids.Add(reader.GetInt64(0)),
            cancellationToken);
        return ids;
    }

    /// <summary>
    /// Records a closed month counted that no longer count: overturned on appeal since. (A record under appeal still
    /// counts until the appeal is decided: upheld, nothing changes; overturned, the next open month takes it back.)
    /// The overturned records are matched against the closed months' id arrays; the few found are read from the
    /// records themselves (an approved record never changes).
    /// </summary>
    public static async Task<List<TallyWithdrawal>> WithdrawalsAsync(AfterSalesDbContext db, IReadOnlyList<ClosedMonth> closed, CancellationToken cancellationToken)
    {
        if (closed.Count == 0)
        {
            return [];
        }

        // Overturned records that some closed month of the window can have counted: a month counts records with fact
        // dates up to CorrectionMonthsBack before it. Matched in memory against the arrays already read.
        var oldest = TallyMonth.Parse(closed.Select(c => c.Month).Order(StringComparer.Ordinal).First()).AddMonths(-CorrectionMonthsBack);
        var overturned = (await db.DisciplineRecords.AsNoTracking()
                .Where(r => r.Status == RecordStatus.Overturned && r.FactDate >= oldest)
                .Select(r => r.Id)
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var countedIn = closed.SelectMany(c => c.Counted.Where(overturned.Contains).Select(id => (c.Month, Id: id))).ToList();
        if (countedIn.Count == 0)
        {
            return [];
        }

        var ids = countedIn.Select(x => x.Id).Distinct().ToList();
        var rows = await db.DisciplineRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return countedIn
            .Select(x => (Row: rows[x.Id], x.Month))
            .Select(x => new TallyWithdrawal(
                x.Row.EmployeeId,
                x.Month,
                new TallyLineRecord(x.Row.Id, x.Row.Article, x.Row.RuleText, x.Row.FactDate, x.Row.Points, x.Row.CashAmount, x.Row.Evidence, x.Row.Links.Select(l => new TallyLink(l.Kind, l.Id, l.Label)).ToList(), null, x.Row.ReversesRecordId)))
            .ToList();
    }

    /// <summary>Runs <paramref name="sql"/> on the context's connection (opening it only if EF has not) and hands each row to <paramref name="row"/>.</summary>
    private static async Task ReadAsync(AfterSalesDbContext db, string sql, Action<Npgsql.NpgsqlCommand> parameters, Action<Npgsql.NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            parameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>Scored follow-up calls done in the period, summed per technician in the database (a call's score is the mean of its four ratings).</summary>
    private static Task<List<TallyCallSummary>> CallsAsync(AfterSalesDbContext db, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        static string Rating(string column) => $"case {column} when 'Poor' then 1 when 'Average' then 2 when 'Good' then 3 when 'Excellent' then 4 end";
        var sql = $"""
            select technician_id as employee_id, count(*)::int as calls,
                   sum({Rating("attitude")} + {Rating("competence")} + {Rating("speed")} + {Rating("result")})::int as points
            from follow_ups
            where status = 'Done' and done_at >= @start and done_at < @end
              and attitude is not null and competence is not null and speed is not null and result is not null
            group by technician_id
            """;
        return db.Database
            .SqlQueryRaw<CallRow>(sql, new Npgsql.NpgsqlParameter("start", start), new Npgsql.NpgsqlParameter("end", end))
            .Select(r => new TallyCallSummary(r.EmployeeId, r.Calls, r.Points / 4m))
            .ToListAsync(cancellationToken);
    }

    private sealed record CallRow(string EmployeeId, int Calls, int Points);

    /// <summary>The work orders behind one line's count and hours, latest first (at most <paramref name="take"/>), and how many there are.</summary>
    public static async Task<(int Total, List<TallyWork> Latest)> WorkOfAsync(AfterSalesDbContext db, CompanyClock clock, string month, string employeeId, int take, CancellationToken cancellationToken)
    {
        var (start, end) = Bounds(clock, month);
        var query = db.WorkOrders.AsNoTracking().Where(w => w.TechnicianId == employeeId && w.CompletedAt >= start && w.CompletedAt < end);
        var total = await query.CountAsync(cancellationToken);
        var latest = await (from w in query
                            join t in db.Tickets.AsNoTracking() on w.TicketId equals t.Id
                            orderby w.CompletedAt descending, w.Id descending
                            select new { w.Id, w.TicketId, t.Number, w.TechnicianId, w.CompletedAt, w.LabourHours })
            .Take(take)
            .ToListAsync(cancellationToken);
        return (total, latest.Select(w => new TallyWork(w.Id, w.TicketId, w.Number, w.TechnicianId, DateOnly.FromDateTime(clock.ToLocal(w.CompletedAt!.Value).DateTime), w.LabourHours)).ToList());
    }

    /// <summary>A scored follow-up call behind a line's satisfaction.</summary>
    public sealed record TallyCall(long FollowUpId, long TicketId, string? TicketNumber, DateOnly DoneOn, decimal Score);

    /// <summary>The scored follow-up calls behind one line's satisfaction, latest first (at most <paramref name="take"/>), and how many there are.</summary>
    public static async Task<(int Total, List<TallyCall> Latest)> CallsOfAsync(AfterSalesDbContext db, CompanyClock clock, string month, string employeeId, int take, CancellationToken cancellationToken)
    {
        var (start, end) = Bounds(clock, month);
        var query = db.FollowUps.AsNoTracking().Where(f => f.TechnicianId == employeeId && f.Status == Domain.FollowUps.FollowUpStatus.Done
            && f.DoneAt >= start && f.DoneAt < end && f.Attitude != null && f.Competence != null && f.Speed != null && f.Result != null);
        var total = await query.CountAsync(cancellationToken);
        var latest = await (from f in query
                            join t in db.Tickets.AsNoTracking() on f.TicketId equals t.Id
                            orderby f.DoneAt descending, f.Id descending
                            select new { Call = f, t.Number })
            .Take(take)
            .ToListAsync(cancellationToken);
        return (total, latest.Select(x => new TallyCall(x.Call.Id, x.Call.TicketId, x.Number, DateOnly.FromDateTime(clock.ToLocal(x.Call.DoneAt!.Value).DateTime), x.Call.Score!.Value)).ToList());
    }

    /// <summary>One employee's ladder standing for the year of <paramref name="month"/>, counting records up to the month's end.</summary>
    public static async Task<Standing> StandingAtAsync(AfterSalesDbContext db, string month, string employeeId, CancellationToken cancellationToken)
    {
        var first = TallyMonth.Parse(month);
        var last = TallyMonth.LastDay(month);
        var counting = (await Standings.CountingAsync(db, first.Year, [employeeId], cancellationToken)).GetValueOrDefault(employeeId) ?? [];
        return Ladder.Standing(counting.Where(r => r.Date <= last), first.Year);
    }

    /// <summary>Each employee's monthly ladder score over the 12 months ending with <paramref name="month"/>.</summary>
    public static async Task<(List<string> Months, Dictionary<string, int[]> Scores)> TrendAsync(AfterSalesDbContext db, string month, IReadOnlyCollection<string>? employees, CancellationToken cancellationToken)
    {
        var first = TallyMonth.Parse(month);
        var months = Enumerable.Range(0, 12).Select(i => first.AddMonths(i - 11)).ToList();
        var counting = await Standings.CountingAsync(db, months[0].Year, employees, cancellationToken);
        var scores = counting.ToDictionary(
            c => c.Key,
            c => months.Select(m => Ladder.MonthlyScore(c.Value, m.Year, m.Month)).ToArray(),
            StringComparer.Ordinal);
        return (months.Select(TallyMonth.Of).ToList(), scores);
    }

    private static TallyRecord ToTally(DisciplineRecord r) => new(
        r.Id,
        r.EmployeeId,
        r.FactDate,
        r.DecidedAt ?? r.ProposedAt,
        r.Article,
        r.RuleText,
        r.Points,
        r.CashAmount,
        r.Evidence,
        r.Links.Select(x => new TallyLink(x.Kind, x.Id, x.Label)).ToList(),
        r.ReversesRecordId);

    /// <summary>The month's first instant and the next month's first instant, in company time.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Bounds(CompanyClock clock, string month) =>
        (clock.StartOfDay(TallyMonth.Parse(month)), clock.StartOfDay(TallyMonth.LastDay(month).AddDays(1)));

    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
