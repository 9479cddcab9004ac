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

    [BindProperty(SupportsGet = true)]
    public Filter F { get; set; } = new();

    public IReadOnlyList<TicketListQuery.Row> Rows { get; private set; } = [];

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
        (Rows, NextCursor) = await new TicketListQuery(db, search.Value).LoadAsync(parts, F, q, cancellationToken);
        Total = await TicketCounts.FromCountersAsync(db, clock, F, cancellationToken);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

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
}
