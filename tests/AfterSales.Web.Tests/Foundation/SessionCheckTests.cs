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
}
