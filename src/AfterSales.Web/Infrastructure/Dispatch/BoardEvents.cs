using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using AfterSales.Web.Infrastructure.Postgres;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Dispatch;

/// <summary>One change on the board as the database reported it (see <see cref="BoardEventsSql"/>).</summary>
public sealed record BoardNotice(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("ticket")] long? Ticket,
    [property: JsonPropertyName("number")] string? Number,
    [property: JsonPropertyName("urgency")] string? Urgency,
    [property: JsonPropertyName("count")] long? Count);

/// <summary>
/// What a board in a browser is told: changes coalesced over a short window. <see cref="Created"/> counts new
/// calls; <see cref="Resync"/> says notifications may have been missed (the listener reconnected), so reload.
/// </summary>
public sealed record BoardUpdate(
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("changed")] long Changed,
    [property: JsonPropertyName("emergency")] bool Emergency,
    [property: JsonPropertyName("numbers")] IReadOnlyList<string> Numbers,
    [property: JsonPropertyName("resync")] bool Resync);

/// <summary>
/// The instance's fan-out of board changes to the boards open on it (server-sent events). Each subscriber has a
/// small bounded queue that drops its oldest update when a slow browser falls behind; the number of subscribers
/// is capped (<c>Board:MaxSubscribers</c>, default 200) so open streams cannot take the instance's capacity.
/// </summary>
public sealed class BoardEvents(Microsoft.Extensions.Options.IOptions<BoardOptions> board)
{
    public const string Channel = "aftersales_board";

    /// <summary>Ticket numbers named in one update at most (the rest are only counted).</summary>
    public const int MaxNumbers = 20;

    private readonly Lock _gate = new();
    private readonly HashSet<Subscription> _subscribers = [];
    private volatile bool _listening;

    public int MaxSubscribers { get; } = board.Value.MaxSubscribers;

