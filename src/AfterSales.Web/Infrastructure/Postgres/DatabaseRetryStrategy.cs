using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Retries with backoff (0.1 s doubling to 2 s) while the database is briefly unreachable or a connection was cut
/// (3 s in all, then the page answers 503: <see cref="DatabaseOutage"/>), and for as long as crash recovery lasts once
/// the server says it is starting (57P03, up to 30 s). A failure at commit is not guessed at: the transaction's id,
/// read just before the commit (<see cref="CommitCheck"/>), is looked up in the server's commit log, and a committed
/// transaction is not run again.
/// </summary>
public sealed class DatabaseRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxAttempts, TimeSpan.FromSeconds(2), [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow])
{
    public static readonly TimeSpan OutageBudget = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(30);
    private const int MaxAttempts = 60;
    private readonly Stopwatch _sinceFirstFailure = new();

    protected override void OnFirstExecution()
    {
        base.OnFirstExecution();
        _sinceFirstFailure.Reset();
    }

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        if (!_sinceFirstFailure.IsRunning)
        {
            _sinceFirstFailure.Start();
        }

        var recovering = ExceptionsEncountered.Any(e => e is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow });
        if (_sinceFirstFailure.Elapsed >= (recovering ? RecoveryBudget : OutageBudget) || ExceptionsEncountered.Count >= MaxAttempts)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, ExceptionsEncountered.Count - 1)));
    }

    public override Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default) =>
        base.ExecuteAsync(state, operation, verifySucceeded ?? CommitCheck.VerifyAsync<TState, TResult>, cancellationToken);
}
