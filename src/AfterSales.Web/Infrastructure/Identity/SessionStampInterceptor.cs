using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>Makes this instance forget a user's cached stamp as soon as its own save changes it (other instances hear it from PostgreSQL).</summary>
public sealed class SessionStampInterceptor(SessionStamps stamps) : SaveChangesInterceptor
{
    private static readonly string[] Watched = [nameof(AppUser.SecurityStamp), nameof(AppUser.IsDisabled)];

    private readonly AsyncLocal<List<string>?> _changed = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _changed.Value = eventData.Context?.ChangeTracker.Entries<AppUser>()
            .Where(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Deleted
                || (e.State == Microsoft.EntityFrameworkCore.EntityState.Modified && Watched.Any(p => e.Property(p).IsModified)))
            .Select(e => e.Entity.Id)
            .ToList();
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        foreach (var id in _changed.Value ?? [])
        {
            stamps.Forget(id);
        }

        _changed.Value = null;
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}
