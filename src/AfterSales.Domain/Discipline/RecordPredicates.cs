using System.Linq.Expressions;

namespace AfterSales.Domain.Discipline;

/// <summary>
/// Which reward and penalty records count, and which are still alive, defined once: as expressions a database query
/// runs, and compiled for records in memory.
/// </summary>
public static class RecordPredicates
{
    /// <summary>A counting record: approved, or upheld on appeal. Only these count on the ladder and in the tallies.</summary>
    public static Expression<Func<DisciplineRecord, bool>> Counting { get; } =
        r => r.Status == RecordStatus.Approved || r.Status == RecordStatus.Upheld;

    /// <summary>A live record: not thrown out (rejected, or overturned on appeal) — proposed, appealed or counting.</summary>
    public static Expression<Func<DisciplineRecord, bool>> Live { get; } =
        r => r.Status != RecordStatus.Rejected && r.Status != RecordStatus.Overturned;

    /// <summary>A live reversal: a correction of another record that is not thrown out. A record has at most one.</summary>
    public static Expression<Func<DisciplineRecord, bool>> LiveReversal { get; } =
        r => r.ReversesRecordId != null && r.Status != RecordStatus.Rejected && r.Status != RecordStatus.Overturned;

    private static readonly Func<DisciplineRecord, bool> CountingCompiled = Counting.Compile();

    private static readonly Func<DisciplineRecord, bool> LiveCompiled = Live.Compile();

    private static readonly Func<DisciplineRecord, bool> LiveReversalCompiled = LiveReversal.Compile();

    /// <summary><see cref="Counting"/> for a record in memory.</summary>
    public static bool Counts(DisciplineRecord record) => CountingCompiled(record);

    /// <summary><see cref="Live"/> for a record in memory.</summary>
    public static bool IsLive(DisciplineRecord record) => LiveCompiled(record);

    /// <summary><see cref="LiveReversal"/> for a record in memory.</summary>
    public static bool IsLiveReversal(DisciplineRecord record) => LiveReversalCompiled(record);
}
