using System.Data.Common;
using System.Runtime.CompilerServices;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Pages.Tickets;

/// <summary>
/// The rows of a ticket export, newest first, read one by one from a PostgreSQL data reader. Not through EF's query
/// enumerator: with the retrying execution strategy (EnableRetryOnFailure) EF reads a whole result into memory before
/// handing out the first row, so a 100,000-row export would sit in memory; the reader holds one row at a time.
/// </summary>
public static class TicketExportRows
{
    /// <summary>One exported ticket; enums as their stored names (translated when written).</summary>
    public sealed record Row(string Number, DateTimeOffset CreatedAt, string Customer, string? Model, string Kind, string Channel, string Urgency, string Status, string Warranty, string Fault, string? Technician);

    public static async IAsyncEnumerable<Row> ReadAsync(AfterSalesDbContext db, IQueryable<Ticket> tickets, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => new
        {
            t.Number,
            t.CreatedAt,
            Customer = db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).First(),
            Model = db.ProductModels.Where(m => m.Id == t.ProductModelId).Select(m => m.Code).FirstOrDefault(),
            t.Kind,
            t.Channel,
            t.Urgency,
            t.Status,
            t.WarrantyStatus,
            t.FaultDescription,
            Technician = db.Users.Where(u => u.Id == t.AssignedTechnicianId).Select(u => u.FullName).FirstOrDefault(),
        });

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = query.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // A whole row is in the reader's buffer once ReadAsync returns: the getters below do no I/O.
                yield return new Row(
                    reader.GetString(0),
                    reader.GetFieldValue<DateTimeOffset>(1),
                    Text(reader, 2) ?? "",
                    Text(reader, 3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.GetString(8),
                    Text(reader, 9) ?? "",
                    Text(reader, 10));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
