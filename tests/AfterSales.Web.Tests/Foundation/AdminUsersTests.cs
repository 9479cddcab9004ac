using AngleSharp.Dom;
using System.Net;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

public sealed class AdminUsersTests(AppFixture app) : AppTest(app)
{
    private static KeyValuePair<string, string>[] NewUser(string userName, string password = "a sentence long enough", string role = "Technician", string fullName = "王小明") =>
    [
        new("Input.UserName", userName), new("Input.FullName", fullName), new("Input.EmployeeNo", "E9001"),
        new("Input.Department", "维修部"), new("Input.Role", role), new("Input.Password", password),
    ];

    [Fact]
    public async Task Admin_creates_a_user_who_can_then_sign_in_with_the_role()
    {
        using var admin = await Client().SignedInAsync("admin1");
        using var created = await admin.PostFormAsync("/Admin/Users", NewUser("tech99"), "/Admin/Users?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetDocumentAsync("/Admin/Users");
        Assert.Contains("Technician", list.QuerySelector("[data-testid=user-tech99]")!.TextContent, StringComparison.Ordinal);

        using var tech = Client();
        using var login = await tech.LoginAsync("tech99", "a sentence long enough");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var forbidden = await tech.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
    }

    [Theory]
    [InlineData("", "a sentence long enough", "Technician", "此项必填")]
    [InlineData("bad name!", "a sentence long enough", "Technician", "用户名只能包含")]
    [InlineData("tech98", "short", "Technician", "12")]
    [InlineData("tech98", "a sentence long enough", "Janitor", "请选择角色")]
    [InlineData("desk1", "a sentence long enough", "Desk", "已被使用")]
    public async Task Bad_new_user_input_is_refused_beside_the_field_and_nothing_is_saved(string userName, string password, string role, string message)
    {
        await using var db = App.NewDbContext();
        var before = await db.Users.CountAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var response = await admin.PostFormAsync("/Admin/Users", NewUser(userName, password, role), "/Admin/Users?handler=Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("#create-user")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(userName, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_UserName")!.Value);
        Assert.Equal(before, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Script_in_a_name_is_shown_as_text_never_run()
    {
        using var admin = await Client().SignedInAsync("admin1");
        using var created = await admin.PostFormAsync("/Admin/Users", NewUser("tech97", fullName: "<script>alert(1)</script>"), "/Admin/Users?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var list = await admin.GetAsync("/Admin/Users");
        var html = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_session_and_stops_sign_in()
    {
        using var tech = await Client().SignedInAsync("tech3");
        using (var before = await tech.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using var db = App.NewDbContext();
        var id = await db.Users.Where(u => u.UserName == "tech3").Select(u => u.Id).SingleAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var disabled = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", [], $"/Admin/Users/Edit/{id}?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var after = await tech.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        using var again = Client();
        using var login = await again.LoginAsync("tech3");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("停用", (await AppClient.ParseAsync(login)).QuerySelector("[data-testid=login-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_changes_roles_and_cannot_disable_themselves()
    {
        await using var db = App.NewDbContext();
        var admin1 = await db.Users.Where(u => u.UserName == "admin1").Select(u => u.Id).SingleAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var self = await admin.PostFormAsync($"/Admin/Users/Edit/{admin1}", [], $"/Admin/Users/Edit/{admin1}?handler=Disable");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.False(await db.Users.Where(u => u.Id == admin1).Select(u => u.IsDisabled).SingleAsync());

        using var created = await admin.PostFormAsync("/Admin/Users", NewUser("desk99", role: "Desk"), "/Admin/Users?handler=Create");
        var id = await db.Users.Where(u => u.UserName == "desk99").Select(u => u.Id).SingleAsync();
        using var roles = await admin.PostFormAsync($"/Admin/Users/Edit/{id}", [new("roles", "Desk"), new("roles", "Dispatcher")], $"/Admin/Users/Edit/{id}?handler=Roles");
        Assert.Equal(HttpStatusCode.Redirect, roles.StatusCode);
        var edit = await admin.GetDocumentAsync($"/Admin/Users/Edit/{id}");
        Assert.True(edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#role-Dispatcher")!.IsChecked);
        Assert.False(edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#role-Technician")!.IsChecked);
    }
}
