using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using AfterSales.Web.Pages.Tickets;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>Builds customers, units and tickets straight through the domain and the real database.</summary>
public static class TestData
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static async Task<ProductModel> ModelAsync(AfterSalesDbContext db, string code = "KFR-35GW") =>
        await db.ProductModels.FirstAsync(m => m.Code == code);

    public static async Task<(Customer Customer, Unit Unit)> CustomerWithUnitAsync(AfterSalesDbContext db, string name, string phone, string serial, DateOnly? purchased, bool proof = true, string model = "KFR-35GW")
    {
        var productModel = await ModelAsync(db, model);
        var customer = new Customer(CustomerKind.Person, name, "广州市天河区体育西路 1 号", DateTimeOffset.UtcNow);
        customer.AddPhone(phone);
        db.Customers.Add(customer);
        var unit = new Unit(customer.Id, productModel.Id, serial, purchased, proof, proof ? "INV-" + serial : null, null, Today);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return (customer, unit);
    }

    public static async Task<Ticket> TicketAsync(AfterSalesDbContext db, Customer customer, Unit? unit, string fault = "空调不制冷", TicketKind kind = TicketKind.Repair, DateTimeOffset? at = null, Urgency urgency = Urgency.Normal)
    {
        var model = unit is null ? null : await db.ProductModels.FirstAsync(m => m.Id == unit.ProductModelId);
        var decision = unit is null || model is null ? UnitWarranty.Decide(null, null, false, null, Today) : UnitWarranty.Decide(model, unit, Today);
        var number = await TicketNumbers.NextAsync(db, Today, CancellationToken.None);
        var ticket = Ticket.Create(
            number,
            new TicketIntake { CustomerId = customer.Id, UnitId = unit?.Id, ProductModelId = model?.Id, Channel = ContactChannel.Phone, Kind = kind, ServiceMode = ServiceMode.OnSite, FaultDescription = fault, Urgency = urgency },
            decision,
            at ?? DateTimeOffset.UtcNow,
            "desk1");
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        return ticket;
    }
}
