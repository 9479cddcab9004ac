using System.Net;
using AfterSales.Domain.Exchanges;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Exchanges;

public sealed class ExchangeTests(AppFixture app) : AppTest(app)
{
    private async Task<Ticket> TicketAsync(bool inWarranty = true)
    {
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "何先生", "13500000009", inWarranty ? "KF2510-5555" : "KF2001-5555", inWarranty ? TestData.Today.AddMonths(-3) : TestData.Today.AddYears(-4));
        return await TestData.TicketAsync(db, customer, unit, "同一故障三次维修未修复", TicketKind.Exchange);
    }

    private static async Task<HttpResponseMessage> SignAsync(AppClient client, long id, string outcome, string comment)
    {
        var page = await client.GetDocumentAsync($"/Exchanges/{id}");
        var version = page.QuerySelector("#sign-form input[name=version]")?.GetAttribute("value") ?? "0";
        return await client.PostFormAsync($"/Exchanges/{id}", [new("version", version), new("outcome", outcome), new("comment", comment)], $"/Exchanges/{id}?handler=Sign");
    }

    [Theory]
    [InlineData("tech1")]
    [InlineData("quality1")]
    [InlineData("dispatch1")]
    public async Task Exchanges_are_not_for_every_role(string user)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync("/Exchanges");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_warranty_the_request_is_refused_with_the_rules_reason_and_nothing_is_saved()
    {
        var ticket = await TicketAsync(inWarranty: false);
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.PostFormAsync($"/Exchanges/New?ticket={ticket.Number}", [new("Input.Reason", "质量问题")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("保修期外不予换货", (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=exchange-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.ExchangeRequests.CountAsync());
    }

    [Fact]
    public async Task Only_the_desk_requests_and_only_the_right_signer_signs_each_step()
    {
        var ticket = await TicketAsync();

        // Managers and the office sign exchanges; they do not request them (the page and a hand-made post are refused).
        foreach (var signer in new[] { "manager1", "admin1" })
        {
            using var client = await Client().SignedInAsync(signer);
            using var page = await client.GetAsync($"/Exchanges/New?ticket={ticket.Number}");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", page.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            if (signer == "manager1")
            {
                Assert.Null((await client.GetDocumentAsync($"/Tickets/{ticket.Number}")).QuerySelector("#request-exchange"));
            }
        }

        using var desk = await Client().SignedInAsync("desk1");
        Assert.NotNull((await desk.GetDocumentAsync($"/Tickets/{ticket.Number}")).QuerySelector("#request-exchange"));
        using var requested = await desk.PostFormAsync($"/Exchanges/New?ticket={ticket.Number}", [new("Input.Reason", "压缩机三次维修仍异响"), new("Input.Evidence", "三张维修单")]);
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        await using var db = App.NewDbContext();
        var id = (await db.ExchangeRequests.SingleAsync()).Id;

        // The office (admin) cannot sign the regional head's step.
        using var admin = await Client().SignedInAsync("admin1");
        using var wrongStep = await admin.PostFormAsync($"/Exchanges/{id}", [new("version", (await db.ExchangeRequests.AsNoTracking().SingleAsync()).Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("outcome", "Approved"), new("comment", "核实")], $"/Exchanges/{id}?handler=Sign");
        Assert.Contains("其他岗位签署", (await AppClient.ParseAsync(wrongStep)).QuerySelector("[data-testid=exchange-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await db.ExchangeRequests.AsNoTracking().SingleAsync()).Decisions);
    }

    [Fact]
    public async Task Three_signatures_approve_and_carrying_it_out_registers_the_new_unit_closes_the_ticket_and_fills_the_ledger()
    {
        var ticket = await TicketAsync();
        using var desk = await Client().SignedInAsync("desk1");
        using var requested = await desk.PostFormAsync($"/Exchanges/New?ticket={ticket.Number}", [new("Input.Reason", "压缩机三次维修仍异响")]);
        await using var db = App.NewDbContext();
        var id = (await db.ExchangeRequests.SingleAsync()).Id;

        using var manager2 = await Client().SignedInAsync("manager2");
        using var admin1 = await Client().SignedInAsync("admin1");
        using var manager3 = await Client().SignedInAsync("manager3");
        Assert.Equal(HttpStatusCode.Redirect, (await SignAsync(manager2, id, "Approved", "情况属实")).StatusCode);
        using var signedTwice = await SignAsync(manager2, id, "Approved", "再签");
        Assert.Equal(ExchangeStep.OfficeVerification, (await db.ExchangeRequests.AsNoTracking().SingleAsync()).CurrentStep);
        Assert.Equal(HttpStatusCode.Redirect, (await SignAsync(admin1, id, "Approved", "核实无误")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignAsync(manager3, id, "Approved", "同意换货")).StatusCode);
        Assert.Equal(ExchangeStatus.Approved, (await db.ExchangeRequests.AsNoTracking().SingleAsync()).Status);

        var version = (await db.ExchangeRequests.AsNoTracking().SingleAsync()).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var done = await desk.PostFormAsync($"/Exchanges/{id}", [new("version", version), new("newSerial", "KF2611-9001")], $"/Exchanges/{id}?handler=Complete");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var request = await db.ExchangeRequests.AsNoTracking().SingleAsync();
        Assert.Equal(ExchangeStatus.Completed, request.Status);
        Assert.Equal(3, request.Decisions.Count);
        var newUnit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == request.NewUnitId);
        Assert.Equal("KF2611-9001", newUnit.SerialNumber);
        Assert.Equal(TestData.Today, newUnit.PurchaseDate);
        Assert.Equal(TicketStatus.Closed, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id)).Status);
        var oldUnitPage = await desk.GetDocumentAsync($"/Units/{request.OldUnitId}");
        Assert.Equal("true", oldUnitPage.QuerySelector("[data-testid=unit-exchange]")!.GetAttribute("data-returned"));
        Assert.Contains("KF2611-9001", oldUnitPage.QuerySelector("[data-testid=unit-exchange]")!.TextContent, StringComparison.Ordinal);
        var ledger = await desk.GetDocumentAsync("/Exchanges?view=ledger");
        Assert.Contains("KF2611-9001", ledger.QuerySelector($"[data-testid=ledger-row][data-id='{id}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_browser_an_exchange_goes_through_all_three_steps_into_the_ledger()
    {
        var ticket = await TicketAsync();
        async Task As(string user, Func<IPage, Task> act)
        {
            var page = await Infrastructure.Browser.NewPageAsync(App);
            try
            {
                await Infrastructure.Browser.LoginAsync(page, user);
                await act(page);
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }

        long id = 0;
        await As("desk1", async page =>
        {
            await page.GotoAsync("/Tickets/" + ticket.Number);
            await page.ClickAsync("#request-exchange");
            await page.FillAsync("#Input_Reason", "同一故障三次维修未修复，客户要求换货");
            await page.FillAsync("#Input_Evidence", "三张维修单");
            await page.ClickAsync("#exchange-submit");
            await page.WaitForSelectorAsync("[data-testid=exchange-step][data-step=RegionalHead]");
            id = long.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        });
        foreach (var (user, step) in new[] { ("manager1", "OfficeVerification"), ("admin1", "GeneralManager") })
        {
            await As(user, async page =>
            {
                await page.GotoAsync($"/Exchanges/{id}");
                await page.FillAsync("#sign-comment", "同意");
                await page.ClickAsync("#sign-approve");
                await page.WaitForSelectorAsync($"[data-testid=exchange-step][data-step={step}]");
            });
        }

        await As("manager2", async page =>
        {
            await page.GotoAsync($"/Exchanges/{id}");
            await page.FillAsync("#sign-comment", "批准换货");
            await page.ClickAsync("#sign-approve");
            await page.WaitForSelectorAsync("[data-testid=exchange-status][data-status=Approved]");
        });
        await As("desk1", async page =>
        {
            await page.GotoAsync($"/Exchanges/{id}");
            await page.FillAsync("#new-serial", "KF2611-7001");
            await page.ClickAsync("#complete-exchange");
            await page.WaitForSelectorAsync("[data-testid=exchange-new-serial]");
            await page.GotoAsync("/Exchanges?view=ledger");
            await page.WaitForSelectorAsync($"[data-testid=ledger-row][data-id='{id}']");
            Assert.Contains("KF2611-7001", await page.TextContentAsync($"[data-testid=ledger-row][data-id='{id}']"), StringComparison.Ordinal);
            await Infrastructure.Browser.ScreenshotAsync(page, "exchange-ledger");
        });
    }
}
