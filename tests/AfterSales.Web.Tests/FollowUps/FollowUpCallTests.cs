using System.Net;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.FollowUps;

public sealed class FollowUpCallTests(AppFixture app) : AppTest(app)
{
    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);

    private static KeyValuePair<string, string>[] Scores(uint version, string attitude, string competence, string speed, string result, string? comment = null) =>
    [
        new("Input.Version", FollowUpData.V(version)),
        new("Input.Attitude", attitude), new("Input.Competence", competence), new("Input.Speed", speed), new("Input.Result", result),
        new("Input.Comment", comment ?? ""),
    ];

    [Theory]
    [InlineData("tech1")]
    [InlineData("quality1")]
    [InlineData("admin1")]
    [InlineData("dispatch1")]
    public async Task Other_roles_cannot_open_the_queue_the_call_or_the_report(string user)
    {
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, await FollowUpData.UserIdAsync(App, "tech1"));
        using var client = await Client().SignedInAsync(user);
        foreach (var url in new[] { "/FollowUps", "/FollowUps/" + followUp.Id, "/FollowUps/Weekly", "/FollowUps/Weekly?handler=Csv" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user} on {url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var post = await client.PostAsync("/FollowUps/" + followUp.Id + "?handler=NoAnswer", [new("version", FollowUpData.V(followUp.Version))]);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Empty((await FollowUpData.ReloadAsync(App, followUp.Id)).Attempts);
    }

    [Theory]
    [InlineData("desk1")]
    [InlineData("manager1")]
    public async Task The_queue_lists_a_pending_call_overdue_with_the_repair_facts(string user)
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (ticket, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId);
        var (later, _, upcoming) = await FollowUpData.CompletedRepairAsync(App, await FollowUpData.UserIdAsync(App, "tech2"), "KF2001-0102", "13800000102", completedOn: TestData.Today.AddDays(3));
        using var client = await Client().SignedInAsync(user);

        var page = await client.GetDocumentAsync("/FollowUps");

        var rows = page.QuerySelectorAll("[data-testid=followup-row]");
        Assert.Equal([followUp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), upcoming.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], rows.Select(r => r.GetAttribute("data-id")));
        var row = rows[0];
        Assert.Equal("true", row.GetAttribute("data-overdue"));
        Assert.Equal(ticket.Number, row.GetAttribute("data-ticket"));
        Assert.Contains("王女士", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("13800000101", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("KFR-35GW", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("压缩机启动电容损坏", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("tech1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 / 3", row.QuerySelector("[data-testid=attempts]")!.TextContent.Trim());
        Assert.NotNull(row.QuerySelector($"a[href='/Tickets/{ticket.Number}']"));
        Assert.Equal("false", rows[1].GetAttribute("data-overdue"));

        var overdue = await client.GetDocumentAsync("/FollowUps?due=overdue");
        Assert.Equal(ticket.Number, Assert.Single(overdue.QuerySelectorAll("[data-testid=followup-row]")).GetAttribute("data-ticket"));
        var ofTech2 = await client.GetDocumentAsync("/FollowUps?tech=" + upcoming.TechnicianId);
        Assert.Equal(later.Number, Assert.Single(ofTech2.QuerySelectorAll("[data-testid=followup-row]")).GetAttribute("data-ticket"));

        var call = await client.GetDocumentAsync("/FollowUps/" + followUp.Id);
        Assert.Equal("Pending", call.QuerySelector("[data-testid=followup-status]")!.GetAttribute("data-status"));
        Assert.NotNull(call.QuerySelector("#reached-form input[name=__RequestVerificationToken]"));
        Assert.NotNull(call.QuerySelector("#attitude-excellent"));
        Assert.NotNull(call.QuerySelector("#record-no-answer"));
    }

    [Fact]
    public async Task A_third_unanswered_day_closes_the_call_as_unreachable()
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId, calls: f =>
        {
            f.RecordNoAnswer(At(TestData.Today.AddDays(-3)), TestData.Today.AddDays(-3), "desk2", FollowUpData.Calendar);
            f.RecordNoAnswer(At(TestData.Today.AddDays(-1)), TestData.Today.AddDays(-1), "desk2", FollowUpData.Calendar);
        });
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;

        using var response = await desk.PostFormAsync(url, [new("version", FollowUpData.V(followUp.Version))], url + "?handler=NoAnswer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Equal(FollowUpStatus.Unreachable, saved.Status);
        Assert.Equal(3, saved.Attempts.Count);
        Assert.Equal("desk1", saved.Attempts[^1].By);
        Assert.Equal(TestData.Today, saved.Attempts[^1].Day);
        var page = await desk.GetDocumentAsync(url);
        Assert.Equal("Unreachable", page.QuerySelector("[data-testid=followup-status]")!.GetAttribute("data-status"));
        Assert.NotNull(page.QuerySelector("[data-testid=followup-result]"));
        Assert.Null(page.QuerySelector("#reached-form"));
        Assert.NotNull(page.QuerySelector("[data-testid=flash]"));
        Assert.Empty((await desk.GetDocumentAsync("/FollowUps")).QuerySelectorAll("[data-testid=followup-row]"));
    }

    [Fact]
    public async Task A_second_no_answer_on_the_same_day_is_refused_with_a_message()
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId, calls: f =>
            f.RecordNoAnswer(DateTimeOffset.UtcNow.AddMinutes(-30), TestData.Today, "desk1", FollowUpData.Calendar));
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;

        using var response = await desk.PostFormAsync(url, [new("version", FollowUpData.V(followUp.Version))], url + "?handler=NoAnswer");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("今天已经拨打过", page.QuerySelector("[data-testid=followup-errors]")!.TextContent, StringComparison.Ordinal);
        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Single(saved.Attempts);
        Assert.Equal(FollowUpStatus.Pending, saved.Status);
    }

    [Fact]
    public async Task A_reached_call_rated_good_closes_without_a_complaint()
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId);
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;

        using var response = await desk.PostFormAsync(url, Scores(followUp.Version, "Good", "Good", "Good", "Good", "满意"), url + "?handler=Reached");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Equal(FollowUpStatus.Done, saved.Status);
        Assert.Equal(3m, saved.Score);
        Assert.Equal("满意", saved.Comment);
        Assert.Null(saved.ComplaintTicketId);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.Kind == TicketKind.Complaint));

        var page = await desk.GetDocumentAsync(url);
        Assert.Equal("Good", page.QuerySelector("[data-testid=score-attitude]")!.GetAttribute("data-score"));
        Assert.Null(page.QuerySelector("#reached-form"));
        Assert.Null(page.QuerySelector("[data-testid=complaint-created]"));
    }

    [Fact]
    public async Task One_poor_rating_opens_exactly_one_complaint_linked_to_the_repair_and_the_call()
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (repair, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId);
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;

        using var response = await desk.PostFormAsync(url, Scores(followUp.Version, "Good", "Good", "Poor", "Good", "等了三天才上门"), url + "?handler=Reached");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = App.NewDbContext();
        var complaint = await db.Tickets.AsNoTracking().SingleAsync(t => t.Kind == TicketKind.Complaint);
        Assert.Equal(repair.Id, complaint.RelatedTicketId);
        Assert.Equal(repair.CustomerId, complaint.CustomerId);
        Assert.Equal(repair.UnitId, complaint.UnitId);
        Assert.Equal(Urgency.High, complaint.Urgency);
        Assert.True(AfterSales.Web.Infrastructure.MessageText.IsCoded(complaint.FaultDescription));
        var shown = Localizers.In("zh-CN", l => AfterSales.Web.Infrastructure.MessageText.Show(l, complaint.FaultDescription));
        Assert.StartsWith("回访不满意：", shown, StringComparison.Ordinal);
        Assert.Contains("维修速度 差", shown, StringComparison.Ordinal);
        Assert.Contains("等了三天才上门", shown, StringComparison.Ordinal);
        Assert.Equal("desk1", complaint.CreatedBy);
        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Equal(FollowUpStatus.Done, saved.Status);
        Assert.Equal(complaint.Id, saved.ComplaintTicketId);

        var page = await desk.GetDocumentAsync(response.Headers.Location!.PathAndQuery());
        Assert.Equal("/Tickets/" + complaint.Number, page.QuerySelector("[data-testid=complaint-link]")!.GetAttribute("href"));
        Assert.Contains(complaint.Number, page.QuerySelector("[data-testid=flash]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Tickets/" + complaint.Number, page.QuerySelector("[data-testid=linked-complaint]")!.GetAttribute("href"));

        // The call is closed: posting the same form again changes nothing and opens no second complaint.
        using var again = await desk.PostFormAsync(url, Scores(saved.Version, "Poor", "Poor", "Poor", "Poor"), url + "?handler=Reached");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.Kind == TicketKind.Complaint));
    }

    [Fact]
    public async Task A_stale_form_is_refused_when_someone_else_recorded_the_call_meanwhile()
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId);
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;
        using var first = await desk.PostFormAsync(url, [new("version", FollowUpData.V(followUp.Version))], url + "?handler=NoAnswer");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var stale = await desk.PostFormAsync(url, Scores(followUp.Version, "Poor", "Good", "Good", "Good"), url + "?handler=Reached");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("他人修改", (await AppClient.ParseAsync(stale)).QuerySelector("[data-testid=followup-errors]")!.TextContent, StringComparison.Ordinal);
        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Equal(FollowUpStatus.Pending, saved.Status);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Tickets.CountAsync(t => t.Kind == TicketKind.Complaint));
    }

    public static TheoryData<string, string, string, string, string, string> BadCalls() => new()
    {
        { "", "Good", "Good", "Good", "", "error-attitude" },
        { "Good", "Good", "Good", "Terrible", "", "error-result" },
        { "Good", "9", "Good", "Good", "", "error-competence" },
        { "Poor", "Good", "Good", "Good", new string('慢', 2001), "error-comment" },
        { "Poor", "Good", "Good", "Good", "<script>alert(1)</script>", "error-comment" },
        { "Poor", "Good", "Good", "Good", "很好<img src=x onerror=alert(1)>", "error-comment" },
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public async Task Bad_input_gets_a_message_beside_the_field_keeps_what_was_typed_and_saves_nothing(string attitude, string competence, string speed, string result, string comment, string error)
    {
        var techId = await FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUpData.CompletedRepairAsync(App, techId);
        using var desk = await Client().SignedInAsync("desk1");
        var url = "/FollowUps/" + followUp.Id;

        using var response = await desk.PostFormAsync(url, Scores(followUp.Version, attitude, competence, speed, result, comment), url + "?handler=Reached");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-testid={error}]")?.TextContent), $"no message at {error}");
        Assert.Equal(comment, page.QuerySelector("#comment")!.TextContent);
        if (speed == "Good")
        {
            Assert.NotNull(page.QuerySelector("#speed-good[checked]"));
        }

        var saved = await FollowUpData.ReloadAsync(App, followUp.Id);
        Assert.Equal(FollowUpStatus.Pending, saved.Status);
        Assert.Empty(saved.Attempts);
        await using var db = App.NewDbContext();
        Assert.Equal(1, await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task An_unknown_follow_up_is_not_found()
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/FollowUps/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
