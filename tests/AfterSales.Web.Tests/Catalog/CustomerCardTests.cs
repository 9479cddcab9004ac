using System.Net;
using AfterSales.Domain.Customers;
using AfterSales.Web.Tests.Foundation;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Catalog;

public sealed class CustomerCardTests(AppFixture app) : AppTest(app)
{
    private static KeyValuePair<string, string>[] Edit(string version, string name = "李四", string kind = "Organisation", string contact = "王经理", string address = "北京市海淀区") =>
        [new("Input.Kind", kind), new("Input.Name", name), new("Input.ContactPerson", contact), new("Input.Address", address), new("Input.Version", version)];

    private static KeyValuePair<string, string>[] NewUnit(long modelId, string serial, string purchaseDate = "2025-06-01", string proof = "true", string dealer = "国美电器") =>
        [new("NewUnit.ProductModelId", modelId.ToString()), new("NewUnit.SerialNumber", serial), new("NewUnit.PurchaseDate", purchaseDate),
         new("NewUnit.HasProofOfPurchase", proof), new("NewUnit.InvoiceNumber", "FP20250601"), new("NewUnit.Dealer", dealer)];

    [Theory]
    [InlineData("desk1")]
    [InlineData("dispatch1")]
    [InlineData("quality1")]
    [InlineData("manager1")]
    public async Task Service_staff_open_the_customer_card(string user)
    {
        var customer = await CatalogData.CustomerAsync(App);
        using var client = await Client().SignedInAsync(user);
        var page = await client.GetDocumentAsync($"/Customers/{customer.Id}");
        Assert.Equal("张三", page.Text("[data-testid=customer-name]"));
        Assert.Equal("个人", page.Text("[data-testid=customer-kind]"));
        Assert.Contains("13800138000", page.Text("[data-testid=customer-phones]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tech1")]
    [InlineData("admin1")]
    public async Task Technicians_and_admins_are_sent_to_access_denied(string user)
    {
        var customer = await CatalogData.CustomerAsync(App);
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync($"/Customers/{customer.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_customer_is_not_found()
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/Customers/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Desk_edits_the_customer()
    {
        var customer = await CatalogData.CustomerAsync(App);
        using var desk = await Client().SignedInAsync("desk1");
        var card = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        using var saved = await desk.PostFormAsync($"/Customers/{customer.Id}", Edit(card.Value("#Input_Version")!), $"/Customers/{customer.Id}?handler=Update");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        Assert.Equal("李四", after.Text("[data-testid=customer-name]"));
        Assert.Equal("单位", after.Text("[data-testid=customer-kind]"));
        Assert.Equal("王经理", after.Text("[data-testid=customer-contact]"));
        await using var db = App.NewDbContext();
        var stored = await db.Customers.SingleAsync(c => c.Id == customer.Id);
        Assert.Equal((CustomerKind.Organisation, "李四", "王经理", "北京市海淀区"), (stored.Kind, stored.Name, stored.ContactPerson, stored.Address));
    }

    [Theory]
    [InlineData("", "Person", "", "此项必填")]
    [InlineData("{201}", "Person", "", "不能超过 200 个字符")]
    [InlineData("李四", "Alien", "", "请选择个人或单位")]
    [InlineData("李四", "Person", "{501}", "不能超过 500 个字符")]
    public async Task Bad_customer_edit_is_refused_beside_the_field_and_nothing_is_saved(string name, string kind, string address, string message)
    {
        name = name.Replace("{201}", new string('张', 201), StringComparison.Ordinal);
        address = address.Replace("{501}", new string('路', 501), StringComparison.Ordinal);
        var customer = await CatalogData.CustomerAsync(App);
        using var desk = await Client().SignedInAsync("desk1");
        var card = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        using var response = await desk.PostFormAsync($"/Customers/{customer.Id}", Edit(card.Value("#Input_Version")!, name, kind, address: address), $"/Customers/{customer.Id}?handler=Update");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.Text("#edit-customer"), StringComparison.Ordinal);
        Assert.Equal(name, page.Value("#Input_Name"));
        Assert.Equal(address, page.Value("#Input_Address"));
        Assert.NotNull(page.QuerySelector("#edit-customer-panel[open]"));
        await using var db = App.NewDbContext();
        Assert.Equal("张三", await db.Customers.Where(c => c.Id == customer.Id).Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task Script_in_a_customer_name_is_shown_as_text()
    {
        var customer = await CatalogData.CustomerAsync(App);
        using var desk = await Client().SignedInAsync("desk1");
        var card = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        using var saved = await desk.PostFormAsync($"/Customers/{customer.Id}", Edit(card.Value("#Input_Version")!, "<script>alert(1)</script>"), $"/Customers/{customer.Id}?handler=Update");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var response = await desk.GetAsync($"/Customers/{customer.Id}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_changed_by_someone_else_meanwhile_is_not_overwritten()
    {
        var customer = await CatalogData.CustomerAsync(App);
        using var desk = await Client().SignedInAsync("desk1");
        var card = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        await using (var db = App.NewDbContext())
        {
            var theirs = await db.Customers.SingleAsync(c => c.Id == customer.Id);
            theirs.Update(CustomerKind.Person, "张三丰", null, "武当山");
            await db.SaveChangesAsync();
        }

        using var response = await desk.PostFormAsync($"/Customers/{customer.Id}", Edit(card.Value("#Input_Version")!), $"/Customers/{customer.Id}?handler=Update");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var form = page.Text("#edit-customer");
        Assert.Contains("已被其他人修改", form, StringComparison.Ordinal);
        Assert.Contains("对方保存的值：张三丰", form, StringComparison.Ordinal);
        Assert.Contains("对方保存的值：武当山", form, StringComparison.Ordinal);
        Assert.Equal("李四", page.Value("#Input_Name"));
        await using var check = App.NewDbContext();
        Assert.Equal("张三丰", await check.Customers.Where(c => c.Id == customer.Id).Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task Desk_adds_and_removes_phone_numbers_but_the_last_one_stays()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var url = $"/Customers/{customer.Id}";
        using var desk = await Client().SignedInAsync("desk1");
        using var added = await desk.PostFormAsync(url, [new("NewPhone.Number", "021-6888 1234"), new("NewPhone.Label", "办公室")], url + "?handler=AddPhone");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var card = await desk.GetDocumentAsync(url);
        Assert.NotNull(card.QuerySelector("[data-testid=phone-02168881234]"));

        using var duplicate = await desk.PostFormAsync(url, [new("NewPhone.Number", "138 0013 8000")], url + "?handler=AddPhone");
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var duplicatePage = await AppClient.ParseAsync(duplicate);
        Assert.Contains("该号码已登记", duplicatePage.Text("#add-phone"), StringComparison.Ordinal);
        Assert.Equal("138 0013 8000", duplicatePage.Value("#NewPhone_Number"));

        using var bad = await desk.PostFormAsync(url, [new("NewPhone.Number", "12ab")], url + "?handler=AddPhone");
        Assert.Contains("5 到 20 位数字", (await AppClient.ParseAsync(bad)).Text("#add-phone"), StringComparison.Ordinal);

        using var removed = await desk.PostFormAsync(url, [new("number", "13800138000")], url + "?handler=RemovePhone");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        using var last = await desk.PostFormAsync(url, [new("number", "02168881234")], url + "?handler=RemovePhone");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("至少保留一个电话号码", (await AppClient.ParseAsync(last)).Text("[data-testid=phone-errors]"), StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        Assert.Equal(["02168881234"], await db.CustomerPhones.Where(p => p.CustomerId == customer.Id).Select(p => p.Number).ToListAsync());
    }

    [Fact]
    public async Task Desk_registers_a_unit_which_links_to_its_page()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var model = await CatalogData.ModelAsync(App);
        var url = $"/Customers/{customer.Id}";
        using var desk = await Client().SignedInAsync("desk1");
        using var created = await desk.PostFormAsync(url, NewUnit(model.Id, " kf2403000123 "), url + "?handler=AddUnit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using var db = App.NewDbContext();
        var unit = await db.Units.SingleAsync(u => u.CustomerId == customer.Id);
        Assert.Equal((model.Id, "KF2403000123", new DateOnly(2025, 6, 1), true, "FP20250601", "国美电器"),
            (unit.ProductModelId, unit.SerialNumber, unit.PurchaseDate!.Value, unit.HasProofOfPurchase, unit.InvoiceNumber, unit.Dealer));
        var card = await desk.GetDocumentAsync(url);
        var row = card.Text($"[data-testid=unit-{unit.Id}]");
        Assert.Contains("KFR-35GW", row, StringComparison.Ordinal);
        Assert.Contains("2025-06-01", row, StringComparison.Ordinal);
        Assert.Equal($"/Units/{unit.Id}", card.QuerySelector($"[data-testid=unit-link-{unit.Id}]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_same_serial_may_be_registered_for_another_model_and_without_a_purchase_date()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var first = await CatalogData.ModelAsync(App, "KFR-35GW");
        var second = await CatalogData.ModelAsync(App, "BCD-470");
        await CatalogData.UnitAsync(App, customer.Id, first.Id, "SAME-001");
        var url = $"/Customers/{customer.Id}";
        using var desk = await Client().SignedInAsync("desk1");
        using var created = await desk.PostFormAsync(url, NewUnit(second.Id, "same-001", purchaseDate: "", proof: "false"), url + "?handler=AddUnit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var db = App.NewDbContext();
        var unit = await db.Units.SingleAsync(u => u.ProductModelId == second.Id && u.SerialNumber == "SAME-001");
        Assert.Null(unit.PurchaseDate);
        Assert.False(unit.HasProofOfPurchase);
    }

    [Theory]
    [InlineData("future", "2025-06-01", "购买日期不能晚于今天", "#NewUnit_PurchaseDate")]
    [InlineData("duplicate", "2025-06-01", "该型号下已登记序列号 KF2403000999", "#NewUnit_SerialNumber")]
    [InlineData("empty", "2025-06-01", "此项必填", "#NewUnit_SerialNumber")]
    [InlineData("long", "2025-06-01", "不能超过 64 个字符", "#NewUnit_SerialNumber")]
    [InlineData("bad-date", "2025-13-45", "日期格式应为", "#NewUnit_PurchaseDate")]
    [InlineData("no-model", "2025-06-01", "请选择型号", "#NewUnit_ProductModelId")]
    [InlineData("long-dealer", "2025-06-01", "不能超过 200 个字符", "#NewUnit_Dealer")]
    public async Task Bad_unit_registration_is_refused_and_nothing_is_saved(string problem, string date, string message, string field)
    {
        var customer = await CatalogData.CustomerAsync(App);
        var other = await CatalogData.CustomerAsync(App, "别的客户", "13900139000");
        var model = await CatalogData.ModelAsync(App);
        await CatalogData.UnitAsync(App, other.Id, model.Id, "KF2403000999");
        var form = problem switch
        {
            "future" => NewUnit(model.Id, "KF2403000777", CatalogData.Today.AddDays(1).ToString("yyyy-MM-dd")),
            "duplicate" => NewUnit(model.Id, "kf2403000999", date),
            "empty" => NewUnit(model.Id, "  ", date),
            "long" => NewUnit(model.Id, new string('9', 65), date),
            "no-model" => NewUnit(0, "KF2403000777", date),
            "long-dealer" => NewUnit(model.Id, "KF2403000777", date, dealer: new string('店', 201)),
            _ => NewUnit(model.Id, "KF2403000777", date),
        };
        var url = $"/Customers/{customer.Id}";
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.PostFormAsync(url, form, url + "?handler=AddUnit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var beside = page.QuerySelector(field)!.ParentElement!.TextContent;
        Assert.Contains(message, beside, StringComparison.Ordinal);
        Assert.Equal(form.Single(f => f.Key == "NewUnit.SerialNumber").Value, page.Value("#NewUnit_SerialNumber"));
        Assert.NotNull(page.QuerySelector("#register-unit-panel[open]"));
        await using var db = App.NewDbContext();
        Assert.False(await db.Units.AnyAsync(u => u.CustomerId == customer.Id));
    }

    [Fact]
    public async Task The_card_lists_the_latest_50_tickets_newest_first_with_links()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var model = await CatalogData.ModelAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, model.Id, "KF2401000001", CatalogData.Today.AddMonths(-2));
        var start = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
        var tickets = Enumerable.Range(1, 52)
            .Select(i => CatalogData.Ticket($"SR-TEST-{i:D4}", customer, i % 2 == 0 ? unit : null, start.AddHours(i)))
            .ToArray();
        await CatalogData.SaveAsync(App, tickets);

        using var desk = await Client().SignedInAsync("desk1");
        var card = await desk.GetDocumentAsync($"/Customers/{customer.Id}");
        var rows = card.QuerySelectorAll("[data-testid=tickets-table] tbody tr").ToList();
        Assert.Equal(50, rows.Count);
        Assert.Equal("ticket-SR-TEST-0052", rows[0].GetAttribute("data-testid"));
        Assert.Equal("ticket-SR-TEST-0003", rows[^1].GetAttribute("data-testid"));
        Assert.Equal("/Tickets/SR-TEST-0052", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("2026-01-07 13:00", rows[0].TextContent, StringComparison.Ordinal); // 05:00 UTC is 13:00 in Shanghai
        Assert.Contains("维修", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("新建", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("保修期内", rows[0].TextContent, StringComparison.Ordinal);
    }
}
