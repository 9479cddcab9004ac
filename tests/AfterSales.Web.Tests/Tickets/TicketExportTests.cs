using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AfterSales.Domain.Tickets;
using AfterSales.Web.Infrastructure.Exporting;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace AfterSales.Web.Tests.Tickets;

public sealed class TicketExportTests(AppFixture app) : AppTest(app)
{
    private const string Hostile = "=HYPERLINK(\"http://evil\",\"点我\")";

    private static async Task<List<string>> ListedAsync(AppClient client, string query)
    {
        // Every page of the list, through its "next page" links.
        var numbers = new List<string>();
        var url = "/Tickets?" + query;
        while (url is not null)
        {
            var page = await client.GetDocumentAsync(url);
            numbers.AddRange(page.QuerySelectorAll("[data-testid=ticket-row]").Select(r => r.GetAttribute("data-number")!));
            url = page.QuerySelector("#next-page")?.GetAttribute("href")!;
        }

        return numbers;
    }

    private static async Task<List<string[]>> CsvAsync(AppClient client, string query)
    {
        using var response = await client.GetAsync("/Tickets/Export?format=csv&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "CSV starts with a byte order mark");
        return ParseCsv(Encoding.UTF8.GetString(bytes.AsSpan(3)));
    }

    private static async Task<List<IDictionary<string, object>>> XlsxAsync(AppClient client, string query)
    {
        using var response = await client.GetAsync("/Tickets/Export?format=xlsx&" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    private async Task<(Ticket Complaint, List<Ticket> All)> SeedAsync(int repairs)
    {
        await using var db = App.NewDbContext();
        var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "周先生", "13722223333", "KF2401-7777", TestData.Today.AddYears(-3));
        var (hostile, hostileUnit) = await TestData.CustomerWithUnitAsync(db, "+86 黑客", "13722224444", "KF2401-8888", TestData.Today.AddYears(-3));
        var all = new List<Ticket>();
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        for (var i = 0; i < repairs; i++)
        {
            all.Add(await TestData.TicketAsync(db, customer, unit, "空调不制冷，第 " + i + " 次", at: start.AddMinutes(i)));
        }

        var complaint = await TestData.TicketAsync(db, hostile, hostileUnit, Hostile, kind: TicketKind.Complaint, at: start.AddMinutes(-30));
        all.Add(complaint);
        return (complaint, all);
    }

    [Fact]
    public async Task The_csv_and_excel_exports_hold_exactly_the_filtered_list_newest_first_not_just_one_page()
    {
        var (complaint, all) = await SeedAsync(65);
        using var desk = await Client().SignedInAsync("desk1");

        foreach (var query in new[] { "F.Kind=Repair", "F.Q=" + Uri.EscapeDataString("不制冷"), "F.Q=13722223333", "F.Kind=Complaint", "" })
        {
            var listed = await ListedAsync(desk, query + (query.Length == 0 ? "all=1" : ""));
            var csv = await CsvAsync(desk, query);
            Assert.Equal(listed, csv.Skip(1).Select(r => r[0]).ToList());
            var xlsx = await XlsxAsync(desk, query);
            Assert.Equal(listed, xlsx.Select(r => (string)r["服务单号"]).ToList());
        }

        Assert.Equal(65, (await ListedAsync(desk, "F.Kind=Repair")).Count);

        // Sorted oldest first on the screen: the export is still newest first, the same rows.
        var oldest = await ListedAsync(desk, "F.Kind=Repair&F.Oldest=true");
        Assert.Equal(Enumerable.Reverse(oldest), (await CsvAsync(desk, "F.Kind=Repair&F.Oldest=true")).Skip(1).Select(r => r[0]));

        // The columns as the list shows them, in the user's language.
        var rows = await CsvAsync(desk, "F.Kind=Complaint");
        Assert.Equal(["服务单号", "登记时间", "客户", "型号", "类别", "渠道", "紧急程度", "状态", "保修判定", "故障描述 / 诉求", "维修员"], rows[0]);
        var line = rows[1];
        Assert.Equal(complaint.Number, line[0]);
        Assert.Equal("KFR-35GW", line[3]);
        Assert.Equal("投诉", line[4]);
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised_in_both_formats()
    {
        var (complaint, _) = await SeedAsync(1);
        using var desk = await Client().SignedInAsync("desk1");

        var csv = await CsvAsync(desk, "F.Kind=Complaint");
        Assert.Equal("'" + Hostile, csv[1][9]);
        Assert.Equal("'+86 黑客", csv[1][2]);

        var xlsx = Assert.Single(await XlsxAsync(desk, "F.Kind=Complaint"));
        Assert.Equal(complaint.Number, xlsx["服务单号"]);
        Assert.Equal("'" + Hostile, xlsx["故障描述 / 诉求"]);
        Assert.Equal("'+86 黑客", xlsx["客户"]);
        Assert.IsType<DateTime>(xlsx["登记时间"]);
    }

    [Fact]
    public async Task Headers_follow_the_users_language()
    {
        await SeedAsync(1);
        using var desk = await Client().SignedInAsync("desk1");
        var csv = await CsvAsync(desk, "F.Kind=Complaint&culture=en&ui-culture=en");
        Assert.Equal("Ticket number", csv[0][0]);
        Assert.Equal("Logged at", csv[0][1]);
        Assert.Equal("Complaint", csv[1][4]);
        var xlsx = Assert.Single(await XlsxAsync(desk, "F.Kind=Complaint&culture=en&ui-culture=en"));
        Assert.Contains("Ticket number", xlsx.Keys);
    }

    [Fact]
    public async Task The_count_is_shown_first_and_an_export_above_the_limit_is_refused_with_a_message()
    {
        await SeedAsync(6);
        using var desk = await Client().SignedInAsync("desk1");

        using (var count = await desk.GetAsync("/Tickets/Export?handler=Count&F.Kind=Repair"))
        {
            using var json = JsonDocument.Parse(await count.Content.ReadAsStringAsync());
            Assert.Equal(6, json.RootElement.GetProperty("count").GetInt32());
            Assert.False(json.RootElement.GetProperty("tooMany").GetBoolean());
            Assert.Equal("导出 Excel（6 条）", json.RootElement.GetProperty("xlsx").GetString());
        }

        var summary = await desk.GetDocumentAsync("/Tickets/Export?F.Kind=Repair");
        Assert.Equal("6", summary.QuerySelector("[data-testid=export-count]")!.GetAttribute("data-count"));

        var configuration = App.Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        configuration["Tickets:ExportLimit"] = "5";
        try
        {
            using (var refused = await desk.GetAsync("/Tickets/Export?format=xlsx&F.Kind=Repair"))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
                var page = await AppClient.ParseAsync(refused);
                Assert.Contains("超过 5 条，无法导出。请缩小筛选范围", page.QuerySelector("[data-testid=export-refused]")!.TextContent, StringComparison.Ordinal);
            }

            using (var refusedCsv = await desk.GetAsync("/Tickets/Export?format=csv&F.Kind=Repair"))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedCsv.StatusCode);
            }

            using (var count = await desk.GetAsync("/Tickets/Export?handler=Count&F.Kind=Repair"))
            {
                using var json = JsonDocument.Parse(await count.Content.ReadAsStringAsync());
                Assert.True(json.RootElement.GetProperty("tooMany").GetBoolean());
            }

            // Exactly at the limit is allowed.
            configuration["Tickets:ExportLimit"] = "6";
            Assert.Equal(7, (await CsvAsync(desk, "F.Kind=Repair")).Count);
        }

        finally
        {
            configuration["Tickets:ExportLimit"] = null;
        }
    }

