using AfterSales.Domain.Discipline;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Tallies;

namespace AfterSales.Web.Pages.Tallies;

/// <summary>
/// What one line of the month stands on, read when its evidence is opened (<c>?handler=Work&amp;employee=…</c>): the
/// person's work orders and follow-up calls of the month (the first <see cref="Shown"/> of each, with the totals) and
/// their year-to-date standing at the month's end with its explanation.
/// </summary>
public sealed record LineEvidence(int WorkTotal, IReadOnlyList<TallyWork> Work, int CallTotal, IReadOnlyList<TallyData.TallyCall> Calls, Standing? Standing)
{
    /// <summary>Most work orders (and calls) listed per line (the count and hours cover all of them).</summary>
    public const int Shown = 50;

    public static async Task<LineEvidence> LoadAsync(ReadDbContext read, CompanyClock clock, string month, string employee, CancellationToken cancellationToken)
    {
        var (workTotal, work) = await TallyData.WorkOfAsync(read, clock, month, employee, Shown, cancellationToken);
        var (callTotal, calls) = await TallyData.CallsOfAsync(read, clock, month, employee, Shown, cancellationToken);
        var standing = await TallyData.StandingAtAsync(read, month, employee, cancellationToken);
        return new LineEvidence(workTotal, work, callTotal, calls, standing);
    }
}
