using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by Playwright (no browser download: the system binary is used).
/// Screenshots go to <c>screenshots/</c> under the test output folder.
/// </summary>
public static class Browser
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> CspViolations = [];
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("AFTERSALES_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<IBrowser> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh browser context (own cookies) at the app's address; desktop size unless a viewport is given.</summary>
    public static async Task<IPage> NewPageAsync(AppFixture app, ViewportSize? viewport = null)
    {
        var browser = await SharedAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
            Locale = "zh-CN",
        });
        // Generous: CI machines have two cores shared by the build, the database and the browser.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();

        // The Content-Security-Policy allows no inline script: a script the browser refuses fails the test.
        var refused = CspViolations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            // A refused script breaks a page; refused inline styles only change its look (and Playwright's own helpers
            // trip over them), so those are not counted.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                && !message.Text.Contains("style-src", StringComparison.Ordinal))
            {
                lock (refused)
                {
                    refused.Add(page.Url + ": " + message.Text);
                }
            }
        };
        return page;
    }

    /// <summary>Fails when the browser has refused anything on this page because of the Content-Security-Policy.</summary>
    public static void AssertNoCspViolations(IPage page)
    {
        if (CspViolations.TryGetValue(page, out var refused))
        {
            lock (refused)
            {
                Assert.True(refused.Count == 0, "Content-Security-Policy violations: " + string.Join(" | ", refused));
            }
        }
    }

    public static async Task LoginAsync(IPage page, string userName, string password = AppFixture.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("#login-submit");
        await WaitForUrlAsync(page, new Regex("^(?!.*/Account/Login)"));
    }

    /// <summary>
    /// Waits until the page shows an address matching <paramref name="url"/> and its layout is there.
    /// Polls rather than listening for navigation events, which can be missed when a navigation
    /// finishes while the wait is being set up.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        await page.Locator("[data-testid=main-nav]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        AssertNoCspViolations(page);
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        AssertNoCspViolations(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        // Playwright hides the caret with a style of its own while it takes the picture; the policy refuses that, not the app's.
        if (CspViolations.TryGetValue(page, out var refused))
        {
            lock (refused)
            {
                refused.Clear();
            }
        }

        return path;
    }
}
