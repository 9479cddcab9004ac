using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// While the database is down (or restarting), a page that needed it answers 503 with Retry-After and a short page in
/// the reader's language, instead of an error 500: the request failed because of the outage (the failure names an
/// unreachable server, or the database does not answer a quick probe now), not because of a bug.
/// </summary>
public sealed class DatabaseOutage(RequestDelegate next, IConfiguration configuration, IStringLocalizer<SharedResource> text, ILogger<DatabaseOutage> logger)
{
    public const string RetryAfterSeconds = "5";

    private readonly string? _connectionString = DatabaseConnection.WithPoolLimit(configuration);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var cause = Unreachable(e) ?? (_connectionString is null ? null : await DatabaseProbe.FailureAsync(_connectionString, CancellationToken.None));
            if (cause is null)
            {
                throw;
            }

            // This line is the request's only one at warning or above: EF's own entries for the failed commands are
            // left out of the log (IsOutageNoise) and the request log notes the 503 at debug level (Answered503).
            context.Items[Answered503] = true;
            logger.LogWarning("The database is unavailable ({Reason}): {Method} {Path} answered 503", cause.Message, context.Request.Method, context.Request.Path.Value);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            context.Response.Headers.CacheControl = "no-store";
            context.Response.ContentType = "text/html; charset=utf-8";
            var html = HtmlEncoder.Default;
            await context.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="{html.Encode(System.Globalization.CultureInfo.CurrentUICulture.Name)}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RetryAfterSeconds}"><title>{html.Encode(text["Outage.Title"])}</title></head>
                <body><h1 data-testid="outage">{html.Encode(text["Outage.Title"])}</h1><p>{html.Encode(text["Outage.Message"])}</p><p><small>{html.Encode(text["Outage.Reference", context.TraceIdentifier])}</small></p></body></html>
                """,
                CancellationToken.None);
        }
    }

    /// <summary>Marks a request answered 503 because of an outage (HttpContext.Items).</summary>
    public const string Answered503 = "aftersales:outage";

    /// <summary>
    /// An entry EF Core (or Npgsql) writes for a command, query or connection that failed because the database cannot be
    /// reached: during an outage that is an error per attempt of every command of every request, all saying what the
    /// request's single 503 warning says. EF writes a failed connection's error without its exception; that failure
    /// always reaches whoever opened the connection (retried, answered 503 here, or logged with its exception by the
    /// error page), so the entry is left out whatever the cause.
    /// </summary>
    public static bool IsOutageNoise(Serilog.Events.LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (!logEvent.Properties.TryGetValue(Serilog.Core.Constants.SourceContextPropertyName, out var source) || source is not Serilog.Events.ScalarValue { Value: string category })
        {
            return false;
        }

        if (category == "Microsoft.EntityFrameworkCore.Database.Connection" && logEvent.Level >= Serilog.Events.LogEventLevel.Error)
        {
            return true;
        }

        return logEvent.Exception is { } error
            && (category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || category.StartsWith("Npgsql", StringComparison.Ordinal))
            && Unreachable(error) is not null;
    }

    /// <summary>The unreachable-database failure somewhere in <paramref name="e"/>'s chain, or null.</summary>
    private static Exception? Unreachable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (DatabaseStartup.IsUnreachable(x))
            {
                return x;
            }

            if (x is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Unreachable).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }
}
