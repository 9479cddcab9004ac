using System.Net;
using AfterSales.Domain.Calendar;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.WorkOrders;

public sealed class WorkOrderPageTests(AppFixture app) : AppTest(app)
{
    private const string ConsentMessage = "保修期外的维修须在客户同意报价后才能开始";

    private async Task<WorkingCalendar> CalendarAsync()
    {
        await using var db = App.NewDbContext();
        return CalendarDay.ToCalendar(await db.CalendarDays.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task A_technician_sees_only_their_own_work_orders_and_the_desk_sees_all()
    {
        var mine = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000001", customerName: "张先生");
        var overdue = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000003", appointment: TestData.Today.AddDays(-3));
        var upcoming = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000004", appointment: TestData.Today.AddDays(5));
        var theirs = await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000002");

        using var tech1 = await Client().SignedInAsync("tech1");
        var page = await tech1.GetDocumentAsync("/WorkOrders");
        var ids = page.QuerySelectorAll("[data-testid=wo-row]").Select(r => r.GetAttribute("data-id")).ToList();
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain(theirs.WorkOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
        var today = page.QuerySelector("[data-testid=wo-today]")!;
        Assert.Equal("true", today.QuerySelector($"[data-id='{overdue.WorkOrderId}']")!.GetAttribute("data-overdue"));
        Assert.NotNull(today.QuerySelector($"[data-id='{mine.WorkOrderId}']"));
        Assert.NotNull(page.QuerySelector($"[data-testid=wo-upcoming] [data-id='{upcoming.WorkOrderId}']"));
        Assert.Contains(page.QuerySelectorAll("[data-testid=wo-call]"), a => a.GetAttribute("href") == "tel:13700000001");
        Assert.Contains("张先生", page.Body!.TextContent, StringComparison.Ordinal);

        using var desk = await Client().SignedInAsync("desk1");
        var all = await desk.GetDocumentAsync("/WorkOrders");
        Assert.Equal(4, all.QuerySelectorAll("[data-testid=wo-row]").Length);
        Assert.Contains(all.QuerySelectorAll("[data-testid=wo-technician]"), e => e.TextContent.Contains("tech2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_technicians_work_order_is_not_found_on_get_and_post()
    {
        var theirs = await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000011");
        using var tech1 = await Client().SignedInAsync("tech1");

        using var get = await tech1.GetAsync($"/WorkOrders/{theirs.WorkOrderId}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var print = await tech1.GetAsync($"/WorkOrders/{theirs.WorkOrderId}/Print");
        Assert.Equal(HttpStatusCode.NotFound, print.StatusCode);
        using var post = await FieldWorkData.StepAsync(App, tech1, theirs.WorkOrderId, "Accept");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        await using var db = App.NewDbContext();
        Assert.Equal(WorkOrderStatus.Assigned, (await db.WorkOrders.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task The_desk_reads_any_work_order_but_cannot_record_its_steps()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000021");
        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");
        Assert.Null(page.QuerySelector("#accept-submit"));
        using var post = await FieldWorkData.StepAsync(App, desk, order.WorkOrderId, "Accept");
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden || post.Headers.Location?.PathAndQuery().StartsWith("/Account/AccessDenied", StringComparison.Ordinal) == true, $"answered {(int)post.StatusCode}");
    }

    [Theory]
    [InlineData("quality1")]
    [InlineData("admin1")]
    public async Task Quality_and_admin_cannot_open_work_orders(string user)
    {
        using var client = await Client().SignedInAsync(user);
        foreach (var url in new[] { "/WorkOrders", "/WorkOrders/Daily" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_steps_in_order_complete_the_ticket_and_queue_one_follow_up_for_the_next_working_day()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000031");
        using var tech = await Client().SignedInAsync("tech1");
        var id = order.WorkOrderId;

        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "Accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "Arrive", ("Arrival.UnitComplete", "true"), ("Arrival.Note", ""))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "Diagnose", ("Diagnosis.Fault", "压缩机电容损坏"), ("Diagnosis.HumanDamage", "false"), ("Diagnosis.PartsNeeded", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "AddPart", ("Part.PartNumber", "C-35UF"), ("Part.Name", "压缩机电容"), ("Part.Quantity", "2"), ("Part.UnitPrice", "42.5"), ("Part.HandedToCustomer", "true"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, id, "Labour", ("Labour.Hours", "1.5"), ("Labour.HourlyRate", ""), ("Labour.TravelCost", "20"), ("Labour.TravelNote", "公交"))).StatusCode);

        var page = await tech.GetDocumentAsync($"/WorkOrders/{id}");
        Assert.Equal("Diagnosed", page.QuerySelector("[data-testid=wo-status]")!.GetAttribute("data-status"));
        Assert.Equal("¥85.00", page.QuerySelector("[data-testid=charge-parts]")!.TextContent.Trim());
        Assert.Equal("¥120.00", page.QuerySelector("[data-testid=charge-labour]")!.TextContent.Trim());
        Assert.Equal("¥225.00", page.QuerySelector("[data-testid=charge-internal]")!.TextContent.Trim());
        Assert.Equal("¥0.00", page.QuerySelector("[data-testid=charge-customer]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=clock]"));

        using var completed = await FieldWorkData.StepAsync(App, tech, id, "Complete", ("Completion.CustomerName", "王女士"), ("Completion.Signature", FieldWorkData.SignatureDataUrl()), ("Completion.Opinion", "满意"));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        var calendar = await CalendarAsync();
        await using var db = App.NewDbContext();
        var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Equal(WorkOrderStatus.Completed, workOrder.Status);
        Assert.Equal(RepairKind.PartsReplacement, workOrder.ClockKind);
        Assert.Equal(calendar.AddWorkingDays(TestData.Today, 7), workOrder.Deadline);
        Assert.Equal(80m, workOrder.HourlyRate);
        Assert.True(workOrder.Signature!.Length > 100);
        var ticket = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(TicketStatus.Completed, ticket.Status);
        var followUp = Assert.Single(await db.FollowUps.AsNoTracking().ToListAsync());
        Assert.Equal(calendar.NextWorkingDay(TestData.Today), followUp.DueOn);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Equal(workOrder.Id, followUp.WorkOrderId);
        Assert.Equal(workOrder.TechnicianId, followUp.TechnicianId);
    }

    [Fact]
    public async Task A_step_out_of_order_is_refused_and_nothing_changes()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000041");
        using var tech = await Client().SignedInAsync("tech1");
        using var response = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Diagnose", ("Diagnosis.Fault", "不制冷"), ("Diagnosis.HumanDamage", "false"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("不能进行此操作", page.QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(WorkOrderStatus.Assigned, (await db.WorkOrders.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task A_step_posted_from_a_stale_page_is_refused_as_changed_meanwhile()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000141");
        using var tech = await Client().SignedInAsync("tech1");
        var stale = await FieldWorkData.VersionAsync(App, order.WorkOrderId);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Accept")).StatusCode);

        using var response = await tech.PostFormAsync("/WorkOrders", [new("version", stale.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Arrival.UnitComplete", "true")], $"/WorkOrders/{order.WorkOrderId}?handler=Arrive");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已被他人修改", (await AppClient.ParseAsync(response)).QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(WorkOrderStatus.Accepted, (await db.WorkOrders.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task The_signature_completes_the_ticket_and_adds_the_follow_up_call_in_the_same_save_audited_together()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000061", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        using var completed = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Complete", ("Completion.CustomerName", "王女士"), ("Completion.Signature", FieldWorkData.SignatureDataUrl()));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        await using var db = App.NewDbContext();
        var ticket = await db.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(TicketStatus.Completed, ticket.Status);
        Assert.NotNull(ticket.StartedAt);
        var followUp = Assert.Single(await db.FollowUps.AsNoTracking().ToListAsync());
        Assert.Equal(order.WorkOrderId, followUp.WorkOrderId);

        // One save: the work order's completion, the ticket's and the new follow-up call share the audit instant.
        var workOrderKey = order.WorkOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ticketKey = order.TicketId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityName == "WorkOrder" && a.EntityKey == workOrderKey) || (a.EntityName == "Ticket" && a.EntityKey == ticketKey) || a.EntityName == "FollowUp")
            .OrderByDescending(a => a.Id).ToListAsync();
        var last = audit.First(a => a.EntityName == "WorkOrder").At;
        Assert.Contains(audit, a => a.EntityName == "Ticket" && a.Action == "Modified" && a.At == last);
        Assert.Contains(audit, a => a.EntityName == "FollowUp" && a.Action == "Added" && a.At == last);
    }

    [Fact]
    public async Task Out_of_warranty_without_consent_parts_are_refused_with_the_consent_message_and_nothing_is_saved()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000051", inWarranty: false, steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        var before = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");
        Assert.NotNull(before.QuerySelector("[data-testid=work-stopped]"));

        using var response = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "AddPart", ("Part.PartNumber", "C-35UF"), ("Part.Name", "压缩机电容"), ("Part.Quantity", "1"), ("Part.UnitPrice", "42.5"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(ConsentMessage, page.QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("C-35UF", page.QuerySelector("#Part_PartNumber")!.GetAttribute("value"));

        await using var db = App.NewDbContext();
        var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Empty(workOrder.Parts);
        Assert.Null(workOrder.ClockKind);
        Assert.Equal(TicketStatus.Assigned, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
    }

    [Fact]
    public async Task Human_damage_redecides_the_warranty_as_out_of_warranty_and_stops_work()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000061", steps: w =>
        {
            w.Accept(DateTimeOffset.UtcNow);
            w.Arrive(DateTimeOffset.UtcNow, false, "外壳被拆开过");
        });
        using var tech = await Client().SignedInAsync("tech1");
        DateOnly? expiry;
        await using (var before = App.NewDbContext())
        {
            expiry = (await before.Tickets.AsNoTracking().SingleAsync()).WarrantyExpiresOn;
        }

        using var diagnosed = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Diagnose", ("Diagnosis.Fault", "电路板进水烧毁"), ("Diagnosis.HumanDamage", "true"));
        Assert.Equal(HttpStatusCode.Redirect, diagnosed.StatusCode);

        await using (var db = App.NewDbContext())
        {
            var ticket = await db.Tickets.AsNoTracking().SingleAsync();
            Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
            Assert.NotNull(expiry);
            Assert.Equal(expiry, ticket.WarrantyExpiresOn);
            Assert.Null((await db.WorkOrders.AsNoTracking().SingleAsync()).ClockKind);
            Assert.Contains(ticket.WarrantyReasons, r => r.Code == WarrantyCodes.HumanDamage);
            Assert.True((await db.WorkOrders.AsNoTracking().SingleAsync()).HumanDamage);
        }

        var page = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");
        Assert.NotNull(page.QuerySelector("[data-testid=work-stopped]"));
        Assert.Equal("OutOfWarranty", page.QuerySelector("[data-testid=wo-warranty]")!.GetAttribute("data-status"));

        using var labour = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Labour", ("Labour.Hours", "1"), ("Labour.HourlyRate", "80"));
        Assert.Equal(HttpStatusCode.OK, labour.StatusCode);
        Assert.Contains(ConsentMessage, (await AppClient.ParseAsync(labour)).QuerySelector("[data-testid=wo-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_human_damage_work_resumes_once_the_desk_records_the_accepted_quote()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000131", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Labour", ("Labour.Hours", "0.5"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Diagnose", ("Diagnosis.Fault", "主板被摔裂"), ("Diagnosis.HumanDamage", "true"))).StatusCode);

        await using (var db = App.NewDbContext())
        {
            var ticket = await db.Tickets.SingleAsync();
            Assert.Equal(TicketStatus.AwaitingQuote, ticket.Status);
            ticket.RecordQuote(new Quote([new QuoteLine(QuoteLineKind.Part, "主板", "PCB-1", 1, 260m)]), DateTimeOffset.UtcNow, "desk1");
            ticket.RecordConsent(ConsentMethod.Phone, true, "desk1", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        using var part = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "AddPart", ("Part.PartNumber", "PCB-1"), ("Part.Name", "主板"), ("Part.Quantity", "1"), ("Part.UnitPrice", "260"));
        Assert.Equal(HttpStatusCode.Redirect, part.StatusCode);
        var page = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}");
        Assert.Null(page.QuerySelector("[data-testid=work-stopped]"));
        Assert.Equal("¥260.00", page.QuerySelector("[data-testid=charge-customer]")!.TextContent.Trim());

        await using var check = App.NewDbContext();
        var resumed = await check.Tickets.AsNoTracking().SingleAsync();
        Assert.Equal(TicketStatus.InProgress, resumed.Status);
        Assert.Equal(await FieldWorkData.UserIdAsync(App, "tech1"), resumed.AssignedTechnicianId);
    }

    [Fact]
    public async Task Completion_without_a_signature_is_refused_beside_the_signature_and_nothing_is_saved()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000071", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        foreach (var signature in new[] { "", "data:image/png;base64,AAAA", "data:image/png;base64,not base64!", "javascript:alert(1)" })
        {
            using var response = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Complete", ("Completion.CustomerName", "王女士"), ("Completion.Signature", signature), ("Completion.Opinion", "好"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await AppClient.ParseAsync(response);
            Assert.Contains("请客户在屏幕上签名", page.QuerySelector("[data-testid=signature-error]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("王女士", page.QuerySelector("#Completion_CustomerName")!.GetAttribute("value"));
        }

        using var oversized = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Complete", ("Completion.CustomerName", "王女士"), ("Completion.Signature", "data:image/png;base64," + new string('A', 500_000)));
        Assert.Equal(HttpStatusCode.OK, oversized.StatusCode);

        await using var db = App.NewDbContext();
        Assert.Equal(WorkOrderStatus.Diagnosed, (await db.WorkOrders.AsNoTracking().SingleAsync()).Status);
        Assert.Equal(TicketStatus.Assigned, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
        Assert.Empty(await db.FollowUps.ToListAsync());
    }

    [Fact]
    public async Task Malformed_part_and_unfinished_input_is_shown_beside_the_fields_and_nothing_is_saved()
    {
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000081", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        using var part = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "AddPart", ("Part.PartNumber", new string('X', 51)), ("Part.Name", ""), ("Part.Quantity", "0"), ("Part.UnitPrice", "abc"));
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        var page = await AppClient.ParseAsync(part);
        foreach (var field in new[] { "Part.PartNumber", "Part.Name", "Part.Quantity", "Part.UnitPrice" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent), field);
        }

        using var unfinished = await FieldWorkData.StepAsync(App, tech, order.WorkOrderId, "Unfinished", ("Unfinished.Reason", "缺配件"), ("Unfinished.NextVisit", TestData.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, unfinished.StatusCode);
        Assert.Contains("下次上门日期不能早于今天", (await AppClient.ParseAsync(unfinished)).QuerySelector("[data-valmsg-for='Unfinished.NextVisit']")!.TextContent, StringComparison.Ordinal);

        await using var db = App.NewDbContext();
        var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Empty(workOrder.Parts);
        Assert.Equal(WorkOrderStatus.Diagnosed, workOrder.Status);
    }

    [Fact]
    public async Task Unfinished_with_a_next_visit_and_return_to_factory_start_their_clocks()
    {
        var unfinished = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000091", steps: FieldWorkData.ToDiagnosed);
        var factory = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000092", steps: FieldWorkData.ToDiagnosed);
        using var tech = await Client().SignedInAsync("tech1");
        var next = TestData.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, unfinished.WorkOrderId, "Unfinished", ("Unfinished.Reason", "缺配件，已订货"), ("Unfinished.NextVisit", next))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FieldWorkData.StepAsync(App, tech, factory.WorkOrderId, "Factory", ("Factory.ShipmentReference", "SF1234567890"))).StatusCode);

        var calendar = await CalendarAsync();
        await using var db = App.NewDbContext();
        var left = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == unfinished.WorkOrderId);
        Assert.Equal(WorkOrderStatus.Unfinished, left.Status);
        Assert.Equal(TestData.Today.AddDays(3), left.NextVisitOn);
        var sent = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == factory.WorkOrderId);
        Assert.Equal(WorkOrderStatus.AtFactory, sent.Status);
        var model = await db.ProductModels.Include(m => m.Category).SingleAsync(m => m.Code == "KFR-35GW");
        Assert.Equal(calendar.AddWorkingDays(TestData.Today, model.Category!.ReturnToFactoryDays), sent.Deadline);
        Assert.Equal(TicketStatus.InProgress, (await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == factory.TicketId)).Status);
    }

    [Fact]
    public async Task The_print_view_is_the_chinese_work_order_with_the_signature_image()
    {
        var signature = FieldWorkData.Png(60, 24);
        var order = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000101", steps: w =>
        {
            FieldWorkData.ToDiagnosed(w);
            w.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 42.5m, true));
            w.RecordLabour(1m, 80m, 15m, null);
            w.Complete("王女士", signature, "师傅很专业", DateTimeOffset.UtcNow);
        });
        using var tech = await Client().SignedInAsync("tech1");
        var page = await tech.GetDocumentAsync($"/WorkOrders/{order.WorkOrderId}/Print");
        Assert.Null(page.QuerySelector("[data-testid=main-nav]"));
        Assert.Equal(order.Number, page.QuerySelector("[data-testid=print-number]")!.TextContent);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(signature), page.QuerySelector("[data-testid=print-signature]")!.GetAttribute("src"));
        var text = page.Body!.TextContent;
        foreach (var heading in new[] { "维修单", "客户", "地址", "电话", "产品型号", "序列号", "保修期内", "故障描述", "检查结果", "更换配件", "工时", "交通费", "费用合计", "客户应付", "客户签名", "客户意见", "维修员", "师傅很专业", "压缩机电容" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("size: A4", await (await tech.GetAsync("/css/print.css")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_page_totals_each_technicians_day_and_logs_hand_in()
    {
        void Done(WorkOrder w, decimal hours, decimal travel)
        {
            FieldWorkData.ToDiagnosed(w);
            w.AddPart(new PartLine("P-1", "风扇电机", 1, 100m, false));
            w.RecordLabour(hours, 80m, travel, null);
            w.Complete("客户", FieldWorkData.Png(20, 10), null, DateTimeOffset.UtcNow);
        }

        var first = await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000111", steps: w => Done(w, 2m, 20m));
        await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000112", steps: w => Done(w, 1.5m, 10m));
        await FieldWorkData.WorkOrderAsync(App, "tech2", "13700000113", steps: w => Done(w, 1m, 0m));

        using var tech = await Client().SignedInAsync("tech1");
        using var denied = await tech.GetAsync("/WorkOrders/Daily");
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/WorkOrders/Daily");
        var technicians = page.QuerySelectorAll("[data-testid=daily-technician]");
        Assert.Equal(2, technicians.Length);
        var tech1Id = await FieldWorkData.UserIdAsync(App, "tech1");
        var tech1 = technicians.Single(t => t.GetAttribute("data-technician") == tech1Id);
        Assert.Equal("3.5", tech1.QuerySelector("[data-testid=total-hours]")!.TextContent.Trim());
        Assert.Equal("¥280.00", tech1.QuerySelector("[data-testid=total-labour]")!.TextContent.Trim());
        Assert.Equal("¥30.00", tech1.QuerySelector("[data-testid=total-travel]")!.TextContent.Trim());
        Assert.Equal("¥200.00", tech1.QuerySelector("[data-testid=total-parts]")!.TextContent.Trim());
        Assert.All(page.QuerySelectorAll("[data-testid=daily-line]"), l => Assert.Equal("false", l.GetAttribute("data-handed-in")));

        using var handIn = await desk.PostFormAsync("/WorkOrders/Daily", [new("id", first.WorkOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("version", (await FieldWorkData.VersionAsync(App, first.WorkOrderId)).ToString(System.Globalization.CultureInfo.InvariantCulture))], "/WorkOrders/Daily?handler=HandIn");
        Assert.Equal(HttpStatusCode.Redirect, handIn.StatusCode);
        var after = await desk.GetDocumentAsync("/WorkOrders/Daily");
        Assert.Equal("true", after.QuerySelector($"[data-testid=daily-line][data-id='{first.WorkOrderId}']")!.GetAttribute("data-handed-in"));
        Assert.Null(after.QuerySelector($"#handin-{first.WorkOrderId}"));

        await using var db = App.NewDbContext();
        var handed = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == first.WorkOrderId);
        Assert.Equal("desk1", handed.HandedInTo);
        Assert.NotNull(handed.HandedInAt);

        // A second hand-in of the same work order is refused by the domain, not saved twice.
        using var again = await desk.PostFormAsync("/WorkOrders/Daily", [new("id", first.WorkOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("version", (await FieldWorkData.VersionAsync(App, first.WorkOrderId)).ToString(System.Globalization.CultureInfo.InvariantCulture))], "/WorkOrders/Daily?handler=HandIn");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("已交回", (await AppClient.ParseAsync(again)).QuerySelector("[data-testid=daily-errors]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_not_handed_in_by_the_next_working_day_is_flagged()
    {
        var calendar = await CalendarAsync();
        var day = TestData.Today.AddDays(-10);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await FieldWorkData.WorkOrderAsync(App, "tech1", "13700000121", steps: w =>
        {
            w.Accept(at);
            w.Arrive(at, true, null);
            w.Diagnose("漏水", false, at);
            w.Complete("客户", FieldWorkData.Png(20, 10), null, at);
        });

        using var desk = await Client().SignedInAsync("desk1");
        var page = await desk.GetDocumentAsync("/WorkOrders/Daily?date=" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var line = page.QuerySelector("[data-testid=daily-line]")!;
        Assert.Equal("true", line.GetAttribute("data-late"));
        Assert.NotNull(line.QuerySelector("[data-testid=daily-late]"));
    }
}
