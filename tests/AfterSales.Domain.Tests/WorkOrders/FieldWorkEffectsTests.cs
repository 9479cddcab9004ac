using AfterSales.Domain.Calendar;
using AfterSales.Domain.Customers;
using AfterSales.Domain.FollowUps;
using AfterSales.Domain.Products;
using AfterSales.Domain.Tests.Tickets;
using AfterSales.Domain.Tickets;
using AfterSales.Domain.Warranty;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Tests.WorkOrders;

/// <summary>
/// What a technician's steps do beyond the work order: the events the work order raises, and the rules that react
/// to them (the ticket's warranty, its status, the follow-up call every repair gets).
/// </summary>
public sealed class FieldWorkEffectsTests
{
    private static readonly DateOnly Today = TicketBuilder.Today; // Monday 2026-03-02
    private static readonly DateTimeOffset At = TicketBuilder.At;

    private static byte[] Signature()
    {
        var bytes = new byte[200];
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        header.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A work order of the test tickets (id 0) for tech1, diagnosed without human damage; no events pending.</summary>
    private static WorkOrder Diagnosed()
    {
        var w = WorkOrder.Create(0, "tech1", Today, TimeSlot.Morning, At, "dispatch1");
        w.Accept(At);
        w.Arrive(At, true, null);
        w.Diagnose("压缩机电容损坏", false, At);
        Assert.Empty(w.DomainEvents);
        return w;
    }

    private static Ticket AssignedInWarranty()
    {
        var ticket = TicketBuilder.NewTicket(TicketBuilder.InWarranty());
        ticket.Assign("tech1", At);
        return ticket;
    }

    private static ProductModel Model() => new(1, "KFR-35GW", "挂壁式空调", 12);

    private static Unit BoughtLastSummer() => new(7, 1, "KF2506-0001", new DateOnly(2025, 6, 1), true, null, null, Today);

    // --- the events the work order raises ---

    [Fact]
    public void Completing_the_work_order_raises_WorkOrderCompleted_at_the_customers_signature()
    {
        var w = Diagnosed();
        w.Complete("王女士", Signature(), null, At);
        var completed = Assert.IsType<WorkOrderCompleted>(Assert.Single(w.DomainEvents));
        Assert.Same(w, completed.WorkOrder);
        Assert.Equal(At, completed.At);
    }

    public enum WorkStep
    {
        AddPart,
        RecordLabour,
        ReturnToFactory,
    }

    [Theory]
    [InlineData(WorkStep.AddPart)]
    [InlineData(WorkStep.RecordLabour)]
    [InlineData(WorkStep.ReturnToFactory)]
    public void Parts_hours_or_the_return_to_the_factory_raise_RepairWorkRecorded(WorkStep step)
    {
        var w = Diagnosed();
        switch (step)
        {
            case WorkStep.AddPart:
                w.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 42.5m, true));
                break;
            case WorkStep.RecordLabour:
                w.RecordLabour(1m, 80m, 0m, null);
                break;
            default:
                w.ReturnToFactory("SF1234567", Today, 15, WorkingCalendar.WeekendsOnly);
                break;
        }

