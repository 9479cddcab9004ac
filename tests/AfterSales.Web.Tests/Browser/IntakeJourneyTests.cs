using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Browser;

public sealed class IntakeJourneyTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Desk_logs_a_new_callers_out_of_warranty_repair_quotes_it_and_records_phone_consent()
    {
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/Tickets/New");

            // The call: an unknown number, so the desk registers the caller on the same screen.
            await page.FillAsync("#Input_Phone", "13688889999");
            await page.WaitForSelectorAsync("[data-testid=caller-none]");
            await page.FillAsync("#Input_CustomerName", "林先生");
            await page.FillAsync("#Input_Address", "杭州市西湖区文三路 88 号");
            await page.SelectOptionAsync("#Input_ProductModelId", new SelectOptionValue { Label = "KFR-35GW · 挂壁式空调 KFR-35GW 1.5匹 (保修 12 个月)" });
            await page.FillAsync("#Input_SerialNumber", "KF2203-4455");
            await page.FillAsync("#Input_PurchaseDate", TestData.Today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await page.CheckAsync("#Input_HasProof");
            var preview = await page.WaitForSelectorAsync("[data-testid=warranty-status][data-status=OutOfWarranty]");
            Assert.Contains("保修期外", await preview!.TextContentAsync(), StringComparison.Ordinal);

            await page.FillAsync("#Input_FaultDescription", "空调制热效果差，室外机结霜");
            await page.FillAsync("#Input_PreferredTime", "明天下午");
            await page.FillAsync("#Input_EstimatedAmount", "300");
            await page.PressAsync("#Input_EstimatedAmount", "Enter");

            await page.WaitForSelectorAsync("[data-testid=tell-customer]");
            Assert.Equal("OutOfWarranty", await page.GetAttributeAsync("[data-testid=ticket-warranty]", "data-status"));
            Assert.Contains("明天下午", await page.TextContentAsync("[data-testid=tell-customer]"), StringComparison.Ordinal);
            await Infrastructure.Browser.ScreenshotAsync(page, "intake-confirmation");

            // The quote: a part and the labour.
            await page.FillAsync("#quote-desc-0", "四通阀");
            await page.FillAsync("#quote-part-0", "SV-4W-35");
            await page.FillAsync("#quote-qty-0", "1");
            await page.FillAsync("#quote-price-0", "180");
            await page.SelectOptionAsync("#quote-kind-1", "Labour");
            await page.FillAsync("#quote-desc-1", "更换四通阀工时");
            await page.FillAsync("#quote-qty-1", "2");
            await page.FillAsync("#quote-price-1", "60");
            await page.ClickAsync("#quote-submit");
            await page.WaitForSelectorAsync("[data-testid=quote-total]");
            Assert.Equal("¥300.00", (await page.TextContentAsync("[data-testid=quote-total]"))!.Trim());

            // The customer agrees on the phone.
            await page.SelectOptionAsync("#consent-method", "Phone");
            await page.FillAsync("#consent-note", "客户电话同意报价 300 元");
            await page.ClickAsync("#consent-accept");
            await page.WaitForSelectorAsync("[data-testid=consent][data-accepted=true]");
            Assert.Equal("Consented", await page.GetAttributeAsync("[data-testid=ticket-status]", "data-status"));
            Assert.Equal("¥300.00", (await page.TextContentAsync("[data-testid=ticket-charge]"))!.Trim());
            Assert.True(await page.Locator("[data-testid=timeline] li[data-action]").CountAsync() >= 3);
            await Infrastructure.Browser.ScreenshotAsync(page, "ticket-consented");

            await using var db = App.NewDbContext();
            var ticket = await db.Tickets.AsNoTracking().SingleAsync();
            Assert.Equal(TicketStatus.Consented, ticket.Status);
            Assert.Equal(ConsentMethod.Phone, ticket.Consent!.Method);
            Assert.Equal(300m, ticket.ChargeToCustomer);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_known_caller_is_found_while_typing_and_chosen_by_keyboard()
    {
        await using (var db = App.NewDbContext())
        {
            await TestData.CustomerWithUnitAsync(db, "上官婉儿", "13577776666", "KF2509-1111", TestData.Today.AddMonths(-2));
        }

        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/Tickets/New");
            await page.Keyboard.TypeAsync("135777");
            await page.WaitForSelectorAsync("[data-testid=caller-hit]");
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForSelectorAsync("[data-testid=caller-chosen]:not(.d-none)");
            Assert.Equal("13577776666", await page.InputValueAsync("#Input_Phone"));
            Assert.Contains("上官婉儿", await page.TextContentAsync("#caller-chosen-name"), StringComparison.Ordinal);
            await page.WaitForSelectorAsync("[data-testid=warranty-status][data-status=InWarranty]");
            Assert.True(await page.IsHiddenAsync("#new-unit"));

            await page.FillAsync("#Input_FaultDescription", "遥控器失灵");
            await page.ClickAsync("#intake-save");
            await page.WaitForSelectorAsync("[data-testid=tell-customer]");
            Assert.Contains("免费", await page.TextContentAsync("[data-testid=tell-estimate]"), StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task What_was_typed_survives_a_reload_and_a_double_click_saves_once()
    {
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/Tickets/New");
            await page.FillAsync("#Input_Phone", "13600001111");
            await page.FillAsync("#Input_CustomerName", "马女士");
            await page.SelectOptionAsync("#Input_Kind", "Consultation");
            await page.FillAsync("#Input_FaultDescription", "询问保修政策");
            await page.ReloadAsync();
            await page.ClickAsync("[data-testid=draft-restore]");
            Assert.Equal("马女士", await page.InputValueAsync("#Input_CustomerName"));
            Assert.Equal("询问保修政策", await page.InputValueAsync("#Input_FaultDescription"));

            await page.DblClickAsync("#intake-save");
            await page.WaitForSelectorAsync("[data-testid=tell-customer]");
            await using var db = App.NewDbContext();
            Assert.Equal(1, await db.Tickets.CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
