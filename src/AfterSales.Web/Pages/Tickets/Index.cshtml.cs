using System.Security.Claims;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// The desk's ticket list: filters, one search box (ticket number, phone, customer name, serial, words in
/// the fault text), newest or oldest first, keyset paging (no OFFSET) so page 1,000 is as fast as page 1. The true
/// total comes from counters the database keeps when they answer the filter (<see cref="TicketCounts"/>), else it is
/// counted after the page has shown.
/// </summary>
public sealed class IndexModel(ReadDbContext db, CompanyClock clock, IOptions<SearchOptions> search, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Longest search text; a longer one is refused with a message, never cut.</summary>
    public const int MaxSearchLength = 100;

    /// <summary>Fewest digits that search phone numbers (the last four, as customers quote them).</summary>
    public const int MinPhoneDigits = 4;

    public sealed record Filter
    {
        public string? Q { get; init; }

        public TicketStatus? Status { get; init; }

        public TicketKind? Kind { get; init; }

        public ContactChannel? Channel { get; init; }

        public WarrantyStatus? Warranty { get; init; }

        public Urgency? Urgency { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        public string? Assignee { get; init; }

        /// <summary>Product category code (chosen by its name).</summary>
        public string? Category { get; init; }

        public bool Oldest { get; init; }

        /// <summary>Keyset cursor: the last row of the previous page, as "ticks.id".</summary>
        public string? After { get; init; }
    }

    public sealed record Row(long Id, string Number, DateTimeOffset CreatedAt, string Customer, string? Model, TicketKind Kind, ContactChannel Channel, Urgency Urgency, TicketStatus Status, WarrantyStatus Warranty, string Fault, string? Assignee);

    [BindProperty(SupportsGet = true)]
    public Filter F { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>Why the search text was not searched (a resource key), when it was refused.</summary>
    public string? SearchRefused { get; private set; }

    /// <summary>Product categories by name, for the category filter.</summary>
    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    /// <summary>
    /// How many tickets match, exact, when the database's kept counters answer it at once (no filter, or only status,
    /// kind, channel, warranty and urgency, or only dates); otherwise null and the count follows the page (ticket-export.js).
    /// </summary>
    public long? Total { get; private set; }

    /// <summary>The saved views already read for a bare address (null: the views bar reads them itself).</summary>
    public SavedViewQueries.Visible? Visible { get; private set; }

    /// <summary>The saved view the list was opened from (query <c>view</c>), kept on the paging links so its tab stays highlighted.</summary>
    public string? OpenView => long.TryParse(Request.Query[SavedViewQueries.ViewKey], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // An address without any filter opens the user's default view (SavedViews), if they chose one. The views
        // bar needs the same read (views, keepers, default): it is done once here and handed to the bar.
        if (Request.Query.Count == 0 && User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } me)
        {
            var visible = await SavedViewQueries.VisibleAsync(db, me, cancellationToken);
            if (visible.DefaultId is { } defaultId && visible.Views.FirstOrDefault(v => v.Id == defaultId) is { } home)
            {
                return Redirect(SavedViewQueries.ListUrl(home.Id, home.Filter));
            }

            Visible = visible;
        }

        var q = F.Q?.Trim();
        if (TicketFilterQuery.Refusal(q) is { } refusal)
        {
            // Said, not cut: a shortened or cleaned word would list tickets the user did not ask for.
            SearchRefused = refusal;
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }

        // Ticket numbers all begin "SR-": only such a search can name one ticket exactly.
        var upper = q?.ToUpperInvariant();
        if (upper is { Length: > 0 } && upper.StartsWith("SR-", StringComparison.Ordinal) && await db.Tickets.AsNoTracking().Where(t => t.Number == upper).Select(t => t.Number).FirstOrDefaultAsync(cancellationToken) is { } exact)
        {
            return RedirectToPage("/Tickets/Details", new { number = exact });
        }

        // A search matches by several routes (text, phone, serial): each route is paged on its own index and
        // the pages are merged, so no route forces a walk through the whole table and none is cut short.
        var parts = await TicketFilterQuery.PartsAsync(db, clock, F, q, cancellationToken);
        var hasCursor = Cursor.TryParse(F.After, out var at, out var id);
        IQueryable<Ticket> After(IQueryable<Ticket> query) =>
            !hasCursor ? query
            // A row comparison, so the index seeks straight to the cursor: page 10,000 reads as few rows as page 1.
            : F.Oldest ? query.Where(t => EF.Functions.GreaterThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(at, id)))
            : query.Where(t => EF.Functions.LessThan(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(at, id)));
        IQueryable<Ticket> Paged(IQueryable<Ticket> query) =>
            (F.Oldest ? After(query).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id) : After(query).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)).Take(PageSize + 1);

        List<Row> rows;
        if (parts is [{ BySet: false } only])
        {
            // One route: the page and its columns in one query (after a look at the newest tickets, for a word).
            rows = string.IsNullOrEmpty(q)
                ? await Project(db, Paged(only.Query)).ToListAsync(cancellationToken)
                : await WordSearchAsync(only.Query, After, Paged, t => Project(db, t), cancellationToken);
        }
        else
        {
            var keys = new List<(DateTimeOffset CreatedAt, long Id)>();
            foreach (var part in parts)
            {
                // Tickets of a small known set of customers or units are few: read them all and order here, rather
                // than let the planner walk the date index hoping to meet them early.
                var query = part.BySet ? After(part.Query) : Paged(part.Query);
                keys.AddRange((await query.Select(t => new { t.CreatedAt, t.Id }).ToListAsync(cancellationToken)).Select(k => (k.CreatedAt, k.Id)));
            }

            var page = (F.Oldest ? keys.Distinct().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id) : keys.Distinct().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id))
                .Take(PageSize + 1).Select(k => k.Id).ToList();
            rows = (await Project(db, db.Tickets.AsNoTracking().Where(t => page.Contains(t.Id))).ToListAsync(cancellationToken))
                .OrderBy(r => page.IndexOf(r.Id)).ToList();
        }

        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextCursor = Cursor.Format(rows[^1].CreatedAt, rows[^1].Id);
        }

        Rows = rows;
        Total = await TicketCounts.FromCountersAsync(db, clock, F, cancellationToken);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// A page of a word search from the <c>Search:NewestWindow</c> (default 2,000) tickets next past the cursor in the
    /// list's order (newest or oldest first) first. When they hold a whole page
    /// it is exactly the page a search of every ticket gives (any other match lies beyond all of them). A word common in
    /// history (制冷, 不制冷) is found here in a millisecond, where the word index would fetch every one of its tens of
    /// thousands of tickets to sort them; the planner cannot see that coming, since it takes a word's character pairs to
    /// be independent. Bitmap scans are off for this one query so it walks the date index.
    /// </summary>
    private async Task<List<T>> WordSearchAsync<T>(IQueryable<Ticket> matches, Func<IQueryable<Ticket>, IQueryable<Ticket>> after, Func<IQueryable<Ticket>, IQueryable<Ticket>> paged, Func<IQueryable<Ticket>, IQueryable<T>> shape, CancellationToken cancellationToken)
    {
        var next = after(db.Tickets.AsNoTracking());
        var edge = await (F.Oldest ? next.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id) : next.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id))
            .Skip(search.Value.NewestWindow).Select(t => new { t.CreatedAt, t.Id }).FirstOrDefaultAsync(cancellationToken);
        if (edge is not null)
        {
            var window = paged(F.Oldest
                ? matches.Where(t => EF.Functions.LessThanOrEqual(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(edge.CreatedAt, edge.Id)))
                : matches.Where(t => EF.Functions.GreaterThanOrEqual(ValueTuple.Create(t.CreatedAt, t.Id), ValueTuple.Create(edge.CreatedAt, edge.Id))));
            var rows = await InTransactionWithAsync("SET LOCAL enable_bitmapscan = off", shape(window), cancellationToken);
            if (rows.Count > PageSize)
            {
                return rows;
            }
        }

        // The window could not answer: read the matches through the word index. Every match is fetched and sorted, at a
        // cost that follows how many tickets hold the word (few, or the window would have held a page). Walking the
        // date index instead, as the planner prefers on its guess of the word's frequency, reads the whole table for a
        // word no ticket holds (a name never met: 8 s at 1M tickets).
        return await InTransactionWithAsync("SET LOCAL enable_indexscan = off", shape(paged(matches)), cancellationToken);
    }

    private async Task<List<T>> InTransactionWithAsync<T>(string setting, IQueryable<T> query, CancellationToken cancellationToken) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(setting, cancellationToken);
            var found = await query.ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return found;
        });

    /// <summary>The list's columns for <paramref name="tickets"/>, as the list and its export read them.</summary>
    public static IQueryable<Row> Project(AfterSalesDbContext db, IQueryable<Ticket> tickets) => tickets.Select(t => new Row(
        t.Id,
        t.Number,
        t.CreatedAt,
        db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(),
        db.ProductModels.Where(m => m.Id == t.ProductModelId).Select(m => m.Code).FirstOrDefault(),
        t.Kind,
        t.Channel,
        t.Urgency,
        t.Status,
        t.WarrantyStatus,
        t.FaultDescription,
        db.Users.Where(u => u.Id == t.AssignedTechnicianId).Select(u => u.FullName).FirstOrDefault()));

    /// <summary>The category filter's choices (the catalog is small: read whole).</summary>
    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);

    public Dictionary<string, string?> RouteFor(string? after) => new()
    {
        ["F.Q"] = F.Q,
        ["F.Status"] = F.Status?.ToString(),
        ["F.Kind"] = F.Kind?.ToString(),
        ["F.Channel"] = F.Channel?.ToString(),
        ["F.Warranty"] = F.Warranty?.ToString(),
        ["F.Urgency"] = F.Urgency?.ToString(),
        ["F.From"] = F.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["F.To"] = F.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["F.Assignee"] = F.Assignee,
        ["F.Category"] = F.Category,
        ["F.Oldest"] = F.Oldest ? "true" : null,
        ["F.After"] = after,
        [SavedViewQueries.ViewKey] = OpenView,
    };

    /// <summary>The keyset cursor in the URL: creation instant in ticks and the id.</summary>
    public static class Cursor
    {
        public static string Format(DateTimeOffset at, long id) => FormattableString.Invariant($"{at.UtcTicks}.{id}");

        public static bool TryParse(string? value, out DateTimeOffset at, out long id)
        {
            at = default;
            id = 0;
            var parts = value?.Split('.');
            if (parts is not [var ticks, var key] || !long.TryParse(ticks, out var t) || !long.TryParse(key, out id) || t < 0 || t > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            at = new DateTimeOffset(t, TimeSpan.Zero);
            return true;
        }
    }
}
