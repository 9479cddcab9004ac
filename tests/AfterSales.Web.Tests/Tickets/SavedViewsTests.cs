using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tickets;

public sealed class SavedViewsTests(AppFixture app) : AppTest(app)
{
    private static async Task<HttpResponseMessage> PostViewsAsync(AppClient client, string handler, params (string Key, string Value)[] fields) =>
        await client.PostFormAsync("/Tickets/Views", fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), "/Tickets/Views?handler=" + handler);

    private static async Task<long> SaveAsync(AppClient client, string name, bool share = false, params (string Key, string Value)[] filter)
    {
        using var response = await PostViewsAsync(client, "Save", [("name", name), ("share", share ? "true" : "false"), .. filter]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"save answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.PathAndQuery();
        return long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + location).Query)["view"]!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<SavedView> ViewAsync(long id)
    {
        await using var db = App.NewDbContext();
        return await db.SavedViews.AsNoTracking().SingleAsync(v => v.Id == id);
    }

    private static async Task<List<string>> TabNamesAsync(AppClient client, string url = "/Tickets?all=1")
    {
        var page = await client.GetDocumentAsync(url);
        return page.QuerySelectorAll("[data-testid=view-tab]").Select(t => t.GetAttribute("data-view-name")!).ToList();
    }

    [Fact]
    public async Task A_saved_view_keeps_the_filters_and_sort_and_the_list_opens_on_the_default_view()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var id = await SaveAsync(desk, "  紧急投诉 ", false, ("F.Kind", "Complaint"), ("F.Urgency", "Emergency"), ("F.Q", "漏水"), ("F.From", "2026-01-01"), ("F.Oldest", "true"));
        var view = await ViewAsync(id);
        Assert.Equal("紧急投诉", view.Name);
        Assert.Equal(new TicketListFilter(Q: "漏水", Kind: TicketKind.Complaint, Urgency: Urgency.Emergency, From: new DateOnly(2026, 1, 1), Oldest: true), view.Filter);

        // No default yet: the list opens on all tickets, with the view among the tabs.
        using (var plain = await desk.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }

        Assert.Equal(["紧急投诉"], await TabNamesAsync(desk));

        using (var chosen = await PostViewsAsync(desk, "Default", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        using var opened = await desk.GetAsync("/Tickets");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var url = opened.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/Tickets?", url, StringComparison.Ordinal);
        Assert.Contains("F.Kind=Complaint", url, StringComparison.Ordinal);
        Assert.Contains("F.Oldest=true", url, StringComparison.Ordinal);
        Assert.Contains("view=" + id, url, StringComparison.Ordinal);
        var list = await desk.GetDocumentAsync(url);
        Assert.Equal("true", list.QuerySelector($"[data-testid=view-tab][data-view-id='{id}']")!.GetAttribute("data-default"));
        Assert.NotNull(list.QuerySelector($"[data-testid=view-active][data-view-id='{id}']"));

        // A filter in the address, or "all tickets", is what the user asked for: no default applied.
        using (var filtered = await desk.GetAsync("/Tickets?F.Status=New"))
        {
            Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        }

        using (var all = await desk.GetAsync("/Tickets?all=1"))
        {
            Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        }

        // Another user's list is not affected.
        using var other = await Client().SignedInAsync("desk2");
        using (var theirs = await other.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        }

        Assert.Empty(await TabNamesAsync(other));
    }

    [Fact]
    public async Task Paging_a_list_opened_from_a_view_keeps_the_view_so_its_tab_stays_highlighted()
    {
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "周先生", "13711115555", "KF2401-7777", TestData.Today.AddYears(-3));
            var start = DateTimeOffset.UtcNow.AddHours(-2);
            for (var i = 0; i < 60; i++)
            {
                await TestData.TicketAsync(db, customer, unit, "故障 " + i, kind: TicketKind.Complaint, at: start.AddMinutes(i));
            }
        }

        using var desk = await Client().SignedInAsync("desk1");
        var id = await SaveAsync(desk, "投诉", false, ("F.Kind", "Complaint"));
        var first = await desk.GetDocumentAsync($"/Tickets?F.Kind=Complaint&view={id}");
        var next = first.QuerySelector("#next-page")!.GetAttribute("href")!;
        Assert.Contains("view=" + id, next, StringComparison.Ordinal);

        var second = await desk.GetDocumentAsync(next);
        Assert.Equal(10, second.QuerySelectorAll("[data-testid=ticket-row]").Length);
        Assert.Contains("active", second.QuerySelector($"[data-testid=view-tab][data-view-id='{id}']")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("active", second.QuerySelector("#view-all")!.ClassName, StringComparison.Ordinal);
        Assert.NotNull(second.QuerySelector($"[data-testid=view-active][data-view-id='{id}']"));
        Assert.Null(second.QuerySelector("[data-testid=view-changed]"));
        Assert.Contains("view=" + id, second.QuerySelector("#first-page")!.GetAttribute("href")!, StringComparison.Ordinal);

        // A bare list with a default view redirects to it; without one it shows the views bar from the same read.
        using (var chosen = await PostViewsAsync(desk, "Default", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        using (var bare = await desk.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
            Assert.Contains("view=" + id, bare.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var desk2 = await Client().SignedInAsync("desk2");
        var plain = await desk2.GetDocumentAsync("/Tickets");
        Assert.Contains("active", plain.QuerySelector("#view-all")!.ClassName, StringComparison.Ordinal);
        Assert.Empty(plain.QuerySelectorAll("[data-testid=view-tab]"));
    }

    [Fact]
    public async Task A_view_is_renamed_updated_with_the_current_filters_and_deleted_by_its_owner()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var id = await SaveAsync(desk, "新工单", false, ("F.Status", "New"));
        var view = await ViewAsync(id);

        using (var renamed = await PostViewsAsync(desk, "Rename", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("version", view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "今日新单")))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        view = await ViewAsync(id);
        Assert.Equal("今日新单", view.Name);

        // Opened from the tab, the filters changed: the bar offers to update the view.
        var changed = await desk.GetDocumentAsync($"/Tickets?F.Status=New&F.Channel=Phone&view={id}");
        Assert.NotNull(changed.QuerySelector("[data-testid=view-changed]"));
        Assert.NotNull(changed.QuerySelector("#view-update"));

        using (var updated = await PostViewsAsync(desk, "Update", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("version", view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("F.Status", "New"), ("F.Channel", "Phone")))
        {
            Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
            Assert.Contains("F.Channel=Phone", updated.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        view = await ViewAsync(id);
        Assert.Equal(new TicketListFilter(Status: TicketStatus.New, Channel: ContactChannel.Phone), view.Filter);
        Assert.Null((await desk.GetDocumentAsync($"/Tickets?F.Status=New&F.Channel=Phone&view={id}")).QuerySelector("[data-testid=view-changed]"));

        // Someone else cannot touch it, nor even see it.
        using (var desk2 = await Client().SignedInAsync("desk2"))
        using (var foreign = await PostViewsAsync(desk2, "Delete", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("version", view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        using (var deleted = await PostViewsAsync(desk, "Delete", ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("version", view.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await using var db = App.NewDbContext();
        Assert.False(await db.SavedViews.AnyAsync());
    }

    [Theory]
    [InlineData("", "请填写视图名称")]
    [InlineData("   ", "请填写视图名称")]
    [InlineData("超长名称超长名称超长名称超长名称超长名称超长名称超长名称超长名称超长名称超长名称X", "不能超过 40 个字符")]
    [InlineData("坏\u0007名", "控制字符")]
    [InlineData("反向\u202E名称", "控制字符")]
    public async Task A_bad_name_is_refused_with_a_message_and_the_typed_name_kept(string name, string message)
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await PostViewsAsync(desk, "Save", ("name", name), ("F.Kind", "Complaint"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-testid=view-refused]")!.TextContent, StringComparison.Ordinal);
        // What was typed stays in the box (blank is blank: the form reads spaces alone as nothing).
        Assert.Equal(name.Trim().Length == 0 ? "" : name, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#view-name")!.Value);
        Assert.Equal("Complaint", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#view-save-form input[name='F.Kind']")!.Value);
        await using var db = App.NewDbContext();
        Assert.False(await db.SavedViews.AnyAsync());
    }

    [Fact]
    public async Task Names_are_unique_per_owner_and_hostile_filters_are_refused()
    {
        using var desk = await Client().SignedInAsync("desk1");
        await SaveAsync(desk, "我的视图");
        using (var twice = await PostViewsAsync(desk, "Save", ("name", "我的视图"), ("F.Status", "New")))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Contains("您已有名为“我的视图”的视图", (await AppClient.ParseAsync(twice)).QuerySelector("[data-testid=view-refused]")!.TextContent, StringComparison.Ordinal);
        }

        // Another owner may use the same name.
        using var desk2 = await Client().SignedInAsync("desk2");
        await SaveAsync(desk2, "我的视图");

        foreach (var hostile in new[] { ("F.Q", new string('漏', 101)), ("F.Q", "漏\u0007水"), ("F.From", "99999-01-01"), ("F.Status", "Bogus") })
        {
            using var refused = await PostViewsAsync(desk, "Save", ("name", "坏筛选"), hostile);
            Assert.True(refused.StatusCode == HttpStatusCode.OK, $"{hostile.Item1}={hostile.Item2}: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            Assert.Contains("筛选条件无效", (await AppClient.ParseAsync(refused)).QuerySelector("[data-testid=view-refused]")!.TextContent, StringComparison.Ordinal);
        }

        await using var db = App.NewDbContext();
        Assert.Equal(2, await db.SavedViews.CountAsync());
    }

    [Fact]
    public async Task A_dispatcher_shares_a_view_the_team_sees_and_only_the_owner_or_a_manager_removes_it()
    {
        using (var desk = await Client().SignedInAsync("desk1"))
        using (var denied = await PostViewsAsync(desk, "Save", ("name", "想共享"), ("share", "true")))
        {
            Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
            Assert.Contains("只有客服主管或经理", (await AppClient.ParseAsync(denied)).QuerySelector("[data-testid=view-refused]")!.TextContent, StringComparison.Ordinal);
        }

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var id = await SaveAsync(dispatcher, "待派工", true, ("F.Status", "New"));
        var version = (await ViewAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var desk2 = await Client().SignedInAsync("desk2");
        Assert.Equal(["待派工"], await TabNamesAsync(desk2));
        using var quality = await Client().SignedInAsync("quality1");
        Assert.Equal(["待派工"], await TabNamesAsync(quality));

        // A colleague may open on it, but not change or delete it.
        using (var chosen = await PostViewsAsync(desk2, "Default", ("id", key)))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        }

        using (var opened = await desk2.GetAsync("/Tickets"))
        {
            Assert.Contains("view=" + key, opened.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using (var rename = await PostViewsAsync(desk2, "Rename", ("id", key), ("version", version), ("name", "我的了")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        }

        using (var delete = await PostViewsAsync(desk2, "Delete", ("id", key), ("version", version)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }

        // A manager looks after the team's shared views.
        using var manager = await Client().SignedInAsync("manager1");
        using (var removed = await PostViewsAsync(manager, "Delete", ("id", key), ("version", version)))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        Assert.Empty(await TabNamesAsync(desk2));
        using (var back = await desk2.GetAsync("/Tickets"))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }
    }

    [Fact]
    public async Task A_change_made_against_an_older_version_is_refused_and_shows_the_current_one()
    {
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var id = await SaveAsync(dispatcher, "共享视图", true);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stale = (await ViewAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var manager = await Client().SignedInAsync("manager1");
        using (var first = await PostViewsAsync(manager, "Rename", ("id", key), ("version", stale), ("name", "经理改名")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await PostViewsAsync(dispatcher, "Rename", ("id", key), ("version", stale), ("name", "主管改名"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await AppClient.ParseAsync(second);
        Assert.Contains("经理改名", page.QuerySelector("[data-testid=view-refused]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("经理改名", (await ViewAsync(id)).Name);

        using var delete = await PostViewsAsync(dispatcher, "Delete", ("id", key), ("version", stale));
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("经理改名", (await ViewAsync(id)).Name);
    }

    [Theory]
    [InlineData("desk1", HttpStatusCode.OK)]
    [InlineData("dispatch1", HttpStatusCode.OK)]
    [InlineData("quality1", HttpStatusCode.OK)]
    [InlineData("manager1", HttpStatusCode.OK)]
    [InlineData("tech1", HttpStatusCode.Redirect)]
    [InlineData("admin1", HttpStatusCode.Redirect)]
    public async Task The_views_page_is_for_the_staff_of_the_ticket_list(string user, HttpStatusCode expected)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync("/Tickets/Views");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }
}
