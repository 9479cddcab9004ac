using System.Net;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Sessions are checked without reading Identity on every request, yet end within seconds on every instance.</summary>
public sealed class SessionCheckTests(AppFixture app) : AppTest(app)
{
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Disabling_a_user_on_one_instance_ends_their_session_on_another_within_seconds()
    {
        await using var other = AppInstance.Start();
        var stamps = other.Services.GetRequiredService<SessionStamps>();
        await WaitUntilAsync(() => Task.FromResult(stamps.Listening), TimeSpan.FromSeconds(10), "the other instance never listened for stamp changes");

        using var desk = await Client().SignedInAsync("desk2");
        using var deskThere = new AppClient(other.BaseAddress, desk.Cookies);
        using (var first = await deskThere.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Checked from the instance's cache: the session is not re-issued on every response.
        using (var second = await deskThere.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.DoesNotContain(second.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("AfterSales.Auth=", StringComparison.Ordinal));
        }

        Assert.True(stamps.Count > 0);
        await using var db = App.NewDbContext();
        var id = await db.Users.Where(u => u.UserName == "desk2").Select(u => u.Id).SingleAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using (var disabled = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", [], $"/Admin/Users/Edit/{id}?handler=Disable"))
        {
            Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        }

        await WaitUntilAsync(
            async () =>
            {
                using var response = await deskThere.GetAsync("/Tickets");
                return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/Account/Login", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(5),
            "the disabled user's session still opens pages on the other instance");
    }

    [Fact]
    public async Task A_password_changed_in_the_database_ends_the_session_at_the_next_request()
    {
        using var tech = await Client().SignedInAsync("tech5");
        using (var before = await tech.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // As another instance (or an operator) would: only the database changes.
        await using (var db = App.NewDbContext())
        {
            await db.Users.Where(u => u.UserName == "tech5").ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N")));
        }

        await WaitUntilAsync(
            async () =>
            {
                using var response = await tech.GetAsync("/");
                return response.StatusCode == HttpStatusCode.Redirect;
            },
            TimeSpan.FromSeconds(5),
            "a session with an old security stamp still opens pages");
    }

    private static CookieContainer Copy(CookieContainer cookies, Uri address)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(address))
        {
            copy.Add(address, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return copy;
    }

    [Fact]
    public async Task A_signed_out_session_cookie_replayed_is_refused_on_this_and_every_other_instance()
    {
        await using var other = AppInstance.Start();
        var stamps = other.Services.GetRequiredService<SessionStamps>();
        await WaitUntilAsync(() => Task.FromResult(stamps.Listening), TimeSpan.FromSeconds(10), "the other instance never listened for session changes");

        using var desk = await Client().SignedInAsync("desk3");
        var stolen = Copy(desk.Cookies, App.BaseAddress);
        Assert.Contains(stolen.GetCookies(App.BaseAddress), c => c.Name == "AfterSales.Auth");

        // The copy works on both instances while the session lasts (and the other instance caches the check).
        using (var replayHere = new AppClient(App.BaseAddress, stolen))
        using (var before = await replayHere.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var replayThere = new AppClient(other.BaseAddress, Copy(stolen, App.BaseAddress)))
        using (var before = await replayThere.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Another session of the same user (another browser) is not touched by this sign-out.
        using var secondBrowser = await Client().SignedInAsync("desk3");

        using (var logout = await desk.PostFormAsync("/", [], "/Account/Logout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using (var replayHere = new AppClient(App.BaseAddress, Copy(stolen, App.BaseAddress)))
        using (var after = await replayHere.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        await WaitUntilAsync(
            async () =>
            {
                using var replayThere = new AppClient(other.BaseAddress, Copy(stolen, App.BaseAddress));
                using var response = await replayThere.GetAsync("/Tickets");
                return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/Account/Login", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(5),
            "the signed-out cookie still opens pages on the other instance");

        using (var stillIn = await secondBrowser.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        }
    }

    [Fact]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active_it_is()
    {
        await using var shortLived = AppInstance.Start(("Identity:SessionMaxLifetime", "00:00:04"));
        using var desk = new AppClient(shortLived.BaseAddress);
        using (var login = await desk.LoginAsync("desk4"))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        // Active all along (the sliding lifetime never runs out), yet over after four seconds.
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5))
        {
            using var active = await desk.GetAsync("/Tickets");
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
            await Task.Delay(500);
        }

        await WaitUntilAsync(
            async () =>
            {
                using var response = await desk.GetAsync("/Tickets");
                return response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery().StartsWith("/Account/Login", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(8),
            "a session past its absolute lifetime still opens pages");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(3), "the session ended before its lifetime");
    }
}
