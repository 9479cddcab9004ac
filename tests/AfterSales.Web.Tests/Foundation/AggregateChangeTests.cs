using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Catalog;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// The one way pages change an aggregate (AggregateChange) and the filter that validates posted input
/// (InputValidationFilter), seen through pages that use them.
/// </summary>
public sealed class AggregateChangeTests(AppFixture app) : AppTest(app)
{
    private static KeyValuePair<string, string>[] Purchase(string version, string invoice, string dealer) =>
        [new("Input.PurchaseDate", "2025-08-08"), new("Input.HasProofOfPurchase", "true"), new("Input.InvoiceNumber", invoice), new("Input.Dealer", dealer), new("Input.Version", version)];

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_conflict_shows_the_other_persons_values_keeps_what_was_typed_and_saves_only_when_sent_again()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000777", new DateOnly(2025, 1, 1));
        using var desk = await Client().SignedInAsync("desk1");
        var seen = (await desk.GetDocumentAsync($"/Units/{unit.Id}")).Value("#Input_Version")!;
        await using (var db = App.NewDbContext())
        {
            var theirs = await db.Units.SingleAsync(u => u.Id == unit.Id);
            theirs.SetPurchase(new DateOnly(2025, 1, 1), true, "INV-001", "国美电器", CatalogData.Today);
            await db.SaveChangesAsync();
        }

        using var response = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(seen, "INV-001", "京东"), $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var form = page.Text("#edit-purchase");
        Assert.Equal(1, Count(form, "已被其他人修改"));
        Assert.Contains("对方保存的值：国美电器", form, StringComparison.Ordinal);
        Assert.Contains("对方保存的值：2025-01-01", form, StringComparison.Ordinal);
        Assert.DoesNotContain("对方保存的值：INV-001", form, StringComparison.Ordinal);
        Assert.Equal("京东", page.Value("#Input_Dealer"));
        Assert.NotEqual(seen, page.Value("#Input_Version"));
        await using var check = App.NewDbContext();
        Assert.Equal("国美电器", await check.Units.Where(u => u.Id == unit.Id).Select(u => u.Dealer).SingleAsync());

        using var again = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(page.Value("#Input_Version")!, "INV-001", "京东"), $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("京东", await check.Units.Where(u => u.Id == unit.Id).Select(u => u.Dealer).SingleAsync());
    }

    [Fact]
    public async Task A_domain_refusal_is_shown_in_the_readers_language_and_nothing_is_saved()
    {
        Ticket ticket;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "何先生", "13500000019", "KF2001-7777", TestData.Today.AddYears(-4));
            ticket = await TestData.TicketAsync(db, customer, unit, "同一故障三次维修未修复", TicketKind.Exchange);
        }

        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.PostFormAsync(
            $"/Exchanges/New?ticket={ticket.Number}", [new("Input.Reason", "质量问题")], $"/Exchanges/New?ticket={ticket.Number}&culture=en&ui-culture=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=exchange-errors]")!.TextContent;
        Assert.Contains("Out of warranty there is no exchange", errors, StringComparison.Ordinal);
        await using var check = App.NewDbContext();
        Assert.Equal(0, await check.ExchangeRequests.CountAsync(r => r.TicketId == ticket.Id));
    }

    [Fact]
    public async Task The_validation_filter_refuses_bad_input_beside_the_field_in_the_readers_language_and_nothing_is_saved()
    {
        var customer = await CatalogData.CustomerAsync(App);
        var unit = await CatalogData.UnitAsync(App, customer.Id, (await CatalogData.ModelAsync(App)).Id, "KF2403000778", new DateOnly(2025, 1, 1));
        using var desk = await Client().SignedInAsync("desk1");
        var version = (await desk.GetDocumentAsync($"/Units/{unit.Id}")).Value("#Input_Version")!;

        using var chinese = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(version, new string('9', 65), "京东"), $"/Units/{unit.Id}?handler=Purchase");
        Assert.Equal(HttpStatusCode.OK, chinese.StatusCode);
        Assert.Equal("不能超过 64 个字符。", (await AppClient.ParseAsync(chinese)).Text("[data-valmsg-for='Input.InvoiceNumber']").Trim());

        using var english = await desk.PostFormAsync($"/Units/{unit.Id}", Purchase(version, new string('9', 65), "京东"), $"/Units/{unit.Id}?handler=Purchase&culture=en&ui-culture=en");
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal("At most 64 characters.", (await AppClient.ParseAsync(english)).Text("[data-valmsg-for='Input.InvoiceNumber']").Trim());

        await using var check = App.NewDbContext();
        var stored = await check.Units.SingleAsync(u => u.Id == unit.Id);
        Assert.Equal(("INV-001", "苏宁电器"), (stored.InvoiceNumber, stored.Dealer));
    }

    [Fact]
    public async Task On_a_page_with_several_forms_the_handlers_own_form_is_checked_even_when_sent_empty_and_the_others_are_not()
    {
        var customer = await CatalogData.CustomerAsync(App, "王五", "13800138077");
        using var desk = await Client().SignedInAsync("desk1");
        var url = $"/Customers/{customer.Id}";
        using var response = await desk.PostFormAsync(url, [], url + "?handler=AddPhone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotEqual("", page.Text("[data-valmsg-for='NewPhone.Number']").Trim());
        Assert.Equal("", page.Text("[data-valmsg-for='Input.Name']").Trim());
        Assert.Equal("", page.Text("[data-valmsg-for='NewUnit.SerialNumber']").Trim());
        await using var check = App.NewDbContext();
        Assert.Single((await check.Customers.Include(c => c.Phones).SingleAsync(c => c.Id == customer.Id)).Phones);
    }
}
