using AngleSharp.Dom;
using System.Net;
using System.Text.Json;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Web.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Tickets;

public sealed class IntakeTests(AppFixture app) : AppTest(app)
{
    private async Task<Dictionary<string, string>> NewCallFormAsync(AppClient client)
    {
        var page = await client.GetDocumentAsync("/Tickets/New");
        var key = page.QuerySelector<IHtmlInputElement>("#Input_IntakeKey")!.Value;
        await using var db = App.NewDbContext();
        var model = await TestData.ModelAsync(db);
        return new Dictionary<string, string>
        {
            ["Input.IntakeKey"] = key,
            ["Input.Phone"] = "139 1234 5678",
            ["Input.CustomerName"] = "陈女士",
            ["Input.CustomerKind"] = "Person",
            ["Input.Address"] = "深圳市南山区科技园",
            ["Input.ProductModelId"] = model.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SerialNumber"] = "KF2201-0001",
            ["Input.PurchaseDate"] = TestData.Today.AddYears(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.HasProof"] = "true",
            ["Input.Channel"] = "Phone",
            ["Input.Kind"] = "Repair",
            ["Input.FaultDescription"] = "空调开机后不制冷，外机不转",
            ["Input.Urgency"] = "High",
            ["Input.ServiceMode"] = "OnSite",
            ["Input.PreferredTime"] = "周六上午",
            ["Input.EstimatedAmount"] = "350",
        };
    }

    [Fact]
    public async Task A_call_from_a_new_customer_creates_customer_unit_and_ticket_and_says_what_to_tell_them()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        using var saved = await desk.PostFormAsync("/Tickets/New", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var location = saved.Headers.Location!.OriginalString;
        Assert.Matches(@"^/Tickets/SR-\d{8}-\d{4}\?created=True$", location);

        var page = await desk.GetDocumentAsync(location);
        Assert.Equal("OutOfWarranty", page.QuerySelector("[data-testid=ticket-warranty]")!.GetAttribute("data-status"));
        var tell = page.QuerySelector("[data-testid=tell-customer]")!.TextContent;
        Assert.Contains("周六上午", tell, StringComparison.Ordinal);
        Assert.Contains("保修期外", tell, StringComparison.Ordinal);
        Assert.Contains("¥350.00", tell, StringComparison.Ordinal);
        Assert.Contains("已于", page.QuerySelector("[data-testid=warranty-reasons]")!.TextContent, StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        var ticket = await db.Tickets.SingleAsync();
        Assert.Equal(TicketKind.Repair, ticket.Kind);
        Assert.Equal(Urgency.High, ticket.Urgency);
        var customer = await db.Customers.Include(c => c.Phones).SingleAsync();
        Assert.Equal("13912345678", customer.Phones.Single().Number);
        Assert.Equal("KF2201-0001", (await db.Units.SingleAsync()).SerialNumber);
        Assert.Equal("desk1", ticket.CreatedBy);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_makes_one_ticket_even_at_the_same_moment()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        var page = await desk.GetDocumentAsync("/Tickets/New");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var fields = form.Append(new("__RequestVerificationToken", token)).ToList();
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => desk.PostAsync("/Tickets/New", fields)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        using var again = await desk.PostAsync("/Tickets/New", fields);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        foreach (var r in responses)
        {
            r.Dispose();
        }

        await using var db = App.NewDbContext();
        Assert.Equal(1, await db.Tickets.CountAsync());
        Assert.Equal(1, await db.Customers.CountAsync());
    }

    public static TheoryData<string, string, string, string> BadInput() => new()
    {
        { "Input.Phone", "", "Input_Phone", "请输入来电号码" },
        { "Input.Phone", "12", "Input_Phone", "5 到 20 位" },
        { "Input.FaultDescription", "", "Input_FaultDescription", "请填写故障描述" },
        { "Input.FaultDescription", new string('坏', 2001), "Input_FaultDescription", "2000" },
        { "Input.CustomerName", "", "Input_CustomerName", "新客户请填写名称" },
        { "Input.PurchaseDate", "2099-01-01", "Input_PurchaseDate", "不能晚于今天" },
        { "Input.SerialNumber", "<script>", "Input_SerialNumber", "序列号只能包含" },
        { "Input.EstimatedAmount", "-5", "Input_EstimatedAmount", "预估费用应在" },
        { "Input.EstimatedAmount", "abc", "Input_EstimatedAmount", "不是有效的值" },
        { "Input.ProductModelId", "", "Input_ProductModelId", "请选择产品型号" },
        { "Input.UnitId", "987654321", "Input_UnitId", "不属于此客户或不存在" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_beside_its_field_keeps_what_was_typed_and_saves_nothing(string field, string value, string id, string message)
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        form[field] = value;
        using var response = await desk.PostFormAsync("/Tickets/New", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var errors = string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent));
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.Equal("深圳市南山区科技园", page.QuerySelector<IHtmlInputElement>("#Input_Address")!.Value);
        Assert.NotNull(page.QuerySelector("#" + id) ?? page.QuerySelector("[name='" + field + "']"));

        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task Script_in_the_fault_text_is_saved_as_text_and_shown_escaped()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        form["Input.FaultDescription"] = "<script>alert('x')</script> 不制冷";
        using var saved = await desk.PostFormAsync("/Tickets/New", form);
        using var page = await desk.GetAsync(saved.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert('x')</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serial_registered_to_another_customer_is_refused()
    {
        await using (var db = App.NewDbContext())
        {
            await TestData.CustomerWithUnitAsync(db, "王先生", "13500000001", "KF2201-0001", TestData.Today.AddMonths(-2));
        }

        using var desk = await Client().SignedInAsync("desk1");
        using var response = await desk.PostFormAsync("/Tickets/New", await NewCallFormAsync(desk));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已登记在其他客户名下", (await AppClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.SerialNumber']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_caller_is_found_by_phone_prefix_partial_number_and_name_with_their_units()
    {
        await using (var db = App.NewDbContext())
        {
            await TestData.CustomerWithUnitAsync(db, "欧阳娜娜", "13812345678", "KF2405-7777", TestData.Today.AddMonths(-3));
            await TestData.CustomerWithUnitAsync(db, "李四", "13999998888", "KF2405-8888", null, proof: false);
        }

        using var desk = await Client().SignedInAsync("desk1");
        async Task<JsonElement> Lookup(string q)
        {
            using var response = await desk.GetAsync("/Tickets/New?handler=Lookup&q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        Assert.Equal("欧阳娜娜", (await Lookup("1381234")).EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal("欧阳娜娜", (await Lookup("2345678")).EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal("欧阳娜娜", (await Lookup("138-1234-5678")).EnumerateArray().Single().GetProperty("name").GetString());
        var byName = (await Lookup("李")).EnumerateArray().Single();
        Assert.Equal("李四", byName.GetProperty("name").GetString());
        var unit = byName.GetProperty("units").EnumerateArray().Single();
        Assert.Equal("KF2405-8888", unit.GetProperty("serial").GetString());
        Assert.Equal("OutOfWarranty", unit.GetProperty("warranty").GetString());
        Assert.Empty((await Lookup("00000")).EnumerateArray());
    }

    [Fact]
    public async Task An_existing_caller_with_a_unit_in_warranty_gets_a_free_repair_and_a_new_number_is_added()
    {
        long customerId, unitId;
        await using (var db = App.NewDbContext())
        {
            var (customer, unit) = await TestData.CustomerWithUnitAsync(db, "赵先生", "13700000002", "KF2510-0003", TestData.Today.AddMonths(-2));
            (customerId, unitId) = (customer.Id, unit.Id);
        }

        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        form["Input.CustomerId"] = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Input.UnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Input.Phone"] = "0755-26000000";
        using var saved = await desk.PostFormAsync("/Tickets/New", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await desk.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("InWarranty", page.QuerySelector("[data-testid=ticket-warranty]")!.GetAttribute("data-status"));
        Assert.Contains("免费", page.QuerySelector("[data-testid=tell-estimate]")!.TextContent, StringComparison.Ordinal);

        await using var check = App.NewDbContext();
        Assert.Equal(2, await check.CustomerPhones.CountAsync(p => p.CustomerId == customerId));
        Assert.Equal(1, await check.Customers.CountAsync());
        Assert.Equal(WarrantyStatus.InWarranty, (await check.Tickets.SingleAsync()).WarrantyStatus);
    }

    [Fact]
    public async Task A_consultation_answered_on_the_phone_is_closed_at_once()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        form["Input.Kind"] = "Consultation";
        form["Input.FaultDescription"] = "询问滤网多久清洗一次";
        form["Input.AnswerNow"] = "true";
        form["Input.Answer"] = "建议每两周清洗一次滤网。";
        using var saved = await desk.PostFormAsync("/Tickets/New", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = App.NewDbContext();
        var ticket = await db.Tickets.SingleAsync();
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal("建议每两周清洗一次滤网。", ticket.Resolution);
    }

    [Fact]
    public async Task Only_consultations_can_be_closed_at_once()
    {
        using var desk = await Client().SignedInAsync("desk1");
        var form = await NewCallFormAsync(desk);
        form["Input.AnswerNow"] = "true";
        form["Input.Answer"] = "答复";
        using var response = await desk.PostFormAsync("/Tickets/New", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = App.NewDbContext();
        Assert.Equal(0, await db.Tickets.CountAsync());
    }

    [Theory]
    [InlineData("/Tickets/New", "quality1", false)]
    [InlineData("/Tickets/New", "tech1", false)]
    [InlineData("/Tickets/New", "admin1", false)]
    [InlineData("/Tickets/New", "dispatch1", true)]
    [InlineData("/Tickets/New", "manager1", true)]
    [InlineData("/Tickets", "quality1", true)]
    [InlineData("/Tickets", "tech1", false)]
    [InlineData("/Tickets", "admin1", false)]
    public async Task Ticket_pages_open_only_for_their_roles(string url, string user, bool allowed)
    {
        using var client = await Client().SignedInAsync(user);
        using var response = await client.GetAsync(url);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        if (!allowed)
        {
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }
}
