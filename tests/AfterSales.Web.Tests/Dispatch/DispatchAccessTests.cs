using System.Net;
using AfterSales.Web.Tests.Infrastructure;

namespace AfterSales.Web.Tests.Dispatch;

public sealed class DispatchAccessTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("dispatch1", "/Dispatch", true)]
    [InlineData("manager1", "/Dispatch", true)]
    [InlineData("tech1", "/Dispatch", false)]
    [InlineData("desk1", "/Dispatch", false)]
    [InlineData("quality1", "/Dispatch", false)]
    [InlineData("admin1", "/Dispatch", false)]
    [InlineData("admin1", "/Admin/Calendar", true)]
    [InlineData("dispatch1", "/Admin/Calendar", false)]
    [InlineData("manager1", "/Admin/Calendar", false)]
    [InlineData("tech1", "/Admin/Calendar", false)]
    [InlineData("admin1", "/Technicians", true)]
    [InlineData("dispatch1", "/Technicians", true)]
    [InlineData("tech1", "/Technicians", false)]
    [InlineData("desk1", "/Technicians", false)]
    [InlineData("manager1", "/Technicians", false)]
    public async Task Each_role_may_open_only_its_field_work_pages(string user, string url, bool allowed)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(url);
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
    public async Task A_technician_cannot_post_a_dispatch()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        using var tech = await Client().SignedInAsync("tech1");
        using var response = await tech.PostAsync("/Dispatch/Assign/" + ticket.Id, [new("Input.AppointmentDate", TestData.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(db.WorkOrders);
    }
}
