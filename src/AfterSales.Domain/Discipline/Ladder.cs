using System.Globalization;

namespace AfterSales.Domain.Discipline;

/// <summary>
/// The reward/penalty ladder of Part 5 第八条, worked out for one calendar year.
/// <para>The records dated in the year are taken one by one in date order (then by id), as they land:</para>
/// <list type="number">
/// <item>Reversed records and the reversing records are dropped first (a reversal counts whatever its own
/// date: an annulled record never counted — a correction is the one thing that changes the past).</item>
/// <item>A record that lands while one of the opposite level of the same rank is standing cancels it
/// (功过相抵: a commendation cancels a warning, a merit a demerit, a major merit a major demerit; the earliest
/// standing one goes first).</item>
/// <item>Otherwise it stands; when the third merit (demerit) stands, the three become one major merit (major
/// demerit) at once, dated by the third record (全累计三次记功=一次大功, 三次记过=一次大过), and that major one
/// lands in turn (it may cancel a standing major demerit or major merit).</item>
/// <item>3 or more major demerits left ⇒ the dismissal threshold of the year (an alert for a manager; nothing
/// happens automatically; <see cref="Dismissal"/> counts them across years). Removal and dismissal records
/// carry no points and always raise an alert.</item>
/// </list>
/// <para>Why in date order: a standing is published every month. Working out the year from scratch with all
/// offsets first would let a later record rewrite a published month: an April merit would cancel one of the
/// three demerits that made March's major demerit, turning the published 1 major demerit back into 2 demerits.
/// Taken as they land, what was converted or cancelled stays so; the standing at the end of a month is always
/// the standing published then, plus what came after.</para>
/// <para>Offsetting and conversion never change the <see cref="Standing.Score"/>, the sum of the
/// points of the records that count (3 × 3 = 9, +3 − 3 = 0). The result does not depend on the order
/// in which the records are given (ties are broken by date, then id).</para>
/// </summary>
public static class Ladder
{
    public const int DismissalThresholdMajorDemerits = 3;
    private const int ConversionSize = 3;

    public static int Points(DisciplineLevel level) => level switch
    {
        DisciplineLevel.Commendation => 1,
        DisciplineLevel.Merit => 3,
        DisciplineLevel.MajorMerit => 9,
        DisciplineLevel.Warning => -1,
        DisciplineLevel.Demerit => -3,
        DisciplineLevel.MajorDemerit => -9,
        _ => 0,
    };

    /// <summary>
    /// The counting records as the ladder takes them. A counting reversal whose original no longer counts (e.g. the
    /// original was overturned on appeal afterwards, or lies before the records read) has nothing left to annul and
    /// is left out; of two reversals of one record the first (lowest id) stands.
    /// </summary>
    public static List<LadderRecord> WithoutOrphanReversals(IEnumerable<LadderRecord> records)
    {
        var counting = records.ToList();
        var ids = counting.Select(r => r.Id).ToHashSet();
        var reversed = new HashSet<long>();
        return [.. counting
            .OrderBy(r => r.Id)
            .Where(r => r.ReversesRecordId is not { } target || (ids.Contains(target) && reversed.Add(target)))];
    }

    /// <summary>The monthly assessment points: the sum of the points of the records that count, dated in the month.</summary>
    public static int MonthlyScore(IEnumerable<LadderRecord> records, int year, int month) =>
        Counting(records.ToList())
            .Where(r => r.Date.Year == year && r.Date.Month == month)
            .Sum(r => Points(r.Level));

    /// <exception cref="DomainException">
    /// <c>ladder.duplicate_record_id</c>, <c>ladder.reversal_target_missing</c>,
    /// <c>ladder.reversal_of_reversal</c>, <c>ladder.reversed_twice</c>.
    /// </exception>
    public static Standing Standing(IEnumerable<LadderRecord> records, int year)
    {
        var all = records.ToList();
        var counting = Counting(all).Where(r => r.Date.Year == year).ToList();

        var explanation = new List<DomainMessage>();
        ExplainReversals(all, year, explanation);

        var run = Run(counting);
        explanation.AddRange(run.Lines);
        var alerts = new List<LadderAlert>(run.Alerts);

        var counts = run.Counts();
        var majorDemerits = counts.GetValueOrDefault(DisciplineLevel.MajorDemerit);
        var threshold = majorDemerits >= DismissalThresholdMajorDemerits;
        if (threshold)
        {
            alerts.Add(new LadderAlert(
                "ladder.dismissal_threshold",
                $"{majorDemerits} major demerits in {year} reach the dismissal threshold; a manager decides, nothing happens automatically.",
                [majorDemerits, year]));
            explanation.Add(DomainMessage.Of(MessageCodes.LadderThresholdLine, $"{majorDemerits} major demerits → dismissal threshold reached (for a manager to decide).", majorDemerits));
        }

        var score = counting.Sum(r => Points(r.Level));
        explanation.Add(Summary(year, counts, score));

        return new Standing(year, counts, score, threshold, alerts, explanation);
    }

