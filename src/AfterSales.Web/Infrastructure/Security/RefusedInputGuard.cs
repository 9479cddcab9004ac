using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Web.Infrastructure.Security;

/// <summary>Thrown instead of sending a command whose parameters hold text the input policy refuses.</summary>
public sealed class InputRefusedException() : Exception("A value holds characters the input policy refuses (control characters, bidirectional overrides).");

/// <summary>
/// The last line of the input policy: during a web request, no command goes to PostgreSQL with a text parameter that
/// holds a refused character (a NUL byte would fail there as 22021; a bidirectional override would be stored). A page
/// that checks its input never gets here; one that forgot answers 400 with the policy's message, and nothing is saved.
/// </summary>
public sealed class RefusedInputGuard(IHttpContextAccessor http) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command)
    {
        if (http.HttpContext is null)
        {
            return;
        }

        foreach (DbParameter parameter in command.Parameters)
        {
            var refused = parameter.Value switch
            {
                string text => InputPolicy.Refuses(text),
                IEnumerable<string?> texts => texts.Any(InputPolicy.Refuses),
                _ => false,
            };
            if (refused)
            {
                throw new InputRefusedException();
            }
        }
    }
}
