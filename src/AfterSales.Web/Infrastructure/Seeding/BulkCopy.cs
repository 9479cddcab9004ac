using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Web.Infrastructure.Seeding;

/// <summary>Binary COPY of rows into one table; a column is (name, type), a row its values in the same order (null allowed).</summary>
public static class BulkCopy
{
    public static async Task WriteAsync<T>(NpgsqlConnection connection, string table, IReadOnlyList<(string Name, NpgsqlDbType Type)> columns, IEnumerable<T> rows, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            var cells = values(row);
            await import.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (cells[i] is null)
                {
                    await import.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await import.WriteAsync(cells[i], columns[i].Type, cancellationToken);
                }
            }
        }

        await import.CompleteAsync(cancellationToken);
    }
}
