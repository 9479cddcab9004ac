using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure.Security;

/// <summary>HTTPS, HSTS and the proxies whose forwarded headers are believed (<c>Security:*</c>). Checked at start.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Whether the app must be reached over HTTPS (HSTS, redirection, <c>Secure</c> / <c>__Host-</c> cookies); unset: Production only.</summary>
    public bool? RequireHttps { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "730.00:00:00", ParseLimitsInInvariantCulture = true, ErrorMessage = "Security:HstsMaxAge (Security__HstsMaxAge) must be a time span from 00:00:00 to 730.00:00:00 (two years).")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>The port plain-http requests are redirected to.</summary>
    [Range(1, 65535, ErrorMessage = "Security:HttpsPort (Security__HttpsPort) must be a port number from 1 to 65535.")]
    public int HttpsPort { get; set; } = 443;

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public bool Https(IHostEnvironment environment) => RequireHttps ?? environment.IsProduction();
}

/// <summary><c>Security:ForwardedHeaders:*</c>: the proxies (addresses or networks) whose <c>X-Forwarded-*</c> headers are read.</summary>
public sealed class ForwardedHeadersSettings
{
    public int ForwardLimit { get; set; } = 1;

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Forwarded headers are read only when some proxy is named.</summary>
    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>What data annotations cannot say of the nested proxy list: a limit in range, each address and network one the machine can parse.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var forwarded = options.ForwardedHeaders;
        var failures = new List<string>();
        if (forwarded.ForwardLimit is < 1 or > 100)
        {
            failures.Add("Security:ForwardedHeaders:ForwardLimit (Security__ForwardedHeaders__ForwardLimit) must be a number of proxies from 1 to 100.");
        }

        failures.AddRange(forwarded.KnownProxies.Select((proxy, i) => (proxy, i)).Where(p => !IPAddress.TryParse(p.proxy, out _))
            .Select(p => $"Security:ForwardedHeaders:KnownProxies:{p.i} (Security__ForwardedHeaders__KnownProxies__{p.i}) '{p.proxy}' must be an IP address, e.g. 10.0.0.2."));
        failures.AddRange(forwarded.KnownNetworks.Select((network, i) => (network, i)).Where(n => !IPNetwork.TryParse(n.network, out _))
            .Select(n => $"Security:ForwardedHeaders:KnownNetworks:{n.i} (Security__ForwardedHeaders__KnownNetworks__{n.i}) '{n.network}' must be a network in CIDR form, e.g. 10.0.0.0/8."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
