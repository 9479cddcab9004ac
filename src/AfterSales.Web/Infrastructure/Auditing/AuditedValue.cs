using System.Security.Cryptography;
using System.Text;

namespace AfterSales.Web.Infrastructure.Auditing;

/// <summary>
/// What an audit row keeps of a value. Small values are kept as they are. Binary content (the customer's signature
/// image, up to 300 KB) and very long text are kept as a <see cref="LargeValue"/> reference — their SHA-256 and length —
/// so every audit row stays small, yet a stored value can still be proven to be the one the row speaks of.
/// </summary>
public static class AuditedValue
{
    /// <summary>Text longer than this many characters is referenced, not copied.</summary>
    public const int MaxTextChars = 4000;

    public static object? Of(object? value) => value switch
    {
        byte[] bytes => LargeValue.Of(bytes),
        string { Length: > MaxTextChars } text => LargeValue.Of(Encoding.UTF8.GetBytes(text)),
        _ => value,
    };
}

/// <summary>A large value by reference: the SHA-256 of its bytes (lower-case hex) and their number.</summary>
public sealed record LargeValue(string Sha256, int Length)
{
    public static LargeValue Of(byte[] bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
}
