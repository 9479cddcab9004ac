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
        var list = await admin.GetDocumentAsync("/Admin/Users?F.Q=tech99");
        Assert.Contains("维修员", list.QuerySelector("[data-testid=user-tech99]")!.TextContent, StringComparison.Ordinal);

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

    [Fact]
    public async Task The_staff_list_pages_fifty_at_a_time_with_its_true_total_and_filters()
    {
        await using (var connection = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                """
                insert into "AspNetUsers" (id, user_name, normalized_user_name, full_name, department, is_disabled, created_at, email_confirmed,
                    security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                select 'bulk-' || i, 'zz' || lpad(i::text, 4, '0'), 'ZZ' || lpad(i::text, 4, '0'), '员工' || i, case when i % 2 = 0 then '华东服务站' else '华南服务站' end,
                    i % 10 = 0, now(), false, md5(i::text), md5(i::text), false, false, true, 0
                from generate_series(1, 130) i
                """, connection);
            await insert.ExecuteNonQueryAsync();
        }

        using var admin = await Client().SignedInAsync("admin1");
        var first = await admin.GetDocumentAsync("/Admin/Users");
        await using var db = App.NewDbContext();
        var total = await db.Users.CountAsync();
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), first.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total"));
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=users-table] tbody tr").Length);
        Assert.Contains("管理员", first.QuerySelector("[data-testid=user-admin1]")!.TextContent, StringComparison.Ordinal);

        // 华东服务站 and disabled: 13 of the 130; a text search narrows further. Every page is walked once.
        var seen = new List<string>();
        var url = "/Admin/Users?F.Department=" + Uri.EscapeDataString("华东服务站") + "&F.Q=zz";
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            var page = await admin.GetDocumentAsync(url);
            Assert.Equal("65", page.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total"));
            seen.AddRange(page.QuerySelectorAll("[data-testid=users-table] tbody tr").Select(r => r.GetAttribute("data-testid")!));
            url = page.QuerySelector("#next-page")?.GetAttribute("href");
        }

        Assert.Equal(65, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        var disabled = await admin.GetDocumentAsync("/Admin/Users?F.Status=disabled&F.Department=" + Uri.EscapeDataString("华东服务站"));
        Assert.Equal("13", disabled.QuerySelector("[data-testid=queue-total]")!.GetAttribute("data-total"));

        foreach (var hostile in new[] { "F.Q=%00", "F.Role=Root", "F.Status=gone", "F.Q=" + new string('x', 300), "F.After=%00", "F.PageNo=99999999999" })
        {
            var page = await admin.GetDocumentAsync("/Admin/Users?" + hostile);
            Assert.NotNull(page.QuerySelector("[data-testid=users-table]"));
        }
    }
}
