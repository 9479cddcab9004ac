using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Where <see cref="ReadDbContext"/> reads: the read-only connection string <c>ConnectionStrings:AfterSalesReadOnly</c>
/// (a hot standby; with several hosts and <c>Target Session Attributes=prefer-standby</c> Npgsql falls back to the
/// primary while the standby is down) — except where a page must see its own writes: a request that is not a GET,
/// and any request of a browser that wrote something in the last <c>Database:ReadYourWrites</c> (the page after a
/// save's redirect, on whichever instance it lands, reads the primary, never a standby that has not replayed the
/// save yet). Without the setting everything reads the primary, as one pool.
/// </summary>
public sealed class ReadRouting
{
    public const string ConnectionName = "AfterSalesReadOnly";

    /// <summary>Marks a browser that wrote recently; carries no data, only its lifetime matters.</summary>
    public const string CookieName = "AfterSales.Wrote";

    /// <summary>How the read connections introduce themselves to the server (pg_stat_activity), unless the string names them.</summary>
    public const string ApplicationName = "AfterSales (read)";

    private readonly string? _primary;
    private readonly string? _replica;

    public ReadRouting(IConfiguration configuration)
    {
        _primary = DatabaseConnection.WithPoolLimit(configuration);
        var replica = DatabaseConnection.WithPoolLimit(configuration, ConnectionName);
        if (!string.IsNullOrWhiteSpace(replica))
        {
            var builder = new NpgsqlConnectionStringBuilder(replica);
            if (string.IsNullOrEmpty(builder.ApplicationName))
            {
                builder.ApplicationName = ApplicationName;
            }

            _replica = builder.ConnectionString;
        }

        ReadYourWrites = DatabaseOptions.Read(configuration).ReadYourWrites;
    }

    public bool HasReplica => _replica is not null;

    /// <summary>How long after a write a browser keeps reading the primary.</summary>
    public TimeSpan ReadYourWrites { get; }

    /// <summary>The connection string a read in this request uses (outside a request: the replica).</summary>
    public string? ConnectionStringFor(HttpContext? context) =>
        _replica is null || (context is not null && MustSeeOwnWrites(context.Request)) ? _primary : _replica;

    private static bool MustSeeOwnWrites(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Cookies.ContainsKey(CookieName);

    /// <summary>Registers <see cref="ReadDbContext"/>: no tracking, no interceptors (it never saves), retries as the primary's.</summary>
    public static void AddReadDbContext(IServiceCollection services, IConfiguration configuration)
    {
        var routing = new ReadRouting(configuration);
        services.AddSingleton(routing);
        services.AddDbContext<ReadDbContext>((sp, options) =>
            options.UseNpgsql(
                    routing.ConnectionStringFor(sp.GetService<IHttpContextAccessor>()?.HttpContext),
                    npgsql => npgsql.ExecutionStrategy(d => new DatabaseRetryStrategy(d)))
                .UseSnakeCaseNamingConvention()
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking));
    }

    /// <summary>After any request that may have written (not a GET), the browser reads the primary for a while.</summary>
    public static void UseReadYourWrites(IApplicationBuilder app)
    {
        var routing = app.ApplicationServices.GetRequiredService<ReadRouting>();
        if (!routing.HasReplica)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Cookies.Append(CookieName, "1", new CookieOptions
                    {
                        MaxAge = routing.ReadYourWrites,
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = request.IsHttps,
                        Path = "/",
                    });
                    return Task.CompletedTask;
                });
            }

            await next();
        });
    }
}
