using AfterSales.Domain;
using AfterSales.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Changes;

/// <summary>
/// The one way a page changes an aggregate: load it (404 when missing), hold it to the version the form was drawn
/// from, refuse when the posted input is invalid (<see cref="InputValidationFilter"/> has filled ModelState), run
/// the act, save once inside the database's retry strategy (optionally in an explicit transaction), then flash +
/// redirect (Post/Redirect/Get). A refusal becomes a message in ModelState and the page is redrawn with what was
/// typed: a <see cref="DomainException"/> in the reader's language, a concurrency conflict with the other person's
/// values (<see cref="ShowTheirs"/>) or a plain "changed meanwhile" line, a known unique index its own message.
/// Nothing is saved when anything is refused.
/// <para>
/// Adopting it on a page: drop the validator parameters and <c>this.Validate(…)</c> calls (the filter has run them;
/// on a page with several forms mark each handler's own with <see cref="ValidatesFormAttribute"/>), replace the
/// load/try/catch/save/redirect block with one <c>this.Change(…)</c> (or <c>this.Add(…)</c>) chain (an access check on
/// the row goes into <see cref="Allow"/>, not a load of its own before the chain), and keep the
/// page's messages by naming them here (<see cref="ErrorsAt(string)"/>, <see cref="ConflictSays(string)"/>,
/// <see cref="Unique(string, string, string?)"/>). Anything tracked before <c>RunAsync</c> is cleared: load what
/// the act changes inside the act.
/// </para>
/// </summary>
/// <example>
/// Configure once per page, then each handler is its intent:
/// <code>
/// private AggregateChange&lt;ExchangeRequest&gt; Change(long id, uint version) =>
///     this.Change(db.ExchangeRequests.Where(r => r.Id == id), version)
///         .ConflictSays(l["Ticket.ChangedMeanwhile"])
///         .Unique("newSerial", l["Intake.SerialTaken"])
///         .Reload(() => LoadAsync(id, cancellationToken))
///         .Done(_ => RedirectToPage(new { id }));
///
/// public Task&lt;IActionResult&gt; OnPostResubmitAsync(long id, uint version, string? evidence, CancellationToken cancellationToken) =>
///     Change(id, version).RunAsync(r =>
///     {
///         r.Resubmit(UserId, evidence, clock.UtcNow, stepTime);
///         return l["Exchanges.Resubmitted"];
///     }, cancellationToken);
/// </code>
/// </example>
public sealed class AggregateChange<T>
    where T : class
{
    private readonly PageModel _page;
    private readonly AfterSalesDbContext _db;
    private readonly IStringLocalizer _l;
    private readonly Func<CancellationToken, Task<T?>> _load;
    private readonly List<(string? Index, string Key, Func<string> Message)> _unique = [];
    private readonly uint? _version;
    private readonly bool _creates;
    private Func<DomainException, string> _errorKey = _ => "";
    private string _conflictKey = "";
    private string? _conflictMessage;
    private Action<TheirValues>? _showTheirs;
    private Func<TheirValues, string>? _conflictText;
    private bool _transaction;
    private bool _checkInput = true;
    private Func<T, Task<IActionResult?>>? _allow;
    private Func<Task<IActionResult>> _reload;
    private Func<T, IActionResult> _done;

    internal AggregateChange(PageModel page, AfterSalesDbContext db, IStringLocalizer l, Func<CancellationToken, Task<T?>> load, uint? version, bool creates = false)
    {
        _creates = creates;
        _page = page;
        _db = db;
        _l = l;
        _load = load;
        _version = version;
        _reload = () => Task.FromResult<IActionResult>(page.Page());
        _done = _ => page.RedirectToPage();
    }

    /// <summary>Where messages go in ModelState: one key for all (<c>""</c> = the summary), or chosen by the domain error's code.</summary>
    public AggregateChange<T> ErrorsAt(string key)
    {
        _errorKey = _ => key;
        _conflictKey = key;
        return this;
    }

    /// <inheritdoc cref="ErrorsAt(string)"/>
    public AggregateChange<T> ErrorsAt(Func<DomainException, string> key)
    {
        _errorKey = key;
        return this;
    }

    /// <summary>A concurrency conflict is told with this one line (when the form shows no editable values to compare).</summary>
    public AggregateChange<T> ConflictSays(string message)
    {
        _conflictMessage = message;
        return this;
    }

    /// <summary>A concurrency conflict is told in one line built from what the other person saved (their version can go into the form here too).</summary>
    public AggregateChange<T> ConflictSays(Func<TheirValues, string> message)
    {
        _conflictText = message;
        return this;
    }

    /// <summary>
    /// A concurrency conflict shows the other person's values beside the fields (<see cref="TheirValues.Compare(string, string?, string?)"/>),
    /// then "changed before you saved" (<c>Edit.Conflict</c>); a deleted row says <c>Edit.Gone</c>. The callback also
    /// puts their version into the form, so saving again keeps these values deliberately.
    /// </summary>
    public AggregateChange<T> ShowTheirs(Action<TheirValues> compare)
    {
        _showTheirs = compare;
        return this;
    }

    /// <summary>A unique index broken by the save (PostgreSQL 23505) becomes this message at <paramref name="key"/>; any unique index when <paramref name="index"/> is null.</summary>
    public AggregateChange<T> Unique(string key, Func<string> message, string? index = null)
    {
        _unique.Add((index, key, message));
        return this;
    }

    /// <inheritdoc cref="Unique(string, Func{string}, string?)"/>
    public AggregateChange<T> Unique(string key, string message, string? index = null) => Unique(key, () => message, index);

    /// <summary>Load, act and save in one explicit transaction (a row lock taken by the loader holds until the commit).</summary>
    public AggregateChange<T> InTransaction()
    {
        _transaction = true;
        return this;
    }

    /// <summary>
    /// Checks the signed-in user's access to the aggregate just loaded, before anything else (the input, the version,
    /// the act): a result (<c>NotFound()</c>, <c>Forbid()</c>) is answered as is and nothing is saved; null lets the
    /// change go on. The aggregate is loaded once for both the check and the change.
    /// </summary>
    public AggregateChange<T> Allow(Func<T, Task<IActionResult?>> check)
    {
        _allow = check;
        return this;
    }

    /// <summary>The act runs even when ModelState holds errors (a handler whose input is not a validated form).</summary>
    public AggregateChange<T> IgnoringInput()
    {
        _checkInput = false;
        return this;
    }

    /// <summary>How the page is redrawn after a refusal (read the page again; what was typed stays bound). Default: <c>Page()</c>.</summary>
    public AggregateChange<T> Reload(Func<Task<IActionResult>> reload)
    {
        _reload = reload;
        return this;
    }

    /// <inheritdoc cref="Reload(Func{Task{IActionResult}})"/>
    public AggregateChange<T> Reload(Func<Task> reload) => Reload(async () =>
    {
        await reload();
        return _page.Page();
    });

    /// <summary>Where a saved change goes (Post/Redirect/Get). Default: this page again.</summary>
    public AggregateChange<T> Done(Func<T, IActionResult> done)
    {
        _done = done;
        return this;
    }

    /// <summary>Runs the act; the flash message it returns is shown after the redirect (null: none).</summary>
    public Task<IActionResult> RunAsync(Func<T, string?> act, CancellationToken cancellationToken) =>
        RunAsync(aggregate => Task.FromResult(act(aggregate)), cancellationToken);

    /// <inheritdoc cref="RunAsync(Func{T, string?}, CancellationToken)"/>
    public Task<IActionResult> RunAsync(Func<T, LocalizedString> act, CancellationToken cancellationToken) =>
        RunAsync(aggregate => Task.FromResult<string?>(act(aggregate).Value), cancellationToken);

    /// <inheritdoc cref="RunAsync(Func{T, string?}, CancellationToken)"/>
    public async Task<IActionResult> RunAsync(Func<T, Task<string?>> act, CancellationToken cancellationToken)
    {
        T? changed = null;
        string? flash = null;
        IActionResult? refused = null;
        if (_creates && _checkInput && !_page.ModelState.IsValid)
        {
            return await _reload();
        }

        try
        {
            var found = await _db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                _db.ChangeTracker.Clear();
                await using var transaction = _transaction ? await _db.Database.BeginTransactionAsync(cancellationToken) : null;
                var aggregate = await _load(cancellationToken);
                if (aggregate is null)
                {
                    return false;
                }

                refused = _allow is null ? null : await _allow(aggregate);
                if (refused is not null)
                {
                    return true;
                }

                if (_checkInput && !_page.ModelState.IsValid)
                {
                    return true;
                }

                if (_version is { } version)
                {
                    var token = _db.Entry(aggregate).Properties.First(p => p.Metadata.IsConcurrencyToken);
                    token.OriginalValue = version;
                }

                flash = await act(aggregate);
                await _db.SaveChangesAsync(cancellationToken);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                changed = aggregate;
                return true;
            });
            if (!found)
            {
                return _page.NotFound();
            }

            if (refused is not null)
            {
                return refused;
            }

            if (changed is not null)
            {
                if (flash is not null)
                {
                    _page.TempData["Flash"] = flash;
                }

                return _done(changed);
            }
        }
        catch (DomainException error)
        {
            _page.ModelState.AddModelError(_errorKey(error), _l.Translate(error));
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            await ConflictAsync(conflict, cancellationToken);
        }
        catch (DbUpdateException error) when (UniqueMessage(error) is { } refusal)
        {
            _page.ModelState.AddModelError(refusal.Key, refusal.Message);
        }

        _db.ChangeTracker.Clear();
        return await _reload();
    }

    private async Task ConflictAsync(DbUpdateConcurrencyException conflict, CancellationToken cancellationToken)
    {
        if (_showTheirs is null && _conflictText is null)
        {
            _page.ModelState.AddModelError(_conflictKey, _conflictMessage ?? _l["Edit.Conflict"]);
            return;
        }

        var stored = await conflict.Entries[0].GetDatabaseValuesAsync(cancellationToken);
        if (stored is null)
        {
            _page.ModelState.AddModelError(_conflictKey, _l["Edit.Gone"]);
            return;
        }

        var theirs = new TheirValues(stored, _page.ModelState, _l);
        _showTheirs?.Invoke(theirs);
        _page.ModelState.AddModelError(_conflictKey, _conflictText?.Invoke(theirs) ?? _conflictMessage ?? _l["Edit.Conflict"]);
    }

    private (string Key, string Message)? UniqueMessage(DbUpdateException error)
    {
        if (error.InnerException is not PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            return null;
        }

        foreach (var (index, key, message) in _unique)
        {
            if (index is null || string.Equals(pg.ConstraintName, index, StringComparison.Ordinal))
            {
                return (key, message());
            }
        }

        return null;
    }
}

