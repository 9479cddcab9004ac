using System.Globalization;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Quality.Reports;

/// <summary>
/// Quality problem reports. The page opens on the open ones (not closed) by due date, the overdue ones first and
/// flagged; "all" lists every report newest first. Filtered by status, severity, class, product category (by name)
/// and overdue; 50 a page by cursor on an index matching each order, with the true total.
/// </summary>
public sealed class IndexModel(ReadDbContext db, CompanyClock clock) : PageModel
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary><c>open</c> (default: not closed, by due date) and <c>all</c> (newest first).</summary>
    public static readonly IReadOnlyList<string> Views = ["open", "all"];

    public sealed record Row(QualityReport Report, string? Model, string Owner, bool Overdue);

    public sealed record Option(string Value, string Text);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string View { get; private set; } = "open";

    public QualityReportStatus? Status { get; private set; }

    public Severity? Severity { get; private set; }

    public QualityClass? Class { get; private set; }

    public long? Category { get; private set; }

    public bool Overdue { get; private set; }

    public IReadOnlyList<Option> Categories { get; private set; } = [];

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public async Task OnGetAsync(string? view, QualityReportStatus? status, Severity? severity, QualityClass? @class, long? category, bool overdue, string? after, int? p, CancellationToken cancellationToken)
    {
        var input = new QueueInput();
        if (!ModelState.IsValid)
        {
            input.Ignore();
        }

        Status = input.Enum(status);
        Severity = input.Enum(severity);
        Class = input.Enum(@class);
        if (category is <= 0)
        {
            input.Ignore();
        }

        Category = category is > 0 ? category : null;
        Overdue = overdue;
        var named = input.Text(view, 16);
        if (named is not null && !Views.Contains(named))
        {
            input.Ignore();
            named = null;
        }

        // A status chosen from the list's filter (a closed one included) is looked for among all reports.
        View = named ?? (Status is null ? "open" : "all");
        var today = clock.Today;
        var query = db.QualityReports.AsNoTracking();
        if (View == "open")
        {
            query = query.Where(r => r.Status != QualityReportStatus.Closed);
        }

        if (Status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        if (Severity is { } severityValue)
        {
            query = query.Where(r => r.Severity == severityValue);
        }

        if (Class is { } classValue)
        {
            query = query.Where(r => r.Class == classValue);
        }

        if (Category is { } categoryId)
        {
            query = query.Where(r => db.ProductModels.Any(m => m.Id == r.ProductModelId && m.CategoryId == categoryId));
        }

        if (Overdue)
        {
            query = query.Where(r => r.Status != QualityReportStatus.Closed && r.DueOn < today);
        }

        Total = await query.CountAsync(cancellationToken);
        var pageNumber = 1;
        List<QualityReport> reports;
        string? next = null;
        if (View == "open")
        {
            // Worked by due date, the most overdue first: cursor (due on, id).
            var cursor = input.DayCursor(after);
            pageNumber = cursor is null ? 1 : input.Page(p);
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.DueOn, r.Id), ValueTuple.Create(c.Day, c.Id)));
            }

            reports = await query.OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
            if (reports.Count > PageSize)
            {
                next = QueueInput.After(reports[PageSize - 1].DueOn, reports[PageSize - 1].Id);
            }
        }
        else
        {
            // Read newest first: cursor (raised at, id).
            var cursor = input.InstantCursor(after);
            pageNumber = cursor is null ? 1 : input.Page(p);
            if (cursor is { } c)
            {
                query = query.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.RaisedAt, r.Id), ValueTuple.Create(c.At, c.Id)));
            }

            reports = await query.OrderByDescending(r => r.RaisedAt).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
            if (reports.Count > PageSize)
            {
                next = QueueInput.After(reports[PageSize - 1].RaisedAt, reports[PageSize - 1].Id);
            }
        }

        reports = [.. reports.Take(PageSize)];
        var modelIds = reports.Select(r => r.ProductModelId).OfType<long>().Distinct().ToList();
        var models = await db.ProductModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).Select(m => new { m.Id, m.Code }).ToDictionaryAsync(m => m.Id, m => m.Code, cancellationToken);
        var ownerIds = reports.Select(r => r.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).Select(u => new { u.Id, Name = u.FullName + " (" + u.UserName + ")" }).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        Rows = [.. reports.Select(r => new Row(r, r.ProductModelId is { } m ? models.GetValueOrDefault(m) : null, owners.GetValueOrDefault(r.OwnerId, r.OwnerId), r.IsOverdue(today)))];
        Categories = await db.ProductCategories.AsNoTracking().OrderBy(k => k.Name).Select(k => new Option(k.Id.ToString(CultureInfo.InvariantCulture), k.Name)).ToListAsync(cancellationToken);
        FilterIgnored = input.Ignored;
        Pager = new QueuePager(
            Total,
            pageNumber,
            next is null ? null : Url.Page("/Quality/Reports/Index", Values(next, pageNumber + 1)),
            pageNumber > 1 ? Url.Page("/Quality/Reports/Index", Values(null, null)) : null);
    }

    public RouteValueDictionary Values(string? after, int? page) => new()
    {
        ["view"] = View == "open" ? null : View,
        ["status"] = Status,
        ["severity"] = Severity,
        ["class"] = Class,
        ["category"] = Category,
        ["overdue"] = Overdue ? "true" : null,
        ["after"] = after,
        ["p"] = page,
    };
}
