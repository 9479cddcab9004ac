using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>A browser-like HTTP client: keeps cookies, does not follow redirects, posts forms with their antiforgery token.</summary>
public sealed class AppClient : IDisposable
{
    private readonly HttpClient _http;

    public AppClient(AppFixture app)
        : this(app.BaseAddress)
    {
    }

    /// <summary>A client of one instance; given another client's cookies, the same person in the same browser on another instance.</summary>
    public AppClient(Uri baseAddress, CookieContainer? cookies = null)
    {
        // A plain client against the real Kestrel server: the factory's own clients follow redirects there.
        Cookies = cookies ?? new CookieContainer();
#pragma warning disable CA2000 // the client owns and disposes the handler
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies }, disposeHandler: true)
        {
            BaseAddress = baseAddress,
        };
#pragma warning restore CA2000
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<IDocument> GetDocumentAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!));
    }

    /// <summary>Loads <paramref name="pageUrl"/>, takes the antiforgery token of its form, and posts the fields to <paramref name="postUrl"/> (default: the page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await GetDocumentAsync(pageUrl);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        return await PostAsync(postUrl ?? pageUrl, fields.Append(new("__RequestVerificationToken", token)));
    }

    public Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        _http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password = AppFixture.Password) =>
        await PostFormAsync("/Account/Login", [new("UserName", userName), new("Password", password)]);

    public async Task<AppClient> SignedInAsync(string userName)
    {
        using var response = await LoginAsync(userName);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {userName} answered {(int)response.StatusCode}");
        return this;
    }

    public void Dispose() => _http.Dispose();
}

public static class UriExtensions
{
    /// <summary>A redirect's target as a path, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