/// <summary>Starts an <see cref="AggregateChange{T}"/> from a page model.</summary>
public static class AggregateChanges
{
    /// <summary>Changes the single row <paramref name="query"/> finds, held to <paramref name="version"/> (null: not checked).</summary>
    public static AggregateChange<T> Change<T>(this PageModel page, IQueryable<T> query, uint? version = null)
        where T : class =>
        page.Change(cancellationToken => query.FirstOrDefaultAsync(cancellationToken), version);

    /// <summary>
    /// Adds a new aggregate: <paramref name="create"/> runs (and may refuse with a <see cref="DomainException"/>) only
    /// when the posted input is valid, inside the save's retry strategy (what it loads to change alongside is tracked
    /// there; anything tracked before is cleared); the act then only names the flash message.
    /// </summary>
    public static AggregateChange<T> Add<T>(this PageModel page, Func<T> create)
        where T : class =>
        page.Add(_ => Task.FromResult(create()));

    /// <inheritdoc cref="Add{T}(PageModel, Func{T})"/>
    public static AggregateChange<T> Add<T>(this PageModel page, Func<CancellationToken, Task<T>> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(page);
        var services = page.HttpContext.RequestServices;
        var db = services.GetRequiredService<AfterSalesDbContext>();
        return new AggregateChange<T>(page, db, services.GetRequiredService<IStringLocalizer<SharedResource>>(), async cancellationToken =>
        {
            var created = await create(cancellationToken);
            db.Add(created);
            return created;
        }, version: null, creates: true);
    }

    /// <summary>Changes what <paramref name="load"/> returns (null: 404), e.g. with its children included or under a row lock.</summary>
    public static AggregateChange<T> Change<T>(this PageModel page, Func<CancellationToken, Task<T?>> load, uint? version = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(page);
        var services = page.HttpContext.RequestServices;
        return new AggregateChange<T>(page, services.GetRequiredService<AfterSalesDbContext>(), services.GetRequiredService<IStringLocalizer<SharedResource>>(), load, version);
    }
}
