using System.Text.RegularExpressions;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Browser;

public sealed partial class SavedViewsJourneyTests(AppFixture app) : AppTest(app)
{
    [GeneratedRegex(@"/Tickets\?.*F\.Kind=Complaint.*view=\d+")]
    private static partial Regex ComplaintView();

    [Fact]
    public async Task A_dispatcher_saves_a_view_opens_on_it_by_default_shares_it_and_a_colleague_sees_it()
    {
        Ticket complaint;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "赵女士", "13744445555", "KF2401-3333", TestData.Today.AddYears(-3));
            await TestData.TicketAsync(db, customer, unit, "不制冷");
            complaint = await TestData.TicketAsync(db, customer, unit, "上门迟到", kind: TicketKind.Complaint);
        }

        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "dispatch1");
            await page.GotoAsync("/Tickets");
            await page.SelectOptionAsync("#kind", "Complaint");
            await page.ClickAsync("#filter-submit");
            await page.WaitForSelectorAsync($"[data-testid=ticket-row][data-number='{complaint.Number}']");

            // The count of matching tickets, and the export buttons saying it.
            await page.WaitForSelectorAsync("[data-testid=ticket-export][data-ready=true]");
            Assert.Equal("1", await page.GetAttributeAsync("[data-testid=match-count]", "data-count"));
            Assert.Contains("1", await page.TextContentAsync("#export-xlsx"), StringComparison.Ordinal);

            // Save the filters as a view, shared with the team.
            await page.ClickAsync("#view-save-toggle");
            await page.FillAsync("#view-name", "今日投诉");
            await page.CheckAsync("#view-share");
            await page.ClickAsync("#view-save");
            await Infrastructure.Browser.WaitForUrlAsync(page, ComplaintView());
            await page.WaitForSelectorAsync("[data-testid=view-tab][data-view-name='今日投诉'].active");

            // Make it the default: the bare list opens on it.
            await page.ClickAsync("#view-default");
            await page.WaitForSelectorAsync("[data-testid=view-tab][data-view-name='今日投诉'][data-default=true]");
            await page.GotoAsync("/Tickets");
            await Infrastructure.Browser.WaitForUrlAsync(page, ComplaintView());
            Assert.Equal("Complaint", await page.InputValueAsync("#kind"));
            Assert.Equal(1, await page.Locator("[data-testid=ticket-row]").CountAsync());
            await Infrastructure.Browser.ScreenshotAsync(page, "ticket-list-saved-view");

            // The download is the filtered list.
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync((await download.PathAsync())!);
            Assert.Contains(complaint.Number, text, StringComparison.Ordinal);
            Assert.Equal(2, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var colleague = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(colleague, "desk2");
            await colleague.GotoAsync("/Tickets");
            var tab = colleague.Locator("[data-testid=view-tab][data-view-name='今日投诉']");
            Assert.Equal("true", await tab.GetAttributeAsync("data-shared"));
            Assert.Equal(2, await colleague.Locator("[data-testid=ticket-row]").CountAsync());
            await tab.ClickAsync();
            await Infrastructure.Browser.WaitForUrlAsync(colleague, ComplaintView());
            Assert.Equal(1, await colleague.Locator("[data-testid=ticket-row]").CountAsync());

            // Not theirs: no rename or delete; they may still open on it.
            Assert.Equal(0, await colleague.Locator("#view-delete").CountAsync());
            Assert.Equal(0, await colleague.Locator("#view-rename").CountAsync());
        }
        finally
        {
            await colleague.Context.CloseAsync();
        }
    }
}
