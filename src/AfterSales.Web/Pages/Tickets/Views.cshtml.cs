using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Data.Configurations;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Changes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// /Tickets/Views: the ticket list's saved views. The list's views bar posts here (save the current filters under a
/// name, update a view with them, rename, share, delete, choose the default); a refused change is shown here with the
/// reason beside the view and what was typed, and the page lists every view the user sees to manage them.
/// Each change names the version it was made against: a view changed by someone else meanwhile is never overwritten.
/// Changes go the shared way (<see cref="AggregateChanges"/>); a refusal answers 403 when the view is not the user's to
/// change, 409 when it changed or went meanwhile.
/// </summary>
public sealed class ViewsModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Where a refusal's message is kept until the page is drawn again (a conflict's goes to "").</summary>
    private const string RefusalKey = "view";

    private int _status = StatusCodes.Status200OK;

    public IReadOnlyList<SavedView> Views { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Owners { get; private set; } = new Dictionary<string, string>();

    public long? DefaultId { get; private set; }

    public ViewActor Me { get; private set; } = new("", false, false);

    /// <summary>The refused change: which view (0 = a new one), the message, and the name typed.</summary>
    public (long ViewId, string Message, string? TypedName)? Refused { get; private set; }

    /// <summary>The filters a refused "save" was for, kept so the user can try another name.</summary>
    public IndexModel.Filter? PendingFilter { get; private set; }

    public bool PendingShare { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostSaveAsync(string? name, bool share, [Bind(Prefix = "F")] IndexModel.Filter? f, CancellationToken cancellationToken)
    {
        f ??= new();
        return Refusals(this.Add(async token =>
            {
                Me = await SavedViewQueries.ActorAsync(HttpContext);
                ThrowIfBound();
                var owned = await db.SavedViews.CountAsync(v => v.OwnerId == Me.UserId, token);
                return SavedView.Create(Me, name, SavedViewQueries.FromFilter(f), share, owned, clock.UtcNow);
            }), 0, name, _ => StatusCodes.Status200OK, f, share, cancellationToken)
            .Done(view => Redirect(SavedViewQueries.ListUrl(view.Id, view.Filter)))
            .RunAsync(_ => (string?)null, cancellationToken);
    }

    public Task<IActionResult> OnPostRenameAsync(long id, uint version, string? name, CancellationToken cancellationToken) =>
        ChangeView(id, version, name, cancellationToken).RunAsync(v => Changed(() => v.Rename(Me, name, clock.UtcNow)), cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(long id, uint version, [Bind(Prefix = "F")] IndexModel.Filter? f, CancellationToken cancellationToken) =>
        ChangeView(id, version, null, cancellationToken).RunAsync(v => Changed(() => v.UpdateFilter(Me, SavedViewQueries.FromFilter(f ?? new()), clock.UtcNow)), cancellationToken);

    public Task<IActionResult> OnPostShareAsync(long id, uint version, bool share, CancellationToken cancellationToken) =>
        ChangeView(id, version, null, cancellationToken).RunAsync(v => Changed(() => v.SetShared(Me, share, clock.UtcNow)), cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync(long id, uint version, CancellationToken cancellationToken) =>
        Refusals(this.Change(token => VisibleAsync(id, token), version), id, null, _ => StatusCodes.Status403Forbidden, null, false, cancellationToken)
            .Done(_ => Redirect(SavedViewQueries.AllUrl))
            .RunAsync(view =>
            {
                view.EnsureMayDelete(Me);
                db.SavedViews.Remove(view);
                return (string?)null;
            }, cancellationToken);

    /// <summary>Chooses the view the list opens on (id 0: none, the list opens on all tickets).</summary>
    public async Task<IActionResult> OnPostDefaultAsync(long id, CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        SavedView? view = null;
        if (id != 0)
        {
            view = await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
            if (view is null || !view.IsVisibleTo(Me.UserId))
            {
                return NotFound();
            }
        }

        await DefaultView.ChooseAsync(db, Me.UserId, view?.Id, cancellationToken);
        return Redirect(view is null ? SavedViewQueries.AllUrl : SavedViewQueries.ListUrl(view.Id, view.Filter));
    }

    /// <summary>Rename, update or share: the view the user sees (else 404), held to its version; the list opens on it after.</summary>
    private AggregateChange<SavedView> ChangeView(long id, uint version, string? typedName, CancellationToken cancellationToken) =>
        Refusals(this.Change(token => VisibleAsync(id, token), version), id, typedName,
                error => error.Code is "view.not_yours" or "view.share_denied" ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK, null, false, cancellationToken)
            .Done(view => Redirect(SavedViewQueries.ListUrl(view.Id, view.Filter)));

    /// <summary>A value the form could not carry (a date out of range, an unknown status) is refused, not dropped from the view; then the act.</summary>
    private string? Changed(Action act)
    {
        ThrowIfBound();
        act();
        return null;
    }

    private void ThrowIfBound() => SavedView.EnsureFilterCarried(ModelState.IsValid);

    private async Task<SavedView?> VisibleAsync(long id, CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return view is not null && view.IsVisibleTo(Me.UserId) ? view : null;
    }

    /// <summary>
    /// How this page tells a refusal: beside the view (<paramref name="id"/>; 0 = above the list) with what was typed, answering
    /// the status <paramref name="status"/> gives a business rule's refusal, or 409 with the view's name and time as the other
    /// person left them (or that it was deleted). The binding's own checks are the domain's (<see cref="ThrowIfBound"/>).
    /// </summary>
    private AggregateChange<SavedView> Refusals(AggregateChange<SavedView> change, long id, string? typedName, Func<DomainException, int> status, IndexModel.Filter? pending, bool share, CancellationToken cancellationToken) =>
        change.IgnoringInput()
            .ErrorsAt(error =>
            {
                _status = status(error);
                return RefusalKey;
            })
            .ConflictSays(theirs =>
            {
                _status = StatusCodes.Status409Conflict;
                var at = clock.ToLocal(theirs.Get<DateTimeOffset>(nameof(SavedView.UpdatedAt))).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                return l["Views.Conflict", theirs.Get<string>(nameof(SavedView.Name)), at];
            })
            .Unique(RefusalKey, () => l["Views.NameTaken", typedName?.Trim() ?? ""], SavedViewConfiguration.OwnerNameIndex)
            .Reload(async () =>
            {
                var conflict = ModelState.TryGetValue("", out var told) && told.Errors.Count > 0;
                var gone = conflict && _status != StatusCodes.Status409Conflict;
                var message = gone ? l["Views.Gone"].Value : (conflict ? told! : ModelState[RefusalKey]!).Errors[^1].ErrorMessage;
                Refused = (gone ? 0 : id, message, typedName);
                (PendingFilter, PendingShare) = (pending, share);
                await LoadAsync(cancellationToken);
                Response.StatusCode = gone ? StatusCodes.Status409Conflict : _status;
                return Page();
            });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        (Views, Owners, DefaultId) = await SavedViewQueries.VisibleAsync(db, Me.UserId, cancellationToken);
    }
}
