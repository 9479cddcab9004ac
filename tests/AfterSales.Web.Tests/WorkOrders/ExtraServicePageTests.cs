using System.Globalization;
using System.Net;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.WorkOrders;

/// <summary>Extra services sold on site (加装防盗器 …): recorded on the work order as a separate sale.</summary>
public sealed class ExtraServicePageTests(AppFixture app) : AppTest(app)
{
    private async Task<WorkOrder> ReloadAsync(long id)
    {
        await using var db = App.NewDbContext();
        return await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    [Fact]
    public async Task The_technician_adds_and_removes_extra_services_on_the_work_order()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000201", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        var id = order.WorkOrderId;

        var before = await tech.GetDocumentAsync($"/WorkOrders/{id}");
        Assert.NotNull(before.QuerySelector("#extra-form"));
        Assert.NotNull(before.QuerySelector("[data-testid=wo-no-extras]"));

        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "AddExtra", ("Extra.Description", " 加装防盗器 "), ("Extra.Charge", "120"), ("Extra.MaterialCost", "45"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "AddExtra", ("Extra.Description", "清洗保养"), ("Extra.Charge", "80"), ("Extra.MaterialCost", ""))).StatusCode);

        var page = await tech.GetDocumentAsync($"/WorkOrders/{id}");
        var lines = page.QuerySelectorAll("[data-testid=wo-extra]");
        Assert.Equal(2, lines.Length);
        Assert.Contains("加装防盗器", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("¥120.00", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("¥200.00", page.QuerySelector("[data-testid=extra-total]")!.TextContent.Trim());
        Assert.Equal("¥155.00", page.QuerySelector("[data-testid=extra-net]")!.TextContent.Trim());
        Assert.Contains("额外服务（另行收费）", page.QuerySelector("[data-testid=wo-extras]")!.TextContent, StringComparison.Ordinal);

        var saved = await ReloadAsync(id);
        Assert.Equal([new ExtraServiceLine("加装防盗器", 120m, 45m), new ExtraServiceLine("清洗保养", 80m, 0m)], saved.ExtraServices);

        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "RemoveExtra", ("index", "0"))).StatusCode);
        Assert.Equal("清洗保养", Assert.Single((await ReloadAsync(id)).ExtraServices).Description);
        Assert.NotNull((await tech.GetDocumentAsync($"/WorkOrders/{id}")).QuerySelector("#remove-extra-0"));

        // A line that is not there (a second tab removed it) is refused, nothing else changes.
        using var missing = await FieldWorkData.StepAsync(App, tech, id, "RemoveExtra", ("index", "5"));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("该额外服务行不存在", (await AppClient.ParseAsync(missing)).QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Single((await ReloadAsync(id)).ExtraServices);
    }

    public static TheoryData<(string Name, string Value)[], string, string> BadInput() => new()
    {
        { [("Extra.Description", ""), ("Extra.Charge", "120")], "Extra.Description", "此项必填" },
        { [("Extra.Description", new string('装', 101)), ("Extra.Charge", "120")], "Extra.Description", "不能超过 100 个字符" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "")], "Extra.Charge", "此项必填" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "0")], "Extra.Charge", "收费应大于 0" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "-120")], "Extra.Charge", "收费应大于 0" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "100000.01")], "Extra.Charge", "收费应大于 0 且不超过" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "12.345")], "Extra.Charge", "金额最多两位小数" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "120"), ("Extra.MaterialCost", "-1")], "Extra.MaterialCost", "金额应在 0 到" },
        { [("Extra.Description", "加装防盗器"), ("Extra.Charge", "45"), ("Extra.MaterialCost", "120")], "Extra.MaterialCost", "材料成本（120.00 元）不能高于收费（45.00 元）" },
        { [("Extra.Description", "<script>alert(1)</script>"), ("Extra.Charge", "abc")], "Extra.Charge", "“abc”不是有效的值" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_extra_service_input_is_explained_in_chinese_beside_its_field_and_nothing_is_saved((string Name, string Value)[] fields, string field, string message)
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000211", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");

        using var response = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "AddExtra", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var shown = page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(shown), field);
        Assert.Contains(message, shown, StringComparison.Ordinal);
        Assert.Equal(fields.Single(f => f.Name == "Extra.Description").Value, page.QuerySelector("#Extra_Description")!.GetAttribute("value"));
        Assert.Empty((await ReloadAsync(order.WorkOrderId)).ExtraServices);
    }

    [Fact]
    public async Task Only_the_work_orders_technician_records_extra_services_and_only_once_diagnosed()
    {
        var assigned = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000221");
        var theirs = await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000222", steps: FieldWorkData.ToDiagnosed);
        (string, string)[] fields = [("Extra.Description", "加装防盗器"), ("Extra.Charge", "120"), ("Extra.MaterialCost", "45")];

        using var tech1 = await Client().SignedInAsync("tech1");
        Assert.Null((await tech1.GetDocumentAsync($"/WorkOrders/{assigned.WorkOrderId}")).QuerySelector("#extra-form"));
        using var early = await FieldWorkData.StepAsync(App, tech1, assigned.WorkOrderId, "AddExtra", fields);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("不能进行此操作", (await AppClient.ParseAsync(early)).QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);

        using var other = await FieldWorkData.StepAsync(App, tech1, theirs.WorkOrderId, "AddExtra", fields);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var desk = await Client().SignedInAsync("desk1");
        using var byDesk = await FieldWorkData.StepAsync(App, desk, theirs.WorkOrderId, "AddExtra", fields);
        Assert.True(byDesk.StatusCode is HttpStatusCode.Forbidden || byDesk.Headers.Location?.PathAndQuery().StartsWith("/Account/AccessDenied", StringComparison.Ordinal) == true, $"answered {(int)byDesk.StatusCode}");

        Assert.Empty((await ReloadAsync(assigned.WorkOrderId)).ExtraServices);
        Assert.Empty((await ReloadAsync(theirs.WorkOrderId)).ExtraServices);
    }

    [Fact]
    public async Task A_stale_page_cannot_add_an_extra_service()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000231", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        var stale = await FieldWorkData.VersionAsync(App, order.WorkOrderId);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "AddExtra", ("Extra.Description", "清洗保养"), ("Extra.Charge", "80"))).StatusCode);

        using var response = await tech.PostFormAsync(
            "/WorkOrders",
            [new("version", stale.ToString(CultureInfo.InvariantCulture)), new("Extra.Description", "加装防盗器"), new("Extra.Charge", "120")],
            $"/WorkOrders/{order.WorkOrderId}?handler=AddExtra");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已被他人修改", (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("清洗保养", Assert.Single((await ReloadAsync(order.WorkOrderId)).ExtraServices).Description);
    }

    [Fact]
    public async Task In_warranty_the_repair_costs_the_customer_nothing_while_the_extra_services_show_their_own_total_on_screen_print_and_daily_sheet()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000241", inWarranty: true, steps: w =>
        {
            FieldWorkData.ToDiagnosed(w);
            w.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 42.5m, true));
            w.RecordLabour(1m, 80m, 0m, null);
            w.AddExtraService("加装防盗器", 120m, 45m);
            w.Complete("王女士", FieldWorkData.Png(60, 24), "满意", DateTimeOffset.UtcNow);
        });
        using var tech = await Client().SignedInAsync("tech1");

        var page = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");
        Assert.Equal("InWarranty", page.QuerySelector("[data-testid=wo-warranty]")!.GetAttribute("data-status"));
        Assert.Equal("¥0.00", page.QuerySelector("[data-testid=charge-customer]")!.TextContent.Trim());
        Assert.Equal("¥122.50", page.QuerySelector("[data-testid=charge-internal]")!.TextContent.Trim());
        Assert.Equal("¥120.00", page.QuerySelector("[data-testid=extra-total]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#extra-form"));
        Assert.Null(page.QuerySelector("#remove-extra-0"));

        var print = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}/Print");
        Assert.Equal("¥0.00", print.QuerySelector("[data-testid=print-customer-charge]")!.TextContent.Trim());
        var extras = print.QuerySelector("[data-testid=print-extras]")!;
        Assert.Contains("加装防盗器", extras.QuerySelector("[data-testid=print-extra]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("额外服务合计（另行收费）", extras.TextContent, StringComparison.Ordinal);
        Assert.Equal("¥120.00", print.QuerySelector("[data-testid=print-extra-total]")!.TextContent.Trim());
        Assert.Equal("¥75.00", print.QuerySelector("[data-testid=print-extra-net]")!.TextContent.Trim());
        Assert.Contains("额外服务（另行收费）", print.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("保修期内，客户不付费（额外服务另行收费，见下）", print.Body!.TextContent, StringComparison.Ordinal);

        using var desk = await Client().SignedInAsync("desk1");
        var daily = await desk.GetDocumentAsync("/WorkOrders/Daily");
        Assert.Equal("¥120.00", daily.QuerySelector("[data-testid=total-extra]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_work_order_without_extra_services_prints_no_extra_section()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000251", steps: w =>
        {
            FieldWorkData.ToDiagnosed(w);
            w.Complete("王女士", FieldWorkData.Png(60, 24), null, DateTimeOffset.UtcNow);
        });
        using var tech = await Client().SignedInAsync("tech1");
        var print = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}/Print");
        Assert.Null(print.QuerySelector("[data-testid=print-extras]"));
        Assert.Null((await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}")).QuerySelector("[data-testid=wo-extras]"));
    }
}
