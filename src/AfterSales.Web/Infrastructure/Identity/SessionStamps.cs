using System.Collections.Concurrent;
using System.Security.Claims;
using AfterSales.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// Checks a signed-in session against the user's current security stamp without reading Identity on every
/// request: each instance keeps the stamps it has read, and forgets a user's the moment the database says it
/// changed (disabled, password, roles: <see cref="SessionStampListener"/> hears PostgreSQL's NOTIFY from a
/// trigger on the users table). A cached stamp is trusted for at most <c>Identity:StampCacheLifetime</c>, and not
/// at all while the notification channel is down, so a missed notification costs seconds, never a session.
/// </summary>
public sealed class SessionStamps(TimeProvider clock, IConfiguration configuration, IOptions<IdentityOptions> identityOptions)
{
    public const string Channel = "aftersales_user_stamp";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = configuration.GetValue("Identity:StampCacheLifetime", TimeSpan.FromSeconds(30));
    private long _forgotten;

    private sealed record Entry(string? Stamp, bool Active, long ReadAt);

    /// <summary>True while this instance hears the database's notifications; otherwise every check reads the database.</summary>
    public bool Listening { get; private set; }

    public int Count => _entries.Count;

    public void Forget(string userId)
    {
        Interlocked.Increment(ref _forgotten);
        _entries.TryRemove(userId, out _);
    }

    internal void SetListening(bool listening)
    {
        Listening = listening;
        Interlocked.Increment(ref _forgotten);
        _entries.Clear();
    }

    /// <summary>Cookie event: ends the session of a user who is gone, disabled, or whose stamp has changed.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(identityOptions.Value.ClaimsIdentity.UserIdClaimType);
        var stamp = principal?.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        if (userId is null)
        {
            return;
        }

        var current = await CurrentAsync(userId, context.HttpContext.RequestServices, context.HttpContext.RequestAborted);
        if (current.Active && string.Equals(current.Stamp, stamp, StringComparison.Ordinal))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private async Task<Entry> CurrentAsync(string userId, IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (Listening && _entries.TryGetValue(userId, out var cached) && clock.GetElapsedTime(cached.ReadAt, now) < _lifetime)
        {
            return cached;
        }

        // A change heard while this read was under way may be older than what it returns: keep the result only
        // when nothing was forgotten meanwhile.
        var forgotten = Interlocked.Read(ref _forgotten);
        var db = services.GetRequiredService<AfterSalesDbContext>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsDisabled })
            .FirstOrDefaultAsync(cancellationToken);
        var entry = new Entry(row?.SecurityStamp, row is { IsDisabled: false }, now);
        if (Listening && Interlocked.Read(ref _forgotten) == forgotten)
        {
            _entries[userId] = entry;
        }

        return entry;
    }
}
