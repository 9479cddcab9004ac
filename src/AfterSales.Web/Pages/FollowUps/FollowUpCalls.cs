using AfterSales.Domain.FollowUps;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.FollowUps;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.FollowUps;

/// <summary>
/// The calls of the follow-up queue (<c>/FollowUps</c>): pending calls, today's first, then the overdue ones oldest first,
/// then the upcoming ones (or only today's, only the overdue, all in due order), filtered by technician, station,
/// product category, due dates and days overdue; 50 a page by cursor (due date, id) on the pending calls' partial
/// index, with the true total.
/// </summary>
public sealed class FollowUpCalls(ReadDbContext db, IStringLocalizer<SharedResource> l)
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

    /// <param name="Filter">The filter as used (values the queue cannot use dropped).</param>
    /// <param name="NextAfter">The next page's cursor, null on the last page.</param>
    public sealed record Page(Filter Filter, bool FilterIgnored, int Total, int PageNumber, string? NextAfter, IReadOnlyList<FollowUpFacts> Rows, IReadOnlyList<CategoryName> Categories, IReadOnlyList<string> Stations);

    /// <param name="ignoreAll">The query string did not bind: every filter is dropped and the page says so.</param>
    public async Task<Page> LoadAsync(string? due, string? tech, string? cat, string? station, DateOnly? from, DateOnly? to, int? age, string? after, int? p, bool ignoreAll, DateOnly today, CancellationToken cancellationToken)
    {
        var input = new QueueInput();
        if (ignoreAll)
        {
            input.Ignore();
        }

        var view = input.Text(due, 16);
        if (view is not null && !Views.Contains(view))
        {
            input.Ignore();
            view = null;
        }

        var filter = new Filter { Due = view ?? "now", Tech = input.Text(tech, 450), Category = input.Text(cat, 32), Station = input.Text(station, 256), From = input.Date(from), To = input.Date(to), Age = input.Days(age) };
        var cursor = input.DayCursor(after);
        var pageNumber = cursor is null ? 1 : input.Page(p);

        var query = db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending);
        query = filter.Due switch
        {
            "today" => query.Where(f => f.DueOn == today),
            "overdue" => query.Where(f => f.DueOn < today),
            _ => query,
        };
        if (filter.Tech is { } typed)
        {
            // Typed as a user name or an employee number, or an id from a link: the calls are filtered by the id.
            var normalized = typed.ToUpperInvariant();
            var technician = await db.Users.AsNoTracking().Where(u => u.Id == typed || u.NormalizedUserName == normalized || u.EmployeeNo == typed)
                .Select(u => u.Id).FirstOrDefaultAsync(cancellationToken) ?? typed;
            query = query.Where(f => f.TechnicianId == technician);
        }

        var categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        if (filter.Category is { } code)
        {
            if (categories.All(c => c.Code != code))
            {
                input.Ignore();
                filter = filter with { Category = null };
            }
            else
            {
                // The catalog is small: the category's models are read first, so the planner sees the few ids it filters by.
                var models = await db.ProductModels.AsNoTracking().Where(m => db.ProductCategories.Any(c => c.Id == m.CategoryId && c.Code == code)).Select(m => (long?)m.Id).ToListAsync(cancellationToken);
                query = query.Where(f => db.Tickets.Any(t => t.Id == f.TicketId && models.Contains(t.ProductModelId)));
            }
        }

        if (filter.Station is { } stationName)
        {
            query = query.Where(f => db.Users.Any(u => u.Id == f.TechnicianId && u.Department == stationName));
        }

        if (filter.From is { } fromDay)
        {
            query = query.Where(f => f.DueOn >= fromDay);
        }

        if (filter.To is { } toDay)
        {
            query = query.Where(f => f.DueOn <= toDay);
        }

        if (filter.Age is { } days)
        {
            var dueBy = today.AddDays(-days);
            query = query.Where(f => f.DueOn <= dueBy);
        }

        var total = await query.CountAsync(cancellationToken);

        List<FollowUp> rows;
        if (filter.Due == "now")
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
        var facts = await FollowUpFacts.LoadAsync(db, shown, cancellationToken);
        var nextAfter = rows.Count > PageSize ? QueueInput.After(shown[^1].DueOn, shown[^1].Id) : null;
        var stations = await (from profile in db.TechnicianProfiles.AsNoTracking()
                              join u in db.Users on profile.TechnicianId equals u.Id
                              where u.Department != null
                              select u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        return new Page(filter, input.Ignored, total, pageNumber, nextAfter, facts, categories, stations);
    }
}
