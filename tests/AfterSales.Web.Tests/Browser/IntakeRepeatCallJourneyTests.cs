using System.Text.RegularExpressions;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Browser;

public sealed partial class IntakeRepeatCallJourneyTests(AppFixture app) : AppTest(app)
{
    [GeneratedRegex(@"/Tickets/SR-\d{8}-\d{4}$")]
    private static partial Regex TicketPage();

    [GeneratedRegex(@"/Tickets/New\?call=[0-9a-f-]{36}$")]
    private static partial Regex CallPage();

    [Fact]
    public async Task Desk_adds_a_callers_repeat_call_to_the_open_ticket_of_the_same_unit_instead_of_a_new_one()
    {
        string number;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "钱先生", "13566665555", "KF2408-3131", TestData.Today.AddMonths(-4));
            number = (await TestData.TicketAsync(db, customer, unit, "空调漏水", at: DateTimeOffset.UtcNow.AddHours(-5))).Number;
        }

        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/Tickets/New");
            await page.FillAsync("#Input_Phone", "135666");
            await page.ClickAsync("[data-testid=caller-hit]");
            await page.WaitForSelectorAsync("[data-testid=caller-chosen]:not(.d-none)");

            // Beside the form: the open ticket on this very unit, with the offer to add the call to it.
            await page.WaitForSelectorAsync("[data-testid=same-unit-open]");
            Assert.Equal(number, await page.GetAttributeAsync("[data-testid=open-ticket]", "data-number"));
            Assert.Equal(number, await page.GetAttributeAsync("[data-testid=unit-visit]", "data-number"));
            await Infrastructure.Browser.ScreenshotAsync(page, "intake-open-ticket-beside-the-form");

            await page.FillAsync("#Input_FaultDescription", "客户再次来电催修，还在漏水");
            await page.ClickAsync($"[data-testid=add-to-ticket][value='{number}']");
            await Infrastructure.Browser.WaitForUrlAsync(page, TicketPage());
            await page.WaitForSelectorAsync("[data-testid=flash]");
            Assert.Contains(number, await page.TextContentAsync("[data-testid=flash]"), StringComparison.Ordinal);
            Assert.Equal("1", await page.GetAttributeAsync("[data-testid=repeat-count]", "data-count"));
            Assert.Contains("还在漏水", await page.TextContentAsync("[data-testid=repeat-calls]"), StringComparison.Ordinal);

            await using var check = App.NewDbContext();
            Assert.Equal(1, await check.Tickets.CountAsync());
            Assert.Equal(1, (await check.Tickets.AsNoTracking().SingleAsync()).RepeatCallCount);

            // The call is done: the next call starts empty, with no draft offered.
            await page.GotoAsync("/Tickets/New");
            await Infrastructure.Browser.WaitForUrlAsync(page, CallPage());
            Assert.Equal("", await page.InputValueAsync("#Input_FaultDescription"));
            Assert.True(await page.IsHiddenAsync("[data-testid=draft-offer]"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_fresh_call_after_an_abandoned_one_starts_empty_and_the_draft_is_offered_only_on_its_own_page()
    {
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/Tickets/New");
            await Infrastructure.Browser.WaitForUrlAsync(page, CallPage());
            var abandoned = page.Url;
            await page.FillAsync("#Input_Phone", "13600002222");
            await page.FillAsync("#Input_CustomerName", "被放弃的来电");
            await page.FillAsync("#Input_FaultDescription", "上一个电话没说完");

            // The next call: a fresh /Tickets/New starts empty and offers nothing.
            await page.GotoAsync("/Tickets/New");
            await Infrastructure.Browser.WaitForUrlAsync(page, CallPage());
            Assert.NotEqual(abandoned, page.Url);
            Assert.Equal("", await page.InputValueAsync("#Input_Phone"));
            Assert.Equal("", await page.InputValueAsync("#Input_CustomerName"));
            Assert.Equal("", await page.InputValueAsync("#Input_FaultDescription"));
            Assert.True(await page.IsHiddenAsync("[data-testid=draft-offer]"));

            // Back on the abandoned call's own page, its draft is offered with its age, and restored on request.
            await page.GotoAsync(abandoned);
            await page.WaitForSelectorAsync("[data-testid=draft-offer]:not(.d-none)");
            Assert.Equal("", await page.InputValueAsync("#Input_CustomerName"));
            Assert.Contains("草稿", await page.TextContentAsync("#draft-offer-text"), StringComparison.Ordinal);
            await page.ClickAsync("[data-testid=draft-restore]");
            Assert.Equal("被放弃的来电", await page.InputValueAsync("#Input_CustomerName"));
            Assert.Equal("上一个电话没说完", await page.InputValueAsync("#Input_FaultDescription"));
            Assert.True(await page.IsHiddenAsync("[data-testid=draft-offer]"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
