using System.Globalization;
using System.Net;
using AfterSales.Domain;
using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.WorkOrders;
using AfterSales.Web.Infrastructure;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Dispatch;

public sealed class DispatchBoardTests(AppFixture app) : AppTest(app)
{
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static KeyValuePair<string, string>[] AssignForm(string? technicianId, string? seen, string? reason = null, string? date = null) =>
    [
        new("Input.AppointmentDate", date ?? D(TestData.Today.AddDays(1))),
        new("Input.Slot", "Afternoon"),
        new("Input.TechnicianId", technicianId ?? ""),
        new("Input.SeenSuggestion", seen ?? ""),
        new("Input.OverrideReason", reason ?? ""),
    ];

    [Fact]
    public async Task The_board_lists_an_unassigned_in_warranty_ticket_emergencies_first()
    {
        await using var db = App.NewDbContext();
        var normal = await DispatchData.AcTicketAsync(db);
        var emergency = await DispatchData.AcTicketAsync(db, Urgency.Emergency);
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync("/Dispatch");
        var rows = page.QuerySelectorAll("[data-testid=waiting-row]").Select(r => r.GetAttribute("data-number")).ToList();
        Assert.Equal([emergency.Number, normal.Number], rows);
        Assert.NotNull(page.QuerySelector($"a[href='/Tickets/{normal.Number}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/Dispatch/Assign/{normal.Id}']"));
        var load = await dispatcher.GetDocumentAsync("/Dispatch?F.View=load");
        Assert.Equal(24, load.QuerySelectorAll("[data-testid=load-row]").Length);
    }

    [Fact]
    public async Task Dispatching_the_suggested_technician_creates_the_work_order_assigns_the_ticket_logs_the_decision_and_moves_the_pointer()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        var first = (await DispatchData.AcTechniciansAsync(db))[0];
        var url = "/Dispatch/Assign/" + ticket.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        var page = await dispatcher.GetDocumentAsync(url);
        Assert.Equal("空调", page.QuerySelector("[data-testid=required-skill]")!.TextContent);
        Assert.Equal("AC", page.QuerySelector("[data-testid=required-skill]")!.GetAttribute("data-code"));
        Assert.Equal(first.Id, page.QuerySelector("[data-testid=suggested]")!.GetAttribute("data-technician-id"));
        Assert.Equal(first.Id, page.QuerySelector("#Input_TechnicianId option[selected]")!.GetAttribute("value"));
        Assert.All(page.QuerySelectorAll("[data-testid=skips] li"), li => Assert.Equal("rotation.no_skill", li.GetAttribute("data-code")));
        Assert.Equal(first.Position - 1, page.QuerySelectorAll("[data-testid=skips] li").Length);

        using var response = await dispatcher.PostFormAsync(url, AssignForm(first.Id, first.Id));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var workOrder = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Equal(first.Id, workOrder.TechnicianId);
        Assert.Equal(TimeSlot.Afternoon, workOrder.AppointmentSlot);
        Assert.Equal("dispatch1", workOrder.AssignedBy);
        var assigned = await db.Tickets.AsNoTracking().SingleAsync(t => t.Id == ticket.Id);
        Assert.Equal(TicketStatus.Assigned, assigned.Status);
        Assert.Equal(first.Id, assigned.AssignedTechnicianId);
        var decision = await db.DispatchDecisions.AsNoTracking().SingleAsync();
        Assert.Equal(first.Id, decision.SuggestedTechnicianId);
        Assert.Equal(first.Id, decision.ChosenTechnicianId);
        Assert.Null(decision.OverrideReason);
        Assert.Equal(workOrder.Id, decision.WorkOrderId);
        Assert.Equal(first.Position, await DispatchData.PointerAsync(db));

        var log = await dispatcher.GetDocumentAsync(url);
        Assert.Single(log.QuerySelectorAll("[data-testid=decision]"));
        var board = await dispatcher.GetDocumentAsync("/Dispatch");
        Assert.Empty(board.QuerySelectorAll("[data-testid=waiting-row]"));
        var load = await dispatcher.GetDocumentAsync("/Dispatch?F.View=load");
        Assert.Equal("1", load.QuerySelector($"[data-testid=load-row][data-user={first.UserName}]")!.GetAttribute("data-open"));

