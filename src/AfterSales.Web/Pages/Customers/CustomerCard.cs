using AfterSales.Domain.Customers;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Customers;

/// <summary>
/// What the customer card (<c>/Customers/{id}</c>) shows: the customer with their phone numbers, the units they
/// registered (newest first), their latest tickets, and the product models a new unit may be registered under.
/// </summary>
public sealed record CustomerCard(
    Customer Customer,
    IReadOnlyList<CustomerCard.PhoneRow> Phones,
    IReadOnlyList<CustomerCard.UnitRow> Units,
    IReadOnlyList<CustomerCard.TicketRow> Tickets,
    IReadOnlyList<CustomerCard.ModelOption> Models)
{
    /// <summary>Most tickets listed on the card (the newest).</summary>
    public const int TicketLimit = 50;

    public sealed record PhoneRow(string Number, string? Label);

    public sealed record UnitRow(long Id, string ModelCode, string ModelName, string SerialNumber, DateOnly? PurchaseDate, bool HasProofOfPurchase, string? InvoiceNumber, string? Dealer);

    public sealed record TicketRow(string Number, DateTimeOffset CreatedAt, TicketKind Kind, TicketStatus Status, WarrantyStatus WarrantyStatus);

    public sealed record ModelOption(long Id, string Code, string Name, string CategoryName, bool Discontinued);

    /// <summary>The card of customer <paramref name="id"/>, or null when there is no such customer.</summary>
    public static async Task<CustomerCard?> LoadAsync(AfterSalesDbContext db, long id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Phones).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var phones = customer.Phones.OrderBy(p => p.Id).Select(p => new PhoneRow(p.Number, p.Label)).ToList();
        var units = await (from u in db.Units.AsNoTracking()
                           join m in db.ProductModels on u.ProductModelId equals m.Id
                           where u.CustomerId == id
                           orderby u.Id descending
                           select new UnitRow(u.Id, m.Code, m.Name, u.SerialNumber, u.PurchaseDate, u.HasProofOfPurchase, u.InvoiceNumber, u.Dealer))
            .ToListAsync(cancellationToken);
        var tickets = await db.Tickets.AsNoTracking()
            .Where(t => t.CustomerId == id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(TicketLimit)
            .Select(t => new TicketRow(t.Number, t.CreatedAt, t.Kind, t.Status, t.WarrantyStatus))
            .ToListAsync(cancellationToken);
        var models = await db.ProductModels.AsNoTracking()
            .OrderBy(m => m.Category!.Code).ThenBy(m => m.Code)
            .Select(m => new ModelOption(m.Id, m.Code, m.Name, m.Category!.Name, m.Discontinued))
            .ToListAsync(cancellationToken);
        return new CustomerCard(customer, phones, units, tickets, models);
    }
}
