using System.Net;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

public sealed class AccessTests(AppFixture app) : AppTest(app)
{
    private static readonly HashSet<string> AnonymousPages = ["/Account/Login", "/Account/AccessDenied", "/Error", "/Culture"];

    /// <summary>Every page the app serves without route values, found from its endpoints so a new page is covered at once.</summary>
    private List<string> PageUrls() =>
        App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(url => !url.Contains('{', StringComparison.Ordinal))
            .Distinct()
            .ToList();

    [Fact]
    public async Task Anonymous_requests_to_any_page_go_to_the_login()
    {
        using var client = Client();
        var pages = PageUrls();
        Assert.Contains("/Admin/Users", pages);
        foreach (var url in pages.Where(u => !AnonymousPages.Contains(u)))
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("desk1", false)]
    [InlineData("dispatch1", false)]
    [InlineData("tech1", false)]
    [InlineData("quality1", false)]
    [InlineData("manager1", false)]
    [InlineData("admin1", true)]
    public async Task Each_role_sees_only_its_menu_and_may_open_only_its_pages(string user, bool isAdmin)
    {
        using var client = await Client().SignedInAsync(user);
        var home = await client.GetDocumentAsync("/");
        var menu = home.QuerySelectorAll("[data-testid=main-nav] a[data-testid^=nav-]").Select(a => a.GetAttribute("href")).ToList();
        var expected = Navigation.Items.Where(i => i.Roles.Any(r => DemoSeeder.StaffPlan.Any(s => s.Role == r && user.StartsWith(s.Prefix, StringComparison.Ordinal)))).Select(i => i.Url);
        Assert.Equal(expected.Prepend("/").Order(), menu.Where(h => h != "/Account/ChangePassword").Order());

        using var admin = await client.GetAsync("/Admin/Users");
        Assert.Equal(isAdmin ? HttpStatusCode.OK : HttpStatusCode.Redirect, admin.StatusCode);
        if (!isAdmin)
        {
            Assert.StartsWith("/Account/AccessDenied", admin.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_post_without_an_antiforgery_token_is_refused()
    {
        using var client = await Client().SignedInAsync("admin1");
        string[] posts = ["/Account/Logout", "/Account/ChangePassword", "/Admin/Users?handler=Create", "/Account/Login"];
        foreach (var url in posts)
        {
            using var response = await client.PostAsync(url, [new("UserName", "x"), new("Password", "y")]);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        }

        // Razor Pages validate the token on every unsafe method unless a page opts out; none does except the error page.
        var optedOut = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is not null)
            .Select(e => e.DisplayName)
            .ToList();
        Assert.All(optedOut, name => Assert.Contains("Error", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        using var client = Client();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_shows_the_friendly_error_with_a_correlation_id()
    {
        using var client = await Client().SignedInAsync("desk1");
        using var response = await client.GetAsync("/No/Such/Page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var id = page.QuerySelector("[data-testid=correlation-id]")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Equal(id, response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task The_interface_is_Chinese_by_default_and_switches_to_English()
    {
        using var client = Client();
        var zh = await client.GetDocumentAsync("/Account/Login");
        Assert.Equal("zh-CN", zh.DocumentElement.GetAttribute("lang"));
        Assert.Equal("登录", zh.QuerySelector("h1")!.TextContent.Trim());

        using var toEnglish = await client.GetAsync("/Culture?c=en&returnUrl=%2FAccount%2FLogin");
        Assert.Equal(HttpStatusCode.Redirect, toEnglish.StatusCode);
        var en = await client.GetDocumentAsync("/Account/Login");
        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", en.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        using var client = Client();
        using var response = await client.GetAsync("/Culture?c=en&returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