        // Dispatching the same ticket again is refused: it already has an open work order.
        using var again = await dispatcher.PostAsync(url, AssignForm(null, null).Append(new("__RequestVerificationToken", log.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(db.WorkOrders);
    }

    [Fact]
    public async Task Technicians_on_leave_off_duty_or_at_their_limit_are_skipped_with_the_reason()
    {
        await using var db = App.NewDbContext();
        var ac = await DispatchData.AcTechniciansAsync(db);
        db.Availability.Add(DispatchData.Absent(ac[0].Id, AvailabilityKind.Leave));
        db.Availability.Add(DispatchData.Absent(ac[1].Id, AvailabilityKind.OffDuty));
        await db.SaveChangesAsync();
        await DispatchData.OpenJobsAsync(db, ac[2].Id, 4);
        var ticket = await DispatchData.AcTicketAsync(db);

        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync("/Dispatch/Assign/" + ticket.Id);
        Assert.Equal(ac[3].Id, page.QuerySelector("[data-testid=suggested]")!.GetAttribute("data-technician-id"));
        var skips = page.QuerySelectorAll("[data-testid=skips] li").Select(li => (Code: li.GetAttribute("data-code"), Text: li.TextContent)).ToList();
        Assert.Equal(new[] { "rotation.on_leave", "rotation.off_duty", "rotation.at_limit" }, skips.Where(s => s.Code != "rotation.no_skill").Select(s => s.Code ?? "").ToArray());
        Assert.Contains(skips, s => s.Code == "rotation.at_limit" && s.Text.Contains("已有 4 个未完成工单（上限 4）", StringComparison.Ordinal));
        Assert.Contains(skips, s => s.Code == "rotation.no_skill" && s.Text.Contains("空调", StringComparison.Ordinal));
        Assert.DoesNotContain(skips, s => s.Text.Contains("AC", StringComparison.Ordinal));

        using var response = await dispatcher.PostFormAsync("/Dispatch/Assign/" + ticket.Id, AssignForm(ac[3].Id, ac[3].Id));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var decision = await db.DispatchDecisions.AsNoTracking().SingleAsync();
        Assert.Equal(["rotation.on_leave", "rotation.off_duty", "rotation.at_limit"], decision.Skips.Where(s => s.Code != "rotation.no_skill").Select(s => s.Code).ToArray());
        var log = await dispatcher.GetDocumentAsync("/Dispatch/Assign/" + ticket.Id);
        Assert.Contains("请假中", log.QuerySelector("[data-testid=dispatch-log]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("已有 4 个未完成工单（上限 4）", log.QuerySelector("[data-testid=dispatch-log]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_someone_else_needs_a_reason_and_keeps_the_suggested_technicians_turn()
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        var ac = await DispatchData.AcTechniciansAsync(db);
        var url = "/Dispatch/Assign/" + ticket.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");

        using var refused = await dispatcher.PostFormAsync(url, AssignForm(ac[2].Id, ac[0].Id));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-valmsg-for='Input.OverrideReason']")!.TextContent));
        Assert.Equal(ac[2].Id, page.QuerySelector("#Input_TechnicianId option[selected]")!.GetAttribute("value"));
        Assert.Empty(db.WorkOrders);
        Assert.Empty(db.DispatchDecisions);
        Assert.Equal(TicketStatus.New, (await db.Tickets.AsNoTracking().SingleAsync()).Status);
        Assert.Equal(0, await DispatchData.PointerAsync(db));

        using var accepted = await dispatcher.PostFormAsync(url, AssignForm(ac[2].Id, ac[0].Id, "客户指定该师傅"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var decision = await db.DispatchDecisions.AsNoTracking().SingleAsync();
        Assert.Equal(ac[0].Id, decision.SuggestedTechnicianId);
        Assert.Equal(ac[2].Id, decision.ChosenTechnicianId);
        Assert.Equal("客户指定该师傅", decision.OverrideReason);
        Assert.Equal(0, await DispatchData.PointerAsync(db));
    }

    [Theory]
    [InlineData("", "Input.AppointmentDate")]
    [InlineData("2020-01-01", "Input.AppointmentDate")]
    [InlineData("garbage", "Input.AppointmentDate")]
    public async Task A_bad_appointment_date_is_refused_and_nothing_is_saved(string date, string field)
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var response = await dispatcher.PostFormAsync("/Dispatch/Assign/" + ticket.Id, AssignForm(null, null, date: date));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent));
        Assert.Empty(db.WorkOrders);
    }

    [Fact]
    public async Task Two_dispatches_of_the_same_skill_at_once_go_to_two_different_technicians()
    {
        long first, second;
        await using (var setup = App.NewDbContext())
        {
            first = (await DispatchData.AcTicketAsync(setup)).Id;
            second = (await DispatchData.AcTicketAsync(setup)).Id;
        }

        await using var db1 = App.NewDbContext();
        await using var db2 = App.NewDbContext();
        var date = TestData.Today.AddDays(1);
        var results = await Task.WhenAll(
            DispatchData.Service(App, db1).DispatchAsync(new DispatchRequest(first, date, TimeSlot.Morning, null, null), "dispatch1", CancellationToken.None),
            DispatchData.Service(App, db2).DispatchAsync(new DispatchRequest(second, date, TimeSlot.Morning, null, null), "dispatch2", CancellationToken.None));

        Assert.NotEqual(results[0].WorkOrder.TechnicianId, results[1].WorkOrder.TechnicianId);
        await using var db = App.NewDbContext();
        var ac = await DispatchData.AcTechniciansAsync(db);
        Assert.Equal(new[] { ac[0].Id, ac[1].Id }.Order(), results.Select(r => r.WorkOrder.TechnicianId).Order());
        Assert.Equal(ac[1].Position, await DispatchData.PointerAsync(db));
        Assert.Equal(2, await db.DispatchDecisions.CountAsync());
    }

    [Fact]
    public async Task A_dispatcher_who_saw_a_turn_already_taken_is_told_the_rotation_moved_on()
    {
        await using var db = App.NewDbContext();
        var a = await DispatchData.AcTicketAsync(db);
        var b = await DispatchData.AcTicketAsync(db);
        var ac = await DispatchData.AcTechniciansAsync(db);
        var date = TestData.Today.AddDays(1);
        await DispatchData.Service(App, db).DispatchAsync(new DispatchRequest(a.Id, date, TimeSlot.Morning, null, null), "dispatch2", CancellationToken.None);

        await using var db2 = App.NewDbContext();
        var error = await Assert.ThrowsAsync<DomainException>(() => DispatchData.Service(App, db2).DispatchAsync(new DispatchRequest(b.Id, date, TimeSlot.Morning, ac[0].Id, null, ac[0].Id), "dispatch1", CancellationToken.None));
        Assert.Equal("dispatch.suggestion_changed", error.Code);
        Assert.Single(db2.WorkOrders);
    }

    private async Task<WorkOrder> WorkOrderWithClockAsync(DateOnly acceptedOn)
    {
        await using var db = App.NewDbContext();
        var ticket = await DispatchData.AcTicketAsync(db);
        var tech = (await DispatchData.AcTechniciansAsync(db))[0];
        ticket.Assign(tech.Id, DateTimeOffset.UtcNow);
        var workOrder = WorkOrder.Create(ticket.Id, tech.Id, acceptedOn, TimeSlot.Morning, DateTimeOffset.UtcNow, "dispatch1");
        workOrder.Accept(DateTimeOffset.UtcNow);
        workOrder.Arrive(DateTimeOffset.UtcNow, true, null);
        workOrder.Diagnose("压缩机坏", false, DateTimeOffset.UtcNow);
        workOrder.StartPartsClock(acceptedOn, await new WorkCalendar(db).GetAsync());
        db.WorkOrders.Add(workOrder);
        await db.SaveChangesAsync();
        return workOrder;
    }

    [Fact]
    public async Task A_reschedule_for_bad_weather_keeps_the_history()
    {
        var workOrder = await WorkOrderWithClockAsync(TestData.Today);
        var url = "/Dispatch/WorkOrder/" + workOrder.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync(url);
        var version = page.QuerySelector("#Reschedule_Version")!.GetAttribute("value")!;

        using var missing = await dispatcher.PostFormAsync(url, [new("Reschedule.Version", version), new("Reschedule.Date", D(TestData.Today.AddDays(3))), new("Reschedule.Slot", "Morning"), new("Reschedule.Reason", "暴雨")], url + "?handler=Reschedule");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await AppClient.ParseAsync(missing)).QuerySelector("[data-valmsg-for='Reschedule.CustomerToldBy']")!.TextContent));

