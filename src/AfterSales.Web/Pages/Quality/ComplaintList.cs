using System.Globalization;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Quality;
using AfterSales.Web.Infrastructure.Queues;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Quality;

/// <summary>
/// The complaint ledger's list (<c>/Quality/Complaints</c>): the open queue (not classified or not resolved, oldest
/// first) or the whole ledger (newest first), filtered by stage, class, category, model, dates, age and overdue
/// reporting, 50 a page by cursor (recorded at, id) with the true total, each row with the names it shows.
/// </summary>
public sealed class ComplaintList(ReadDbContext read, CompanyClock clock, QualityOptions settings)
{
    public const int PageSize = QueueInput.PageSize;

    /// <summary>The views: <c>open</c> (default: not classified or not resolved, oldest first) and <c>all</c> (newest first).</summary>
    public static readonly IReadOnlyList<string> Views = ["open", "all"];

    public sealed record Filter
    {
        public string? View { get; init; }

        /// <summary>Product category id (listed by name).</summary>
        public long? Category { get; init; }

        /// <summary>Recorded at least this many days ago.</summary>
        public int? Age { get; init; }

        /// <summary>Cursor: the last row of the previous page.</summary>
        public string? After { get; init; }

        /// <summary>The page number shown (query key <c>p</c>; <c>page</c> is the Razor Pages route value).</summary>
        public int? P { get; init; }

        public ComplaintStage? Stage { get; init; }

        public QualityClass? Class { get; init; }

        public bool Unclassified { get; init; }

        public long? Model { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        public bool Overdue { get; init; }
    }

    public sealed record Row(Complaint Complaint, string TicketNumber, string CustomerName, string? Model, string? RelatedNumber, string HandlerName, string? ReportedToName, QualityReportStatus? ReportStatus, bool ShouldReport);

    public sealed record Option(string Value, string Text);

    /// <param name="Filter">The filter as used (values the ledger cannot use dropped; the view settled).</param>
    /// <param name="NextAfter">The next page's cursor, null on the last page.</param>
    public sealed record Page(Filter Filter, bool FilterIgnored, int Total, int PageNumber, string? NextAfter, IReadOnlyList<Row> Rows, IReadOnlyList<Option> Models, IReadOnlyList<Option> Categories);

    /// <summary>Drops what the ledger cannot use from the query string (the page says so) and settles the view.</summary>
    private static (Filter Filter, QueueInput Input, (DateTimeOffset At, long Id)? Cursor, int Page) Settle(Filter f, bool ignoreAll)
    {
        var input = new QueueInput();
        if (ignoreAll)
        {
            input.Ignore();
        }

        var view = input.Text(f.View, 16);
        if (view is not null && !Views.Contains(view))
        {
            input.Ignore();
            view = null;
        }

        if (f.Category is <= 0 || f.Model is <= 0)
        {
            input.Ignore();
        }

        f = f with
        {
            View = view ?? "open",
            Stage = input.Enum(f.Stage),
            Class = input.Enum(f.Class),
            Category = f.Category is > 0 ? f.Category : null,
            Model = f.Model is > 0 ? f.Model : null,
            From = input.Date(f.From),
            To = input.Date(f.To),
            Age = input.Days(f.Age),
        };
        var cursor = input.InstantCursor(f.After);
        return (f, input, cursor, cursor is null ? 1 : input.Page(f.P));
    }