    /// <summary>
    /// What a manager is alerted to about one person on <paramref name="today"/>: the year's removal and dismissal
    /// records, and the dismissal threshold counted across the years of the employment (全累计三次大过解雇; the
    /// year's own threshold line is left out, the across-years count replaces it).
    /// </summary>
    public static IReadOnlyList<LadderAlert> ManagerAlerts(IReadOnlyCollection<LadderRecord> records, DateOnly today, int windowYears)
    {
        var alerts = Standing(records, today.Year).Alerts.Where(a => a.Code != "ladder.dismissal_threshold").ToList();
        if (Dismissal(records, today, windowYears).Alert is { } dismissal)
        {
            alerts.Add(dismissal);
        }

        return alerts;
    }

    /// <summary>
    /// 全累计三次大过解雇: the major demerits left standing, counted across the years of the employment — each year's
    /// ladder as <see cref="Standing"/> works it out (offsets and conversions stay within their year), summed over every
    /// year from the first record on, or over the last <paramref name="windowYears"/> years when the company limits
    /// the window (the window ends on <paramref name="asOf"/>; a record before its start is not read). Reaching
    /// <see cref="DismissalThresholdMajorDemerits"/> raises an alert listing the records counted: each major demerit
    /// recorded as such, or the three demerits it was converted from. Nothing happens automatically.
    /// </summary>
    /// <param name="records">All the employee's counting records (any years); the employment is the span they cover.</param>
    /// <param name="asOf">The day the count is made; later records are not read.</param>
    /// <param name="windowYears">0 or null: the whole employment; else the years before <paramref name="asOf"/> read.</param>
    public static DismissalCount Dismissal(IEnumerable<LadderRecord> records, DateOnly asOf, int? windowYears = null)
    {
        if (windowYears < 0)
        {
            throw new DomainException("ladder.dismissal_window", "The window for counting major demerits is a number of years, 0 for the whole employment.", windowYears);
        }

        DateOnly? from = windowYears is > 0 and var years ? asOf.AddYears(-years).AddDays(1) : null;
        var counting = Counting(records.ToList()).Where(r => r.Date <= asOf && (from is null || r.Date >= from)).ToList();
        var counted = counting
            .GroupBy(r => r.Date.Year)
            .OrderBy(g => g.Key)
            .SelectMany(g => Run([.. g]).Standing[DisciplineLevel.MajorDemerit]
                .Select(u => new CountedMajorDemerit(u.Date, [.. u.RecordIds()])))
            .ToList();
        var reached = counted.Count >= DismissalThresholdMajorDemerits;
        LadderAlert? alert = null;
        if (reached)
        {
            var list = string.Join("; ", counted.Select(c => c.Describe()));
            var since = from ?? counting.Min(r => r.Date);
            alert = new LadderAlert(
                "ladder.dismissal_threshold_total",
                $"{counted.Count} major demerits counted since {since:yyyy-MM-dd} ({list}) reach the dismissal threshold (3 major demerits in all); a manager decides, nothing happens automatically.",
                [counted.Count, since, list]);
        }

        return new DismissalCount(counted.Count, reached, counted, alert);
    }

    /// <summary>The records of one year taken as they land (see the class remarks).</summary>
    private static LadderRun Run(List<LadderRecord> counting)
    {
        var run = new LadderRun();
        foreach (var record in counting.OrderBy(r => r.Date).ThenBy(r => r.Id))
        {
            if (record.Level is DisciplineLevel.Removal or DisciplineLevel.Dismissal)
            {
                var (code, line, what) = record.Level == DisciplineLevel.Removal
                    ? ("ladder.removal", MessageCodes.LadderAlertRemoval, "Removal from post")
                    : ("ladder.dismissal", MessageCodes.LadderAlertDismissal, "Dismissal");
                run.Alerts.Add(new LadderAlert(code, $"{what} recorded on {record.Date:yyyy-MM-dd} (record #{record.Id}).", [record.Date, record.Id]));
                run.Lines.Add(DomainMessage.Of(line, $"{what} on {DayMonth(record.Date)}: no points; raised as an alert.", record.Date));
                run.Standing[record.Level].Add(new Unit(record.Level, record.Date, null, record.Id));
                continue;
            }

            Land(run, new Unit(record.Level, record.Date, null, record.Id));
        }

        return run;
    }

