using System.Globalization;

namespace AfterSales.Domain.Discipline;

/// <summary>
/// The reward/penalty ladder of Part 5 第八条, worked out for one calendar year.
/// <para>Order of the steps, applied to the records dated in the year:</para>
/// <list type="number">
/// <item>Reversed records and the reversing records are dropped (a reversal counts whatever its own
/// date: an annulled record never counted).</item>
/// <item>Offset level by level: a commendation cancels a warning, a merit a demerit
/// (功过相抵), earliest first.</item>
/// <item>Convert what remains: every 3 merits become 1 major merit, every 3 demerits 1 major
/// demerit (earliest first; a converted one is dated by its third record).</item>
/// <item>Offset again at the higher level: a major merit cancels a major demerit, earliest first.</item>
/// <item>3 or more major demerits left ⇒ the dismissal threshold (an alert for a manager; nothing
/// happens automatically). Removal and dismissal records carry no points and always raise an alert.</item>
/// </list>
/// <para>Why offset before converting: the regulation states offsetting one-for-one at each level,
/// so a merit and a demerit earned in the same year should simply cancel; accumulation then applies
/// to what is really left. Converting first would turn 4 merits and 2 demerits into a major merit
/// plus a demerit instead of 2 merits — the same score, but a harsher-looking record. Major levels are
/// offset only after conversion so that converted major demerits can be cancelled by major merits.</para>
/// <para>Offsetting and conversion never change the <see cref="Standing.Score"/>, the sum of the
/// points of the records that count (3 × 3 = 9, +3 − 3 = 0). The result does not depend on the order
/// of the records (ties are broken by date, then id).</para>
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
        var counting = Counting(all)
            .Where(r => r.Date.Year == year)
            .OrderBy(r => r.Date)
            .ThenBy(r => r.Id)
            .ToList();

        var explanation = new List<DomainMessage>();
        var alerts = new List<LadderAlert>();

        ExplainReversals(all, year, explanation);

        var units = Enum.GetValues<DisciplineLevel>().ToDictionary(level => level, _ => new List<Unit>());
        foreach (var record in counting)
        {
            units[record.Level].Add(new Unit(record.Level, record.Date, null));
        }

        OffsetOriginals(units, DisciplineLevel.Commendation, DisciplineLevel.Warning, explanation);
        OffsetOriginals(units, DisciplineLevel.Merit, DisciplineLevel.Demerit, explanation);

        var conversions = new List<Conversion>();
        Convert(units, DisciplineLevel.Merit, DisciplineLevel.MajorMerit, conversions);
        Convert(units, DisciplineLevel.Demerit, DisciplineLevel.MajorDemerit, conversions);

        OffsetMajors(units, conversions, explanation);

        foreach (var record in counting.Where(r => r.Level is DisciplineLevel.Removal or DisciplineLevel.Dismissal))
        {
            var (code, line, what) = record.Level == DisciplineLevel.Removal
                ? ("ladder.removal", MessageCodes.LadderAlertRemoval, "Removal from post")
                : ("ladder.dismissal", MessageCodes.LadderAlertDismissal, "Dismissal");
            alerts.Add(new LadderAlert(code, $"{what} recorded on {record.Date:yyyy-MM-dd} (record #{record.Id}).", [record.Date, record.Id]));
            explanation.Add(DomainMessage.Of(line, $"{what} on {DayMonth(record.Date)}: no points; raised as an alert.", record.Date));
        }

        var counts = units.Where(u => u.Value.Count > 0).ToDictionary(u => u.Key, u => u.Value.Count);
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

    private static void OffsetOriginals(
        Dictionary<DisciplineLevel, List<Unit>> units,
        DisciplineLevel reward,
        DisciplineLevel penalty,
        List<DomainMessage> explanation)
    {
        var rewards = units[reward];
        var penalties = units[penalty];
        var pairs = Math.Min(rewards.Count, penalties.Count);
        if (pairs == 0)
        {
            return;
        }

        explanation.Add(Offset(rewards.Take(pairs).ToList(), reward, penalties.Take(pairs).ToList(), penalty));
        rewards.RemoveRange(0, pairs);
        penalties.RemoveRange(0, pairs);
    }

    private static void Convert(
        Dictionary<DisciplineLevel, List<Unit>> units,
        DisciplineLevel from,
        DisciplineLevel to,
        List<Conversion> conversions)
    {
        var source = units[from];
        while (source.Count >= ConversionSize)
        {
            var taken = source.Take(ConversionSize).ToList();
            source.RemoveRange(0, ConversionSize);
            var converted = new Unit(to, taken[^1].Date, taken);
            units[to].Add(converted);
            conversions.Add(new Conversion(converted, Describe(taken, from), to));
        }

        // Keep the level in date order; an original goes before a converted one of the same date.
        units[to] = [.. units[to].OrderBy(u => u.Date).ThenBy(u => u.Sources is null ? 0 : 1)];
    }

    private static void OffsetMajors(
        Dictionary<DisciplineLevel, List<Unit>> units,
        List<Conversion> conversions,
        List<DomainMessage> explanation)
    {
        var rewards = units[DisciplineLevel.MajorMerit];
        var penalties = units[DisciplineLevel.MajorDemerit];
        var pairs = Math.Min(rewards.Count, penalties.Count);

        var plainRewards = new List<Unit>();
        var plainPenalties = new List<Unit>();
        for (var i = 0; i < pairs; i++)
        {
            var (reward, penalty) = (rewards[i], penalties[i]);
            if (reward.Sources is null && penalty.Sources is null)
            {
                plainRewards.Add(reward);
                plainPenalties.Add(penalty);
                continue;
            }

            if (penalty.Sources is not null)
            {
                var conversion = conversions.Single(c => ReferenceEquals(c.Unit, penalty));
                conversion.OffsetBy = reward;
            }
            else
            {
                var conversion = conversions.Single(c => ReferenceEquals(c.Unit, reward));
                conversion.Offsets = penalty;
            }
        }

        explanation.AddRange(conversions.Select(c => c.Message()));
        if (plainRewards.Count > 0)
        {
            explanation.Add(Offset(plainRewards, DisciplineLevel.MajorMerit, plainPenalties, DisciplineLevel.MajorDemerit));
        }

        rewards.RemoveRange(0, pairs);
        penalties.RemoveRange(0, pairs);
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
    private sealed record Unit(DisciplineLevel Level, DateOnly Date, IReadOnlyList<Unit>? Sources);

    private sealed class Conversion(Unit unit, DomainMessage sources, DisciplineLevel to)
    {
        public Unit Unit { get; } = unit;

        /// <summary>The major merit that cancels this converted major demerit.</summary>
        public Unit? OffsetBy { get; set; }

        /// <summary>The major demerit this converted major merit cancels.</summary>
        public Unit? Offsets { get; set; }

        public DomainMessage Message()
        {
            var head = $"{sources.Text} → 1 {Name(to, 1)}";
            var toName = LevelName(to, 1);
            if (OffsetBy is { } reward)
            {
                return DomainMessage.Of(MessageCodes.LadderConversionOffsetBy, $"{head}; offset by the {Name(reward.Level, 1)} of {Month(reward.Date)} → net 0", sources, toName, LevelName(reward.Level, 1), reward.Date);
            }

            return Offsets is { } penalty
                ? DomainMessage.Of(MessageCodes.LadderConversionOffsets, $"{head}; offsets the {Name(penalty.Level, 1)} of {Month(penalty.Date)} → net 0", sources, toName, LevelName(penalty.Level, 1), penalty.Date)
                : DomainMessage.Of(MessageCodes.LadderConversion, head, sources, toName);
        }
    }
}
