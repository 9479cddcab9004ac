using System.Net;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

public sealed class SignInTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Correct_password_signs_in_and_lands_on_the_dashboard()
    {
        using var client = Client();
        using var login = await client.LoginAsync("desk1");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        var home = await client.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("[data-testid=dashboard]"));
        Assert.Equal("desk1", home.QuerySelector("[data-testid=user-menu]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message_and_no_cookie()
    {
        using var client = Client();
        using var login = await client.LoginAsync("desk1", "not the right password");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var page = await AppClient.ParseAsync(login);
        Assert.Contains("用户名或密码不正确", page.QuerySelector("[data-testid=login-errors]")!.TextContent, StringComparison.Ordinal);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_beside_each_field()
    {
        using var client = Client();
        using var login = await client.PostFormAsync("/Account/Login", [new("UserName", ""), new("Password", "")]);
        var page = await AppClient.ParseAsync(login);
        Assert.Contains("请输入用户名", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("请输入密码", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.LoginAsync("tech2", "wrong password " + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var locked = await client.LoginAsync("tech2");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var page = await AppClient.ParseAsync(locked);
        Assert.Contains("锁定", page.QuerySelector("[data-testid=login-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await Client().SignedInAsync("manager1");
        using var logout = await client.PostFormAsync("/", [], "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_twelve_characters()
    {
        using var client = await Client().SignedInAsync("quality2");
        using var tooShort = await client.PostFormAsync("/Account/ChangePassword", [new("CurrentPassword", AppFixture.Password), new("NewPassword", "short"), new("ConfirmPassword", "short")]);
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("12", (await AppClient.ParseAsync(tooShort)).Body!.TextContent, StringComparison.Ordinal);

        using var wrongCurrent = await client.PostFormAsync("/Account/ChangePassword", [new("CurrentPassword", "not my password"), new("NewPassword", "a long enough new password"), new("ConfirmPassword", "a long enough new password")]);
        Assert.Equal(HttpStatusCode.OK, wrongCurrent.StatusCode);

        using var ok = await client.PostFormAsync("/Account/ChangePassword", [new("CurrentPassword", AppFixture.Password), new("NewPassword", "a long enough new password"), new("ConfirmPassword", "a long enough new password")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        using var other = Client();
        using var withNew = await other.LoginAsync("quality2", "a long enough new password");
        Assert.Equal(HttpStatusCode.Redirect, withNew.StatusCode);
    }

    private async Task<string> RefusalAsync(string userName, string password)
    {
        using var client = Client();
        using var login = await client.LoginAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await AppClient.ParseAsync(login)).QuerySelector("[data-testid=login-errors]")!.TextContent.Trim();
    }

    [Fact]
    public async Task Unknown_disabled_locked_and_wrong_password_all_get_the_same_message()
    {
        await using (var db = App.NewDbContext())
        {
            await db.Users.Where(u => u.UserName == "desk5").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
            await db.Users.Where(u => u.UserName == "desk6").ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(15)));
        }

        var wrongPassword = await RefusalAsync("desk1", "not the right password");
        Assert.Contains("用户名或密码不正确", wrongPassword, StringComparison.Ordinal);
        Assert.Equal(wrongPassword, await RefusalAsync("nobody-here", "not the right password"));
        Assert.Equal(wrongPassword, await RefusalAsync("desk5", "not the right password"));
        Assert.Equal(wrongPassword, await RefusalAsync("desk6", "not the right password"));

        // The right password never opens a disabled or locked account, and the answer still tells a stranger nothing.
        Assert.Equal(wrongPassword, await RefusalAsync("desk5", AppFixture.Password));
        Assert.Equal(wrongPassword, await RefusalAsync("desk6", AppFixture.Password));
    }
}
