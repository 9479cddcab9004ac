using AfterSales.Domain.Complaints;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Infrastructure.Quality;
using AfterSales.Web.Tests.Infrastructure;
using AfterSales.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Quality;

/// <summary>Complaints straight through the domain and the real database, as the intake would record them.</summary>
public static class QualityData
{
    public static async Task<(Complaint Complaint, Ticket Ticket)> ComplaintAsync(AppFixture app, string serial, string phone, string fault = "不制冷", DateTimeOffset? at = null, string model = "KFR-35GW", string handler = "desk1")
    {
        await using var db = app.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "投诉客户" + serial, phone, serial, TestData.Today.AddMonths(-3), model: model);
        var when = at ?? DateTimeOffset.UtcNow;
        var ticket = await TestData.TicketAsync(db, customer, unit, "客户投诉：" + fault, TicketKind.Complaint, when);
        var settings = app.Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Web.Infrastructure.Settings.QualityOptions>>().Value.Classification;
        var clock = app.Factory.Services.GetRequiredService<CompanyClock>();
        var complaint = await ComplaintLedger.RecordAsync(db, ticket, ComplaintSource.Intake, fault, "尽快解决", handler, when, settings, clock, CancellationToken.None);
        await db.SaveChangesAsync();
        return (complaint, ticket);
    }

    public static async Task<Complaint> ReloadAsync(AppFixture app, long id)
    {
        await using var db = app.NewDbContext();
        return await db.Complaints.AsNoTracking().FirstAsync(c => c.Id == id);
    }
}
