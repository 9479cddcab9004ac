using Npgsql;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>
/// Volume for queue tests, fast: a template row made through the domain is copied thousands of times in one
/// <c>INSERT … SELECT</c> over <c>generate_series(1, count) g</c> (the template is <c>t</c>), with chosen columns
/// replaced by SQL expressions of <c>g</c>. Ids come from the HiLo sequence, one block per row, so they never
/// collide with ids the running app hands out.
/// </summary>
public static class Bulk
{
    public static async Task CloneAsync(AppFixture app, string table, long templateId, int count, IReadOnlyDictionary<string, string> set, string join = "")
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var command = new NpgsqlCommand(
            "select column_name from information_schema.columns where table_schema = 'public' and table_name = @table and is_generated = 'NEVER' order by ordinal_position", connection))
        {
            command.Parameters.AddWithValue("table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var values = columns.Select(c => c == "id" ? "nextval('\"EntityFrameworkHiLoSequence\"')" : set.TryGetValue(c, out var expression) ? expression : "t.\"" + c + "\"");
        var sql = $"insert into {table} ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) select {string.Join(", ", values)} from {table} t cross join generate_series(1, {count}) g {join} where t.id = {templateId}";
        await using (var insert = new NpgsqlCommand(sql, connection))
        {
            await insert.ExecuteNonQueryAsync();
        }

        await using var analyze = new NpgsqlCommand($"analyze {table}", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>A SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A SQL date literal.</summary>
    public static string Literal(DateOnly value) => "date '" + value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "'";
}
