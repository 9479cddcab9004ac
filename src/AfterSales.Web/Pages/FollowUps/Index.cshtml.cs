using AfterSales.Domain.FollowUps;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.FollowUps;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
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
    public const int PageSize = QueueInput.PageSize;

    /// <summary>The views of the queue: <c>now</c> (default: today, then overdue oldest first, then upcoming), <c>today</c>, <c>overdue</c>, <c>all</c> (due order).</summary>
    public static readonly IReadOnlyList<string> Views = ["now", "today", "overdue", "all"];

    public sealed record Filter
    {
        public string Due { get; init; } = "now";

        public string? Tech { get; init; }

        /// <summary>Product category code (chosen by its name).</summary>
        public string? Category { get; init; }

        /// <summary>The technician's station (department).</summary>
        public string? Station { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        /// <summary>At least this many days past due.</summary>
        public int? Age { get; init; }
    }

    public Filter F { get; private set; } = new();

    public DateOnly Today { get; private set; }

    public IReadOnlyList<FollowUpFacts> Rows { get; private set; } = [];

    /// <summary>Product categories by name, for the category filter.</summary>
    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    public IReadOnlyList<string> Stations { get; private set; } = [];

    public int Total { get; private set; }

    public bool FilterIgnored { get; private set; }

    public QueuePager Pager { get; private set; } = new(0, 1, null, null);

    public bool HasMore => Pager.NextUrl is not null;

    public async Task OnGetAsync(string? due, string? tech, string? cat, string? station, DateOnly? from, DateOnly? to, int? age, string? after, int? p, CancellationToken cancellationToken)
    {
        var input = new QueueInput();
        if (!ModelState.IsValid)
        {
            input.Ignore();
        }

        var view = input.Text(due, 16);
        if (view is not null && !Views.Contains(view))
        {
            input.Ignore();
            view = null;
        }

        F = new Filter { Due = view ?? "now", Tech = input.Text(tech, 450), Category = input.Text(cat, 32), Station = input.Text(station, 256), From = input.Date(from), To = input.Date(to), Age = input.Days(age) };
        var cursor = input.DayCursor(after);
        var pageNumber = cursor is null ? 1 : input.Page(p);
        Today = clock.Today;
        var today = Today;

        var query = db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending);
        query = F.Due switch
        {
            "today" => query.Where(f => f.DueOn == today),
            "overdue" => query.Where(f => f.DueOn < today),
            _ => query,
        };
        if (F.Tech is { } typed)
        {
            // Typed as a user name or an employee number, or an id from a link: the calls are filtered by the id.
            var normalized = typed.ToUpperInvariant();
            var technician = await db.Users.AsNoTracking().Where(u => u.Id == typed || u.NormalizedUserName == normalized || u.EmployeeNo == typed)
                .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? typed;
            query = query.Where(f => f.TechnicianId == technician);
        }

        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        if (F.Category is { } code)
        {
            if (Categories.All(c => c.Code != code))
            {
                input.Ignore();
                F = F with { Category = null };
            }
            else
            {
                // The catalog is small: the category's models are read first, so the planner sees the few ids it filters by.
                var models = await db.ProductModels.AsNoTracking().Where(m => db.ProductCategories.Any(c => c.Id == m.CategoryId && c.Code == code)).Select(m => (long?)m.Id).ToListAsync(cancellationToken);
                query = query.Where(f => db.Tickets.Any(t => t.Id == f.TicketId && models.Contains(t.ProductModelId)));
            }
        }

        if (F.Station is { } stationName)
        {
            query = query.Where(f => db.Users.Any(u => u.Id == f.TechnicianId && u.Department == stationName));
        }

        if (F.From is { } fromDay)
        {
            query = query.Where(f => f.DueOn >= fromDay);
        }

        if (F.To is { } toDay)
        {
            query = query.Where(f => f.DueOn <= toDay);
        }

        if (F.Age is { } days)
        {
            var dueBy = today.AddDays(-days);
            query = query.Where(f => f.DueOn <= dueBy);
        }

        Total = await query.CountAsync(cancellationToken);

        List<FollowUp> rows;
        if (F.Due == "now")
        {
            // Today's calls first (by id), then everything else in due order: overdue oldest first, then upcoming.
            rows = [];
            if (cursor is null || cursor.Value.Day == today)
            {
                var afterId = cursor?.Id ?? 0;
                rows.AddRange(await query.Where(f => f.DueOn == today && f.Id > afterId).OrderBy(f => f.Id).Take(PageSize + 1).ToListAsync(cancellationToken));
            }

            if (rows.Count <= PageSize)
            {
                var rest = query.Where(f => f.DueOn != today);
                if (cursor is { } c && c.Day != today)
                {
                    rest = rest.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.DueOn, f.Id), ValueTuple.Create(c.Day, c.Id)));
                }

                rows.AddRange(await rest.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(PageSize + 1 - rows.Count).ToListAsync(cancellationToken));
            }
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(f => EF.Functions.GreaterThan(ValueTuple.Create(f.DueOn, f.Id), ValueTuple.Create(c.Day, c.Id)));
            }

            rows = await query.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var shown = rows.Take(PageSize).ToList();
        Rows = await FollowUpFacts.LoadAsync(db, shown, cancellationToken);
        FilterIgnored = input.Ignored;
        Pager = new QueuePager(
            Total,
            pageNumber,
            rows.Count > PageSize ? Url.Page("/FollowUps/Index", Values(QueueInput.After(shown[^1].DueOn, shown[^1].Id), pageNumber + 1)) : null,
            pageNumber > 1 ? Url.Page("/FollowUps/Index", Values(null, null)) : null);

        Stations = await (from profile in db.TechnicianProfiles.AsNoTracking()
                          join u in db.Users on profile.TechnicianId equals u.Id
                          where u.Department != null
                          select u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
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