    /// <summary>Whether this instance is listening to the database right now (nothing is pushed while it is not).</summary>
    public bool IsListening => _listening;

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>A new subscriber, or null when the instance already serves <see cref="MaxSubscribers"/>.</summary>
    public Subscription? TrySubscribe()
    {
        lock (_gate)
        {
            if (_subscribers.Count >= MaxSubscribers)
            {
                return null;
            }

            var subscription = new Subscription(this);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void SetListening(bool listening) => _listening = listening;

    /// <summary>Hands one update to every subscriber; a full queue loses its oldest update, never blocks.</summary>
    internal void Publish(BoardUpdate update)
    {
        Subscription[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Queue.Writer.TryWrite(update);
        }
    }

    /// <summary>Coalesces notices that arrived together into one update.</summary>
    public static BoardUpdate Coalesce(IReadOnlyCollection<BoardNotice> notices, bool resync = false)
    {
        long created = 0, changed = 0;
        foreach (var n in notices)
        {
            var rows = Math.Max(1, n.Count ?? 1);
            if (n.Kind is "ticket.created")
            {
                created += rows;
            }
            else
            {
                changed += rows;
            }
        }

        return new BoardUpdate(
            created,
            changed,
            notices.Any(n => n.Urgency == nameof(Domain.Tickets.Urgency.Emergency)),
            [.. notices.Where(n => n.Number is not null).Select(n => n.Number!).Distinct(StringComparer.Ordinal).Take(MaxNumbers)],
            resync || notices.Any(n => n.Count is not null));
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    /// <summary>One open board: read its updates from <see cref="Reader"/>; dispose when the browser goes.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly BoardEvents _owner;

        internal Subscription(BoardEvents owner)
        {
            _owner = owner;
            Queue = System.Threading.Channels.Channel.CreateBounded<BoardUpdate>(new BoundedChannelOptions(8)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            });
        }

        internal Channel<BoardUpdate> Queue { get; }

        public ChannelReader<BoardUpdate> Reader => Queue.Reader;

        public void Dispose()
        {
            _owner.Remove(this);
            Queue.Writer.TryComplete();
        }
    }
}

/// <summary>
/// Listens on PostgreSQL's <see cref="BoardEvents.Channel"/> on a dedicated connection (one per instance, outside
/// the pool) and passes the board's changes to <see cref="BoardEvents"/>, coalescing a burst (a bulk assignment,
/// an import) into one update per <c>Board:DebounceMilliseconds</c> (default 300). Reconnects with backoff; after a
/// reconnect it tells the boards to reload, since notifications sent meanwhile were lost.
/// </summary>
public sealed class BoardEventListener(BoardEvents events, IConfiguration configuration, Microsoft.Extensions.Options.IOptions<BoardOptions> board, ILogger<BoardEventListener> logger) : BackgroundService
{
    private readonly Channel<BoardNotice> _inbox = Channel.CreateBounded<BoardNotice>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
        SingleWriter = true,
    });

    private readonly TimeSpan _debounce = TimeSpan.FromMilliseconds(board.Value.DebounceMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConnection.Name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var fanOut = FanOutAsync(stoppingToken);
        try
        {
            await ListenAsync(connectionString, stoppingToken);
        }
        finally
        {
            events.SetListening(false);
            _inbox.Writer.TryComplete();
            await fanOut.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false, ApplicationName = "aftersales-board" };
        var delay = TimeSpan.FromSeconds(1);
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => Receive(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand("LISTEN " + BoardEvents.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                events.SetListening(true);
                if (lost)
                {
                    logger.LogInformation("Board notifications are back; open boards reload");
                    events.Publish(BoardEvents.Coalesce([], resync: true));
                    lost = false;
                }

                delay = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                events.SetListening(false);
                lost = true;
                logger.LogWarning(ex, "Board notifications lost; open boards do not update by themselves until they are back (retry in {Delay})", delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        BoardNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<BoardNotice>(payload);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Unreadable board notification {Payload}", payload.Length > 200 ? payload[..200] : payload);
            notice = null;
        }

        _inbox.Writer.TryWrite(notice ?? new BoardNotice("unknown", null, null, null, null));
    }

    /// <summary>Waits for a notice, gathers whatever else arrives within the debounce window, publishes one update.</summary>
    private async Task FanOutAsync(CancellationToken stoppingToken)
    {
        var batch = new List<BoardNotice>();
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(stoppingToken))
            {
                if (_debounce > TimeSpan.Zero)
                {
                    await Task.Delay(_debounce, stoppingToken);
                }

                while (_inbox.Reader.TryRead(out var notice))
                {
                    batch.Add(notice);
                }

                if (batch.Count > 0)
                {
                    events.Publish(BoardEvents.Coalesce(batch));
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}

/// <summary>
/// Moves the board's queued change notices (<c>board_notices</c>, see <see cref="BoardEventsSql"/>) to NOTIFY on
/// <see cref="BoardEvents.Channel"/> every <c>Board:RelayMilliseconds</c> (default 200): one short transaction for
/// many notices, so the transactions that log calls never hold the notification lock. Every instance relays;
/// two relays never take the same notice.
/// </summary>
public sealed class BoardNoticeRelay(IConfiguration configuration, Microsoft.Extensions.Options.IOptions<BoardOptions> board, ILogger<BoardNoticeRelay> logger) : BackgroundService
{
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(board.Value.RelayMilliseconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConnection.Name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "aftersales-board-relay", MaxPoolSize = 2, NoResetOnClose = true }.ConnectionString;
        var failures = 0;
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(stoppingToken);
                    await using var relay = new NpgsqlCommand(BoardEventsSql.RelaySql, connection);
                    // A full batch means more are waiting: relay again at once.
                    while ((int)(await relay.ExecuteScalarAsync(stoppingToken))! == BoardEventsSql.RelayBatch)
                    {
                    }

                    failures = 0;
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException or TimeoutException)
                {
                    // Logged once per outage; the listener tells open boards to reload when notifications come back.
                    if (failures++ == 0)
                    {
                        logger.LogWarning(ex, "Board notices cannot be relayed; retrying every {Interval}", _interval);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
