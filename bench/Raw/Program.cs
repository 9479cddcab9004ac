using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;

// The raw baseline: the same SQL the ticket list runs, read with Npgsql and written out as an HTML table by hand.
//   /raw/noop            a page that does no work
//   /raw/tickets         the newest 50 tickets (?after=ticks.id for the next page)
//   /raw/tickets?q=漏水   the same search the list does for a word of any length
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration["ConnectionString"] ?? throw new InvalidOperationException("ConnectionString is required");
await using var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40 }.ConnectionString).Build();
var app = builder.Build();

app.MapGet("/raw/noop", () => Results.Content("<!DOCTYPE html><html><body><p>ok</p></body></html>", "text/html; charset=utf-8"));
app.MapGet("/raw/tickets", async (string? q, string? after, CancellationToken cancellationToken) =>
{
    var where = new List<string>();
    await using var command = dataSource.CreateCommand();
    if (!string.IsNullOrEmpty(q))
    {
        where.Add("grams_match(t.search_grams, @q)");
        command.Parameters.AddWithValue("q", q);
        if (q.Length > 2)
        {
            where.Add("(t.fault_description ILIKE @like OR EXISTS (SELECT 1 FROM customers c2 WHERE c2.id = t.customer_id AND c2.name ILIKE @like))");
            command.Parameters.AddWithValue("like", "%" + q + "%");
        }
    }

    if (after?.Split('.') is [var ticks, var id])
    {
        where.Add("(t.created_at, t.id) < (@at, @id)");
        command.Parameters.AddWithValue("at", new DateTime(long.Parse(ticks, CultureInfo.InvariantCulture), DateTimeKind.Utc));
        command.Parameters.AddWithValue("id", long.Parse(id, CultureInfo.InvariantCulture));
    }

    command.CommandText =
        $"""
        SELECT t.id, t.number, t.created_at, c.name, m.code, t.kind, t.urgency, t.status, t.warranty_status, t.fault_description
        FROM (SELECT t.id, t.created_at FROM tickets t {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
              ORDER BY t.created_at DESC, t.id DESC LIMIT 51) k
        JOIN tickets t ON t.id = k.id
        JOIN customers c ON c.id = t.customer_id
        LEFT JOIN product_models m ON m.id = t.product_model_id
        ORDER BY t.created_at DESC, t.id DESC
        """;
    var html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>工单</title></head><body><table><thead><tr><th>单号</th><th>时间</th><th>客户</th><th>型号</th><th>类型</th><th>紧急</th><th>状态</th><th>保修</th><th>故障</th></tr></thead><tbody>");
    string? next = null;
    var rows = 0;
    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            if (++rows > 50)
            {
                break;
            }

            var created = reader.GetFieldValue<DateTime>(2);
            next = string.Create(CultureInfo.InvariantCulture, $"{created.Ticks}.{reader.GetInt64(0)}");
            var fault = reader.GetString(9);
            html.Append("<tr><td><a href=\"/Tickets/").Append(WebUtility.HtmlEncode(reader.GetString(1))).Append("\">").Append(WebUtility.HtmlEncode(reader.GetString(1))).Append("</a></td><td>")
                .Append(created.AddHours(8).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</td><td>").Append(WebUtility.HtmlEncode(reader.GetString(3)))
                .Append("</td><td>").Append(reader.IsDBNull(4) ? "" : WebUtility.HtmlEncode(reader.GetString(4)));
            for (var i = 5; i <= 8; i++)
            {
                html.Append("</td><td>").Append(WebUtility.HtmlEncode(reader.GetString(i)));
            }

            html.Append("</td><td>").Append(WebUtility.HtmlEncode(fault.Length > 60 ? fault[..60] + "…" : fault)).Append("</td></tr>");
        }
    }

    html.Append("</tbody></table>");
    if (rows > 50 && next is not null)
    {
        html.Append("<a href=\"/raw/tickets?after=").Append(next).Append("\">下一页</a>");
    }

    return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
});

await app.RunAsync();
