using System.Globalization;
using System.Net;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>The calendar survives the reset between tests, so these tests work in 2031 and clean up after themselves.</summary>
public sealed class CalendarAdminTests(AppFixture app) : AppTest(app)
{
    private const string Url = "/Admin/Calendar?year=2031";

    public override async Task DisposeAsync()
    {
        await using var db = App.NewDbContext();
        await db.CalendarDays.Where(d => d.Day >= new DateOnly(2031, 1, 1) && d.Day <= new DateOnly(2031, 12, 31)).ExecuteDeleteAsync();
        await db.CalendarYears.Where(y => y.Year == 2027).ExecuteUpdateAsync(u => u
            .SetProperty(y => y.Confirmed, false).SetProperty(y => y.ConfirmedBy, (string?)null).SetProperty(y => y.ConfirmedAt, (DateTimeOffset?)null));
    }

    [Fact]
    public async Task The_calendar_holds_2025_as_official_and_2027_as_provisional_until_an_admin_confirms_it()
    {
        using var admin = await Client().SignedInAsync("admin1");
        var official = await admin.GetDocumentAsync("/Admin/Calendar?year=2025");
        Assert.NotNull(official.QuerySelector("[data-testid=calendar-official]"));
        Assert.Null(official.QuerySelector("[data-testid=calendar-provisional]"));
        Assert.Equal(28, official.QuerySelectorAll("[data-testid=calendar-day][data-kind=Holiday]").Length);
        Assert.Equal(5, official.QuerySelectorAll("[data-testid=calendar-day][data-kind=MakeUpWorkday]").Length);
        Assert.Equal("248", official.QuerySelector("[data-testid=calendar-total]")!.TextContent);

        var provisional = await admin.GetDocumentAsync("/Admin/Calendar?year=2027");
        Assert.Contains("暂定", provisional.QuerySelector("[data-testid=calendar-provisional]")!.TextContent, StringComparison.Ordinal);
        var version = provisional.QuerySelector("[data-testid=calendar-provisional] input[name=version]")!.GetAttribute("value")!;

        using var stale = await admin.PostFormAsync("/Admin/Calendar?year=2027", [new("year", "2027"), new("version", "1")], "/Admin/Calendar?handler=Confirm");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotNull((await AppClient.ParseAsync(stale)).QuerySelector("[data-testid=calendar-provisional]"));

        using var confirmed = await admin.PostFormAsync("/Admin/Calendar?year=2027", [new("year", "2027"), new("version", version)], "/Admin/Calendar?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await admin.GetDocumentAsync("/Admin/Calendar?year=2027");
        Assert.Null(after.QuerySelector("[data-testid=calendar-provisional]"));
        Assert.Contains("admin1", after.QuerySelector("[data-testid=calendar-confirmed]")!.TextContent, StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        var year = await db.CalendarYears.AsNoTracking().SingleAsync(y => y.Year == 2027);
        Assert.Equal((true, "admin1"), (year.Confirmed, year.ConfirmedBy));
    }

    private static KeyValuePair<string, string>[] Day(string day, string kind, string name) =>
        [new("Input.Day", day), new("Input.Kind", kind), new("Input.Name", name)];

    [Fact]
    public async Task The_admin_adds_a_holiday_and_a_make_up_day_and_the_month_counts_follow()
    {
        using var admin = await Client().SignedInAsync("admin1");
        var before = await admin.GetDocumentAsync(Url);
        var mayBefore = int.Parse(before.QuerySelector("[data-testid=calendar-month][data-month='5']")!.GetAttribute("data-working-days")!, CultureInfo.InvariantCulture);

        // 2031-05-01 is a Thursday; 2031-05-10 a Saturday.
        using var holiday = await admin.PostFormAsync(Url, Day("2031-05-01", "Holiday", "劳动节"), "/Admin/Calendar?year=2031&handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, holiday.StatusCode);
        using var makeUp = await admin.PostFormAsync(Url, Day("2031-05-10", "MakeUpWorkday", "劳动节调休"), "/Admin/Calendar?year=2031&handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, makeUp.StatusCode);

        var page = await admin.GetDocumentAsync(Url);
        var rows = page.QuerySelectorAll("[data-testid=calendar-day]");
        Assert.Equal(new[] { "2031-05-01", "2031-05-10" }, rows.Select(r => r.GetAttribute("data-day") ?? "").ToArray());
        Assert.Contains("劳动节调休", rows[1].TextContent, StringComparison.Ordinal);
        var may = int.Parse(page.QuerySelector("[data-testid=calendar-month][data-month='5']")!.GetAttribute("data-working-days")!, CultureInfo.InvariantCulture);
        Assert.Equal(mayBefore, may); // one day off, one weekend day worked

        using var removed = await admin.PostFormAsync(Url, [new("day", "2031-05-10")], "/Admin/Calendar?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await admin.GetDocumentAsync(Url);
        Assert.Single(after.QuerySelectorAll("[data-testid=calendar-day]"));
        Assert.Equal((mayBefore - 1).ToString(CultureInfo.InvariantCulture), after.QuerySelector("[data-testid=calendar-month][data-month='5']")!.GetAttribute("data-working-days"));
    }

    [Theory]
    [InlineData("2031-05-07", "MakeUpWorkday", "调休", "Input.Day")] // a Wednesday cannot be a make-up working day
    [InlineData("", "Holiday", "节日", "Input.Day")]
    [InlineData("2031-06-02", "Holiday", "", "Input.Name")]
    [InlineData("2031-06-02", "Holiday", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十X", "Input.Name")]
    [InlineData("2031-06-02", "Weekday", "节日", "Input.Kind")]
    [InlineData("not-a-date", "Holiday", "节日", "Input.Day")]
    public async Task Bad_calendar_input_is_refused_beside_the_field_and_nothing_is_saved(string day, string kind, string name, string field)
    {
        using var admin = await Client().SignedInAsync("admin1");
        using var response = await admin.PostFormAsync(Url, Day(day, kind, name), "/Admin/Calendar?year=2031&handler=Add");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var message = page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(message), $"no message beside {field}");
        Assert.Equal(name, page.QuerySelector("#Input_Name")!.GetAttribute("value") ?? "");
        await using var db = App.NewDbContext();
        Assert.False(await db.CalendarDays.AnyAsync(d => d.Day.Year == 2031));
    }

    [Fact]
    public async Task A_day_already_in_the_calendar_is_refused_with_a_message()
    {
        using var admin = await Client().SignedInAsync("admin1");
        using var first = await admin.PostFormAsync(Url, Day("2031-10-01", "Holiday", "国庆节"), "/Admin/Calendar?year=2031&handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var twice = await admin.PostFormAsync(Url, Day("2031-10-01", "Holiday", "国庆节"), "/Admin/Calendar?year=2031&handler=Add");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        var page = await AppClient.ParseAsync(twice);
        Assert.Contains("2031-10-01", page.QuerySelector("[data-valmsg-for='Input.Day']")!.TextContent, StringComparison.Ordinal);
    }
}
