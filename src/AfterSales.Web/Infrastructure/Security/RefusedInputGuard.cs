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
    /// <summary>
    /// Called once for every command EF Core sends, after its parameters are set and before it runs, whether it runs
    /// as a reader, a non-query or a scalar, synchronously or not: the one place the policy is checked.
    /// </summary>
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        Check(result);
        return result;
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
