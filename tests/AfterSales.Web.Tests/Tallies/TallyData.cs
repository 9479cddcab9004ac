using System.Net;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tallies;

/// <summary>Months and flow steps for the tally tests.</summary>
public static class TallyTestData
{
    /// <summary>The month before this one: over, so it can be submitted.</summary>
    public static string LastMonth => TallyMonth.Of(TestData.Today.AddMonths(-1));

    public static string ThisMonth => TallyMonth.Of(TestData.Today);

    /// <summary>A day in the middle of last month.</summary>
    public static DateOnly InLastMonth => TallyMonth.Parse(LastMonth).AddDays(9);

    public static string Url(string month) => "/Tallies/" + month;

    public static async Task<uint> VersionAsync(AppFixture app, string month)
    {
        await using var db = app.NewDbContext();
        return await db.MonthlyTallies.AsNoTracking().Where(t => t.Month == month).Select(t => t.Version).FirstOrDefaultAsync();
    }

    public static async Task<MonthlyTally?> TallyAsync(AppFixture app, string month)
    {
        await using var db = app.NewDbContext();
        return await db.MonthlyTallies.AsNoTracking().FirstOrDefaultAsync(t => t.Month == month);
    }

    public static async Task<HttpResponseMessage> StepAsync(AppFixture app, AppClient client, string month, string handler, params KeyValuePair<string, string>[] extra) =>
        await client.PostFormAsync(Url(month), [new("version", (await VersionAsync(app, month)).ToString(System.Globalization.CultureInfo.InvariantCulture)), .. extra], Url(month) + "?handler=" + handler);

    /// <summary>manager1 submits, admin1 checks, manager2 publishes, all through HTTP.</summary>
    public static async Task PublishAsync(AppFixture app, string month)
    {
        foreach (var (user, handler) in new[] { ("manager1", "Submit"), ("admin1", "Check"), ("manager2", "Publish") })
        {
            using var client = await new AppClient(app).SignedInAsync(user);
            using var response = await StepAsync(app, client, month, handler);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(Url(month), response.Headers.Location!.PathAndQuery());
        }

        Assert.Equal(TallyStatus.Published, (await TallyAsync(app, month))!.Status);
    }
}
