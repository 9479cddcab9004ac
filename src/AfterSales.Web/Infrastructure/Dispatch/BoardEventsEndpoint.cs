using System.Text;
using System.Text.Json;
using AfterSales.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.Features;

namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>
/// <c>GET /Dispatch/Events</c>: the board's changes as server-sent events (<c>event: board</c>, JSON
/// <see cref="BoardUpdate"/>), for dispatchers and managers. A comment line every <c>Board:HeartbeatSeconds</c>
/// (default 20) keeps proxies from closing an idle stream. The stream ends when the browser leaves, the app stops,
/// or after <c>Board:StreamMinutes</c> (default 10) so the browser reconnects through sign-in checks again
/// (a disabled user's board stops). It holds no request-concurrency permit; beyond
/// <see cref="BoardEvents.MaxSubscribers"/> open streams the instance answers 503 with Retry-After.
/// </summary>
public static class BoardEventsEndpoint
{
    public const string Path = "/Dispatch/Events";

    private static readonly byte[] Heartbeat = ": ping\n\n"u8.ToArray();

    public static void MapBoardEvents(this WebApplication app)
    {
        app.MapGet(Path, StreamAsync).RequireAuthorization(Policies.Dispatch).ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext context, BoardEvents events, Microsoft.Extensions.Options.IOptions<BoardOptions> board, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        using var subscription = events.TrySubscribe();
        if (subscription is null)
        {
            loggers.CreateLogger(typeof(BoardEventsEndpoint)).LogWarning("Board stream refused: {Subscribers} open streams is this instance's limit", events.MaxSubscribers);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        var heartbeat = TimeSpan.FromSeconds(board.Value.HeartbeatSeconds);
        var lifespan = TimeSpan.FromMinutes(board.Value.StreamMinutes);

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        stop.CancelAfter(lifespan);
        var token = stop.Token;
        try
        {
            // The browser waits this long before reconnecting after the stream ends.
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes("retry: 3000\n: " + (events.IsListening ? "listening" : "waiting") + "\n\n"), token);
            await response.Body.FlushAsync(token);
            while (!token.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(token);
                beat.CancelAfter(heartbeat);
                bool more;
                try
                {
                    more = await subscription.Reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    await response.Body.WriteAsync(Heartbeat, token);
                    await response.Body.FlushAsync(token);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                while (subscription.Reader.TryRead(out var update))
                {
                    var data = JsonSerializer.Serialize(update);
                    await response.Body.WriteAsync(Encoding.UTF8.GetBytes("event: board\ndata: " + data + "\n\n"), token);
                }

                await response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The browser left, the app is stopping, or the stream's time is up: the browser reconnects if still open.
        }
        catch (IOException)
        {
            // The connection dropped mid-write.
        }
    }
}
