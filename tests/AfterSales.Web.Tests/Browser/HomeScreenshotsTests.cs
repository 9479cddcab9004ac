using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Browser;

public sealed class HomeScreenshotsTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("desk1")]
    [InlineData("dispatch1")]
    [InlineData("tech1")]
    [InlineData("quality1")]
    [InlineData("manager1")]
    [InlineData("admin1")]
    public async Task Each_role_signs_in_in_the_browser_and_sees_its_dashboard(string user)
    {
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, user);
            await page.WaitForSelectorAsync("[data-testid=dashboard]");
            Assert.Equal(user, (await page.TextContentAsync("[data-testid=user-menu]"))!.Trim());
            var staff = await page.TextContentAsync("[data-testid=count-staff]");
            Assert.True(int.Parse(staff!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 40);
            var path = await Infrastructure.Browser.ScreenshotAsync(page, $"home-{user}");
            Assert.True(new FileInfo(path).Length > 5_000);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_wrong_password_in_the_browser_keeps_the_user_on_the_login_with_a_message()
    {
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await page.GotoAsync("/Admin/Users");
            Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
            await page.FillAsync("#UserName", "admin1");
            await page.FillAsync("#Password", "wrong password");
            await page.PressAsync("#Password", "Enter");
            await page.WaitForSelectorAsync("[data-testid=login-errors] li");
            Assert.Equal("admin1", await page.InputValueAsync("#UserName"));
            await page.FillAsync("#Password", AppFixture.Password);
            await page.PressAsync("#Password", "Enter");
            await page.WaitForSelectorAsync("[data-testid=users-table]");
            Assert.EndsWith("/Admin/Users", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
