using System.Net;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tallies;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AfterSales.Web.Tests.Discipline.ProposalData;
using static AfterSales.Web.Tests.Tallies.TallyTestData;

namespace AfterSales.Web.Tests.Tallies;

public sealed class TallyVisibilityTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_technician_sees_only_their_own_line_until_the_month_is_published_and_every_line_after()
    {
        await RecordAsync(App, "tech1", "P3-1.3", InLastMonth);
        await RecordAsync(App, "tech2", "P3-2.1", InLastMonth);
        using var tech1 = await Client().SignedInAsync("tech1");

        var draft = await tech1.GetDocumentAsync(Url(LastMonth));
        Assert.Equal(["tech1"], draft.QuerySelectorAll("[data-testid=tally-line]").Select(r => r.GetAttribute("data-employee")!));
        Assert.NotNull(draft.QuerySelector("#own-line-only"));
        Assert.Null(draft.QuerySelector("#submit-form"));
        Assert.Equal("100.00", draft.QuerySelector("[data-testid=tally-line] [data-testid=net-cash]")!.TextContent);

        await PublishAsync(App, LastMonth);

        var published = await tech1.GetDocumentAsync(Url(LastMonth));
        var lines = published.QuerySelectorAll("[data-testid=tally-line]").Select(r => r.GetAttribute("data-employee")!).ToList();
        Assert.Contains("tech2", lines);
        Assert.Contains("manager1", lines);
        Assert.Null(published.QuerySelector("#own-line-only"));
        Assert.Equal("Published", published.QuerySelector("#tally-status")!.GetAttribute("data-status"));
        Assert.Equal("-30.00", published.QuerySelector("[data-testid=tally-line][data-employee=tech2] [data-testid=net-cash]")!.TextContent);
    }

    [Theory]
    [InlineData("desk1")]
    [InlineData("tech1")]
    [InlineData("admin1")]
    public async Task Only_a_manager_submits(string user)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await StepAsync(App, client, LastMonth, "Submit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Null(await TallyAsync(App, LastMonth));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("abc")]
    public async Task A_month_that_is_not_yyyy_MM_is_not_found(string month)
    {
        using var client = await Client().SignedInAsync("manager1");
        using var response = await client.GetAsync("/Tallies/" + month);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Managers_filter_by_department_and_role_and_open_each_lines_evidence()
    {
        var record = await RecordAsync(App, "tech1", "P5-38b", InLastMonth, evidence: "连续两天拖延上门");
        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync(Url(LastMonth) + "?Role=Technician");
        var employees = page.QuerySelectorAll("[data-testid=tally-line]").Select(r => r.GetAttribute("data-employee")!).ToList();
        Assert.Contains("tech1", employees);
        Assert.All(employees, e => Assert.StartsWith("tech", e, StringComparison.Ordinal));

        var evidence = page.QuerySelector("[data-testid=evidence][data-employee=tech1]")!;
        Assert.Equal(record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), evidence.QuerySelector("[data-testid=evidence-record]")!.GetAttribute("data-id"));
        Assert.Contains("连续两天拖延上门", evidence.TextContent, StringComparison.Ordinal);
        Assert.Equal("-3", page.QuerySelector("[data-testid=tally-line][data-employee=tech1] [data-testid=points]")!.TextContent);

        var byDepartment = await manager.GetDocumentAsync(Url(LastMonth) + "?Department=" + Uri.EscapeDataString("行政部"));
        Assert.Equal(["admin1", "admin2"], byDepartment.QuerySelectorAll("[data-testid=tally-line]").Select(r => r.GetAttribute("data-employee")!).Order().ToList());
    }
}

