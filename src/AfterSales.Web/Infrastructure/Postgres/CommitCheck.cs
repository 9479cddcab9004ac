using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// Just before a transaction commits, reads its id (<c>txid_current_if_assigned()</c>, nothing when it wrote nothing);
/// when the connection is lost at commit, <see cref="VerifyAsync{TState, TResult}"/> asks the server (on a new
/// connection, once it answers again) whether that transaction committed: if so the work is done and is not retried.
/// </summary>
public sealed class CommitCheck : DbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, StrongBox<long?>> Pending = new();

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Set(eventData.Context, null);
        return await base.TransactionStartedAsync(connection, eventData, result, cancellationToken);
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not null && transaction.Connection is { } connection)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "select txid_current_if_assigned()";
            Set(eventData.Context, await command.ExecuteScalarAsync(cancellationToken) is long xid ? xid : null);
        }

        return result;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(eventData.Context, null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether the failed operation's last commit took effect: committed ⇒ success (changes accepted, no retry);
    /// aborted, or no write was pending ⇒ not done, retry.
    /// </summary>
    public static async Task<ExecutionResult<TResult>> VerifyAsync<TState, TResult>(DbContext context, TState state, CancellationToken cancellationToken)
    {
        if (!Pending.TryGetValue(context, out var box) || box.Value is not long xid)
        {
            return new ExecutionResult<TResult>(false, default!);
        }

        await using var connection = new NpgsqlConnection(context.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await using var status = new NpgsqlCommand("select txid_status(@xid)", connection);
            status.Parameters.AddWithValue("xid", xid);
            string? answer;
            try
            {
                answer = await status.ExecuteScalarAsync(cancellationToken) as string;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidParameterValue)
            {
                // "transaction ID … is in the future": the server crashed before that id reached its log, so nothing
                // of that transaction survived.
                answer = "aborted";
            }

            if (answer == "in progress" && attempt < 50)
            {
                // The server still finishes the commit (or the cut session's end): ask again in a moment.
                await Task.Delay(100, cancellationToken);
                continue;
            }

            box.Value = null;
            if (answer == "committed")
            {
                context.ChangeTracker.AcceptAllChanges();
                return new ExecutionResult<TResult>(true, default!);
            }

            return new ExecutionResult<TResult>(false, default!);
        }
    }

    private static void Set(DbContext? context, long? xid)
    {
        if (context is not null)
        {
            Pending.GetOrCreateValue(context).Value = xid;
        }
    }
}
