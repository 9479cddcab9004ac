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
        // The list's own columns (TicketListQuery.Project), read column by column: 0 is the id.
        var query = TicketListQuery.Project(db, tickets.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id));

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = query.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // A whole row is in the reader's buffer once ReadAsync returns: the getters below do no I/O.
                yield return new Row(
                    reader.GetString(1),
                    reader.GetFieldValue<DateTimeOffset>(2),
                    Text(reader, 3) ?? "",
                    Text(reader, 4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.GetString(8),
                    reader.GetString(9),
                    Text(reader, 10) ?? "",
                    Text(reader, 11));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
