namespace AfterSales.Domain;

/// <summary>
/// A business rule refused an operation. <see cref="Code"/> is stable and is what the web layer
/// translates for the user (resource key <c>Domain.{Code}</c>); <see cref="Exception.Message"/> is
/// the English default; <see cref="Args"/> fill the placeholders of the translated text.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, params object[] args)
        : base(message)
    {
        Code = code;
        Args = args;
    }

    public DomainException()
        : this("domain.error", "A business rule refused the operation.")
    {
    }

    public DomainException(string message)
        : this("domain.error", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "domain.error";
        Args = [];
    }

    public string Code { get; } = "domain.error";

    public IReadOnlyList<object> Args { get; } = [];
}