public sealed class TallyFlowTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Manager1_submits_admin1_checks_manager2_publishes_and_the_admin_office_locks()
    {
        using var manager1 = await Client().SignedInAsync("manager1");
        using (var submitted = await StepAsync(App, manager1, LastMonth, "Submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        // The manager who submitted cannot check: checking is the admin office's.
        using (var refused = await StepAsync(App, manager1, LastMonth, "Check"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }

        using var admin1 = await Client().SignedInAsync("admin1");
        using (var early = await StepAsync(App, admin1, LastMonth, "Lock"))
        {
            var page = await AppClient.ParseAsync(early);
            Assert.NotNull(page.QuerySelector("#tally-error"));
        }

        using (var checkedResponse = await StepAsync(App, admin1, LastMonth, "Check"))
        {
            Assert.Equal(HttpStatusCode.Redirect, checkedResponse.StatusCode);
        }

        using var manager2 = await Client().SignedInAsync("manager2");
        using (var published = await StepAsync(App, manager2, LastMonth, "Publish"))
        {
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        }

        var shown = await manager2.GetDocumentAsync(Url(LastMonth));
        Assert.Contains("manager1", shown.QuerySelector("[data-testid=flow-submitted]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin1", shown.QuerySelector("[data-testid=flow-checked]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("manager2", shown.QuerySelector("[data-testid=flow-published]")!.TextContent, StringComparison.Ordinal);

        using (var locked = await StepAsync(App, admin1, LastMonth, "Lock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        Assert.Equal(TallyStatus.Locked, (await TallyAsync(App, LastMonth))!.Status);
    }

    [Fact]
    public async Task Whoever_submitted_does_not_check_even_with_both_roles()
    {
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync("manager3"))!, Roles.Admin)).Succeeded);
        }

        try
        {
            using var manager3 = await Client().SignedInAsync("manager3");
            using (var submitted = await StepAsync(App, manager3, LastMonth, "Submit"))
            {
                Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
            }

            using var refused = await StepAsync(App, manager3, LastMonth, "Check");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await AppClient.ParseAsync(refused);
            Assert.NotNull(page.QuerySelector("#tally-error"));
            Assert.Equal(TallyStatus.Submitted, (await TallyAsync(App, LastMonth))!.Status);
        }
        finally
        {
            await using var scope = App.Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.RemoveFromRoleAsync((await users.FindByNameAsync("manager3"))!, Roles.Admin);
        }
    }

    [Fact]
    public async Task The_running_month_cannot_be_submitted()
    {
        using var manager1 = await Client().SignedInAsync("manager1");
        using var response = await StepAsync(App, manager1, ThisMonth, "Submit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await AppClient.ParseAsync(response)).QuerySelector("#tally-error"));
        Assert.Null(await TallyAsync(App, ThisMonth));
    }

    [Fact]
    public async Task Sending_back_needs_a_reason_and_makes_the_month_live_again()
    {
        using var manager1 = await Client().SignedInAsync("manager1");
        using (var submitted = await StepAsync(App, manager1, LastMonth, "Submit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        using var admin1 = await Client().SignedInAsync("admin1");
        using (var noReason = await StepAsync(App, admin1, LastMonth, "SendBack", new KeyValuePair<string, string>("reason", " ")))
        {
            Assert.NotNull((await AppClient.ParseAsync(noReason)).QuerySelector("#tally-error"));
        }

        using (var sentBack = await StepAsync(App, admin1, LastMonth, "SendBack", new KeyValuePair<string, string>("reason", "漏了一条记录")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sentBack.StatusCode);
        }

        Assert.Equal(TallyStatus.Draft, (await TallyAsync(App, LastMonth))!.Status);
    }

    [Fact]
    public async Task A_published_month_stays_the_same_and_a_late_record_is_counted_next_month_as_a_correction()
    {
        await RecordAsync(App, "tech1", "P3-1.3", InLastMonth);
        await PublishAsync(App, LastMonth);

        var late = await RecordAsync(App, "tech1", "P3-2.1", InLastMonth);

        using var tech1 = await Client().SignedInAsync("tech1");
        var published = await tech1.GetDocumentAsync(Url(LastMonth));
        Assert.Equal("100.00", published.QuerySelector("[data-testid=tally-line][data-employee=tech1] [data-testid=net-cash]")!.TextContent);
        Assert.Single(published.QuerySelectorAll("[data-testid=evidence][data-employee=tech1] [data-testid=evidence-record]"));

        var next = await tech1.GetDocumentAsync(Url(ThisMonth));
        var line = next.QuerySelector("[data-testid=tally-line][data-employee=tech1]")!;
        Assert.Equal("-30.00", line.QuerySelector("[data-testid=net-cash]")!.TextContent);
        var correction = next.QuerySelector("[data-testid=evidence][data-employee=tech1] [data-testid=correction]")!;
        Assert.Equal(LastMonth, correction.GetAttribute("data-month"));
        Assert.Contains("#" + late.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), correction.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_published_month()
    {
        await RecordAsync(App, "tech1", "P3-1.3", InLastMonth);
        await PublishAsync(App, LastMonth);

        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "update monthly_tallies set lines = '[]'::jsonb where month = @month",
            "update monthly_tallies set status = 'Draft' where month = @month",
            "update monthly_tallies set status = 'Locked', hour_quota = 1 where month = @month",
            "delete from monthly_tallies where month = @month",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("month", LastMonth);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        }

        var tally = (await TallyAsync(App, LastMonth))!;
        Assert.Equal(TallyStatus.Published, tally.Status);
        Assert.Equal(100m, tally.TotalNetCash);

        // Published -> Locked is the one change allowed.
        await using var db = App.NewDbContext();
        var tracked = await db.MonthlyTallies.SingleAsync(t => t.Month == LastMonth);
        tracked.Lock(await UserIdAsync(App, "admin1"), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}

public sealed class TallyWithdrawalTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_fine_overturned_on_appeal_after_publication_is_taken_back_in_the_next_month()
    {
        var fine = await RecordAsync(App, "tech1", "P3-2.1", InLastMonth);
        await PublishAsync(App, LastMonth);

        await using (var db = App.NewDbContext())
        {
            var record = await db.DisciplineRecords.SingleAsync(r => r.Id == fine.Id);
            record.Appeal(await UserIdAsync(App, "tech1"), "当天穿着工服", DateTimeOffset.UtcNow);
            record.DecideAppeal(false, await UserIdAsync(App, "manager3"), DateTimeOffset.UtcNow, "照片证明着装合规");
            await db.SaveChangesAsync();
        }

        using var tech1 = await Client().SignedInAsync("tech1");
        var published = await tech1.GetDocumentAsync(Url(LastMonth));
        Assert.Equal("-30.00", published.QuerySelector("[data-testid=tally-line][data-employee=tech1] [data-testid=net-cash]")!.TextContent);

        var next = await tech1.GetDocumentAsync(Url(ThisMonth));
        Assert.Equal("30.00", next.QuerySelector("[data-testid=tally-line][data-employee=tech1] [data-testid=net-cash]")!.TextContent);
        Assert.Equal(LastMonth, next.QuerySelector("[data-testid=evidence][data-employee=tech1] [data-testid=withdrawal]")!.GetAttribute("data-month"));
    }

    [Fact]
    public async Task A_fine_under_appeal_stays_counted_and_once_upheld_nothing_moves()
    {
        var fine = await RecordAsync(App, "tech1", "P3-2.1", InLastMonth);
        await PublishAsync(App, LastMonth);
        await using (var db = App.NewDbContext())
        {
            var record = await db.DisciplineRecords.SingleAsync(r => r.Id == fine.Id);
            record.Appeal(await UserIdAsync(App, "tech1"), "当天穿着工服", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        using var manager = await Client().SignedInAsync("manager1");

        // The drill-down of a closed month says its details are as of now, the line's figures a snapshot.
        var detail = await manager.GetDocumentAsync(Url(LastMonth) + "?handler=Work&employee=" + Uri.EscapeDataString(await UserIdAsync(App, "tech1")));
        Assert.NotNull(detail.QuerySelector("[data-testid=evidence-as-of-now]"));

        async Task<string> NextMonthNetCashAsync() =>
            (await manager.GetDocumentAsync(Url(ThisMonth))).QuerySelector("[data-testid=tally-line][data-employee=tech1] [data-testid=net-cash]")!.TextContent;
        Assert.Equal("0.00", await NextMonthNetCashAsync());

        await using (var db = App.NewDbContext())
        {
            var record = await db.DisciplineRecords.SingleAsync(r => r.Id == fine.Id);
            record.DecideAppeal(true, await UserIdAsync(App, "manager3"), DateTimeOffset.UtcNow, "维持");
            await db.SaveChangesAsync();
        }

        Assert.Equal("0.00", await NextMonthNetCashAsync());
    }
}

public sealed class TallySendBackTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_month_is_not_sent_back_once_a_later_month_is_submitted()
    {
        var twoMonthsAgo = TallyMonth.Of(TallyMonth.Parse(LastMonth).AddMonths(-1));
        await using (var db = App.NewDbContext())
        {
            var earlier = MonthlyTally.Start(twoMonthsAgo);
            earlier.Submit(await UserIdAsync(App, "manager1"), DateTimeOffset.UtcNow, [], 120m, TestData.Today);
            var later = MonthlyTally.Start(LastMonth);
            later.Submit(await UserIdAsync(App, "manager1"), DateTimeOffset.UtcNow, [], 120m, TestData.Today);
            db.MonthlyTallies.AddRange(earlier, later);
            await db.SaveChangesAsync();
        }

        using var admin = await Client().SignedInAsync("admin1");
        using var refused = await StepAsync(App, admin, twoMonthsAgo, "SendBack", new KeyValuePair<string, string>("reason", "补录"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不能再退回", (await AppClient.ParseAsync(refused)).QuerySelector("#tally-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(TallyStatus.Submitted, (await TallyAsync(App, twoMonthsAgo))!.Status);
    }
}

public sealed class TallyAccessTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("desk1", false)]
    [InlineData("dispatch1", false)]
    [InlineData("tech1", false)]
    [InlineData("quality1", false)]
    [InlineData("manager1", true)]
    [InlineData("admin1", true)]
    public async Task Every_role_opens_the_month_and_only_managers_and_the_admin_office_see_every_line_of_a_draft(string user, bool seesAll)
    {
        using var client = await Client().SignedInAsync(user);
        using (var index = await client.GetAsync("/Tallies"))
        {
            Assert.Equal(HttpStatusCode.Redirect, index.StatusCode);
            Assert.Equal(Url(LastMonth), index.Headers.Location!.PathAndQuery());
        }

        var page = await client.GetDocumentAsync(Url(LastMonth));
        var lines = page.QuerySelectorAll("[data-testid=tally-line]").Select(r => r.GetAttribute("data-employee")!).ToList();
        if (seesAll)
        {
            Assert.True(lines.Count > 40);
        }
        else
        {
            Assert.Equal([user], lines);
        }

        Assert.Equal(user == "manager1", page.QuerySelector("#submit-form") is not null);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        using var client = Client();
        using var response = await client.GetAsync(Url(LastMonth) + "/Export?format=csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }
}

public sealed class TallyWorkTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_line_sums_the_technicians_work_orders_hours_and_scored_calls_and_lists_the_work_on_demand()
    {
        var tech1 = await UserIdAsync(App, "tech1");
        var called = DateTimeOffset.UtcNow.AddMinutes(-30);
        var day = TestData.Today;
        var (_, first, _) = await FollowUps.FollowUpData.CompletedRepairAsync(App, tech1, "KF2001-0201", "13800000201",
            calls: f => f.RecordReached(called, day, "desk1", Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Excellent, Satisfaction.Excellent, null));
        var (_, second, _) = await FollowUps.FollowUpData.CompletedRepairAsync(App, tech1, "KF2001-0202", "13800000202",
            calls: f => f.RecordReached(called, day, "desk1", Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, Satisfaction.Good, null));
        await FollowUps.FollowUpData.CompletedRepairAsync(App, tech1, "KF2001-0203", "13800000203"); // not called yet: no score
        var month = TallyMonth.Of(DateOnly.FromDateTime(first.CompletedAt!.Value.ToOffset(TimeSpan.FromHours(8)).DateTime));

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync(Url(month));
        var line = page.QuerySelector("[data-testid=tally-line][data-employee=tech1]")!;
        Assert.Equal("3", line.QuerySelector("[data-testid=work-orders]")!.TextContent.Trim());
        Assert.Equal("4.5", line.QuerySelector("[data-testid=labour-hours]")!.TextContent.Trim());
        Assert.Equal("3.50", line.QuerySelector("[data-testid=satisfaction]")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("[data-testid=tally-line][data-employee=tech2] [data-testid=work-orders]")!.TextContent.Trim());

        var src = page.QuerySelector("[data-testid=evidence][data-employee=tech1] [data-testid=evidence-work]")!.GetAttribute("data-src")!;
        var work = await manager.GetDocumentAsync(src);
        Assert.Equal(
            new[] { first.Id, second.Id }.Order().ToList(),
            work.QuerySelectorAll("[data-testid=evidence-work-order]").Select(li => long.Parse(li.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture)).Where(id => id == first.Id || id == second.Id).Order().ToList());
        Assert.Equal(3, work.QuerySelectorAll("[data-testid=evidence-work-order]").Length);
        Assert.Equal(["4.00", "3.00"], work.QuerySelectorAll("[data-testid=evidence-call]").Select(li => li.TextContent.Trim().Split(' ').Last()).Order().Reverse().ToList());
        Assert.NotNull(work.QuerySelector("[data-testid=evidence-standing]"));

        // Before publication another technician sees neither the line nor its work orders; the technician sees their own.
        using var tech2 = await Client().SignedInAsync("tech2");
        using var refused = await tech2.GetAsync(src);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        using var refusedTrend = await tech2.GetAsync(Url(month) + "?handler=Trend&employee=" + Uri.EscapeDataString(tech1));
        Assert.StartsWith("/Account/AccessDenied", refusedTrend.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        using var own = await Client().SignedInAsync("tech1");
        Assert.Equal(3, (await own.GetDocumentAsync(src)).QuerySelectorAll("[data-testid=evidence-work-order]").Length);
    }
}
