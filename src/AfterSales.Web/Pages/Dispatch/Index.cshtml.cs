using System.Globalization;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Identity;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Dispatch;

/// <summary>
/// The dispatcher's board, one section at a time so the page stays short: tickets waiting for a visit
/// (emergencies first, then oldest; filtered by category, urgency, warranty, age, dates and ticket number),
/// each technician's load today, open work orders by repair deadline, and for managers the overdue ones.
/// The filter and its cleaning are <see cref="BoardFilter"/>; what each section reads is <see cref="BoardQuery"/>.
/// </summary>
public sealed class IndexModel(ReadDbContext db, WorkCalendar workCalendar, CompanyClock clock, IValidator<BoardFilter> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    public const string WaitingView = "waiting";
    public const string LoadView = "load";
    public const string OrdersView = "orders";
    public const string OverdueView = "overdue";

    /// <summary>Longest text the ticket-number search accepts.</summary>
    public const int MaxSearchLength = BoardFilter.MaxSearchLength;

    [BindProperty(SupportsGet = true)]
    public BoardFilter F { get; set; } = new();

    public string View { get; private set; } = WaitingView;

    public bool IsManager { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<CategoryName> Categories { get; private set; } = [];

    /// <summary>Filter problems, by field name (F.Q, F.From …), in the user's language; the filter is then left out.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<BoardQuery.WaitingTicket> Waiting { get; private set; } = [];

    /// <summary>Waiting tickets matching the filters, per urgency (their sum is the section's true total).</summary>
    public IReadOnlyDictionary<Urgency, int> WaitingByUrgency { get; private set; } = new Dictionary<Urgency, int>();

    public int WaitingTotal { get; private set; }

    public IReadOnlyList<BoardQuery.TechnicianLoad> Technicians { get; private set; } = [];

    public int TechnicianTotal { get; private set; }

    public IReadOnlyList<BoardQuery.OpenWorkOrder> WorkOrders { get; private set; } = [];

    public int OpenTotal { get; private set; }

    public int OverdueTotal { get; private set; }

    /// <summary>Cursor of the next page of the shown section (null on its last page).</summary>
    public string? NextCursor { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    public bool HasFilters => F.HasFilters;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Today = clock.Today;
        IsManager = await this.AllowsAsync(Policies.Manager);
        Categories = await CategoryNames.LoadAsync(db, l, cancellationToken);
        F = BoardFilter.Clean(F, ModelState, validator, Categories, Errors, l);
        View = F.View switch
        {
            LoadView => LoadView,
            OrdersView => OrdersView,
            OverdueView when IsManager => OverdueView,
            _ => WaitingView,
        };
        PageNumber = F.After is null ? 1 : F.Page ?? 1;
        var calendar = await workCalendar.GetAsync(cancellationToken);
        var board = new BoardQuery(db, clock, F, Categories, Today, View);
        await board.NarrowAsync(cancellationToken);

        var (waiting, open) = await WaitingCounters.ReadAsync(db, board.CategoryId, cancellationToken);
        WaitingByUrgency = await board.CountWaitingAsync(waiting, cancellationToken);
        WaitingTotal = WaitingByUrgency.Values.Sum();
        OpenTotal = open;
        OverdueTotal = await board.OverdueTotalAsync(cancellationToken);
        TechnicianTotal = await board.TechnicianTotalAsync(cancellationToken);

        switch (View)
        {
            case LoadView:
                (Technicians, NextCursor) = await board.TechniciansAsync(cancellationToken);
                break;
            case OrdersView:
            case OverdueView:
                (WorkOrders, NextCursor) = await board.OrdersAsync(calendar, View == OverdueView, cancellationToken);
                break;
            default:
                (Waiting, NextCursor) = await board.WaitingAsync(calendar, WaitingByUrgency, cancellationToken);
                break;
        }

        return Page();
    }

    /// <summary>The board's address for a section, keeping the filters, at the page starting after <paramref name="after"/>.</summary>
    public string Link(string view, string? after = null, int page = 1, bool keepFilters = true)
    {
        var query = new Dictionary<string, string?>();
        if (view != WaitingView)
        {
            query["F.View"] = view;
        }

        if (keepFilters)
        {
            query["F.Cat"] = F.Cat;
            if (view == WaitingView)
            {
                query["F.Urgency"] = F.Urgency?.ToString();
                query["F.Warranty"] = F.Warranty?.ToString();
                query["F.Age"] = F.Age?.ToString(CultureInfo.InvariantCulture);
                query["F.From"] = F.From is { } from ? Day(from) : null;
                query["F.To"] = F.To is { } to ? Day(to) : null;
                query["F.Q"] = F.Q;
            }
        }

        if (after is not null)
        {
            query["F.After"] = after;
            query["F.Page"] = page.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString("/Dispatch", query.Where(kv => kv.Value is not null));
    }

    public static string Day(DateOnly day) => BoardFilter.Day(day);
}

/// <summary>The pager under a board section: page n of N (from the true total), first page and next page.</summary>
public sealed record BoardPager(IndexModel Board, int Total);
