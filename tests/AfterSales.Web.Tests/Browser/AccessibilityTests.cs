using System.Globalization;
using System.Net;
using System.Text;
using AfterSales.Domain.Complaints;
using AfterSales.Domain.Quality;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Tests.Quality;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AfterSales.Web.Tests.Browser;

/// <summary>
/// axe-core on every page the app serves, signed in as the roles that use it, in Chinese and English, on a desktop and a
/// phone: no serious or critical violation anywhere. A failure names the page, language, screen, rule and elements.
/// </summary>
public sealed class AccessibilityTests(AppFixture app, ITestOutputHelper output) : AppTest(app)
{
    /// <summary>Pages with nothing of their own to scan, and why.</summary>
    private static readonly Dictionary<string, string> NotScanned = new(StringComparer.Ordinal)
    {
        ["/Culture"] = "only sets the language cookie and redirects back (every scan goes through it)",
        ["/Account/Logout"] = "GET redirects home; signing out is a POST",
        ["/Tallies/Index"] = "redirects to last month's tally, scanned as /Tallies/Month",
        ["/Tallies/Export"] = "a spreadsheet or CSV download, not a page",
        ["/Tickets/Bulk"] = "GET redirects to the ticket list; its per-row results are shown only in answer to a POST",
    };

    /// <summary>
    /// Every scanned page: the Razor page (its view path, as the app's endpoints name it), who opens it (null: nobody signed in;
    /// <see cref="Technician"/>: the technician who owns the work order) and its address, built from the test data.
    /// A page may be listed more than once when another role or state shows other controls.
    /// </summary>
    private static readonly Visit[] Visits =
    [
        new("/Account/Login", null, _ => "/Account/Login"),
        new("/Account/AccessDenied", null, _ => "/Account/AccessDenied"),
        new("/Error", null, _ => "/Error?status=404"),

        new("/Index", "desk1", _ => "/"),
        new("/Index", "dispatch1", _ => "/"),
        new("/Index", Technician, _ => "/"),
        new("/Index", "quality1", _ => "/"),
        new("/Index", "manager1", _ => "/"),
        new("/Index", "admin1", _ => "/"),
        new("/Account/ChangePassword", "desk1", _ => "/Account/ChangePassword"),

        new("/Tickets/Index", "desk1", _ => "/Tickets"),
        new("/Tickets/Index", "desk1", _ => "/Tickets?q=" + Uri.EscapeDataString("方女士")),
        new("/Tickets/New", "desk1", _ => "/Tickets/New"),
        new("/Tickets/Views", "dispatch1", _ => "/Tickets/Views"),
        new("/Tickets/Export", "desk1", _ => "/Tickets/Export"),
        new("/Tickets/Details", "desk1", d => "/Tickets/" + d.QuoteTicketNumber),
        new("/Tickets/Details", "dispatch1", d => "/Tickets/" + d.WorkOrderTicketNumber),
        new("/Tickets/Details", "quality1", d => "/Tickets/" + d.ComplaintTicketNumber),
        new("/Customers/Details", "desk1", d => "/Customers/" + d.CustomerId),
        new("/Units/Details", "desk1", d => "/Units/" + d.UnitId),

        new("/Dispatch/Index", "dispatch1", _ => "/Dispatch"),
        new("/Dispatch/Assign", "dispatch1", d => "/Dispatch/Assign/" + d.DispatchTicketId),
        new("/Dispatch/Bulk", "dispatch1", d => "/Dispatch/Bulk?ids=" + d.DispatchTicketId),
        new("/Dispatch/WorkOrder", "dispatch1", d => "/Dispatch/WorkOrder/" + d.WorkOrderId),

        new("/WorkOrders/Index", Technician, _ => "/WorkOrders"),
        new("/WorkOrders/Details", Technician, d => "/WorkOrders/" + d.WorkOrderId),
        new("/WorkOrders/Details", "desk1", d => "/WorkOrders/" + d.CompletedWorkOrderId),
        new("/WorkOrders/Print", "desk1", d => "/WorkOrders/" + d.CompletedWorkOrderId + "/Print"),
        new("/WorkOrders/Daily", "desk1", _ => "/WorkOrders/Daily"),

        new("/FollowUps/Index", "desk1", _ => "/FollowUps?due=all"),
        new("/FollowUps/Call", "desk1", d => "/FollowUps/" + d.FollowUpId),
        new("/FollowUps/Weekly", "desk1", _ => "/FollowUps/Weekly"),

        new("/Quality/Complaints", "quality1", _ => "/Quality/Complaints"),
        new("/Quality/Complaints", "desk1", _ => "/Quality/Complaints"),
        new("/Quality/Reports/Index", "quality1", _ => "/Quality/Reports"),
        new("/Quality/Reports/New", "quality1", d => "/Quality/Reports/New?ids=" + d.ComplaintId),
        new("/Quality/Reports/Details", "quality1", d => "/Quality/Reports/" + d.QualityReportId),
        new("/Quality/Summary", "quality1", _ => "/Quality/Summary"),
        new("/Quality/Summary", "manager1", _ => "/Quality/Summary?print=true"),

        new("/Exchanges/Index", "desk1", _ => "/Exchanges"),
        new("/Exchanges/New", "desk1", d => "/Exchanges/New?ticket=" + d.ExchangeTicketNumber),
        new("/Exchanges/Details", "manager2", d => "/Exchanges/" + d.ExchangeId),

        new("/Tallies/Month", "manager1", d => "/Tallies/" + d.TallyMonth),
        new("/Tallies/Month", Technician, d => "/Tallies/" + d.TallyMonth),
        new("/Tallies/Month", "manager1", d => "/Tallies/" + d.TallyMonth + "?print=1"),

        new("/Discipline/Records", "manager1", _ => "/Discipline/Records"),
        new("/Discipline/Me", Technician, _ => "/Discipline/Me"),
        new("/Discipline/Rules", "admin1", d => "/Discipline/Rules?edit=" + d.RuleId),
        new("/Discipline/Rules", Technician, _ => "/Discipline/Rules"),

        new("/Technicians/Index", "dispatch1", _ => "/Technicians"),
        new("/Technicians/Edit", "admin1", d => "/Technicians/Edit/" + d.TechnicianId),
        new("/Admin/Users/Index", "admin1", _ => "/Admin/Users"),
        new("/Admin/Users/Edit", "admin1", d => "/Admin/Users/Edit/" + d.TechnicianId),
        new("/Admin/Calendar/Index", "admin1", _ => "/Admin/Calendar"),
        new("/Admin/Products/Index", "admin1", _ => "/Admin/Products"),
        new("/Admin/Products/Category", "admin1", d => "/Admin/Products/Category/" + d.CategoryId),
        new("/Admin/Products/Model", "admin1", d => "/Admin/Products/Model/" + d.ModelId),
    ];

