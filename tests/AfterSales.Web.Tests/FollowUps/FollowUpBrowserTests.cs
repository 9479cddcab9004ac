using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.FollowUps;

public sealed class FollowUpBrowserTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Desk_calls_an_unhappy_customer_from_the_queue_with_the_keyboard_and_a_complaint_ticket_opens()
    {
        var (repair, _, followUp) = await FollowUpData.CompletedRepairAsync(App, await FollowUpData.UserIdAsync(App, "tech1"));
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "desk1");
            await page.GotoAsync("/FollowUps");
            await page.WaitForSelectorAsync($"[data-testid=followup-row][data-id='{followUp.Id}'][data-overdue=true]");
            await Infrastructure.Browser.ScreenshotAsync(page, "followup-queue");
            await page.ClickAsync($"[data-testid=followup-row][data-id='{followUp.Id}'] [data-testid=call]");

            // Radio groups answer to the keyboard: focus the first choice, arrow keys move within the group.
            await page.FocusAsync("#attitude-excellent");
            await page.Keyboard.PressAsync("ArrowRight");
            Assert.True(await page.IsCheckedAsync("#attitude-good"));
            await page.ClickAsync("label[for=competence-good]");
            await page.ClickAsync("label[for=speed-poor]");
            await page.ClickAsync("label[for=result-average]");
            await page.FillAsync("#comment", "约好上午却下午才到");
            await Infrastructure.Browser.ScreenshotAsync(page, "followup-call");
            await page.ClickAsync("#record-reached");

            var link = await page.WaitForSelectorAsync("[data-testid=complaint-link]");
            await Infrastructure.Browser.ScreenshotAsync(page, "followup-complaint");
            await link!.ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=ticket-number]");
            Assert.Contains("回访不满意", await page.TextContentAsync("[data-testid=ticket-fault]"), StringComparison.Ordinal);

            await using var db = App.NewDbContext();
            var complaint = await db.Tickets.AsNoTracking().SingleAsync(t => t.Kind == TicketKind.Complaint);
            Assert.Equal(repair.Id, complaint.RelatedTicketId);
            Assert.Equal(complaint.Number, (await page.TextContentAsync("[data-testid=ticket-number]"))!.Trim());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
