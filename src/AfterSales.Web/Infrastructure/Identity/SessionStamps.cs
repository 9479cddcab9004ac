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
/// <para>
/// A session also ends when it is signed out (<see cref="EndAsync"/>: its id goes into <c>ended_sessions</c>, whose
/// trigger notifies the same channel, so a replayed cookie is refused on every instance) and when it is older than
/// <c>Identity:SessionMaxLifetime</c> counted from the sign-in, however active it has been.
/// </para>
/// </summary>
public sealed class SessionStamps(TimeProvider clock, IOptions<SignInSessionOptions> sessions, IOptions<IdentityOptions> identityOptions)
{
    public const string Channel = "aftersales_user_stamp";

    /// <summary>Authentication property: the session's id (one per sign-in, kept when the cookie is renewed).</summary>
    public const string SessionIdItem = "as.sid";

    /// <summary>Authentication property: when the session began (round-trip UTC), for the absolute lifetime.</summary>
    public const string SessionStartItem = "as.start";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _lifetime = sessions.Value.StampCacheLifetime;
    private long _forgotten;

    private sealed record Entry(string? Stamp, bool Active, IReadOnlySet<string> Ended, long ReadAt);

    /// <summary>Columns of the stamp check (raw SQL: ended sessions are not an entity; names in snake case, as the model maps them).</summary>
    private sealed class StampRow
    {
        public string? Stamp { get; set; }

        public bool Disabled { get; set; }

        public string[] Ended { get; set; } = [];
    }

    /// <summary>Longest a session lasts from its sign-in, however active.</summary>
    public TimeSpan MaxLifetime { get; } = sessions.Value.SessionMaxLifetime;

    /// <summary>Gives a new sign-in its session id and start (a refreshed sign-in keeps both).</summary>
    public void Begin(AuthenticationProperties properties)
    {
        if (!properties.Items.ContainsKey(SessionIdItem) || !properties.Items.ContainsKey(SessionStartItem))
        {
            properties.Items[SessionIdItem] = Guid.NewGuid().ToString("N");
            properties.Items[SessionStartItem] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Ends one session for good (sign-out): every instance refuses its cookie from the next request on.</summary>
    public async Task EndAsync(AfterSalesDbContext db, string userId, AuthenticationProperties? properties, CancellationToken cancellationToken)
    {
        if (properties?.Items.TryGetValue(SessionIdItem, out var sessionId) != true || string.IsNullOrEmpty(sessionId))
        {
            return;
        }

        // Rows older than the absolute lifetime guard nothing: their cookies are refused anyway.
        var before = clock.GetUtcNow() - MaxLifetime - TimeSpan.FromHours(1);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            DELETE FROM ended_sessions WHERE ended_at < {before};
            INSERT INTO ended_sessions (session_id, user_id, ended_at) VALUES ({sessionId}, {userId}, {clock.GetUtcNow()}) ON CONFLICT (session_id) DO NOTHING;
            """,
            cancellationToken);
        Forget(userId);
    }

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

        // A session with no id or start (issued before sessions had them) or past its absolute lifetime is over.
        var items = context.Properties.Items;
        var live = items.TryGetValue(SessionIdItem, out var sessionId) && sessionId is not null
            && items.TryGetValue(SessionStartItem, out var startText)
            && DateTimeOffset.TryParse(startText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var start)
            && clock.GetUtcNow() - start < MaxLifetime;
        if (live)
        {
            var current = await CurrentAsync(userId, context.HttpContext.RequestServices, context.HttpContext.RequestAborted);
            if (current.Active && string.Equals(current.Stamp, stamp, StringComparison.Ordinal) && !current.Ended.Contains(sessionId!))
            {
                return;
            }
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
        var row = await db.Database.SqlQuery<StampRow>(
            $"""
            SELECT u.security_stamp AS stamp, u.is_disabled AS disabled,
                   ARRAY(SELECT e.session_id FROM ended_sessions e WHERE e.user_id = u.id) AS ended
            FROM "AspNetUsers" u WHERE u.id = {userId}
            """).FirstOrDefaultAsync(cancellationToken);
        var entry = new Entry(row?.Stamp, row is { Disabled: false }, row?.Ended.ToHashSet(StringComparer.Ordinal) ?? [], now);
        if (Listening && Interlocked.Read(ref _forgotten) == forgotten)
        {
            _entries[userId] = entry;
        }

        return entry;
    }
}
