using System.Net;
using System.Text;
using AfterSales.Domain.FollowUps;
using AfterSales.Web.Infrastructure.Exporting;
using AfterSales.Web.Infrastructure.FollowUps;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.FollowUps;

public sealed class WeeklyReportTests(AppFixture app) : AppTest(app)
{
    private static DateOnly Monday => WeeklyReport.MondayOf(TestData.Today);

    private static string Week(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Action<FollowUp> Reached(Satisfaction attitude, Satisfaction competence, Satisfaction speed, Satisfaction result) => f =>
        f.RecordReached(DateTimeOffset.UtcNow, TestData.Today, "desk1", attitude, competence, speed, result, "回访意见");

    [Theory]
    [InlineData("desk1")]
    [InlineData("manager1")]
    public async Task The_week_shows_each_technicians_completed_repairs_costs_and_satisfaction(string user)
    {
        var tech1 = await FollowUpData.UserIdAsync(App, "tech1");
        var tech2 = await FollowUpData.UserIdAsync(App, "tech2");
        var (ticket, _, _) = await FollowUpData.CompletedRepairAsync(App, tech1, ticketAge: 4, calls: Reached(Satisfaction.Excellent, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good));
        await FollowUpData.CompletedRepairAsync(App, tech1, "KF2001-0103", "13800000103", calls: Reached(Satisfaction.Good, Satisfaction.Good, Satisfaction.Poor, Satisfaction.Average));
        await FollowUpData.CompletedRepairAsync(App, tech2, "KF2001-0104", "13800000104");
        using var client = await Client().SignedInAsync(user);

        var page = await client.GetDocumentAsync("/FollowUps/Weekly");

        Assert.Equal(Week(Monday), page.QuerySelector("[data-testid=week]")!.GetAttribute("data-week"));
        string Cell(string technician, string column) => page.QuerySelector($"tr[data-technician='{technician}'] td[data-col={column}]")!.TextContent.Trim();
        Assert.Contains("tech1", Cell(tech1, "technician"), StringComparison.Ordinal);
        Assert.Equal("2", Cell(tech1, "repairs"));
        Assert.Equal("171.00", Cell(tech1, "parts"));
        Assert.Equal("240.00", Cell(tech1, "labour"));
        Assert.Equal("60.00", Cell(tech1, "travel"));
        Assert.Equal("471.00", Cell(tech1, "total-cost"));
        Assert.Equal("2", Cell(tech1, "reached"));
        Assert.Equal("3.50", Cell(tech1, "attitude"));
        Assert.Equal("3.00", Cell(tech1, "competence"));
        Assert.Equal("2.00", Cell(tech1, "speed"));
        Assert.Equal("2.50", Cell(tech1, "result"));
        Assert.Equal("2.75", Cell(tech1, "overall"));
        Assert.Equal("1", Cell(tech1, "poor"));
        Assert.Equal("1", Cell(tech2, "repairs"));
        Assert.Equal("0", Cell(tech2, "reached"));
        Assert.Equal("—", Cell(tech2, "attitude"));

        var created = DateOnly.FromDateTime(ticket.CreatedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var first = FollowUpData.Calendar.WorkingDaysBetween(created, TestData.Today);
        var second = FollowUpData.Calendar.WorkingDaysBetween(TestData.Today.AddDays(-3), TestData.Today);
        Assert.Equal(Math.Round((first + second) / 2m, 1).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Cell(tech1, "average-days"));

        var total = page.QuerySelector("[data-testid=weekly-total]")!;
        Assert.Equal("3", total.QuerySelector("td[data-col=repairs]")!.TextContent.Trim());
        Assert.Equal("706.50", total.QuerySelector("td[data-col=total-cost]")!.TextContent.Trim());

        var previous = await client.GetDocumentAsync(page.QuerySelector("#previous-week")!.GetAttribute("href")!);
        Assert.Equal(Week(Monday.AddDays(-7)), previous.QuerySelector("[data-testid=week]")!.GetAttribute("data-week"));
        Assert.Empty(previous.QuerySelectorAll("[data-testid=weekly-row]"));
        Assert.NotNull(previous.QuerySelector("[data-testid=weekly-empty]"));
    }

    [Fact]
    public async Task Any_day_of_a_week_shows_that_weeks_monday()
    {
        using var client = await Client().SignedInAsync("desk1");
        var page = await client.GetDocumentAsync("/FollowUps/Weekly?week=2026-10-08");
        Assert.Equal("2026-10-05", page.QuerySelector("[data-testid=week]")!.GetAttribute("data-week"));
        using var bad = await client.GetAsync("/FollowUps/Weekly?week=not-a-date");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
    }

    [Fact]
    public async Task The_csv_export_has_the_same_table_and_escapes_cells_a_spreadsheet_would_run()
    {
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var result = await users.CreateAsync(new AppUser { UserName = "techformula", FullName = "=HYPERLINK(\"http://evil\",\"x\")", CreatedAt = DateTimeOffset.UtcNow }, "a-long-enough-password");
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        var evil = await FollowUpData.UserIdAsync(App, "techformula");
        await FollowUpData.CompletedRepairAsync(App, evil, calls: Reached(Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good));
        using var client = await Client().SignedInAsync("manager1");

        using var response = await client.GetAsync("/FollowUps/Weekly?handler=Csv&week=" + Week(TestData.Today));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("维修员,完工数,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\") (techformula)\",1,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",235.50,1,3.00,3.00,3.00,3.00,3.00,0,0", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("合计,1,", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("说\"好\"", "\"说\"\"好\"\"\"")]
    [InlineData("张三 (tech1)", "张三 (tech1)")]
    [InlineData("", "")]
    public void A_csv_cell_is_quoted_and_defused(string value, string cell) => Assert.Equal(cell, Csv.Field(value));
}