    /// <summary>One unit lands: it cancels the earliest standing one of the opposite level, or stands (and converts at three).</summary>
    private static void Land(LadderRun run, Unit unit)
    {
        var opposite = run.Standing[Opposite(unit.Level)];
        if (opposite.Count > 0)
        {
            var other = opposite[0];
            opposite.RemoveAt(0);
            var (reward, penalty) = DisciplineRule.IsReward(unit.Level) ? (unit, other) : (other, unit);
            run.Lines.Add(Offset([reward], reward.Level, [penalty], penalty.Level));
            return;
        }

        var standing = run.Standing[unit.Level];
        standing.Add(unit);
        if (unit.Level is DisciplineLevel.Merit or DisciplineLevel.Demerit && standing.Count == ConversionSize)
        {
            var taken = standing.ToList();
            standing.Clear();
            var to = unit.Level == DisciplineLevel.Merit ? DisciplineLevel.MajorMerit : DisciplineLevel.MajorDemerit;
            var sources = Describe(taken, unit.Level);
            run.Lines.Add(DomainMessage.Of(MessageCodes.LadderConversion, $"{sources.Text} → 1 {Name(to, 1)}", sources, LevelName(to, 1)));
            Land(run, new Unit(to, unit.Date, taken, null));
        }
    }

