using System.Globalization;
using System.Net;
using AfterSales.Domain.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

public sealed class TechniciansTests(AppFixture app) : AppTest(app)
{
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> IdOfAsync(string userName)
    {
        await using var db = App.NewDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task The_dispatcher_records_leave_and_the_technician_shows_on_leave_today()
    {
        var tech5 = await IdOfAsync("tech5");
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var response = await dispatcher.PostFormAsync("/Technicians", [new("Input.TechnicianId", tech5), new("Input.From", D(TestData.Today)), new("Input.To", D(TestData.Today.AddDays(2))), new("Input.Kind", "Leave"), new("Input.Note", "病假")], "/Technicians?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await dispatcher.GetDocumentAsync("/Technicians");
        Assert.Equal("OnLeave", page.QuerySelector("[data-testid=technician-row][data-user=tech5]")!.GetAttribute("data-status"));
        Assert.Equal("Available", page.QuerySelector("[data-testid=technician-row][data-user=tech6]")!.GetAttribute("data-status"));
        var absence = Assert.Single(page.QuerySelectorAll("[data-testid=absence]"));
        Assert.Contains("病假", absence.TextContent, StringComparison.Ordinal);

        using var removed = await dispatcher.PostFormAsync("/Technicians", [new("id", absence.GetAttribute("data-id")!)], "/Technicians?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        await using var db = App.NewDbContext();
        Assert.Empty(db.Availability);
    }

    [Theory]
    [InlineData(0, -1, "Leave", "Input.To")] // ends before it starts
    [InlineData(0, 400, "Leave", "Input.To")] // more than a year
    [InlineData(0, 1, "Holiday", "Input.Kind")]
    public async Task A_bad_absence_is_refused_beside_the_field_and_nothing_is_saved(int fromDays, int toDays, string kind, string field)
    {
        var tech5 = await IdOfAsync("tech5");
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var response = await dispatcher.PostFormAsync("/Technicians", [new("Input.TechnicianId", tech5), new("Input.From", D(TestData.Today.AddDays(fromDays))), new("Input.To", D(TestData.Today.AddDays(toDays))), new("Input.Kind", kind), new("Input.Note", "<script>x</script>")], "/Technicians?handler=Add");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent));
        Assert.Equal("<script>x</script>", page.QuerySelector("#Input_Note")!.GetAttribute("value"));
        await using var db = App.NewDbContext();
        Assert.Empty(db.Availability);
    }

    [Fact]
    public async Task An_unknown_technician_is_refused()
    {
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var response = await dispatcher.PostFormAsync("/Technicians", [new("Input.TechnicianId", "nobody"), new("Input.From", D(TestData.Today)), new("Input.To", D(TestData.Today)), new("Input.Kind", "OffDuty")], "/Technicians?handler=Add");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = App.NewDbContext();
        Assert.Empty(db.Availability);
    }

    [Fact]
    public async Task The_admin_edits_a_profile_and_a_taken_position_or_stale_version_is_refused()
    {
        var id = await IdOfAsync("tech24");
        await using var db = App.NewDbContext();
        var original = await db.TechnicianProfiles.AsNoTracking().SingleAsync(p => p.TechnicianId == id);
        var other = await db.TechnicianProfiles.AsNoTracking().FirstAsync(p => p.TechnicianId != id);
        var url = "/Technicians/Edit/" + id;
        using var admin = await Client().SignedInAsync("admin1");
        try
        {
            var form = await admin.GetDocumentAsync(url);
            var version = form.QuerySelector("#Input_Version")!.GetAttribute("value")!;
            KeyValuePair<string, string>[] Fields(string v, int position, string rate = "95.5") =>
                [new("Input.Version", v), new("Input.Position", position.ToString(CultureInfo.InvariantCulture)), new("Input.Skills", "AC"), new("Input.Skills", "WM"), new("Input.OpenJobLimit", "5"), new("Input.HourlyRate", rate)];

            using var taken = await admin.PostFormAsync(url, Fields(version, other.Position));
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            Assert.False(string.IsNullOrWhiteSpace((await AppClient.ParseAsync(taken)).QuerySelector("[data-valmsg-for='Input.Position']")!.TextContent));

            using var saved = await admin.PostFormAsync(url, Fields(version, original.Position));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var after = await db.TechnicianProfiles.AsNoTracking().SingleAsync(p => p.TechnicianId == id);
            Assert.Equal(["AC", "WM"], after.Skills);
            Assert.Equal(5, after.OpenJobLimit);
            Assert.Equal(95.5m, after.HourlyRate);

            // Another person's change is shown, not silently overwritten.
            using var stale = await admin.PostFormAsync(url, Fields(version, original.Position, "99"));
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Contains("95.5", (await AppClient.ParseAsync(stale)).QuerySelector("[data-testid=technician-errors]")!.TextContent, StringComparison.Ordinal);

            using var unknownSkill = await admin.PostFormAsync(url, [new("Input.Version", after.Version.ToString(CultureInfo.InvariantCulture)), new("Input.Position", original.Position.ToString(CultureInfo.InvariantCulture)), new("Input.Skills", "ZZ"), new("Input.OpenJobLimit", "5"), new("Input.HourlyRate", "95.5")]);
            Assert.Equal(HttpStatusCode.OK, unknownSkill.StatusCode);
        }
        finally
        {
            var profile = await db.TechnicianProfiles.SingleAsync(p => p.TechnicianId == id);
            profile.Update(original.Position, original.Skills, original.OpenJobLimit, original.HourlyRate);
            await db.SaveChangesAsync();
        }
    }
}
