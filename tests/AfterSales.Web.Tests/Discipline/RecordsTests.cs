using System.Globalization;
using System.Net;
using AfterSales.Domain.Discipline;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AfterSales.Web.Tests.Discipline.ProposalData;

namespace AfterSales.Web.Tests.Discipline;

public sealed class RecordsAccessTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("desk1")]
    [InlineData("tech1")]
    [InlineData("dispatch1")]
    [InlineData("quality1")]
    public async Task Only_managers_and_the_admin_office_open_the_records(string user)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync("/Discipline/Records");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_reads_the_records_without_changing_them_and_everyone_opens_their_own_page()
    {
        var record = await RecordAsync(App, "tech1", "P5-37", TestData.Today, decider: null);
        using var admin = await Client().SignedInAsync("admin1");
        var page = await admin.GetDocumentAsync("/Discipline/Records");
        Assert.Single(page.QuerySelectorAll("[data-testid=record-row]"));
        Assert.Null(page.QuerySelector("#propose-form"));
        Assert.Null(page.QuerySelector($"[data-testid=approve-{record.Id}]"));
        using var refused = await admin.PostFormAsync("/Discipline/Me", [new("id", V(record.Id)), new("version", V(record.Version))], "/Discipline/Records?handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Proposed, (await ReloadAsync(App, record.Id)).Status);

        foreach (var user in DemoSeeder.DemoLogins)
        {
            using var client = await Client().SignedInAsync(user);
            var me = await client.GetDocumentAsync("/Discipline/Me");
            Assert.NotNull(me.QuerySelector("[data-testid=standing]"));
        }
    }

    [Fact]
    public async Task A_technician_sees_only_their_own_records_and_cannot_appeal_another_ones()
    {
        var theirs = await RecordAsync(App, "tech2", "P5-37", TestData.Today);
        var mine = await RecordAsync(App, "tech1", "P5-38b", TestData.Today);
        using var tech1 = await Client().SignedInAsync("tech1");
        var page = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Equal([V(mine.Id)], page.QuerySelectorAll("[data-testid=my-record]").Select(r => r.GetAttribute("data-id")!));

        using var response = await tech1.PostFormAsync("/Discipline/Me", [new("id", V(theirs.Id)), new("version", V(theirs.Version)), new("reason", "不是我")], "/Discipline/Me?handler=Appeal");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RecordStatus.Approved, (await ReloadAsync(App, theirs.Id)).Status);
    }
}

public sealed class RecordsFlowTests(AppFixture app) : AppTest(app)
{
    private static List<KeyValuePair<string, string>> Proposal(string employeeId, long ruleId, string factDate, string evidence, string ticket = "", string workOrder = "", string income = "") =>
    [
        new("Input.EmployeeId", employeeId), new("Input.RuleId", V(ruleId)), new("Input.FactDate", factDate), new("Input.Evidence", evidence),
        new("Input.TicketNumber", ticket), new("Input.WorkOrderId", workOrder), new("Input.Income", income),
    ];

