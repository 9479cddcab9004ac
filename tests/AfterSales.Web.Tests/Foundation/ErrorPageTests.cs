using System.Net;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Tests.Infrastructure;
using Npgsql;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>The error page: the response's status is the original one, and its correlation id is the one in the response header.</summary>
public sealed class ErrorPageTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_failure_answers_500_with_its_correlation_id_in_the_header_and_on_the_error_page()
    {
        Ticket ticket;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "吴先生", "13600000201", "KF2402-0201", TestData.Today.AddMonths(-3));
            ticket = await TestData.TicketAsync(db, customer, unit);
        }

        // A value the app cannot read, written behind its back, makes the ticket page fail: a real unhandled error.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var corrupt = new NpgsqlCommand("update tickets set channel = 'CarrierPigeon' where id = @id", connection);
            corrupt.Parameters.AddWithValue("id", ticket.Id);
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        using var desk = await Client().SignedInAsync("desk1");
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await desk.GetAsync($"/Tickets/{ticket.Number}");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            var id = response.Headers.GetValues("X-Correlation-Id").Single();
            Assert.False(string.IsNullOrWhiteSpace(id));
            var page = await AppClient.ParseAsync(response);
            Assert.Equal(id, page.QuerySelector("[data-testid=correlation-id]")!.TextContent);
            Assert.Equal("500", page.QuerySelector("[data-testid=error-page]")!.GetAttribute("data-status"));
            ids.Add(id);
        }

        // Each failure has its own id, so a reported id finds that one request in the log.
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("desk1", "/No/Such/Page", HttpStatusCode.NotFound)]
    [InlineData("desk1", "/Tickets/T-NO-SUCH-TICKET", HttpStatusCode.NotFound)]
    [InlineData("manager1", "/Tallies/2026-01/Export?format=pdf", HttpStatusCode.BadRequest)]
    public async Task The_error_page_keeps_the_original_status_and_shows_the_responses_correlation_id(string user, string url, HttpStatusCode status)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=error-page]")!.GetAttribute("data-status"));
        Assert.Equal(response.Headers.GetValues("X-Correlation-Id").Single(), page.QuerySelector("[data-testid=correlation-id]")!.TextContent);
    }
}
