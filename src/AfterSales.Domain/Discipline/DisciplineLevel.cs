namespace AfterSales.Domain.Discipline;

/// <summary>Reward and penalty levels (Part 5 第六、七条).</summary>
public enum DisciplineLevel
{
    /// <summary>嘉奖, +1.</summary>
    Commendation,

    /// <summary>记功, +3.</summary>
    Merit,

    /// <summary>记大功, +9.</summary>
    MajorMerit,

    /// <summary>警告, −1.</summary>
    Warning,

    /// <summary>记过, −3.</summary>
    Demerit,

    /// <summary>记大过, −9.</summary>
    MajorDemerit,

    /// <summary>解职, removal from post: no points, raises an alert.</summary>
    Removal,

    /// <summary>解雇, dismissal: no points, raises an alert.</summary>
    Dismissal,
}

/// <summary>
/// One approved reward or penalty. A record with <see cref="ReversesRecordId"/> annuls that earlier
/// record (e.g. an appeal upheld); its own <see cref="Level"/> is not counted.
/// </summary>
public sealed record LadderRecord(long Id, DateOnly Date, DisciplineLevel Level, long? ReversesRecordId = null);

/// <summary>Something a manager must look at. <see cref="Code"/> and <see cref="Args"/> are for translation.</summary>
public sealed record LadderAlert(string Code, string Message, IReadOnlyList<object> Args);

/// <summary>A person's standing for one calendar year, after reversals, offsetting and conversion.</summary>
public sealed record Standing(
    int Year,
    IReadOnlyDictionary<DisciplineLevel, int> Counts,
    int Score,
    bool DismissalThreshold,
    IReadOnlyList<LadderAlert> Alerts,
    IReadOnlyList<DomainMessage> Lines)
{
    /// <summary>The explanation lines in English (the defaults of <see cref="Lines"/>, which the web layer translates).</summary>
    public IReadOnlyList<string> Explanation => [.. Lines.Select(l => l.Text)];

    public int Count(DisciplineLevel level) => Counts.GetValueOrDefault(level);
}

/// <summary>One major demerit counted towards dismissal: recorded as such (one id) or converted from three demerits (their ids).</summary>
public sealed record CountedMajorDemerit(DateOnly Date, IReadOnlyList<long> RecordIds)
{
    /// <summary>"#12 (2025-03-04)" or "#3+#4+#5 (2026-05-05)": ids and a date, the same in every language.</summary>
    public string Describe() =>
        string.Join("+", RecordIds.Select(id => "#" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        + " (" + Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")";
}

/// <summary>全累计三次大过解雇: the major demerits left standing across the years read, and the alert when they reach the threshold.</summary>
public sealed record DismissalCount(int MajorDemerits, bool ThresholdReached, IReadOnlyList<CountedMajorDemerit> Counted, LadderAlert? Alert);
