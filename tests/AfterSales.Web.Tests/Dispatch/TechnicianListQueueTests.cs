using System.Globalization;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>The technician list of a company of 1,400 staff (about 900 technicians in seven stations): 50 a page, filtered by station and skill.</summary>
public sealed class TechnicianListQueueTests(AppFixture app) : AppTest(app)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = App.Factory.Services.CreateAsyncScope();
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(connection, 1400, 20261129, CancellationToken.None);
    }

    private static List<string> Rows(IDocument page) => page.QuerySelectorAll("[data-testid=technician-row]").Select(r => r.GetAttribute("data-user")!).ToList();

    private static int Total(IDocument page) => int.Parse(page.QuerySelector("[data-testid=page-of]")!.GetAttribute("data-total")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_station_filter_pages_on_in_rotation_order_and_page_three_shows_the_right_fifty()
    {
        await using var db = App.NewDbContext();
        var station = StaffSeeder.Departments[0];
        var expected = await (from p in db.TechnicianProfiles join u in db.Users on p.TechnicianId equals u.Id where u.Department == station orderby p.Position select u.UserName!).ToListAsync();
        Assert.True(expected.Count > 100, $"{expected.Count} technicians in {station}");

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync("/Technicians");
        Assert.Equal(await db.TechnicianProfiles.CountAsync(), Total(page));
        Assert.Equal(50, Rows(page).Count);

        page = await dispatcher.GetDocumentAsync("/Technicians?station=" + Uri.EscapeDataString(station));
        page = await dispatcher.GetDocumentAsync(page.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!);
        page = await dispatcher.GetDocumentAsync(page.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!);
        Assert.Equal(expected.Count, Total(page));
        Assert.Equal(expected.Skip(100).Take(50), Rows(page));
        Assert.Contains("station=", page.QuerySelector("[data-testid=first-page]")!.GetAttribute("href")!, StringComparison.Ordinal);

        // By skill: only technicians who repair that category.
        var skilled = await db.TechnicianProfiles.CountAsync(p => p.Skills.Contains("WM"));
        Assert.Equal(skilled, Total(await dispatcher.GetDocumentAsync("/Technicians?skill=WM")));
        Assert.NotNull((await dispatcher.GetDocumentAsync("/Technicians?skill=%00")).QuerySelector("[data-testid=filter-ignored]"));

        // The leave form does not list 900 technicians: the dispatcher types a user name (those on the page are suggested).
        Assert.Null(page.QuerySelector("select#Input_TechnicianId"));
        Assert.Equal(50, page.QuerySelectorAll("#technician-names option").Length);
        var day = TestData.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var added = await dispatcher.PostFormAsync("/Technicians", [new("Input.TechnicianId", " " + expected[0] + " "), new("Input.From", day), new("Input.To", day), new("Input.Kind", "Leave")], "/Technicians?handler=Add");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);
        var technician = await db.Users.Where(u => u.UserName == expected[0]).Select(u => u.Id).SingleAsync();
        Assert.Equal(1, await db.Availability.CountAsync(a => a.TechnicianId == technician));
    }
}