    [Theory]
    [InlineData("F.Q=%00abc")]
    [InlineData("F.Q=" + "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890X")]
    public async Task A_search_the_list_refuses_is_refused_by_the_export_too(string query)
    {
        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.GetAsync("/Tickets/Export?format=csv&" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await AppClient.ParseAsync(response)).QuerySelector("[data-testid=export-refused]"));
        using var bogus = await desk.GetAsync("/Tickets/Export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
    }

    [Theory]
    [InlineData("tech1")]
    [InlineData("admin1")]
    public async Task Only_staff_of_the_ticket_list_export_it(string user)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync("/Tickets/Export?format=csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Twenty_thousand_rows_stream_out_as_they_are_read()
    {
        var (template, _) = await SeedAsync(1);
        // In slices, each well within a command's timeout on a busy machine (every row computes its search grams).
        for (var slice = 0; slice < 5; slice++)
        {
            var offset = slice * 4_000;
            await Bulk.CloneAsync(App, "tickets", template.Id, 4_000, new Dictionary<string, string>
            {
                ["number"] = $"'EX-' || lpad((g + {offset})::text, 6, '0')",
                ["intake_key"] = "null",
                ["created_at"] = $"t.created_at - (g + {offset}) * interval '1 second'",
            });
        }

        using var desk = await Client().SignedInAsync("desk1");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = desk.Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };

        // The answer starts before the file is complete: chunked, with no length known in advance.
        using var response = await http.GetAsync(new Uri("/Tickets/Export?format=xlsx&F.Kind=Complaint", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("20001", response.Headers.GetValues("X-Export-Rows").Single());
        await using var body = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body);
        body.Position = 0;
        var rows = body.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(20_001, rows.Count);
        Assert.Equal(template.Number, rows[0]["服务单号"]);
        Assert.Equal("EX-020000", rows[^1]["服务单号"]);

        using var csv = await http.GetAsync(new Uri("/Tickets/Export?format=csv&F.Kind=Complaint", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(csv.Content.Headers.ContentLength);
        var lines = ParseCsv(Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync()).AsSpan(3)));
        Assert.Equal(20_002, lines.Count);
    }

    [Fact]
    public async Task The_excel_writer_holds_a_bounded_buffer_whatever_the_number_of_rows()
    {
        var output = new CountingStream();
        await using (var writer = await XlsxStreamWriter.CreateAsync(output, "工单", ["编号", "故障"], CancellationToken.None))
        {
            for (var i = 0; i < 20_000; i++)
            {
                await writer.WriteRowAsync([$"SR-{i:D6}", "空调外机噪音很大，客户要求尽快上门，" + Guid.NewGuid()], CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
            Assert.InRange(writer.MostBuffered, 1, 4 * XlsxStreamWriter.ChunkSize);
        }

        // Handed on in many pieces as the rows came, not in one at the end.
        Assert.True(output.Writes > 10, $"{output.Writes} writes");
        output.Written.Position = 0;
        var rows = output.Written.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(20_000, rows.Count);
        Assert.Equal("SR-019999", rows[^1]["编号"]);
    }

    /// <summary>An output that refuses synchronous writes (as an ASP.NET Core response does) and counts the asynchronous ones.</summary>
    private sealed class CountingStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public int Writes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written.Length;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
