using System.Globalization;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Technicians;

/// <summary>
/// The technicians list of <c>/Technicians</c>: a page of technicians in rotation order (keyset on the position),
/// filtered by station and skill, with the true total, today's status and their leave from 30 days ago on.
/// </summary>
public sealed class TechnicianList(AfterSalesDbContext db, IStringLocalizer<SharedResource> l)
{
    public const int PageSize = 50;

    public sealed record Row(string Id, string Name, string UserName, int Position, IReadOnlyList<string> Skills, int Limit, decimal HourlyRate, TechnicianStatusToday Status, bool Disabled);

    public sealed record AbsenceView(long Id, string Technician, DateOnly From, DateOnly To, AvailabilityKind Kind, string? Note);

    /// <param name="Station">The station filter as used (dropped when unusable).</param>
    /// <param name="Skill">The skill filter as used (dropped when unusable).</param>
    public sealed record Page(
        string? Station,
        string? Skill,
        bool FilterIgnored,
        int Total,
        int PageNumber,
        int? NextAfter,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<string> Stations,
        IReadOnlyList<(string Code, string Name)> Skills,
        IReadOnlyList<AbsenceView> Absences);

    /// <param name="after">Rotation position of the last technician on the previous page (keyset); null on the first page.</param>
    /// <param name="pageText">The page number shown (a label: the cursor does the work).</param>
    public async Task<Page> LoadAsync(string? stationText, string? skillText, string? afterText, string? pageText, DateOnly today, CancellationToken cancellationToken)
    {
        var categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        var input = new QueueInput();
        var stationShown = input.Text(stationText, 100);
        var skillShown = input.Text(skillText, 32);
        var all = from p in db.TechnicianProfiles.AsNoTracking()
                  join u in db.Users on p.TechnicianId equals u.Id
                  select new { p, u.FullName, u.UserName, u.IsDisabled, u.Department };
        var page = all;
        if (stationShown is { } station)
        {
            page = page.Where(x => x.Department == station);
        }

        if (skillShown is { } skill)
        {
            page = page.Where(x => x.p.Skills.Contains(skill));
        }

        var total = await page.CountAsync(cancellationToken);
        var pageNumber = 1;
        if (int.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            page = page.Where(x => x.p.Position > after);
            pageNumber = int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 1 and <= 100_000 ? n : 2;
        }

        var profiles = await page.OrderBy(x => x.p.Position).Take(PageSize + 1).ToListAsync(cancellationToken);
        int? nextAfter = null;
        if (profiles.Count > PageSize)
        {
            profiles.RemoveAt(PageSize);
            nextAfter = profiles[^1].p.Position;
        }

        var stations = await all.Where(x => x.Department != null).Select(x => x.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        List<(string Code, string Name)> skills = [.. (await db.ProductCategories.AsNoTracking().Select(k => k.Code).ToListAsync(cancellationToken)).Select(c => (c, categories.Of(c))).OrderBy(k => k.Item2, StringComparer.CurrentCulture)];
        var ids = profiles.Select(x => x.p.TechnicianId).ToList();
        var absences = await db.Availability.AsNoTracking().Where(a => ids.Contains(a.TechnicianId) && a.To >= today.AddDays(-30)).OrderBy(a => a.From).ToListAsync(cancellationToken);
        List<Row> rows = [.. profiles.Select(x => new Row(
            x.p.TechnicianId,
            x.FullName,
            x.UserName ?? "",
            x.p.Position,
            [.. x.p.Skills.Select(s => categories.Of(s))],
            x.p.OpenJobLimit,
            x.p.HourlyRate,
            Dispatch.BoardQuery.StatusOf(absences.Where(a => a.TechnicianId == x.p.TechnicianId && a.Covers(today))),
            x.IsDisabled))];
        var names = profiles.ToDictionary(x => x.p.TechnicianId, x => x.FullName + " (" + x.UserName + ")");
        List<AbsenceView> shown = [.. absences.Select(a => new AbsenceView(a.Id, names.GetValueOrDefault(a.TechnicianId, a.TechnicianId), a.From, a.To, a.Kind, a.Note))];
        return new Page(stationShown, skillShown, input.Ignored, total, pageNumber, nextAfter, rows, stations, skills, shown);
    }
}
