using AfterSales.Web.Infrastructure.Postgres;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Jobs;

/// <summary>
/// Picks the one instance that runs background work (the daily proposal scan and any later job): every instance
/// tries to take a PostgreSQL session advisory lock on a connection of its own, and the one that holds it leads
/// for as long as that connection lives. When the leader stops or loses the database, PostgreSQL releases the
/// lock and another instance takes it within <c>Jobs:RetryInterval</c>.
/// </summary>
public sealed class JobLeadership(IConfiguration configuration, Microsoft.Extensions.Options.IOptions<JobOptions> jobs, ILogger<JobLeadership> logger) : BackgroundService
{
    /// <summary>"AfterSal" as a number: the lock no other part of the app takes.</summary>
    public const long DefaultLockKey = 0x4166746572536166;

    private readonly long _key = jobs.Value.LockKey;
    private readonly TimeSpan _retry = jobs.Value.RetryInterval;
    private volatile bool _isLeader;

    /// <summary>True while this instance holds the lock, checked again every <c>Jobs:RetryInterval</c>.</summary>
    public bool IsLeader => _isLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseConnection.Name);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 5, ApplicationName = "aftersales-jobs" };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await using var command = new NpgsqlCommand(_isLeader ? "SELECT true" : "SELECT pg_try_advisory_lock(@key)", connection);
                    command.Parameters.AddWithValue("key", _key);
                    var holds = (bool)(await command.ExecuteScalarAsync(stoppingToken))!;
                    if (holds != _isLeader)
                    {
                        _isLeader = holds;
                        logger.LogInformation("This instance now runs the background jobs");
                    }

                    await Task.Delay(_retry, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                if (_isLeader)
                {
                    logger.LogWarning(ex, "Lost the background-job lock with the database connection; another instance takes over");
                }

                _isLeader = false;
                await Task.Delay(_retry, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _isLeader = false;
    }
}
