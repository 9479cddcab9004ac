using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Discipline;

/// <summary>
/// A manager proposes to reverse an approved record (<c>/Discipline/Records?handler=Reverse</c>): a new proposal,
/// decided like any other; the domain refuses a second one while a reversal is still live.
/// </summary>
public static class ReverseRecord
{
    public static async Task<DisciplineRecord> ProposeAsync(AfterSalesDbContext db, DisciplineRecord original, string? reason, string managerId, CompanyClock clock, CancellationToken cancellationToken)
    {
        var id = original.Id;
        var reversed = await db.DisciplineRecords.Where(r => r.ReversesRecordId == id).AnyAsync(RecordPredicates.LiveReversal, cancellationToken);
        return original.Reverse(DecideRecord.Bounded(reason) ?? "", managerId, clock.UtcNow, clock.Today, reversed);
    }
}
