using System.Globalization;
using System.Net;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Discipline;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Quality;

public sealed class ComplaintLedgerTests(AppFixture app) : AppTest(app)
{
    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("tech1", "/Quality/Complaints")]
    [InlineData("dispatch1", "/Quality/Complaints")]
    [InlineData("admin1", "/Quality/Complaints")]
    [InlineData("desk1", "/Quality/Reports")]
    [InlineData("desk1", "/Quality/Reports/New")]
    [InlineData("desk1", "/Quality/Summary")]
    [InlineData("tech1", "/Quality/Summary")]
    public async Task Roles_outside_quality_are_denied(string user, string url)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("desk1", "/Quality/Complaints")]
    [InlineData("quality1", "/Quality/Complaints")]
    [InlineData("manager1", "/Quality/Complaints")]
    [InlineData("quality1", "/Quality/Reports")]
    [InlineData("quality1", "/Quality/Summary")]
    [InlineData("manager1", "/Quality/Summary")]
    public async Task Quality_desk_and_managers_open_their_pages(string user, string url)
    {
        using var client = await Client().SignedInAsync(user);
        await client.GetDocumentAsync(url);
    }

    [Fact]
    public async Task Desk_sees_the_ledger_but_may_not_classify()
    {
        var (complaint, _) = await QualityData.ComplaintAsync(App, "KF2301-0001", "13900000001");
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Quality/Complaints");
        Assert.Single(page.QuerySelectorAll("[data-testid=complaint-row]"));
        Assert.Null(page.QuerySelector($"[data-testid=classify-{complaint.Id}]"));
        Assert.Null(page.QuerySelector($"[data-testid=select-{complaint.Id}]"));
        using var response = await desk.PostFormAsync("/Quality/Complaints", [new("Step.Id", S(complaint.Id)), new("Step.Version", complaint.Version.ToString(CultureInfo.InvariantCulture)), new("Step.Class", "NewProblem")], "/Quality/Complaints?handler=Classify");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Null((await QualityData.ReloadAsync(App, complaint.Id)).Class);
    }

    [Fact]
    public async Task A_complaint_logged_at_intake_enters_the_ledger_with_its_fault_category()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/Tickets/New");
        var key = page.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value;
        await using var db = App.NewDbContext();
        var model = await TestData.ModelAsync(db);
        using var response = await desk.PostFormAsync("/Tickets/New", new Dictionary<string, string>
        {
            ["Input.IntakeKey"] = key,
            ["Input.Phone"] = "13900000011",
            ["Input.CustomerName"] = "周先生",
            ["Input.CustomerKind"] = "Person",
            ["Input.ProductModelId"] = S(model.Id),
            ["Input.SerialNumber"] = "KF2301-0011",
            ["Input.Channel"] = "Visit",
            ["Input.Kind"] = "Complaint",
            ["Input.FaultDescription"] = "修了两次还是不制冷，要求换机",
            ["Input.FaultCategory"] = "不制冷",
            ["Input.Urgency"] = "High",
            ["Input.ServiceMode"] = "OnSite",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var complaint = await db.Complaints.AsNoTracking().SingleAsync();
        var ticket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == complaint.TicketId);
        Assert.Equal(TicketKind.Complaint, ticket.Kind);
        Assert.Equal((ComplaintSource.Intake, ContactChannel.Visit, "不制冷", ComplaintStage.Recorded), (complaint.Source, complaint.Channel, complaint.FaultCategory, complaint.Stage));
        Assert.Equal(await db.Users.Where(u => u.UserName == "desk1").Select(u => u.Id).SingleAsync(), complaint.HandlerId);

        var ledger = await desk.GetDocumentAsync("/Quality/Complaints");
        var row = ledger.QuerySelector("[data-testid=complaint-row]")!;
        Assert.Equal(ticket.Number, row.GetAttribute("data-ticket"));
        Assert.Equal("NewProblem", row.GetAttribute("data-proposed"));
    }

    [Fact]
    public async Task The_desk_walks_a_complaint_through_its_handling_steps_and_reports_it_up()
    {
        var (complaint, _) = await QualityData.ComplaintAsync(App, "KF2301-0021", "13900000021");
        using var desk = await Client().SignedInAsync("desk1");

        async Task<HttpResponseMessage> StepAsync(string handler, params (string Key, string Value)[] fields)
        {
            // The ledger as the desk sees it (loading it may store fresh proposals), then the row's version as shown.
            var page = await desk.GetDocumentAsync("/Quality/Complaints");
            var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            var current = await QualityData.ReloadAsync(App, complaint.Id);
            var all = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
                .Append(new("Step.Id", S(complaint.Id))).Append(new("Step.Version", current.Version.ToString(CultureInfo.InvariantCulture))).Append(new("__RequestVerificationToken", token));
            return await desk.PostAsync("/Quality/Complaints?handler=" + handler, all);
        }

        await using var db = App.NewDbContext();
        var manager = await db.Users.Where(u => u.UserName == "manager1").Select(u => u.Id).SingleAsync();
        using (var r = await StepAsync("ReportUp", ("Step.To", manager)))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await StepAsync("Inform"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await StepAsync("Propose", ("Step.Text", "上门检测并更换压缩机")))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await StepAsync("Agree", ("Step.PersonSent", "true")))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await StepAsync("Resolve", ("Step.Text", "已更换压缩机，客户满意")))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        var done = await QualityData.ReloadAsync(App, complaint.Id);
        Assert.Equal(ComplaintStage.Resolved, done.Stage);
        Assert.True(done.PersonSent);
        Assert.Equal(manager, done.ReportedUpTo);
        Assert.Equal("已更换压缩机，客户满意", done.Result);

        // A step out of order is refused by the domain, beside the row, nothing saved.
        using var refused = await StepAsync("Inform");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.Contains("当前阶段不能执行", page.QuerySelector("[data-testid=step-error]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Propose", "Step.Text", "", "请填写内容")]
    [InlineData("Propose", "Step.Text", null, "2000")]
    [InlineData("ReportUp", "Step.To", "", "请选择上报的经理")]
    [InlineData("ReportUp", "Step.To", "not-a-manager", "请选择上报的经理")]
    public async Task Bad_step_input_is_refused_beside_the_field_and_kept(string handler, string field, string? value, string message)
    {
        var (complaint, _) = await QualityData.ComplaintAsync(App, "KF2301-0031", "13900000031");
        await using (var db = App.NewDbContext())
        {
            var c = await db.Complaints.SingleAsync();
            c.InformQuality(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var current = await QualityData.ReloadAsync(App, complaint.Id);
        using var desk = await Client().SignedInAsync("desk1");
        var text = value ?? new string('长', 2001);
        using var response = await desk.PostFormAsync("/Quality/Complaints", [new("Step.Id", S(complaint.Id)), new("Step.Version", current.Version.ToString(CultureInfo.InvariantCulture)), new(field, text)], "/Quality/Complaints?handler=" + handler);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-testid=step-error-{(field == "Step.To" ? "to" : "text")}]")!.TextContent, StringComparison.Ordinal);
        if (handler == "Propose" && value is null)
        {
            Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>($"#solution-{complaint.Id}")!.Value);
        }

        var after = await QualityData.ReloadAsync(App, complaint.Id);
        Assert.Equal((ComplaintStage.QualityInformed, null, null), (after.Stage, after.Solution, after.ReportedUpTo));
    }

    [Fact]
    public async Task Three_complaints_about_one_model_and_fault_within_a_week_propose_a_batch_and_become_one_report_closed_by_a_corrective_action()
    {
        var (first, firstTicket) = await QualityData.ComplaintAsync(App, "KF2301-0041", "13900000041", at: DateTimeOffset.UtcNow.AddDays(-4));
        var (second, _) = await QualityData.ComplaintAsync(App, "KF2301-0042", "13900000042", at: DateTimeOffset.UtcNow.AddDays(-2));
        var (third, _) = await QualityData.ComplaintAsync(App, "KF2301-0043", "13900000043");
        await QualityData.ComplaintAsync(App, "KF2301-0044", "13900000044", fault: "漏水", at: DateTimeOffset.UtcNow.AddDays(-1));

        using var quality = await Client().SignedInAsync("quality1");
        var ledger = await quality.GetDocumentAsync("/Quality/Complaints?unclassified=true");
        var thirdRow = ledger.QuerySelector($"[data-testid=complaint-row][data-id='{third.Id}']")!;
        Assert.Equal("BatchProblem", thirdRow.GetAttribute("data-proposed"));
        var evidence = thirdRow.QuerySelector("[data-testid=evidence]")!.TextContent;
        Assert.Contains("3 起投诉", evidence, StringComparison.Ordinal);
        Assert.Contains(firstTicket.Number, evidence, StringComparison.Ordinal);
        Assert.Equal(QualityClass.BatchProblem, (await QualityData.ReloadAsync(App, third.Id)).ProposedClass);
        Assert.Equal(QualityClass.NewProblem, (await QualityData.ReloadAsync(App, first.Id)).ProposedClass);

        // The specialist confirms the proposal.
        var version = (await QualityData.ReloadAsync(App, third.Id)).Version;
        using (var classify = await quality.PostFormAsync("/Quality/Complaints", [new("Step.Id", S(third.Id)), new("Step.Version", version.ToString(CultureInfo.InvariantCulture)), new("Step.Class", "BatchProblem")], "/Quality/Complaints?handler=Classify"))
        {
            Assert.Equal(HttpStatusCode.Redirect, classify.StatusCode);
        }

        var classified = await QualityData.ReloadAsync(App, third.Id);
        Assert.Equal((QualityClass.BatchProblem, "quality1"), (classified.Class, classified.ClassifiedBy));

        // One click from the selection: the form comes prefilled.
        var ids = $"ids={first.Id}&ids={second.Id}&ids={third.Id}";
        var form = await quality.GetDocumentAsync("/Quality/Reports/New?" + ids);
        Assert.Equal("3", form.QuerySelector("[data-testid=report-cases]")!.TextContent.Trim());
        Assert.Equal("不制冷", form.QuerySelector<IHtmlInputElement>("#Input_Fault")!.Value);
        Assert.Equal("KF2301-0041 ~ KF2301-0043", form.QuerySelector<IHtmlInputElement>("#Input_BatchOrSerialRange")!.Value);
        var owner = form.QuerySelector<IHtmlSelectElement>("#Input_OwnerId")!.Value;
        Assert.False(string.IsNullOrEmpty(owner));

        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.ComplaintIds", S(first.Id)), new("Input.ComplaintIds", S(second.Id)), new("Input.ComplaintIds", S(third.Id)),
            new("Input.Fault", "不制冷"), new("Input.Severity", "Critical"), new("Input.BatchOrSerialRange", "KF2301"),
            new("Input.OwnerId", owner), new("Input.DueOn", TestData.Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Input.Evidence", "同批次 3 起"),
        };
        using var raised = await quality.PostFormAsync("/Quality/Reports/New?" + ids, fields);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        await using var db = App.NewDbContext();
        var report = await db.QualityReports.AsNoTracking().SingleAsync();
        Assert.Equal((QualityClass.BatchProblem, 3, QualityReportStatus.Open), (report.Class, report.Cases, report.Status));
        Assert.All(await db.Complaints.AsNoTracking().Where(c => c.Id != first.Id && c.Id != second.Id && c.Id != third.Id).ToListAsync(), c => Assert.Null(c.QualityReportId));

        // A second report from the same complaints is refused.
        using (var twice = await quality.PostFormAsync("/Quality/Complaints", fields, "/Quality/Reports/New"))
        {
            Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
            Assert.Contains("已有投诉属于", (await AppClient.ParseAsync(twice)).QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        }

        ledger = await quality.GetDocumentAsync("/Quality/Complaints");
        Assert.Equal("Open", ledger.QuerySelector($"[data-testid=complaint-row][data-id='{first.Id}']")!.GetAttribute("data-report-status"));

        // Root cause and corrective action, verification, effective: closed.
        var url = $"/Quality/Reports/{report.Id}";
        async Task<HttpResponseMessage> ReportStepAsync(string handler, params (string, string)[] more)
        {
            var v = (await App.NewDbContext().QualityReports.AsNoTracking().SingleAsync()).Version;
            return await quality.PostFormAsync(url, more.Select(m => new KeyValuePair<string, string>(m.Item1, m.Item2)).Append(new("Step.Version", v.ToString(CultureInfo.InvariantCulture))), url + "?handler=" + handler);
        }

        using (var bad = await ReportStepAsync("Act", ("Step.RootCause", ""), ("Step.CorrectiveAction", "更换供应商")))
        {
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            var page = await AppClient.ParseAsync(bad);
            Assert.Equal("更换供应商", page.QuerySelector<IHtmlTextAreaElement>("#corrective-action")!.Value);
        }

        using (var r = await ReportStepAsync("Act", ("Step.RootCause", "压缩机批次焊点虚焊"), ("Step.CorrectiveAction", "更换供应商并全检该批次")))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await ReportStepAsync("StartVerification"))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var r = await ReportStepAsync("Verify", ("Step.Effective", "true"), ("Step.Verification", "两周内无同类投诉")))
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        var details = await quality.GetDocumentAsync(url);
        Assert.Equal("Closed", details.QuerySelector("[data-testid=report-status]")!.GetAttribute("data-status"));
        Assert.Equal(3, details.QuerySelectorAll("[data-testid=report-complaint]").Length);
        ledger = await quality.GetDocumentAsync("/Quality/Complaints");
        foreach (var id in new[] { first.Id, second.Id, third.Id })
        {
            Assert.Equal("Closed", ledger.QuerySelector($"[data-testid=complaint-row][data-id='{id}']")!.GetAttribute("data-report-status"));
        }

        // The summary counts them; its CSV is safe for spreadsheets.
        var summary = await quality.GetDocumentAsync("/Quality/Summary?period=week");
        Assert.Equal("不制冷", summary.QuerySelector("[data-testid=by-fault] tr")!.GetAttribute("data-key"));
        using var csv = await quality.GetAsync("/Quality/Summary?handler=Csv&period=week");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains("不制冷", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_cell_that_looks_like_a_formula_is_escaped()
    {
        await QualityData.ComplaintAsync(App, "KF2301-0051", "13900000051", fault: "=HYPERLINK(\"x\")");
        using var quality = await Client().SignedInAsync("quality1");
        using var csv = await quality.GetAsync("/Quality/Summary?handler=Csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scanner_proposes_a_penalty_once_for_a_complaint_not_reported_up_in_time()
    {
        var (late, lateTicket) = await QualityData.ComplaintAsync(App, "KF2301-0061", "13900000061", at: DateTimeOffset.UtcNow.AddHours(-30));
        var (reported, _) = await QualityData.ComplaintAsync(App, "KF2301-0062", "13900000062", at: DateTimeOffset.UtcNow.AddHours(-30));
        await QualityData.ComplaintAsync(App, "KF2301-0063", "13900000063", at: DateTimeOffset.UtcNow.AddHours(-2));
        await using (var db = App.NewDbContext())
        {
            var c = await db.Complaints.SingleAsync(x => x.Id == reported.Id);
            c.ReportUp("manager", DateTimeOffset.UtcNow.AddHours(-29));
            await db.SaveChangesAsync();
        }

        using var quality = await Client().SignedInAsync("quality1");
        var ledger = await quality.GetDocumentAsync("/Quality/Complaints?overdue=true");
        var rows = ledger.QuerySelectorAll("[data-testid=complaint-row]");
        Assert.Equal(S(late.Id), Assert.Single(rows).GetAttribute("data-id"));
        Assert.NotNull(rows[0].QuerySelector("[data-testid=should-report]"));

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var scanner = ActivatorUtilities.CreateInstance<ProposalScanner>(scope.ServiceProvider);
        await scanner.ScanAsync(TestData.Today);
        await scanner.ScanAsync(TestData.Today);

        await using var check = App.NewDbContext();
        var records = await check.DisciplineRecords.AsNoTracking().Where(r => r.SourceKey!.StartsWith("complaint-not-reported:")).ToListAsync();
        var record = Assert.Single(records);
        Assert.Equal($"complaint-not-reported:{late.Id}", record.SourceKey);
        Assert.Equal(late.HandlerId, record.EmployeeId);
        Assert.Equal(RecordStatus.Proposed, record.Status);
        Assert.Contains(lateTicket.Number, Localizers.In("zh-CN", l => l.Show(record.Evidence)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposals_are_worked_out_when_complaints_are_recorded_and_reading_the_ledger_writes_nothing()
    {
        await QualityData.ComplaintAsync(App, "KF2301-0051", "13900000051", at: DateTimeOffset.UtcNow.AddDays(-3));
        await QualityData.ComplaintAsync(App, "KF2301-0052", "13900000052", at: DateTimeOffset.UtcNow.AddDays(-1));
        var (third, _) = await QualityData.ComplaintAsync(App, "KF2301-0053", "13900000053");

        // Recorded: the third already carries its proposal, nobody has opened the ledger yet.
        Assert.Equal(QualityClass.BatchProblem, (await QualityData.ReloadAsync(App, third.Id)).ProposedClass);

        // One loaded in bulk without a proposal: the ledger shows one, and still writes nothing.
        await using (var db = App.NewDbContext())
        {
            await db.Database.ExecuteSqlAsync($"update complaints set proposed_class = null, proposal_evidence = null where id = {third.Id}");
        }

        async Task<(long Audits, uint Version)> StateAsync()
        {
            await using var db = App.NewDbContext();
            return (await db.AuditEntries.LongCountAsync(), (await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == third.Id)).Version);
        }

        var before = await StateAsync();
        using var quality = await Client().SignedInAsync("quality1");
        var ledger = await quality.GetDocumentAsync("/Quality/Complaints?unclassified=true");
        Assert.Equal("BatchProblem", ledger.QuerySelector($"[data-testid=complaint-row][data-id='{third.Id}']")!.GetAttribute("data-proposed"));
        Assert.Equal(before, await StateAsync());
        Assert.Null((await QualityData.ReloadAsync(App, third.Id)).ProposedClass);

        // The daily scan fills in what is missing.
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Web.Infrastructure.Settings.QualityOptions>>().Value.Classification;
            var filled = await Web.Infrastructure.Quality.ComplaintLedger.ProposeMissingAsync(
                scope.ServiceProvider.GetRequiredService<Web.Data.AfterSalesDbContext>(), settings, scope.ServiceProvider.GetRequiredService<Web.Infrastructure.CompanyClock>(), CancellationToken.None);
            Assert.Equal(1, filled);
        }

        var after = await QualityData.ReloadAsync(App, third.Id);
        Assert.Equal(QualityClass.BatchProblem, after.ProposedClass);
        Assert.Contains("3 起投诉", Localizers.In("zh-CN", l => l.Show(after.ProposalEvidence)), StringComparison.Ordinal);
    }
}
