using AfterSales.Domain;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using AfterSales.Web.Data.Configurations;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Pages.Customers;
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
/// </summary>
public sealed class ViewsModel(AfterSalesDbContext db, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
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

    public async Task<IActionResult> OnPostSaveAsync(string? name, bool share, [Bind(Prefix = "F")] IndexModel.Filter? f, CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        f ??= new();
        var filter = SavedViewQueries.FromFilter(f);
        try
        {
            ThrowIfBound();
            var owned = await db.SavedViews.CountAsync(v => v.OwnerId == Me.UserId, cancellationToken);
            var view = SavedView.Create(Me, name, filter, share, owned, clock.UtcNow);
            db.SavedViews.Add(view);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect(SavedViewQueries.ListUrl(view.Id, view.Filter));
        }
        catch (DomainException error)
        {
            return await RefusedAsync(0, l.Translate(error), name, f, share, cancellationToken);
        }
        catch (DbUpdateException error) when (SaveErrors.IsUniqueViolation(error, SavedViewConfiguration.OwnerNameIndex))
        {
            return await RefusedAsync(0, l["Views.NameTaken", name?.Trim() ?? ""], name, f, share, cancellationToken);
        }
    }

    public Task<IActionResult> OnPostRenameAsync(long id, uint version, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, name, v => v.Rename(Me, name, clock.UtcNow), cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(long id, uint version, [Bind(Prefix = "F")] IndexModel.Filter? f, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, null, v => v.UpdateFilter(Me, SavedViewQueries.FromFilter(f ?? new()), clock.UtcNow), cancellationToken);

    public Task<IActionResult> OnPostShareAsync(long id, uint version, bool share, CancellationToken cancellationToken) =>
        ChangeAsync(id, version, null, v => v.SetShared(Me, share, clock.UtcNow), cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(long id, uint version, CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (view is null || !view.IsVisibleTo(Me.UserId))
        {
            return NotFound();
        }

        try
        {
            view.EnsureMayDelete(Me);
            db.Entry(view).Property(v => v.Version).OriginalValue = version;
            db.SavedViews.Remove(view);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect(SavedViewQueries.AllUrl);
        }
        catch (DomainException error)
        {
            return await RefusedAsync(id, l.Translate(error), null, null, false, cancellationToken, StatusCodes.Status403Forbidden);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            return await ConflictAsync(id, conflict, null, cancellationToken);
        }
    }

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

        // Two tabs choosing at once: the second finds the first's row and updates it (the key is the user).
        for (var attempt = 0; ; attempt++)
        {
            var current = await db.SavedViewDefaults.FirstOrDefaultAsync(d => d.UserId == Me.UserId, cancellationToken);
            if (view is null && current is not null)
            {
                db.SavedViewDefaults.Remove(current);
            }
            else if (view is not null && current is null)
            {
                db.SavedViewDefaults.Add(new SavedViewDefault(Me.UserId, view.Id));
            }
            else if (view is not null)
            {
                current!.Choose(view.Id);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }

        return Redirect(view is null ? SavedViewQueries.AllUrl : SavedViewQueries.ListUrl(view.Id, view.Filter));
    }

    private async Task<IActionResult> ChangeAsync(long id, uint version, string? typedName, Action<SavedView> change, CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (view is null || !view.IsVisibleTo(Me.UserId))
        {
            return NotFound();
        }

        try
        {
            ThrowIfBound();
            db.Entry(view).Property(v => v.Version).OriginalValue = version;
            change(view);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect(SavedViewQueries.ListUrl(view.Id, view.Filter));
        }
        catch (DomainException error)
        {
            var status = error.Code is "view.not_yours" or "view.share_denied" ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK;
            return await RefusedAsync(id, l.Translate(error), typedName, null, false, cancellationToken, status);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            return await ConflictAsync(id, conflict, typedName, cancellationToken);
        }
        catch (DbUpdateException error) when (SaveErrors.IsUniqueViolation(error, SavedViewConfiguration.OwnerNameIndex))
        {
            return await RefusedAsync(id, l["Views.NameTaken", typedName?.Trim() ?? ""], typedName, null, false, cancellationToken);
        }
    }

    /// <summary>A value the form could not carry (a date out of range, an unknown status) is refused, not dropped from the view.</summary>
    private void ThrowIfBound() => SavedView.EnsureFilterCarried(ModelState.IsValid);

    private async Task<IActionResult> ConflictAsync(long id, DbUpdateConcurrencyException conflict, string? typedName, CancellationToken cancellationToken)
    {
        var theirs = await conflict.Entries.Single().GetDatabaseValuesAsync(cancellationToken);
        var message = theirs is null
            ? l["Views.Gone"].Value
            : l["Views.Conflict", theirs.GetValue<string>(nameof(SavedView.Name)), clock.ToLocal(theirs.GetValue<DateTimeOffset>(nameof(SavedView.UpdatedAt))).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)].Value;
        db.ChangeTracker.Clear();
        return await RefusedAsync(theirs is null ? 0 : id, message, typedName, null, false, cancellationToken, StatusCodes.Status409Conflict);
    }

    private async Task<IActionResult> RefusedAsync(long id, string message, string? typedName, IndexModel.Filter? pending, bool share, CancellationToken cancellationToken, int status = StatusCodes.Status200OK)
    {
        db.ChangeTracker.Clear();
        Refused = (id, message, typedName);
        PendingFilter = pending;
        PendingShare = share;
        await LoadAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Me = await SavedViewQueries.ActorAsync(HttpContext);
        (Views, Owners, DefaultId) = await SavedViewQueries.VisibleAsync(db, Me.UserId, cancellationToken);
    }
}
