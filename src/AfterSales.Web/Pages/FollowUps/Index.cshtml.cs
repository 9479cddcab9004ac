using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.FollowUps;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.FollowUps;

/// <summary>
/// The desk's follow-up call queue: every completed repair waiting for its call. It opens on the calls due
/// today, then the overdue ones oldest first, then the upcoming ones; other views list only today's, only the
/// overdue or all in due order. Filtered by technician (typed: user name or employee number; a link may give the id),
/// their station, the product category (by name), due dates and days overdue; 50 a page by cursor (due date, id) on
/// the pending calls' partial index, with the true total.
/// </summary>
public sealed class IndexModel(ReadDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = FollowUpCalls.PageSize;

    /// <summary>The views of the queue: <c>now</c> (default: today, then overdue oldest first, then upcoming), <c>today</c>, <c>overdue</c>, <c>all</c> (due order).</summary>
    public static readonly IReadOnlyList<string> Views = FollowUpCalls.Views;

    public FollowUpCalls.Filter F { get; private set; } = new();

    public DateOnly Today { get; private set; }

    public IReadOnlyList<FollowUpFacts> Rows { get; private set; } = [];

    /// <summary>Product categories by name, for the category filter.</summary>
    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    public IReadOnlyList<string> Stations { get; private set; } = [];

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public bool HasMore => Pager.NextUrl is not null;

    /// <summary>The queue (<see cref="FollowUpCalls"/>) and its pager.</summary>
    public async Task OnGetAsync(string? due, string? tech, string? cat, string? station, DateOnly? from, DateOnly? to, int? age, string? after, int? p, CancellationToken cancellationToken)
    {
        Today = clock.Today;
        var queue = await new FollowUpCalls(db, l).LoadAsync(due, tech, cat, station, from, to, age, after, p, ignoreAll: !ModelState.IsValid, Today, cancellationToken);
        (F, FilterIgnored, Total, Rows, Categories, Stations) = (queue.Filter, queue.FilterIgnored, queue.Total, queue.Rows, queue.Categories, queue.Stations);
        Pager = new QueuePager(
            Total,
            queue.PageNumber,
            queue.NextAfter is { } next ? Url.Page("/FollowUps/Index", Values(next, queue.PageNumber + 1)) : null,
            queue.PageNumber > 1 ? Url.Page("/FollowUps/Index", Values(null, null)) : null);
    }

    private RouteValueDictionary Values(string? after, int? page) => new()
    {
        ["due"] = F.Due == "now" ? null : F.Due,
        ["tech"] = F.Tech,
        ["cat"] = F.Category,
        ["station"] = F.Station,
        ["from"] = F.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = F.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["age"] = F.Age,
        ["after"] = after,
        ["p"] = page,
    };
}
