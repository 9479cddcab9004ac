using System.Globalization;
using System.Net;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>
/// Hostile input on every form and query the app serves: control characters (NUL included), bidirectional overrides,
/// extreme and malformed dates, huge numbers, over-long text, markup and spreadsheet formulas. Nothing answers 500, and
/// nothing the input policy refuses is stored (no control character, no silently cut text, no date outside 1900–2100).
/// </summary>
public sealed class HostileInputTests(AppFixture app, ITestOutputHelper output) : AppTest(app)
{
    private const char Long = '超';

    /// <summary>Text the input policy refuses: it must never reach the database.</summary>
    private static readonly string[] Refused =
    [
        "a\0b", "\0", "不制冷\u0007响铃", "\u001B[2J清屏", "合同\u202Egnp.exe", "\u2066隔离\u2069文字", "删除\u007F", "下一行\u0085", "\u0001\u0002\u0003",
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2026-02-30", "99999-01-01", "-0001-01-01", "not-a-date", "1989-12-31", "2026-13-01",
    ];

    private static readonly string[] Numbers =
    [
        "99999999999999999999999", "-99999999999", "1e309", "NaN", "-0", "0x10", "2147483648", "79228162514264337593543950336", "-1",
    ];

    private static readonly string[] Others =
    [
        new string(Long, 10_001), new string('9', 5_000), "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "=HYPERLINK(\"http://evil\",\"点我\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "'; DROP TABLE tickets; --", "%00", "../../etc/passwd", "　", "😀👍",
    ];

    private static readonly string[] All = [.. Refused, .. Dates, .. Numbers, .. Others];

    private int _sent;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SendAsync(AppClient client, string url, IEnumerable<KeyValuePair<string, string>>? form, string what)
    {
        _sent++;
        var response = form is null ? await client.GetAsync(url) : await client.PostAsync(url, form);
        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");
        return response;
    }

    /// <summary>How many stored values break the policy: refused characters, long runs of the over-long text, dates outside 1900–2100.</summary>
    private async Task<Dictionary<string, long>> LeftoversAsync()
    {
        var found = new Dictionary<string, long>();
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            "select table_name, column_name, data_type from information_schema.columns c where table_schema = 'public' and data_type in ('text', 'character varying', 'date', 'timestamp with time zone', 'timestamp without time zone') and exists (select 1 from information_schema.tables t where t.table_schema = 'public' and t.table_name = c.table_name and t.table_type = 'BASE TABLE')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (table, column, type) in columns)
        {
            var condition = type is "text" or "character varying"
                ? $"\"{column}\" ~ '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u202A-\\u202E\\u2066-\\u2069]' or \"{column}\" like '%{new string(Long, 20)}%'"
                : $"\"{column}\" < '1900-01-01' or \"{column}\" > '2101-01-01'";
            await using var count = new NpgsqlCommand($"select count(*) from \"{table}\" where {condition}", connection);
            var n = (long)(await count.ExecuteScalarAsync())!;
            if (n > 0)
            {
                found[$"{table}.{column}"] = n;
            }
        }

        return found;
    }

    private async Task<Dictionary<string, string>> IntakeFormAsync(AppClient desk)
    {
        var page = await desk.GetDocumentAsync("/Tickets/New");
        await using var db = App.NewDbContext();
        var model = await TestData.ModelAsync(db);
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["Input.IntakeKey"] = page.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value,
            ["Input.Phone"] = "139 1234 5678",
            ["Input.CustomerName"] = "陈女士",
            ["Input.CustomerKind"] = "Person",
            ["Input.Address"] = "深圳市南山区科技园",
            ["Input.ProductModelId"] = model.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.SerialNumber"] = "KF2201-0001",
            ["Input.PurchaseDate"] = Day(TestData.Today.AddYears(-3)),
            ["Input.HasProof"] = "true",
            ["Input.InvoiceNumber"] = "INV-1",
            ["Input.Dealer"] = "国美",
            ["Input.Channel"] = "Phone",
            ["Input.Kind"] = "Complaint",
            ["Input.FaultDescription"] = "空调开机后不制冷，外机不转",
            ["Input.FaultCategory"] = "不制冷",
            ["Input.Urgency"] = "High",
            ["Input.ServiceMode"] = "OnSite",
            ["Input.PreferredTime"] = "周六上午",
            ["Input.EstimatedAmount"] = "350",
        };
    }

