using System.Net;
using System.Text.RegularExpressions;
using AfterSales.Web.Tests.Infrastructure;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Every response carries the security headers — pages, error pages, static files and downloads — and no page needs inline script or style.</summary>
public sealed partial class SecurityHeadersTests(AppFixture app) : AppTest(app)
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
            : throw new Xunit.Sdk.XunitException($"{what}: no {name} header ({(int)response.StatusCode})");

        var csp = Header("Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("same-origin", Header("Referrer-Policy"));
        Assert.Contains("camera=()", Header("Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_error_pages_static_files_and_downloads_all_carry_the_security_headers()
    {
        using var anonymous = Client();
        using (var login = await anonymous.GetAsync("/Account/Login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            AssertSecurityHeaders(login, "login page");
        }

        using (var redirect = await anonymous.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            AssertSecurityHeaders(redirect, "redirect to sign-in");
        }

        using (var css = await anonymous.GetAsync("/css/site.css"))
        {
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            AssertSecurityHeaders(css, "static file");
        }

        using (var script = await anonymous.GetAsync("/lib/bootstrap/dist/js/bootstrap.bundle.min.js"))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            AssertSecurityHeaders(script, "vendored script");
        }

        using var manager = await Client().SignedInAsync("manager1");
        using (var home = await manager.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            AssertSecurityHeaders(home, "dashboard");
        }

        using (var missing = await manager.GetAsync("/no/such/page"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.NotNull((await AppClient.ParseAsync(missing)).QuerySelector("[data-testid=error-page]"));
            AssertSecurityHeaders(missing, "404 page");
        }

        using (var bad = await manager.GetAsync("/Tickets/Export?format=pdf"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            AssertSecurityHeaders(bad, "400 answer");
        }

        using (var failed = await manager.GetAsync("/WorkOrders/Daily?date=9999-12-31"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            AssertSecurityHeaders(failed, "refused date");
        }

        using (var csv = await manager.GetAsync("/Tickets/Export?format=csv"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            AssertSecurityHeaders(csv, "CSV export");
        }

        var month = TestData.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        using (var xlsx = await manager.GetAsync($"/Tallies/{month}/Export?format=xlsx"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            AssertSecurityHeaders(xlsx, "Excel export");
        }
    }

    [Fact]
    public async Task An_unhandled_error_page_keeps_the_headers_and_its_status()
    {
        using var anonymous = Client();

        // A form the framework cannot take (a NUL byte): 400 on the error page, never 500.
        using var response = await anonymous.PostFormAsync("/Account/Login", [new("UserName", "desk1\0"), new("Password", "x")]);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"answered {(int)response.StatusCode}");
        AssertSecurityHeaders(response, "refused sign-in form");
    }

    [GeneratedRegex("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-z][^>]*\\s(on[a-z]+|style)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();

    [GeneratedRegex("<style[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [Theory]
    [InlineData("manager1", "/")]
    [InlineData("manager1", "/Tickets")]
    [InlineData("manager1", "/Tickets/Views")]
    [InlineData("manager1", "/Dispatch")]
    [InlineData("manager1", "/Discipline/Records")]
    [InlineData("manager1", "/Discipline/Rules")]
    [InlineData("manager1", "/Discipline/Me")]
    [InlineData("manager1", "/Exchanges")]
    [InlineData("desk1", "/Tickets/New")]
    [InlineData("desk1", "/FollowUps")]
    [InlineData("desk1", "/FollowUps/Weekly")]
    [InlineData("desk1", "/WorkOrders/Daily")]
    [InlineData("quality1", "/Quality/Complaints")]
    [InlineData("quality1", "/Quality/Reports")]
    [InlineData("quality1", "/Quality/Summary")]
    [InlineData("quality1", "/Quality/Summary?print=true")]
    [InlineData("tech1", "/WorkOrders")]
    [InlineData("admin1", "/Admin/Users")]
    [InlineData("admin1", "/Admin/Calendar")]
    [InlineData("admin1", "/Admin/Products")]
    [InlineData("dispatch1", "/Technicians")]
    public async Task Pages_hold_no_inline_script_handler_or_style(string user, string url)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        Assert.DoesNotMatch(StyleBlock(), html);
    }

    [Fact]
    public async Task Month_tally_and_its_print_view_hold_no_inline_script_or_style()
    {
        using var manager = await Client().SignedInAsync("manager1");
        var month = TestData.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var url in new[] { $"/Tallies/{month}", $"/Tallies/{month}?print=1" })
        {
            using var response = await manager.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
            Assert.DoesNotMatch(StyleBlock(), html);
        }
    }

    [Fact]
    public async Task Behind_a_known_proxy_https_is_required_with_hsts_and_host_prefixed_secure_cookies()
    {
        await using var production = AppInstance.Start(
            ("Security:RequireHttps", "true"),
            ("Security:HttpsPort", "443"),
            ("Security:ForwardedHeaders:KnownProxies:0", "127.0.0.1"),
            ("Security:ForwardedHeaders:KnownProxies:1", "::1"));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = production.BaseAddress };

        // Plain http (no proxy saying otherwise): sent to https.
        using (var plain = new HttpRequestMessage(HttpMethod.Get, "/Account/Login"))
        {
            plain.Headers.Host = "service.example.com";
            using var response = await http.SendAsync(plain);
            Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
            Assert.Equal("https://service.example.com/Account/Login", response.Headers.Location!.ToString());
        }

        // The proxy terminated TLS: the page is served with HSTS and secure, host-only cookies.
        using (var tls = new HttpRequestMessage(HttpMethod.Get, "/Account/Login"))
        {
            tls.Headers.Host = "service.example.com";
            tls.Headers.Add("X-Forwarded-Proto", "https");
            tls.Headers.Add("X-Forwarded-For", "203.0.113.7");
            using var response = await http.SendAsync(tls);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
            var cookies = response.Headers.GetValues("Set-Cookie").ToList();
            var antiforgery = Assert.Single(cookies, c => c.StartsWith("__Host-AfterSales.Antiforgery=", StringComparison.Ordinal));
            Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", antiforgery, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", antiforgery, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Development_and_tests_stay_on_http_without_hsts()
    {
        using var anonymous = Client();
        using var response = await anonymous.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AfterSales.Antiforgery=", StringComparison.Ordinal));
    }
}
