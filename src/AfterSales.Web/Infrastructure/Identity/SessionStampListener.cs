using AfterSales.Web.Infrastructure.Postgres;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// Listens on PostgreSQL's <see cref="SessionStamps.Channel"/> (a trigger on the users table notifies a user's id
/// whenever their security stamp or disabled flag changes) and makes this instance forget that user's stamp, so
/// their sessions end at their next request on every instance. While the connection is down nothing is cached.
/// </summary>
public sealed class SessionStampListener(SessionStamps stamps, IConfiguration configuration, ILogger<SessionStampListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConnection.Name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false, ApplicationName = "aftersales-listener" };
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => stamps.Forget(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {SessionStamps.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                stamps.SetListening(true);
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
                stamps.SetListening(false);
                logger.LogWarning(ex, "Session stamp notifications lost; every request reads the stamp until they are back (retry in {Delay})", delay);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        stamps.SetListening(false);
    }
}
