using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AfterSales.Web.Infrastructure.Security;

/// <summary>
/// Response headers on every answer (pages, errors, static files, downloads), forwarded headers from the proxies the
/// configuration names, and — when <c>Security:RequireHttps</c> (on in Production) — HSTS, HTTPS redirection and
/// <c>Secure</c> / <c>__Host-</c> cookies. Development and the tests stay on plain http.
/// </summary>
public static class WebSecurity
{
    /// <summary>
    /// No inline script or style anywhere: scripts and styles come from this site's files only (wwwroot), data: only for
    /// images (signatures, Bootstrap's icons); the app is never framed, plugins never load, forms post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; frame-src 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public const string AuthCookie = "AfterSales.Auth";
    public const string AntiforgeryCookie = "AfterSales.Antiforgery";

    /// <summary>The security settings, read (and checked) while the services are being registered.</summary>
    public static SecurityOptions ReadSettings(IConfiguration configuration) =>
        AfterSales.Web.Infrastructure.Settings.SettingsSetup.Read(configuration, SecurityOptions.Section, new SecurityOptionsValidator());

    /// <summary>True when the app must be reached over HTTPS (default: Production only).</summary>
    public static bool RequireHttps(IConfiguration configuration, IHostEnvironment environment) =>
        ReadSettings(configuration).Https(environment);

    /// <summary>A cookie's name: with the <c>__Host-</c> prefix (Secure, path /, no domain) when HTTPS is required.</summary>
    public static string CookieName(string name, bool https) => https ? "__Host-" + name : name;

    public static void AddWebSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = ReadSettings(configuration);
        var https = settings.Https(environment);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieName(AntiforgeryCookie, https);
            options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

            // Our own X-Frame-Options (DENY) goes on every response instead of SAMEORIGIN on forms only.
            options.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<CookiePolicyOptions>(options =>
        {
            options.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.None;
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardedHeaders.ForwardLimit;
            foreach (var proxy in settings.ForwardedHeaders.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.ForwardedHeaders.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = settings.HstsMaxAge;
            options.IncludeSubDomains = settings.HstsIncludeSubDomains;
        });
        services.AddHttpsRedirection(options => options.HttpsPort = settings.HttpsPort);
    }

    /// <summary>First in the pipeline: proxies' headers, then every response's headers, then HTTPS (when required).</summary>
    public static void UseWebSecurity(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (settings.ForwardedHeaders.Any)
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            // Set just before the headers go out, so error pages (whose headers the exception handler clears) get them too.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });

        if (settings.Https(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseCookiePolicy();
    }
}
