using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AfterSales.Domain;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Discipline;
using AfterSales.Domain.Tallies;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Auditing;
using AfterSales.Web.Pages.Tallies;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.Quality;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Every word the domain says reaches the reader in their language: codes have both translations, and pages show them translated.</summary>
public sealed partial class DomainMessageCatalogTests
{
    /// <summary>
    /// The codes the domain (and the application's own refusals) can emit: the first argument of every
    /// <c>new DomainException(…)</c>, tally <c>Require(…)</c>, ladder alert and warranty reason in the source; the constants of
    /// <see cref="WarrantyCodes"/>; and the central list of composed messages, <see cref="MessageCodes.All"/>.
    /// </summary>
    private static IEnumerable<string> DomainCodes()
    {
        var root = Localizers.DomainSource();
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "..", "AfterSales.Web"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .Select(File.ReadAllText);
        var found = sources.SelectMany(s => EmittedCode().Matches(s).Select(m => m.Groups["code"].Value));
        var warranty = typeof(WarrantyCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);
        return found.Concat(warranty).Concat(MessageCodes.All).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Skip reasons of the rotation are translated under their own prefix.</summary>
    private static string KeyOf(string code) => code.StartsWith("rotation.", StringComparison.Ordinal) && code != "rotation.skill_required" && code != "rotation.duplicate_position"
        ? "Dispatch.Skip." + code
        : "Domain." + code;

    [GeneratedRegex("""(?:new\s+DomainException|Require|Skip|new\s+LadderAlert|new\s+WarrantyReason|Reason)\(\s*(?:[A-Za-z_.]+,\s*)?"(?<code>[a-z][a-z0-9_]*\.[a-z0-9_.]+)"|\(\s*"(?<code>ladder\.[a-z_]+)",\s*MessageCodes|DomainException\s+\w+\([^)]*\)\s*=>\s*new\(\s*"(?<code>[a-z][a-z0-9_]*\.[a-z0-9_.]+)\x22""")]
    private static partial Regex EmittedCode();

    [Fact]
    public void Every_code_the_domain_can_emit_has_a_Chinese_and_an_English_text()
    {
        var codes = DomainCodes().ToList();
        Assert.True(codes.Count > 150, $"only {codes.Count} codes found: the scan of the source is broken");
        Assert.Contains("ticket.illegal_transition", codes);
        Assert.Contains("rotation.no_skill", codes);
        Assert.Contains(MessageCodes.LadderStanding, codes);

        var zh = Localizers.KeysOf("SharedResource.resx");
        var en = Localizers.KeysOf("SharedResource.en.resx");
        var missing = codes.Select(KeyOf).Where(k => !zh.Contains(k) || !en.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "untranslated: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_stored_message_is_translated_when_shown_and_free_text_is_shown_as_typed()
    {
        var message = DomainMessage.Of(MessageCodes.ProposalOverdue, "Repair overdue …", 17L, "SR-20261129-0001", new DateOnly(2026, 11, 20), 3);
        var stored = MessageText.Encode(message);
        Assert.Equal("维修超期：工单 #17（服务单 SR-20261129-0001）截止 2026-11-20，已超 3 个工作日", Localizers.In("zh-CN", l => l.Show(stored)));
        Assert.Equal("Repair overdue: work order #17 (ticket SR-20261129-0001) was due 2026-11-20, 3 working day(s) late", Localizers.In("en", l => l.Show(stored)));
        Assert.Equal("工单 WO-1 无维修记录", Localizers.In("en", l => l.Show("工单 WO-1 无维修记录")));
        Assert.Equal("{\"code\": broken", Localizers.In("zh-CN", l => l.Show("{\"code\": broken")));
    }

    [Fact]
    public void Complaint_class_evidence_reads_in_either_language()
    {
        var day = new DateOnly(2026, 11, 27);
        ComplaintFact Fact(long id, int daysBefore) => new(id, 7, "E1", "KF2301", day.AddDays(-daysBefore), false);
        var batch = ClassificationAdvisor.Propose(Fact(9, 0), [Fact(1, 1), Fact(2, 2)], new ClassificationSettings());
        var recurring = ClassificationAdvisor.Propose(Fact(9, 0), [Fact(1, 30)], new ClassificationSettings());
        Assert.Equal("批量：同一型号、故障「E1」在 7 天内共 3 起投诉（阈值 3）", Localizers.In("zh-CN", l => l.Render(batch.Evidence)));
        Assert.Equal("重复：同一型号、故障「E1」在 90 天内已出现 1 次，最近一次 2026-10-28", Localizers.In("zh-CN", l => l.Render(recurring.Evidence)));
        Assert.Equal("Batch: 3 complaints about this model with fault 'E1' within 7 days (threshold 3)", Localizers.In("en", l => l.Render(batch.Evidence)));
        var possible = ClassificationAdvisor.Propose(Fact(9, 0) with { Batch = null }, [Fact(1, 1), Fact(2, 2)], new ClassificationSettings());
        Assert.Equal("可能批量（批次不明）：同一型号、故障「E1」在 7 天内共 3 起投诉（阈值 3），其中 1 起没有批次号", Localizers.In("zh-CN", l => l.Render(possible.Evidence)));
        Assert.Equal("Possible batch (batch unknown): 3 complaints about this model with fault 'E1' within 7 days (threshold 3), 1 without a batch number", Localizers.In("en", l => l.Render(possible.Evidence)));
    }

    [Fact]
    public void Holidays_read_by_their_festival_in_either_language()
    {
        var springFestival = new CalendarDay(new DateOnly(2026, 2, 16), CalendarDayKind.Holiday, "春节");
        var legacy = new CalendarDay(new DateOnly(2026, 10, 2), CalendarDayKind.Holiday, "法定节假日");
        var makeUp = new CalendarDay(new DateOnly(2026, 2, 14), CalendarDayKind.MakeUpWorkday, "调休上班");
        var own = new CalendarDay(new DateOnly(2026, 8, 3), CalendarDayKind.Holiday, "公司年假");
        Assert.Equal(["春节", "国庆节", "春节调休", "公司年假"], Localizers.In("zh-CN", l => new[] { springFestival, legacy, makeUp, own }.Select(d => CalendarNames.Display(l, d)).ToArray()));
        Assert.Equal(["Spring Festival", "National Day", "Make-up working day for Spring Festival", "公司年假"], Localizers.In("en", l => new[] { springFestival, legacy, makeUp, own }.Select(d => CalendarNames.Display(l, d)).ToArray()));
        Assert.Equal(Festival.SpringFestival, ChinaPublicHolidays.FestivalOf(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void Audit_values_read_as_money_company_time_yes_no_and_translated_names()
    {
        var clock = new CompanyClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Web.Infrastructure.Settings.CompanyOptions()));
        string Zh(string field, string? value) => Localizers.In("zh-CN", l => AuditValues.Format(l, clock, field, value, new Dictionary<string, string> { ["u-1"] = "王师傅 (tech1)" }));
        Assert.Equal("¥205.00", Zh("QuoteTotal", "205.0"));
        Assert.Equal("2026-11-29 09:30", Zh("ResolvedAt", "2026-11-29T01:30:00+00:00"));
        Assert.Equal("是", Zh("Consented", "true"));
        Assert.Equal("否", Zh("Consented", "false"));
        Assert.Equal("王师傅 (tech1)", Zh("AssignedTechnicianId", "u-1"));
        Assert.Equal("—", Zh("Resolution", null));
        Assert.Equal("Yes", Localizers.In("en", l => AuditValues.Format(l, clock, "Consented", "true")));
        Assert.DoesNotMatch("[A-Za-z]{3,}", Zh("Status", "Assigned"));
    }

    [Fact]
    public void The_trend_opens_on_the_viewers_own_line_or_else_the_top_line()
    {
        static TallyLine Line(string id, int points, decimal cash = 0) => new(id, id, id, "D", "Technician", 0, 0, 120, 0, null, points, 0, 0, cash, 0, []);
        IReadOnlyList<TallyLine> lines = [Line("a", 1), Line("b", 9), Line("c", 9, 50), Line("me", -3)];
        Assert.Equal("me", MonthModel.TrendStart(lines, "me"));
        Assert.Equal("c", MonthModel.TrendStart(lines, "manager"));
        Assert.Null(MonthModel.TrendStart([], "manager"));
    }
}

/// <summary>The pages that show what the domain says, read in Chinese and in English: no English sentence from the domain in Chinese, no Chinese in English.</summary>
public sealed class DomainLanguagePageTests(AppFixture app) : AppTest(app)
{
    private const string EnglishWords = "[A-Za-z]{3,}";
    private const string Chinese = @"\p{IsCJKUnifiedIdeographs}";

    private static async Task<IReadOnlyList<string>> TextsAsync(AppClient client, string url, string selector)
    {
        var page = await client.GetDocumentAsync(url);
        return [.. page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim())];
    }

    private async Task<(string Complaint, string Ticket)> SeedAsync()
    {
        // Three complaints about one model with fault "E1" in a week: the third is proposed as a batch problem.
        var (_, ticket) = await QualityData.ComplaintAsync(App, "KF2301-0901", "13900000901", fault: "E1");
        await QualityData.ComplaintAsync(App, "KF2301-0902", "13900000902", fault: "E1");
        await QualityData.ComplaintAsync(App, "KF2301-0903", "13900000903", fault: "E1");

        // Approved records of tech1 this year whose evidence the scan wrote, and a ladder with offsets and a conversion.
        await using var db = App.NewDbContext();
        var tech = await db.Users.FirstAsync(u => u.UserName == "tech1");
        var manager = await db.Users.FirstAsync(u => u.UserName == "manager1");
        var demerit = await db.DisciplineRules.FirstAsync(r => r.Level == DisciplineLevel.Demerit);
        var merit = await db.DisciplineRules.FirstAsync(r => r.Level == DisciplineLevel.MajorMerit);
        var today = TestData.Today;
        var now = DateTimeOffset.UtcNow;
        DateOnly Day(int n) => new DateOnly(today.Year, 1, 1).AddDays(n) is var d && d <= today ? d : today;
        var evidence = MessageText.Encode(DomainMessage.Of(MessageCodes.ProposalOverdue, "Repair overdue", 41L, ticket.Number, Day(0), 2));
        var records = new[]
        {
            DisciplineRecord.Propose(tech.Id, demerit, Day(0), evidence, [], DisciplineRecord.SystemProposer, now),
            DisciplineRecord.Propose(tech.Id, demerit, Day(1), evidence, [], DisciplineRecord.SystemProposer, now),
            DisciplineRecord.Propose(tech.Id, demerit, Day(40), evidence, [], DisciplineRecord.SystemProposer, now),
            DisciplineRecord.Propose(tech.Id, merit, Day(80), evidence, [], DisciplineRecord.SystemProposer, now),
        };
        foreach (var record in records)
        {
            record.Approve(manager.Id, now);
        }

        db.DisciplineRecords.AddRange(records);
        await db.SaveChangesAsync();
        return ("KF2301-0903", ticket.Number);
    }

    [Fact]
    public async Task A_complaint_from_a_follow_up_call_and_a_travel_line_without_a_note_read_in_the_readers_language()
    {
        // A poor rating on the follow-up call opens a complaint whose description the system wrote.
        var techId = await FollowUps.FollowUpData.UserIdAsync(App, "tech1");
        var (_, _, followUp) = await FollowUps.FollowUpData.CompletedRepairAsync(App, techId);
        using (var desk = await Client().SignedInAsync("desk1"))
        {
            var url = "/FollowUps/" + followUp.Id;
            using var called = await desk.PostFormAsync(
                url,
                [new("Input.Version", FollowUps.FollowUpData.V(followUp.Version)), new("Input.Attitude", "Good"), new("Input.Competence", "Good"), new("Input.Speed", "Poor"), new("Input.Result", "Average"), new("Input.Comment", "")],
                url + "?handler=Reached");
            Assert.Equal(System.Net.HttpStatusCode.Redirect, called.StatusCode);
        }

        // A work order whose travel cost has no note: the line reads as the word for travel.
        long workOrderId;
        await using (var db = App.NewDbContext())
        {
            var complaint = await db.Tickets.AsNoTracking().SingleAsync(t => t.Kind == AfterSales.Domain.Tickets.TicketKind.Complaint);
            Assert.True(MessageText.IsCoded(complaint.FaultDescription), "the complaint's description is stored as Chinese text, not a coded message");
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "赵先生", "13800000777", "KF2001-0777", TestData.Today.AddMonths(-2));
            var ticket = await TestData.TicketAsync(db, customer, unit);
            var now = DateTimeOffset.UtcNow;
            var workOrder = AfterSales.Domain.WorkOrders.WorkOrder.Create(ticket.Id, techId, TestData.Today, AfterSales.Domain.WorkOrders.TimeSlot.Morning, now.AddHours(-5), "dispatch1");
            workOrder.Accept(now.AddHours(-4));
            workOrder.Arrive(now.AddHours(-3), unitComplete: true, null);
            workOrder.Diagnose("电容损坏", humanDamage: false, now.AddHours(-2));
            workOrder.RecordLabour(1m, 80m, 20m, null);
            workOrder.ClearDomainEvents(); // history as built: the ticket stays as it is
            db.WorkOrders.Add(workOrder);
            await db.SaveChangesAsync();
            workOrderId = workOrder.Id;
            Assert.Null(workOrder.TravelNote);
        }

        (string User, string Url, string Selector, string Chinese)[] views =
        [
            ("desk1", "/Tickets?F.Kind=Complaint", "[data-testid=ticket-fault]", "回访不满意：服务态度 良，技术水平 良，维修速度 差，维修结果 中"),
            ("quality1", "/Quality/Complaints", "[data-testid=complaint-summary]", "回访不满意：服务态度 良"),
            ("tech1", "/WorkOrders/" + workOrderId, "[data-testid=travel-note]", "交通"),
        ];
        foreach (var (user, url, selector, chinese) in views)
        {
            using var client = await Client().SignedInAsync(user);
            var zh = await TextsAsync(client, url, selector);
            Assert.True(zh.Count > 0, $"{url}: nothing under {selector}");
            Assert.All(zh, text => Assert.StartsWith(chinese, text, StringComparison.Ordinal));
            Assert.All(zh, text => Assert.DoesNotMatch(EnglishWords, text));

            using var toEnglish = await client.GetAsync("/Culture?c=en&returnUrl=%2F");
            var en = await TextsAsync(client, url, selector);
            Assert.Equal(zh.Count, en.Count);
            Assert.All(en, text => Assert.DoesNotMatch(Chinese, text));
            Assert.All(en, text => Assert.Matches(EnglishWords, text));
        }

        using var english = await Client().SignedInAsync("desk1");
        using (await english.GetAsync("/Culture?c=en&returnUrl=%2F"))
        {
        }

        var complaintNumber = (await english.GetDocumentAsync("/Tickets?F.Kind=Complaint")).QuerySelector("[data-testid=ticket-row]")!.GetAttribute("data-number");
        var fault = (await TextsAsync(english, "/Tickets/" + complaintNumber, "[data-testid=ticket-fault]")).Single();
        Assert.StartsWith("Not satisfied on the follow-up call: attitude good, competence good, speed poor, result average (SR-", fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_with_domain_messages_read_in_Chinese_and_in_English()
    {
        var (_, ticket) = await SeedAsync();
        var year = TestData.Today.Year.ToString(CultureInfo.InvariantCulture);
        (string User, string Url, string Selector)[] views =
        [
            ("quality1", "/Quality/Complaints", "[data-testid=evidence]"),
            ("manager1", "/Discipline/Records?view=all", "[data-testid=evidence]"),
            ("tech1", "/Discipline/Me", "[data-testid=standing-explanation] li"),
            ("desk1", "/Tickets/" + ticket, "[data-testid=warranty-reasons] li"),
            ("admin1", "/Admin/Calendar?year=2026", "[data-testid=calendar-name]"),
        ];

        foreach (var (user, url, selector) in views)
        {
            using var client = await Client().SignedInAsync(user);
            var zh = await TextsAsync(client, url, selector);
            Assert.True(zh.Count > 0, $"{url}: nothing under {selector}");
            Assert.All(zh, text => Assert.DoesNotMatch(EnglishWords, text));

            using var toEnglish = await client.GetAsync("/Culture?c=en&returnUrl=%2F");
            var en = await TextsAsync(client, url, selector);
            Assert.Equal(zh.Count, en.Count);
            Assert.All(en, text => Assert.DoesNotMatch(Chinese, text));
            Assert.All(en, text => Assert.Matches(EnglishWords, text));
        }

        using var quality = await Client().SignedInAsync("quality1");
        var evidence = await TextsAsync(quality, "/Quality/Complaints", "[data-testid=evidence]");
        Assert.Contains(evidence, e => e.StartsWith("批量：同一型号（批次 KF2301）、故障「E1」在 7 天内共 3 起投诉（阈值 3）；相关：SR-", StringComparison.Ordinal));
        using var tech = await Client().SignedInAsync("tech1");
        var lines = await TextsAsync(tech, "/Discipline/Me", "[data-testid=standing-explanation] li");
        Assert.Contains(lines, l => l.Contains("→ 折合 1 次记大过", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(year + " 年度结果：", StringComparison.Ordinal));
    }
}
