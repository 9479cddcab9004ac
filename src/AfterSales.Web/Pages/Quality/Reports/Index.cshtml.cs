using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Quality.Reports;

/// <summary>Quality problem reports, open ones first by due date, with the overdue ones flagged.</summary>
[Authorize(Policy = Policies.Quality)]
public sealed class IndexModel(ReadDbContext db, CompanyClock clock) : PageModel
{
    public const int PageSize = 200;

    public sealed record Row(QualityReport Report, string? Model, string Owner, bool Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public QualityReportStatus? Status { get; private set; }

    public async Task OnGetAsync(QualityReportStatus? status, CancellationToken cancellationToken)
    {
        Status = status;
        var today = clock.Today;
        var query = db.QualityReports.AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        var reports = await query.OrderBy(r => r.Status == QualityReportStatus.Closed).ThenBy(r => r.DueOn).ThenByDescending(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
        var modelIds = reports.Select(r => r.ProductModelId).OfType<long>().Distinct().ToList();
        var models = await db.ProductModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code, cancellationToken);
        var ownerIds = reports.Select(r => r.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        Rows = reports.Select(r => new Row(r, r.ProductModelId is { } m ? models.GetValueOrDefault(m) : null, owners.GetValueOrDefault(r.OwnerId, r.OwnerId), r.IsOverdue(today))).ToList();
    }
}
