using System.Globalization;
using System.Security.Claims;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// Saved views of the ticket list: who may do what (a dispatcher — 客服主管 — or a manager shares views with the team; a
/// manager also looks after shared views), which views a user sees, and the list address a view opens.
/// </summary>
public static class SavedViewQueries
{
    /// <summary>The query key naming the view the list was opened from.</summary>
    public const string ViewKey = "view";

    /// <summary>The list without any view (not even the default).</summary>
    public const string AllUrl = "/Tickets?all=1";

    /// <summary>The signed-in user as the saved views see them: who they are, whether they share views (<see cref="Policies.ShareViews"/>), whether they look after the team's (<see cref="Policies.Manager"/>).</summary>
    public static async Task<ViewActor> ActorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return new(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            await authorization.AllowsAsync(user, Policies.ShareViews),
            await authorization.AllowsAsync(user, Policies.Manager));
    }

    /// <summary>What the views bar and the views page show: the views a user sees, who keeps each, and their default.</summary>
    public sealed record Visible(List<SavedView> Views, Dictionary<string, string> Owners, long? DefaultId);

    /// <summary>
    /// The user's own views, then the team's shared views, each by name, with each keeper's full name and which one
    /// is the user's default, in one query (the list shows them on every page).
    /// </summary>
    public static async Task<Visible> VisibleAsync(AfterSalesDbContext db, string userId, CancellationToken cancellationToken)
    {
        var rows = await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == userId || v.IsShared)
            .Select(v => new
            {
                View = v,
                Owner = db.Users.Where(u => u.Id == v.OwnerId).Select(u => u.FullName).FirstOrDefault(),
                IsDefault = db.SavedViewDefaults.Any(d => d.UserId == userId && d.ViewId == v.Id),
            })
            .ToListAsync(cancellationToken);
        var views = rows.Select(r => r.View).OrderBy(v => v.OwnerId == userId ? 0 : 1).ThenBy(v => v.Name, StringComparer.CurrentCulture).ThenBy(v => v.Id).ToList();
        var owners = rows.Where(r => r.Owner is not null).GroupBy(r => r.View.OwnerId).ToDictionary(g => g.Key, g => g.First().Owner!);
        return new(views, owners, rows.Where(r => r.IsDefault).Select(r => (long?)r.View.Id).FirstOrDefault());
    }

    public static IndexModel.Filter ToFilter(TicketListFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new()
        {
            Q = f.Q,
            Status = f.Status,
            Kind = f.Kind,
            Channel = f.Channel,
            Warranty = f.Warranty,
            Urgency = f.Urgency,
            From = f.From,
            To = f.To,
            Assignee = f.Assignee,
            Oldest = f.Oldest,
            Category = f.Category,
        };
    }

    public static TicketListFilter FromFilter(IndexModel.Filter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new TicketListFilter(f.Q, f.Status, f.Kind, f.Channel, f.Warranty, f.Urgency, f.From, f.To, f.Assignee, f.Oldest, f.Category).Normalized();
    }

    /// <summary>The filter as the list's query string (F.Status=…), without a page cursor.</summary>
    public static Dictionary<string, string?> Query(TicketListFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["F.Q"] = f.Q,
            ["F.Status"] = f.Status?.ToString(),
            ["F.Kind"] = f.Kind?.ToString(),
            ["F.Channel"] = f.Channel?.ToString(),
            ["F.Warranty"] = f.Warranty?.ToString(),
            ["F.Urgency"] = f.Urgency?.ToString(),
            ["F.From"] = f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["F.To"] = f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["F.Assignee"] = f.Assignee,
            ["F.Category"] = f.Category,
            ["F.Oldest"] = f.Oldest ? "true" : null,
        };
        return query.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The list opened on a view: its filters in the address (so it can be bookmarked and exported) and its id.</summary>
    public static string ListUrl(long viewId, TicketListFilter f)
    {
        var query = Query(f);
        query[ViewKey] = viewId.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/Tickets", query);
    }
}
