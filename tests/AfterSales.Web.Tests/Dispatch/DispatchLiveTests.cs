using System.Net;
using System.Text.RegularExpressions;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AfterSales.Web.Tests.Dispatch;

/// <summary>The board updates by itself: database triggers → LISTEN on every instance → server-sent events → the open page.</summary>
public sealed class DispatchLiveTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_board_open_on_another_instance_hears_of_a_call_logged_through_this_one()
    {
        // One request at a time and no queue on the other instance: an open stream must not take that one permit.
        await using var other = AppInstance.Start(("Board:MaxSubscribers", "1"), ("Limits:ConcurrentRequests", "1"), ("Limits:QueuedRequests", "0"), ("Board:HeartbeatSeconds", "1"));
        await WaitUntilListeningAsync(other.Services.GetRequiredService<BoardEvents>());
        using var dispatcher = await new AppClient(other.BaseAddress).SignedInAsync("dispatch1");
        using var events = StreamClient(other.BaseAddress, dispatcher.Cookies);
        using var response = await events.SendAsync(new HttpRequestMessage(HttpMethod.Get, BoardEventsEndpoint.Path), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        using (var page = await dispatcher.GetAsync("/Dispatch"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var second = await events.SendAsync(new HttpRequestMessage(HttpMethod.Get, BoardEventsEndpoint.Path), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
            Assert.NotNull(second.Headers.RetryAfter);
        }

        // The call is logged through the fixture's instance.
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db, Urgency.Emergency);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? eventName = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && eventName == "board" && line.Contains(ticket.Number, StringComparison.Ordinal))
            {
                Assert.Contains("\"created\":1", line, StringComparison.Ordinal);
                Assert.Contains("\"emergency\":true", line, StringComparison.Ordinal);
                break;
            }
        }

        // An idle stream gets a comment line now and then, so proxies keep it open.
        string? ping;
        do
        {
            ping = await reader.ReadLineAsync(timeout.Token);
        }
        while (ping is not null && ping != ": ping");
        Assert.Equal(": ping", ping);
    }

    [Theory]
    [InlineData("tech1")]
    [InlineData("desk1")]
    [InlineData("quality1")]
    public async Task Only_dispatchers_and_managers_may_listen_to_the_board(string user)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(BoardEventsEndpoint.Path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_signed_out_may_listen_to_the_board()
    {
        using var client = Client();
        using var response = await client.GetAsync(BoardEventsEndpoint.Path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_logged_while_the_board_is_open_appears_on_it_without_a_reload_and_is_assigned()
    {
        await WaitUntilListeningAsync(App.Factory.Services.GetRequiredService<BoardEvents>());
        var page = await Infrastructure.Browser.NewPageAsync(App);
        try
        {
            await Infrastructure.Browser.LoginAsync(page, "dispatch1");
            await page.GotoAsync("/Dispatch");
            await page.Locator("[data-testid=board-live][data-state=open]").WaitForAsync();
            // Half-typed filter with the cursor in it: the update must leave both alone. The marker proves no reload.
            await page.FillAsync("#F_Q", "SR");
            await page.EvaluateAsync("() => { window.boardNotReloaded = true; }");

            await using var db = App.NewDbContext();
            var ticket = await DispatchData.AcTicketAsync(db, Urgency.Emergency);

            var row = page.Locator($"[data-testid=waiting-row][data-number='{ticket.Number}']");
            await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.boardNotReloaded === true"));
            Assert.Equal("SR", await page.InputValueAsync("#F_Q"));
            Assert.Equal("F_Q", await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id"));
            await Assertions.Expect(page.Locator("[data-testid=board-live]")).ToHaveAttributeAsync("data-state", "updated");
            await Assertions.Expect(page.Locator("[data-testid=waiting-total]")).ToHaveTextAsync("1");
            await Infrastructure.Browser.ScreenshotAsync(page, "dispatch-board-live");

            await row.Locator("[data-testid=assign-link]").ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=suggested]");
            await page.ClickAsync("#assign-submit");
            await Infrastructure.Browser.WaitForUrlAsync(page, new Regex("/Dispatch#wo-"));
            Assert.Null(await page.QuerySelectorAsync($"[data-testid=waiting-row][data-number='{ticket.Number}']"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        await using var check = App.NewDbContext();
        Assert.Equal(1, await check.WorkOrders.AsNoTracking().CountAsync());
    }

    private static HttpClient StreamClient(Uri baseAddress, CookieContainer cookies)
    {
#pragma warning disable CA2000 // the client owns and disposes the handler
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
#pragma warning restore CA2000
    }

    private static async Task WaitUntilListeningAsync(BoardEvents events)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!events.IsListening)
        {
            Assert.True(DateTime.UtcNow < until, "the instance never started listening for board changes");
            await Task.Delay(100);
        }
    }
}

/// <summary>What the database says when the board changes, heard on a plain LISTEN connection.</summary>
public sealed class BoardTriggerTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_bulk_load_is_announced_once_with_its_count_and_an_urgency_change_names_the_ticket()
    {
        await using var listener = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await listener.OpenAsync();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        listener.Notification += (_, e) => heard.Enqueue(e.Payload);
        await using (var listen = new Npgsql.NpgsqlCommand("LISTEN " + BoardEvents.Channel, listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using var db = App.NewDbContext();
        await DispatchData.WaitingTicketsAsync(db, 500, DateTimeOffset.UtcNow);
        var ticket = await DispatchData.AcTicketAsync(db);
        await db.Database.ExecuteSqlRawAsync("update tickets set urgency = 'High' where id = {0}", ticket.Id);
        await db.Database.ExecuteSqlRawAsync("update tickets set fault_description = 'x' where id = {0}", ticket.Id);

        var until = DateTime.UtcNow.AddSeconds(10);
        while (!heard.Any(p => p.Contains("ticket.changed", StringComparison.Ordinal)) && DateTime.UtcNow < until)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        var payloads = heard.ToList();
        Assert.Contains(payloads, p => p.Contains("\"count\" : 500", StringComparison.Ordinal) || p.Contains("\"count\":500", StringComparison.Ordinal));
        Assert.True(payloads.Count < 10, "one notification per statement, not per row: " + payloads.Count);
        var changed = Assert.Single(payloads, p => p.Contains("ticket.changed", StringComparison.Ordinal));
        Assert.Contains(ticket.Number, changed, StringComparison.Ordinal);
        Assert.Contains("High", changed, StringComparison.Ordinal);
    }

    [Fact]
    public void Notices_that_arrive_together_become_one_update()
    {
        var update = BoardEvents.Coalesce(
        [
            new BoardNotice("ticket.created", 1, "SR-1", "Emergency", null),
            new BoardNotice("ticket.created", 2, "SR-2", "Normal", null),
            new BoardNotice("work_order.created", 1, "SR-1", "Emergency", null),
        ]);
        Assert.Equal(2, update.Created);
        Assert.Equal(1, update.Changed);
        Assert.True(update.Emergency);
        Assert.Equal(["SR-1", "SR-2"], update.Numbers);
        Assert.False(update.Resync);
        Assert.True(BoardEvents.Coalesce([new BoardNotice("ticket.created", null, null, null, 5000)]).Resync);
    }
}
