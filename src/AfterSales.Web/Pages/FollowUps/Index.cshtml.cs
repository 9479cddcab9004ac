using AfterSales.Domain.FollowUps;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.FollowingUp;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.FollowUps;

/// <summary>
/// The desk's follow-up call queue: every completed repair waiting for its call, the ones due today or
/// earlier first (overdue flagged), then the upcoming ones; filtered by due date and technician, paged by
/// (due date, id).
/// </summary>
public sealed class IndexModel(AfterSalesDbContext db, CompanyClock clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record Filter
    {
        /// <summary><c>all</c> (default), <c>today</c> (due today or earlier) or <c>overdue</c> (due before today).</summary>
        public string? Due { get; init; }

        public string? Tech { get; init; }

        public DateOnly? AfterDue { get; init; }

        public long? AfterId { get; init; }
    }

    public sealed record TechnicianOption(string Id, string Name);

    public Filter F { get; private set; } = new();

    public DateOnly Today { get; private set; }

    public IReadOnlyList<FollowUpFacts> Rows { get; private set; } = [];

    public IReadOnlyList<TechnicianOption> Technicians { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(string? due, string? tech, DateOnly? afterDue, long? afterId, CancellationToken cancellationToken)
    {
        F = new Filter { Due = due is "today" or "overdue" ? due : "all", Tech = string.IsNullOrWhiteSpace(tech) ? null : tech, AfterDue = afterDue, AfterId = afterId };
        Today = clock.Today;

        var query = db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Pending);
        var today = Today;
        query = F.Due switch
        {
            "today" => query.Where(f => f.DueOn <= today),
            "overdue" => query.Where(f => f.DueOn < today),
            _ => query,
        };
        if (F.Tech is { } technician)
        {
            query = query.Where(f => f.TechnicianId == technician);
        }

        if (F.AfterDue is { } d && F.AfterId is { } i)
        {
            query = query.Where(f => f.DueOn > d || (f.DueOn == d && f.Id > i));
        }

        var page = await query.OrderBy(f => f.DueOn).ThenBy(f => f.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = page.Count > PageSize;
        Rows = await FollowUpFacts.LoadAsync(db, page.Take(PageSize).ToList(), cancellationToken);

        Technicians = await (from p in db.TechnicianProfiles.AsNoTracking()
                             join u in db.Users on p.TechnicianId equals u.Id
                             orderby u.UserName
                             select new TechnicianOption(u.Id, u.FullName + " (" + u.UserName + ")")).ToListAsync(cancellationToken);
    }

    public object NextPage()
    {
        var last = Rows[^1].FollowUp;
        return new { due = F.Due, tech = F.Tech, afterDue = last.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), afterId = last.Id };
    }
}