        Assert.Same(w, Assert.IsType<RepairWorkRecorded>(Assert.Single(w.DomainEvents)).WorkOrder);
    }

    [Fact]
    public void Extras_removals_an_unfinished_visit_and_a_diagnosis_without_human_damage_raise_nothing()
    {
        var w = Diagnosed();
        w.AddExtraService("清洗保养", 80m);
        w.RemoveExtraService(0);
        w.Diagnose("主板元件损坏", false, At, partsNeeded: true, Today, WorkingCalendar.WeekendsOnly);
        w.MarkUnfinished("配件未到", Today.AddDays(2), Today);
        Assert.Empty(w.DomainEvents);
    }

    [Theory]
    [InlineData(false, true, true)] // found
    [InlineData(true, true, true)] // confirmed again
    [InlineData(true, false, false)] // withdrawn
    public void Human_damage_found_confirmed_or_withdrawn_raises_HumanDamageRecorded(bool before, bool now, bool recorded)
    {
        var w = WorkOrder.Create(0, "tech1", Today, TimeSlot.Morning, At, "dispatch1");
        w.Accept(At);
        w.Arrive(At, true, null);
        w.Diagnose("外壳摔裂", before, At);
        w.ClearDomainEvents();
        w.Diagnose("外壳摔裂", now, At.AddMinutes(5));
        var e = Assert.IsType<HumanDamageRecorded>(Assert.Single(w.DomainEvents));
        Assert.Equal(recorded, e.HumanDamage);
        Assert.Equal(At.AddMinutes(5), e.At);
    }

    [Fact]
    public void A_refused_step_raises_nothing()
    {
        var w = Diagnosed();
        Assert.Throws<DomainException>(() => w.Complete("王女士", [1, 2, 3], null, At));
        Assert.Throws<DomainException>(() => w.AddPart(new PartLine("", "压缩机电容", 1, 42.5m, true)));
        Assert.Throws<DomainException>(() => w.RecordLabour(-1m, 80m, 0m, null));
        Assert.Throws<DomainException>(() => w.ReturnToFactory("", Today, 15, WorkingCalendar.WeekendsOnly));
        Assert.Empty(w.DomainEvents);
        Assert.Equal(WorkOrderStatus.Diagnosed, w.Status);
        Assert.Null(w.ShipmentReference);
    }

    [Fact]
    public void Events_are_kept_in_order_until_cleared()
    {
        var w = Diagnosed();
        w.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 42.5m, true));
        w.RecordLabour(1m, 80m, 0m, null);
        w.Complete("王女士", Signature(), null, At);
        Assert.Collection(w.DomainEvents, e => Assert.IsType<RepairWorkRecorded>(e), e => Assert.IsType<RepairWorkRecorded>(e), e => Assert.IsType<WorkOrderCompleted>(e));
        w.ClearDomainEvents();
        Assert.Empty(w.DomainEvents);
    }

    // --- completing the repair: the ticket and the follow-up call ---

    [Fact]
    public void A_signed_work_order_completes_the_ticket_and_makes_the_follow_up_call_due_the_next_working_day()
    {
        var ticket = AssignedInWarranty();
        var w = Diagnosed();
        w.Complete("王女士", Signature(), null, At.AddHours(2));
        var followUp = FieldWorkEffects.CompleteRepair((WorkOrderCompleted)w.DomainEvents[0], ticket, Today, WorkingCalendar.WeekendsOnly);

        Assert.Equal(TicketStatus.Completed, ticket.Status);
        Assert.Equal(At.AddHours(2), ticket.StartedAt);
        Assert.Equal(At.AddHours(2), ticket.CompletedAt);
        Assert.Equal(FollowUpStatus.Pending, followUp.Status);
        Assert.Equal(Today.AddDays(1), followUp.DueOn);
        Assert.Equal(ticket.Id, followUp.TicketId);
        Assert.Equal(w.Id, followUp.WorkOrderId);
        Assert.Equal("tech1", followUp.TechnicianId);
    }

    [Theory]
    [InlineData("2026-03-06", "2026-03-09")] // Friday → Monday
    [InlineData("2026-03-07", "2026-03-09")] // completed on a Saturday → Monday
    [InlineData("2026-09-30", "2026-10-08")] // before the National Day week → the first working day after it
    public void The_follow_up_call_is_due_the_next_working_day_after_the_completion(string completedOn, string due)
    {
        var ticket = AssignedInWarranty();
        var w = Diagnosed();
        w.Complete("王女士", Signature(), null, At);
        var followUp = FieldWorkEffects.CompleteRepair((WorkOrderCompleted)w.DomainEvents[0], ticket, DateOnly.Parse(completedOn, System.Globalization.CultureInfo.InvariantCulture), ChinaPublicHolidays.Calendar);
        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), followUp.DueOn);
    }

    [Fact]
    public void A_chargeable_repair_without_the_customers_accepted_quote_cannot_be_completed()
    {
        var ticket = TicketBuilder.NewTicket(TicketBuilder.OutOfWarranty());
        ticket.Assign("tech1", At);
        var w = Diagnosed();
        w.Complete("王女士", Signature(), null, At);
        var error = Assert.Throws<DomainException>(() => FieldWorkEffects.CompleteRepair((WorkOrderCompleted)w.DomainEvents[0], ticket, Today, WorkingCalendar.WeekendsOnly));
        Assert.Equal("ticket.consent_required", error.Code);
        Assert.Equal(TicketStatus.Assigned, ticket.Status);
    }

    [Fact]
    public void A_ticket_already_completed_refuses_a_second_completion()
    {
        var ticket = TicketBuilder.InStatus(TicketStatus.Completed);
        var w = Diagnosed();
        w.Complete("王女士", Signature(), null, At);
        Assert.Equal("ticket.illegal_transition", Assert.Throws<DomainException>(() => FieldWorkEffects.CompleteRepair((WorkOrderCompleted)w.DomainEvents[0], ticket, Today, WorkingCalendar.WeekendsOnly)).Code);
    }

    [Fact]
    public void An_event_of_another_tickets_work_order_is_refused()
    {
        var w = WorkOrder.Create(42, "tech1", Today, TimeSlot.Morning, At, "dispatch1");
        w.Accept(At);
        w.Arrive(At, true, null);
        w.Diagnose("漏水", false, At);
        w.Complete("王女士", Signature(), null, At);
        Assert.Throws<ArgumentException>(() => FieldWorkEffects.CompleteRepair((WorkOrderCompleted)w.DomainEvents[0], AssignedInWarranty(), Today, WorkingCalendar.WeekendsOnly));
    }

    // --- parts, hours, factory: the ticket is in progress ---

    [Fact]
    public void Work_recorded_on_an_assigned_repair_in_warranty_starts_the_ticket()
    {
        var ticket = AssignedInWarranty();
        var w = Diagnosed();
        w.AddPart(new PartLine("C-35UF", "压缩机电容", 1, 42.5m, true));
        FieldWorkEffects.StartWork((RepairWorkRecorded)w.DomainEvents[0], ticket, At.AddHours(1));
        Assert.Equal(TicketStatus.InProgress, ticket.Status);
        Assert.Equal(At.AddHours(1), ticket.StartedAt);
    }

    [Fact]
    public void Work_recorded_on_a_chargeable_repair_without_consent_is_refused()
    {
        var ticket = TicketBuilder.NewTicket(TicketBuilder.OutOfWarranty());
        ticket.Assign("tech1", At);
        var w = Diagnosed();
        w.RecordLabour(1m, 80m, 0m, null);
        Assert.Equal("ticket.consent_required", Assert.Throws<DomainException>(() => FieldWorkEffects.StartWork((RepairWorkRecorded)w.DomainEvents[0], ticket, At)).Code);
    }

    // --- human damage: the warranty decided again ---

    [Fact]
    public void Human_damage_found_puts_the_repair_out_of_warranty_stops_the_work_and_keeps_the_expiry_on_record()
    {
        var ticket = AssignedInWarranty();
        ticket.StartWork(At);
        var expiry = ticket.WarrantyExpiresOn;
        var w = Diagnosed();
        w.Diagnose("外壳摔裂，进水", true, At);
        FieldWorkEffects.RedecideWarranty((HumanDamageRecorded)w.DomainEvents[0], ticket, Model(), BoughtLastSummer(), Today);

        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
        Assert.Contains(ticket.WarrantyReasons, r => r.Code == WarrantyCodes.HumanDamage);
        Assert.Equal(TicketStatus.AwaitingQuote, ticket.Status);
        Assert.Equal(expiry, ticket.WarrantyExpiresOn);
    }

    [Fact]
    public void Human_damage_withdrawn_decides_the_warranty_from_the_units_facts_again()
    {
        var ticket = AssignedInWarranty();
        var w = Diagnosed();
        w.Diagnose("外壳摔裂", true, At);
        FieldWorkEffects.RedecideWarranty((HumanDamageRecorded)w.DomainEvents[^1], ticket, Model(), BoughtLastSummer(), Today);
        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);

        w.Diagnose("压缩机电容损坏（非人为）", false, At);
        FieldWorkEffects.RedecideWarranty((HumanDamageRecorded)w.DomainEvents[^1], ticket, Model(), BoughtLastSummer(), Today);
        Assert.Equal(WarrantyStatus.InWarranty, ticket.WarrantyStatus);
        Assert.DoesNotContain(ticket.WarrantyReasons, r => r.Code == WarrantyCodes.HumanDamage);
    }

    [Fact]
    public void Without_a_model_or_unit_on_record_human_damage_still_decides_out_of_warranty()
    {
        var ticket = AssignedInWarranty();
        var w = Diagnosed();
        w.Diagnose("外壳摔裂", true, At);
        FieldWorkEffects.RedecideWarranty((HumanDamageRecorded)w.DomainEvents[0], ticket, null, null, Today);
        Assert.Equal(WarrantyStatus.OutOfWarranty, ticket.WarrantyStatus);
        Assert.NotNull(ticket.WarrantyExpiresOn);
    }
}