    /// <summary>Posts every field of one form (as the page renders it) with hostile values in turn, <paramref name="each"/> per field.</summary>
    private async Task FormsAsync(AppClient client, string pageUrl, int each)
    {
        using var response = await client.GetAsync(pageUrl);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {pageUrl} answered {(int)response.StatusCode}");
        var page = await AppClient.ParseAsync(response);
        var offset = pageUrl.Length;
        foreach (var form in page.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
            if (action.Contains("Logout", StringComparison.OrdinalIgnoreCase) || action.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var post = string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase);
            var fields = new List<KeyValuePair<string, string>>();
            var targets = new List<string>();
            foreach (var element in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
            {
                var name = element.GetAttribute("name")!;
                switch (element)
                {
                    case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                        if (box.IsChecked)
                        {
                            fields.Add(new(name, box.Value));
                        }

                        break;
                    case IHtmlInputElement { Type: "hidden" or "submit" or "button" or "file" } input:
                        fields.Add(new(name, input.Value));
                        break;
                    case IHtmlInputElement input:
                        fields.Add(new(name, input.Value));
                        targets.Add(name);
                        break;
                    case IHtmlTextAreaElement area:
                        fields.Add(new(name, area.Value));
                        targets.Add(name);
                        break;
                    case IHtmlSelectElement select:
                        fields.Add(new(name, select.Value ?? ""));
                        break;
                }
            }

            foreach (var target in targets.Distinct())
            {
                for (var n = 0; n < each; n++)
                {
                    var value = All[(offset++ * 7) % All.Length];
                    var sent = fields.Select(f => f.Key == target ? new KeyValuePair<string, string>(f.Key, value) : f).ToList();
                    var what = $"{(post ? "POST" : "GET")} {action} with {target}={Show(value)} (from {pageUrl})";
                    if (post)
                    {
                        using var answer = await SendAsync(client, action, sent, what);
                    }
                    else
                    {
                        var query = string.Join("&", sent.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
                        using var answer = await SendAsync(client, action + (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query, null, what);
                    }
                }
            }
        }
    }

    private static string Show(string value) =>
        value.Length > 24 ? $"{value[..8]}…({value.Length})" : string.Concat(value.Select(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public async Task Hostile_input_on_every_form_and_query_never_fails_and_nothing_refused_is_stored()
    {
        var before = await LeftoversAsync();
        string ticketNumber;
        long customerId, unitId;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "周先生", "13811112222", "KF2401-7777", TestData.Today.AddMonths(-3));
            var ticket = await TestData.TicketAsync(db, customer, unit, "空调不制冷");
            ticketNumber = ticket.Number;
            customerId = customer.Id;
            unitId = unit.Id;
        }

        // 1. The call intake, field by field, with everything else valid: refused text saves nothing and says why.
        using var desk = await Client().SignedInAsync("desk1");
        string[] textFields = ["Input.Phone", "Input.CustomerName", "Input.Address", "Input.SerialNumber", "Input.InvoiceNumber", "Input.Dealer", "Input.FaultDescription", "Input.FaultCategory", "Input.PreferredTime"];
        foreach (var field in textFields)
        {
            foreach (var value in Refused.Append(new string(Long, 10_001)))
            {
                var form = await IntakeFormAsync(desk);
                form[field] = value;
                using var response = await SendAsync(desk, "/Tickets/New", form, $"intake with {field}={Show(value)}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"intake with {field}={Show(value)} answered {(int)response.StatusCode} {response.Headers.Location}");
                var page = await AppClient.ParseAsync(response);
                var said = page.QuerySelector("[data-testid=error-page]") is not null
                    || page.QuerySelectorAll(".text-danger, .validation-summary-errors, [data-testid=input-refused]").Any(e => !string.IsNullOrWhiteSpace(e.TextContent));
                Assert.True(said, $"intake with {field}={Show(value)} gave no message");
            }
        }

        foreach (var date in Dates.Concat(["1989-12-31", Day(TestData.Today.AddDays(1))]))
        {
            var form = await IntakeFormAsync(desk);
            form["Input.PurchaseDate"] = date;
            using var response = await SendAsync(desk, "/Tickets/New", form, $"intake with purchase date {date}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // ("-0" is a fair estimate of nothing: it would be saved, so it is left to the generic pass below.)
        foreach (var number in Numbers.Where(n => n != "-0"))
        {
            var form = await IntakeFormAsync(desk);
            form["Input.EstimatedAmount"] = number;
            using var response = await SendAsync(desk, "/Tickets/New", form, $"intake with estimate {number}");
        }

        await using (var db = App.NewDbContext())
        {
            Assert.Equal(1, await db.Tickets.CountAsync());
        }

        // 2. Queries: extreme dates on the reports answer with a message, never 500.
        using var quality = await Client().SignedInAsync("quality1");
        using var manager = await Client().SignedInAsync("manager1");
        foreach (var date in Dates)
        {
            var q = Uri.EscapeDataString(date);
            foreach (var (client, url) in new[]
            {
                (desk, $"/WorkOrders/Daily?date={q}"), (desk, $"/FollowUps/Weekly?week={q}"), (desk, $"/FollowUps/Weekly?handler=Csv&week={q}"),
                (quality, $"/Quality/Summary?date={q}"), (quality, $"/Quality/Summary?period=week&date={q}"), (quality, $"/Quality/Summary?handler=Csv&date={q}"),
                (manager, $"/Tickets?F.From={q}&F.To={q}"), (manager, $"/Dispatch?F.From={q}"), (manager, $"/Discipline/Records?view=all&From={q}&To={q}"),
                (desk, $"/Tickets/New?handler=Warranty&modelId=1&purchaseDate={q}&hasProof=true"),
            })
            {
                using var response = await SendAsync(client, url, null, $"GET {url}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"GET {url} answered {(int)response.StatusCode}");
            }
        }

        foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "1950-06-01", "2099-01-01" })
        {
            foreach (var (client, url) in new[] { (desk, $"/WorkOrders/Daily?date={date}"), (desk, $"/FollowUps/Weekly?week={date}"), (quality, $"/Quality/Summary?date={date}") })
            {
                var page = await client.GetDocumentAsync(url);
                Assert.True(page.QuerySelector("[data-testid=input-refused]") is not null, $"GET {url} gave no message");
            }
        }

        foreach (var value in Refused.Concat(Others).Concat(Numbers))
        {
            var q = Uri.EscapeDataString(value);
            foreach (var (client, url) in new[]
            {
                (desk, $"/Tickets?F.Q={q}"), (desk, $"/Tickets/New?handler=Lookup&q={q}"), (desk, $"/Tickets/Export?format=csv&F.Q={q}"),
                (manager, $"/Dispatch?F.Q={q}"), (manager, $"/Discipline/Records?Employee={q}"), (quality, $"/Quality/Complaints?model={q}"),
                (desk, $"/FollowUps?tech={q}"), (desk, $"/Tickets/{q}"), (manager, $"/Tallies/{q}"), (desk, $"/Discipline/Me?Year={q}"),
            })
            {
                using var response = await SendAsync(client, url, null, $"GET {url}");
            }
        }

        // 3. Every other form, as each role sees it, with hostile values field by field.
        using var anonymous = Client();
        await FormsAsync(anonymous, "/Account/Login", 6);
        foreach (var url in new[] { "/Tickets", $"/Tickets/{ticketNumber}", $"/Customers/{customerId}", $"/Units/{unitId}", "/FollowUps", "/FollowUps/Weekly", "/WorkOrders/Daily", "/Account/ChangePassword", "/Discipline/Me" })
        {
            await FormsAsync(desk, url, 3);
        }

        foreach (var url in new[] { "/Dispatch", "/Discipline/Records", "/Tickets/Views", "/Exchanges", "/Tallies/" + TestData.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
        {
            await FormsAsync(manager, url, 3);
        }

        foreach (var url in new[] { "/Quality/Complaints", "/Quality/Reports", "/Quality/Summary" })
        {
            await FormsAsync(quality, url, 3);
        }

        using var admin = await Client().SignedInAsync("admin1");
        foreach (var url in new[] { "/Admin/Users", "/Admin/Calendar", "/Admin/Products", "/Discipline/Rules" })
        {
            await FormsAsync(admin, url, 3);
        }

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        await FormsAsync(dispatcher, "/Technicians", 3);

        var after = await LeftoversAsync();
        Assert.Equal(before, after);
        output.WriteLine($"{_sent} hostile requests sent, none answered 500; nothing refused was stored.");
        Assert.True(_sent >= 150, $"only {_sent} hostile inputs");
    }
}
