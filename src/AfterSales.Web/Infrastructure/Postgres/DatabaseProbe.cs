using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>Whether a database answers, within a deadline well under a second (readiness, and telling an outage from a bug).</summary>
public sealed class DatabaseProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(700);

    public static async Task<Exception?> FailureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(deadline.Token);
            await using var ping = new NpgsqlCommand("select 1", connection);
            await ping.ExecuteScalarAsync(deadline.Token);
            return null;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new TimeoutException($"no answer within {Deadline.TotalMilliseconds:0} ms", e);
        }
        catch (NpgsqlException e)
        {
            return e;
        }
    }
}
