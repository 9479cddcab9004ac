using System.Net;
using AfterSales.Web.Tests.Foundation;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Catalog;

public sealed class UnitPageTests(AppFixture app) : AppTest(app)
{
    private static KeyValuePair<string, string>[] Purchase(string version, string date = "2025-08-08", string proof = "true", string invoice = "FP-NEW", string dealer = "京东") =>
        [new("Input.PurchaseDate", date), new("Input.HasProofOfPurchase", proof), new("Input.InvoiceNumber", invoice), new("Input.Dealer", dealer), new("Input.Version", version)];

    [Theory]
    [InlineData("desk1", true)]
    [InlineData("dispatch1", true)]
    [InlineData("quality1", true)]
    [InlineData("manager1", true)]
    [InlineData("tech1", false)]
    [InlineData("admin1", false)]
    public async Task Service_staff_open_a_unit_others_are_denied(string user, bool allowed)
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000123");
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync($"/Units/{unit.Id}");
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_unit_is_not_found()
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/Units/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_unit_shows_model_category_owner_purchase_and_the_date_read_from_its_serial()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var model = await CatalogData.ModelAsync(App, "KFR-35GW");
        var unit = await CatalogData.UnitAsync(App, customer.Id, model.Id, "KF2403000123", new DateOnly(2024, 5, 1));
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        Assert.Equal("KFR-35GW", page.Text("[data-testid=unit-model]"));
        Assert.Contains("空调", page.Text("[data-testid=unit-category]"), StringComparison.Ordinal);
        Assert.Equal("KF2403000123", page.Text("[data-testid=unit-serial]"));
        Assert.Contains("2024-03-01", page.Text("[data-testid=unit-manufactured]"), StringComparison.Ordinal);
        Assert.Equal("2024-05-01", page.Text("[data-testid=unit-purchase-date]"));
        Assert.Equal("有", page.Text("[data-testid=unit-proof]"));
        Assert.Equal("INV-001", page.Text("[data-testid=unit-invoice]"));
        Assert.Equal("苏宁电器", page.Text("[data-testid=unit-dealer]"));
        Assert.Equal($"/Customers/{customer.Id}", page.QuerySelector("[data-testid=unit-owner]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-history]"));
    }

    [Fact]
    public async Task A_model_without_a_serial_date_shows_none()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App, "XQB80")).Id, "XB99999");
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        Assert.Equal("—", page.Text("[data-testid=unit-manufactured]").Trim());
    }

    [Fact]
    public async Task The_history_lists_every_ticket_of_the_unit_newest_first_and_only_that_unit()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var model = await CatalogData.ModelAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, model.Id, "KF2403000123", CatalogData.Today.AddMonths(-3));
        var otherUnit = await CatalogData.UnitAsync(App, customer.Id, model.Id, "KF2403000456", CatalogData.Today.AddMonths(-3));
        var start = new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);
        var tickets = Enumerable.Range(1, 60)
            .Select(i => CatalogData.Ticket($"SR-U-{i:D4}", customer, unit, start.AddDays(i), fault: $"第 {i} 次：不制冷"))
            .Append(CatalogData.Ticket("SR-U-HOSTILE", customer, unit, start.AddDays(100), fault: "<script>alert(1)</script> 漏水"))
            .Append(CatalogData.Ticket("SR-OTHER-0001", customer, otherUnit, start.AddDays(200)))
            .ToArray();
        await CatalogData.SaveAsync(App, tickets);

        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync($"/Units/{unit.Id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 漏水", html, StringComparison.Ordinal);

        var page = await AppClient.ParseAsync(response);
        var rows = page.QuerySelectorAll("[data-testid=history-table] tbody tr").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.Equal(61, rows.Count);
        Assert.Equal("history-SR-U-HOSTILE", rows[0]);
        Assert.Equal("history-SR-U-0060", rows[1]);
        Assert.Equal("history-SR-U-0001", rows[^1]);
        Assert.DoesNotContain("history-SR-OTHER-0001", rows);

        var first = page.QuerySelector("[data-testid=history-SR-U-0001]")!;
        Assert.Equal("/Tickets/SR-U-0001", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("第 1 次：不制冷", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("2025-03-02 10:00", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("维修", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("新建", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("保修期内", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("¥0.00", first.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desk_corrects_the_purchase_facts()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000123", null, proof: false);
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        Assert.Equal("", page.Value("#Input_PurchaseDate"));
        using var saved = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(page.Value("#Input_Version")!), $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using var db = App.NewDbContext();
        var stored = await db.Units.SingleAsync(u => u.Id == unit.Id);
        Assert.Equal((new DateOnly(2025, 8, 8), true, "FP-NEW", "京东"), (stored.PurchaseDate!.Value, stored.HasProofOfPurchase, stored.InvoiceNumber, stored.Dealer));
        var after = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        Assert.Equal("2025-08-08", after.Text("[data-testid=unit-purchase-date]"));
        Assert.Contains("购买信息已保存", after.Text("[data-testid=flash]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("future", "购买日期不能晚于今天")]
    [InlineData("2025-02-30", "日期格式应为")]
    [InlineData("long-dealer", "不能超过 200 个字符")]
    [InlineData("long-invoice", "不能超过 64 个字符")]
    public async Task Bad_purchase_facts_are_refused_and_nothing_is_saved(string problem, string message)
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000123", new DateOnly(2025, 1, 1));
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        var version = page.Value("#Input_Version")!;
        var form = problem switch
        {
            "future" => Purchase(version, CatalogData.Today.AddDays(1).ToString("yyyy-MM-dd")),
            "long-dealer" => Purchase(version, dealer: new string('店', 201)),
            "long-invoice" => Purchase(version, invoice: new string('9', 65)),
            _ => Purchase(version, problem),
        };
        using var response = await desk.PostFormAsync($"/Units/{unit.Id}", form, $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await AppClient.ParseAsync(response);
        Assert.Contains(message, result.Text("#edit-purchase"), StringComparison.Ordinal);
        Assert.Equal(form[0].Value, result.Value("#Input_PurchaseDate"));
        Assert.NotNull(result.QuerySelector("#purchase-panel[open]"));
        await using var db = App.NewDbContext();
        var stored = await db.Units.SingleAsync(u => u.Id == unit.Id);
        Assert.Equal((new DateOnly(2025, 1, 1), "INV-001", "苏宁电器"), (stored.PurchaseDate!.Value, stored.InvoiceNumber, stored.Dealer));
    }

    [Fact]
    public async Task Purchase_facts_changed_by_someone_else_meanwhile_are_not_overwritten()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000123", new DateOnly(2025, 1, 1));
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/Units/{unit.Id}");
        await using (var db = App.NewDbContext())
        {
            var theirs = await db.Units.SingleAsync(u => u.Id == unit.Id);
            theirs.SetPurchase(new DateOnly(2025, 2, 2), true, "FP-THEIRS", "苏宁电器", CatalogData.Today);
            await db.SaveChangesAsync();
        }

        using var response = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(page.Value("#Input_Version")!), $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = (await AppClient.ParseAsync(response)).Text("#edit-purchase");
        Assert.Contains("已被其他人修改", form, StringComparison.Ordinal);
        Assert.Contains("对方保存的值：2025-02-02", form, StringComparison.Ordinal);
        Assert.Contains("对方保存的值：FP-THEIRS", form, StringComparison.Ordinal);
        await using var check = App.NewDbContext();
        Assert.Equal("FP-THEIRS", await check.Units.Where(u => u.Id == unit.Id).Select(u => u.InvoiceNumber).SingleAsync());
    }
}
