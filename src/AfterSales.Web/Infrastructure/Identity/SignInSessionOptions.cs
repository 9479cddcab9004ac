using System.ComponentModel.DataAnnotations;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>How long a sign-in lasts and how long an instance trusts what it read of it (<c>Identity:*</c>). Checked at start.</summary>
public sealed class SignInSessionOptions
{
    public const string Section = "Identity";

    /// <summary>Longest an instance trusts a session's security stamp without reading it again (a change is heard at once through LISTEN/NOTIFY).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Identity:StampCacheLifetime (Identity__StampCacheLifetime) must be a time span from 00:00:00 to 01:00:00.")]
    public TimeSpan StampCacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a session lasts from its sign-in, however active.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Identity:SessionMaxLifetime (Identity__SessionMaxLifetime) must be a time span from 00:00:01 to 365.00:00:00.")]
    public TimeSpan SessionMaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A session unused this long ends (sliding: each request renews it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Identity:SessionIdleTimeout (Identity__SessionIdleTimeout) must be a time span from 00:00:01 to 365.00:00:00.")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(10);
}

/// <summary>The first administrator, created once when none exists (<c>Bootstrap:*</c>); both or neither.</summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Bootstrap";

    [StringLength(256, ErrorMessage = "Bootstrap:AdminUserName (Bootstrap__AdminUserName) must be at most 256 characters.")]
    public string? AdminUserName { get; set; }

    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(AdminUserName) != string.IsNullOrWhiteSpace(AdminPassword))
        {
            yield return new ValidationResult(
                "Bootstrap:AdminUserName and Bootstrap:AdminPassword (Bootstrap__AdminUserName, Bootstrap__AdminPassword) must be given together, or neither.",
                [nameof(AdminUserName), nameof(AdminPassword)]);
        }
    }
}