    /// <param name="ignoreAll">The query string did not bind: every filter is dropped and the page says so.</param>
    public async Task<Page> LoadAsync(Filter raw, bool ignoreAll, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var overdueBefore = now - settings.ReportUpAllowed;
        var (f, input, cursor, pageNumber) = Settle(raw, ignoreAll);
        var query = read.Complaints.AsNoTracking();
        if (f.View == "open")
        {
            query = query.Where(c => c.Class == null || c.Stage != ComplaintStage.Resolved);
        }

        if (f.Category is { } category)
        {
            // The category's few models are read first: the planner then knows how many complaints it filters to.
            var categoryModels = await read.ProductModels.AsNoTracking().Where(m => m.CategoryId == category).Select(m => (long?)m.Id).ToListAsync(cancellationToken);
            query = query.Where(c => categoryModels.Contains(c.ProductModelId));
        }

        if (f.Age is { } age)
        {
            var recordedBefore = clock.StartOfDay(clock.Today.AddDays(1 - age));
            query = query.Where(c => c.RecordedAt < recordedBefore);
        }

        if (f.Stage is { } stage)
        {
            query = query.Where(c => c.Stage == stage);
        }

        if (f.Class is { } cls)
        {
            query = query.Where(c => c.Class == cls || (c.Class == null && c.ProposedClass == cls));
        }

        if (f.Unclassified)
        {
            query = query.Where(c => c.Class == null);
        }

        if (f.Model is { } model)
        {
            query = query.Where(c => c.ProductModelId == model);
        }

        if (f.From is { } from)
        {
            var start = clock.StartOfDay(from);
            query = query.Where(c => c.RecordedAt >= start);
        }

        if (f.To is { } to)
        {
            var end = clock.StartOfDay(to.AddDays(1));
            query = query.Where(c => c.RecordedAt < end);
        }

        if (f.Overdue)
        {
            query = query.Where(c => c.Stage != ComplaintStage.Resolved && c.ReportedUpAt == null && c.RecordedAt < overdueBefore);
        }

        var total = await query.CountAsync(cancellationToken);

        // The open queue is worked oldest first; the whole ledger is read newest first. Both page by (recorded at, id).
        List<Complaint> page;
        if (f.View == "open")
        {
            if (cursor is { } c)
            {
                query = query.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.RecordedAt, x.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderBy(x => x.RecordedAt).ThenBy(x => x.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            if (cursor is { } c)
            {
                query = query.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.RecordedAt, x.Id), ValueTuple.Create(c.At, c.Id)));
            }

            page = await query.OrderByDescending(x => x.RecordedAt).ThenByDescending(x => x.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        }

        var complaints = page.Take(PageSize).ToList();
        var nextAfter = page.Count > PageSize ? QueueInput.After(complaints[^1].RecordedAt, complaints[^1].Id) : null;

        // The daily classification starts from the system's proposal, worked out when each complaint was recorded
        // (and by the daily scan). One loaded in bulk without one gets it worked out here for display; reading never writes.
        var unproposed = complaints.Where(c => c.Class is null && c.ProposedClass is null).ToList();
        if (unproposed.Count > 0)
        {
            await ComplaintLedger.ProposeAsync(read, unproposed, settings.Classification, clock, cancellationToken);
        }

        var ticketIds = complaints.Select(c => c.TicketId).Concat(complaints.Select(c => c.RelatedTicketId).OfType<long>()).Distinct().ToList();
        var numbers = await read.Tickets.AsNoTracking().Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, cancellationToken);
        var customerIds = complaints.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await read.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var models = await read.ProductModels.AsNoTracking().OrderBy(m => m.Code).Select(m => new { m.Id, m.Code, m.Name }).ToListAsync(cancellationToken);
        var modelNames = models.ToDictionary(m => m.Id, m => m.Code);
        var categories = await read.ProductCategories.AsNoTracking().OrderBy(k => k.Name).Select(k => new Option(k.Id.ToString(CultureInfo.InvariantCulture), k.Name)).ToListAsync(cancellationToken);
        var userIds = complaints.Select(c => c.HandlerId).Concat(complaints.Select(c => c.ReportedUpTo).OfType<string>()).Distinct().ToList();
        var users = await read.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName + " (" + u.UserName + ")", cancellationToken);
        var reportIds = complaints.Select(c => c.QualityReportId).OfType<long>().Distinct().ToList();
        var reports = await read.QualityReports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status, cancellationToken);
        var rows = complaints.Select(c => new Row(
            c,
            numbers.GetValueOrDefault(c.TicketId, "—"),
            customers.GetValueOrDefault(c.CustomerId, "—"),
            c.ProductModelId is { } m ? modelNames.GetValueOrDefault(m) : null,
            c.RelatedTicketId is { } r ? numbers.GetValueOrDefault(r) : null,
            users.GetValueOrDefault(c.HandlerId, c.RecordedBy),
            c.ReportedUpTo is { } to ? users.GetValueOrDefault(to, to) : null,
            c.QualityReportId is { } q && reports.TryGetValue(q, out var status) ? status : null,
            c.ShouldHaveBeenReported(now, settings.ReportUpAllowed))).ToList();
        return new Page(
            f,
            input.Ignored,
            total,
            pageNumber,
            nextAfter,
            rows,
            [.. models.Select(m => new Option(m.Id.ToString(CultureInfo.InvariantCulture), m.Code + " · " + m.Name))],
            categories);
    }
}
