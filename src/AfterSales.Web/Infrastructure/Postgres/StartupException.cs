namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>A start-up failure with a known cause: its message is one line naming the cause and the fix, shown without a stack trace.</summary>
public sealed class StartupException : InvalidOperationException
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