    private const string Technician = "(technician)";

    /// <summary>The work order's A4 print is the Chinese paper form whatever the screen language, and says so in its lang.</summary>
    private static readonly HashSet<string> ChineseOnly = ["/WorkOrders/Print"];

    public static TheoryData<string, int, int> Combinations => new()
    {
        { "zh-CN", 1280, 800 },
        { "en", 1280, 800 },
        { "zh-CN", 390, 844 },
        { "en", 390, 844 },
    };

    [Fact]
    public void Every_page_of_the_app_is_scanned_or_says_why_not()
    {
        var pages = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath)
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.Contains("/Tickets/Details", pages);
        var covered = Visits.Select(v => v.Page).Concat(NotScanned.Keys).ToHashSet(StringComparer.Ordinal);
        var forgotten = pages.Where(p => !covered.Contains(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(forgotten.Count == 0, "Pages missing from AccessibilityTests.Visits (add a visit, or a reason to NotScanned): " + string.Join(", ", forgotten));
        var gone = covered.Where(p => !pages.Contains(p)).ToList();
        Assert.True(gone.Count == 0, "AccessibilityTests lists pages the app no longer has: " + string.Join(", ", gone));
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_page_has_no_serious_or_critical_axe_violation(string culture, int width, int height)
    {
        var started = DateTime.UtcNow;
        var data = await DataAsync();
        output.WriteLine($"test data: {(DateTime.UtcNow - started).TotalSeconds:0.0}s");
        var timings = new List<(string Url, double Seconds)>();
        var viewport = $"{width}x{height}";
        var problems = new List<string>();
        var browser = await Infrastructure.Browser.SharedAsync();

        // Two signed-in people at a time: the browser and the server each get a core while the other works.
        var groups = Visits.GroupBy(v => v.User == Technician ? data.TechnicianUserName : v.User).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (group, _) =>
        {
            var found = await ScanAsync(browser, group.Key, group.ToList(), data, culture, width, height);
            lock (problems)
            {
                problems.AddRange(found.Problems);
                timings.AddRange(found.Timings);
            }
        });

        problems.Sort(StringComparer.Ordinal);
        output.WriteLine("slowest: " + string.Join(", ", timings.OrderByDescending(t => t.Seconds).Take(6).Select(t => $"{t.Url} {t.Seconds:0.0}s")));
        output.WriteLine($"{Visits.Length} scans in {culture} at {viewport}: {(DateTime.UtcNow - started).TotalSeconds:0}s, {problems.Count} problems");
        if (problems.Count > 0)
        {
            Directory.CreateDirectory(Infrastructure.Browser.ScreenshotFolder);
            await File.WriteAllTextAsync(Path.Combine(Infrastructure.Browser.ScreenshotFolder, $"axe-{culture}-{viewport}.txt"), string.Join("\n", problems), Encoding.UTF8);
        }

        Assert.True(problems.Count == 0, $"{problems.Count} serious or critical accessibility problems:\n" + string.Join("\n", problems));
    }

    private async Task<(List<string> Problems, List<(string Url, double Seconds)> Timings)> ScanAsync(
        IBrowser browser, string? user, List<Visit> visits, PageData data, string culture, int width, int height)
    {
        var problems = new List<string>();
        var timings = new List<(string Url, double Seconds)>();
        var who = $"{culture} {width}x{height} {user ?? "anonymous"}";
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = culture,
            IsMobile = width < 600,
            HasTouch = width < 600,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();

        // The language as a person picks it: the switch in the navbar, which sets the culture cookie.
        await page.GotoAsync("/Culture?c=" + culture + "&returnUrl=%2FAccount%2FLogin");
        if (user is not null)
        {
            await Infrastructure.Browser.LoginAsync(page, user);
        }

        foreach (var visit in visits)
        {
            var url = visit.Url(data);
            var started = DateTime.UtcNow;
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var status = response?.Status ?? 0;
            var expected = visit.Page switch { "/Account/AccessDenied" => HttpStatusCode.Forbidden, "/Error" => HttpStatusCode.NotFound, _ => HttpStatusCode.OK };
            if (status != (int)expected)
            {
                problems.Add($"{url} [{who}]: answered {status}, expected {(int)expected}");
                continue;
            }

            var lang = await page.EvaluateAsync<string>("document.documentElement.lang");
            var expectedLang = ChineseOnly.Contains(visit.Page) ? "zh-CN" : culture;
            if (lang != expectedLang)
            {
                problems.Add($"{url} [{who}]: <html lang> is {lang}, expected {expectedLang}");
            }

            var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                var targets = violation.Nodes.Take(8).Select(n => $"{n.Target} {Shorten(n.Html)}");
                problems.Add($"{url} [{who}] {violation.Id} ({violation.Impact}): {violation.Help}\n      " + string.Join("\n      ", targets)
                    + (violation.Nodes.Length > 8 ? $"\n      … {violation.Nodes.Length - 8} more" : ""));
            }

            timings.Add((url, (DateTime.UtcNow - started).TotalSeconds));
        }

        return (problems, timings);
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    /// <summary>A small demo company plus one of each thing the detail pages show.</summary>
    private async Task<PageData> DataAsync()
    {
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(new SeedOptions(Customers: 30, Tickets: 120, Staff: false, RandomSeed: 20261129, Records: 30, PublishMonths: 1), CancellationToken.None);
        }

        await using var db = App.NewDbContext();
        var (quoteCustomer, quoteUnit) = await TestData.CustomerWithUnitAsync(db, "方女士", "13800001111", "KF1901-0001", TestData.Today.AddYears(-4));
        var quoteTicket = await TestData.TicketAsync(db, quoteCustomer, quoteUnit, "空调不制冷，外机异响");
        var (dispatchCustomer, dispatchUnit) = await TestData.CustomerWithUnitAsync(db, "陆先生", "13800002222", "KF2509-0002", TestData.Today.AddMonths(-2));
        var dispatchTicket = await TestData.TicketAsync(db, dispatchCustomer, dispatchUnit, "遥控器失灵");
        var (exchangeCustomer, exchangeUnit) = await TestData.CustomerWithUnitAsync(db, "钱先生", "13800003333", "KF2509-0003", TestData.Today.AddMonths(-3));
        var exchangeTicket = await TestData.TicketAsync(db, exchangeCustomer, exchangeUnit, "同一故障三次维修未修复", TicketKind.Exchange);
        var exchangeTicket2 = await TestData.TicketAsync(db, exchangeCustomer, exchangeUnit, "压缩机三次维修仍异响", TicketKind.Exchange);

        using (var desk = await Client().SignedInAsync("desk1"))
        {
            using var requested = await desk.PostFormAsync($"/Exchanges/New?ticket={exchangeTicket2.Number}", [new("Input.Reason", "压缩机三次维修仍异响"), new("Input.Evidence", "三张维修单")]);
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        }

        var (complaint, complaintTicket) = await QualityData.ComplaintAsync(App, "KF2301-0041", "13800004444");
        var (reported, _) = await QualityData.ComplaintAsync(App, "KF2301-0042", "13800005555");
        var owner = await db.Users.Where(u => u.UserName == "quality1").Select(u => u.Id).SingleAsync();
        var tracked = await db.Complaints.Where(c => c.Id == reported.Id).ToListAsync();
        var report = QualityReport.Raise(tracked, "不制冷", Severity.Major, "同批次", "KF2301", owner, TestData.Today.AddDays(10), "quality1", DateTimeOffset.UtcNow, TestData.Today);
        db.QualityReports.Add(report);
        await db.SaveChangesAsync();
        tracked[0].LinkReport(report.Id);
        await db.SaveChangesAsync();

        // The richest work order the seed made: on site or diagnosed shows the technician's forms.
        var open = new[] { WorkOrderStatus.Diagnosed, WorkOrderStatus.OnSite, WorkOrderStatus.Accepted, WorkOrderStatus.Assigned };
        var workOrders = await db.WorkOrders.AsNoTracking().Select(w => new { w.Id, w.TicketId, w.TechnicianId, w.Status }).ToListAsync();
        var workOrder = workOrders.Where(w => open.Contains(w.Status)).OrderBy(w => Array.IndexOf(open, w.Status)).ThenBy(w => w.Id).First();
        var completed = workOrders.Where(w => w.Status == WorkOrderStatus.Completed).OrderBy(w => w.Id).First();
        var technicianUserName = await db.Users.Where(u => u.Id == workOrder.TechnicianId).Select(u => u.UserName!).SingleAsync();
        var workOrderTicket = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == workOrder.TicketId);
        var followUp = await db.FollowUps.AsNoTracking().OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var category = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var model = await db.ProductModels.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var rule = await db.DisciplineRules.AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var exchange = await db.ExchangeRequests.AsNoTracking().Select(e => e.Id).SingleAsync();
        var tallyMonth = TestData.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        return new PageData(
            QuoteTicketNumber: quoteTicket.Number,
            CustomerId: quoteCustomer.Id,
            UnitId: quoteUnit.Id,
            WorkOrderTicketNumber: workOrderTicket.Number,
            ComplaintTicketNumber: complaintTicket.Number,
            DispatchTicketId: dispatchTicket.Id,
            WorkOrderId: workOrder.Id,
            CompletedWorkOrderId: completed.Id,
            TechnicianUserName: technicianUserName,
            TechnicianId: workOrder.TechnicianId,
            FollowUpId: followUp,
            ComplaintId: complaint.Id,
            QualityReportId: report.Id,
            ExchangeTicketNumber: exchangeTicket.Number,
            ExchangeId: exchange,
            TallyMonth: tallyMonth,
            RuleId: rule,
            CategoryId: category,
            ModelId: model);
    }

    private sealed record Visit(string Page, string? User, Func<PageData, string> Url);

    private sealed record PageData(
        string QuoteTicketNumber,
        long CustomerId,
        long UnitId,
        string WorkOrderTicketNumber,
        string ComplaintTicketNumber,
        long DispatchTicketId,
        long WorkOrderId,
        long CompletedWorkOrderId,
        string TechnicianUserName,
        string TechnicianId,
        long FollowUpId,
        long ComplaintId,
        long QualityReportId,
        string ExchangeTicketNumber,
        long ExchangeId,
        string TallyMonth,
        long RuleId,
        long CategoryId,
        long ModelId);
}
