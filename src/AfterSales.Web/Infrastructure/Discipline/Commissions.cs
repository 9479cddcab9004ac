using AfterSales.Domain.Discipline;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Infrastructure.Discipline;

/// <summary>The art. 30 commission is paid once per work order, whether the daily scan or a manager proposes it.</summary>
public static class Commissions
{
    private const string KeyPrefix = "extra-income:";

    /// <summary>The daily scan's source key for the commission on <paramref name="workOrderId"/>.</summary>
    public static string SourceKey(long workOrderId) => ProposalTriggers.CommissionSourceKey(workOrderId);

    /// <summary>
    /// Work orders whose commission (<paramref name="article"/>) is already proposed or counts — by the scan (its source key)
    /// or by hand (a link to the work order); rejected and overturned records leave the work order free.
    /// </summary>
    /// <param name="since">Only records with a fact date from this day on (null: all).</param>
    public static async Task<HashSet<long>> WorkOrdersTakenAsync(AfterSalesDbContext db, string article, DateOnly? since, CancellationToken cancellationToken)
    {
        var query = db.DisciplineRecords.AsNoTracking()
            .Where(RecordPredicates.Live)
            .Where(r => r.Article == article);
        if (since is { } from)
        {
            query = query.Where(r => r.FactDate >= from);
        }

        var rows = await query.Select(r => new { r.SourceKey, Links = EF.Property<List<EvidenceLink>>(r, "_links") }).ToListAsync(cancellationToken);
        var taken = rows.SelectMany(r => r.Links).Where(l => l.Kind == "WorkOrder").Select(l => l.Id).ToHashSet();
        foreach (var key in rows.Select(r => r.SourceKey).OfType<string>().Where(k => k.StartsWith(KeyPrefix, StringComparison.Ordinal)))
        {
            if (long.TryParse(key.AsSpan(KeyPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                taken.Add(id);
            }
        }

        return taken;
    }
}
