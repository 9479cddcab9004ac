using System.Net;
using System.Text;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Tests.Infrastructure;
using MiniExcelLibs;
using static AfterSales.Web.Tests.Discipline.ProposalData;
using static AfterSales.Web.Tests.Tallies.TallyTestData;

namespace AfterSales.Web.Tests.Tallies;

public sealed class TallyExportTests(AppFixture app) : AppTest(app)
{
    private const string Hostile = "=cmd|' /C calc'!A0";

    [Fact]
    public async Task The_excel_export_opens_and_holds_the_lines()
    {
        await RecordAsync(App, "tech1", "P3-1.3", InLastMonth);
        using var manager = await Client().SignedInAsync("manager1");
        using var response = await manager.GetAsync(Url(LastMonth) + "/Export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var first = rows[0].Keys.First();
        var tech1 = Assert.Single(rows, r => (string)r[first] == "tech1");
        Assert.Contains(tech1.Values, v => v is double d ? d == 100d : v is decimal m && m == 100m);
        Assert.Contains(rows, r => (string)r[first] == "tech2");
    }

    [Fact]
    public async Task The_csv_export_escapes_cells_that_would_be_formulas()
    {
        await using (var db = App.NewDbContext())
        {
            db.Users.Add(new AppUser { UserName = "hostile1", NormalizedUserName = "HOSTILE1", FullName = Hostile, Department = "+SUM(A1)", SecurityStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync();
        }

        using var manager = await Client().SignedInAsync("manager1");
        using var response = await manager.GetAsync(Url(LastMonth) + "/Export?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        var line = Assert.Single(text.Split("\r\n"), l => l.StartsWith("hostile1,", StringComparison.Ordinal));
        Assert.Contains(",'=cmd|' /C calc'!A0,'+SUM(A1),", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_technician_exports_only_their_own_line_before_publication()
    {
        using var tech1 = await Client().SignedInAsync("tech1");
        using var response = await tech1.GetAsync(Url(LastMonth) + "/Export?format=csv");
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("tech1,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_bad_request()
    {
        using var manager = await Client().SignedInAsync("manager1");
        using var response = await manager.GetAsync(Url(LastMonth) + "/Export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class TallyChartTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_month_screen_carries_the_data_of_its_three_charts_and_a_print_view()
    {
        await RecordAsync(App, "tech1", "P5-38b", InLastMonth);
        await RecordAsync(App, "tech2", "P5-38b", InLastMonth);
        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync(Url(LastMonth));
        Assert.NotNull(page.QuerySelector("#chart-trend"));
        Assert.NotNull(page.QuerySelector("#chart-departments"));
        Assert.NotNull(page.QuerySelector("#chart-reasons"));
        Assert.NotNull(page.QuerySelector("script[src*='chart.umd']"));
        using var json = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#chart-data")!.TextContent);
        var root = json.RootElement;
        var tech1 = await UserIdAsync(App, "tech1");
        Assert.Single(root.GetProperty("people").EnumerateArray(), p => p.GetProperty("id").GetString() == tech1);

        // The trend chart fetches one person's 12 months.
        using var trendResponse = await manager.GetAsync(Url(LastMonth) + "?handler=Trend&employee=" + Uri.EscapeDataString(tech1));
        using var trend = System.Text.Json.JsonDocument.Parse(await trendResponse.Content.ReadAsStringAsync());
        Assert.Equal(12, trend.RootElement.GetProperty("months").GetArrayLength());
        Assert.Equal(LastMonth, trend.RootElement.GetProperty("months")[11].GetString());
        Assert.Equal(-3, trend.RootElement.GetProperty("scores")[11].GetInt32());
        var reason = root.GetProperty("reasons")[0];
        Assert.Equal(("P5-38b", 2), (reason.GetProperty("article").GetString(), reason.GetProperty("count").GetInt32()));
        Assert.Contains(root.GetProperty("departments").EnumerateArray(), d => d.GetProperty("name").GetString() == "服务部");

        var print = await manager.GetDocumentAsync(Url(LastMonth) + "?print=1");
        Assert.NotNull(print.QuerySelector("#tally-page.tally-print"));
    }
}
