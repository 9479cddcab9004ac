using AfterSales.Domain.Customers;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Catalog;

/// <summary>Customers, units and tickets written straight to the database, the way the desk would have left them.</summary>
internal static class CatalogData
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>A code no other test (nor the seeded catalog) uses: the catalog is kept between tests.</summary>
    public static string NewCode(string prefix = "T") => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public static async Task<Customer> CustomerAsync(AppFixture app, string name = "张三", params string[] phones)
    {
        await using var db = app.NewDbContext();
        var customer = new Customer(CustomerKind.Person, name, "上海市浦东新区世纪大道 100 号", DateTimeOffset.UtcNow);
        foreach (var phone in phones.Length == 0 ? ["13800138000"] : phones)
        {
            customer.AddPhone(phone, "手机");
        }

        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public static async Task<ProductModel> ModelAsync(AppFixture app, string code = "KFR-35GW")
    {
        await using var db = app.NewDbContext();
        return await db.ProductModels.AsNoTracking().SingleAsync(m => m.Code == code);
    }

    public static async Task<Unit> UnitAsync(AppFixture app, long customerId, long modelId, string serial, DateOnly? purchased = null, bool proof = true)
    {
        await using var db = app.NewDbContext();
        var unit = new Unit(customerId, modelId, serial, purchased, proof, "INV-001", "苏宁电器", Today);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }

    public static Ticket Ticket(string number, Customer customer, Unit? unit, DateTimeOffset createdAt, string fault = "不制冷", TicketKind kind = TicketKind.Repair, bool hasProof = true)
    {
        var decision = WarrantyDecider.Decide(new WarrantyInput
        {
            PurchaseDate = unit?.PurchaseDate,
            HasProofOfPurchase = hasProof,
            WarrantyMonths = 12,
            Today = Today,
        });
        return Domain.Tickets.Ticket.Create(
            number,
            new TicketIntake
            {
                CustomerId = customer.Id,
                UnitId = unit?.Id,
                ProductModelId = unit?.ProductModelId,
                Channel = ContactChannel.Phone,
                Kind = kind,
                ServiceMode = ServiceMode.OnSite,
                FaultDescription = fault,
            },
            decision,
            createdAt,
            "desk1");
    }

    public static async Task SaveAsync(AppFixture app, params Ticket[] tickets)
    {
        await using var db = app.NewDbContext();
        db.Tickets.AddRange(tickets);
        await db.SaveChangesAsync();
    }

    public static string? Value(this IDocument page, string selector) =>
        page.QuerySelector(selector) switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            IHtmlSelectElement select => select.Value,
            _ => null,
        };

    public static string Text(this IDocument page, string selector) => page.QuerySelector(selector)?.TextContent ?? "";
}