    [Fact]
    public async Task A_proposal_names_the_employee_by_user_name_and_an_unknown_name_is_refused_beside_the_field()
    {
        var tech3 = await UserIdAsync(App, "tech3");
        var rule = await RuleAsync(App, "P5-38b");
        using var manager1 = await Client().SignedInAsync("manager1");
        using (var proposed = await manager1.PostFormAsync("/Discipline/Records", Proposal(" tech3 ", rule.Id, TestData.Today.ToString("yyyy-MM-dd"), "拖延上门"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        }

        await using var db = App.NewDbContext();
        Assert.Equal(tech3, (await db.DisciplineRecords.AsNoTracking().SingleAsync()).EmployeeId);

        using var unknown = await manager1.PostFormAsync("/Discipline/Records", Proposal("nobody-here", rule.Id, TestData.Today.ToString("yyyy-MM-dd"), "拖延上门"), "/Discipline/Records?handler=Propose");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var page = await AppClient.ParseAsync(unknown);
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.EmployeeId']")!.TextContent);
        Assert.Equal("nobody-here", page.QuerySelector("input#Input_EmployeeId")!.GetAttribute("value"));
        Assert.Equal(1, await db.DisciplineRecords.CountAsync());
    }

    [Fact]
    public async Task A_proposal_by_one_manager_is_approved_by_another_and_never_by_the_proposer()
    {
        var tech1 = await UserIdAsync(App, "tech1");
        var rule = await RuleAsync(App, "P5-38b");
        using var manager1 = await Client().SignedInAsync("manager1");
        using (var proposed = await manager1.PostFormAsync("/Discipline/Records", Proposal(tech1, rule.Id, TestData.Today.ToString("yyyy-MM-dd"), "连续两天拖延上门"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        }

        await using var db = App.NewDbContext();
        var record = await db.DisciplineRecords.AsNoTracking().SingleAsync();
        Assert.Equal((tech1, await UserIdAsync(App, "manager1"), RecordStatus.Proposed, -3), (record.EmployeeId, record.ProposedBy, record.Status, record.Points));

        using (var own = await manager1.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version))], "/Discipline/Records?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            var page = await AppClient.ParseAsync(own);
            Assert.Contains("提议人不能审批", page.QuerySelector($"[data-testid=record-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(RecordStatus.Proposed, (await ReloadAsync(App, record.Id)).Status);

        using var manager2 = await Client().SignedInAsync("manager2");
        using (var approved = await manager2.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version)), new("note", "属实")], "/Discipline/Records?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var decided = await ReloadAsync(App, record.Id);
        Assert.Equal((RecordStatus.Approved, await UserIdAsync(App, "manager2")), (decided.Status, decided.DecidedBy));

        // A stale form (the old version) is refused, not applied twice.
        using var stale = await manager2.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version)), new("note", "x")], "/Discipline/Records?handler=Reject");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(RecordStatus.Approved, (await ReloadAsync(App, record.Id)).Status);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_nobody_decides_a_record_about_themselves()
    {
        var record = await RecordAsync(App, "manager2", "P5-26a", TestData.Today, proposer: "manager1", decider: null);
        using var manager2 = await Client().SignedInAsync("manager2");
        using (var own = await manager2.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version)), new("note", "不属实")], "/Discipline/Records?handler=Reject"))
        {
            Assert.Contains("任何人不能审批关于自己", (await AppClient.ParseAsync(own)).QuerySelector($"[data-testid=record-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        }

        using var manager3 = await Client().SignedInAsync("manager3");
        using (var noReason = await manager3.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version)), new("note", "  ")], "/Discipline/Records?handler=Reject"))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("驳回时请填写理由", (await AppClient.ParseAsync(noReason)).QuerySelector($"[data-testid=record-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(RecordStatus.Proposed, (await ReloadAsync(App, record.Id)).Status);
        using (var rejected = await manager3.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(record.Version)), new("note", "证据不足")], "/Discipline/Records?handler=Reject"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }

        var decided = await ReloadAsync(App, record.Id);
        Assert.Equal((RecordStatus.Rejected, "证据不足"), (decided.Status, decided.DecisionNote));
    }

    [Fact]
    public async Task The_employee_appeals_once_and_a_manager_decides()
    {
        var record = await RecordAsync(App, "tech1", "P5-38b", TestData.Today);
        using var tech1 = await Client().SignedInAsync("tech1");
        var before = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Equal("-3", before.QuerySelector("[data-testid=standing-score]")!.TextContent);
        Assert.NotNull(before.QuerySelector($"[data-testid=appeal-{record.Id}]"));

        using (var empty = await tech1.PostFormAsync("/Discipline/Me", [new("id", V(record.Id)), new("version", V(record.Version)), new("reason", "")], "/Discipline/Me?handler=Appeal"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("请填写申诉理由", (await AppClient.ParseAsync(empty)).QuerySelector($"[data-testid=appeal-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        }

        using (var appealed = await tech1.PostFormAsync("/Discipline/Me", [new("id", V(record.Id)), new("version", V(record.Version)), new("reason", "当天客户改约，不是怠工")], "/Discipline/Me?handler=Appeal"))
        {
            Assert.Equal(HttpStatusCode.Redirect, appealed.StatusCode);
        }

        var open = await ReloadAsync(App, record.Id);
        Assert.Equal((RecordStatus.Appealed, "当天客户改约，不是怠工"), (open.Status, open.AppealReason));
        var during = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Null(during.QuerySelector($"[data-testid=appeal-{record.Id}]"));

        using var manager = await Client().SignedInAsync("manager1");
        using (var decided = await manager.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("version", V(open.Version)), new("upheld", "false"), new("note", "核实为客户改约")], "/Discipline/Records?handler=DecideAppeal"))
        {
            Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        }

        var closed = await ReloadAsync(App, record.Id);
        Assert.Equal((RecordStatus.Overturned, "核实为客户改约"), (closed.Status, closed.AppealDecisionNote));
        var after = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Equal("0", after.QuerySelector("[data-testid=standing-score]")!.TextContent);

        // Once only: the overturned record cannot be appealed again.
        using var again = await tech1.PostFormAsync("/Discipline/Me", [new("id", V(record.Id)), new("version", V(closed.Version)), new("reason", "再次申诉")], "/Discipline/Me?handler=Appeal");
        Assert.Contains("只能申诉一次", (await AppClient.ParseAsync(again)).QuerySelector($"[data-testid=appeal-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reversal_approved_by_another_manager_brings_the_standing_back()
    {
        var record = await RecordAsync(App, "tech1", "P5-37", TestData.Today);
        using var tech1 = await Client().SignedInAsync("tech1");
        Assert.Equal("-3", (await tech1.GetDocumentAsync("/Discipline/Me")).QuerySelector("[data-testid=standing-score]")!.TextContent);

        using var manager1 = await Client().SignedInAsync("manager1");
        using (var proposed = await manager1.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("reason", "维修档案后补齐，核实无误")], "/Discipline/Records?handler=Reverse"))
        {
            Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        }

        await using var db = App.NewDbContext();
        var reversal = await db.DisciplineRecords.AsNoTracking().SingleAsync(r => r.ReversesRecordId == record.Id);
        Assert.Equal(RecordStatus.Proposed, reversal.Status);
        Assert.Equal("-3", (await tech1.GetDocumentAsync("/Discipline/Me")).QuerySelector("[data-testid=standing-score]")!.TextContent);

        // A second reversal of the same record is refused.
        using (var twice = await manager1.PostFormAsync("/Discipline/Records", [new("id", V(record.Id)), new("reason", "重复")], "/Discipline/Records?handler=Reverse"))
        {
            Assert.Contains("已有待审批或已批准的冲销", (await AppClient.ParseAsync(twice)).QuerySelector($"[data-testid=record-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        }

        using var manager2 = await Client().SignedInAsync("manager2");
        using (var approved = await manager2.PostFormAsync("/Discipline/Records", [new("id", V(reversal.Id)), new("version", V(reversal.Version))], "/Discipline/Records?handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var me = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Equal("0", me.QuerySelector("[data-testid=standing-score]")!.TextContent);
        Assert.Empty(me.QuerySelectorAll("[data-testid=standing-count]"));
        Assert.Contains("撤销", me.QuerySelector("[data-testid=standing-explanation]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await db.DisciplineRecords.CountAsync(r => r.ReversesRecordId == record.Id));
    }

    [Fact]
    public async Task Three_approved_demerits_stand_as_one_major_demerit_with_score_minus_nine()
    {
        var day = new DateOnly(TestData.Today.Year, 1, 10);
        foreach (var article in new[] { "P5-37", "P5-38a", "P5-39" })
        {
            await RecordAsync(App, "tech1", article, day);
        }

        using var tech1 = await Client().SignedInAsync("tech1");
        var page = await tech1.GetDocumentAsync("/Discipline/Me");
        Assert.Equal("-9", page.QuerySelector("[data-testid=standing-score]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-testid=count-MajorDemerit]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=count-Demerit]"));
        Assert.Equal("-9", page.QuerySelector("[data-testid=month-1]")!.TextContent);
        Assert.Contains("1 月 3 次记过 → 折合 1 次记大过", page.QuerySelector("[data-testid=standing-explanation]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=ladder-note]"));

        // In English the ladder's own lines are shown.
        var english = await tech1.GetDocumentAsync("/Discipline/Me?culture=en&ui-culture=en");
        Assert.Contains("3 demerits from January → 1 major demerit", english.QuerySelector("[data-testid=standing-explanation]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dismissal_records_and_a_dismissal_standing_raise_an_alert_for_managers()
    {
        var day = new DateOnly(TestData.Today.Year, 2, 1);
        await RecordAsync(App, "tech5", "P5-33", day);
        foreach (var article in new[] { "P5-38c", "P5-23", "P5-26b" })
        {
            await RecordAsync(App, "tech6", article, day);
        }

        await RecordAsync(App, "tech7", "P5-38c", day);
        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records");
        var alerted = page.QuerySelectorAll("[data-testid=alert-employee]").Select(a => a.GetAttribute("data-employee")).ToList();
        Assert.Contains(await UserIdAsync(App, "tech5"), alerted);
        Assert.Contains(await UserIdAsync(App, "tech6"), alerted);
        Assert.DoesNotContain(await UserIdAsync(App, "tech7"), alerted);
        Assert.Contains("达到解雇界限", page.QuerySelector("[data-testid=dismissal-alerts]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_alerts_show_ten_open_and_the_rest_counted_one_click_away()
    {
        var day = new DateOnly(TestData.Today.Year, 2, 1);
        var people = Enumerable.Range(9, 13).Select(i => "tech" + V(i)).ToList();
        foreach (var person in people)
        {
            await RecordAsync(App, person, "P5-33", day);
        }

        using var manager = await Client().SignedInAsync("manager1");
        for (var visit = 0; visit < 2; visit++)
        {
            // The second visit is answered from the kept ladder results: the same alerts.
            var page = await manager.GetDocumentAsync("/Discipline/Records");
            var panel = page.QuerySelector("[data-testid=dismissal-alerts]")!;
            var all = panel.QuerySelectorAll("[data-testid=alert-employee]").Select(a => a.GetAttribute("data-employee")).ToList();
            foreach (var person in people)
            {
                Assert.Contains(await UserIdAsync(App, person), all);
            }

            var more = panel.QuerySelector("[data-testid=more-alerts]")!;
            var hidden = more.QuerySelectorAll("[data-testid=alert-employee]").Length;
            Assert.Equal(all.Count - 10, hidden);
            Assert.Contains("另外 " + V(hidden) + " 人（共 " + V(all.Count) + " 人）", more.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        }

        // A change to one person's counting records is seen at once: their removal no longer counting takes them off the alerts.
        var reversed = await UserIdAsync(App, people[0]);
        await using (var db = App.NewDbContext())
        {
            await db.DisciplineRecords.Where(r => r.EmployeeId == reversed && r.Article == "P5-33")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RecordStatus.Rejected));
        }

        var after = await manager.GetDocumentAsync("/Discipline/Records");
        Assert.DoesNotContain(reversed, after.QuerySelectorAll("[data-testid=alert-employee]").Select(a => a.GetAttribute("data-employee")));

        // Someone alerted for the first time appears at the next visit; the others keep their alerts.
        var newcomer = await RecordAsync(App, "tech" + V(22), "P5-33", day);
        var later = (await manager.GetDocumentAsync("/Discipline/Records")).QuerySelectorAll("[data-testid=alert-employee]").Select(a => a.GetAttribute("data-employee")).ToList();
        Assert.Contains(newcomer.EmployeeId, later);
        Assert.DoesNotContain(reversed, later);
        Assert.Equal(people.Count, later.Count);
    }

    [Fact]
    public async Task Major_demerits_of_earlier_years_count_towards_dismissal_and_the_alert_lists_the_records()
    {
        var lastYear = new DateOnly(TestData.Today.Year - 1, 3, 1);
        var first = await RecordAsync(App, "tech8", "P5-38c", lastYear);
        var second = await RecordAsync(App, "tech8", "P5-26b", lastYear.AddMonths(2));
        var third = await RecordAsync(App, "tech8", "P5-23", new DateOnly(TestData.Today.Year, 1, 5));

        using var manager = await Client().SignedInAsync("manager1");
        var page = await manager.GetDocumentAsync("/Discipline/Records");
        var alert = page.QuerySelectorAll("[data-testid=alert-employee]").Single(a => a.GetAttribute("data-employee") == second.EmployeeId);
        var text = page.QuerySelector("[data-testid=dismissal-alerts]")!.TextContent;
        Assert.Contains("达到解雇界限", text, StringComparison.Ordinal);
        foreach (var record in new[] { first, second, third })
        {
            Assert.Contains("#" + record.Id.ToString(CultureInfo.InvariantCulture) + " (" + record.FactDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ")", text, StringComparison.Ordinal);
        }

        Assert.NotNull(alert);
    }

    [Fact]
    public async Task Bad_proposals_are_refused_beside_the_field_and_nothing_is_saved()
    {
        var tech1 = await UserIdAsync(App, "tech1");
        var rule = await RuleAsync(App, "P5-37");
        var today = TestData.Today.ToString("yyyy-MM-dd");
        using var manager = await Client().SignedInAsync("manager1");

        async Task<AngleSharp.Dom.IDocument> RefusedAsync(List<KeyValuePair<string, string>> fields)
        {
            using var response = await manager.PostFormAsync("/Discipline/Records", fields, "/Discipline/Records?handler=Propose");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await AppClient.ParseAsync(response);
        }

        var noEvidence = await RefusedAsync(Proposal(tech1, rule.Id, today, ""));
        Assert.Contains("必填", noEvidence.QuerySelector("[data-valmsg-for='Input.Evidence']")!.TextContent, StringComparison.Ordinal);

        var future = await RefusedAsync(Proposal(tech1, rule.Id, TestData.Today.AddDays(1).ToString("yyyy-MM-dd"), "未来的事"));
        Assert.Contains("不能晚于今天", future.QuerySelector("[data-valmsg-for='Input.FactDate']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("未来的事", future.QuerySelector("#Input_Evidence")!.TextContent);

        var unknownTicket = await RefusedAsync(Proposal(tech1, rule.Id, today, "档案缺失", ticket: "SV-NOPE-1"));
        Assert.Contains("SV-NOPE-1", unknownTicket.QuerySelector("[data-valmsg-for='Input.TicketNumber']")!.TextContent, StringComparison.Ordinal);

        var unknownWorkOrder = await RefusedAsync(Proposal(tech1, rule.Id, today, "档案缺失", workOrder: "999999"));
        Assert.Contains("不存在", unknownWorkOrder.QuerySelector("[data-valmsg-for='Input.WorkOrderId']")!.TextContent, StringComparison.Ordinal);

        var notADate = await RefusedAsync(Proposal(tech1, rule.Id, "2026-13-45", "档案缺失"));
        Assert.NotEmpty(notADate.QuerySelector("[data-valmsg-for='Input.FactDate']")!.TextContent);

        var noEmployee = await RefusedAsync(Proposal("no-such-user", rule.Id, today, "档案缺失"));
        Assert.NotEmpty(noEmployee.QuerySelector("[data-valmsg-for='Input.EmployeeId']")!.TextContent);

        var tooLong = await RefusedAsync(Proposal(tech1, rule.Id, today, new string('长', 2001)));
        Assert.Contains("2000", tooLong.QuerySelector("[data-valmsg-for='Input.Evidence']")!.TextContent, StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.DisciplineRecords.CountAsync());

        // Hostile text is kept as typed and shown escaped.
        using (var saved = await manager.PostFormAsync("/Discipline/Records", Proposal(tech1, rule.Id, today, "<script>alert(1)</script>"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The proposer's own proposal is not in their decision queue; all records show it.
        using var list = await manager.GetAsync("/Discipline/Records?view=all");
        var html = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_part_three_article_for_a_technician_is_refused_beside_the_rule_and_a_desk_employee_gets_it()
    {
        var tech1 = await UserIdAsync(App, "tech1");
        var desk1 = await UserIdAsync(App, "desk1");
        var badge = await RuleAsync(App, "P3-2.1");
        var today = TestData.Today.ToString("yyyy-MM-dd");
        using var manager = await Client().SignedInAsync("manager1");

        using (var refused = await manager.PostFormAsync("/Discipline/Records", Proposal(tech1, badge.Id, today, "未戴工牌"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await AppClient.ParseAsync(refused);
            Assert.Contains("第三部分只适用于服务顾问", page.QuerySelector("[data-valmsg-for='Input.RuleId']")!.TextContent, StringComparison.Ordinal);
        }

        await using (var db = App.NewDbContext())
        {
            Assert.Equal(0, await db.DisciplineRecords.CountAsync());
        }

        using var proposed = await manager.PostFormAsync("/Discipline/Records", Proposal(desk1, badge.Id, today, "未戴工牌"), "/Discipline/Records?handler=Propose");
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
    }

    [Fact]
    public async Task Extra_service_income_is_rewarded_at_twenty_percent_and_links_must_exist()
    {
        var tech1 = await UserIdAsync(App, "tech1");
        var commission = await RuleAsync(App, "P5-30");
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "钱先生", "13800000401", "KF2001-0401", TestData.Today.AddMonths(-2));
        var ticket = await TestData.TicketAsync(db, customer, unit);
        using var manager = await Client().SignedInAsync("manager1");
        var today = TestData.Today.ToString("yyyy-MM-dd");

        using (var missing = await manager.PostFormAsync("/Discipline/Records", Proposal(tech1, commission.Id, today, "上门清洗收入已上交"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Contains("纯收入", (await AppClient.ParseAsync(missing)).QuerySelector("[data-valmsg-for='Input.Income']")!.TextContent, StringComparison.Ordinal);
        }

        using (var noWorkOrder = await manager.PostFormAsync("/Discipline/Records", Proposal(tech1, commission.Id, today, "上门清洗收入已上交", ticket: ticket.Number, income: "456.78"), "/Discipline/Records?handler=Propose"))
        {
            Assert.Contains("工单号", (await AppClient.ParseAsync(noWorkOrder)).QuerySelector("[data-valmsg-for='Input.WorkOrderId']")!.TextContent, StringComparison.Ordinal);
        }

        var job = await CompletedWorkOrderAsync(App, tech1, "KF2001-0402", "13800000402", completedDaysAgo: 1, handedInDaysAgo: 0);
        var withJob = Proposal(tech1, commission.Id, today, "上门清洗收入已上交", ticket: ticket.Number, workOrder: V(job.Id), income: "456.78");
        using (var saved = await manager.PostFormAsync("/Discipline/Records", withJob, "/Discipline/Records?handler=Propose"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var record = await db.DisciplineRecords.AsNoTracking().SingleAsync();
        Assert.Equal(91.36m, record.CashAmount);
        Assert.Equal(("Ticket", ticket.Id, ticket.Number), (record.Links[0].Kind, record.Links[0].Id, record.Links[0].Label));

        // Once per work order.
        using (var twice = await manager.PostFormAsync("/Discipline/Records", withJob, "/Discipline/Records?handler=Propose"))
        {
            Assert.Contains("已经提出过", (await AppClient.ParseAsync(twice)).QuerySelector("[data-valmsg-for='Input.WorkOrderId']")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(1, await db.DisciplineRecords.CountAsync());
    }

    [Fact]
    public async Task A_record_already_reversed_cannot_be_appealed_as_well()
    {
        var record = await ProposalData.RecordAsync(App, "tech1", "P5-38b", TestData.Today.AddDays(-3));
        await using (var db = App.NewDbContext())
        {
            var original = await db.DisciplineRecords.SingleAsync(r => r.Id == record.Id);
            var reversal = original.Reverse("误记", await ProposalData.UserIdAsync(App, "manager1"), DateTimeOffset.UtcNow, TestData.Today);
            reversal.Approve(await ProposalData.UserIdAsync(App, "manager2"), DateTimeOffset.UtcNow);
            db.DisciplineRecords.Add(reversal);
            await db.SaveChangesAsync();
        }

        using var tech1 = await Client().SignedInAsync("tech1");
        using var refused = await tech1.PostFormAsync("/Discipline/Me", [new("id", V(record.Id)), new("version", V(record.Version)), new("reason", "不是我")], "/Discipline/Me?handler=Appeal");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("已被冲销", (await AppClient.ParseAsync(refused)).QuerySelector($"[data-testid=appeal-error-{record.Id}]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Approved, (await ProposalData.ReloadAsync(App, record.Id)).Status);
    }
}