        using var moved = await dispatcher.PostFormAsync(url, [new("Reschedule.Version", version), new("Reschedule.Date", D(TestData.Today.AddDays(3))), new("Reschedule.Slot", "Evening"), new("Reschedule.Reason", "暴雨"), new("Reschedule.Weather", "true"), new("Reschedule.CustomerToldBy", "dispatch1")], url + "?handler=Reschedule");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await dispatcher.GetDocumentAsync(url);
        var history = Assert.Single(after.QuerySelectorAll("[data-testid=reschedule-history] li"));
        Assert.Equal("true", history.GetAttribute("data-weather"));
        Assert.Contains("暴雨", history.TextContent, StringComparison.Ordinal);
        Assert.Contains(D(TestData.Today.AddDays(3)), after.QuerySelector("[data-testid=appointment]")!.TextContent, StringComparison.Ordinal);

        // A second post with the old version is a conflict, not a silent overwrite.
        using var stale = await dispatcher.PostFormAsync(url, [new("Reschedule.Version", version), new("Reschedule.Date", D(TestData.Today.AddDays(4))), new("Reschedule.Slot", "Morning"), new("Reschedule.Reason", "客户要求"), new("Reschedule.CustomerToldBy", "dispatch1")], url + "?handler=Reschedule");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        await using var db = App.NewDbContext();
        Assert.Single((await db.WorkOrders.AsNoTracking().SingleAsync()).AppointmentChanges);
    }

    [Fact]
    public async Task The_repair_period_is_extended_before_the_deadline_once_the_customer_was_told()
    {
        var workOrder = await WorkOrderWithClockAsync(TestData.Today);
        var deadline = workOrder.Deadline!.Value;
        var url = "/Dispatch/WorkOrder/" + workOrder.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        var page = await dispatcher.GetDocumentAsync(url);
        var version = page.QuerySelector("#Extend_Version")!.GetAttribute("value")!;

        using var notLater = await dispatcher.PostFormAsync(url, [new("Extend.Version", version), new("Extend.NewDeadline", D(deadline)), new("Extend.CustomerToldBy", "dispatch1")], url + "?handler=Extend");
        Assert.Equal(HttpStatusCode.OK, notLater.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await AppClient.ParseAsync(notLater)).QuerySelector("[data-valmsg-for='Extend.NewDeadline']")!.TextContent));

        using var extended = await dispatcher.PostFormAsync(url, [new("Extend.Version", version), new("Extend.NewDeadline", D(deadline.AddDays(5))), new("Extend.CustomerToldBy", "dispatch1"), new("Extend.Note", "配件缺货，已电话告知客户")], url + "?handler=Extend");
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        await using var db = App.NewDbContext();
        var after = await db.WorkOrders.AsNoTracking().SingleAsync();
        Assert.Equal(deadline.AddDays(5), after.Deadline);
        Assert.Equal("dispatch1", Assert.Single(after.Extensions).Notification.NotifiedBy);
    }

    [Fact]
    public async Task An_overdue_repair_cannot_be_extended_and_managers_see_it_in_the_overdue_list()
    {
        var workOrder = await WorkOrderWithClockAsync(TestData.Today.AddDays(-40));
        var url = "/Dispatch/WorkOrder/" + workOrder.Id;
        using var dispatcher = await Client().SignedInAsync("dispatch1");
        using var refused = await dispatcher.PostFormAsync(url, [new("Extend.Version", workOrder.Version.ToString(CultureInfo.InvariantCulture)), new("Extend.NewDeadline", D(TestData.Today.AddDays(5))), new("Extend.CustomerToldBy", "dispatch1")], url + "?handler=Extend");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(D(workOrder.Deadline!.Value), (await AppClient.ParseAsync(refused)).QuerySelector("[data-testid=work-order-errors]")!.TextContent, StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        Assert.Equal(workOrder.Deadline, (await db.WorkOrders.AsNoTracking().SingleAsync()).Deadline);

        var board = await dispatcher.GetDocumentAsync("/Dispatch?F.View=orders");
        Assert.Equal("Overdue", board.QuerySelector($"[data-testid=work-order-row][data-id='{workOrder.Id}']")!.GetAttribute("data-clock"));
        Assert.Null(board.QuerySelector("[data-testid=tab-overdue]"));
        Assert.Null((await dispatcher.GetDocumentAsync("/Dispatch?F.View=overdue")).QuerySelector("[data-testid=overdue]"));
        using var manager = await Client().SignedInAsync("manager1");
        var managerBoard = await manager.GetDocumentAsync("/Dispatch?F.View=overdue");
        Assert.Equal("1", managerBoard.QuerySelector("[data-testid=overdue-total]")!.TextContent);
        Assert.NotNull(managerBoard.QuerySelector($"[data-testid=overdue-row][data-id='{workOrder.Id}']"));
    }
}