    private static DisciplineLevel Opposite(DisciplineLevel level) => level switch
    {
        DisciplineLevel.Commendation => DisciplineLevel.Warning,
        DisciplineLevel.Warning => DisciplineLevel.Commendation,
        DisciplineLevel.Merit => DisciplineLevel.Demerit,
        DisciplineLevel.Demerit => DisciplineLevel.Merit,
        DisciplineLevel.MajorMerit => DisciplineLevel.MajorDemerit,
        DisciplineLevel.MajorDemerit => DisciplineLevel.MajorMerit,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "No opposite level."),
    };

    /// <summary>Records that count: not reversing another, not reversed themselves. Validates the reversals.</summary>
    private static IEnumerable<LadderRecord> Counting(List<LadderRecord> all)
    {
        var byId = new Dictionary<long, LadderRecord>();
        foreach (var record in all)
        {
            if (!byId.TryAdd(record.Id, record))
            {
                throw new DomainException("ladder.duplicate_record_id", $"Record #{record.Id} appears twice.", record.Id);
            }
        }

        var reversed = new HashSet<long>();
        foreach (var reversal in all.Where(r => r.ReversesRecordId is not null).OrderBy(r => r.Id))
        {
            var targetId = reversal.ReversesRecordId!.Value;
            if (!byId.TryGetValue(targetId, out var target))
            {
                throw new DomainException(
                    "ladder.reversal_target_missing",
                    $"Record #{reversal.Id} reverses record #{targetId}, which is not among the records.",
                    reversal.Id,
                    targetId);
            }

            if (target.ReversesRecordId is not null)
            {
                throw new DomainException(
                    "ladder.reversal_of_reversal",
                    $"Record #{reversal.Id} reverses record #{targetId}, which is itself a reversal.",
                    reversal.Id,
                    targetId);
            }

            if (!reversed.Add(targetId))
            {
                throw new DomainException("ladder.reversed_twice", $"Record #{targetId} is reversed more than once.", targetId);
            }
        }

        return all.Where(r => r.ReversesRecordId is null && !reversed.Contains(r.Id));
    }

    private static void ExplainReversals(List<LadderRecord> all, int year, List<DomainMessage> explanation)
    {
        var byId = all.ToDictionary(r => r.Id);
        var reversals = all
            .Where(r => r.ReversesRecordId is not null)
            .Select(r => (Reversal: r, Target: byId[r.ReversesRecordId!.Value]))
            .Where(x => x.Target.Date.Year == year)
            .OrderBy(x => x.Target.Date)
            .ThenBy(x => x.Target.Id);

        foreach (var (reversal, target) in reversals)
        {
            explanation.Add(DomainMessage.Of(
                MessageCodes.LadderReversed,
                $"The {Name(target.Level, 1)} of {DayMonth(target.Date)} (record #{target.Id}) is reversed by record #{reversal.Id} and does not count.",
                LevelName(target.Level, 1),
                target.Date,
                target.Id,
                reversal.Id));
        }
    }

    private static DomainMessage Summary(int year, Dictionary<DisciplineLevel, int> counts, int score)
    {
        var scoreText = score > 0 ? $"+{score}" : score.ToString(CultureInfo.InvariantCulture);
        if (counts.Count == 0)
        {
            return DomainMessage.Of(MessageCodes.LadderStandingEmpty, $"Standing for {year}: nothing remains; score {scoreText}.", year, scoreText);
        }

        var parts = counts.OrderBy(c => c.Key)
            .Select(c => DomainMessage.Of(MessageCodes.LadderCount, $"{c.Value} {Name(c.Key, c.Value)}", c.Value, LevelName(c.Key, c.Value)))
            .ToList();
        return DomainMessage.Of(MessageCodes.LadderStanding, $"Standing for {year}: {string.Join(", ", parts.Select(p => p.Text))}; score {scoreText}.", year, parts, scoreText);
    }

    /// <summary>"2 merits from April offset 2 demerits from May → net 0" (one pair: "offsets").</summary>
    private static DomainMessage Offset(IReadOnlyList<Unit> rewards, DisciplineLevel reward, IReadOnlyList<Unit> penalties, DisciplineLevel penalty)
    {
        var (left, right) = (Describe(rewards, reward), Describe(penalties, penalty));
        return rewards.Count == 1
            ? DomainMessage.Of(MessageCodes.LadderOffsets, $"{left.Text} offsets {right.Text} → net 0", left, right)
            : DomainMessage.Of(MessageCodes.LadderOffset, $"{left.Text} offset {right.Text} → net 0", left, right);
    }

    /// <summary>"2 demerits from April + 1 from May" — units of one level, grouped by month (a chain of pieces).</summary>
    private static DomainMessage Describe(IReadOnlyList<Unit> units, DisciplineLevel level)
    {
        var groups = units.GroupBy(u => u.Date.Month).OrderBy(g => g.Key).Select(g => (Count: g.Count(), Month: g.First().Date)).ToList();
        object rest = "";
        for (var i = groups.Count - 1; i >= 1; i--)
        {
            var (count, month) = groups[i];
            var tail = rest is DomainMessage next ? next.Text : "";
            rest = DomainMessage.Of(MessageCodes.LadderGroupMore, $" + {count} from {Month(month)}{tail}", count, month, LevelName(level, count), rest);
        }

        var (firstCount, firstMonth) = groups[0];
        var more = rest is DomainMessage m ? m.Text : "";
        return DomainMessage.Of(MessageCodes.LadderGroup, $"{firstCount} {Name(level, firstCount)} from {Month(firstMonth)}{more}", firstCount, LevelName(level, firstCount), firstMonth, rest);
    }

    /// <summary>A level's name as a translatable piece (singular for one, else plural).</summary>
    private static DomainMessage LevelName(DisciplineLevel level, int count) => DomainMessage.Of(MessageCodes.Level(level, count), Name(level, count));

    private static string Name(DisciplineLevel level, int count)
    {
        var singular = level switch
        {
            DisciplineLevel.Commendation => "commendation",
            DisciplineLevel.Merit => "merit",
            DisciplineLevel.MajorMerit => "major merit",
            DisciplineLevel.Warning => "warning",
            DisciplineLevel.Demerit => "demerit",
            DisciplineLevel.MajorDemerit => "major demerit",
            DisciplineLevel.Removal => "removal from post",
            DisciplineLevel.Dismissal => "dismissal",
            _ => level.ToString(),
        };

        if (count == 1)
        {
            return singular;
        }

        return level switch
        {
            DisciplineLevel.Removal => "removals from post",
            DisciplineLevel.Dismissal => "dismissals",
            _ => singular + "s",
        };
    }

    private static string Month(DateOnly date) => MonthName(date.Month);

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    private static string DayMonth(DateOnly date) => date.ToString("d MMMM", CultureInfo.InvariantCulture);

    /// <summary>One count at a level: an original record (no sources) or a conversion of 3 lower ones.</summary>
    private sealed record Unit(DisciplineLevel Level, DateOnly Date, IReadOnlyList<Unit>? Sources, long? RecordId)
    {
        public IEnumerable<long> RecordIds() => Sources is null ? RecordId is { } id ? [id] : [] : Sources.SelectMany(s => s.RecordIds());
    }

    /// <summary>The state of one year's ladder: what stands at each level, the explanation lines in order, the alerts.</summary>
    private sealed class LadderRun
    {
        public Dictionary<DisciplineLevel, List<Unit>> Standing { get; } = Enum.GetValues<DisciplineLevel>().ToDictionary(level => level, _ => new List<Unit>());

        public List<DomainMessage> Lines { get; } = [];

        public List<LadderAlert> Alerts { get; } = [];

        public Dictionary<DisciplineLevel, int> Counts() => Standing.Where(u => u.Value.Count > 0).ToDictionary(u => u.Key, u => u.Value.Count);
    }
}
