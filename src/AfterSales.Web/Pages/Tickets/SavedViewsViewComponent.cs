using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>The ticket list's views bar: the user's and the team's saved views as tabs, and what can be done with the open one.</summary>
public sealed class SavedViewsViewComponent(AfterSalesDbContext db) : ViewComponent
{
    public sealed record Bar(
        IReadOnlyList<SavedView> Views,
        IReadOnlyDictionary<string, string> Owners,
        long? DefaultId,
        SavedView? Active,
        TicketListFilter Current,
        ViewActor Me)
    {
        /// <summary>The list shows other filters than the open view keeps: offer to update the view.</summary>
        public bool ActiveChanged => Active is not null && Active.Filter.Normalized() != Current;
    }

    /// <param name="filter">The filters the list shows.</param>
    /// <param name="visible">The views when the page has read them already (a bare list address reads them to find the default).</param>
    public async Task<IViewComponentResult> InvokeAsync(IndexModel.Filter filter, SavedViewQueries.Visible? visible = null)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var me = await SavedViewQueries.ActorAsync(HttpContext);
        var (views, owners, defaultId) = visible ?? await SavedViewQueries.VisibleAsync(db, me.UserId, cancellationToken);
        var active = long.TryParse(Request.Query[SavedViewQueries.ViewKey], out var id) ? views.FirstOrDefault(v => v.Id == id) : null;
        return View("/Pages/Tickets/_SavedViews.cshtml", new Bar(views, owners, defaultId, active, SavedViewQueries.FromFilter(filter), me));
    }
}
